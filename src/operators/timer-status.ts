import { Observable } from 'rxjs';
import type { OperatorFunction, SchedulerLike, Subscription } from 'rxjs';
import type { CallCardSnapshot, CallCardTimerState } from '../model/snapshot';
import { fullMessages } from '../model/full-messages';
import { CallCardError } from '../model/errors';
import { checkDuration, checkOptions, checkScheduler } from '../internal/check-arguments';

/**
 * What the card's call timer shows, as `timerStatus` and a facade's `timer$` emit it; print
 * `elapsedMs` with `formatCallTimer`:
 * - `hidden`: not shown; `elapsedMs` is 0;
 * - `running`: counting; `elapsedMs` is `now - startedAt`, refreshed every tick;
 * - `stopped`: shown, frozen at the moment of the stop; `elapsedMs` is exact.
 */
export interface TimerStatus {
  readonly status: 'hidden' | 'running' | 'stopped';
  readonly elapsedMs: number;
}

/**
 * Options of {@link timerStatus}: pass the scheduler `callCardState` got, and a `tickMs` other
 * than the host's second if your UI wants one.
 */
export interface TimerStatusOptions {
  /** Where time comes from and where ticks are scheduled. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** The tick period of a running timer, in ms. Default 1000, the host's. */
  readonly tickMs?: number;
}

/**
 * Turns call-card snapshots (from `callCardState`, with the same scheduler) into the timer the
 * card shows, ticking while it runs. It mirrors the host (docs/host-behaviour.md, section 4): the host
 * accumulates nothing, elapsed time is always `now - startedAt`. Use it to show the call's duration
 * in your own UI or log (`formatCallTimer` prints it as the card does); a facade's `timer$` is this
 * operator over `state$` already.
 *
 * 1. Reads only `snapshot.timer`; a snapshot whose timer did not change emits nothing.
 * 2. Hidden timer: `{status: 'hidden', elapsedMs: 0}` (every reset hides it).
 * 3. Running timer: emits `now - startedAt` at once, then on each tick. Ticks fall on
 *    `startedAt + k * tickMs`, like the host's interval, and each one recomputes the elapsed time
 *    from `scheduler.now()` and schedules the next from the computed target, so nothing drifts,
 *    however long the call. A stop followed by a start resumes from the original `startedAt`:
 *    the stopped time counts, exactly as the host shows it.
 * 4. Stopped timer: `{status: 'stopped', elapsedMs: stoppedAt - startedAt}`: exact at the moment
 *    of the stop, not the value of the last tick.
 * 5. `elapsedMs` is never negative; consecutive equal values are not repeated.
 * 6. Errors and completion of the source pass through and cancel the pending tick: after the
 *    source ends, or after unsubscribing, nothing stays scheduled.
 * 7. A `tickMs` that is not a whole number of ms from 1 to 2^31 - 1 throws `CallCardInputError`
 *    at once.
 * 8. A timer that keeps running for 7 days of its scheduler's time or 1,000,000 ticks,
 *    whichever comes first, without the event loop turning once (so on a virtual clock:
 *    `TestScheduler.run`, a `VirtualTimeScheduler`'s `flush()`, fake timers advanced in one go),
 *    throws a `CallCardError` from its tick instead of ticking on: that ends `flush()` (and
 *    `run`) with an error naming the time and the fix, where it would otherwise never return. On
 *    a real clock every tick is a task of its own, so the count starts again at each tick, and
 *    the timer ticks as long as the call lasts.
 *
 * ## Examples
 *
 * @example
 * The app connects a call at 0 ms, stops the timer at 2.5 s, starts it again at 4 s:
 * ```ts
 * import { Subject } from 'rxjs';
 * import {
 *   INITIAL_CALL_CARD_SNAPSHOT,
 *   callCardState,
 *   formatCallTimer,
 *   setUiState,
 *   startTimer,
 *   stopTimer,
 *   timerStatus,
 *   type CallCardActivity,
 *   type CallCardSnapshot,
 * } from 'b24-call-card-rx';
 *
 * // A card that exists (as after `initialized`), so the commands apply.
 * const openCard: CallCardSnapshot = { ...INITIAL_CALL_CARD_SNAPSHOT, uiState: 'externalCard' };
 * const activity$ = new Subject<CallCardActivity>();
 * const shown = activity$
 *   .pipe(callCardState({ initial: openCard }), timerStatus())
 *   .subscribe((t) => console.log(t.status, formatCallTimer(t.elapsedMs), t.elapsedMs));
 *
 * activity$.next({ kind: 'command', command: setUiState('connected') });
 * setTimeout(() => activity$.next({ kind: 'command', command: stopTimer() }), 2500);
 * setTimeout(() => activity$.next({ kind: 'command', command: startTimer() }), 4000);
 * setTimeout(() => shown.unsubscribe(), 5500);
 * // Logs:
 * // hidden 00:00 0
 * // running 00:00 0        (at 0 ms)
 * // running 00:01 1000     (at 1000 ms)
 * // running 00:02 2000     (at 2000 ms)
 * // stopped 00:02 2500     (at 2500 ms: exact)
 * // running 00:04 4000     (at 4000 ms: resumed, the stopped time counts)
 * // running 00:05 5000     (at 5000 ms)
 * ```
 *
 * @example
 * In marbles, with `tickMs: 1000` (`t` timer started by `connected` at frame 0):
 * ```ts
 * // state:  t----------------------
 * // timer:  a 999ms b 999ms c 999ms d   (a 0, b 1000, c 2000, d 3000)
 * ```
 *
 * @param options The scheduler (use the one given to `callCardState`) and the tick period.
 * @returns An operator from snapshots to the timer's status.
 */
