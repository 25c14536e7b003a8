import { COMMAND_REPLIES, MALFORMED_REPLY_ERROR_CODE } from '../model/commands';
import type { CallCardCommand, CallCardCommandResult } from '../model/commands';
import { CallCardCommandError } from '../model/errors';
import { isRecord } from '../model/is-record';

/** A host reply read for one command: its result, or the error the host (or the reply) means. */
export type ReplyReading =
  | { readonly ok: true; readonly value: CallCardCommandResult }
  | { readonly ok: false; readonly error: CallCardCommandError };

function errorCodeOf(item: unknown): string | undefined {
  if (!isRecord(item) || item['result'] !== 'error') return undefined;
  const code = item['errorCode'];
  return typeof code === 'string' && code !== '' ? code : 'Unknown error';
}

/** The host's error code, whether it came as `[{result: 'error', ...}]` or as a bare object. */
function hostErrorCode(reply: unknown): string | undefined {
  if (Array.isArray(reply)) {
    for (let i = 0; i < reply.length; i++) {
      const code = errorCodeOf(reply[i]);
      if (code !== undefined) return code;
    }
    return undefined;
  }
  return errorCodeOf(reply);
}

function readList(reply: unknown): readonly string[] | undefined {
  // The desktop client may answer a bare object instead of an array: take its values.
  const items: unknown[] | undefined = Array.isArray(reply)
    ? reply
    : isRecord(reply)
      ? Object.values(reply)
      : undefined;
  if (items === undefined || !items.every((item) => typeof item === 'string')) return undefined;
  return Object.freeze([...(items as string[])]);
}

/** The reading of every acknowledgement: one object for all of them. */
const ACKNOWLEDGED: ReplyReading = /* @__PURE__ */ Object.freeze({ ok: true, value: undefined });

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
  const list = readList(reply);
  return list === undefined
    ? {
        ok: false,
        error: new CallCardCommandError(command.name, MALFORMED_REPLY_ERROR_CODE, reply),
      }
    : { ok: true, value: list };
}
