import type { SchedulerLike, Subscription } from 'rxjs';
import {
  COMMAND_REPLIES,
  MALFORMED_REPLY_ERROR_CODE,
  TRANSPORT_ERROR_CODE,
} from '../model/commands';
import type { CallCardCommand } from '../model/commands';
import { CallCardCommandError, CallCardError, CallCardTimeoutError } from '../model/errors';
import { reportError } from '../internal/report-error';
import { publishApplied } from '../session/applied-channel';
import { closeCardByCommand } from '../session/event-hub';
import type { Session } from '../session/session';
import { isTraced, trace } from '../session/trace';
import { ACKNOWLEDGED, readCommandReply } from './read-command-reply';
import type { ReplyReading } from './read-command-reply';

/** How one host call ended: its result, or the error that says why not. */
export type Settlement =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: CallCardError };

/**
 * Sends one checked command (see `validateCommand`) to the host and calls `done` once with how it ended (internal): the
 * one host call path of `sendCommand` and of the serial sink. Returns its `stop`, which ends the
 * wait (`done` is then never called; a later acknowledgement is still published).
 *
 * 1. The command belongs to the card open when it is sent (the card tracker's): its acknowledgement
 *    is published for that card, and an acknowledged `CallCardClose` closes that card only.
 * 2. Host errors become `CallCardCommandError` with the host's `errorCode`; a reply that is not
 *    what the host documents, or that throws when read (a hostile port), `'Malformed reply'`; a
 *    transport failure (`onError`, or `call` throwing) `'Transport error'` (or the error itself
 *    when it is a `CallCardError`); no reply within `timeoutMs` `CallCardTimeoutError`.
 * 3. Only the first answer counts; later ones, and replies after the timeout, are ignored.
 * 4. The timeout is armed only when the host did not answer before `call` returned; the timer
 *    commands the host never answers succeed once sent.
 * 5. Nothing throws into the host's callback: a failure after the fact is reported
 *    (`reportError`).
 * 6. On an acknowledgement, in this order: `acknowledged()` (the sender learns its command is
 *    being acknowledged), the card closes (for `CallCardClose`), the command is published,
 *    `done` runs.
 * 7. The host takes a command after every event it raised before `call` returned: an event
 *    raised inside the call (a host that answers synchronously, a test fake), or still on its way
 *    to the listeners when the command was sent (an earlier event is being delivered), comes
 *    first. The command belongs to the card the host shows after those events, and an
 *    acknowledgement given inside the call waits until their listeners ran.
 */
export function transmit(
  session: Session,
  command: CallCardCommand,
  timeoutMs: number,
  scheduler: SchedulerLike,
  done: (settlement: Settlement) => void,
  acknowledged?: () => void,
): () => void {
  const { name, params } = command;
  const { tracker, dispatch } = session;
  const id = ++session.calls;
  /** The card the command belongs to: the one open when it was sent (see rule 7). */
  let card = tracker.number;
  /** The first reply, error or timeout decided the outcome; anything later is noise. */
  let settled = false;
  /** `done` still wants to hear of it (a stopped wait still publishes an acknowledgement). */
  let waiting = true;
  /** Whether `placement.call` is running: an answer now comes from inside it (rule 7). */
  let inCall = true;
  let timer: Subscription | undefined;

  const settle = (settlement: Settlement): void => {
    settled = true;
    timer?.unsubscribe();
    if (!waiting) return;
    waiting = false;
    done(settlement);
  };
  const acknowledge = (reading: Settlement): void => {
    acknowledged?.();
    // The card ends before anyone hears of the close, and the state is published before the
    // outcome: whoever reacts to either sees the card as it now is.
    if (name === 'CallCardClose') closeCardByCommand(session, card);
    publishApplied(session, command, card);
    settle(reading);
  };
  /** The events raised before the command was taken are delivered: its card is now known. */
  const follow = (): void => {
    card = tracker.number;
  };
  /** The host acknowledged the command (`answeredInCall`: inside `call`, see rule 7). */
  const succeed = (reading: Settlement, answeredInCall: boolean): void => {
    if (answeredInCall) {
      settled = true;
      // The events the host raised inside the call are still on their way (an earlier event is
      // being delivered): this acknowledgement follows them.
      if (dispatch.queued()) return dispatch.run(followThen, follow, () => acknowledge(reading));
      follow();
    }
    acknowledge(reading);
  };
  /** The command failed; an error the library raised itself (`raised`) is traced as such. */
  const fail = (error: CallCardError, raised: boolean): void => {
    if (raised && isTraced(session)) trace(session, { kind: 'failure', error, id });
    settle({ ok: false, error });
  };
  const onReply = (reply: unknown): void => {
    if (isTraced(session)) trace(session, { kind: 'reply', id, raw: reply });
    if (settled) return;
    let read: ReplyReading;
    try {
      read = readCommandReply(command, reply);
    } catch {
      read = {
        ok: false,
        error: new CallCardCommandError(name, MALFORMED_REPLY_ERROR_CODE, '[unreadable reply]'),
      };
    }
    try {
      if (read.ok) succeed(read, inCall);
      else fail(read.error, read.error.errorCode === MALFORMED_REPLY_ERROR_CODE);
    } catch (error) {
      reportError(error);
    }
  };
  const onError = (error: unknown): void => {
    if (isTraced(session)) trace(session, { kind: 'transportError', id, error });
    if (settled) return;
    try {
      let failure: CallCardError;
      if (error instanceof CallCardError) failure = error;
      else {
        failure = new CallCardCommandError(name, TRANSPORT_ERROR_CODE, error);
        failure.cause = error;
      }
      fail(failure, false);
    } catch (problem) {
      reportError(problem);
    }
  };

  if (isTraced(session)) trace(session, { kind: 'call', id, name, params, card });
  try {
    session.placement.call(name, params, onReply, onError);
  } catch (error) {
    onError(error);
  }
  inCall = false;
  // Rule 7: the events raised so far come before the command.
  if (dispatch.queued()) dispatch.run(followThen, follow, undefined);
  else follow();
  if (!settled) {
    // Taken as sent, as if the host had answered inside the call.
    if (COMMAND_REPLIES[name] === 'none') succeed(ACKNOWLEDGED, true);
    else if (timeoutMs !== Infinity)
      timer = scheduler.schedule(() => {
        if (!settled) fail(new CallCardTimeoutError(name, timeoutMs), true);
      }, timeoutMs);
  }
  return () => {
    waiting = false;
    // Nothing waits for the timeout any more; a late acknowledgement is still published.
    timer?.unsubscribe();
  };
}

/** Runs `first`, then `then` if given (a work of the session's dispatch runner). */
function followThen(first: () => void, then: (() => void) | undefined): void {
  first();
  then?.();
}
