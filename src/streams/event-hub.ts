import { Observable, asyncScheduler, throwError } from 'rxjs';
import type { CallCardEventMap, CallCardEventType } from '../model/events';
import { hostEventName } from '../model/events';
import type { CallCardPayloadError } from '../model/errors';
import { readEventPayload } from '../model/validate';
import { pageShared } from '../placement/page-registry';
import type { PlacementPort } from '../placement/placement-port';

/**
 * Where the card is in its life, as far as host events tell:
 * - `waiting`: no `initialized` seen since the hub bound it;
 * - `open`: `initialized` seen, and no `closeButtonClick` after it;
 * - `closed`: `closeButtonClick` seen after the last `initialized`.
 */
export type CardLifecycle = 'waiting' | 'open' | 'closed';

/** Options of {@link EventHub.on}. */
export interface HubOnOptions {
  /**
   * Whether a new subscriber first receives the latest `initialized` / `entityChanged` payload
   * (default `true`; clicks are never replayed whatever this says).
   */
  readonly replay?: boolean;
}

/** Events whose latest value is replayed to late subscribers. */
const REPLAYED: ReadonlySet<CallCardEventType> = new Set<CallCardEventType>([
  'initialized',
  'entityChanged',
]);

type Listener = (value: unknown) => void;

interface Channel {
  readonly listeners: Set<Listener>;
  /**
   * The listeners as an array, made on the first dispatch after a change and reused until the
   * next one: a subscriber that subscribes or unsubscribes during a delivery does not disturb it,
   * and a steady stream of events allocates nothing per event for it.
   */
  copy: Listener[] | undefined;
  /** Whether `placement.bindEvent` has been called (successfully) for this event. */
  bound: boolean;
  has: boolean;
  last: unknown;
}

/**
 * The part of a hub that must be shared by every copy of the library loaded in the page (the ESM
 * and CJS builds side by side): plain data and functions only, no rxjs objects, because each
 * build may bring its own rxjs.
 */
interface SharedEntry {
  readonly version: 1;
  readonly channels: Map<string, Channel>;
  readonly malformed: Set<Listener>;
  readonly lifecycleListeners: Set<Listener>;
  lifecycle: CardLifecycle;
  /** How many `initialized` the host raised since the hub bound it (readable or not). */
  cards: number;
  readonly pending: Array<() => void>;
  dispatching: boolean;
}

// Shared by every build in the page (see pageShared); bump `@1` when SharedEntry changes shape.
function sharedEntry(placement: PlacementPort): SharedEntry {
  return pageShared<SharedEntry>('event-registry@2', placement, () => ({
    version: 1,
    channels: new Map(),
    malformed: new Set(),
    lifecycleListeners: new Set(),
    lifecycle: 'waiting',
    cards: 0,
    pending: [],
    dispatching: false,
  }));
}

/**
 * Reports an error through rxjs's own unhandled-error path (`config.onUnhandledError`, or a throw
 * in a later task), asynchronously: a report must never throw back into the host's callback, and
 * going through rxjs's timeout provider keeps it virtual under `TestScheduler.run`.
 */
function reportListenerError(error: unknown): void {
  try {
    throwError(() => error).subscribe();
  } catch {
    // `useDeprecatedSynchronousErrorHandling` rethrows synchronously: throw it in a later task
    // instead, off the host's stack.
    asyncScheduler.schedule(() => {
      throw error;
    });
  }
}

function deliverTo(listeners: readonly Listener[], value: unknown): void {
  for (const listener of listeners) {
    try {
      listener(value);
    } catch (error) {
      reportListenerError(error);
    }
  }
}

function deliver(listeners: Set<Listener>, value: unknown): void {
  // A copy: a listener may subscribe or unsubscribe others while we deliver. An unsubscribed
  // rxjs subscriber ignores the value, so nobody sees an event after unsubscribing.
  deliverTo([...listeners], value);
}

/**
 * Dispatches a host event now, or after the dispatch in progress: an event raised while another
 * is being delivered (a subscriber that makes the host answer synchronously) reaches every
 * subscriber after the first one, so all of them see host order. The queue lives in the shared
 * entry, so the ESM and CJS builds take turns in one queue. Only a queued event allocates.
 */
function schedule(
  entry: SharedEntry,
  channel: Channel,
  type: CallCardEventType,
  raw: unknown,
): void {
  if (entry.dispatching) {
    entry.pending.push(() => dispatch(entry, channel, type, raw));
    return;
  }
  entry.dispatching = true;
  try {
    try {
      dispatch(entry, channel, type, raw);
    } catch (error) {
      reportListenerError(error);
    }
    for (let next = entry.pending.shift(); next; next = entry.pending.shift()) {
      try {
        next();
      } catch (error) {
        reportListenerError(error);
      }
    }
  } finally {
    entry.dispatching = false;
  }
}

function channelOf(entry: SharedEntry, type: CallCardEventType): Channel {
  let channel = entry.channels.get(type);
  if (!channel) {
    channel = { listeners: new Set(), copy: undefined, bound: false, has: false, last: undefined };
    entry.channels.set(type, channel);
  }
  return channel;
}

