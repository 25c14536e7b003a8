import { NgComponentOutlet } from '@angular/common';
import { Component, inject } from '@angular/core';
import { setHold, setMute } from 'b24-call-card-rx';
import { injectCallCard } from 'b24-call-card-rx/angular';
import { environment } from '../environments/environment';
import { CallFlow } from './call-flow';

@Component({
  selector: 'app-root',
  imports: [NgComponentOutlet],
  templateUrl: './app.html',
  styleUrl: './app.css',
})
export class App {
  protected readonly card = injectCallCard();
  protected readonly devTools = environment.devTools;

  constructor() {
    inject(CallFlow);
  }

  /** The app's own Mute/Hold (e.g. its softphone's): the card shows them, no event follows. */
  protected toggleMute(): void {
    this.card.send(setMute(!this.card.state().muted));
  }

  protected toggleHold(): void {
    this.card.send(setHold(!this.card.state().held));
  }
}
