import { CARD_UNDEFINED_ERROR_CODE } from '../model/commands';
import type { CallCardCommand, CallCardCommandName } from '../model/commands';
import { CallCardCommandError } from '../model/errors';
import type { CallCardError } from '../model/errors';
import { repeatKey } from './setter-rules';

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
      switch (command.name) {
        case 'CallCardClose':
          held.clear();
          return;
        case 'CallCardStartTimer':
        case 'CallCardStopTimer':
          // `connected` after a stop restarts the timer: no longer a repeat.
          held.delete('CallCardSetUiState');
          return;
        default: {
          const key = repeatKey(command);
          if (key !== undefined) held.set(command.name, key);
          else held.delete(command.name);
        }
      }
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
