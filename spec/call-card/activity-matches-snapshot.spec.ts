import { VirtualAction, VirtualTimeScheduler } from 'rxjs';
import { callCardState, connectCallCard, setUiState } from 'b24-call-card-rx';
import type { CallCardSnapshot } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import { callInfo } from '../support/fixtures';

// "`card.activity$.pipe(callCardState())` always equals `card.snapshot()`" (CallCard.activity$
// JSDoc), also with the documented way to virtualise time, `connectCallCard(placement, {
// scheduler })`. This broke when the facade reduced with its own `scheduler` and the operator
// with `asyncScheduler`: a `command` activity carried no time, so the timer's `startedAt` differed.
describe('activity$ through callCardState() on a facade with its own scheduler', () => {
  it('equals snapshot() after a connected state starts the timer', () => {
    const scheduler = new VirtualTimeScheduler(VirtualAction, 10_000);
    const placement = createTestPlacement({ scheduler });
    const card = connectCallCard(placement, { scheduler });
    let piped: CallCardSnapshot | undefined;
    card.activity$.pipe(callCardState()).subscribe((s) => (piped = s));
    placement.emit('initialized', callInfo());
    card.send(setUiState('connected'));
    scheduler.flush();
    expect(card.snapshot().timer.running).toBe(true);
    expect(piped).toEqual(card.snapshot());
    card.dispose();
  });
});
