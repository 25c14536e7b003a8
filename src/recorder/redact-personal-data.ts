import { HOST_EVENT_PREFIX } from '../model/events';
import type { JsonValue, SessionLogEntry } from '../model/session-log';

/** What stands for a hidden string. */
const HIDDEN_TEXT = '[redacted]';

/** What stands for a hidden id given as a number. */
const HIDDEN_ID = 1;

/** What stands for a hidden id given as a string of digits. */
const HIDDEN_DIGITS = '1';

/** Phone numbers the host sends when it has none to show: they say how the call looks, not who. */
const PHONE_SENTINELS: ReadonlySet<string> = /* @__PURE__ */ new Set(['', 'hidden', 'unknown']);

type Hide = (value: JsonValue) => JsonValue;

/**
 * Hides every string and number under `value`, keeping its shape: keys, array lengths, booleans
 * and `null`; `''` and `0` stay (they mean "none" to the host).
 */
const hideAll: Hide = (value) => {
  if (typeof value === 'string') return value === '' ? '' : HIDDEN_TEXT;
  if (typeof value === 'number') return value === 0 ? 0 : HIDDEN_ID;
  if (value === null || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return Object.freeze(value.map(hideAll));
  return hideKeys(value as { readonly [key: string]: JsonValue }, {});
};

/** A CRM or employee id: a number, or a string of digits, still one (so it reads as an id). */
const hideId: Hide = (value) => {
  if (typeof value === 'number') return value === 0 ? 0 : HIDDEN_ID;
  if (typeof value === 'string' && /^\d+$/.test(value))
    return /^0+$/.test(value) ? value : HIDDEN_DIGITS;
  return hideAll(value);
};

/** A phone number: hidden unless it is one the host sends for "none" (`"hidden"`, ...). */
const hidePhone: Hide = (value) =>
  typeof value === 'string' && PHONE_SENTINELS.has(value) ? value : hideAll(value);

const keep: Hide = (value) => value;

/** One `CRM_BINDINGS` item: its entity type is kept, its id hidden. */
const hideBinding: Hide = (value) =>
  isObject(value) ? hideKeys(value, { ENTITY_TYPE: keep, ENTITY_ID: hideId }) : hideAll(value);

const hideBindings: Hide = (value) =>
  Array.isArray(value) ? Object.freeze(value.map(hideBinding)) : hideAll(value);

/**
 * The keys of each personal event's payload that are not hidden whole (`hideAll`): kept as they
 * are, or hidden their own way. Any other key is hidden whole, so a field the host adds one day
 * is hidden until it is listed here.
 */
const PAYLOAD_RULES: { readonly [event: string]: { readonly [key: string]: Hide } } = {
  'BackgroundCallCard::initialized': {
    CALL_ID: keep,
    LINE_NUMBER: keep,
    LINE_NAME: keep,
    CRM_ENTITY_TYPE: keep,
    CALL_DIRECTION: keep,
    CALL_STATE: keep,
    CALL_LIST_MODE: keep,
    PHONE_NUMBER: hidePhone,
    CRM_ENTITY_ID: hideId,
    CRM_ACTIVITY_ID: hideId,
    CRM_BINDINGS: hideBindings,
  },
  'BackgroundCallCard::entityChanged': {
    CRM_ENTITY_TYPE: keep,
    PHONE_NUMBER: hidePhone,
    CRM_ENTITY_ID: hideId,
  },
  'BackgroundCallCard::transferButtonClick': { phoneNumber: hidePhone, target: hideId },
  'BackgroundCallCard::addCommentButtonClick': {},
};

/** The events whose payload errors quote personal data: the `event` of a `failure`. */
const PERSONAL_EVENTS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'initialized',
  'entityChanged',
  'transferButtonClick',
  'addCommentButtonClick',
]);

/** The params that carry text the app wrote for the operator, often the caller's name. */
const TEXT_PARAMS: { readonly [command: string]: string } = {
  CallCardSetCardTitle: 'title',
  CallCardSetStatusText: 'statusText',
};

