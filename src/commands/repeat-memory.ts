import { CARD_UNDEFINED_ERROR_CODE } from '../model/commands';
import type { CallCardCommand, CallCardCommandName } from '../model/commands';
import { CallCardCommandError } from '../model/errors';
import type { CallCardError } from '../model/errors';
import { isOrderBarrier, repeatKey } from './setter-rules';

/**
 * What the host holds of the current card, as far as the queue knows (internal): the value it
 * last acknowledged per setter, to skip exact repeats. The queue clears it whenever the card
 * changes; it holds one card's values only.
 */
export interface RepeatMemory {
  /** Whether the host already holds exactly what `command` would set. */
  isRepeat(command: CallCardCommand): boolean;
  /** The host applied `command` on the current card. */
  learn(command: CallCardCommand): void;
  /** Command `name` failed: the host's value is unknown now (a timeout may still have landed). */
  forget(name: CallCardCommandName, error: CallCardError): void;
  clear(): void;
}

export function createRepeatMemory(): RepeatMemory {
  const held = new Map<CallCardCommandName, string>();
  return {
    isRepeat(command) {
      const key = repeatKey(command);
      return key !== undefined && held.get(command.name) === key;
    },
    learn(command) {
      // What may not be coalesced across this command (see `isOrderBarrier`) is not a repeat
      // across it either: after a close nothing is known; `connected` after a stop restarts
      // the timer.
      for (const name of held.keys()) if (isOrderBarrier(command.name, name)) held.delete(name);
      const key = repeatKey(command);
      if (key !== undefined) held.set(command.name, key);
      else held.delete(command.name);
    },
    forget(name, error) {
      if (error instanceof CallCardCommandError && error.errorCode === CARD_UNDEFINED_ERROR_CODE)
        held.clear();
      else held.delete(name);
    },
    clear() {
      held.clear();
    },
  };
}
