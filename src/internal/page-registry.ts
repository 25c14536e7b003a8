/**
 * The value registered for `owner` under `name`, created by `create` on first use and shared by
 * every copy of the library in the page (internal).
 *
 * Why: the ESM and CJS builds can be loaded side by side (one through an app's bundle, one
 * through a dependency). Whatever must exist once per host placement, the event bindings, the
 * adapters, the serial command queue, the applied-commands channel, is kept in a `WeakMap` on
 * `globalThis` under a `Symbol.for` key, so both builds find the same one. Registered values must
 * hold plain data and functions only, no rxjs objects, since each build may bring its own rxjs.
 * `name` carries a version (`event-registry@1`): bump it whenever the shape of the value changes,
 * so two versions of the library never misread each other's data.
 *
 * @internal
 */
export function pageShared<V>(name: string, owner: object, create: () => V): V {
  const key = Symbol.for(`b24-call-card-rx/${name}`);
  const g = globalThis as typeof globalThis & { [key: symbol]: unknown };
  let map = g[key] as WeakMap<object, V> | undefined;
  if (!map) {
    map = new WeakMap<object, V>();
    // Neither writable, nor configurable, nor enumerable (what `defineProperty` leaves unsaid).
    Object.defineProperty(g, key, { value: map });
  }
  if (map.has(owner)) return map.get(owner) as V;
  const value = create();
  map.set(owner, value);
  return value;
}
