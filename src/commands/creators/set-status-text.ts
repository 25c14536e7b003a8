import type { CallCardCommand } from '../../model/commands';
import { makeCommand } from '../make-command';

/**
 * Makes the `CallCardSetStatusText` command: the status line under the title. Use it for what the
 * user should know now: "Ringing...", "On hold", the call's duration.
 *
 * Returns deeply frozen data. A non-string `text` throws `CallCardInputError` at once.
 *
 * @example
 * ```ts
 * import { setStatusText } from 'b24-call-card-rx';
 * setStatusText('Ringing...');
 * // { name: 'CallCardSetStatusText', params: { statusText: 'Ringing...' } }
 * ```
 */
export function setStatusText(text: string): CallCardCommand<'CallCardSetStatusText'> {
  return makeCommand('CallCardSetStatusText', { statusText: text });
}
