import { Observable } from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import type { CallCardActivity } from '../model/activity';
import type { CallCardCommand } from '../model/commands';
import type { CallCardPayloadError } from '../model/errors';
import { CALL_CARD_EVENT_TYPES } from '../model/events';
import type { CallCardEvent, CallCardEventType } from '../model/events';
import { INITIAL_CALL_CARD_SNAPSHOT } from '../model/snapshot';
import type { CallCardSnapshot, Reduction } from '../model/snapshot';
import { addListener, createListeners, notify } from '../internal/listeners';
import type { Listeners } from '../internal/listeners';
import { createRunner } from '../internal/runner';
import { tapApplied } from '../session/applied-channel';
import { bindHostEvent, replayed, tapEvents } from '../session/event-hub';
import type { LiveState, Session, StartUp } from '../session/session';
import { onStarted } from '../session/start-up';
import { reduce, reduceCommand, reduceEvent } from './card-reducer';

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

/** The state before any card: what a store shows while its placement is still starting. */
const BEFORE_ANY_CARD: Reduction = {
  snapshot: INITIAL_CALL_CARD_SNAPSHOT,
  card: 0,
  entityKept: false,
};

/**
 * The store of `startUp`'s card on `scheduler` for one more facade: the session's live state
 * (see `retainLiveState`), at once on a started placement. On a deferred placement that is still
 * starting it shows the state before any card, and switches to the live state the moment the real
 * placement is known: subscribers stay subscribed, and hear of the switch only if it changes
 * something (a `sync` activity, a new snapshot). A started placement that cannot bind its events
 * throws here; a deferred one that arrives at such a placement tells `failed` (the facade then
 * ends its card with that error) and stays before any card.
 */
