import type { CallCardCommand } from '../../model/commands';
import { makeCommand } from '../make-command';

/**
 * Makes the `CallCardClose` command: closes the card. Afterwards the host answers every command
 * with `Call card is undefined`; through `applyCommands`, the closed card's unsent commands fail
 * with `CallCardUnavailableError`, and commands queued afterwards wait for the next card. Send it
 * when the call is over and the card has nothing left to show.
 *
 * @example
 * ```ts
 * import { closeCard } from 'b24-call-card-rx';
 * closeCard(); // { name: 'CallCardClose', params: {} }
 * ```
 */
export function closeCard(): CallCardCommand<'CallCardClose'> {
  return makeCommand('CallCardClose', {});
}
