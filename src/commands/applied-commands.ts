import type { Observable, Subscriber } from 'rxjs';
import type { CallCardCommand } from '../model/commands';
import { checkPlacement } from '../placement/check-placement';
import type { PlacementPort } from '../placement/placement-port';
import { listenApplied } from '../session/applied-channel';
import { startUpOf } from '../session/start-up';
import { whenStarted } from '../session/when-started';

/**
 * Every command the host applied on `placement`, in host order: hot, shared by all subscribers,
 * nothing replayed, never completes. Use it to follow what reached the card, whoever sent it
 * (another sink, another component), e.g. for a log of what the user saw.
 *
 * The state operators reduce over these, because most commands change the card silently (no
 * event follows `CallCardSetMute`, `CallCardSetHold`, ...). Rules:
 *
 * 1. A command is published when the host acknowledges it, before its outcome is emitted; a
 *    command the host never answers (`CallCardStartTimer`, `CallCardStopTimer`) is published as
 *    soon as it is sent.
 * 2. Commands sent by `applyCommands` and by `sendCommand` are both published.
 * 3. Failed, timed-out, skipped and superseded commands are not: the host did not apply them. A
 *    reply that arrives after its timeout is ignored here too, since later commands may already
 *    have landed.
 * 4. A reply that arrives after the sender unsubscribed is still published: the host applied it.
 *
 * @example
 * ```ts
 * import { appliedCommands } from 'b24-call-card-rx';
 * appliedCommands(placement).subscribe((command) => console.log(command.name, command.params));
 * // Logs: CallCardSetMute { muted: true }
 * ```
 */
export function appliedCommands(placement: PlacementPort): Observable<CallCardCommand> {
  const startUp = startUpOf(checkPlacement('appliedCommands', placement));
  return whenStarted(startUp, (session, subscriber: Subscriber<CallCardCommand>) =>
    listenApplied(session, (command) => subscriber.next(command)),
  );
}
