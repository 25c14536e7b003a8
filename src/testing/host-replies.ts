import { COMMAND_REPLIES, isCallCardCommandName } from '../model/commands';
import { UI_STATES } from '../model/ui-states';

/**
 * The host's error reply, sent in the SUCCESS channel: `[{"result":"error","errorCode":code}]`.
 *
 * @internal
 */
export function errorReply(errorCode: string): unknown[] {
  return [{ result: 'error', errorCode }];
}

/**
 * The host's reply to `CallCardGetListUiStates`: the 12 documented states, in host order.
 *
 * @internal
 */
export function uiStatesReply(): string[] {
  // A fresh copy per reply, as a reply parsed from the wire would be.
  return [...UI_STATES];
}

/**
 * The host's documented reply to `command` when it succeeds: `[]`, the 12 states for
 * `CallCardGetListUiStates`, and `undefined` (no reply ever) for the two timer commands and for
 * any unknown command.
 *
 * @internal
 */
export function successReply(command: string): { readonly reply: unknown } | undefined {
  if (!isCallCardCommandName(command)) return undefined;
  const kind = COMMAND_REPLIES[command];
  if (kind === 'none') return undefined;
  return { reply: kind === 'list' ? uiStatesReply() : [] };
}
