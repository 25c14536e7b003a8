import type { CallCardCommand } from '../model/commands';
import { addListener, notify } from '../internal/listeners';
import { reportError } from '../internal/report-error';
import type { AppliedTap, Session } from '../internal/session';

// Where the commands the host applied on one placement are announced (internal). The state lives
// in the placement's session, so a facade of one build learns what a sink of the other applied.

function deliver(session: Session, command: CallCardCommand): void {
  notify(session.appliedListeners, command);
}

/**
 * Announces that the host applied `command`, sent to card `card`: the taps first, synchronously
 * (the sink's memory, the facades' state), so the next command and the command's own outcome
 * see what the host now holds; then the public listeners, in order under re-entrancy.
 */
export function publishApplied(session: Session, command: CallCardCommand, card: number): void {
  const taps = session.appliedTaps.list;
  for (let i = 0; i < taps.length; i++) {
    try {
      (taps[i] as AppliedTap)(command, card);
    } catch (error) {
      reportError(error);
    }
  }
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
