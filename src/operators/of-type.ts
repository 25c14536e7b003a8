import { filter } from 'rxjs';
import type { OperatorFunction } from 'rxjs';
import { CallCardInputError } from '../model/errors';
import { fullMessages } from '../model/full-messages';
import { CALL_CARD_EVENT_TYPES } from '../model/events';
import { checkEventType } from '../internal/check-arguments';
import type { CallCardEvent, CallCardEventType } from '../model/events';

/**
 * Lets through only the call-card events of the given types, and narrows the event union to them
 * so the payload is typed: after `ofType('muteButtonClick')` an event is
 * `CallCardEvent<'muteButtonClick'>` and its `payload` is a `boolean`.
 *
 * 1. Takes one or more of the 17 event types; an event passes when its `type` is one of them.
 * 2. Events pass unchanged (same object), in source order; nothing is buffered or delayed.
 * 3. Errors and completion of the source pass through; unsubscribing unsubscribes the source.
 * 4. No types, or a name that is not one of the 17 event types (a typo from plain JavaScript),
 *    throws `CallCardInputError` synchronously when `ofType` is called, not later in the stream.
 *
 * ## Examples
 *
 * @example
 * Keep the mute clicks; the payload is the NEW mute state, typed `boolean`:
 * ```ts
 * import { of } from 'rxjs';
 * import { ofType } from 'b24-call-card-rx';
 * import type { CallCardEvent } from 'b24-call-card-rx';
 *
 * const events$ = of<CallCardEvent[]>(
 *   { type: 'muteButtonClick', payload: true },
 *   { type: 'hangupButtonClick', payload: undefined },
 *   { type: 'muteButtonClick', payload: false },
 * );
 * events$.pipe(ofType('muteButtonClick')).subscribe((e) => console.log(e.payload));
 * // Logs:
 * // true
 * // false
 * ```
 *
 * @example
 * Several types narrow to their union:
 * ```ts
 * import type { Observable } from 'rxjs';
 * import { ofType, type CallCardEvent } from 'b24-call-card-rx';
 *
 * const clicks$: Observable<CallCardEvent<'hangupButtonClick' | 'skipButtonClick'>> =
 *   card.events.all$.pipe(ofType('hangupButtonClick', 'skipButtonClick'));
 * // events:  -m-h-s-a-|
 * // result:  ---h-s---|
 * ```
 *
 * @param types The event types to keep (at least one).
 * @returns An operator from call-card events to the events of those types.
 */
export function ofType<T extends CallCardEventType>(
  ...types: [T, ...T[]]
): OperatorFunction<CallCardEvent, CallCardEvent<T>> {
  if (types.length === 0)
    throw new CallCardInputError(
      'ofType',
      'types',
      types,
      fullMessages() ? `one or more of ${CALL_CARD_EVENT_TYPES.join(', ')}` : '',
    );
  for (const type of types as readonly unknown[]) checkEventType('ofType', type);
  const wanted: ReadonlySet<CallCardEventType> = new Set(types);
  // The cast states what the check proves: TypeScript cannot relate a generic `CallCardEvent<T>`
  // to the union it narrows.
  return filter((event: CallCardEvent) => wanted.has(event.type)) as OperatorFunction<
    CallCardEvent,
    CallCardEvent<T>
  >;
}