export function timerStatus(
  options?: TimerStatusOptions,
): OperatorFunction<Pick<CallCardSnapshot, 'timer'>, TimerStatus> {
  return checkedTimer('timerStatus', checkOptions('timerStatus', options, ['scheduler', 'tickMs']));
}

/**
 * `timerStatus` over options that `checkOptions` already read (internal): checks their
 * `scheduler` (unless the caller passes it, checked already) and `tickMs` in the name of `where`,
 * so a facade's `timer$` takes and refuses them exactly as this operator does.
 */
export function checkedTimer(
  where: string,
  given: Readonly<Record<string, unknown>>,
  scheduler: SchedulerLike = checkScheduler(where, given),
): OperatorFunction<Pick<CallCardSnapshot, 'timer'>, TimerStatus> {
  const tickMs = checkDuration(where, 'options.tickMs', given['tickMs'], 1000, { whole: true });
  return (source) =>
    new Observable<TimerStatus>((subscriber) => {
      let current: CallCardTimerState | undefined;
      let last: TimerStatus | undefined;
      let tick: Subscription | undefined;
      // Where the current run of ticks without a turn of the event loop began, and how many ticks
      // it has had (rule 8); a turn starts it again.
      let runFrom = 0;
      let ticks = 0;
      let awaitingTurn = false;
      const turned = (): void => {
        awaitingTurn = false;
        runFrom = scheduler.now();
        ticks = 0;
      };

      const show = (status: TimerStatus['status'], elapsedMs: number): void => {
        if (last?.status !== status || last.elapsedMs !== elapsedMs)
          subscriber.next((last = Object.freeze({ status, elapsedMs })));
      };
      // Shows `timer` running at `now`, then schedules the next tick on the host's grid
      // `startedAt + k * tickMs`, strictly after `now`. A fresh action per tick: recursing with
      // `this.schedule` would chain one child action per tick under the first (VirtualAction
      // does), a chain as long as the call.
      const run = (timer: CallCardTimerState | undefined, startedAt: number, now: number): void => {
        show('running', Math.max(0, now - startedAt));
        // A subscriber may have pushed a new timer or unsubscribed while we emitted.
        if (!subscriber.closed && current === timer)
          tick = scheduler.schedule(
            onTick,
            startedAt + (Math.floor((now - startedAt) / tickMs) + 1) * tickMs - now,
            startedAt,
          );
      };
      const onTick = (startedAt = 0): void => {
        const now = scheduler.now();
        ticks += 1;
        if (now - runFrom >= MAX_RUN_MS || ticks >= MAX_TICKS)
          throw endlessTimerError(runFrom, now, ticks);
        if (!awaitingTurn) {
          awaitingTurn = true;
          void Promise.resolve().then(turned);
        }
        run(current, startedAt, now);
      };

      const subscription = source.subscribe({
        next: ({ timer }) => {
          if (current === timer) return;
          const { running, visible, startedAt, stoppedAt } = timer;
          if (
            current?.running === running &&
            current.visible === visible &&
            current.startedAt === startedAt &&
            current.stoppedAt === stoppedAt
          )
            return;
          current = timer;
          tick?.unsubscribe();
          const now = scheduler.now();
          if (!visible) show('hidden', 0);
          else if (!running)
            show('stopped', startedAt === null ? 0 : Math.max(0, (stoppedAt ?? now) - startedAt));
          else {
            runFrom = now;
            ticks = 0;
            run(timer, startedAt ?? now, now);
          }
        },
        // The teardown below cancels the pending tick.
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        tick?.unsubscribe();
        subscription.unsubscribe();
      };
    });
}

/**
 * How long a timer may keep running without a turn of the event loop (rule 8): far past any
 * honest test's call.
 */
const MAX_RUN_MS = 7 * 24 * 60 * 60 * 1000;
/** The same bound in ticks, for a short `tickMs` (at the default 1000 ms, 7 days come first). */
const MAX_TICKS = 1_000_000;

function endlessTimerError(from: number, now: number, ticks: number): CallCardError {
  return new CallCardError(
    fullMessages()
      ? `timerStatus: the call timer ran ${hms(now - from)} (${ticks} ticks, ${from} to ${now} ms) ` +
          'without a stop and without the event loop turning once: on a virtual clock, ' +
          'TestScheduler.run() or flush() would never return. End it before the test ends: ' +
          'card.dispose(), unsubscribe from timer$, or stopTimer().'
      : `timerStatus: the call timer ran ${ticks} ticks without a stop`,
  );
}

/** `ms` as `HH:MM:SS`. */
function hms(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');
}
