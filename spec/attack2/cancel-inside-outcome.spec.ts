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

// Promises broken: `applyCommands` rule 9, "Unsubscribing cancels the sink's queued, unsent
// commands", and `CallCard.dispose()`, "cancels its queued commands" / `apply`: "Unsubscribe (or
// `dispose()`) to stop: queued, unsent commands are dropped". With a host that answers at once
// (the test placement, the simulator, BX24 on the desktop), an unsubscribe made while an outcome
// is delivered only queues the cancel in the queue's runner, behind the pump that `finish`
// queued already; that pump sends the next command of the sink that just left (`step` never asks
// `sink.isActive()`).
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
