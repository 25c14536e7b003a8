import { CallCardPayloadError, describeThrow } from './errors';
import { fullMessages } from './full-messages';
import { isCallCardEventType } from './events';
import { isRecord } from './is-record';
import type {
  CallCardEventMap,
  CallCardEventType,
  CallInfo,
  CrmBinding,
  CrmEntity,
  DialpadKey,
  QualityGrade,
  TransferTarget,
} from './events';

/** The result of reading a host payload: a typed value, or the reason it was refused. */
export type PayloadResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: CallCardPayloadError };

/**
 * A refused payload, as the readers return it (internal): a value of its own class, so a payload
 * read (which never is one) needs no wrapper object, and the hub allocates nothing per event.
 *
 * @internal
 */
export class Refused {
  // Declared and assigned, not a parameter property: that would also emit a field definition.
  declare readonly error: CallCardPayloadError;
  constructor(error: CallCardPayloadError) {
    this.error = error;
  }
}

// Reading a host value never throws: these run inside host callbacks.
type Reader<T> = (raw: unknown, event: string) => T | Refused;

const bad = (event: string, raw: unknown, expected: string): Refused =>
  new Refused(new CallCardPayloadError(event, raw, expected));

/** Own property or undefined: never walks the prototype chain (`__proto__` keys are inert). */
function own(o: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

function toId(raw: unknown): number | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  if (typeof raw === 'string' && /^\d+$/.test(raw)) return Number(raw);
  return undefined;
}

/** What a field reader returns for a value it refuses (`undefined` means "absent: omit it"). */
const INVALID: unique symbol = Symbol('invalid');

/** Reads one field of a host object: its value, `undefined` to omit it, or `INVALID`. */
type FieldReader = (raw: unknown) => unknown;

/**
 * One field of a host object: its key, how to read it, and what was expected of it (the message
 * says `<key> to be <expected>`). Fields are checked in order; the first refusal is reported.
 */
type FieldRule = readonly [key: string, read: FieldReader, expected: string];

/**
 * A reader of a host object made of `fields`: a frozen plain object with the fields read, in the
 * order given. `expected` says what the whole payload should be when it is not an object, or
 * when it carries none of the fields (`{}`, a `Date`, a `Map`): such a value is no payload of this
 * event, whatever defaults its missing fields would have.
 */
function readRecord<T>(expected: string, fields: readonly FieldRule[]): Reader<T> {
  return (raw, event) => {
    if (!isRecord(raw)) return bad(event, raw, expected);
    const out: Record<string, unknown> = {};
    let present = 0;
    for (let i = 0; i < fields.length; i++) {
      const [key, read, fieldExpected] = fields[i] as FieldRule;
      const given = own(raw, key);
      if (given !== undefined) present += 1;
      const value = read(given);
      if (value === INVALID)
        return bad(event, raw, fullMessages() ? `${key} to be ${fieldExpected}` : '');
      if (value !== undefined) out[key] = value;
    }
    if (present === 0) return bad(event, raw, expected);
    return Object.freeze(out) as T;
  };
}

/**
 * A field kept as it is when `accept` says so. A missing (or null) one reads as `fallback`:
 * `undefined` omits it, `INVALID` refuses it.
 */
function field(
  key: string,
  fallback: unknown,
  accept: (raw: unknown) => boolean,
  expected: string,
): FieldRule {
  return [
    key,
    (raw) => (raw === undefined || raw === null ? fallback : accept(raw) ? raw : INVALID),
    expected,
  ];
}

/** A field that must be one of `values`. */
function oneOf(
  key: string,
  fallback: unknown,
  values: readonly string[],
  expected: string,
): FieldRule {
  const allowed: ReadonlySet<unknown> = new Set(values);
  return field(key, fallback, (raw) => allowed.has(raw), expected);
}

const isString = (raw: unknown): boolean => typeof raw === 'string';

/** A string the host may also send as a number (`LINE_NUMBER: 1`); `undefined` when missing. */
function looseString(raw: unknown): string | undefined | typeof INVALID {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string') return raw;
  return typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : INVALID;
}

