import type { CallCardCommand } from '../model/commands';
import { addListener, notify } from '../internal/listeners';
import type { AppliedTap, Session } from './session';

// Where the commands the host applied on one placement are announced (internal). The listeners
// live in the placement's session, so a facade of one build learns what a sink of the other
// applied.

function deliver(session: Session, command: CallCardCommand): void {
  notify(session.appliedListeners, command);
}

/**
 * Announces that the host applied `command`, sent to card `card`: the taps first, synchronously
 * (the queue's repeat memory, the live states), so the next command and the command's own outcome
 * see what the host now holds; then the public listeners, in order under re-entrancy.
 */
export function publishApplied(session: Session, command: CallCardCommand, card: number): void {
  notify(session.appliedTaps, command, card);
  if (session.appliedListeners.list.length > 0)
    session.appliedRunner.run(deliver, session, command);
}

/** Adds a tap (the library's own bookkeeping); returns its removal. */
export function tapApplied(session: Session, tap: AppliedTap): () => void {
  return addListener(session.appliedTaps, tap);
}

/** Adds a public listener (`appliedCommands`); returns its removal. */
export function listenApplied(
  session: Session,
  listener: (command: CallCardCommand) => void,
): () => void {
  return addListener(session.appliedListeners, listener);
}
