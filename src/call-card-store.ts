import { BehaviorSubject, Subject, Subscription, map, merge } from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import type { CallCardActivity } from './model/activity';
import type { CallCardPayloadError } from './model/errors';
import type { CallCardEvent } from './model/events';
import { inOrder } from './model/in-order';
import type { PlacementPort } from './placement/placement-port';
import { callCardEvents } from './streams/call-card-events';
import { appliedCommands } from './commands/applied-commands';
import { commandQueue } from './commands/command-queue';
import { newCard, reduce, startReduction } from './operators/call-card-reducer';
import type { Reduction } from './operators/call-card-reducer';
import { INITIAL_CALL_CARD_SNAPSHOT } from './operators/call-card-snapshot';
import type { CallCardSnapshot } from './operators/call-card-snapshot';

/**
 * The live state of one placement's card (internal), shared by every `connectCallCard` on that
 * placement and scheduler, so two facades never disagree: the second one sees the mute the first
 * one applied, the close it sent, the entity that came before `initialized`.
 */
export interface CallCardStore {
  /** Host events and applied commands, in order; the snapshot is already reduced when they arrive. */
  readonly activity$: Subject<CallCardActivity>;
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
  store: CallCardStore;
  refs: number;
}

const stores = new WeakMap<PlacementPort, Map<SchedulerLike, Entry>>();

/**
 * The store of `placement` on `scheduler`, created on first use, counted per facade. It is kept
 * while any facade uses it: the host's silent changes (applied commands) exist nowhere else, so a
 * facade created later can only learn them from a store that was running.
 */
export function retainCallCardStore(
  placement: PlacementPort,
  scheduler: SchedulerLike,
): CallCardStore {
  let byScheduler = stores.get(placement);
  if (!byScheduler) {
    byScheduler = new Map();
    stores.set(placement, byScheduler);
  }
  let entry = byScheduler.get(scheduler);
  if (!entry) {
    const created: Entry = { refs: 0, store: undefined as unknown as CallCardStore };
    const table = byScheduler;
    created.store = createStore(placement, scheduler, () => {
      created.refs -= 1;
      if (created.refs > 0) return false;
      table.delete(scheduler);
      return true;
    });
    entry = created;
    byScheduler.set(scheduler, entry);
  }
  entry.refs += 1;
  return entry.store;
}

function createStore(
  placement: PlacementPort,
  scheduler: SchedulerLike,
  releaseRef: () => boolean,
): CallCardStore {
  // Subscribing to `all$` below binds every host event at once, for good: a card raised before
  // anyone else subscribed is never missed.
  const events = callCardEvents(placement);

  const activity$ = new Subject<CallCardActivity>();
  const state$ = new BehaviorSubject<CallCardSnapshot>(INITIAL_CALL_CARD_SNAPSHOT);
  const malformed$ = new Subject<CallCardPayloadError>();
  const inputs = new Subscription();
  let reduction: Reduction = startReduction(INITIAL_CALL_CARD_SNAPSHOT);
  // A subscriber that causes more activity (a command acknowledged synchronously) gets its
  // snapshot after this delivery ends, so every subscriber sees the snapshots in order.
  const run = inOrder();
  const deliver = (snapshot: CallCardSnapshot): void => run(() => state$.next(snapshot));
  const onActivity = (activity: CallCardActivity): void => {
    const next = reduce(reduction, activity, scheduler);
    const changed = next.snapshot !== reduction.snapshot;
    // Reduce first: whoever hears of this activity reads an up-to-date `current()`.
    reduction = next;
    activity$.next(activity);
    if (changed) deliver(next.snapshot);
  };

  const openUnreadableCard = (): void => {
    const next = newCard(reduction, null);
    const changed = next.snapshot !== reduction.snapshot;
    reduction = next;
    if (changed) deliver(next.snapshot);
  };

  // A card this placement already shows: take it over from the replayed payloads. The sink's
  // view counts a card closed by an applied `CallCardClose`, which no host event reports. An
  // entity replayed while no card is open came before the next `initialized`, and is kept for it.
  const lifecycle = commandQueue(placement).card();
  if (lifecycle !== 'closed') {
    const replayed: CallCardEvent[] = [];
    events.entityChanged$
      .subscribe((payload) => replayed.push({ type: 'entityChanged', payload }))
      .unsubscribe();
    if (lifecycle === 'open')
      events.initialized$
        .subscribe((payload) => replayed.push({ type: 'initialized', payload }))
        .unsubscribe();
    for (const event of replayed) onActivity({ kind: 'event', event });
    if (lifecycle === 'open' && !replayed.some((event) => event.type === 'initialized'))
      openUnreadableCard();
  }

  inputs.add(
    events.malformed$.subscribe((error) => {
      // The host raised a card whose payload we cannot read: the card exists and the sink sends
      // its commands, so the state must show it too (with `call: null`), before the report.
      if (error.event === 'initialized') openUnreadableCard();
      malformed$.next(error);
    }),
  );
  inputs.add(
    merge(
      events.all$.pipe(map((event): CallCardActivity => ({ kind: 'event', event }))),
      appliedCommands(placement).pipe(
        map((command): CallCardActivity => ({ kind: 'command', command })),
      ),
    ).subscribe(onActivity),
  );

  return {
    activity$,
    state$,
    malformed$,
    current: () => reduction.snapshot,
    release() {
      if (!releaseRef()) return;
      inputs.unsubscribe();
      activity$.complete();
      state$.complete();
      malformed$.complete();
    },
  };
}
