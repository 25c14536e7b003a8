import type { CallCardCommand } from '../../model/commands';
import { makeCommand } from '../make-command';

/**
 * Makes the `CallCardSetCardTitle` command: the title shown at the top of the card. Set it once you
 * know who is calling (the CRM lookup answered, the line name).
 *
 * Returns deeply frozen data; nothing reaches the host until the command goes through
 * `applyCommands` or `sendCommand`. A non-string `title` throws `CallCardInputError` at once.
 *
 * @example
 * ```ts
 * import { setCardTitle } from 'b24-call-card-rx';
 * setCardTitle('Ann Lee, ACME Inc.');
 * // { name: 'CallCardSetCardTitle', params: { title: 'Ann Lee, ACME Inc.' } }
 * ```
 */
export function setCardTitle(title: string): CallCardCommand<'CallCardSetCardTitle'> {
  return makeCommand('CallCardSetCardTitle', { title });
}
