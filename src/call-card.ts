import { fullMessages } from './model/full-messages';
import {
  AsyncSubject,
  Observable,
  Subject,
  Subscription,
  isObservable,
  merge,
  of,
  shareReplay,
} from 'rxjs';
import type { SchedulerLike, Subscriber } from 'rxjs';
import type { CallCardActivity } from './model/activity';
import type { CallCardCommand, CallCardCommandResult } from './model/commands';
import {
  CallCardError,
  CallCardInputError,
  CallCardUnavailableError,
  describeThrow,
} from './model/errors';
import type { CommandOutcome } from './model/outcome';
import type { CallCardSnapshot } from './model/snapshot';
import { checkOptions, checkScheduler } from './internal/check-arguments';
import { checkPlacement } from './placement/check-placement';
import type { PlacementPort } from './placement/placement-port';
import { isRefusal, onStarted, startUpOf } from './session/start-up';
import { retainCallCardStore } from './state/card-store';
import { cachedSource, callCardEvents, eventsView, streamOf } from './streams/call-card-events';
import type { CallCardEvents } from './streams/call-card-events';
import { commandSink } from './commands/apply-commands';
import { commandOptionsOf } from './commands/command-options';
import { validateCommand } from './commands/validate-command';
import { checkedTimer } from './operators/timer-status';
import type { TimerStatus } from './operators/timer-status';

/**
 * Options of {@link connectCallCard}: one scheduler for all its time (a `TestScheduler` in specs),
 * the command timeout and waiting, and the timer's tick.
 */
export interface ConnectCallCardOptions {
  /** Where time comes from: the timer, command timeouts. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /**
   * How long the host has to answer each command, in ms: above 0 and at most 2^31 - 1, or
   * `Infinity` for no limit (default 10 000).
   */
  readonly timeoutMs?: number;
  /** Hold commands until the card is `initialized` (default `true`). */
  readonly waitForInitialized?: boolean;
  /** The call timer's tick: a whole number of ms, at most 2^31 - 1 (default 1000, the host's). */
  readonly tickMs?: number;
}

/**
 * One placement's call card, wired: its events, its derived state and timer, and the command
 * sink. Made by {@link connectCallCard}. Type your call logic's and components' parameter with it,
 * so a test can hand them a card connected to a simulator.
 */
export interface CallCard {
  /** The card's events (see `callCardEvents`); they complete when the card is disposed. */
  readonly events: CallCardEvents;
  /**
   * Everything the card learns, in order: host events, applied commands (with the card each was
   * sent to), unreadable payloads. Every subscription starts with one `sync` activity holding
   * the state so far, so `activity$.pipe(callCardState())` always equals `state$`.
   */
  readonly activity$: Observable<CallCardActivity>;
  /** The card's state; replays the current snapshot, then emits each change. */
  readonly state$: Observable<CallCardSnapshot>;
  /** The call timer as the card shows it; one ticking timer shared by every subscriber. */
  readonly timer$: Observable<TimerStatus>;
  /** The current snapshot, read synchronously (the last one, once disposed). */
  snapshot(): CallCardSnapshot;
  /**
   * Applies every command `command$` emits through the placement's serial sink. Failed commands
   * go to `errors$`. Unsubscribe (or `dispose()`) to stop: queued, unsent commands are dropped.
   * Throws `CallCardInputError` when `command$` is not an Observable.
   */
  apply(command$: Observable<CallCardCommand>): Subscription;
  /**
   * Sends one command through the same sink, now (no subscription needed). The returned
   * Observable replays the result and completes, or errors with what went wrong (which also goes
   * to `errors$`).
   */
  send<C extends CallCardCommand>(command: C): Observable<CallCardCommandResult<C>>;
  /** Malformed host payloads and failed commands, as they happen. Hot, not replayed. */
  readonly errors$: Observable<CallCardError>;
  /** Whether `dispose()` was called. */
  readonly disposed: boolean;
  /**
   * Completes every stream, stops the timer, cancels queued commands and mutes this card's
   * listeners (host bindings cannot be removed). A second call does nothing.
   */
  dispose(): void;
}

const OPTION_KEYS: readonly string[] = ['scheduler', 'timeoutMs', 'waitForInitialized', 'tickMs'];

/** `events`, with every stream ending when the card is disposed (each wrapped on first use). */
function eventsUntil(
  events: CallCardEvents,
  until: <T>(source: Observable<T>) => Observable<T>,
): CallCardEvents {
  return eventsView(cachedSource((key) => until(streamOf(events, key))));
}

