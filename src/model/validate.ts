import { CallCardPayloadError } from './errors';
import type {
  CallCardEventMap,
  CallCardEventType,
  CallDirection,
  CallInfo,
  CallState,
  CrmBinding,
  CrmEntity,
  CrmEntityType,
  DialpadKey,
  QualityGrade,
  TransferTarget,
} from './events';

/** The result of reading a host payload: a typed value, or the reason it was refused. */
export type PayloadResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: CallCardPayloadError };

// Reading a host value never throws: these run inside host callbacks.
type Reader<T> = (raw: unknown, event: string) => PayloadResult<T>;

const ok = <T>(value: T): PayloadResult<T> => ({ ok: true, value });
const bad = (event: string, raw: unknown, expected: string): PayloadResult<never> => ({
  ok: false,
  error: new CallCardPayloadError(event, raw, expected),
});

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

function isRecord(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

/** Own property or undefined: never walks the prototype chain (`__proto__` keys are inert). */
function own(o: Record<string, unknown>, key: string): unknown {
  return hasOwn(o, key) ? o[key] : undefined;
}

function toId(raw: unknown): number | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  if (typeof raw === 'string' && /^\d+$/.test(raw)) return Number(raw);
  return undefined;
}

const CRM_TYPES: ReadonlySet<string> = new Set(['LEAD', 'CONTACT', 'COMPANY', 'DEAL', '']);
const DIRECTIONS: ReadonlySet<string> = new Set(['incoming', 'outgoing', 'callback']);
const CALL_STATES: ReadonlySet<string> = new Set(['idle', 'connecting', 'connected']);
const DIALPAD_KEYS: ReadonlySet<string> = new Set([...'0123456789*#']);
const GRADES: ReadonlySet<string> = new Set(['1', '2', '3', '4', '5']);

/**
 * Whether a raw host value means "no data": the SDK sends `""`, classic `BX24` sends `[]`.
 */
export function isNoData(raw: unknown): boolean {
  return (
    raw === undefined || raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0)
  );
}

/**
 * Reads a no-data event. The click happened whatever came with it, so any payload is accepted
 * and normalised to `undefined`: dropping a click for an unexpected payload would lose it.
 */
export const readNoData: Reader<undefined> = () => ok(undefined);

/** Reads a boolean flag (`holdButtonClick`, `muteButtonClick`: the NEW state). */
export const readFlag: Reader<boolean> = (raw, event) =>
  typeof raw === 'boolean' ? ok(raw) : bad(event, raw, 'a boolean');

/** Reads free text (`addCommentButtonClick`). */
export const readText: Reader<string> = (raw, event) =>
  typeof raw === 'string' ? ok(raw) : bad(event, raw, 'a string');

/** Reads one dialpad key: `0`-`9`, `*` or `#`. */
export const readDialpadKey: Reader<DialpadKey> = (raw, event) => {
  const key = typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : raw;
  return typeof key === 'string' && DIALPAD_KEYS.has(key)
    ? ok(key as DialpadKey)
    : bad(event, raw, 'one dialpad key: 0-9, * or #');
};

/** Reads a quality grade `"1"`..`"5"`. */
export const readQualityGrade: Reader<QualityGrade> = (raw, event) => {
  const grade = typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : raw;
  return typeof grade === 'string' && GRADES.has(grade)
    ? ok(grade as QualityGrade)
    : bad(event, raw, 'a grade "1" to "5"');
};

/** Reads `{phoneNumber, target}`; `target` is an employee id or a phone string. */
export const readTransferTarget: Reader<TransferTarget> = (raw, event) => {
  if (!isRecord(raw)) return bad(event, raw, 'an object {phoneNumber, target}');
  const phoneNumber = own(raw, 'phoneNumber');
  const target = own(raw, 'target');
  const phone = phoneNumber === undefined || phoneNumber === null ? '' : phoneNumber;
  if (typeof phone !== 'string') return bad(event, raw, 'phoneNumber to be a string');
  if (!(
    (typeof target === 'number' && Number.isFinite(target)) ||
    (typeof target === 'string' && target !== '')
  ))
    return bad(event, raw, 'target to be an employee id (number or string) or a phone number');
  return ok({ phoneNumber: phone, target });
};

function readCrmType(raw: unknown): CrmEntityType | '' | undefined {
  if (raw === undefined || raw === null) return '';
  return typeof raw === 'string' && CRM_TYPES.has(raw) ? (raw as CrmEntityType | '') : undefined;
}

function readCrmId(raw: unknown): number | undefined {
  if (raw === undefined || raw === null || raw === '') return 0;
  return toId(raw);
}

/** Reads the `entityChanged` payload. */
export const readCrmEntity: Reader<CrmEntity> = (raw, event) => {
  if (!isRecord(raw))
    return bad(event, raw, 'an object {PHONE_NUMBER, CRM_ENTITY_TYPE, CRM_ENTITY_ID}');
  const phone = own(raw, 'PHONE_NUMBER');
  const type = readCrmType(own(raw, 'CRM_ENTITY_TYPE'));
  const id = readCrmId(own(raw, 'CRM_ENTITY_ID'));
  if (phone !== undefined && phone !== null && typeof phone !== 'string')
    return bad(event, raw, 'PHONE_NUMBER to be a string');
  if (type === undefined)
    return bad(event, raw, 'CRM_ENTITY_TYPE to be LEAD, CONTACT, COMPANY, DEAL or ""');
  if (id === undefined) return bad(event, raw, 'CRM_ENTITY_ID to be a number');
  return ok({
    PHONE_NUMBER: typeof phone === 'string' ? phone : '',
    CRM_ENTITY_TYPE: type,
    CRM_ENTITY_ID: id,
  });
};

