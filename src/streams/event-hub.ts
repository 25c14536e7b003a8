import { Observable, config } from 'rxjs';
import type { CallCardEventMap, CallCardEventType } from '../model/events';
import { hostEventName } from '../model/events';
import type { CallCardPayloadError } from '../model/errors';
import { readEventPayload } from '../model/validate';
import type { PlacementPort } from '../placement/placement-port';

/**
 * Where the card is in its life, as far as host events tell:
 * - `waiting`: no `initialized` seen since the hub bound it;
 * - `open`: `initialized` seen, and no `closeButtonClick` after it;
 * - `closed`: `closeButtonClick` seen after the last `initialized`.
 */
export type CardLifecycle = 'waiting' | 'open' | 'closed';

/** Events whose latest value is replayed to late subscribers. */
const REPLAYED: ReadonlySet<CallCardEventType> = new Set<CallCardEventType>([
  'initialized',
  'entityChanged',
]);

type Listener = (value: unknown) => void;

interface Channel {
  readonly listeners: Set<Listener>;
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
  readonly pending: Array<() => void>;
  dispatching: boolean;
}

const REGISTRY_KEY = Symbol.for('b24-call-card-rx/event-registry@1');

function registry(): WeakMap<object, SharedEntry> {
  const g = globalThis as typeof globalThis & { [REGISTRY_KEY]?: WeakMap<object, SharedEntry> };
  let map = g[REGISTRY_KEY];
  if (!map) {
    map = new WeakMap();
    Object.defineProperty(g, REGISTRY_KEY, { value: map, configurable: false, enumerable: false });
  }
  return map;
}

function sharedEntry(placement: PlacementPort): SharedEntry {
  const map = registry();
  let entry = map.get(placement);
  if (!entry) {
    entry = {
      version: 1,
      channels: new Map(),
      malformed: new Set(),
      lifecycleListeners: new Set(),
      lifecycle: 'waiting',
      pending: [],
      dispatching: false,
    };
    map.set(placement, entry);
  }
  return entry;
}

function reportListenerError(error: unknown): void {
  // Same path rxjs takes for an error nobody handles: never back into the host's callback.
  const handler = config.onUnhandledError;
  if (handler) handler(error);
  else
    setTimeout(() => {
      throw error;
    });
}

function deliver(listeners: Set<Listener>, value: unknown): void {
  // A copy: a listener may subscribe or unsubscribe others while we deliver.
  for (const listener of [...listeners]) {
    try {
      listener(value);
    } catch (error) {
      reportListenerError(error);
    }
  }
}

/**
 * Runs `work` now, or after the dispatch in progress: an event raised while another is being
 * delivered (a subscriber that makes the host answer synchronously) reaches every subscriber
 * after the first one, so all of them see host order.
 */
function schedule(entry: SharedEntry, work: () => void): void {
  entry.pending.push(work);
  if (entry.dispatching) return;
  entry.dispatching = true;
  try {
    for (let next = entry.pending.shift(); next; next = entry.pending.shift()) next();
  } finally {
    entry.dispatching = false;
  }
}

function setLifecycle(entry: SharedEntry, state: CardLifecycle): void {
  entry.lifecycle = state;
  deliver(entry.lifecycleListeners, state);
}

function bindChannel(
  placement: PlacementPort,
  entry: SharedEntry,
  type: CallCardEventType,
): Channel {
  let channel = entry.channels.get(type);
  if (channel) return channel;
  const created: Channel = { listeners: new Set(), has: false, last: undefined };
  entry.channels.set(type, created);
  placement.bindEvent(hostEventName(type), (raw: unknown) => {
    schedule(entry, () => {
      const read = readEventPayload(type, raw);
      if (!read.ok) {
        deliver(entry.malformed, read.error);
        return;
      }
      if (REPLAYED.has(type)) {
        created.has = true;
        created.last = read.value;
      }
      // Lifecycle first: a subscriber reacting to `initialized` must already see the card open.
      if (type === 'initialized') setLifecycle(entry, 'open');
      else if (type === 'closeButtonClick') setLifecycle(entry, 'closed');
      deliver(created.listeners, read.value);
    });
  });
  channel = created;
  return channel;
}

/**
 * The bind-once event hub of one placement (internal). Every stream of the library reads host
 * events through it.
 */
export interface EventHub {
  readonly placement: PlacementPort;
  /** Binds the host event now (once per placement, ever) without subscribing. */
  bind(type: CallCardEventType): void;
  /** Hot stream of one event's typed payloads; replays the latest `initialized`/`entityChanged`. */
  on<T extends CallCardEventType>(type: T): Observable<CallCardEventMap[T]>;
  /** Payloads the host sent that do not match the documentation: reported, then dropped. */
  readonly malformed$: Observable<CallCardPayloadError>;
  /** The card's lifecycle; replays the current one. Binds `initialized` and `closeButtonClick`. */
  readonly lifecycle$: Observable<CardLifecycle>;
  /** The current lifecycle, read synchronously. */
  lifecycle(): CardLifecycle;
}

const hubs = new WeakMap<PlacementPort, EventHub>();

/**
 * The event hub of `placement`: created once per placement and build; the bindings it makes are
 * recorded in a registry shared by every build of the library in the page.
 */
export function eventHub(placement: PlacementPort): EventHub {
  const existing = hubs.get(placement);
  if (existing) return existing;
  const entry = sharedEntry(placement);

  const on = <T extends CallCardEventType>(type: T): Observable<CallCardEventMap[T]> =>
    new Observable<CallCardEventMap[T]>((subscriber) => {
      const channel = bindChannel(placement, entry, type);
      const listener: Listener = (value) => subscriber.next(value as CallCardEventMap[T]);
      channel.listeners.add(listener);
      if (channel.has) subscriber.next(channel.last as CallCardEventMap[T]);
      return () => {
        channel.listeners.delete(listener);
      };
    });

  const hub: EventHub = {
    placement,
    bind: (type) => {
      bindChannel(placement, entry, type);
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
      bindChannel(placement, entry, 'initialized');
      bindChannel(placement, entry, 'closeButtonClick');
      const listener: Listener = (state) => subscriber.next(state as CardLifecycle);
      entry.lifecycleListeners.add(listener);
      subscriber.next(entry.lifecycle);
      return () => {
        entry.lifecycleListeners.delete(listener);
      };
    }),
    lifecycle: () => entry.lifecycle,
  };
  hubs.set(placement, hub);
  return hub;
}
