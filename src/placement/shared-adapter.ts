import type { PlacementPort } from './placement-port';

/**
 * The adapter of `host` (a `BX24.placement` or an SDK placement manager), created once per host
 * object for the whole page (internal).
 *
 * Why: the event hub binds each host event once per `PlacementPort` object, and a host binding can
 * never be removed. If `fromBX24()` made a new port on every call, two components calling it would
 * bind every event twice on the same host placement. Returning the same port for the same host
 * keeps "bind once" true. The cache lives on `globalThis` under a `Symbol.for` key, so the ESM and
 * CJS builds of the library loaded side by side hand out the same port too.
 */
export function sharedAdapter(
  kind: 'bx24' | 'b24-frame',
  host: object,
  create: () => PlacementPort,
): PlacementPort {
  const key = Symbol.for(`b24-call-card-rx/${kind}-adapters@1`);
  const g = globalThis as typeof globalThis & { [key: symbol]: unknown };
  let cache = g[key] as WeakMap<object, PlacementPort> | undefined;
  if (!cache) {
    cache = new WeakMap<object, PlacementPort>();
    Object.defineProperty(g, key, { value: cache, configurable: false, enumerable: false });
  }
  let port = cache.get(host);
  if (!port) {
    port = create();
    cache.set(host, port);
  }
  return port;
}
