import type { CallCardCommand } from '../../model/commands';
import type { HostUiState } from '../../model/ui-states';
import { makeCommand } from '../make-command';
import { checkOptions } from '../../internal/check-arguments';

/** Options of `setUiState`: `disableAutoStartTimer` resets the timer instead of starting it. */
export interface SetUiStateOptions {
  /**
   * With `'connected'`: do not start the call timer; stop, hide and reset it instead (the only
   * reset the host offers).
   */
  readonly disableAutoStartTimer?: boolean;
}

const COMMAND = 'CallCardSetUiState';

/**
 * Makes the `CallCardSetUiState` command: switches the card to `state`, which decides the
 * buttons shown and what happens to the call timer. Clicks do not move the card from state to
 * state: the app sends this at each step of its call (ringing, connected, over). The timer
 * (docs/host-behaviour.md, section 4):
 *
 * 1. `'connected'` shows the timer and starts it unless it runs already;
 * 2. `'connected'` with `{ disableAutoStartTimer: true }` stops, hides and resets the timer;
 * 3. the transfer states and the internal `externalCard` keep a running timer, and reset one
 *    that is not running;
 * 4. every other state stops, hides and resets it.
 *
 * Accepts the 12 documented states and the 3 internal ones (`idle`, `sipPhoneError`,
 * `externalCard`). Returns deeply frozen data. An unknown state, an unknown option key or a
 * non-boolean `disableAutoStartTimer` throws `CallCardInputError` at once.
 *
 * @example
 * ```ts
 * import { setUiState } from 'b24-call-card-rx';
 * setUiState('connected');
 * // { name: 'CallCardSetUiState', params: { uiState: 'connected' } }
 * setUiState('connected', { disableAutoStartTimer: true });
 * // { name: 'CallCardSetUiState', params: { uiState: 'connected', disableAutoStartTimer: true } }
 * ```
 */
export function setUiState(
  state: HostUiState,
  options?: SetUiStateOptions,
): CallCardCommand<'CallCardSetUiState'> {
  const params: Record<string, unknown> = { uiState: state };
  // An undefined option is absent, so the data stays clean (JSON would drop it on the wire).
  const disableAutoStartTimer = checkOptions(COMMAND, options, ['disableAutoStartTimer'])[
    'disableAutoStartTimer'
  ];
  if (disableAutoStartTimer !== undefined) params['disableAutoStartTimer'] = disableAutoStartTimer;
  return makeCommand(COMMAND, params);
}
