import { Observable, Subscription } from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import type { CallCardActivity } from '../model/activity';
import type { CallCardCommand } from '../model/commands';
import type { CallCardPayloadError } from '../model/errors';
import { CALL_CARD_EVENT_TYPES } from '../model/events';
import type { CallCardEvent, CallCardEventType, CallInfo } from '../model/events';
import { INITIAL_CALL_CARD_SNAPSHOT } from '../model/snapshot';
import type { CallCardSnapshot, Reduction } from '../model/snapshot';
import { addListener, createListeners, notify, takeListeners } from '../internal/listeners';
import type { Listeners } from '../internal/listeners';
import { reportError } from '../internal/report-error';
import { createRunner } from '../internal/runner';
import { tapApplied } from '../session/applied-channel';
import { bindHostEvent, replayed, tapEvents } from '../session/event-hub';
import type { LiveState, Session, StartUp } from '../session/session';
import { onStarted } from '../session/start-up';
import {
  newCard,
  reduceCommand,
  reduceEvent,
  reduceMalformed,
  startReduction,
} from './card-reducer';

/**
 * One facade's view of the live state of its placement's card (internal). The state itself (a
 * `LiveState`) is kept in the placement's session, one per scheduler, shared by every
 * `connectCallCard` on that placement and scheduler in the page, of either build: two facades
 * never disagree, the second one sees the mute the first one applied, the close it sent, the
 * entity that came before `initialized`.
 *
 * The live state is `callCardState`'s reducer over the activity it delivers: whatever it learns
 * (a host event, an applied command with its card and time, an unreadable payload) is an
 * activity, and `activity$` starts every subscription with a `sync` of the state so far, so
 * `activity$.pipe(callCardState())` always equals `state$`.
 */
export interface CallCardStore {
  /** Every activity, in order, after a `sync` of the state so far. */
  readonly activity$: Observable<CallCardActivity>;
  /** Snapshots, delivered in order; replays the last one delivered. */
  readonly state$: Observable<CallCardSnapshot>;
  /** Malformed host payloads. */
  readonly malformed$: Observable<CallCardPayloadError>;
  /** The snapshot as of the last activity, even while an earlier one is still being delivered. */
  current(): CallCardSnapshot;
  /** This facade is done with it; the last one out stops the live state. */
  release(): void;
}

/**
 * The store of `startUp`'s card on `scheduler` for one more facade. On a started placement it
 * retains the session's live state at once (see `retainLiveState`); on a deferred placement that
 * is still starting it shows the state before any card, and switches to the session's live state
 * the moment the real placement is known: subscribers stay subscribed, and hear of the switch
 * only if it changes something (a `sync` activity, a new snapshot).
 */
export function retainCallCardStore(startUp: StartUp, scheduler: SchedulerLike): CallCardStore {
  return startUp.session !== undefined
    ? retainLiveState(startUp.session, scheduler)
    : waitingStore(startUp, scheduler);
}

/** An Observable of one listener set; `first` gives what a new subscriber receives at once. */
function listen<T>(to: Listeners<(value: T) => void>, first?: () => T): Observable<T> {
  return new Observable<T>((subscriber) => {
    const remove = addListener(to, (value: T) => subscriber.next(value));
    if (first) subscriber.next(first());
    return remove;
  });
}

const syncOf = (r: Reduction): CallCardActivity =>
  Object.freeze({ kind: 'sync', snapshot: r.snapshot, card: r.card, entityKept: r.entityKept });

/**
 * The live state of `session` on `scheduler` for one more facade. It is made on first use and
 * kept while any facade uses it: the host's silent changes (applied commands) exist nowhere
 * else, so a facade made later can only learn them from a live state that was running. Binds
 * every host event first; a placement that cannot bind one throws `CallCardUnavailableError`
 * naming it, and nothing is kept.
 */
