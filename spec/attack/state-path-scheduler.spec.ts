import { VirtualAction, VirtualTimeScheduler } from 'rxjs';
import { callCardState, connectCallCard, setUiState } from 'b24-call-card-rx';
import type { CallCardSnapshot } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import { callInfo } from '../support/fixtures';

// Promise broken: "`card.activity$.pipe(callCardState())` always equals `card.snapshot()`"
// (CallCard.activity$ JSDoc, issue 10 "One state path"). The facade reduces with its own
// `scheduler`, the operator with `asyncScheduler`, and a `command` activity carries no time: with
// the documented way to virtualise time (`connectCallCard(placement, { scheduler })`) the timer's
// `startedAt` differs.
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
