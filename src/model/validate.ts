import { CallCardPayloadError, describeThrow } from './errors';
import { fullMessages } from './full-messages';
import { isCallCardEventType } from './events';
import { isRecord } from './is-record';
import type { CallCardEventMap, CallCardEventType, CrmBinding } from './events';

/**
 * The result of reading a host payload (what `readEventPayload` returns): a typed value, or the
 * reason it was refused. Narrow on `ok`.
 */
export type PayloadResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: CallCardPayloadError };

const bad = (event: string, raw: unknown, expected: string): CallCardPayloadError =>
  new CallCardPayloadError(event, raw, expected);

// Reading a host value never throws (readPayload catches what a hostile value throws): these run
// inside host callbacks. The rules are data, one table for all 17 events: a bundle carries a few
// small readers and the keys, not a closure per field.

/**
 * Reads a value: the value to keep (a number for an id sent as a string, ...), or `undefined` to
 * refuse it.
 */
type Read = (raw: unknown) => unknown;

/** A field's `missing` when a missing field refuses the payload. */
const REQUIRED = null;

/**
 * One field of a host object: its key, how to read it when present, and what it is when missing
 * (`undefined` or `null`): `REQUIRED` refuses the payload, `undefined` omits the field, any other
 * value is the field's value. Fields are read in order; the first refusal is reported.
 */
type Field = readonly [key: string, read: Read, missing?: unknown];

const text: Read = (raw) => (typeof raw === 'string' ? raw : undefined);
const flag: Read = (raw) => (typeof raw === 'boolean' ? raw : undefined);

/** A string the host may also send as a number (`LINE_NUMBER: 1`). */
const looseText: Read = (raw) =>
  typeof raw === 'string' ? raw : Number.isFinite(raw) ? String(raw) : undefined;

/** An id, which the host may also send as a string of digits (`"17"`). */
const id: Read = (raw) =>
  Number.isFinite(raw)
    ? raw
    : typeof raw === 'string' && /^\d+$/.test(raw)
      ? Number(raw)
      : undefined;

/** A reader that accepts only one of `values`. */
const oneOf =
  (values: readonly unknown[]): Read =>
  (raw) =>
    values.includes(raw) ? raw : undefined;

/** A key the host may also send as an integer (`1` for `"1"`). */
const asKey = (raw: unknown): unknown => (Number.isInteger(raw) ? String(raw) : raw);

const DIALPAD_KEY = /* @__PURE__ */ oneOf([...'0123456789*#']);
const GRADE = /* @__PURE__ */ oneOf([...'12345']);

const CRM_ENTITY: readonly Field[] = [
  ['CRM_ENTITY_TYPE', /* @__PURE__ */ oneOf(['LEAD', 'CONTACT', 'COMPANY', 'DEAL', '']), ''],
  // The host sends 0, "" or nothing for "no entity".
  ['CRM_ENTITY_ID', (raw) => (raw === '' ? 0 : id(raw)), 0],
];

const BINDING: readonly Field[] = [
  ['ENTITY_TYPE', text, REQUIRED],
  ['ENTITY_ID', id, REQUIRED],
];

const NO_BINDINGS: readonly CrmBinding[] = /* @__PURE__ */ Object.freeze([]);

/** `CRM_BINDINGS`: a frozen array of frozen `{ENTITY_TYPE, ENTITY_ID}`; `""` for none. */
const bindings: Read = (raw) => {
  if (raw === '') return NO_BINDINGS;
  if (!Array.isArray(raw)) return undefined;
  const list: unknown[] = [];
  for (const item of raw) {
    const binding = readRecord(BINDING, item);
    if (typeof binding !== 'object') return undefined;
    list.push(binding);
  }
  return Object.freeze(list);
};

/**
 * How to read the payload of each event that carries data: a reader, or the fields of an object.
 * Every other event is a click without data: the click happened whatever came with it, so any
 * payload is accepted as `undefined` (dropping a click for an unexpected payload would lose it).
 */
const PAYLOADS: { readonly [K in CallCardEventType]?: Read | readonly Field[] } = {
  initialized: [
    // A non-empty string, which the host may also send as a number.
    ['CALL_ID', (raw) => looseText(raw) || undefined, REQUIRED],
    ...CRM_ENTITY,
    ['CRM_BINDINGS', bindings, NO_BINDINGS],
    ['CALL_DIRECTION', /* @__PURE__ */ oneOf(['incoming', 'outgoing', 'callback']), REQUIRED],
    ['CALL_STATE', /* @__PURE__ */ oneOf(['idle', 'connecting', 'connected']), 'idle'],
    ['CALL_LIST_MODE', flag, false],
    ['PHONE_NUMBER', looseText],
    ['LINE_NUMBER', looseText],
    ['LINE_NAME', looseText],
    [
      'CRM_ACTIVITY_ID',
      (raw) => (typeof raw === 'number' || typeof raw === 'string' ? raw : undefined),
    ],
  ],
  entityChanged: [['PHONE_NUMBER', text, ''], ...CRM_ENTITY],
  holdButtonClick: flag,
  muteButtonClick: flag,
  transferButtonClick: [
    ['phoneNumber', text, ''],
    // An employee id (a number, or a string) or a phone number: never "".
    ['target', (raw) => (looseText(raw) ? raw : undefined), REQUIRED],
  ],
  dialpadButtonClick: (raw) => DIALPAD_KEY(asKey(raw)),
  qualityMeterClick: (raw) => GRADE(asKey(raw)),
  addCommentButtonClick: text,
};