export function retainLiveState(session: Session, scheduler: SchedulerLike): CallCardStore {
  let live = session.stores.get(scheduler);
  if (!live) {
    for (const type of CALL_CARD_EVENT_TYPES) bindHostEvent(session, type);
    live = createLiveState(session, scheduler, () => session.stores.delete(scheduler));
    session.stores.set(scheduler, live);
  }
  live.refs += 1;
  const shared = live;
  let released = false;
  return {
    activity$: listen(shared.activity, () => syncOf(shared.delivered)),
    state$: listen(shared.state, () => shared.delivered.snapshot),
    malformed$: listen(shared.malformed),
    current: () => shared.reduction.snapshot,
    release() {
      if (released) return;
      released = true;
      shared.refs -= 1;
      if (shared.refs === 0) shared.stop();
    },
  };
}

const INITIAL_SYNC = syncOf(startReduction(INITIAL_CALL_CARD_SNAPSHOT));

/** A store for a start-up still starting (see `retainCallCardStore`). */
function waitingStore(startUp: StartUp, scheduler: SchedulerLike): CallCardStore {
  let live: CallCardStore | undefined;
  let released = false;
  const switches = createListeners<() => void>();
  const cancel = onStarted(startUp, (session) => {
    if (released) return;
    try {
      live = retainLiveState(session, scheduler);
    } catch (error) {
      // Nobody can receive it: the placement arrived, but could not bind its events.
      reportError(error);
      return;
    }
    notify(takeListeners(switches));
  });
  /**
   * `pick(live)` once there is a live state; until then `first` (if any). The live state's own
   * first value is skipped when `unchanged` says it tells nothing new.
   */
  const follow = <T>(
    pick: (store: CallCardStore) => Observable<T>,
    first?: T,
    unchanged?: (value: T) => boolean,
  ): Observable<T> =>
    new Observable<T>((subscriber) => {
      if (live) return pick(live).subscribe(subscriber);
      if (first !== undefined) subscriber.next(first);
      const inner = new Subscription();
      let skipping = unchanged !== undefined;
      const remove = addListener(switches, () => {
        inner.add(
          pick(live as CallCardStore).subscribe((value) => {
            const skip = skipping && (unchanged as (value: T) => boolean)(value);
            skipping = false;
            if (!skip) subscriber.next(value);
          }),
        );
      });
      return () => {
        remove();
        inner.unsubscribe();
      };
    });
  return {
    activity$: follow(
      (store) => store.activity$,
      INITIAL_SYNC,
      (activity) =>
        activity.kind === 'sync' &&
        activity.snapshot === INITIAL_CALL_CARD_SNAPSHOT &&
        activity.card === 0 &&
        !activity.entityKept,
    ),
    state$: follow(
      (store) => store.state$,
      INITIAL_CALL_CARD_SNAPSHOT,
      (snapshot) => snapshot === INITIAL_CALL_CARD_SNAPSHOT,
    ),
    malformed$: follow((store) => store.malformed$),
    current: () => (live ? live.current() : INITIAL_CALL_CARD_SNAPSHOT),
    release() {
      if (released) return;
      released = true;
      cancel();
      live?.release();
    },
  };
}

/**
 * The state of a card this placement already shows, from what the hub replays: the same state a
 * live state running from the start would hold, as far as events tell (commands applied before
 * it are the host's silent changes, known to no one).
 */
function takeOver(session: Session): Reduction {
  const { number, lifecycle } = session.tracker;
  const open = lifecycle === 'open';
  // The card before the current one, while it is open: the replayed `initialized` opens it.
  let r: Reduction = {
    snapshot: INITIAL_CALL_CARD_SNAPSHOT,
    card: open ? number - 1 : number,
    entityKept: false,
  };
  // The hub forgets a closed card's entity: one it replays came after the last close.
  const entity = replayed(session, 'entityChanged');
  const during = entity !== undefined && open && entity.lastCard === number && entity.lastWhileOpen;
  // An entity that came before this card's `initialized` was carried into it only if it came
  // after the previous card's `initialized`; an older one was dropped by this card's.
  if (entity && !during && (!open || entity.lastCard === number - 1))
    r = reduceEvent(r, 'entityChanged', entity.last as never);
  // No replayed payload: it could not be read, yet the card exists all the same.
  if (open)
    r = newCard(
      r,
      (replayed(session, 'initialized')?.last as CallInfo | undefined) ?? null,
      number,
    );
  if (entity && during) r = reduceEvent(r, 'entityChanged', entity.last as never);
  return r;
}

