import type { HostUiState } from './ui-states';

/**
 * Every `CallCard*` command: its params and the value a successful reply resolves to.
 * Commands the host acknowledges with `[]` resolve to `undefined`. Index it to type one command's
 * params or result (`CallCardCommandMap['CallCardSetMute']['params']`), e.g. in a fake host.
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

/**
 * The host name of a command, e.g. `'CallCardSetStatusText'`. Switch on `command.name` to handle
 * each kind of command (in a test, a logger, a fake host).
 */
export type CallCardCommandName = keyof CallCardCommandMap;

/**
 * A command as plain, frozen data; made by the creators (`setStatusText(...)`, ...). It is what
 * your call logic emits, so a marble test compares plain values; `applyCommands`, `card.apply` and
 * `sendCommand` take it.
 */
export type CallCardCommand<N extends CallCardCommandName = CallCardCommandName> = {
  [K in N]: { readonly name: K; readonly params: CallCardCommandMap[K]['params'] };
}[N];

/**
 * What a successful reply to a command resolves to. It is what `sendCommand` and `card.send` emit
 * (`readonly string[]` for `getListUiStates()`, else `undefined`); use it to type a wrapper of
 * them.
 */
export type CallCardCommandResult<C extends CallCardCommand = CallCardCommand> =
  CallCardCommandMap[C['name']]['result'];

/**
 * How the host answers a command (the values of `COMMAND_REPLIES`; a fake host or a port of your
 * own reads it to decide whether to answer):
 * - `ack`: `[]` on success;
 * - `list`: an array of values (`CallCardGetListUiStates`);
 * - `none`: never, in the browser (`CallCardStartTimer`, `CallCardStopTimer`).
 */
export type CommandReplyKind = 'ack' | 'list' | 'none';

/**
 * All 9 command names with the way the host answers each. Use it to know which commands the host
 * never answers (the timer commands), so a test or a custom port can model them.
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
 * Whether `value` is one of the 9 command names. Use it in a `PlacementPort` or a fake host of your
 * own, which get command names as plain strings, or to check a name read from a session log.
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

/**
 * The 9 command names, in the order of the host documentation. Walk it to cover every command (a
 * fake host, a debug panel, a test table); `isCallCardCommandName` checks one name.
 */
export const CALL_CARD_COMMAND_NAMES = /* @__PURE__ */ Object.keys(
  COMMAND_REPLIES,
) as readonly CallCardCommandName[];

/**
 * Host error code for every command sent when no card exists (before `initialized`, after close).
 * Compare a `CallCardCommandError`'s `errorCode` with it to tell "no card to drive" from other host
 * errors.
 */
export const CARD_UNDEFINED_ERROR_CODE = 'Call card is undefined';

/**
 * Host error code for `CallCardSetUiState` with an unknown state. Compare `errorCode` with it to
 * spot a state the portal does not know: the creators check states first, so it means a hand-made
 * command or an older portal.
 */
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
 * (the placement's `onError` ran, or `call` threw); the original error is the `cause`. Compare
 * `errorCode` with it to tell a broken transport (the frame is going away, the client library
 * failed) from the host's own refusals.
 */
export const TRANSPORT_ERROR_CODE = 'Transport error';

/**
 * Error code of a `CallCardCommandError` the library raises itself when a reply is not what the
 * host documents (`CallCardGetListUiStates` answered with something other than a list of names).
 * Compare `errorCode` with it to tell a host that answers otherwise than documented from its own
 * refusals.
 */
export const MALFORMED_REPLY_ERROR_CODE = 'Malformed reply';
