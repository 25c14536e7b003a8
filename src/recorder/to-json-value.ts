import type { JsonValue } from '../model/session-log';

/**
 * A deep copy of `value` that survives `JSON.stringify` and `JSON.parse` unchanged (internal): the
 * form in which a recorder keeps the host's raw payloads, params and replies, so a later change
 * of the host's objects changes nothing in the log. It is one `JSON.stringify` and one
 * `JSON.parse`, so JSON itself decides what is kept.
 *
 * 1. Strings, booleans, `null`, finite numbers (`-0` becomes `0`, as JSON writes it), arrays and
 *    plain objects (of any realm, or without prototype) are kept; an object's key whose value is
 *    `undefined` is left out, as JSON does; an own `__proto__` key stays an ordinary key.
 * 2. Any other value inside becomes `{ "unserializable": "<what it was>" }`: `NaN` and the
 *    infinities by name, a bigint, symbol, function or an `undefined` array item by its type, an
 *    instance of a class by its tag (`[object Date]`, `[object Map]`).
 * 3. It throws where JSON cannot walk `value`: a cycle, a getter or Proxy that throws.
 *
 * With `frozen`, every array and object of the copy is frozen.
 */
export function toJsonValue(value: object, frozen?: boolean): JsonValue {
  const copy = JSON.parse(JSON.stringify(value, replacer)) as JsonValue;
  return frozen ? freeze(copy) : copy;
}

/** `value` with its arrays and objects frozen: a third faster than a `JSON.parse` reviver. */
function freeze(value: JsonValue): JsonValue {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(freeze);
    Object.freeze(value);
  }
  return value;
}

/**
 * Decides on the value as its holder has it (`this[key]`), not as `toJSON` made it: a `Date`
 * would otherwise pass as a string.
 */
function replacer(this: unknown, key: string, value: unknown): unknown {
  const raw: unknown = (this as Record<string, unknown>)[key];
  const type = typeof raw;
  return type === 'string' ||
    type === 'boolean' ||
    raw === null ||
    (type === 'number'
      ? Number.isFinite(raw)
      : type === 'object'
        ? isPlain(raw as object)
        : raw === undefined && !Array.isArray(this))
    ? value
    : {
        unserializable:
          type === 'number'
            ? String(raw)
            : type === 'object'
              ? Object.prototype.toString.call(raw)
              : type,
      };
}

/** An array, or an object whose prototype is `Object.prototype` of some realm, or none. */
function isPlain(object: object): boolean {
  const proto: unknown = Object.getPrototypeOf(object);
  return Array.isArray(object) || proto === null || Object.getPrototypeOf(proto) === null;
}
