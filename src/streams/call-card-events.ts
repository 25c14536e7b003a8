import type { Observable } from 'rxjs';
import type { CallCardPayloadError } from '../model/errors';
import type { CallCardEvent, CallCardEventMap, CallCardEventType } from '../model/events';
import { CALL_CARD_EVENT_TYPES, eventShortName } from '../model/events';
import { checkEventType } from '../internal/check-arguments';
import { checkPlacement } from '../placement/check-placement';
import type { PlacementPort } from '../placement/placement-port';
import { bindHostEvent } from '../session/event-hub';
import type { Session } from '../session/session';
import { onStarted, startUpOf } from '../session/start-up';
import { everyEvent, hostEvent, malformedEvents } from './host-streams';

/**
 * The call card's events as hot Observables, one per event type, plus `all$` and `malformed$`.
 * Get it with {@link callCardEvents}. Name it to hand the events to a component or a function
 * (`card.events` has this type).
 *
 * Every stream:
 * 1. binds its host event the first time anyone subscribes, once per placement for the life of
 *    the page (unsubscribing mutes delivery; a host binding cannot be removed);
 * 2. is hot: clicks are not replayed; `initialized$` and `entityChanged$` replay their latest
 *    payload to late subscribers (`entityChanged` may come before `initialized`);
 * 3. delivers synchronously within the host callback, in host order, even when a subscriber
 *    makes the host raise another event synchronously;
 * 4. never completes and never errors, but for a host event the placement cannot bind (its
 *    `bindEvent` throws): then the subscriber errors with `CallCardUnavailableError` naming the
 *    event. A malformed payload goes to `malformed$` and is dropped; a throwing subscriber is
 *    reported to rxjs's `config.onUnhandledError` and the others still receive this and later
 *    events.
 *
 * No-data clicks carry `undefined` (`Observable<undefined>`, as in `CallCardEventMap`), whatever
 * the transport sent (`""` from the SDK, `[]` from classic `BX24`).
 *
 * The object is frozen, and each stream is made the first time its field is read (each field is
 * an enumerable getter, so a copy or a destructured field is still the stream). Reading a field
 * twice gives the same Observable.
 */
export interface CallCardEvents {
  /**
   * Every event as `{type, payload}` data, in host order. Binds all 17 host events on first
   * subscription. Does NOT replay: for the current call, subscribe to `initialized$` (or
   * `on('initialized')`), which replays its latest payload.
   */
  readonly all$: Observable<CallCardEvent>;
  /** The stream of one event type, typed by `CallCardEventMap` (the same Observable as its field). */
  on<T extends CallCardEventType>(type: T): Observable<CallCardEventMap[T]>;
  /** The call the card was raised for. Replays the latest. Bound as soon as the object exists. */
  readonly initialized$: Observable<CallCardEventMap['initialized']>;
  /** The CRM entity of the call. Replays the latest. Bound as soon as the object exists. */
  readonly entityChanged$: Observable<CallCardEventMap['entityChanged']>;
  readonly answer$: Observable<CallCardEventMap['answerButtonClick']>;
  readonly skip$: Observable<CallCardEventMap['skipButtonClick']>;
  readonly makeCall$: Observable<CallCardEventMap['makeCallButtonClick']>;
  readonly hangup$: Observable<CallCardEventMap['hangupButtonClick']>;
  /** The NEW hold state. */
  readonly hold$: Observable<CallCardEventMap['holdButtonClick']>;
  /** The NEW mute state. */
  readonly mute$: Observable<CallCardEventMap['muteButtonClick']>;
  readonly transfer$: Observable<CallCardEventMap['transferButtonClick']>;
  readonly dialpad$: Observable<CallCardEventMap['dialpadButtonClick']>;
  readonly qualityMeter$: Observable<CallCardEventMap['qualityMeterClick']>;
  readonly completeTransfer$: Observable<CallCardEventMap['completeTransferButtonClick']>;
  readonly cancelTransfer$: Observable<CallCardEventMap['cancelTransferButtonClick']>;
  /** The user closed the card; the host closes it itself right after. */
  readonly close$: Observable<CallCardEventMap['closeButtonClick']>;
  readonly notifyAdmin$: Observable<CallCardEventMap['notifyAdminButtonClick']>;
  /** The comment text. */
  readonly addComment$: Observable<CallCardEventMap['addCommentButtonClick']>;
  readonly next$: Observable<CallCardEventMap['nextButtonClick']>;
  /**
   * Payloads of bound events that do not match the host documentation, reported here and
   * dropped from their stream. Not replayed; binds nothing by itself.
   */
  readonly malformed$: Observable<CallCardPayloadError>;
}

const cache = new WeakMap<PlacementPort, CallCardEvents>();

