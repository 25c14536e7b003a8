import { of, take } from 'rxjs';
import {
  applyCommands,
  connectCallCard,
  setCardTitle,
  setMute,
  setStatusText,
} from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import { callInfo } from '../support/fixtures';

// `applyCommands` rule 9, "Unsubscribing cancels the sink's queued, unsent commands", and
// `CallCard.dispose()`, "cancels its queued commands" / `apply`: "Unsubscribe (or `dispose()`) to
// stop: queued, unsent commands are dropped", also while an outcome is delivered. This broke with
// a host that answers at once (the test placement, the simulator, BX24 on the desktop): such an
// unsubscribe only queued the cancel in the queue's runner, behind the pump already queued for the
// next command, and that pump sent the next command of the sink that had just left.
describe('a sink unsubscribed while its outcome is delivered still sends its next command', () => {
  it('take(1) on the outcomes cancels the commands queued behind the first', () => {
    const placement = createTestPlacement();
    const outcomes: string[] = [];
    of(setCardTitle('Ann Lee'), setStatusText('Ringing'), setMute(true))
      .pipe(applyCommands(placement), take(1))
      .subscribe((o) => outcomes.push(o.command.name));
    // The three commands wait for the card; the host answers each at once.
    placement.emit('initialized', callInfo());
    expect(outcomes).toEqual(['CallCardSetCardTitle']);
    expect(placement.calls.map((c) => c.command)).toEqual(['CallCardSetCardTitle']);
  });

  it('dispose() from the result of send() cancels what apply() queued', () => {
    const placement = createTestPlacement();
    const card = connectCallCard(placement);
    card.send(setCardTitle('Ann Lee')).subscribe({ complete: () => card.dispose() });
    card.apply(of(setStatusText('Ringing'), setMute(true)));
    placement.emit('initialized', callInfo());
    expect(card.disposed).toBe(true);
    expect(placement.calls.map((c) => c.command)).toEqual(['CallCardSetCardTitle']);
  });
});
