import { Component, computed } from '@angular/core';
import type { ButtonName } from 'b24-call-card-rx';
import { injectCallCard } from 'b24-call-card-rx/angular';
import { devSimulator } from './dev-simulator';

/** Development only: plays the portal's side of the call card on the simulator. */
@Component({
  selector: 'app-simulator-panel',
  template: `
    <section class="panel" aria-label="Simulator">
      <h2>Simulator (development only)</h2>
      <button type="button" (click)="ringIncoming()">Ring (incoming)</button>
      <button type="button" (click)="ringOutgoing()">Ring (outgoing)</button>
      <div>
        @for (button of buttons(); track button) {
          <button type="button" [attr.data-button]="button" (click)="press(button)">
            {{ button }}
          </button>
        }
      </div>
      <pre data-testid="host-view">{{ view() }}</pre>
    </section>
  `,
  styles: `
    .panel {
      margin-top: 2rem;
      padding: 0.5rem 1rem;
      border: 1px dashed #9aa5b1;
    }
  `,
})
export class SimulatorPanel {
  private readonly card = injectCallCard();
  private calls = 0;

  /** The host's card, re-read whenever the app's view of it changes (a tick included). */
  protected readonly view = computed(() => {
    this.card.state();
    this.card.timer();
    return devSimulator.view();
  });
  protected readonly buttons = computed(() => {
    this.card.state();
    return devSimulator.card().buttons.filter((b) => !PAYLOAD_BUTTONS.has(b));
  });

  protected ringIncoming(): void {
    this.calls += 1;
    devSimulator.ring({
      phoneNumber: '+1 555 0100',
      crm: { entityType: 'CONTACT', entityId: 7, name: 'Anna Example' },
      callId: `dev-call-${this.calls}`,
    });
  }

  protected ringOutgoing(): void {
    this.calls += 1;
    devSimulator.ring({
      direction: 'outgoing',
      phoneNumber: '+1 555 0199',
      callId: `dev-call-${this.calls}`,
    });
  }

  protected press(button: ButtonName): void {
    devSimulator.press(button as Exclude<ButtonName, 'dialpad' | 'transfer' | 'qualityMeter'>);
  }
}

/** Buttons that need a payload (a key, a colleague, a grade): not in this small panel. */
const PAYLOAD_BUTTONS: ReadonlySet<ButtonName> = new Set(['dialpad', 'transfer', 'qualityMeter']);