function readBindings(raw: unknown): readonly CrmBinding[] | undefined {
  if (raw === undefined || raw === null || raw === '') return [];
  if (!Array.isArray(raw)) return undefined;
  const out: CrmBinding[] = [];
  for (const item of raw) {
    if (!isRecord(item)) return undefined;
    const type = own(item, 'ENTITY_TYPE');
    const id = toId(own(item, 'ENTITY_ID'));
    if (typeof type !== 'string' || id === undefined) return undefined;
    out.push({ ENTITY_TYPE: type, ENTITY_ID: id });
  }
  return out;
}

function optionalString(raw: unknown): string | undefined | false {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  return false;
}

/** Reads the `initialized` payload (the call object). */
export const readCallInfo: Reader<CallInfo> = (raw, event) => {
  if (!isRecord(raw)) return bad(event, raw, 'a call object with CALL_ID');
  const callId = optionalString(own(raw, 'CALL_ID'));
  if (typeof callId !== 'string' || callId === '')
    return bad(event, raw, 'CALL_ID to be a non-empty string');
  const type = readCrmType(own(raw, 'CRM_ENTITY_TYPE'));
  if (type === undefined)
    return bad(event, raw, 'CRM_ENTITY_TYPE to be LEAD, CONTACT, COMPANY, DEAL or ""');
  const id = readCrmId(own(raw, 'CRM_ENTITY_ID'));
  if (id === undefined) return bad(event, raw, 'CRM_ENTITY_ID to be a number');
  const bindings = readBindings(own(raw, 'CRM_BINDINGS'));
  if (bindings === undefined)
    return bad(event, raw, 'CRM_BINDINGS to be an array of {ENTITY_TYPE, ENTITY_ID}');
  const direction = own(raw, 'CALL_DIRECTION');
  if (typeof direction !== 'string' || !DIRECTIONS.has(direction))
    return bad(event, raw, 'CALL_DIRECTION to be incoming, outgoing or callback');
  const stateRaw = own(raw, 'CALL_STATE');
  const state = stateRaw === undefined || stateRaw === null ? 'idle' : stateRaw;
  if (typeof state !== 'string' || !CALL_STATES.has(state))
    return bad(event, raw, 'CALL_STATE to be idle, connecting or connected');
  const listModeRaw = own(raw, 'CALL_LIST_MODE');
  const listMode = listModeRaw === undefined || listModeRaw === null ? false : listModeRaw;
  if (typeof listMode !== 'boolean') return bad(event, raw, 'CALL_LIST_MODE to be a boolean');
  const info: {
    -readonly [K in keyof CallInfo]: CallInfo[K];
  } = {
    CALL_ID: callId,
    CRM_ENTITY_TYPE: type,
    CRM_ENTITY_ID: id,
    CRM_BINDINGS: bindings,
    CALL_DIRECTION: direction as CallDirection,
    CALL_STATE: state as CallState,
    CALL_LIST_MODE: listMode,
  };
  for (const key of ['PHONE_NUMBER', 'LINE_NUMBER', 'LINE_NAME'] as const) {
    const value = optionalString(own(raw, key));
    if (value === false) return bad(event, raw, `${key} to be a string`);
    if (value !== undefined) info[key] = value;
  }
  const activity = own(raw, 'CRM_ACTIVITY_ID');
  if (activity !== undefined && activity !== null) {
    if (typeof activity !== 'number' && typeof activity !== 'string')
      return bad(event, raw, 'CRM_ACTIVITY_ID to be a number or a string');
    info.CRM_ACTIVITY_ID = activity;
  }
  return ok(info);
};

const READERS: { readonly [K in CallCardEventType]: Reader<CallCardEventMap[K]> } = {
  initialized: readCallInfo,
  entityChanged: readCrmEntity,
  answerButtonClick: readNoData,
  skipButtonClick: readNoData,
  makeCallButtonClick: readNoData,
  hangupButtonClick: readNoData,
  holdButtonClick: readFlag,
  muteButtonClick: readFlag,
  transferButtonClick: readTransferTarget,
  dialpadButtonClick: readDialpadKey,
  qualityMeterClick: readQualityGrade,
  completeTransferButtonClick: readNoData,
  cancelTransferButtonClick: readNoData,
  closeButtonClick: readNoData,
  notifyAdminButtonClick: readNoData,
  addCommentButtonClick: readText,
  nextButtonClick: readNoData,
};

/**
 * Turns a raw host payload into the typed payload of `type`, or a `CallCardPayloadError` that
 * names the event, the value and what was expected. Never throws.
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
  try {
    return (READERS[type] as Reader<CallCardEventMap[T]>)(raw, type);
  } catch (cause) {
    // A hostile payload (a throwing getter or proxy) is a malformed payload, never a throw.
    return bad(type, '[unreadable value]', `a readable value (${describeCause(cause)})`);
  }
}

/** `String(cause)`, except that a cause which cannot be printed (no prototype) must not throw. */
function describeCause(cause: unknown): string {
  try {
    return String(cause);
  } catch {
    return 'a thrown value that cannot be printed';
  }
}