function dispatch(entry: SharedEntry, channel: Channel, type: CallCardEventType, raw: unknown) {
  const read = readEventPayload(type, raw);
  const lifecycle =
    type === 'initialized' ? 'open' : type === 'closeButtonClick' ? 'closed' : undefined;
  // The lifecycle follows the host event, not its payload: a card whose `initialized` payload we
  // cannot read exists all the same, and its commands work. Readable at once (`lifecycle()`,
  // `cards()`), announced after the event's own listeners (and the malformed report): the
  // derived state must know of the card before the sink sends the commands that waited for it.
  if (lifecycle) entry.lifecycle = lifecycle;
  if (type === 'initialized') entry.cards += 1;
  if (lifecycle === 'closed') forget(entry.channels.get('entityChanged'));
  if (read.ok) {
    if (REPLAYED.has(type)) {
      channel.has = true;
      channel.last = read.value;
    }
    channel.copy ??= [...channel.listeners];
    deliverTo(channel.copy, read.value);
  } else {
    // The latest value is now unknown: replaying the one before it would describe another call.
    forget(channel);
    deliver(entry.malformed, read.error);
  }
  if (lifecycle) deliver(entry.lifecycleListeners, lifecycle);
}

/** Stops replaying a channel's latest value (the closed card's entity, an unreadable payload). */
function forget(channel: Channel | undefined): void {
  if (!channel) return;
  channel.has = false;
  channel.last = undefined;
}

/** Binds the host event of `type` unless some build of the library already did. */
function ensureBound(
  placement: PlacementPort,
  entry: SharedEntry,
  type: CallCardEventType,
): Channel {
  const channel = channelOf(entry, type);
  if (channel.bound) return channel;
  // Marked first: a host that delivers synchronously inside bindEvent re-enters here.
  channel.bound = true;
  try {
    placement.bindEvent(hostEventName(type), (raw: unknown) => {
      schedule(entry, channel, type, raw);
    });
  } catch (error) {
    // Nothing was bound: let a later subscriber try again.
    channel.bound = false;
    throw error;
  }
  return channel;
}

/**
 * The bind-once event hub of one placement (internal). Every stream of the library reads host
 * events through it.
 */
export interface EventHub {
  /** Binds the host event now (once per placement, ever) without subscribing. */
  bind(type: CallCardEventType): void;
  /**
   * Hot stream of one event's typed payloads, delivered synchronously within the host callback;
   * replays the latest `initialized`/`entityChanged` unless `options.replay` is `false`. Never
   * completes or errors.
   */
  on<T extends CallCardEventType>(type: T, options?: HubOnOptions): Observable<CallCardEventMap[T]>;
  /** Payloads the host sent that do not match the documentation: reported, then dropped. */
  readonly malformed$: Observable<CallCardPayloadError>;
  /** The card's lifecycle; replays the current one. Binds `initialized` and `closeButtonClick`. */
  readonly lifecycle$: Observable<CardLifecycle>;
  /** The current lifecycle, read synchronously. */
  lifecycle(): CardLifecycle;
  /**
   * How many cards the host raised (`initialized` events, readable or not) since the hub bound
   * `initialized`: a new number means a new card, even before `lifecycle$` announces it.
   */
  cards(): number;
}

const hubs = new WeakMap<PlacementPort, EventHub>();

/**
 * The event hub of `placement`: created once per placement and build; the bindings it makes are
 * recorded in a registry shared by every build of the library in the page.
 *
 * @example
 * ```ts
 * // check-examples: skip internal, eventHub is not exported: users reach the hub through
 * // callCardEvents / fromCallCardEvent, whose examples are checked
 * const hub = eventHub(placement);
 * hub.on('muteButtonClick').subscribe((muted) => console.log(muted));
 * ```
 */
export function eventHub(placement: PlacementPort): EventHub {
  const existing = hubs.get(placement);
  if (existing) return existing;
  const entry = sharedEntry(placement);

  const on = <T extends CallCardEventType>(
    type: T,
    options?: HubOnOptions,
  ): Observable<CallCardEventMap[T]> => {
    const replay = options?.replay ?? true;
    return new Observable<CallCardEventMap[T]>((subscriber) => {
      const channel = channelOf(entry, type);
      const listener: Listener = (value) => subscriber.next(value as CallCardEventMap[T]);
      // Listen before replaying: an event the replayed value's handler raises synchronously
      // must still reach this subscriber. (During a dispatch of this very event the listener
      // is not in the delivery copy, so the value is not seen twice.)
      channel.listeners.add(listener);
      channel.copy = undefined;
      if (replay && channel.has) subscriber.next(channel.last as CallCardEventMap[T]);
      try {
        ensureBound(placement, entry, type);
      } catch (error) {
        channel.listeners.delete(listener);
        channel.copy = undefined;
        throw error;
      }
      return () => {
        if (channel.listeners.delete(listener)) channel.copy = undefined;
      };
    });
  };

  const hub: EventHub = {
    bind: (type) => {
      ensureBound(placement, entry, type);
    },
    on,
    malformed$: new Observable<CallCardPayloadError>((subscriber) => {
      const listener: Listener = (error) => subscriber.next(error as CallCardPayloadError);
      entry.malformed.add(listener);
      return () => {
        entry.malformed.delete(listener);
      };
    }),
    lifecycle$: new Observable<CardLifecycle>((subscriber) => {
      ensureBound(placement, entry, 'initialized');
      ensureBound(placement, entry, 'closeButtonClick');
      const listener: Listener = (state) => subscriber.next(state as CardLifecycle);
      entry.lifecycleListeners.add(listener);
      subscriber.next(entry.lifecycle);
      return () => {
        entry.lifecycleListeners.delete(listener);
      };
    }),
    lifecycle: () => entry.lifecycle,
    cards: () => entry.cards,
  };
  hubs.set(placement, hub);
  return hub;
}
