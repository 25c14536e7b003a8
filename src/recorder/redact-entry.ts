import { CallCardError, describeThrow } from '../model/errors';
import { fullMessages } from '../model/full-messages';
import { isRecord } from '../model/is-record';
import type { SessionLogEntry } from '../model/session-log';
import { reportError } from '../internal/report-error';
import { hideEntry } from './hide-entry';
import { logEntry, withRawValues } from './log-entry';
import { toJsonValue } from './to-json-value';

/**
 * Makes the entry of `fields` (`logEntry`) and runs a recorder's `redact` hook over it, returning
 * the entry to keep (internal).
 *
 * 1. The hook gets a deep, unfrozen copy: it may change it in place or return another object.
 * 2. Only the entry's raw values (`payload`, `params`, `reply`, `error`) are taken from what it
 *    returns, made JSON-safe again (`logEntry`); the rest (kind, time, ids, card numbers, event and
 *    command names) stays as recorded, so a redacted log replays like the original.
 * 3. A hook that throws, or returns no entry of the same kind, is reported (`reportError`), and
 *    the entry is kept with its raw values hidden (`hideEntry`): nothing unredacted reaches the
 *    log, and the host's delivery goes on.
 */
export function redactEntry(
  fields: Readonly<Record<string, unknown>>,
  redact: (entry: SessionLogEntry) => SessionLogEntry,
): SessionLogEntry {
  const entry = logEntry(fields);
  let result: unknown;
  try {
    result = redact(toJsonValue(entry) as unknown as SessionLogEntry);
    if (!isRecord(result) || result['kind'] !== entry.kind) throw result;
  } catch (cause) {
    reportError(
      new CallCardError(
        fullMessages()
          ? `recordCallCard: options.redact threw, or returned no entry of kind "${entry.kind}" (${describeThrow(cause)}); the entry's raw values are hidden in the log`
          : 'recordCallCard: options.redact failed',
        { cause },
      ),
    );
    return logEntry(hideEntry(entry));
  }
  return logEntry(withRawValues(entry, (_, key) => (result as Record<string, unknown>)[key]));
}
