import type { CallCardCommand, CallCardCommandName } from '../model/commands';
import { checkCreatorParams } from './param-rules';

/**
 * Builds a command from a creator's input: checks the params (throwing `CallCardInputError`)
 * and returns deeply frozen data, so a command can be shared, logged and compared safely.
 */
export function makeCommand<N extends CallCardCommandName>(
  name: N,
  params: Record<string, unknown>,
): CallCardCommand<N> {
  return Object.freeze({
    name,
    params: checkCreatorParams(name, params),
  }) as unknown as CallCardCommand<N>;
}