/** An optional `looseString` field: omitted when missing. */
const looseText = (key: string): FieldRule => [key, looseString, 'a string'];

const CRM_ENTITY_TYPE = /* @__PURE__ */ oneOf(
  'CRM_ENTITY_TYPE',
  '',
  ['LEAD', 'CONTACT', 'COMPANY', 'DEAL', ''],
  fullMessages() ? 'LEAD, CONTACT, COMPANY, DEAL or ""' : '',
);

const CRM_ENTITY_ID: FieldRule = [
  'CRM_ENTITY_ID',
  // The host sends 0, "" or nothing for "no entity".
  (raw) => (raw === undefined || raw === null || raw === '' ? 0 : (toId(raw) ?? INVALID)),
  'a number',
];

function readBinding(item: unknown): CrmBinding | undefined {
  if (!isRecord(item)) return undefined;
  const type = own(item, 'ENTITY_TYPE');
  const id = toId(own(item, 'ENTITY_ID'));
  return typeof type === 'string' && id !== undefined
    ? Object.freeze({ ENTITY_TYPE: type, ENTITY_ID: id })
    : undefined;
}

const NO_BINDINGS: readonly CrmBinding[] = /* @__PURE__ */ Object.freeze([]);

const CRM_BINDINGS: FieldRule = [
  'CRM_BINDINGS',
  (raw) => {
    if (raw === undefined || raw === null || raw === '') return NO_BINDINGS;
    if (!Array.isArray(raw)) return INVALID;
    const bindings: CrmBinding[] = [];
    for (const item of raw) {
      const binding = readBinding(item);
      if (!binding) return INVALID;
      bindings.push(binding);
    }
    return Object.freeze(bindings);
  },
  fullMessages() ? 'an array of {ENTITY_TYPE, ENTITY_ID}' : '',
];

/**
 * Reads a no-data event. The click happened whatever came with it, so any payload is accepted
 * and normalised to `undefined`: dropping a click for an unexpected payload would lose it.
 */
const readNoData: Reader<undefined> = () => undefined;

/** Reads a boolean flag (`holdButtonClick`, `muteButtonClick`: the NEW state). */
const readFlag: Reader<boolean> = (raw, event) =>
  typeof raw === 'boolean' ? raw : bad(event, raw, 'a boolean');

/** Reads free text (`addCommentButtonClick`). */
const readText: Reader<string> = (raw, event) =>
  typeof raw === 'string' ? raw : bad(event, raw, 'a string');

/** A reader of one key of a small set (`"1"`), which the host may also send as an integer (`1`). */
function readKey<T extends string>(keys: readonly T[], expected: string): Reader<T> {
  const allowed: ReadonlySet<string> = new Set(keys);
  return (raw, event) => {
    const key = typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : raw;
    return typeof key === 'string' && allowed.has(key) ? (key as T) : bad(event, raw, expected);
  };
}

