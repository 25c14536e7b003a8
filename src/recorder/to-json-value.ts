import type { JsonValue } from '../model/session-log';

/**
 * How deep a raw value is copied; anything deeper is a marker. Host payloads are two levels deep
 * (`CRM_BINDINGS` items): the bound only stops a hostile value from exhausting the stack.
 */
const MAX_DEPTH = 32;

/** A frozen `[]`, shared. */
const NO_ITEMS: readonly JsonValue[] = /* @__PURE__ */ Object.freeze([]);

/**
 * A session log's stand-in for a raw value JSON cannot hold (internal), saying what it was
 * (`{ "unserializable": "NaN" }`).
 */
export function unserializable(what: string): JsonValue {
  return Object.freeze({ unserializable: what });
}

/**
 * A deep copy of `value` that survives `JSON.stringify` and `JSON.parse` unchanged (internal): the
 * form in which a recorder keeps the host's raw payloads, params and replies, so a later change
 * of the host's objects changes nothing in the log. `undefined` stays `undefined` (the entry then
 * leaves its key out). With `frozen`, every array and object of the copy is frozen.
 *
 * 1. Strings, booleans, `null` and finite numbers are kept (`-0` becomes `0`, as JSON makes it).
 * 2. Arrays and plain objects (of any realm, or without prototype) are copied, own enumerable
 *    string keys only; an object key whose value is `undefined` is left out, as JSON does;
 *    `__proto__` stays an ordinary key.
 * 3. Everything else becomes `{ "unserializable": "<what it was>" }`: `NaN` and infinities,
 *    bigints, symbols, functions, `undefined` inside an array, instances of classes (`Date`,
 *    `Map`, ...), a value seen again inside itself (a cycle), anything nested deeper than
 *    `MAX_DEPTH`, and a value whose reading throws (a getter, a hostile Proxy).
 *
 * Never throws.
 */
export function toJsonValue(value: unknown, frozen: boolean): JsonValue | undefined {
  if (value === undefined) return undefined;
  return copy(value, frozen, []);
}

function copy(value: unknown, frozen: boolean, parents: object[]): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // `Object.is(-0, 0)` is false, and JSON writes -0 as 0.
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : unserializable(String(value));
    case 'undefined':
      return unserializable('undefined');
    case 'bigint':
      return unserializable(`a bigint (${value}n)`);
    case 'symbol':
      return unserializable(`a symbol (${value.toString()})`);
    case 'function':
      return unserializable('a function');
  }
  if (value === null) return null;
  const object = value as object;
  if (parents.includes(object)) return unserializable('a circular reference');
  if (parents.length >= MAX_DEPTH) return unserializable(`a value nested deeper than ${MAX_DEPTH}`);
  const depth = parents.length;
  try {
    if (Array.isArray(object)) {
      const items = object as readonly unknown[];
      // The host's acknowledgement: one shared copy for every one of them.
      if (items.length === 0 && frozen) return NO_ITEMS;
      parents.push(object);
      const out: JsonValue[] = [];
      for (let i = 0; i < items.length; i++) out.push(copy(items[i], frozen, parents));
      parents.pop();
      return frozen ? Object.freeze(out) : out;
    }
    const proto: unknown = Object.getPrototypeOf(object);
    if (proto !== null && Object.getPrototypeOf(proto) !== null)
      return unserializable(`an object of class ${className(object)}`);
    parents.push(object);
    const out: Record<string, JsonValue> = {};
    for (const key of Object.keys(object)) {
      let item: unknown;
      let readable = true;
      try {
        item = (object as Record<string, unknown>)[key];
      } catch {
        readable = false;
      }
      if (item === undefined && readable) continue;
      const kept = readable ? copy(item, frozen, parents) : unserializable('an unreadable value');
      // Defined, not assigned: an own `__proto__` key would otherwise set the copy's prototype
      // (assignment, much faster, for every other key).
      if (key === '__proto__')
        Object.defineProperty(out, key, {
          value: kept,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else out[key] = kept;
    }
    parents.pop();
    return frozen ? Object.freeze(out) : out;
  } catch {
    // A Proxy whose traps throw.
    parents.length = depth;
    return unserializable('an unreadable value');
  }
}

/** The name of `object`'s class, for a marker; never throws. */
function className(object: object): string {
  try {
    const name: unknown = (object.constructor as { name?: unknown } | undefined)?.name;
    if (typeof name === 'string' && name !== '') return name;
  } catch {
    // A getter or Proxy that throws: fall back to the built-in tag.
  }
  try {
    return Object.prototype.toString.call(object).slice(8, -1);
  } catch {
    return 'unknown';
  }
}
