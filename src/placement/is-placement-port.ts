import type { PlacementPort } from './placement-port';

/** Whether `value` has the two methods of a `PlacementPort`, `call` and `bindEvent`. */
export function isPlacementPort(value: unknown): value is PlacementPort {
  if (typeof value !== 'object' || value === null) return false;
  const { call, bindEvent } = value as { call?: unknown; bindEvent?: unknown };
  return typeof call === 'function' && typeof bindEvent === 'function';
}
