import { COMMAND_REPLIES, isCallCardCommandName } from '../model/commands';
import type { CallCardCommand } from '../model/commands';
import { CallCardInputError, describeThrow } from '../model/errors';
import { fullMessages } from '../model/full-messages';
import { isRecord } from '../model/is-record';
import { isFreshlyMade } from './make-command';
import { checkCommandParams } from './param-rules';

/**
 * Checks that `value` is a valid command (made by a creator or by hand) and returns the command
 * to send and apply: `value` itself when a creator has just made it, otherwise a frozen copy of
 * what was checked, read once, so an app's object (changed afterwards, or with getters) cannot
 * make the library send one thing and show another. `where` names the API that received it. Throws
 * `CallCardInputError` otherwise, also for a value whose reading throws. A command a creator has
 * just made passes at once: it was checked when made.
 */
export function validateCommand(value: unknown, where: string): CallCardCommand {
  if (isFreshlyMade(value)) return value as CallCardCommand;
  if (!isRecord(value))
    throw new CallCardInputError(
      where,
      'command',
      value,
      fullMessages()
        ? 'a command object {name, params}, made by a creator such as setStatusText(...)'
        : '',
    );
  let name: unknown;
  let params: unknown;
  try {
    name = value['name'];
    params = value['params'];
  } catch (cause) {
    throw new CallCardInputError(
      where,
      'command',
      '[unreadable value]',
      fullMessages() ? `a readable command object (reading it threw ${describeThrow(cause)})` : '',
    );
  }
  if (!isCallCardCommandName(name))
    throw new CallCardInputError(
      where,
      'command.name',
      name,
      fullMessages()
        ? `one of the 9 command names (${Object.keys(COMMAND_REPLIES).join(', ')})`
        : '',
    );
  return Object.freeze({
    name,
    params: checkCommandParams(name, params),
  }) as unknown as CallCardCommand;
}
