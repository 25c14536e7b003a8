import { CallCardInputError, describeThrow } from '../model/errors';
import { isRecord } from '../model/is-record';
import { isHostUiState } from '../model/ui-states';
import type {
  CallCardSessionLog,
  JsonValue,
  SessionLogEntry,
  SessionLogError,
} from '../model/session-log';
import { SESSION_LOG_VERSION } from '../model/session-log';

// The check of a session log handed to the replay. A log comes from a file, a support ticket or
// a hand-written spec, so every field is checked and the first wrong one is named exactly: its
// path (`log.entries[3].at`), the value, and what a version-1 log holds there. A log that passes
// comes back as a fresh copy of plain data, so nothing the caller changes later reaches a replay.

type Json = { readonly [key: string]: JsonValue };

const JSON_VALUE =
  'a JSON value (null, a boolean, a finite number, a string, an array or a plain object)';

const LOG_FIELDS = [
  'version',
  'startedAt',
  'endedAt',
  'card',
  'lifecycle',
  'dropped',
  'redacted',
  'snapshot',
  'entries',
] as const;

/** The fields each entry kind may have (see `SessionLogEntry` for which are optional). */
const ENTRY_FIELDS: Readonly<Record<SessionLogEntry['kind'], readonly string[]>> = {
  event: ['kind', 'at', 'event', 'payload'],
  command: ['kind', 'at', 'id', 'command', 'params', 'card'],
  reply: ['kind', 'at', 'id', 'reply'],
  transportError: ['kind', 'at', 'id', 'error'],
  card: ['kind', 'at', 'card', 'lifecycle', 'cause'],
  failure: ['kind', 'at', 'id', 'error'],
};
const ENTRY_KINDS = Object.keys(ENTRY_FIELDS) as readonly SessionLogEntry['kind'][];
const ERROR_FIELDS = ['name', 'message', 'command', 'event', 'errorCode'];

const SNAPSHOT_STRINGS = ['title', 'statusText'];
const SNAPSHOT_BOOLEANS = ['muted', 'held', 'closed'];

/** Thrown inside the check: the wrong field's path, its value and what was expected. */
class Bad {
  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly expected: string,
  ) {}
}

const bad = (field: string, value: unknown, expected: string): never => {
  throw new Bad(field, value, expected);
};

