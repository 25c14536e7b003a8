import { CallCardError, CallCardInputError, describeThrow } from '../model/errors';
import { isRecord } from '../model/is-record';
import type { JsonValue, SessionLogEntry, SessionLogError } from '../model/session-log';
import { reportError } from '../internal/report-error';
import { toJsonValue, unserializable } from './to-json-value';

/** A `redact` hook of `recordCallCard` (see `RecordCallCardOptions`). */
type SessionLogRedactor = (entry: SessionLogEntry) => SessionLogEntry;

/** What stands for a raw value when the hook could not redact it. */
const WITHHELD = 'withheld: options.redact failed on this entry';

/**
 * Runs `redact` over one recorded (frozen) entry and returns the entry to keep, frozen
 * (internal).
 *
 * 1. The hook gets a deep, unfrozen copy: it may change it in place or return another object.
 * 2. Only the entry's raw values are taken from what it returns: `payload` (event), `params`
 *    (command), `reply`, `error` (transport error, failure), made JSON-safe again. The rest
 *    (kind, time, ids, card numbers, event and command names) stays as recorded, so a redacted
 *    log replays like the original.
 * 3. A hook that throws, or returns something that is not an entry of the same kind with raw
 *    values of the right types, is reported (`reportError`), and the entry is kept with every
 *    raw value withheld: nothing unredacted reaches the log, and the host's delivery goes on.
 */
export function redactEntry(entry: SessionLogEntry, redact: SessionLogRedactor): SessionLogEntry {
  let result: unknown;
  try {
    result = redact(toJsonValue(entry, false) as unknown as SessionLogEntry);
  } catch (cause) {
    reportError(
      new CallCardError(
        `recordCallCard: options.redact threw on a "${entry.kind}" entry (${describeThrow(cause)}); its raw values are withheld from the log`,
        { cause },
      ),
    );
    return withhold(entry);
  }
  const kept = keepRawValues(entry, result);
  if (kept) return kept;
  reportError(
    new CallCardInputError(
      'recordCallCard',
      `the result of options.redact for a "${entry.kind}" entry`,
      result,
      `an entry of kind "${entry.kind}"${RAW_VALUES[entry.kind]} (its raw values are withheld from the log)`,
    ),
  );
  return withhold(entry);
}

/** What each kind of entry must carry, as error messages say it. */
const RAW_VALUES: { readonly [K in SessionLogEntry['kind']]: string } = {
  event: '',
  command: ' with params as an object',
  reply: '',
  transportError: ' with error as a string',
  card: '',
  failure: ' with error as an object {name, message}',
};

/** `entry` with the raw values of `result`, or `undefined` when `result` is no such entry. */
function keepRawValues(entry: SessionLogEntry, result: unknown): SessionLogEntry | undefined {
  if (!isRecord(result) || result['kind'] !== entry.kind) return undefined;
  switch (entry.kind) {
    case 'event': {
      const payload = toJsonValue(result['payload'], true);
      const { kind, at, event } = entry;
      return Object.freeze(
        payload === undefined ? { kind, at, event } : { kind, at, event, payload },
      );
    }
    case 'command': {
      const params = result['params'];
      if (!isRecord(params)) return undefined;
      return Object.freeze({
        ...entry,
        params: toJsonValue(params, true) as { readonly [key: string]: JsonValue },
      });
    }
    case 'reply': {
      const reply = toJsonValue(result['reply'], true);
      const { kind, at, id } = entry;
      return Object.freeze(reply === undefined ? { kind, at, id } : { kind, at, id, reply });
    }
    case 'transportError': {
      const error = result['error'];
      return typeof error === 'string' ? Object.freeze({ ...entry, error }) : undefined;
    }
    case 'card':
      return entry;
    case 'failure': {
      const error = readLogError(result['error']);
      return error ? Object.freeze({ ...entry, error }) : undefined;
    }
  }
}

/** `value` as a `SessionLogError` (its string fields), or `undefined` when it is none. */
function readLogError(value: unknown): SessionLogError | undefined {
  if (!isRecord(value)) return undefined;
  const { name, message, command, event, errorCode } = value;
  if (typeof name !== 'string' || typeof message !== 'string') return undefined;
  const out: { -readonly [K in keyof SessionLogError]: SessionLogError[K] } = { name, message };
  if (typeof command === 'string') out.command = command;
  if (typeof event === 'string') out.event = event;
  if (typeof errorCode === 'string') out.errorCode = errorCode;
  return Object.freeze(out);
}

/** `entry` with every raw value replaced by a marker: the same keys, nothing of the host's. */
function withhold(entry: SessionLogEntry): SessionLogEntry {
  switch (entry.kind) {
    case 'event':
      return 'payload' in entry
        ? Object.freeze({ ...entry, payload: unserializable(WITHHELD) })
        : entry;
    case 'command': {
      const params: Record<string, JsonValue> = {};
      for (const key of Object.keys(entry.params))
        Object.defineProperty(params, key, {
          value: unserializable(WITHHELD),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return Object.freeze({ ...entry, params: Object.freeze(params) });
    }
    case 'reply':
      return 'reply' in entry
        ? Object.freeze({ ...entry, reply: unserializable(WITHHELD) })
        : entry;
    case 'transportError':
      return Object.freeze({ ...entry, error: WITHHELD });
    case 'card':
      return entry;
    case 'failure':
      return Object.freeze({
        ...entry,
        error: Object.freeze({ ...entry.error, message: WITHHELD }),
      });
  }
}
