import type { CallCardCommand } from '../../model/commands';
import { makeCommand } from '../make-command';

/**
 * Makes the `CallCardStopTimer` command: freezes the call timer, still visible. Use it when the
 * call ends but the card keeps its state, so the duration on screen stops counting (a UI state such
 * as `redial` hides and resets the timer instead).
 *
 * The host never answers this command in the browser, so `sendCommand` and `applyCommands`
 * count it as done as soon as it is sent.
 *
 * @example
 * ```ts
 * import { stopTimer } from 'b24-call-card-rx';
 * stopTimer(); // { name: 'CallCardStopTimer', params: {} }
 * ```
 */
export function stopTimer(): CallCardCommand<'CallCardStopTimer'> {
  return makeCommand('CallCardStopTimer', {});
}