/**
 * Reads a host object made of `fields`: a frozen plain object with the fields read, in the order
 * given; or the key of the first field refused; or `undefined` when `raw` is no object, or
 * carries none of the fields (`{}`, a `Date`, a `Map`): such a value is no payload of this event,
 * whatever defaults its missing fields would have.
 */
function readRecord(fields: readonly Field[], raw: unknown): object | string | undefined {
  if (!isRecord(raw)) return undefined;
  const out: Record<string, unknown> = {};
  let present = 0;
  for (let i = 0; i < fields.length; i++) {
    const [key, read, missing] = fields[i] as Field;
    // Own properties only: a "__proto__" key, or the prototype chain, is never read.
    const given = Object.hasOwn(raw, key) ? raw[key] : undefined;
    if (given !== undefined) present++;
    const value = given === undefined || given === null ? missing : read(given);
    if (value === undefined ? given !== undefined && given !== null : value === REQUIRED)
      return key;
    if (value !== undefined) out[key] = value;
  }
  return present > 0 ? Object.freeze(out) : undefined;
}

/**
 * What was expected of a payload (by event type) or of one of its fields (by key), for the full
 * messages: a production build drops it.
 */
function expectedOf(name: string): string {
  const texts: { readonly [name: string]: string } = {
    initialized: 'a call object with CALL_ID',
    entityChanged: 'an object {PHONE_NUMBER, CRM_ENTITY_TYPE, CRM_ENTITY_ID}',
    transferButtonClick: 'an object {phoneNumber, target}',
    dialpadButtonClick: 'one dialpad key: 0-9, * or #',
    qualityMeterClick: 'a grade "1" to "5"',
    holdButtonClick: 'a boolean',
    muteButtonClick: 'a boolean',
    CALL_LIST_MODE: 'a boolean',
    CALL_ID: 'a non-empty string',
    CRM_ENTITY_TYPE: 'LEAD, CONTACT, COMPANY, DEAL or ""',
    CRM_ENTITY_ID: 'a number',
    CRM_BINDINGS: 'an array of {ENTITY_TYPE, ENTITY_ID}',
    CALL_DIRECTION: 'incoming, outgoing or callback',
    CALL_STATE: 'idle, connecting or connected',
    CRM_ACTIVITY_ID: 'a number or a string',
    target: 'an employee id (number or string) or a phone number',
  };
  return texts[name] ?? 'a string';
}

/**
 * Turns a raw host payload into the typed payload of `type`, or a `CallCardPayloadError` that
 * names the event, the value and what was expected. Never throws. A payload object is a fresh,
 * deeply frozen copy of the fields the host documents, so no subscriber can change what another
 * one (or the card's state) sees; an object with none of those fields (`{}`, a `Date`) is
 * refused. Use it where raw payloads reach you past the streams: a `PlacementPort` of your own, or
 * the raw `payload` of a session log entry.
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
  return read instanceof Error
    ? { ok: false, error: read as CallCardPayloadError }
    : { ok: true, value: read };
}

/**
 * `readEventPayload` for a `type` known to be one of the 17 (internal: the event hub's, which
 * checked the type when it bound the event): the payload, or the `CallCardPayloadError` that
 * refuses it. Tell them apart with `instanceof Error`: a payload never is one (it is plain data),
 * so a read allocates no wrapper.
 *
 * @internal
 */
export function readPayload<T extends CallCardEventType>(
  type: T,
  raw: unknown,
): CallCardEventMap[T] | CallCardPayloadError {
  const rule = PAYLOADS[type];
  if (rule === undefined) return undefined as CallCardEventMap[T];
  let refused: string | undefined;
  try {
    if (typeof rule === 'function') {
      const value = rule(raw);
      if (value !== undefined) return value as CallCardEventMap[T];
    } else {
      const value = readRecord(rule, raw);
      if (typeof value === 'object') return value as CallCardEventMap[T];
      refused = value;
    }
  } catch (cause) {
    // A hostile payload (a throwing getter or proxy) is a malformed payload, never a throw.
    return bad(
      type,
      '[unreadable value]',
      fullMessages() ? `a readable value (${describeThrow(cause)})` : '',
    );
  }
  return bad(
    type,
    raw,
    fullMessages()
      ? refused === undefined
        ? expectedOf(type)
        : `${refused} to be ${expectedOf(refused)}`
      : '',
  );
}
