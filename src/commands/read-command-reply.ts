import { COMMAND_REPLIES, MALFORMED_REPLY_ERROR_CODE } from '../model/commands';
import type { CallCardCommand, CallCardCommandResult } from '../model/commands';
import { CallCardCommandError } from '../model/errors';
import { isRecord } from '../model/is-record';

/** A host reply read for one command: its result, or the error the host (or the reply) means. */
export type ReplyReading =
  | { readonly ok: true; readonly value: CallCardCommandResult }
  | { readonly ok: false; readonly error: CallCardCommandError };

/** The host's error code, whether it came as `[{result: 'error', ...}]` or as a bare object. */
function hostErrorCode(reply: unknown): string | undefined {
  // The desktop client may answer a bare object instead of an array.
  const items: readonly unknown[] = Array.isArray(reply) ? reply : [reply];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (isRecord(item) && item['result'] === 'error') {
      const code = item['errorCode'];
      return typeof code === 'string' && code !== '' ? code : 'Unknown error';
    }
  }
  return undefined;
}

/**
 * The reading of every acknowledgement (and what a command the host never answers settles with
 * once sent): one object for all of them.
 */
export const ACKNOWLEDGED: ReplyReading = /* @__PURE__ */ Object.freeze({
  ok: true,
  value: undefined,
});

/**
 * Reads the host's reply to `command`. Errors come back in the success channel (quirk), as an
 * array or a bare object; they become a `CallCardCommandError` carrying the host's `errorCode`.
 * Any other reply to an ack command means success; a list command needs a list of names.
 */
export function readCommandReply(command: CallCardCommand, reply: unknown): ReplyReading {
  const code = hostErrorCode(reply);
  if (code !== undefined)
    return { ok: false, error: new CallCardCommandError(command.name, code, reply) };
  if (COMMAND_REPLIES[command.name] !== 'list') return ACKNOWLEDGED;
  // A list of names; the desktop client may answer a bare object instead of an array.
  const items = Array.isArray(reply) ? reply : isRecord(reply) ? Object.values(reply) : undefined;
  return items?.every((item) => typeof item === 'string')
    ? { ok: true, value: Object.freeze([...(items as string[])]) }
    : {
        ok: false,
        error: new CallCardCommandError(command.name, MALFORMED_REPLY_ERROR_CODE, reply),
      };
}
