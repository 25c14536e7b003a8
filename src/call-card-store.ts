import { Observable } from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import type { CallCardActivity } from './model/activity';
import type { CallCardCommand } from './model/commands';
import type { CallCardPayloadError } from './model/errors';
import { CALL_CARD_EVENT_TYPES } from './model/events';
import type { CallCardEvent, CallCardEventType } from './model/events';
import { INITIAL_CALL_CARD_SNAPSHOT } from './model/snapshot';
import type { CallCardSnapshot } from './model/snapshot';
import { addListener, createListeners, notify } from './internal/listeners';
import type { Listeners } from './internal/listeners';
import { createRunner } from './internal/runner';
import type { Runner } from './internal/runner';
import type { Session } from './internal/session';
import type { PlacementPort } from './placement/placement-port';
import { bindHostEvent, replayedPayload, tapEvents } from './streams/event-hub';
import { tapApplied } from './commands/applied-channel';
import {
  newCard,
  reduceCommand,
  reduceEvent,
  reduceMalformed,
  startReduction,
} from './operators/call-card-reducer';
import type { Reduction } from './operators/call-card-reducer';

/**
 * One facade's view of the live state of its placement's card (internal). The state itself (the
 * store's core) is kept in the placement's session, one per scheduler, shared by every
 * `connectCallCard` on that placement and scheduler in the page, of either build: two facades
 * never disagree, the second one sees the mute the first one applied, the close it sent, the
 * entity that came before `initialized`.
 *
 * The core is `callCardState`'s reducer over the activity it delivers: whatever it learns (a host
 * event, an applied command with its card and time, an unreadable payload) is an activity, and
 * `activity$` starts every subscription with a `sync` of the state so far, so
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
  /** This facade is done with it; the last one out stops the core. */
  release(): void;
}

type Listener<T> = (value: T) => void;

/**
 * The shared part: plain data and functions, no rxjs objects (each build may bring its own rxjs),
 * delivered through listener sets in order by one runner.
 */
interface StoreCore {
  /** The state as of the last activity. */
  reduction: Reduction;
  /** The state as of the last activity delivered (what a `sync` carries). */
  delivered: Reduction;
  refs: number;
  readonly runner: Runner;
  readonly activity: Listeners<Listener<CallCardActivity>>;
  readonly state: Listeners<Listener<CallCardSnapshot>>;
  readonly malformed: Listeners<Listener<CallCardPayloadError>>;
  stop(): void;
}

/** An Observable of one listener set; `first` gives what a new subscriber receives at once. */
function listen<T>(to: Listeners<Listener<T>>, first?: () => T): Observable<T> {
  return new Observable<T>((subscriber) => {
    const remove = addListener(to, subscriber.next.bind(subscriber) as Listener<T>);
    if (first) subscriber.next(first());
    return remove;
  });
}

/**
 * The store of `session` on `scheduler` for one more facade. The core is made on first use and
 * kept while any facade uses it: the host's silent changes (applied commands) exist nowhere
 * else, so a facade made later can only learn them from a core that was running. Binds every
 * host event first; a placement that cannot bind one throws `CallCardUnavailableError` naming
 * it, and nothing is kept.
 */
export function retainCallCardStore(
  session: Session,
  placement: PlacementPort,
  scheduler: SchedulerLike,
): CallCardStore {
  const stores = session.stores as Map<SchedulerLike, StoreCore>;
  let core = stores.get(scheduler);
  if (!core) {
    for (const type of CALL_CARD_EVENT_TYPES) bindHostEvent(session, placement, type);
    core = createCore(session, scheduler, () => stores.delete(scheduler));
    stores.set(scheduler, core);
  }
  core.refs += 1;
  const shared = core;
  let released = false;
  return {
    activity$: listen(shared.activity, () => {
      const { snapshot, card, entityKept } = shared.delivered;
      return Object.freeze({ kind: 'sync', snapshot, card, entityKept });
    }),
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

/**
 * The state of a card this placement already shows, from what the hub replays: the same state a
 * core running from the start would hold, as far as events tell (commands applied before it are
 * the host's silent changes, known to no one).
 */
function takeOver(session: Session, scheduler: SchedulerLike): Reduction {
  const open = session.lifecycle === 'open';
  const card = session.card;
  // Counted so that the replayed `initialized` makes the current card's number.
  let r: Reduction = { ...startReduction(INITIAL_CALL_CARD_SNAPSHOT), card: card - (open ? 1 : 0) };
  // The hub forgets a closed card's entity: one it replays came after the last close.
  const entity = replayedPayload(session, 'entityChanged');
  const during = entity && open && session.entityCard === card && session.entityWhileOpen;
  // An entity that came before this card's `initialized` was carried into it only if it came
  // after the previous card's `initialized`; an older one was dropped by this card's.
  if (entity && !during && (!open || session.entityCard === card - 1))
    r = reduceEvent(r, 'entityChanged', entity.value, scheduler);
  // No replayed payload: it could not be read, yet the card exists all the same.
  if (open) r = newCard(r, replayedPayload(session, 'initialized')?.value ?? null);
  if (entity && during) r = reduceEvent(r, 'entityChanged', entity.value, scheduler);
  return r;
}

function createCore(session: Session, scheduler: SchedulerLike, forget: () => void): StoreCore {
  const initial = takeOver(session, scheduler);
  // A subscriber that causes more activity (a command acknowledged synchronously) gets it after
  // this delivery ends, so every subscriber sees activities and snapshots in the same order.
  const runner = createRunner();
  const core: StoreCore = {
    reduction: initial,
    delivered: initial,
    refs: 0,
    runner,
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
    const changed = r.snapshot !== core.delivered.snapshot;
    core.delivered = r;
    if (activity && core.activity.list.length > 0) notify(core.activity, activity);
    if (changed && core.state.list.length > 0) notify(core.state, r.snapshot);
  };
  const accept = (next: Reduction, activity: CallCardActivity | undefined): void => {
    // Reduce first: whoever hears of this activity reads an up-to-date `current()`.
    core.reduction = next;
    runner.run(deliver, next, activity);
  };
  // An activity is made only for someone: a subscriber now, or one that may subscribe before a
  // queued delivery runs (an idle runner delivers at once, so nobody can come in between).
  const wanted = (): boolean => core.activity.list.length > 0 || runner.busy();

  const onEvent = (
    type: CallCardEventType,
    payload: unknown,
    refused: CallCardPayloadError | undefined,
  ): void => {
    if (!refused) {
      accept(
        reduceEvent(core.reduction, type, payload as never, scheduler),
        wanted()
          ? Object.freeze({
              kind: 'event',
              event: Object.freeze({ type, payload }) as CallCardEvent,
            })
          : undefined,
      );
    } else {
      // An unreadable `initialized` still raised a card: the state shows it before the report.
      accept(
        reduceMalformed(core.reduction, refused),
        wanted() ? Object.freeze({ kind: 'malformed', error: refused }) : undefined,
      );
      runner.run(notify, core.malformed, refused);
    }
  };
  const onCommand = (command: CallCardCommand, card: number): void => {
    // Timed now, on this scheduler, when it may move the timer: the activity carries the time, so
    // any reducer of it agrees.
    const at = movesTimer(command) ? scheduler.now() : undefined;
    accept(
      reduceCommand(core.reduction, command, card, scheduler, at),
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
  return core;
}

/** Whether `command` can move the call timer (so its activity needs a time). */
function movesTimer(command: CallCardCommand): boolean {
  return (
    command.name === 'CallCardSetUiState' ||
    command.name === 'CallCardStartTimer' ||
    command.name === 'CallCardStopTimer'
  );
}
