import type { JsonValue } from '../model/session-log';

/**
 * The keys the host documents that say how the call looks, not who is on it: their values are
 * kept. Every other key is hidden, so a field the host adds one day is hidden until it is listed.
 */
const KEPT = /^(CALL_(ID|DIRECTION|STATE)|LINE_(NUMBER|NAME)|(CRM_)?ENTITY_TYPE)$/;

/**
 * `value` with its personal data hidden and its shape kept (internal): every string and number
 * in it becomes a placeholder of the same type, except under a key that `KEPT` matches.
 * Keys, array lengths, booleans and `null` stay, so a log keeps its structure and still replays.
 *
 * 1. A number becomes `1`; `0` ("none" to the host) stays.
 * 2. A string of digits (an id) becomes `"1"`; any other string `"[redacted]"`; what the host
 *    sends for "none" stays: `""`, zeros (`"0"`), `"hidden"` and `"unknown"` (phone numbers it
 *    does not show).
 * 3. Arrays and objects are hidden item by item, key by key.
 */
export function hideValues(value: JsonValue): JsonValue {
  if (typeof value === 'number') return value === 0 ? 0 : 1;
  if (typeof value === 'string')
    return /^(0*|hidden|unknown)$/.test(value) ? value : /^\d+$/.test(value) ? '1' : '[redacted]';
  if (Array.isArray(value)) return value.map(hideValues);
  if (value === null || typeof value !== 'object') return value;
  // `fromEntries` defines each key: an own `__proto__` key stays an ordinary key.
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, KEPT.test(key) ? item : hideValues(item)]),
  );
}
