import type { CallCardCommand } from '../../model/commands';
import { makeCommand } from '../make-command';

/**
 * Makes the `CallCardGetListUiStates` command: asks the host for the UI states it knows. Its
 * result is a `readonly string[]`. It works even when no card is open. Use it to check that a
 * portal knows the states your app sends (compare with `UI_STATES`).
 *
 * @example
 * ```ts
 * import { getListUiStates, sendCommand } from 'b24-call-card-rx';
 * sendCommand(placement, getListUiStates()).subscribe((states) => console.log(states));
 * // Logs: ['incoming', 'transferIncoming', ..., 'redial']
 * ```
 */
export function getListUiStates(): CallCardCommand<'CallCardGetListUiStates'> {
  return makeCommand('CallCardGetListUiStates', {});
}
