import type { CallCardCommand, CallCardCommandName } from '../model/commands';
import { checkCreatorParams } from './param-rules';

/**
 * The last commands the creators made (internal), newest at `next - 1`: checked when made and
 * deeply frozen, so a sink that receives one of them (a creator's command usually reaches the
 * sink right after it is made, `map(setStatusText)`) need not check it again. A small ring, not a
 * WeakSet: a lookup is eight comparisons, and nothing grows.
 */
const recent: Array<object | undefined> = [
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
];
let next = 0;

/** Whether `value` is one of the last commands a creator made (so: checked and frozen). */
export function isFreshlyMade(value: unknown): boolean {
  for (let i = 0; i < recent.length; i++) if (recent[i] === value) return true;
  return false;
}

/**
 * Builds a command from a creator's input: checks the params (throwing `CallCardInputError`)
 * and returns deeply frozen data, so a command can be shared, logged and compared safely.
 */
export function makeCommand<N extends CallCardCommandName>(
  name: N,
  params: Record<string, unknown>,
): CallCardCommand<N> {
  const command = Object.freeze({ name, params: checkCreatorParams(name, params) });
  recent[next] = command;
  next = (next + 1) & 7;
  return command as unknown as CallCardCommand<N>;
}