/** `.key`, or `["key"]` for a key that is no identifier. */
const keyPath = (path: string, key: string): string =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (!isRecord(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A fresh copy of a JSON value, or a `Bad` naming the first part of it that is none. */
function json(value: unknown, path: string, parents: unknown[]): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number')
    return Number.isFinite(value) ? value : bad(path, value, `${JSON_VALUE}: a finite number`);
  if (typeof value !== 'object') return bad(path, value, JSON_VALUE);
  if (parents.includes(value)) return bad(path, '[a cycle]', `${JSON_VALUE}, without cycles`);
  parents.push(value);
  let copy: JsonValue;
  if (Array.isArray(value)) {
    const items: JsonValue[] = [];
    // Indexed, not `map`: a hole is `undefined`, which JSON cannot hold.
    for (let i = 0; i < value.length; i++)
      items.push(json((value as unknown[])[i], `${path}[${i}]`, parents));
    copy = items;
  } else if (isPlainObject(value)) {
    const fields: Record<string, JsonValue> = {};
    for (const key of Object.keys(value)) {
      const item = json(value[key], keyPath(path, key), parents);
      // An own "__proto__" key (JSON.parse makes one) stays a key, not the copy's prototype.
      Object.defineProperty(fields, key, {
        value: item,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    copy = fields;
  } else {
    copy = bad(path, value, `${JSON_VALUE}, not an instance of a class`);
  }
  parents.pop();
  return copy;
}

function jsonObject(value: unknown, path: string, expected: string): Json {
  if (!isPlainObject(value)) return bad(path, value, expected);
  return json(value, path, []) as Json;
}

/**
 * Checks that `value` has no field but `fields` (a typo such as `paylaod` must not pass for a
 * missing optional field); each field's own check then refuses a missing required one.
 */
function checkNoOtherFields(
  value: Readonly<Record<string, unknown>>,
  path: string,
  fields: readonly string[],
  what: string,
): void {
  for (const key of Object.keys(value))
    if (!fields.includes(key))
      bad(keyPath(path, key), value[key], `no such field: ${what} ${fields.join(', ')}`);
}

function finite(value: unknown, path: string): number {
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : bad(path, value, 'a finite number');
}

function count(value: unknown, path: string, what = 'a whole number >= 0'): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
    ? value
    : bad(path, value, what);
}

/** A non-empty string (a name), or a `Bad` saying `what` was expected. */
function name(value: unknown, path: string, what: string): string {
  return typeof value === 'string' && value !== '' ? value : bad(path, value, what);
}

function text(value: unknown, path: string): string {
  return typeof value === 'string' ? value : bad(path, value, 'a string');
}

function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  return allowed.includes(value as T)
    ? (value as T)
    : bad(path, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
}

function checkSnapshot(value: unknown, path: string): CallCardSessionLog['snapshot'] {
  if (value === null) return null;
  const snapshot = jsonObject(value, path, 'a CallCardSnapshot object, or null');
  const expected = (field: string, what: string, ok: (v: unknown) => boolean): void => {
    if (!Object.hasOwn(snapshot, field) || !ok(snapshot[field]))
      bad(`${path}.${field}`, snapshot[field], what);
  };
  expected('uiState', 'a UI state name or null', (v) => v === null || isHostUiState(v));
  for (const field of SNAPSHOT_STRINGS) expected(field, 'a string', (v) => typeof v === 'string');
  for (const field of SNAPSHOT_BOOLEANS)
    expected(field, 'a boolean', (v) => typeof v === 'boolean');
  for (const field of ['call', 'entity'])
    expected(field, 'an object or null', (v) => v === null || isPlainObject(v));
  expected('timer', 'an object {running, visible, startedAt, stoppedAt}', isPlainObject);
  const timer = snapshot['timer'] as Json;
  for (const field of ['running', 'visible'])
    if (typeof timer[field] !== 'boolean') bad(`${path}.timer.${field}`, timer[field], 'a boolean');
  for (const field of ['startedAt', 'stoppedAt'])
    if (timer[field] !== null && typeof timer[field] !== 'number')
      bad(`${path}.timer.${field}`, timer[field], 'a number or null');
  return snapshot as unknown as CallCardSessionLog['snapshot'];
}

function checkError(value: unknown, path: string): SessionLogError {
  if (!isPlainObject(value))
    return bad(path, value, 'an object {name, message, command?, event?, errorCode?}');
  checkNoOtherFields(value, path, ERROR_FIELDS, "a failure entry's error has only");
  const error: { -readonly [K in keyof SessionLogError]: SessionLogError[K] } = {
    name: name(value['name'], `${path}.name`, 'an error class name (a non-empty string)'),
    message: text(value['message'], `${path}.message`),
  };
  for (const field of ['command', 'event', 'errorCode'] as const)
    if (value[field] !== undefined) error[field] = text(value[field], `${path}.${field}`);
  return error;
}

/** What an entry may refer to: the command ids so far, and whether older entries were dropped. */
interface Ids {
  readonly seen: Set<number>;
  readonly dropped: boolean;
  /** The lowest id in `seen`; `Infinity` while it is empty. */
  lowest: number;
}

/**
 * An answer's (or a failure's) `id` must name an earlier command. When the oldest entries were
 * dropped, it may also name one of theirs: an id below every command id the log still holds.
 */
function checkAnswerId(value: unknown, path: string, ids: Ids): number {
  const id = count(value, path, 'a command id (a whole number >= 0)');
  if (ids.seen.has(id)) return id;
  if (ids.dropped && id < ids.lowest) return id;
  const recent = [...ids.seen].slice(-5).join(', ');
  return bad(
    path,
    value,
    `the id of an earlier command entry${ids.dropped ? ' (or of a dropped one: lower than every id in the log)' : ''}; ids so far: ${
      ids.seen.size === 0 ? 'none' : ids.seen.size > 5 ? `..., ${recent}` : recent
    }`,
  );
}

function checkEntry(
  value: unknown,
  path: string,
  previousAt: number,
  endedAt: number,
  ids: Ids,
): SessionLogEntry {
  if (!isPlainObject(value))
    return bad(path, value, `an entry object {kind, at, ...} (kinds: ${ENTRY_KINDS.join(', ')})`);
  const kind = value['kind'];
  if (!ENTRY_KINDS.includes(kind as SessionLogEntry['kind']))
    bad(`${path}.kind`, kind, `one of the entry kinds ${ENTRY_KINDS.join(', ')}`);
  const k = kind as SessionLogEntry['kind'];
  checkNoOtherFields(value, path, ENTRY_FIELDS[k], `an entry of kind "${k}" has only`);
  const at = finite(value['at'], `${path}.at`);
  if (at < 0) bad(`${path}.at`, at, 'a number of ms >= 0 since the recording started');
  if (at < previousAt)
    bad(
      `${path}.at`,
      at,
      `at least ${previousAt}, the time of the entry before (times never go backwards)`,
    );
  if (at > endedAt) bad(`${path}.at`, at, `at most log.endedAt (${endedAt})`);
  switch (k) {
    case 'event': {
      const event = name(value['event'], `${path}.event`, 'a host event name (a non-empty string)');
      return value['payload'] === undefined
        ? { kind: k, at, event }
        : { kind: k, at, event, payload: json(value['payload'], `${path}.payload`, []) };
    }
    case 'command': {
      const id = count(value['id'], `${path}.id`, 'a command id (a whole number >= 0)');
      if (ids.seen.has(id)) bad(`${path}.id`, id, 'an id no earlier command entry has');
      ids.seen.add(id);
      ids.lowest = Math.min(ids.lowest, id);
      return {
        kind: k,
        at,
        id,
        command: name(value['command'], `${path}.command`, 'a command name (a non-empty string)'),
        params: jsonObject(value['params'], `${path}.params`, 'a params object'),
        card: count(value['card'], `${path}.card`, 'a card number (a whole number >= 0)'),
      };
    }
    case 'reply': {
      const id = checkAnswerId(value['id'], `${path}.id`, ids);
      return value['reply'] === undefined
        ? { kind: k, at, id }
        : { kind: k, at, id, reply: json(value['reply'], `${path}.reply`, []) };
    }
    case 'transportError':
      return {
        kind: k,
        at,
        id: checkAnswerId(value['id'], `${path}.id`, ids),
        error: text(value['error'], `${path}.error`),
      };
    case 'card':
      return {
        kind: k,
        at,
        card: count(value['card'], `${path}.card`, 'a card number (a whole number >= 0)'),
        lifecycle: oneOf(value['lifecycle'], `${path}.lifecycle`, ['open', 'closed']),
        cause: oneOf(value['cause'], `${path}.cause`, [
          'initialized',
          'closeClick',
          'closeCommand',
        ]),
      };
    default: {
      const error = checkError(value['error'], `${path}.error`);
      return value['id'] === undefined
        ? { kind: k, at, error }
        : { kind: k, at, id: checkAnswerId(value['id'], `${path}.id`, ids), error };
    }
  }
}

function checkLog(value: unknown): CallCardSessionLog {
  if (!isPlainObject(value))
    return bad(
      'log',
      value,
      `a session log: an object {version: ${SESSION_LOG_VERSION}, startedAt, endedAt, card, lifecycle, dropped, redacted, snapshot, entries}, or its JSON text`,
    );
  // The version first: a log of another version may have other fields.
  if (value['version'] !== SESSION_LOG_VERSION)
    bad(
      'log.version',
      value['version'],
      `${SESSION_LOG_VERSION} (the session log version this library reads)`,
    );
  checkNoOtherFields(
    value,
    'log',
    LOG_FIELDS,
    `a version-${SESSION_LOG_VERSION} session log has only`,
  );
  const endedAt = finite(value['endedAt'], 'log.endedAt');
  if (endedAt < 0) bad('log.endedAt', endedAt, 'a number of ms >= 0 since the recording started');
  const dropped = count(value['dropped'], 'log.dropped');
  const head = {
    version: SESSION_LOG_VERSION,
    startedAt: finite(value['startedAt'], 'log.startedAt'),
    endedAt,
    card: count(value['card'], 'log.card', 'a card number (a whole number >= 0)'),
    lifecycle: oneOf(value['lifecycle'], 'log.lifecycle', ['waiting', 'open', 'closed']),
    dropped,
    redacted:
      typeof value['redacted'] === 'boolean'
        ? value['redacted']
        : bad('log.redacted', value['redacted'], 'a boolean'),
    snapshot: checkSnapshot(value['snapshot'], 'log.snapshot'),
  } as const;
  const raw = value['entries'];
  if (!Array.isArray(raw)) return bad('log.entries', raw, 'an array of entries');
  const ids: Ids = { seen: new Set(), dropped: dropped > 0, lowest: Infinity };
  const entries: SessionLogEntry[] = [];
  let previousAt = 0;
  for (let i = 0; i < raw.length; i++) {
    const entry = checkEntry((raw as unknown[])[i], `log.entries[${i}]`, previousAt, endedAt, ids);
    previousAt = entry.at;
    entries.push(entry);
  }
  return { ...head, entries };
}

/**
 * Checks a session log handed to `where` (internal), and returns a fresh copy of it as plain
 * data. `value` may also be the log's JSON text.
 *
 * Throws `CallCardInputError` naming the first thing that is wrong: not an object (or text that
 * is no JSON), another `version`, a missing, unknown or mistyped field of the log or of any entry
 * (with its index: `log.entries[3].at`), an unknown entry kind, times that go backwards or past
 * `endedAt`, an answer or failure whose `id` names no earlier command (one whose command was
 * dropped is fine when `dropped` says entries were), a repeated command id, and any value JSON
 * cannot hold (`undefined`, `NaN`, functions, class instances, cycles).
 */
export function checkSessionLog(where: string, value: unknown): CallCardSessionLog {
  try {
    let log = value;
    if (typeof value === 'string') {
      try {
        log = JSON.parse(value) as unknown;
      } catch (error) {
        return bad('log', value, `a session log, or its JSON text (${describeThrow(error)})`);
      }
    }
    return checkLog(log);
  } catch (error) {
    if (error instanceof Bad)
      throw new CallCardInputError(where, error.field, error.value, error.expected);
    // A getter or Proxy that throws, or nesting too deep for the stack: unreadable, not a log.
    throw new CallCardInputError(
      where,
      'log',
      '[unreadable value]',
      `a session log of plain data (${describeThrow(error)})`,
    );
  }
}
