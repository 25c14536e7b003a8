// Replays a probe file's session log against the tour itself, in Node and virtual time: the
// probe's own check that its log is whole (every command the tour sent is in it, answered as
// the portal answered) and that the tour is deterministic (the same steps, notes and answers).
// Used by spec/examples/host-probe.spec.ts and the probe's browser test.
import { isDeepStrictEqual } from 'node:util';
import { asyncScheduler } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { connectCallCard } from 'b24-call-card-rx';
import { replaySession } from 'b24-call-card-rx/testing';
import { runTour } from './tour.mjs';

/** A step without its times (real ones in the portal, exact ones in a replay). */
export function untimed(step) {
  const copy = { ...step };
  for (const key of ['at', 'endedAt', 'startedAt']) delete copy[key];
  return copy;
}

/**
 * Replays `file.log` with the tour (`file.options`) under `TestScheduler.run`, as probe.mjs runs
 * it: `recordCallCard`'s place taken by the replay, every event bound from the start.
 *
 * @returns {{ mismatches: readonly unknown[], steps: object[], snapshot: unknown }} the replay's
 *   mismatches, the tour's step results (untimed) and the card's final snapshot
 */
export function replayProbeFile(file) {
  let result;
  new TestScheduler((actual, expected) => {
    if (!isDeepStrictEqual(actual, expected)) throw new Error('marble assertion failed');
  }).run(({ flush }) => {
    const placement = replaySession(file.log);
    const card = connectCallCard(placement);
    const everything = card.events.all$.subscribe();
    const steps = [];
    runTour({
      placement,
      card,
      scheduler: asyncScheduler,
      options: file.options,
      rawCalls: [],
    }).subscribe((step) => steps.push(untimed(step)));
    flush();
    result = { mismatches: placement.mismatches(), steps, snapshot: card.snapshot() };
    everything.unsubscribe();
    card.dispose();
  });
  return result;
}