/**
 * Connects to the call card of `placement`: the one object most apps need. It wires the layers
 * for that placement and keeps the card's state live from this moment on, whether or not anyone
 * subscribes.
 *
 * 1. At creation it binds the card's events (each host event once per placement, ever), so a
 *    card raised before anyone subscribes is never missed; a card already open on this placement
 *    (seen by an earlier `callCardEvents`) is taken over from its replayed `entityChanged` and
 *    `initialized`, and an `entityChanged` that came before the card's `initialized` is kept.
 * 2. One state path: `state$` is `callCardState`'s reducer over `activity$` (host events, the
 *    commands the host acknowledged, since most commands change the card silently, and
 *    unreadable payloads), and `activity$` starts every subscription with a `sync` of the state
 *    so far, so `card.activity$.pipe(callCardState())` always equals `card.state$`. `state$`
 *    replays the current snapshot. `snapshot()` is current the moment an activity arrives: right
 *    after a command's outcome it reflects that command, even when the command was sent from
 *    inside another `state$` subscriber.
 * 3. Every `connectCallCard` on one placement (and scheduler) shares that state while any of
 *    them is alive, also across the ESM and CJS builds loaded together, so two components never
 *    disagree: the second one sees the mute, the title and the close the first one applied.
 * 4. One card, one truth (see `applyCommands`): a reply changes only the card its command was
 *    sent to, so a late acknowledgement of a closed call never changes the next call's state.
 * 5. `timer$` is the `timerStatus` of `state$`, shared: one ticking timer for all subscribers,
 *    replaying the current value, stopped when the last subscriber leaves.
 * 6. `apply` and `send` go through `applyCommands`: one serial queue per placement, shared with
 *    every other sink on it. Failed commands are reported on `errors$`; nothing dies.
 * 7. `dispose()` completes every stream of this card, stops the timer, cancels its queued
 *    commands (a `send` still pending errors with `CallCardUnavailableError`) and mutes its
 *    listeners; the last card disposed on a placement releases every library listener on the
 *    host's bindings (which themselves cannot be removed). Afterwards `apply` and `send` throw
 *    `CallCardUnavailableError`; `snapshot()` still returns the last snapshot.
 *
 * The state is updated before any subscriber of the placement's events hears of an event, so
 * `snapshot()` read in such a subscriber is current. Bad `placement` or `options` throw
 * `CallCardInputError`; a placement whose `bindEvent` throws makes it throw
 * `CallCardUnavailableError` naming the event (nothing is kept). A deferred placement that arrives
 * at such a placement ends the card instead: the error once on `errors$`, then as `dispose()`
 * does, with the commands still pending failed with that error and never sent.
 *
 * @example
 * ```ts
 * import { connectCallCard, fromBX24, setStatusText, setUiState, formatCallTimer } from 'b24-call-card-rx';
 * import { map, merge } from 'rxjs';
 *
 * const card = connectCallCard(fromBX24());
 *
 * card.apply(
 *   merge(
 *     card.events.answer$.pipe(map(() => setUiState('connected'))),
 *     card.events.hangup$.pipe(map(() => setUiState('redial'))),
 *     card.timer$.pipe(map((t) => setStatusText(`Talking ${formatCallTimer(t.elapsedMs)}`))),
 *   ),
 * );
 * card.state$.subscribe((s) => console.log(s.uiState, s.muted));
 * card.errors$.subscribe((e) => console.warn(e.message));
 * // later, e.g. in ngOnDestroy:
 * card.dispose();
 * ```
 */
