/**
 * Whether `value` is an object that is neither `null` nor an array (internal): the one check
 * every reader of user options and host payloads starts with.
 *
 * @internal
 */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
