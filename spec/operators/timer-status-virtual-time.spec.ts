import { Subject, VirtualTimeScheduler, asyncScheduler, tap } from 'rxjs';
import type { Observable, SchedulerAction, SchedulerLike, Subscription } from 'rxjs';
import type { CallCardActivity } from '../../src/model/activity';
import { CallCardError } from '../../src/model/errors';
import { callCardState } from '../../src/operators/call-card-state';
import { timerStatus } from '../../src/operators/timer-status';
import type { TimerStatus, TimerStatusOptions } from '../../src/operators/timer-status';
import { openCard, startTimer, stopTimer, uiState } from './activity-fixtures';
import { testScheduler } from '../support/fixtures';

// timerStatus, rule 8: a running timer ticks for as long as the call lasts, so under
// `TestScheduler.run` (which returns only when nothing is scheduled) a test that never ends its
// call would never return. A timer that ticks 7 days of its scheduler's time or 1,000,000 times
// without the event loop turning once (a virtual clock) stops that with an error; on a real clock
// every tick is a task of its own, and it has no bound.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const A = { c: uiState('connected'), S: startTimer(), x: stopTimer() };

/** The card's timer over `activity`, with `options` for timerStatus; every value lands in `seen`. */
function timerOf(
  activity: Observable<CallCardActivity>,
  seen: TimerStatus[],
  options?: TimerStatusOptions,
): Observable<TimerStatus> {
  const scheduler = options?.scheduler;
  return activity.pipe(
    callCardState(
      scheduler === undefined ? { initial: openCard() } : { scheduler, initial: openCard() },
    ),
    timerStatus(options),
    tap((t) => seen.push(t)),
  );
}

/** What `run` threw, or a failure when it returned. */
function thrownBy(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the run to throw, but it returned');
}

describe('timerStatus on virtual time: a timer that never stops', () => {
  it('ends TestScheduler.run after 7 days of virtual time with an error naming the timer, the time and the fix', () => {
    const scheduler = testScheduler();
    const seen: TimerStatus[] = [];
    // No scheduler option: the default asyncScheduler, which TestScheduler.run virtualises.
    const error = thrownBy(() =>
      scheduler.run(({ hot }) => {
        timerOf(hot('100ms c', A), seen).subscribe();
      }),
    );
    expect(error).toBeInstanceOf(CallCardError);
    expect((error as Error).message).toBe(
      'timerStatus: the call timer ran 168:00:00 (604800 ticks, 100 to 604800100 ms) without a ' +
        'stop and without the event loop turning once: on a virtual clock, TestScheduler.run() ' +
        'or flush() would never return. End it before the test ends: card.dispose(), ' +
        'unsubscribe from timer$, or stopTimer().',
    );
    // Every tick below the bound was delivered; the tick at 7 days threw instead of emitting.
    expect(seen.at(-1)).toEqual({ status: 'running', elapsedMs: WEEK - 1000 });
    expect(seen).toHaveLength(1 + WEEK / 1000);
    // The error ended the flush: nothing is left scheduled.
    expect(scheduler.actions).toEqual([]);
  });

  it('bounds a TestScheduler given as the scheduler, inside and outside run', () => {
    const inRun = testScheduler();
    const inRunError = thrownBy(() =>
      inRun.run(({ hot }) => {
        timerOf(hot('c', A), [], { scheduler: inRun }).subscribe();
      }),
    );
    expect((inRunError as Error).message).toMatch(/^timerStatus: the call timer ran 168:00:00/);

    // Outside run, flush() stops at maxFrames; a test that raises it to Infinity hangs the same way.
    const outside = testScheduler();
    outside.maxFrames = Infinity;
    const subscription = timerOf(outside.createHotObservable('c', A), [], {
      scheduler: outside,
    }).subscribe();
    expect(() => outside.flush()).toThrow(/ran 168:00:00 \(604800 ticks/);
    subscription.unsubscribe();
  });

  it('bounds a VirtualTimeScheduler of a second copy of rxjs too', () => {
    let other!: typeof import('rxjs');
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module registry
      other = require('rxjs') as typeof import('rxjs');
    });
    const scheduler = new other.VirtualTimeScheduler();
    expect(scheduler).not.toBeInstanceOf(VirtualTimeScheduler);
    const activity = new other.Subject<CallCardActivity>();
    const subscription = timerOf(activity, [], { scheduler }).subscribe();
    activity.next(A.c);
    expect(() => scheduler.flush()).toThrow(CallCardError);
    expect(scheduler.now()).toBe(WEEK);
    subscription.unsubscribe();
  });

  it('ends a run of short ticks after 1,000,000 ticks, long before 7 days', () => {
    const scheduler = testScheduler();
    const error = thrownBy(() =>
      scheduler.run(({ hot }) => {
        timerOf(hot('c', A), [], { tickMs: 1 }).subscribe();
      }),
    );
    expect((error as Error).message).toContain(
      'ran 00:16:40 (1000000 ticks, 0 to 1000000 ms) without a stop',
    );
  });

  it('leaves a test below the bound alone: 6 days 23 h 59 min of ticks, then the test unsubscribes', () => {
    const scheduler = testScheduler();
    const seen: TimerStatus[] = [];
    scheduler.run(({ hot, expectSubscriptions }) => {
      const activity = hot('100ms c', A);
      const unsubscribeAt = WEEK - 60_000;
      const subscription = timerOf(activity, seen).subscribe();
      scheduler.schedule(() => subscription.unsubscribe(), unsubscribeAt);
      expectSubscriptions(activity.subscriptions).toBe(`^ ${unsubscribeAt - 1}ms !`);
    });
    expect(seen.at(-1)).toEqual({ status: 'running', elapsedMs: WEEK - 60_000 - 1000 });
  });

  it('counts each run of ticks afresh: a stop and a start begin a new one', () => {
    const scheduler = testScheduler();
    const seen: TimerStatus[] = [];
    scheduler.run(({ hot, expectSubscriptions }) => {
      // 4 days running, a stop, a start 1 s later, then 4 days more: 8 days of ticks, no run of 7.
      const activity = hot(`c ${4 * DAY - 1}ms x 999ms S`, A);
      const subscription = timerOf(activity, seen).subscribe();
      scheduler.schedule(() => subscription.unsubscribe(), 8 * DAY + 1000);
      expectSubscriptions(activity.subscriptions).toBe(`^ ${8 * DAY + 999}ms !`);
    });
    // The restart resumed from the first start, so the stopped second counts.
    expect(seen.at(-1)).toEqual({ status: 'running', elapsedMs: 8 * DAY });
  });
});

