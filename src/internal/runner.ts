import { reportError } from './report-error';

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
  // Flat triples (work, a, b), reused for the life of the runner: `count` slots are in use, and a
  // slot is cleared once its work ran, so nothing is kept alive by the queue.
  const pending: unknown[] = [];
  let count = 0;
  /** The slot of the next queued work to run. */
  let at = 0;
  let running = false;
  return {
    busy: () => running,
    queued: () => at < count,
    run(work, a, b) {
      if (running) {
        pending[count] = work;
        pending[count + 1] = a;
        pending[count + 2] = b;
        count += 3;
        return;
      }
      running = true;
      try {
        try {
          work(a, b);
        } catch (error) {
          reportError(error);
        }
        // `count` grows while we walk: each work may queue more.
        for (at = 0; at < count;) {
          const i = at;
          at += 3;
          const next = pending[i] as (a: unknown, b: unknown) => void;
          const first = pending[i + 1];
          const second = pending[i + 2];
          pending[i] = pending[i + 1] = pending[i + 2] = undefined;
          try {
            next(first, second);
          } catch (error) {
            reportError(error);
          }
        }
      } finally {
        count = 0;
        at = 0;
        running = false;
      }
    },
  };
}
