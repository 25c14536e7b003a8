import type { CallCardCommand, CallCardCommandName } from '../model/commands';
import { checkCreatorParams } from './param-rules';

/** What an empty slot of `recent` holds: nothing a sink can receive. */
const EMPTY = {};

/**
 * The last commands the creators made (internal), newest at `next - 1`: checked when made and
 * deeply frozen, so a sink that receives one of them (a creator's command usually reaches the
 * sink right after it is made, `map(setStatusText)`) need not check it again. A small ring, not
 * a WeakSet: a lookup is eight comparisons, nothing grows, and making a command stays several
 * times cheaper than with a WeakSet entry for each (the garbage collector's work for them).
 */
const recent: object[] = [EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY];
let next = 0;

/** Whether `value` is one of the last commands a creator made (so: checked and frozen). */
export function isFreshlyMade(value: unknown): boolean {
  for (let i = 0; i < 8; i++) if (recent[i] === value) return true;
  return false;
}

/**
 * Builds a command from a creator's input: checks the params (throwing `CallCardInputError`)
 * and returns deeply frozen data, so a command can be shared, logged and compared safely.
 * `params` holds no `undefined` value: a creator leaves an absent option out.
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