function createLiveState(
  session: Session,
  scheduler: SchedulerLike,
  forget: () => void,
): LiveState {
  const initial = takeOver(session);
  const live: LiveState = {
    reduction: initial,
    delivered: initial,
    refs: 0,
    // A subscriber that causes more activity (a command acknowledged synchronously) gets it
    // after this delivery ends, so every subscriber sees activities and snapshots in the same
    // order.
    runner: createRunner(),
    activity: createListeners(),
    state: createListeners(),
    malformed: createListeners(),
    stop() {
      untapEvents();
      untapApplied();
      forget();
    },
  };

  const deliver = (r: Reduction, activity: CallCardActivity | undefined): void => {
    const changed = r.snapshot !== live.delivered.snapshot;
    live.delivered = r;
    if (activity && live.activity.list.length > 0) notify(live.activity, activity);
    if (changed && live.state.list.length > 0) notify(live.state, r.snapshot);
  };
  const accept = (next: Reduction, activity: CallCardActivity | undefined): void => {
    // Reduce first: whoever hears of this activity reads an up-to-date `current()`.
    live.reduction = next;
    live.runner.run(deliver, next, activity);
  };
  // An activity is made only for someone: a subscriber now, or one that may subscribe before a
  // queued delivery runs (an idle runner delivers at once, so nobody can come in between).
  const wanted = (): boolean => live.activity.list.length > 0 || live.runner.busy();

  const onEvent = (
    type: CallCardEventType,
    payload: unknown,
    refused: CallCardPayloadError | undefined,
  ): void => {
    // The number of the card an `initialized` opened: the hub counted it before the taps ran.
    const card = type === 'initialized' ? session.tracker.number : undefined;
    if (!refused) {
      accept(
        reduceEvent(live.reduction, type, payload as never, card),
        wanted()
          ? Object.freeze(
              card === undefined
                ? { kind: 'event', event: Object.freeze({ type, payload }) as CallCardEvent }
                : { kind: 'event', event: Object.freeze({ type, payload }) as CallCardEvent, card },
            )
          : undefined,
      );
    } else {
      // An unreadable `initialized` still raised a card: the state shows it before the report.
      accept(
        reduceMalformed(live.reduction, refused, card),
        wanted()
          ? Object.freeze(
              card === undefined
                ? { kind: 'malformed', error: refused }
                : { kind: 'malformed', error: refused, card },
            )
          : undefined,
      );
      live.runner.run(reportMalformed, live, refused);
    }
  };
  const onCommand = (command: CallCardCommand, card: number): void => {
    // Timed now, on this scheduler, when it may move the timer: the activity carries the time, so
    // any reducer of it agrees.
    const at = movesTimer(command) ? scheduler.now() : undefined;
    accept(
      reduceCommand(live.reduction, command, card, scheduler, at),
      wanted()
        ? Object.freeze(
            at === undefined
              ? { kind: 'command', command, card }
              : { kind: 'command', command, card, at },
          )
        : undefined,
    );
  };
  const untapEvents = tapEvents(session, onEvent);
  const untapApplied = tapApplied(session, onCommand);
  return live;
}

function reportMalformed(live: LiveState, error: CallCardPayloadError): void {
  notify(live.malformed, error);
}

/** Whether `command` can move the call timer (so its activity needs a time). */
function movesTimer(command: CallCardCommand): boolean {
  return (
    command.name === 'CallCardSetUiState' ||
    command.name === 'CallCardStartTimer' ||
    command.name === 'CallCardStopTimer'
  );
}

/**
 * What the card shows on `session` as a facade keeps it: its live state on `scheduler`, else any
 * (for a session log); `null` when no facade keeps one.
 */
export function liveSnapshot(session: Session, scheduler: SchedulerLike): CallCardSnapshot | null {
  const live = session.stores.get(scheduler) ?? session.stores.values().next().value;
  return live ? live.reduction.snapshot : null;
}
