import type { CallCardCommand, CallCardCommandName } from '../model/commands';
import { checkCommandParams } from './param-rules';

/**
 * The commands the creators made (internal): checked once when made and deeply frozen, so the
 * sinks need not check them again. A command made by hand, or by the other build of the library
 * in the page, is checked in full where it is used.
 */
export const CHECKED_COMMANDS = new WeakSet<object>();

/**
 * Builds a command from a creator's input: checks the params (throwing `CallCardInputError`)
 * and returns deeply frozen data, so a command can be shared, logged and compared safely.
 */
export function makeCommand<N extends CallCardCommandName>(
  name: N,
  params: unknown,
): CallCardCommand<N> {
  const checked = checkCommandParams(name, params);
  const command = Object.freeze({ name, params: Object.freeze(checked) });
  CHECKED_COMMANDS.add(command);
  return command as unknown as CallCardCommand<N>;
}
