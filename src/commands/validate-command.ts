import { COMMAND_REPLIES, isCallCardCommandName } from '../model/commands';
import type { CallCardCommand } from '../model/commands';
import { CallCardInputError } from '../model/errors';
import { isRecord } from '../model/is-record';
import { checkCommandParams } from './param-rules';

/** A command that passed validation, with the params to put on the wire. */
export interface ValidCommand {
  /** The very object the app emitted, so outcomes carry it unchanged. */
  readonly command: CallCardCommand;
  /** Its params without unknown keys or `undefined` values, frozen. */
  readonly hostParams: Readonly<Record<string, unknown>>;
}

/**
 * Checks that `value` is a valid command (made by a creator or by hand). `where` names the API
 * that received it. Throws `CallCardInputError` otherwise, also for a value whose reading throws.
 * A creator's command passes without a copy: its params are frozen and checked already.
 */
export function validateCommand(value: unknown, where: string): ValidCommand {
  if (!isRecord(value))
    throw new CallCardInputError(
      where,
      'command',
      value,
      'a command object {name, params}, made by a creator such as setStatusText(...)',
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
      `a readable command object (reading it threw ${String(cause)})`,
    );
  }
  if (!isCallCardCommandName(name))
    throw new CallCardInputError(
      where,
      'command.name',
      name,
      `one of the 9 command names (${Object.keys(COMMAND_REPLIES).join(', ')})`,
    );
  return { command: value as CallCardCommand, hostParams: checkCommandParams(name, params) };
}
