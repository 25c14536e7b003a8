import type { SessionLogEntry } from '../model/session-log';
import { toJsonValue } from './to-json-value';

/** The fields of an entry that hold raw values: the host's, the app's, or an error's words. */
const RAW_FIELDS: readonly string[] = ['payload', 'params', 'reply', 'error'];

/**
 * A copy of `fields` whose raw values (`payload`, `params`, `reply`, `error`, those that are not
 * `undefined`) are replaced by what `change` makes of each (internal): the one walk over them, for
 * marking, hiding and redacting an entry alike. The other fields are copied as they are.
 */
export function withRawValues(
  fields: Readonly<Record<string, unknown>>,
  change: (value: unknown, key: string) => unknown,
): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...fields };
  for (const key of RAW_FIELDS) if (copy[key] !== undefined) copy[key] = change(copy[key], key);
  return copy;
}

/**
 * A session log entry from `fields` (internal), the one way entries are made: a frozen JSON copy
 * (`toJsonValue`), so every field that is `undefined` is left out. A raw value JSON cannot walk
 * (a cycle, a getter that throws) becomes one `{ "unserializable": ... }` marker as a whole.
 */
export function logEntry(fields: Readonly<Record<string, unknown>>): SessionLogEntry {
  try {
    return toJsonValue(fields, true) as unknown as SessionLogEntry;
  } catch {
    const marked = withRawValues(fields, () => ({ unserializable: 'a cycle or a throw' }));
    return toJsonValue(marked, true) as unknown as SessionLogEntry;
  }
}
