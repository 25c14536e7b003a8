import type { JsonValue, SessionLogEntry, SessionLogError } from '../model/session-log';
import { hideValues } from './hide-values';
import { withRawValues } from './log-entry';

/**
 * `entry` with the personal data of its raw values hidden (internal): a payload, params or reply
 * by `hideValues`, a transport error's text likewise, and a failure's `message` (its `name`,
 * `event`, `command` and `errorCode` are the library's words and stay). A new object; the rest of
 * the entry is kept.
 */
export function hideEntry(entry: SessionLogEntry): SessionLogEntry {
  return withRawValues(entry, (value) =>
    entry.kind === 'failure'
      ? { ...(value as SessionLogError), message: hideValues(entry.error.message) }
      : hideValues(value as JsonValue),
  ) as SessionLogEntry;
}
