import type { CallCardCommand } from '../../model/commands';
import { makeCommand } from '../make-command';

/**
 * Makes the `CallCardSetHold` command: shows the hold button as on or off. The host changes the
 * flag silently (no event follows); the library learns it from the applied command. Send it when
 * the call is held or resumed outside the card (your SIP client), so the card shows the truth.
 *
 * Returns deeply frozen data. A non-boolean `held` throws `CallCardInputError` at once.
 *
 * @example
 * ```ts
 * import { setHold } from 'b24-call-card-rx';
 * setHold(false); // { name: 'CallCardSetHold', params: { held: false } }
 * ```
 */
export function setHold(held: boolean): CallCardCommand<'CallCardSetHold'> {
  return makeCommand('CallCardSetHold', { held });
}
