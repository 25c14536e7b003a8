import type { CallCardCommand } from '../../model/commands';
import { makeCommand } from '../make-command';

/**
 * Makes the `CallCardStartTimer` command: shows the call timer and starts it. A timer stopped by
 * `stopTimer()` resumes from its original start (the host counts the stopped time too). Most apps
 * need no timer command (`setUiState('connected')` starts the timer); use it after
 * `setUiState('connected', { disableAutoStartTimer: true })` to start counting when your call
 * really begins.
 *
 * The host never answers this command in the browser, so `sendCommand` and `applyCommands`
 * count it as done as soon as it is sent.
 *
 * @example
 * ```ts
 * import { startTimer } from 'b24-call-card-rx';
 * startTimer(); // { name: 'CallCardStartTimer', params: {} }
 * ```
 */
export function startTimer(): CallCardCommand<'CallCardStartTimer'> {
  return makeCommand('CallCardStartTimer', {});
}
