import type { Observable } from 'rxjs';
import type { CallCardEventMap, CallCardEventType } from '../model/events';
import { checkPlacement } from '../placement/check-placement';
import type { PlacementPort } from '../placement/placement-port';
import { startUpOf } from '../session/start-up';
import { hostEvent } from './host-streams';
import { checkEventType } from '../internal/check-arguments';

/**
 * One call-card event of `placement` as a hot Observable of its typed payload, like rxjs
 * `fromEvent` for the card. Use it for a single event (an effect that reacts to one click): it
 * binds nothing until subscribed. For `initialized` and `entityChanged`, prefer `callCardEvents`,
 * which binds them at once.
 *
 * 1. Nothing happens until the first subscription, which binds the host event: once per
 *    placement for the life of the page, shared with `callCardEvents(placement)` and with any
 *    other copy of the library in the page. Unsubscribing mutes delivery.
 * 2. Hot: clicks are not replayed; `initialized` and `entityChanged` replay their latest payload
 *    (only what arrived after the event was first bound: bind early with `callCardEvents`).
 * 3. Delivered synchronously within the host callback, in host order. Never completes, and errors
 *    only as rule 4 says: malformed payloads are dropped and reported on
 *    `callCardEvents(placement).malformed$`.
 * 4. Throws `CallCardInputError` at once for an unknown `type` or a `placement` that is not a
 *    `PlacementPort`. If the placement's `bindEvent` throws, the subscriber errors with a
 *    `CallCardUnavailableError` naming the event (nothing was bound; a later subscription tries
 *    again).
 *
 * @example
 * ```ts
 * import { fromCallCardEvent, fromBX24 } from 'b24-call-card-rx';
 *
 * const placement = fromBX24();
 * fromCallCardEvent(placement, 'holdButtonClick').subscribe((held) =>
 *   console.log(held ? 'on hold' : 'resumed'),
 * );
 * // Logs, after two clicks on Hold:
 * // on hold
 * // resumed
 * ```
 */
export function fromCallCardEvent<T extends CallCardEventType>(
  placement: PlacementPort,
  type: T,
): Observable<CallCardEventMap[T]> {
  const port = checkPlacement('fromCallCardEvent', placement);
  return hostEvent(startUpOf(port), checkEventType('fromCallCardEvent', type) as T);
}
