import { pageShared } from '../internal/page-registry';
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
 *
 * @internal
 */
export function sharedAdapter(
  kind: 'bx24' | 'b24-frame',
  host: object,
  create: () => PlacementPort,
): PlacementPort {
  return pageShared(`${kind}-adapters@1`, host, create);
}
