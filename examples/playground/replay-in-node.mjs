// Replays a session log the playground's app saved against the app's own call logic, in Node, in
// virtual time: what spec/examples/playground-fixture.spec.ts does for the committed fixture, here
// for a log the browser test has just recorded (so CI checks that a fresh recording replays too).
// It runs the built package, as the browser did.
import { isDeepStrictEqual } from 'node:util';
import { TestScheduler } from 'rxjs/testing';
import { connectCallCard } from 'b24-call-card-rx';
import { replaySession } from 'b24-call-card-rx/testing';
import { callLogic } from './call-logic.mjs';

/**
 * Replays `log` (a `CallCardSessionLog`, or its JSON text) against `callLogic` under
 * `TestScheduler.run`.
 *
 * @returns {{ mismatches: readonly unknown[], sent: string[], snapshot: unknown }} the replay's
 *   mismatches, the commands the app sent (`name paramsJSON`) and the card's final snapshot
 */
export function replayInNode(log) {
  let result;
  new TestScheduler((actual, expected) => {
    if (!isDeepStrictEqual(actual, expected)) throw new Error('marble assertion failed');
  }).run(({ flush }) => {
    const placement = replaySession(log);
    const card = connectCallCard(placement);
    card.apply(callLogic(card));
    flush();
    result = {
      mismatches: placement.mismatches(),
      sent: placement.sent().map((c) => `${c.command} ${JSON.stringify(c.params)}`),
      snapshot: card.snapshot(),
    };
    card.dispose();
  });
  return result;
}
