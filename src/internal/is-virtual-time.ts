import type { SchedulerLike } from 'rxjs';
// rxjs's own schedulers read their clock here; `TestScheduler.run` points its `delegate` at the
// test scheduler for the length of the run. The module is the one rxjs's schedulers use (the
// package's `internal/*` export), so both builds of this library see the run of their rxjs.
import { dateTimestampProvider } from 'rxjs/internal/scheduler/dateTimestampProvider';

/**
 * Whether `scheduler` runs on virtual time, as only tests do:
 * 1. an rxjs `VirtualTimeScheduler` (`TestScheduler` extends it) handed over as the scheduler;
 * 2. one of rxjs's own schedulers (`asyncScheduler`, the library's default) inside
 *    `TestScheduler.run`, which reads its clock from the test scheduler then.
 *
 * Recognised by shape (`frame`, `maxFrames`, `flush`), not by `instanceof`: an app or a test may
 * load two copies of rxjs, and a scheduler of the other copy is no instance of this one's class.
 * A scheduler on the platform's clock is never virtual, and a value whose inspection throws (a
 * hostile Proxy) is not either: this never throws.
 */
export function isVirtualTime(scheduler: SchedulerLike): boolean {
  try {
    return (
      isVirtualTimeScheduler(scheduler) ||
      (scheduler.now === dateTimestampProvider.now &&
        isVirtualTimeScheduler(dateTimestampProvider.delegate))
    );
  } catch {
    return false;
  }
}

function isVirtualTimeScheduler(value: unknown): boolean {
  const v = value as { frame?: unknown; maxFrames?: unknown; flush?: unknown } | null | undefined;
  return (
    typeof v?.frame === 'number' && typeof v.maxFrames === 'number' && typeof v.flush === 'function'
  );
}