/**
 * A ready-made `redact` hook for {@link recordCallCard}: hides the personal data the host
 * documents, and keeps the log's structure, so a redacted log still replays and still tells what
 * happened. It returns a new entry and never changes the one it is given.
 *
 * It hides, with a placeholder of the same type (a string becomes `"[redacted]"`, a number `1`,
 * an id written in digits `"1"`; `""` and `0`, which mean "none", stay):
 *
 * 1. in `initialized` and `entityChanged` payloads: `PHONE_NUMBER` (but the host's own `""`,
 *    `"hidden"` and `"unknown"`), `CRM_ENTITY_ID`, `CRM_ACTIVITY_ID`, the `ENTITY_ID` of each
 *    `CRM_BINDINGS` item, and any key the host does not document;
 * 2. in `transferButtonClick` payloads: `phoneNumber` and `target` (an employee id or a phone
 *    number);
 * 3. the comment text of `addCommentButtonClick`;
 * 4. the params `title` of `CallCardSetCardTitle` and `statusText` of `CallCardSetStatusText`:
 *    apps write the caller's name, company or number there;
 * 5. the quoted payload in the message of a `failure` about one of these events (an unreadable
 *    payload is quoted in its error message).
 *
 * It keeps everything else: `CALL_ID` (to find the call in the portal), the line, the call's
 * direction and state, the CRM entity types, the number of bindings, every key and array length,
 * every other event and command (UI states, mute, hold, the dialpad keys the operator pressed),
 * replies, transport errors, card boundaries, times and ids. A payload of one of these events that
 * is not the documented object has every string and number in it hidden.
 *
 * The same rules hide the log's `snapshot` (its call, entity, title and status text), since
 * `recordCallCard` passes those through the hook as the entries they came from.
 *
 * @example
 * ```ts
 * import { recordCallCard, redactPersonalData } from 'b24-call-card-rx';
 *
 * const recorder = recordCallCard(placement, { redact: redactPersonalData });
 * // ... a call ...
 * recorder.log().entries[0];
 * // { kind: 'event', at: 0, event: 'BackgroundCallCard::initialized',
 * //   payload: { CALL_ID: 'externalCall.5f0e', PHONE_NUMBER: '[redacted]', CRM_ENTITY_TYPE: 'CONTACT',
 * //              CRM_ENTITY_ID: 1, CRM_BINDINGS: [{ ENTITY_TYPE: 'CONTACT', ENTITY_ID: 1 }], ... } }
 * ```
 *
 * @example
 * Keep the status texts (an app that writes only timers and states there) and hide the rest:
 * ```ts
 * import { recordCallCard, redactPersonalData } from 'b24-call-card-rx';
 *
 * recordCallCard(placement, {
 *   redact: (entry) =>
 *     entry.kind === 'command' && entry.command === 'CallCardSetStatusText'
 *       ? entry
 *       : redactPersonalData(entry),
 * });
 * ```
 */
export function redactPersonalData(entry: SessionLogEntry): SessionLogEntry {
  switch (entry.kind) {
    case 'event': {
      const rules = Object.hasOwn(PAYLOAD_RULES, entry.event)
        ? PAYLOAD_RULES[entry.event]
        : undefined;
      if (!rules || entry.payload === undefined) return entry;
      const payload = isObject(entry.payload)
        ? hideKeys(entry.payload, rules)
        : hideAll(entry.payload);
      return Object.freeze({ ...entry, payload });
    }
    case 'command': {
      const key = Object.hasOwn(TEXT_PARAMS, entry.command)
        ? TEXT_PARAMS[entry.command]
        : undefined;
      if (key === undefined || !Object.hasOwn(entry.params, key)) return entry;
      return Object.freeze({
        ...entry,
        params: hideKeys(entry.params, { [key]: hideAll }, keep),
      });
    }
    case 'failure': {
      const { event, message } = entry.error;
      if (event === undefined || !PERSONAL_EVENTS.has(event)) return entry;
      return Object.freeze({
        ...entry,
        error: Object.freeze({ ...entry.error, message: hideQuotedPayload(event, message) }),
      });
    }
    default:
      return entry;
  }
}

/** A plain object of a log (not an array, not null). */
function isObject(value: JsonValue | undefined): value is { readonly [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy of `object` with each key hidden by its rule, or by `otherwise` when it has none. */
function hideKeys(
  object: { readonly [key: string]: JsonValue },
  rules: { readonly [key: string]: Hide },
  otherwise: Hide = hideAll,
): { readonly [key: string]: JsonValue } {
  const out: Record<string, JsonValue> = {};
  for (const key of Object.keys(object)) {
    const hide = Object.hasOwn(rules, key) ? (rules[key] as Hide) : otherwise;
    // Defined, not assigned: a `__proto__` key stays an ordinary key.
    Object.defineProperty(out, key, {
      value: hide(object[key] as JsonValue),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return Object.freeze(out);
}

/**
 * An unreadable-payload message with its quote of the payload hidden:
 * `BackgroundCallCard::<event>: payload was <quote>; expected <what>` keeps its first and last part.
 */
function hideQuotedPayload(event: string, message: string): string {
  const head = `${HOST_EVENT_PREFIX}${event}: payload was `;
  const tail = message.lastIndexOf('; expected ');
  return message.startsWith(head) && tail >= head.length
    ? `${head}${HIDDEN_TEXT}${message.slice(tail)}`
    : `${HOST_EVENT_PREFIX}${event}: payload ${HIDDEN_TEXT}`;
}
