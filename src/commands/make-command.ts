import type { CallCardCommand, CallCardCommandName } from '../model/commands';
import { checkCommandParams } from './param-rules';

/**
 * Builds a command from a creator's input: checks the params (throwing `CallCardInputError`)
 * and returns deeply frozen data, so a command can be shared, logged and compared safely.
 */
export function makeCommand<N extends CallCardCommandName>(
  name: N,
  params: Record<string, unknown>,
): CallCardCommand<N> {
  const checked = checkCommandParams(name, Object.freeze(params), true);
  return Object.freeze({ name, params: checked }) as unknown as CallCardCommand<N>;
}
