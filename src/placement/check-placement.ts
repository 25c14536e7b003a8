import { CallCardInputError } from '../model/errors';
import { fullMessages } from '../model/full-messages';
import type { PlacementPort } from './placement-port';

/** What a placement must be, as the full messages say it (internal). */
export const NOT_A_PORT = 'a PlacementPort (fromBX24(...), fromB24Frame(...) or a test placement)';

/**
 * Checks that `value`, handed to `where`, is a `PlacementPort` (`call` and `bindEvent`
 * functions), and throws `CallCardInputError` otherwise (internal).
 */
export function checkPlacement(where: string, value: unknown): PlacementPort {
  if (!isPlacementPort(value))
    throw new CallCardInputError(where, 'placement', value, fullMessages() ? NOT_A_PORT : '');
  return value as PlacementPort;
}

/**
 * Whether `value` has the two methods of a `PlacementPort`, `call` and `bindEvent` (internal);
 * false, never a throw, for a value whose inspection throws.
 */
export function isPlacementPort(value: unknown): value is PlacementPort {
  // No primitive has the two methods.
  try {
    return (
      typeof (value as PlacementPort | undefined)?.call === 'function' &&
      typeof (value as PlacementPort).bindEvent === 'function'
    );
  } catch {
    // A Proxy or getter that throws is no port.
    return false;
  }
}
