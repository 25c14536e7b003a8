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
