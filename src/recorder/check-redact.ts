import type { SessionLogEntry } from '../model/session-log';
import { CallCardInputError } from '../model/errors';
import { fullMessages } from '../model/full-messages';

/**
 * Checks `options.redact` handed to `where`, a hook `(entry) => entry` or nothing, and returns it
 * (internal): the recorder and the tools built on it take the same hook.
 */
export function checkRedact(
  where: string,
  value: unknown,
): ((entry: SessionLogEntry) => SessionLogEntry) | undefined {
  if (value === undefined || typeof value === 'function')
    return value as ((entry: SessionLogEntry) => SessionLogEntry) | undefined;
  throw new CallCardInputError(
    where,
    'options.redact',
    value,
    fullMessages() ? 'a function (entry) => entry, or nothing' : '',
  );
}
