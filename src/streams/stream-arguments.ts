import { CallCardInputError } from '../model/errors';
import type { CallCardEventType } from '../model/events';
import { CALL_CARD_EVENT_TYPES, isCallCardEventType } from '../model/events';

/**
 * Checks the arguments the streams layer takes from users (JavaScript callers, `as` casts): a
 * typo must fail loudly at the call, not bind a host event that never fires.
 */
export function checkEventType(where: string, type: unknown): CallCardEventType {
  if (!isCallCardEventType(type))
    throw new CallCardInputError(
      where,
      'type',
      type,
      `one of the 17 call-card event types (${CALL_CARD_EVENT_TYPES.join(', ')})`,
    );
  return type;
}
