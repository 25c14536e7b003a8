/**
 * The 12 documented call-card UI states, in the order the host lists them
 * (`CallCardGetListUiStates`). Walk it to cover every state (a state picker, a test table);
 * `isUiState` checks one value.
 *
 * @example
 * ```ts
 * import { UI_STATES } from 'b24-call-card-rx';
 * UI_STATES.includes('connected'); // true
 * ```
 */
export const UI_STATES = [
  'incoming',
  'transferIncoming',
  'outgoing',
  'connectingIncoming',
  'connectingOutgoing',
  'connected',
  'transferring',
  'transferFailed',
  'transferConnected',
  'error',
  'moneyError',
  'redial',
] as const;

/**
 * One of the 12 documented UI states. Use it for the states your own code sends and reacts to; a
 * card's `snapshot.uiState` is the wider `HostUiState`.
 */
export type UiState = (typeof UI_STATES)[number];

/**
 * The host also accepts three undocumented internal states. A new card made for an app starts in
 * `externalCard` (only a Close button, timer hidden). Code that handles every state a card can be
 * in needs them: `snapshot.uiState` can hold them, `UI_STATES` does not list them.
 */
export const INTERNAL_UI_STATES = ['idle', 'sipPhoneError', 'externalCard'] as const;

/**
 * One of the undocumented internal states the host accepts. Name it where code treats these states
 * apart from the documented ones.
 */
export type InternalUiState = (typeof INTERNAL_UI_STATES)[number];

/**
 * Every state the host accepts in `CallCardSetUiState`. It is the type of `snapshot.uiState` and of
 * what `setUiState` and `whenUiState` take: use it for any state that comes from the card or goes
 * to it.
 */
export type HostUiState = UiState | InternalUiState;

/**
 * Whether `value` is one of the 12 documented UI states. Use it to narrow a string from elsewhere
 * (a URL, a store, a form) to `UiState`, or to tell a documented state from an internal one in
 * `snapshot.uiState`.
 *
 * @example
 * ```ts
 * import { isUiState } from 'b24-call-card-rx';
 * isUiState('connected'); // true
 * isUiState('idle'); // false: internal
 * ```
 */
export function isUiState(value: unknown): value is UiState {
  // A search of 12 names, not a Set: cheaper to ship, and as fast for lists this short.
  return (UI_STATES as readonly unknown[]).includes(value);
}

/**
 * Whether `value` is a state the host accepts: documented or internal. Use it to check a state read
 * from elsewhere (a store, a URL) before `setUiState`, which throws `CallCardInputError` for any
 * other value.
 *
 * @example
 * ```ts
 * import { isHostUiState } from 'b24-call-card-rx';
 * isHostUiState('externalCard'); // true
 * ```
 */
export function isHostUiState(value: unknown): value is HostUiState {
  return isUiState(value) || (INTERNAL_UI_STATES as readonly unknown[]).includes(value);
}

/**
 * States in which a running timer keeps counting (docs/host-behaviour.md, section 4): entering one of these
 * while the timer runs changes nothing; while it is not running, the timer is hidden and reset.
 *
 * @internal
 */
export const TIMER_KEEPING_STATES: readonly HostUiState[] = [
  'transferring',
  'transferFailed',
  'transferConnected',
  'externalCard',
];
