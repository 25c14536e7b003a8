import type { CallCardCommand } from '../model/commands';
import { reportError } from '../internal/report-error';
import type { AppliedTap, Session } from '../internal/session';

// Where the commands the host applied on one placement are announced (internal). The state lives
// in the placement's session, so a facade of one build learns what a sink of the other applied.

function deliver(session: Session, command: CallCardCommand): void {
  for (const listener of [...session.appliedListeners]) listener(command);
}

/**
 * Announces that the host applied `command`, sent to card `card`: the taps first, synchronously
 * (the sink's memory, the facades' state), so the next command and the command's own outcome
 * see what the host now holds; then the public listeners, in order under re-entrancy.
 */
export function publishApplied(session: Session, command: CallCardCommand, card: number): void {
  for (const tap of [...session.appliedTaps]) {
    try {
      tap(command, card);
    } catch (error) {
      reportError(error);
    }
  }
  if (session.appliedListeners.size > 0) session.appliedRunner.run(deliver, session, command);
}

/** Adds a tap (the library's own bookkeeping); returns its removal. */
export function tapApplied(session: Session, tap: AppliedTap): () => void {
  session.appliedTaps.add(tap);
  return () => {
    session.appliedTaps.delete(tap);
  };
}

/** Adds a public listener (`appliedCommands`); returns its removal. */
export function listenApplied(
  session: Session,
  listener: (command: CallCardCommand) => void,
): () => void {
  session.appliedListeners.add(listener);
  return () => {
    session.appliedListeners.delete(listener);
  };
}
