import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { asyncScheduler } from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import { connectCallCard, deferPlacement } from 'b24-call-card-rx';
import type { PlacementPort } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import { settled } from '../support/later';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
// The flag is process-wide: later spec files in this worker must not get a global `gc`.
afterAll(() => setFlagsFromString('--no-expose-gc'));

/** Makes a facade on `placement` with a scheduler of its own, uses it, disposes it. */
function useAndDispose(placement: PlacementPort, scheduler: SchedulerLike): void {
  const card = connectCallCard(placement, { scheduler });
  card.state$.subscribe();
  card.dispose();
}

/** Whether a facade made on `placement`, used and disposed, can be garbage-collected. */
async function collectedAfterDispose(placement: PlacementPort): Promise<boolean> {
  // The facade keeps its scheduler (its store is kept per scheduler) while it is reachable.
  const ref = new WeakRef(ownScheduler());
  useAndDispose(placement, ref.deref()!);
  for (let i = 0; i < 5; i++) {
    gc();
    await settled();
  }
  return ref.deref() === undefined;
}

function ownScheduler(): SchedulerLike {
  return {
    now: () => asyncScheduler.now(),
    schedule: (...args: Parameters<SchedulerLike['schedule']>) => asyncScheduler.schedule(...args),
  };
}

// `CallCard.dispose()` "mutes its listeners; the last card disposed on a placement releases every
// library listener" (and the heap budget per facade), also on a `deferPlacement` that has not
// settled. This broke while a facade hung a `ready.catch(...)` on the deferred placement at
// creation (to report a failed start on `errors$`) that `dispose()` could not take back: until the
// placement settled, every disposed facade stayed reachable through that reaction, with its store,
// its subjects and its scheduler (about 3 KB each). An app whose start-up never settles (the SDK's
// handshake outside a portal) and that makes a facade per route or component would keep them all.
describe('a disposed facade on a deferred placement that has not started yet', () => {
  it('is released like a facade on any other placement', async () => {
    expect(await collectedAfterDispose(createTestPlacement())).toBe(true);
    const pending = deferPlacement(new Promise<PlacementPort>(() => undefined));
    expect(await collectedAfterDispose(pending)).toBe(true);
  });
});
