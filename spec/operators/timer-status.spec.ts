import { Subject, filter, tap } from 'rxjs';
import type { Observable } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import type { CallCardActivity } from '../../src/model/activity';
import { CallCardInputError } from '../../src/model/errors';
import type { CallCardSnapshot } from '../../src/model/snapshot';
import { callCardState } from '../../src/operators/call-card-state';
import { timerStatus } from '../../src/operators/timer-status';
import type { TimerStatus } from '../../src/operators/timer-status';
import { closeCard, event, openCard, startTimer, stopTimer, uiState } from './activity-fixtures';
import { TIMER_RESETTING_STATES } from '../support/valid-payloads';
import { testScheduler } from '../support/fixtures';

const hidden: TimerStatus = { status: 'hidden', elapsedMs: 0 };
const running = (elapsedMs: number): TimerStatus => ({ status: 'running', elapsedMs });
const stopped = (elapsedMs: number): TimerStatus => ({ status: 'stopped', elapsedMs });

const A = {
  c: uiState('connected'),
  d: uiState('connected', true),
  S: startTimer(),
  x: stopTimer(),
  m: event('muteButtonClick', true),
  X: closeCard(),
};

// Every spec below starts with an open card (`externalCard`, timer hidden) and, unless it says
// otherwise, sends its first activity at 100 ms, so the host's grid is 100, 1100, 2100, ...
describe('timerStatus', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = testScheduler();
  });
  const timer = (activity: Observable<CallCardActivity>, tickMs?: number) =>
    activity.pipe(
      callCardState({ scheduler, initial: openCard() }),
      timerStatus(tickMs === undefined ? { scheduler } : { scheduler, tickMs }),
    );

  describe('the host timer table, row by row', () => {
    it('connected: shows and starts it, ticking every second on the grid of its start', () => {
      scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const activity = hot('  100ms c 2949ms |', A);
        const subs = '          ^ 3049ms !';
        const expected = '      h 99ms a 999ms b 999ms c 949ms |';
        expectObservable(timer(activity)).toBe(expected, {
          h: hidden,
          a: running(0),
          b: running(1000),
          c: running(2000),
        });
        expectSubscriptions(activity.subscriptions).toBe(subs);
      });
    });

    it('connected while running: changes nothing, the ticks stay on the first grid', () => {
      scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const activity = hot('  100ms c 1499ms c 1449ms |', A);
        const subs = '          ^ 3049ms !';
        const expected = '      h 99ms a 999ms b 999ms c 949ms |';
        expectObservable(timer(activity)).toBe(expected, {
          h: hidden,
          a: running(0),
          b: running(1000),
          c: running(2000),
        });
        expectSubscriptions(activity.subscriptions).toBe(subs);
      });
    });

    it('connected + disableAutoStartTimer: stops, hides and resets to 0', () => {
      scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const activity = hot('  100ms c 1499ms d 399ms c 1049ms |', A);
        const subs = '          ^ 3049ms !';
        const expected = '      h 99ms a 999ms b 499ms h 399ms a 999ms b 49ms |';
        expectObservable(timer(activity)).toBe(expected, {
          h: hidden,
          a: running(0),
          b: running(1000),
        });
        expectSubscriptions(activity.subscriptions).toBe(subs);
      });
    });

    it.each(['transferring', 'transferFailed', 'transferConnected', 'externalCard'] as const)(
      '%s: a running timer keeps counting; one that is not running is hidden and reset',
      (state) => {
        scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
          const activity = hot('  100ms c 1499ms t 899ms x 299ms t 249ms |', {
            ...A,
            t: uiState(state),
          });
          const subs = '          ^ 3049ms !';
          const expected = '      h 99ms a 999ms b 999ms c 399ms s 299ms h 249ms |';
          expectObservable(timer(activity)).toBe(expected, {
            h: hidden,
            a: running(0),
            b: running(1000),
            c: running(2000),
            s: stopped(2400),
          });
          expectSubscriptions(activity.subscriptions).toBe(subs);
        });
      },
    );

    it.each(TIMER_RESETTING_STATES)('%s: stops, hides and resets it; no tick follows', (state) => {
      scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const activity = hot('  100ms c 1499ms o 1449ms |', { ...A, o: uiState(state) });
        const subs = '          ^ 3049ms !';
        const expected = '      h 99ms a 999ms b 499ms h 1449ms |';
        expectObservable(timer(activity)).toBe(expected, {
          h: hidden,
          a: running(0),
          b: running(1000),
        });
        expectSubscriptions(activity.subscriptions).toBe(subs);
      });
    });

    it('CallCardStartTimer: shows and starts a hidden timer; a second start changes nothing', () => {
      scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const activity = hot('  100ms S 1499ms S 1449ms |', A);
        const subs = '          ^ 3049ms !';
        const expected = '      h 99ms a 999ms b 999ms c 949ms |';
        expectObservable(timer(activity)).toBe(expected, {
          h: hidden,
          a: running(0),
          b: running(1000),
          c: running(2000),
        });
        expectSubscriptions(activity.subscriptions).toBe(subs);
      });
    });

    it('CallCardStopTimer: stays visible, frozen at the exact moment of the stop, not the last tick', () => {
      scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const activity = hot('  100ms c 1549ms x 1399ms |', A);
        const subs = '          ^ 3049ms !';
        const expected = '      h 99ms a 999ms b 549ms s 1399ms |';
        expectObservable(timer(activity)).toBe(expected, {
          h: hidden,
          a: running(0),
          b: running(1000),
          s: stopped(1550),
        });
        expectSubscriptions(activity.subscriptions).toBe(subs);
      });
    });

    it.each([
      ['CallCardStartTimer', 'S'],
      ['connected', 'c'],
    ])(
      'start, stop, then %s: resumes from the first start, the stopped time counts',
      (_name, again) => {
        scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
          const activity = hot(`  100ms c 1549ms x 2349ms ${again} 1149ms |`, A);
          const subs = '          ^ 5149ms !';
          const expected = '      h 99ms a 999ms b 549ms s 2349ms t 99ms u 999ms v 49ms |';
          expectObservable(timer(activity)).toBe(expected, {
            h: hidden,
            a: running(0),
            b: running(1000),
            s: stopped(1550),
            t: running(3900),
            u: running(4000),
            v: running(5000),
          });
          expectSubscriptions(activity.subscriptions).toBe(subs);
        });
      },
    );

    it('closing the card hides the timer and stops the ticks', () => {
      scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const activity = hot('  100ms c 1499ms X 1449ms |', A);
        const subs = '          ^ 3049ms !';
        const expected = '      h 99ms a 999ms b 499ms h 1449ms |';
        expectObservable(timer(activity)).toBe(expected, {
          h: hidden,
          a: running(0),
          b: running(1000),
        });
        expectSubscriptions(activity.subscriptions).toBe(subs);
      });
    });
  });

  describe('over a long call', () => {
    it('ticks a 3-hour call on the grid of its start, with no drift', () => {
      const seen: Array<[at: number, status: TimerStatus]> = [];
      scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const activity = hot('  100ms c 10800499ms x 99ms |', A);
        const subs = '          ^ 10800699ms !';
        // Only the hours are shown here; every tick is checked below.
        const expected = '      h 99ms a 3599999ms b 3599999ms c 3599999ms d 499ms s 99ms |';
        const hours = timer(activity).pipe(
          tap((t) => seen.push([scheduler.now(), t])),
          filter((t) => t.status !== 'running' || t.elapsedMs % 3_600_000 === 0),
        );
        expectObservable(hours).toBe(expected, {
          h: hidden,
          a: running(0),
          b: running(3_600_000),
          c: running(7_200_000),
          d: running(10_800_000),
          s: stopped(10_800_500),
        });
        expectSubscriptions(activity.subscriptions).toBe(subs);
      });
      const ticks = seen.filter(([, t]) => t.status === 'running');
      expect(ticks).toHaveLength(3 * 3600 + 1);
      // Tick i falls exactly at start + i s and shows exactly i s: no tick late, none skipped.
      const offGrid = ticks.filter(
        ([at, t], i) => at !== 100 + i * 1000 || t.elapsedMs !== i * 1000,
      );
      expect(offGrid).toEqual([]);
    });

    it('ticks at a custom tickMs on the same grid', () => {
      scheduler.run(({ hot, expectObservable }) => {
        const activity = hot('  100ms c 599ms |', A);
        const expected = '      h 99ms a 249ms b 249ms c 99ms |';
        expectObservable(timer(activity, 250)).toBe(expected, {
          h: hidden,
          a: running(0),
          b: running(250),
          c: running(500),
        });
      });
    });
  });

  describe('values', () => {
    it('emits nothing for snapshots whose timer did not change', () => {
      scheduler.run(({ hot, expectObservable }) => {
        const activity = hot('  100ms c 499ms m 949ms |', A);
        const expected = '      h 99ms a 999ms b 449ms |';
        expectObservable(timer(activity)).toBe(expected, {
          h: hidden,
          a: running(0),
          b: running(1000),
        });
      });
    });

    it('never reports a negative elapsed time, even for a start in the future', () => {
      const future: Pick<CallCardSnapshot, 'timer'> = {
        timer: { running: true, visible: true, startedAt: 2500, stoppedAt: null },
      };
      scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const snapshots = cold('  s 3999ms |', { s: future });
        const subs = '            ^ 3999ms !';
        const expected = '        a 3499ms b 499ms |';
        expectObservable(snapshots.pipe(timerStatus({ scheduler }))).toBe(expected, {
          a: running(0),
          b: running(1000),
        });
        expectSubscriptions(snapshots.subscriptions).toBe(subs);
      });
    });

    it('reads only the timer, so any snapshot-like source works', () => {
      const snapshots = new Subject<Pick<CallCardSnapshot, 'timer'>>();
      const seen: TimerStatus[] = [];
      snapshots.pipe(timerStatus()).subscribe((t) => seen.push(t));
      snapshots.next({ timer: { running: false, visible: true, startedAt: 10, stoppedAt: 75 } });
      snapshots.next({
        timer: { running: false, visible: false, startedAt: null, stoppedAt: null },
      });
      snapshots.complete();
      expect(seen).toEqual([stopped(65), hidden]);
    });
  });

  describe('lifecycle', () => {
    it('stops ticking when unsubscribed', () => {
      scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const activity = hot('  100ms c', A);
        const unsub = '         ^ 1499ms !';
        const expected = '      h 99ms a 999ms b';
        expectObservable(timer(activity), unsub).toBe(expected, {
          h: hidden,
          a: running(0),
          b: running(1000),
        });
        expectSubscriptions(activity.subscriptions).toBe(unsub);
      });
    });

    it('leaves nothing scheduled after the source completes, errors or is unsubscribed', () => {
      scheduler.run(({ hot, flush }) => {
        // A lingering tick would still be queued when the frames run out.
        scheduler.maxFrames = 60_000;
        const completes = hot('  100ms c 999ms |', A);
        const fails = hot('      100ms c 999ms #', A);
        const stays = hot('      100ms c', A);
        const ends: string[] = [];
        timer(completes).subscribe({ complete: () => ends.push('complete') });
        timer(fails).subscribe({ error: () => ends.push('error') });
        const subscription = timer(stays).subscribe();
        scheduler.schedule(() => subscription.unsubscribe(), 1500);
        flush();
        expect(ends).toEqual(['complete', 'error']);
        expect(scheduler.actions).toHaveLength(0);
      });
    });

    it('passes an error of the source through and stops ticking', () => {
      scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const activity = hot('  100ms c 1499ms #', A, new Error('gone'));
        const subs = '          ^ 1599ms !';
        const expected = '      h 99ms a 999ms b 499ms #';
        expectObservable(timer(activity)).toBe(
          expected,
          { h: hidden, a: running(0), b: running(1000) },
          new Error('gone'),
        );
        expectSubscriptions(activity.subscriptions).toBe(subs);
      });
    });
  });

  describe('bad options', () => {
    it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])(
      'throws CallCardInputError at once for tickMs %p',
      (tickMs) => {
        expect(() => timerStatus({ tickMs })).toThrow(CallCardInputError);
        expect(() => timerStatus({ tickMs })).toThrow(
          /timerStatus: options.tickMs was .*; expected a whole number of ms from 1 to 2147483647/,
        );
      },
    );
  });
});
