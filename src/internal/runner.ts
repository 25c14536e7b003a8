import { guarded } from './report-error';

/**
 * Runs work in order under re-entrancy (internal): the one runner every ordered delivery of the
 * library uses (host events, applied commands, snapshots, the command queue).
 */
export interface Runner {
  /** Whether a work of this runner is running (a `run` now would queue its work). */
  busy(): boolean;
  /** Whether works wait behind the one running (a `run` now would queue its work after them). */
  queued(): boolean;
  /**
   * Runs `work(a, b)` now; or, when called from inside a work of this runner, right after that
   * one (and any queued before it), still synchronously inside the outermost call.
   */
  run<A, B>(work: (a: A, b: B) => void, a: A, b: B): void;
}

/**
 * A new runner.
 *
 * Why: a listener may cause the next value while it handles one (a command the host
 * acknowledges synchronously, a host event raised from a handler). Delivered at once, that value
 * would reach the listeners after this one before they saw the current value, so different
 * listeners would see different orders. Queued, every listener sees every value in the same
 * order, with no artificial asynchrony.
 *
 * Rules:
 * 1. Idle, `run` calls `work` directly: nothing is allocated.
 * 2. A work that throws is reported (`reportError`) and the next one still runs: nothing is left
 *    behind in the queue.
 * 3. The runner holds plain data and functions only, so the ESM and CJS builds may share one.
 */
export function createRunner(): Runner {
  // Flat triples (work, a, b) queued behind the running work, emptied when the outermost run
  // ends, so nothing is kept alive by the queue once it is idle.
  const pending: unknown[] = [];
  /** The slot of the next queued work to run. */
  let at = 0;
  let running = false;
  return {
    busy: () => running,
    queued: () => at < pending.length,
    run(work, a, b) {
      if (running) {
        pending.push(work, a, b);
        return;
      }
      running = true;
      try {
        guarded(work, a, b);
        // The queue grows while we walk: each work may queue more.
        while (at < pending.length) {
          at += 3;
          guarded(
            pending[at - 3] as (a: unknown, b: unknown) => void,
            pending[at - 2],
            pending[at - 1],
          );
        }
      } finally {
        // Emptied only when it was used: setting `length` costs more than a whole idle run.
        if (pending.length > 0) pending.length = 0;
        at = 0;
        running = false;
      }
    },
  };
}
