import type { CallCardCommand } from '../model/commands';
import type { CallCardError } from '../model/errors';
import type { CommandOutcome } from '../model/outcome';

/** How one command ended, before it is an outcome: its host call's settlement, or a skip. */
export type Ending =
  | { readonly ok: true; readonly value: unknown; readonly skipped?: true }
  | { readonly ok: false; readonly error: CallCardError };

/**
 * The outcome of one command (internal). Not frozen: each outcome is a fresh object for the one
 * sink that receives it, and the library never reads it again.
 */
export function outcomeOf(
  command: CallCardCommand,
  ending: Ending,
  superseded: boolean,
): CommandOutcome {
  const outcome: Record<string, unknown> = ending.ok
    ? { command, ok: true, result: ending.value }
    : { command, ok: false, error: ending.error };
  if (ending.ok && ending.skipped) outcome['skipped'] = true;
  if (superseded) outcome['superseded'] = true;
  return outcome as CommandOutcome;
}
