/**
 * Whether `value` is an object that is neither `null` nor an array (internal): the one check
 * every reader of user options and host payloads starts with. A revoked Proxy (on which
 * `Array.isArray` throws) is no record: false, never a throw.
 *
 * @internal
 */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  try {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
