import type { HostUiState } from './ui-states';

/**
 * Every `CallCard*` command: its params and the value a successful reply resolves to.
 * Commands the host acknowledges with `[]` resolve to `undefined`.
 */
export interface CallCardCommandMap {
  CallCardSetCardTitle: { params: { readonly title: string }; result: undefined };
  CallCardSetStatusText: { params: { readonly statusText: string }; result: undefined };
  CallCardSetUiState: {
    params: { readonly uiState: HostUiState; readonly disableAutoStartTimer?: boolean };
    result: undefined;
  };
  CallCardGetListUiStates: { params: Readonly<Record<string, never>>; result: readonly string[] };
  CallCardSetMute: { params: { readonly muted: boolean }; result: undefined };
  CallCardSetHold: { params: { readonly held: boolean }; result: undefined };
  CallCardStartTimer: { params: Readonly<Record<string, never>>; result: undefined };
  CallCardStopTimer: { params: Readonly<Record<string, never>>; result: undefined };
  CallCardClose: { params: Readonly<Record<string, never>>; result: undefined };
}

/** The host name of a command, e.g. `'CallCardSetStatusText'`. */
export type CallCardCommandName = keyof CallCardCommandMap;

/** A command as plain, frozen data; made by the creators (`setStatusText(...)`, ...). */
export type CallCardCommand<N extends CallCardCommandName = CallCardCommandName> = {
  [K in N]: { readonly name: K; readonly params: CallCardCommandMap[K]['params'] };
}[N];

/** What a successful reply to a command resolves to. */
export type CallCardCommandResult<C extends CallCardCommand = CallCardCommand> =
  CallCardCommandMap[C['name']]['result'];

/**
 * How the host answers a command:
 * - `ack`: `[]` on success;
 * - `list`: an array of values (`CallCardGetListUiStates`);
 * - `none`: never, in the browser (`CallCardStartTimer`, `CallCardStopTimer`).
 */
export type CommandReplyKind = 'ack' | 'list' | 'none';

/**
 * All 9 command names with the way the host answers each.
 *
 * @example
 * ```ts
 * import { COMMAND_REPLIES } from 'b24-call-card-rx';
 * COMMAND_REPLIES.CallCardStartTimer; // 'none': the host never answers it
 * ```
 */
export const COMMAND_REPLIES: { readonly [N in CallCardCommandName]: CommandReplyKind } = {
  CallCardSetCardTitle: 'ack',
  CallCardSetStatusText: 'ack',
  CallCardSetUiState: 'ack',
  CallCardGetListUiStates: 'list',
  CallCardSetMute: 'ack',
  CallCardSetHold: 'ack',
  CallCardStartTimer: 'none',
  CallCardStopTimer: 'none',
  CallCardClose: 'ack',
};

/**
 * Whether `value` is one of the 9 command names.
 *
 * @example
 * ```ts
 * import { isCallCardCommandName } from 'b24-call-card-rx';
 * isCallCardCommandName('CallCardSetMute'); // true
 * isCallCardCommandName('CallCardDance'); // false
 * ```
 */
export function isCallCardCommandName(value: unknown): value is CallCardCommandName {
  return typeof value === 'string' && Object.hasOwn(COMMAND_REPLIES, value);
}

/** The 9 command names, in the order of the host documentation. */
export const CALL_CARD_COMMAND_NAMES = /* @__PURE__ */ Object.keys(
  COMMAND_REPLIES,
) as readonly CallCardCommandName[];

/** Host error code for every command sent when no card exists (before `initialized`, after close). */
export const CARD_UNDEFINED_ERROR_CODE = 'Call card is undefined';

/** Host error code for `CallCardSetUiState` with an unknown state. */
export const INVALID_UI_STATE_ERROR_CODE = 'Invalid ui state';

/**
 * Setters: commands whose effect is a value that replaces the previous one, so a newer setter of
 * the same command makes an older, unsent one pointless. They are the host's `CallCardSet*`
 * commands.
 *
 * @internal
 */
export const SETTER_COMMANDS: ReadonlySet<CallCardCommandName> = /* @__PURE__ */ new Set(
  /* @__PURE__ */ CALL_CARD_COMMAND_NAMES.filter((name) => name.startsWith('CallCardSet')),
);

/**
 * Error code of a `CallCardCommandError` the library raises itself when the transport failed
 * (the placement's `onError` ran, or `call` threw); the original error is the `cause`.
 */
export const TRANSPORT_ERROR_CODE = 'Transport error';

/**
 * Error code of a `CallCardCommandError` the library raises itself when a reply is not what the
 * host documents (`CallCardGetListUiStates` answered with something other than a list of names).
 */
export const MALFORMED_REPLY_ERROR_CODE = 'Malformed reply';