const READERS: {
  readonly [K in CallCardEventType]?: Reader<CallCardEventMap[K]>;
} = {
  initialized: /* @__PURE__ */ readRecord<CallInfo>(
    fullMessages() ? 'a call object with CALL_ID' : '',
    [
      [
        'CALL_ID',
        (raw) => {
          const id = looseString(raw);
          return typeof id === 'string' && id !== '' ? id : INVALID;
        },
        fullMessages() ? 'a non-empty string' : '',
      ],
      CRM_ENTITY_TYPE,
      CRM_ENTITY_ID,
      CRM_BINDINGS,
      /* @__PURE__ */ oneOf(
        'CALL_DIRECTION',
        INVALID,
        ['incoming', 'outgoing', 'callback'],
        fullMessages() ? 'incoming, outgoing or callback' : '',
      ),
      /* @__PURE__ */ oneOf(
        'CALL_STATE',
        'idle',
        ['idle', 'connecting', 'connected'],
        fullMessages() ? 'idle, connecting or connected' : '',
      ),
      /* @__PURE__ */ field(
        'CALL_LIST_MODE',
        false,
        (raw) => typeof raw === 'boolean',
        'a boolean',
      ),
      /* @__PURE__ */ looseText('PHONE_NUMBER'),
      /* @__PURE__ */ looseText('LINE_NUMBER'),
      /* @__PURE__ */ looseText('LINE_NAME'),
      /* @__PURE__ */ field(
        'CRM_ACTIVITY_ID',
        undefined,
        (raw) => typeof raw === 'number' || typeof raw === 'string',
        fullMessages() ? 'a number or a string' : '',
      ),
    ],
  ),
  entityChanged: /* @__PURE__ */ readRecord<CrmEntity>(
    fullMessages() ? 'an object {PHONE_NUMBER, CRM_ENTITY_TYPE, CRM_ENTITY_ID}' : '',
    [
      /* @__PURE__ */ field('PHONE_NUMBER', '', isString, 'a string'),
      CRM_ENTITY_TYPE,
      CRM_ENTITY_ID,
    ],
  ),
  holdButtonClick: readFlag,
  muteButtonClick: readFlag,
  transferButtonClick: /* @__PURE__ */ readRecord<TransferTarget>(
    fullMessages() ? 'an object {phoneNumber, target}' : '',
    [
      /* @__PURE__ */ field('phoneNumber', '', isString, 'a string'),
      /* @__PURE__ */ field(
        'target',
        INVALID,
        (raw) =>
          (typeof raw === 'number' && Number.isFinite(raw)) ||
          (typeof raw === 'string' && raw !== ''),
        fullMessages() ? 'an employee id (number or string) or a phone number' : '',
      ),
    ],
  ),
  dialpadButtonClick: /* @__PURE__ */ readKey(
    /* @__PURE__ */ '0123456789*#'.split('') as DialpadKey[],
    fullMessages() ? 'one dialpad key: 0-9, * or #' : '',
  ),
  qualityMeterClick: /* @__PURE__ */ readKey<QualityGrade>(
    ['1', '2', '3', '4', '5'],
    fullMessages() ? 'a grade "1" to "5"' : '',
  ),
  addCommentButtonClick: readText,
  // Every other event is a click without data.
};

/**
 * Turns a raw host payload into the typed payload of `type`, or a `CallCardPayloadError` that
 * names the event, the value and what was expected. Never throws. A payload object is a fresh,
 * deeply frozen copy of the fields the host documents, so no subscriber can change what another
 * one (or the card's state) sees; an object with none of those fields (`{}`, a `Date`) is
 * refused.
 *
 * @example
 * ```ts
 * import { readEventPayload } from 'b24-call-card-rx';
 * readEventPayload('muteButtonClick', true); // { ok: true, value: true }
 * readEventPayload('muteButtonClick', 'yes').ok; // false
 * ```
 */
export function readEventPayload<T extends CallCardEventType>(
  type: T,
  raw: unknown,
): PayloadResult<CallCardEventMap[T]> {
  // A JavaScript caller may pass any string: only the 17 types have a reader (or none: no data).
  const read = isCallCardEventType(type)
    ? readPayload(type, raw)
    : bad(type, raw, fullMessages() ? 'an event of one of the 17 call-card types' : '');
  return read instanceof Refused ? { ok: false, error: read.error } : { ok: true, value: read };
}

/**
 * `readEventPayload` for a `type` known to be one of the 17 (internal: the event hub's, which
 * checked the type when it bound the event): the payload, or a `Refused`.
 *
 * @internal
 */
export function readPayload<T extends CallCardEventType>(
  type: T,
  raw: unknown,
): CallCardEventMap[T] | Refused {
  try {
    return ((READERS[type] ?? readNoData) as Reader<CallCardEventMap[T]>)(raw, type);
  } catch (cause) {
    // A hostile payload (a throwing getter or proxy) is a malformed payload, never a throw.
    return bad(
      type,
      '[unreadable value]',
      fullMessages() ? `a readable value (${describeThrow(cause)})` : '',
    );
  }
}
