import { CallCardInputError } from '../model/errors';
import { isRecord } from '../model/is-record';

/**
 * How `createTestPlacement` answers a command:
 * - `'ack'`: replies `[]` once (the 12 state names for `CallCardGetListUiStates`);
 * - `{ error: code }`: replies `[{"result":"error","errorCode": code}]`, in the success channel
 *   as the host does;
 * - `'silent'`: never replies (the browser host with `CallCardStartTimer`/`CallCardStopTimer`,
 *   and with unknown commands);
 * - `{ delayMs: n, then? }`: answers with `then` (default `'ack'`) `n` ms later on the scheduler;
 * - `'twice'`: replies the `'ack'` value twice (the desktop client's double reply);
 * - `{ reply: value }`: replies `value` as is, e.g. a bare object instead of an array;
 * - `{ transportError: error }`: calls `onError(error)`, as an adapter does when the SDK's
 *   promise rejects.
 *
 * @example
 * ```ts
 * import { createTestPlacement } from 'b24-call-card-rx/testing';
 * const placement = createTestPlacement({
 *   policies: {
 *     CallCardSetUiState: { error: 'Invalid ui state' },
 *     CallCardSetCardTitle: { delayMs: 300 },
 *   },
 * });
 * ```
 */
export type ReplyPolicy =
  | 'ack'
  | 'silent'
  | 'twice'
  | { readonly error: string }
  | { readonly delayMs: number; readonly then?: ReplyPolicy }
  | { readonly reply: unknown }
  | { readonly transportError: unknown };

const EXPECTED =
  "'ack', 'silent', 'twice', {error: code}, {delayMs: n, then?}, {reply: value} or {transportError: error}";

/**
 * Throws a `CallCardInputError` naming `where` unless `policy` is a `ReplyPolicy`; checked when a
 * policy is set, so a typo fails at the line that made it, not at the first command.
 *
 * @internal
 */
export function checkReplyPolicy(where: string, field: string, policy: unknown): ReplyPolicy {
  if (policy === 'ack' || policy === 'silent' || policy === 'twice') return policy;
  if (isRecord(policy)) {
    const keys = Object.keys(policy);
    const p = policy as Record<string, unknown>;
    if (keys.length === 1 && Object.hasOwn(p, 'error')) {
      if (typeof p['error'] === 'string') return policy as ReplyPolicy;
      throw new CallCardInputError(where, `${field}.error`, p['error'], 'an error code string');
    }
    if (keys.length === 1 && (Object.hasOwn(p, 'reply') || Object.hasOwn(p, 'transportError')))
      return policy as ReplyPolicy;
    if (Object.hasOwn(p, 'delayMs') && keys.every((k) => k === 'delayMs' || k === 'then')) {
      const delay = p['delayMs'];
      if (typeof delay !== 'number' || !Number.isFinite(delay) || delay < 0)
        throw new CallCardInputError(where, `${field}.delayMs`, delay, 'a finite number >= 0');
      if (p['then'] !== undefined) checkReplyPolicy(where, `${field}.then`, p['then']);
      return policy as ReplyPolicy;
    }
  }
  throw new CallCardInputError(where, field, policy, `a reply policy: ${EXPECTED}`);
}