/** A scheduler on its own clock that is no VirtualTimeScheduler: it runs what is due when told. */
class ManualScheduler implements SchedulerLike {
  private time = 0;
  private queue: Array<{ at: number; run: () => void; cancelled: boolean }> = [];
  now(): number {
    return this.time;
  }
  schedule<T>(
    work: (this: SchedulerAction<T>, state?: T) => void,
    delay = 0,
    state?: T,
  ): Subscription {
    const entry = { at: this.time + delay, run: () => work.call(action, state), cancelled: false };
    const action = {
      closed: false,
      schedule: () => action,
      unsubscribe: () => {
        entry.cancelled = true;
        action.closed = true;
      },
      add: () => {},
      remove: () => {},
    } as unknown as SchedulerAction<T>;
    this.queue.push(entry);
    return action;
  }
  advanceTo(until: number): void {
    for (;;) {
      this.queue = this.queue.filter((e) => !e.cancelled);
      this.queue.sort((a, b) => a.at - b.at);
      const next = this.queue[0];
      if (next === undefined || next.at > until) break;
      this.queue.shift();
      this.time = next.at;
      next.run();
    }
    this.time = until;
  }
}

describe('timerStatus on a real clock: no bound', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('keeps ticking on asyncScheduler past 24 hours of a call', () => {
    jest.useFakeTimers({ now: 0 });
    const seen: TimerStatus[] = [];
    const activity = new Subject<CallCardActivity>();
    const subscription = timerOf(activity, seen, {
      scheduler: asyncScheduler,
      tickMs: 60_000,
    }).subscribe();
    activity.next(A.c);
    jest.advanceTimersByTime(25 * HOUR);
    expect(seen.at(-1)).toEqual({ status: 'running', elapsedMs: 25 * HOUR });
    subscription.unsubscribe();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('keeps ticking past 1,000,000 ticks when the event loop turns between them', async () => {
    const scheduler = new ManualScheduler();
    const seen: TimerStatus[] = [];
    const activity = new Subject<CallCardActivity>();
    const subscription = timerOf(activity, seen, { scheduler, tickMs: 1 }).subscribe();
    activity.next(A.c);
    // As a real clock runs them: a turn of the event loop between ticks (here, every 100,000).
    for (let until = 100_000; until <= 1_000_100; until += 100_000) {
      scheduler.advanceTo(until);
      await Promise.resolve();
    }
    scheduler.advanceTo(1_000_100);
    expect(seen.at(-1)).toEqual({ status: 'running', elapsedMs: 1_000_100 });
    subscription.unsubscribe();
  });

  it('bounds a clock of its own that runs a million ticks in one go: that is a virtual clock', () => {
    const scheduler = new ManualScheduler();
    const activity = new Subject<CallCardActivity>();
    const subscription = timerOf(activity, [], { scheduler, tickMs: 1 }).subscribe();
    activity.next(A.c);
    expect(() => scheduler.advanceTo(1_000_100)).toThrow(/ran 00:16:40 \(1000000 ticks/);
    subscription.unsubscribe();
  });
});
