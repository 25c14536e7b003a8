import type { SchedulerLike, Subscription } from 'rxjs';
import { reportError } from '../internal/report-error';

/**
 * What a replay has to do and when, on one scheduler (internal).
 *
 * @internal
 */
export interface Timeline {
  /**
   * Runs `run` at scheduler time `time` (at once when that has passed). Things due at the same
   * time run by `rank` (their place in the log), then in the order they were added.
   */
  at(time: number, rank: number, run: () => void): void;
  /** Drops everything not run yet; nothing stays scheduled. */
  stop(): void;
}

interface Due {
  readonly time: number;
  readonly rank: number;
  readonly order: number;
  readonly run: () => void;
}

const before = (a: Due, b: Due): boolean =>
  a.time !== b.time ? a.time < b.time : a.rank !== b.rank ? a.rank < b.rank : a.order < b.order;

/**
 * Makes a timeline on `scheduler` (internal). One scheduler action at a time waits for the
 * earliest thing due, so a replay costs one timer however long its log; what a `run` adds for
 * the same time runs in the same action, in rank order. A `run` that throws is reported
 * (`reportError`) and the timeline goes on.
 *
 * @internal
 */
export function createTimeline(scheduler: SchedulerLike): Timeline {
  const queue: Due[] = [];
  let order = 0;
  let action: Subscription | undefined;
  let wakeAt = Infinity;
  let draining = false;

  const drain = (): void => {
    action = undefined;
    wakeAt = Infinity;
    draining = true;
    try {
      while (queue.length > 0 && (queue[0] as Due).time <= scheduler.now()) {
        const due = queue.shift() as Due;
        try {
          due.run();
        } catch (error) {
          reportError(error);
        }
      }
    } finally {
      draining = false;
    }
    wake();
  };

  // Schedules the action for the earliest thing due, unless one already waits for it (or a drain
  // under way will reach it).
  const wake = (): void => {
    const head = queue[0];
    if (head === undefined || draining || head.time >= wakeAt) return;
    action?.unsubscribe();
    wakeAt = head.time;
    action = scheduler.schedule(drain, Math.max(0, head.time - scheduler.now()));
  };

  return {
    at(time, rank, run) {
      const due: Due = { time, rank, order: order++, run };
      let i = queue.length;
      while (i > 0 && before(due, queue[i - 1] as Due)) i -= 1;
      queue.splice(i, 0, due);
      wake();
    },
    stop() {
      queue.length = 0;
      action?.unsubscribe();
      action = undefined;
      wakeAt = Infinity;
    },
  };
}
