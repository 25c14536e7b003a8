import type { SchedulerLike } from 'rxjs';
// rxjs's own schedulers read their clock here; `TestScheduler.run` points its `delegate` at the
// test scheduler for the length of the run. The module is the one rxjs's schedulers use (the
// package's `internal/*` export), so both builds of this library see the run of their rxjs.
import { dateTimestampProvider } from 'rxjs/internal/scheduler/dateTimestampProvider';

/**
 * Whether `scheduler` runs on virtual time, as only tests do:
 * 1. an rxjs `VirtualTimeScheduler` (`TestScheduler` extends it) handed over as the scheduler;
 * 2. inside `TestScheduler.run`, any scheduler whose clock reads the run's virtual time: rxjs's
 *    own (`asyncScheduler`, the library's default, reads its clock from the test scheduler
 *    then), and a wrapper that takes its time from them (as the Angular entry's scheduler that
 *    runs ticks outside Angular's zone does). A scheduler on the platform's clock reads the
 *    epoch time, never the run's frame.
 *
 * Recognised by shape (`frame`, `maxFrames`, `flush`), not by `instanceof`: an app or a test may
 * load two copies of rxjs, and a scheduler of the other copy is no instance of this one's class.
 * A value whose inspection throws (a hostile Proxy) is not virtual: this never throws.
 */
export function isVirtualTime(scheduler: SchedulerLike): boolean {
  try {
    const run = dateTimestampProvider.delegate;
    return (
      isVirtualTimeScheduler(scheduler) ||
      (isVirtualTimeScheduler(run) && scheduler.now() === run?.now())
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
