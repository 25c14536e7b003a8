import type { Observable } from 'rxjs';
import type { CallCardPayloadError } from '../model/errors';
import type { CallCardEvent, CallCardEventMap, CallCardEventType } from '../model/events';
import { CALL_CARD_EVENT_TYPES, eventShortName } from '../model/events';
import type { CallCardEvents } from './call-card-events';
import { checkEventType } from '../internal/check-arguments';

/** What a `CallCardEvents` object reads its streams from (internal). */
export interface EventsSource {
  /** The stream of one event type; the same Observable on every call for a type. */
  stream<T extends CallCardEventType>(type: T): Observable<CallCardEventMap[T]>;
  /** `all$`; the same Observable on every call. */
  all(): Observable<CallCardEvent>;
  /** `malformed$`; the same Observable on every call. */
  malformed(): Observable<CallCardPayloadError>;
}

const SOURCE = Symbol('source');

type View = { readonly [SOURCE]: EventsSource };

let prototype: object | undefined;

/**
 * The one prototype of every `CallCardEvents` object, made on first use: each field a getter that
 * asks the object's source, so an object costs one slot, not 19 streams made in advance.
 */
function viewPrototype(): object {
  if (prototype) return prototype;
  const fields: PropertyDescriptorMap = {
    all$: {
      get(this: View) {
        return this[SOURCE].all();
      },
    },
    malformed$: {
      get(this: View) {
        return this[SOURCE].malformed();
      },
    },
    on: {
      value(this: View, type: CallCardEventType) {
        return this[SOURCE].stream(checkEventType('callCardEvents.on', type));
      },
    },
  };
  for (const type of CALL_CARD_EVENT_TYPES)
    fields[`${eventShortName(type)}$`] = {
      get(this: View) {
        return this[SOURCE].stream(type);
      },
    };
  return (prototype = Object.create(Object.prototype, fields) as object);
}

/**
 * A `CallCardEvents` object over `source` (internal): frozen, with every stream made when first
 * read. Its fields live on a shared prototype, so `Object.keys` lists none of them; read them by
 * name (or destructure them), as the type says.
 */
export function eventsView(source: EventsSource): CallCardEvents {
  return Object.freeze(
    Object.create(viewPrototype(), { [SOURCE]: { value: source } }),
  ) as CallCardEvents;
}

/** A source that makes each stream once, with `make`, and keeps it (internal). */
export function cachedSource(make: {
  stream(type: CallCardEventType): Observable<unknown>;
  all(): Observable<CallCardEvent>;
  malformed(): Observable<CallCardPayloadError>;
}): EventsSource {
  const streams = new Map<CallCardEventType, Observable<unknown>>();
  let all: Observable<CallCardEvent> | undefined;
  let malformed: Observable<CallCardPayloadError> | undefined;
  return {
    stream: <T extends CallCardEventType>(type: T) => {
      let stream = streams.get(type);
      if (!stream) {
        stream = make.stream(type);
        streams.set(type, stream);
      }
      return stream as Observable<CallCardEventMap[T]>;
    },
    all: () => (all ??= make.all()),
    malformed: () => (malformed ??= make.malformed()),
  };
}
