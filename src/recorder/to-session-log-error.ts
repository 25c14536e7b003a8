import { isCallCardCommandName } from '../model/commands';
import type { CallCardError } from '../model/errors';
import type { SessionLogError } from '../model/session-log';

/**
 * A library error as a session log keeps it (internal): its name and message, and the fields users
 * branch on (`command`, `event`, `errorCode`) when it has them. A `CallCardUnavailableError`
 * about a command names it as its `subject`: that is its `command` here. Frozen.
 */
export function toSessionLogError(error: CallCardError): SessionLogError {
  const fields = error as unknown as Readonly<Record<string, unknown>>;
  const out: {
    name: string;
    message: string;
    command?: string;
    event?: string;
    errorCode?: string;
  } = {
    name: typeof fields['name'] === 'string' ? fields['name'] : 'CallCardError',
    message: typeof fields['message'] === 'string' ? fields['message'] : '',
  };
  const command = fields['command'] ?? fields['subject'];
  if (isCallCardCommandName(command)) out.command = command;
  if (typeof fields['event'] === 'string') out.event = fields['event'];
  if (typeof fields['errorCode'] === 'string') out.errorCode = fields['errorCode'];
  return Object.freeze(out);
}
