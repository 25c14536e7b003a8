import { Injectable, inject } from '@angular/core';
import { injectCallCard } from 'b24-call-card-rx/angular';
import { callLogic } from './call-logic';
import { Softphone } from './softphone';

/** Runs the call logic on the app's card for as long as the app lives. */
@Injectable({ providedIn: 'root' })
export class CallFlow {
  private readonly card = injectCallCard();

  constructor() {
    this.card.apply(callLogic(this.card, inject(Softphone)));
  }
}
