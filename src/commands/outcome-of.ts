import type { CallCardCommand } from '../model/commands';
import type { CallCardError } from '../model/errors';
import type { CommandOutcome } from '../model/outcome';

/** How one command ended, before it is an outcome: its host call's settlement, or a skip. */
export type Ending =
  | { readonly ok: true; readonly value: unknown; readonly skipped?: true }
  | { readonly ok: false; readonly error: CallCardError };

/**
 * The outcome of one command, built as a fixed-shape literal per case (internal). Not frozen:
 * each outcome is a fresh object for the one sink that receives it, and the library never reads
 * it again.
 */
export function outcomeOf(
  command: CallCardCommand,
  ending: Ending,
  superseded: boolean,
): CommandOutcome {
  let outcome;
  if (!ending.ok)
    outcome = superseded
      ? { command, ok: false, error: ending.error, superseded: true }
      : { command, ok: false, error: ending.error };
  else if (ending.skipped)
    outcome = superseded
      ? { command, ok: true, result: undefined, skipped: true, superseded: true }
      : { command, ok: true, result: undefined, skipped: true };
  else
    outcome = superseded
      ? { command, ok: true, result: ending.value, superseded: true }
      : { command, ok: true, result: ending.value };
  return outcome as CommandOutcome;
}