/**
 * The call card's events for `placement`, as hot typed Observables (see {@link CallCardEvents}
 * for the rules every stream keeps). Use it for events without the facade's state, in a logger or a
 * component that only listens; a facade's `card.events` are these streams, ending with the card.
 *
 * 1. Calling it again with the same placement returns the same object, so every part of the app
 *    shares one set of host bindings (the bindings are also shared with any other copy of the
 *    library in the page, such as the ESM and CJS builds loaded side by side).
 * 2. It binds `initialized` and `entityChanged` at once, so their latest payloads are there for
 *    components that subscribe later; every other event is bound on its first subscription.
 * 3. Throws `CallCardInputError` when `placement` is not a `PlacementPort`, and
 *    `CallCardUnavailableError` naming the event when its `bindEvent` throws for `initialized` or
 *    `entityChanged` (the events bound at once).
 *
 * @example
 * ```ts
 * import { callCardEvents, fromBX24 } from 'b24-call-card-rx';
 *
 * const events = callCardEvents(fromBX24());
 * events.initialized$.subscribe((call) => console.log('call', call.CALL_ID));
 * events.mute$.subscribe((muted) => console.log(muted ? 'muted' : 'unmuted'));
 * events.on('dialpadButtonClick').subscribe((key) => console.log('key', key));
 * events.malformed$.subscribe((error) => console.warn(error.message));
 * // Logs (as the user works the card):
 * // call 42
 * // muted
 * // key 5
 * ```
 *
 * @example
 * ```ts
 * import { callCardEvents } from 'b24-call-card-rx';
 * import { filter } from 'rxjs';
 *
 * // all$ carries data you can log, filter or reduce; narrow it by `type`.
 * callCardEvents(placement)
 *   .all$.pipe(filter((event) => event.type !== 'dialpadButtonClick'))
 *   .subscribe(({ type, payload }) => console.log(type, payload));
 * ```
 */
export function callCardEvents(placement: PlacementPort): CallCardEvents {
  const port = checkPlacement('callCardEvents', placement);
  const existing = cache.get(port);
  if (existing) return existing;
  const startUp = startUpOf(port);
  const events = eventsView(
    cachedSource((key) =>
      key === 'all'
        ? everyEvent(startUp)
        : key === 'malformed'
          ? malformedEvents(startUp)
          : hostEvent(startUp, key),
    ),
  );

  // Bound now (on a deferred placement, as soon as it starts), not on first subscription: a
  // component that mounts after the card appeared still gets the call. (Cached first: a host that
  // delivers inside bindEvent may re-enter.)
  cache.set(port, events);
  try {
    onStarted(startUp, bindCardData);
  } catch (error) {
    cache.delete(port);
    throw error;
  }
  return events;
}

/**
 * Binds `initialized` and `entityChanged` (for the replay of the current call). On a deferred
 * placement a failure to bind cannot be thrown to anyone: it is reported.
 */
function bindCardData(session: Session): void {
  bindHostEvent(session, 'initialized');
  bindHostEvent(session, 'entityChanged');
}

/** A stream of an events object: an event type's, or `all$`'s, or `malformed$`'s (internal). */
export type StreamKey = CallCardEventType | 'all' | 'malformed';

/**
 * What a `CallCardEvents` object reads its streams from (internal): the same Observable on every
 * call for a key.
 */
export type EventsSource = (key: StreamKey) => Observable<unknown>;

const SOURCE = Symbol('source');

type View = { readonly [SOURCE]: EventsSource };

let descriptors: PropertyDescriptorMap | undefined;

/**
 * The fields of every `CallCardEvents` object, made on first use: each stream an enumerable own
 * getter that asks the object's source, so an object holds no stream it was not asked for, and a
 * copy (`{...events}`) or a destructured field is still the stream.
 */
function viewDescriptors(): PropertyDescriptorMap {
  if (descriptors) return descriptors;
  const fields: PropertyDescriptorMap = {};
  // `all` and `malformed` have no suffix to drop: their fields are their names.
  for (const key of [...CALL_CARD_EVENT_TYPES, 'all', 'malformed'] as const)
    fields[`${eventShortName(key)}$`] = {
      enumerable: true,
      get(this: View) {
        return this[SOURCE](key);
      },
    };
  return (descriptors = fields);
}

/**
 * A `CallCardEvents` object over `source` (internal): frozen, its streams made when first read,
 * `on` a function of its own (it works destructured, or passed as a callback).
 */
export function eventsView(source: EventsSource): CallCardEvents {
  // One object with its fields in one go, every attribute final from the start: objects made
  // alike share their hidden class (and their getters), so each costs a few words.
  const view = Object.create(Object.prototype, viewDescriptors()) as Record<PropertyKey, unknown>;
  Object.defineProperty(view, SOURCE, { value: source });
  Object.defineProperty(view, 'on', {
    enumerable: true,
    value: (type: CallCardEventType) => source(checkEventType('callCardEvents.on', type)),
  });
  return Object.freeze(view) as unknown as CallCardEvents;
}

/** The stream `key` of an events object made by `eventsView` (internal). */
export function streamOf(events: CallCardEvents, key: StreamKey): Observable<unknown> {
  return (events as unknown as View)[SOURCE](key);
}

/** A source that makes each stream once, with `make`, and keeps it (internal). */
export function cachedSource(make: EventsSource): EventsSource {
  const streams = new Map<StreamKey, Observable<unknown>>();
  return (key) => {
    let stream = streams.get(key);
    if (!stream) streams.set(key, (stream = make(key)));
    return stream;
  };
}