export function retainCallCardStore(
  startUp: StartUp,
  scheduler: SchedulerLike,
  failed: (error: unknown) => void,
): CallCardStore {
  let live: LiveState | undefined;
  let released = false;
  const started = startUp.session !== undefined;
  const stopWaiting = onStarted(startUp, (session) => {
    if (released) return;
    try {
      live = retainLiveState(session, scheduler);
    } catch (error) {
      if (started) throw error;
      failed(error);
    }
  });

  /**
   * The values of one of the live state's listener sets. `first` is what a subscriber receives at
   * once, and again at the switch (told after the store, which joins the live state first) when
   * it differs from what it was shown.
   */
  const listen = <T>(
    key: 'activity' | 'state' | 'malformed',
    first?: (r: Reduction, shown: Reduction | undefined) => T | undefined,
  ): Observable<T> =>
    new Observable<T>((subscriber) => {
      let shown: Reduction | undefined;
      let remove: (() => void) | undefined;
      const attach = (): void => {
        const r = live ? live.delivered : BEFORE_ANY_CARD;
        if (live)
          remove = addListener(live[key] as Listeners<(value: T) => void>, (value) =>
            subscriber.next(value),
          );
        const value = first?.(r, shown);
        shown = r;
        if (value !== undefined) subscriber.next(value);
      };
      attach();
      const wait = live ? undefined : onStarted(startUp, attach);
      return () => {
        wait?.();
        remove?.();
      };
    });

  return {
    activity$: listen<CallCardActivity>('activity', (r, shown) => {
      const sync = Object.freeze({ kind: 'sync' as const, ...r });
      // Not sent when it would change nothing.
      return shown && reduce(shown, sync, scheduler) === shown ? undefined : sync;
    }),
    state$: listen<CallCardSnapshot>('state', (r, shown) =>
      shown?.snapshot === r.snapshot ? undefined : r.snapshot,
    ),
    malformed$: listen<CallCardPayloadError>('malformed'),
    current: () => (live ? live.reduction : BEFORE_ANY_CARD).snapshot,
    release() {
      if (released) return;
      released = true;
      stopWaiting();
      if (live && --live.refs === 0) live.stop();
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
  // The entity the hub replays belongs to the card counted when it came (the hub forgets a
  // closed card's entity): an open card's, or the one before it, whose state the replayed
  // `initialized` then carries it into.
  const entity = replayed(session, 'entityChanged');
  const withEntity = (r: Reduction): Reduction =>
    entity?.lastCard === r.card ? reduceEvent(r, 'entityChanged', entity.last) : r;
  let r = withEntity({ ...BEFORE_ANY_CARD, card: open ? number - 1 : number });
  // No replayed payload: it could not be read, yet the card exists all the same.
  if (open)
    r = withEntity(
      reduceEvent(r, 'initialized', replayed(session, 'initialized')?.last ?? null, number),
    );
  return r;
}

/**
 * The live state of `session` on `scheduler`, retained by one more facade. It is made on first
 * use and kept while any facade uses it: the host's silent changes (applied commands) exist
 * nowhere else, so a facade made later can only learn them from a live state that was running.
 * Binds every host event once it listens (an event the host delivers inside `bindEvent` counts);
 * a placement that cannot bind one throws `CallCardUnavailableError` naming it, and nothing is
 * kept.
 */
function retainLiveState(session: Session, scheduler: SchedulerLike): LiveState {
  let live = session.stores.get(scheduler);
  if (!live) {
    const initial = takeOver(session);
    const state: LiveState = {
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
        session.stores.delete(scheduler);
      },
    };
    const deliver = (r: Reduction, activity: CallCardActivity | undefined): void => {
      const changed = r.snapshot !== state.delivered.snapshot;
      state.delivered = r;
      if (activity && state.activity.list.length > 0) {
        if (activity.kind === 'event') Object.freeze(activity.event);
        notify(state.activity, Object.freeze(activity));
      }
      if (changed) notify(state.state, r.snapshot);
      // An unreadable `initialized` still raised a card: the state shows it before the report.
      if (activity?.kind === 'malformed') notify(state.malformed, activity.error);
    };
    // An activity is made (and frozen) only for someone, the largest cost of a step otherwise: a
    // subscriber now, or one that may subscribe before a queued delivery runs (an idle runner
    // delivers at once, so nobody can come in between).
    const wanted = (): boolean => state.activity.list.length > 0 || state.runner.busy();
    const accept = (next: Reduction, activity: CallCardActivity | undefined): void => {
      // Reduce first: whoever hears of this activity reads an up-to-date `current()`.
      state.reduction = next;
      state.runner.run(deliver, next, activity);
    };
    const untapEvents = tapEvents(
      session,
      (type: CallCardEventType, payload: unknown, error: CallCardPayloadError | undefined) => {
        // The number of the card an `initialized` opened: the hub counted it before the taps ran.
        const card = type === 'initialized' ? session.tracker.number : undefined;
        // Always made for an unreadable payload: it carries the report.
        let activity: Made | undefined;
        if (error || wanted()) {
          activity = error
            ? { kind: 'malformed', error }
            : { kind: 'event', event: { type, payload } as CallCardEvent };
          if (card !== undefined) activity.card = card;
        }
        // An unreadable `initialized` still raised a card; any other unreadable event changes
        // nothing.
        accept(
          error && card === undefined
            ? state.reduction
            : reduceEvent(state.reduction, type, error ? null : payload, card),
          activity,
        );
      },
    );
    const untapApplied = tapApplied(session, (command: CallCardCommand, card: number) => {
      const name = command.name;
      // Timed now, on this scheduler, when it may move the timer: the activity carries the time,
      // so any reducer of it agrees.
      const at =
        name === 'CallCardSetUiState' ||
        name === 'CallCardStartTimer' ||
        name === 'CallCardStopTimer'
          ? scheduler.now()
          : undefined;
      let activity: Made | undefined;
      if (wanted()) {
        activity = { kind: 'command', command, card };
        if (at !== undefined) activity.at = at;
      }
      accept(reduceCommand(state.reduction, command, card, at, scheduler), activity);
    });
    session.stores.set(scheduler, (live = state));
    // Bound once it listens: an event the host delivers inside `bindEvent` reaches it.
    try {
      for (const type of CALL_CARD_EVENT_TYPES) bindHostEvent(session, type);
    } catch (error) {
      state.stop();
      throw error;
    }
  }
  live.refs += 1;
  return live;
}

/** An activity as the live state makes it: `card` and `at` only when known. */
type Made =
  | { kind: 'event'; event: CallCardEvent; card?: number }
  | { kind: 'malformed'; error: CallCardPayloadError; card?: number }
  | { kind: 'command'; command: CallCardCommand; card: number; at?: number };

/**
 * What the card shows on `session` as a facade keeps it: its live state on `scheduler`, else any
 * (for a session log); `null` when no facade keeps one.
 */
export function liveSnapshot(session: Session, scheduler: SchedulerLike): CallCardSnapshot | null {
  const live = session.stores.get(scheduler) ?? session.stores.values().next().value;
  return live ? live.reduction.snapshot : null;
}
