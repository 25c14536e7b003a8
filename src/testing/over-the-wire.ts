/**
 * A value as it arrives after a trip through `postMessage` and JSON: a fresh copy per delivery
 * (internal).
 *
 * @internal
 */
export function overTheWire(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? JSON.parse(JSON.stringify(value)) : value;
}
