import { BehaviorSubject, Observable, Subject } from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import type { CallCardActivity } from './model/activity';
import type { CallCardCommand } from './model/commands';
import type { CallCardPayloadError } from './model/errors';
import { CALL_CARD_EVENT_TYPES } from './model/events';
import type { CallCardEvent, CallCardEventType } from './model/events';
import { INITIAL_CALL_CARD_SNAPSHOT } from './model/snapshot';
import type { CallCardSnapshot } from './model/snapshot';
import type { PayloadResult } from './model/validate';
import { createRunner } from './internal/runner';
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
 * The live state of one placement's card (internal), shared by every `connectCallCard` on that
 * placement and scheduler, so two facades never disagree: the second one sees the mute the first
 * one applied, the close it sent, the entity that came before `initialized`.
 *
 * It is `callCardState`'s reducer over the activity it emits: whatever it learns (a host event,
 * an applied command with its card, an unreadable payload) is an activity, and `activity$`
 * starts every subscription with a `sync` of the state so far, so
 * `activity$.pipe(callCardState())` always equals `state$`.
 */
export interface CallCardStore {
  /** Every activity, in order, after a `sync` of the state so far. */
  readonly activity$: Observable<CallCardActivity>;
  /** Snapshots, delivered in order (replays the last delivered one). */
  readonly state$: BehaviorSubject<CallCardSnapshot>;
  /** Malformed host payloads. */
  readonly malformed$: Subject<CallCardPayloadError>;
  /** The snapshot as of the last activity, even while an earlier one is still being delivered. */
  current(): CallCardSnapshot;
  /** One facade fewer; the last one out stops the store and completes its streams. */
  release(): void;
}

interface Entry {
  readonly store: CallCardStore;
  refs: number;
}

const stores = new WeakMap<Session, Map<SchedulerLike, Entry>>();

/**
 * The store of `session` on `scheduler`, made on first use, counted per facade. It is kept while
 * any facade uses it: the host's silent changes (applied commands) exist nowhere else, so a
 * facade made later can only learn them from a store that was running. Binds every host event
 * first; a placement that cannot bind one throws `CallCardUnavailableError` naming it, and
 * nothing is kept.
 */
export function retainCallCardStore(
  session: Session,
  placement: PlacementPort,
  scheduler: SchedulerLike,
): CallCardStore {
  let byScheduler = stores.get(session);
  if (!byScheduler) {
    byScheduler = new Map();
    stores.set(session, byScheduler);
  }
  let entry = byScheduler.get(scheduler);
  if (!entry) {
    for (const type of CALL_CARD_EVENT_TYPES) bindHostEvent(session, placement, type);
    const table = byScheduler;
    const made: Entry = {
      refs: 0,
      store: createStore(session, scheduler, () => {
        made.refs -= 1;
        if (made.refs > 0) return false;
        table.delete(scheduler);
        return true;
      }),
    };
    entry = made;
    byScheduler.set(scheduler, entry);
  }
  entry.refs += 1;
  return entry.store;
}

/** The state of a card this placement already shows, from what the hub replays. */
function takeOver(session: Session, scheduler: SchedulerLike): Reduction {
  const open = session.lifecycle === 'open';
  // Counted so that the replayed `initialized` makes the current card's number.
  let r: Reduction = {
    ...startReduction(INITIAL_CALL_CARD_SNAPSHOT),
    card: session.card - (open ? 1 : 0),
  };
  // The hub forgets a closed card's entity: one it replays came for the open or the next card.
  const entity = replayedPayload(session, 'entityChanged');
  if (entity) r = reduceEvent(r, 'entityChanged', entity.value, scheduler);
  if (open) {
    // No replayed payload: it could not be read, yet the card exists all the same.
    r = newCard(r, replayedPayload(session, 'initialized')?.value ?? null);
  }
  return r;
}

function createStore(
  session: Session,
  scheduler: SchedulerLike,
  releaseRef: () => boolean,
): CallCardStore {
  let reduction = takeOver(session, scheduler);
  /** The reduction as of the last activity delivered to `activity$` (what `sync` carries). */
  let delivered = reduction;
  const activities = new Subject<CallCardActivity>();
  const state$ = new BehaviorSubject<CallCardSnapshot>(reduction.snapshot);
  const malformed$ = new Subject<CallCardPayloadError>();
  // A subscriber that causes more activity (a command acknowledged synchronously) gets it after
  // this delivery ends, so every subscriber sees activities and snapshots in the same order.
  const runner = createRunner();
  const deliver = (r: Reduction, activity: CallCardActivity | undefined): void => {
    delivered = r;
    if (activity) activities.next(activity);
    if (state$.value !== r.snapshot) state$.next(r.snapshot);
  };
  const accept = (next: Reduction, activity: CallCardActivity | undefined): void => {
    // Reduce first: whoever hears of this activity reads an up-to-date `current()`.
    reduction = next;
    runner.run(deliver, next, activity);
  };
  // An activity is made only for someone: a subscriber now, or one that may subscribe before a
  // queued delivery runs (an idle runner delivers at once, so nobody can come in between).
  const wanted = (): boolean => activities.observed || runner.busy();

  const onEvent = (type: CallCardEventType, read: PayloadResult<unknown>): void => {
    if (read.ok) {
      accept(
        reduceEvent(reduction, type, read.value as never, scheduler),
        wanted()
          ? Object.freeze({
              kind: 'event',
              event: Object.freeze({ type, payload: read.value }) as CallCardEvent,
            })
          : undefined,
      );
    } else {
      // An unreadable `initialized` still raised a card: the state shows it before the report.
      accept(
        reduceMalformed(reduction, read.error),
        wanted() ? Object.freeze({ kind: 'malformed', error: read.error }) : undefined,
      );
      runner.run((error) => malformed$.next(error), read.error, undefined);
    }
  };
  const onCommand = (command: CallCardCommand, card: number): void => {
    accept(
      reduceCommand(reduction, command, card, scheduler),
      wanted() ? Object.freeze({ kind: 'command', command, card }) : undefined,
    );
  };
  const untapEvents = tapEvents(session, onEvent);
  const untapApplied = tapApplied(session, onCommand);

  return {
    activity$: new Observable<CallCardActivity>((subscriber) => {
      subscriber.next(
        Object.freeze({
          kind: 'sync',
          snapshot: delivered.snapshot,
          card: delivered.card,
          entityKept: delivered.entityKept,
        }),
      );
      return activities.subscribe(subscriber);
    }),
    state$,
    malformed$,
    current: () => reduction.snapshot,
    release() {
      if (!releaseRef()) return;
      untapEvents();
      untapApplied();
      activities.complete();
      state$.complete();
      malformed$.complete();
    },
  };
}