export function connectCallCard(
  placement: PlacementPort,
  options?: ConnectCallCardOptions,
): CallCard {
  const port = checkPlacement('connectCallCard', placement);
  const given = checkOptions('connectCallCard', options, OPTION_KEYS);
  const scheduler = checkScheduler('connectCallCard', given);
  const sinkOptions = commandOptionsOf('connectCallCard', given, scheduler);
  // Checks tickMs now, so a mistake throws here, not on the first subscription.
  const toTimer = checkedTimer('connectCallCard', given, scheduler);
  const startUp = startUpOf(port);
  // A deferred placement that arrives at a placement that cannot bind the card's events ends the
  // card: the error on errors$, its commands refused with it (those still waiting never sent).
  const store = retainCallCardStore(startUp, scheduler, (error) => {
    ended = error as CallCardError;
    errors.next(ended);
    card.dispose();
  });
  const sink = commandSink(startUp, sinkOptions, 'callCard.apply');

  const errors = new Subject<CallCardError>();
  const sinks = new Subscription();
  let disposed = false;
  /** Why the card ended without `dispose()` (see the store above). */
  let ended: CallCardError | undefined;
  let last: CallCardSnapshot | undefined;

  const assertLive = (what: string): void => {
    if (disposed)
      throw new CallCardUnavailableError(`callCard.${what}`, 'this call card was disposed');
  };
  const reportOutcome = (outcome: CommandOutcome): void => {
    if (!outcome.ok && !isRefusal(startUp, outcome.error)) errors.next(outcome.error);
  };
  // A deferred placement that fails to start is reported once, here (a task later: a placement
  // that failed before the card was made is reported to the subscribers the app adds next); the
  // commands it refuses are not reported again (see reportOutcome). dispose() cancels the wait:
  // the placement may stay pending for ever, and must not keep a disposed card alive.
  const stopWaiting = onStarted(
    startUp,
    () => undefined,
    (failure) => {
      void Promise.resolve().then(() => {
        if (!disposed) errors.next(failure);
      });
    },
  );
  // Every stream handed out ends with the card. A set of live subscribers rather than
  // `takeUntil(disposed$)`: components subscribe and unsubscribe often, and this costs no inner
  // subscription per subscriber.
  const live = new Set<Subscriber<unknown>>();
  const until = <T>(source: Observable<T>): Observable<T> =>
    new Observable<T>((subscriber) => {
      if (disposed) return subscriber.complete();
      live.add(subscriber as Subscriber<unknown>);
      const inner = source.subscribe(subscriber);
      return () => {
        live.delete(subscriber as Subscriber<unknown>);
        inner.unsubscribe();
      };
    });

  const state$ = until(store.state$);
  const timer$ = state$.pipe(toTimer, shareReplay({ bufferSize: 1, refCount: true }));
  // `sinks` holds a subscription only while it is open: rxjs drops a closed one, and one that
  // closes later removes itself from its parent.
  const track = (subscription: Subscription): Subscription => {
    sinks.add(subscription);
    return subscription;
  };

  const card: CallCard = {
    events: eventsUntil(callCardEvents(port), until),
    activity$: until(store.activity$),
    state$,
    timer$,
    errors$: until(merge(store.malformed$, errors)),
    get disposed() {
      return disposed;
    },
    snapshot: () => last ?? store.current(),
    apply(command$) {
      assertLive('apply');
      if (!isObservableOf(command$))
        throw new CallCardInputError(
          'callCard.apply',
          'command$',
          command$,
          fullMessages()
            ? "an Observable of commands (e.g. events.answer$.pipe(map(() => setUiState('connected'))))"
            : '',
        );
      return track(
        command$.pipe(sink).subscribe({
          next: reportOutcome,
          error: (e: unknown) => errors.next(toCallCardError(e)),
        }),
      );
    },
    send<C extends CallCardCommand>(command: C): Observable<CallCardCommandResult<C>> {
      assertLive('send');
      // Checked once, here: what was checked is what goes (a hand-made object is read once).
      const checked = validateCommand(command, 'callCard.send');
      const result = new AsyncSubject<CallCardCommandResult<C>>();
      let settled = false;
      const sent = of(checked)
        .pipe(sink)
        .subscribe((outcome) => {
          settled = true;
          reportOutcome(outcome);
          if (!outcome.ok) return result.error(outcome.error);
          result.next(outcome.result as CallCardCommandResult<C>);
          result.complete();
        });
      // Unsubscribed unsettled only by dispose(), which drops the command from the queue.
      sent.add(() => {
        if (!settled)
          result.error(
            ended ??
              new CallCardUnavailableError(
                'callCard.send',
                'the call card was disposed before the command finished',
              ),
          );
      });
      track(sent);
      return result.asObservable();
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      stopWaiting();
      last = store.current();
      sinks.unsubscribe();
      for (const subscriber of [...live]) subscriber.complete();
      errors.complete();
      store.release();
    },
  };
  return card;
}

/** `isObservable`, false for a value whose inspection throws (a hostile Proxy). */
function isObservableOf(value: unknown): value is Observable<CallCardCommand> {
  try {
    return isObservable(value);
  } catch {
    return false;
  }
}

function toCallCardError(error: unknown): CallCardError {
  return error instanceof CallCardError
    ? error
    : new CallCardError(
        fullMessages()
          ? `callCard.apply: the command source failed: ${describeThrow(error)}`
          : 'callCard.apply: the command source failed',
        { cause: error },
      );
}
