import type { CallCardCommand } from '../../model/commands';
import { makeCommand } from '../make-command';

/**
 * Makes the `CallCardSetMute` command: shows the mute button as on or off. The host changes the
 * flag silently (no event follows); the library learns it from the applied command. Send it when
 * the microphone is muted or unmuted outside the card (a headset button, your SIP client), so the
 * card shows the truth.
 *
 * Returns deeply frozen data. A non-boolean `muted` throws `CallCardInputError` at once.
 *
 * @example
 * ```ts
 * import { setMute } from 'b24-call-card-rx';
 * setMute(true); // { name: 'CallCardSetMute', params: { muted: true } }
 * ```
 */
export function setMute(muted: boolean): CallCardCommand<'CallCardSetMute'> {
  return makeCommand('CallCardSetMute', { muted });
}
