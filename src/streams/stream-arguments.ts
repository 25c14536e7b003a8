import { CallCardInputError } from '../model/errors';
import type { CallCardEventType } from '../model/events';
import { CALL_CARD_EVENT_TYPES, isCallCardEventType } from '../model/events';
import type { PlacementPort } from '../placement/placement-port';

/**
 * Checks the arguments the streams layer takes from users (JavaScript callers, `as` casts): a
 * typo must fail loudly at the call, not bind a host event that never fires.
 */
export function readEventType(where: string, type: unknown): CallCardEventType {
  if (!isCallCardEventType(type))
    throw new CallCardInputError(
      where,
      'type',
      type,
      `one of the 17 call-card event types (${CALL_CARD_EVENT_TYPES.join(', ')})`,
    );
  return type;
}

/** Checks that `placement` can bind host events (the one thing the streams layer needs). */
export function readPlacement(where: string, placement: unknown): PlacementPort {
  const bindEvent =
    typeof placement === 'object' && placement !== null
      ? (placement as { bindEvent?: unknown }).bindEvent
      : undefined;
  if (typeof bindEvent !== 'function')
    throw new CallCardInputError(
      where,
      'placement',
      placement,
      'a PlacementPort (fromBX24(...), fromB24Frame(...) or a test placement)',
    );
  return placement as PlacementPort;
}
