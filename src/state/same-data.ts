/**
 * Whether two values hold the same data (internal): equal primitives, or
 * arrays / plain objects with the same keys and equal values, compared deeply. Used on timer
 * states and host payloads, which are small JSON-like data.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) =>
      sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}
