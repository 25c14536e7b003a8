import type { SchedulerLike, Subscription } from 'rxjs';
import {
  COMMAND_REPLIES,
  MALFORMED_REPLY_ERROR_CODE,
  TRANSPORT_ERROR_CODE,
} from '../model/commands';
import type { CallCardCommand, CallCardCommandName } from '../model/commands';
import { CallCardCommandError, CallCardError, CallCardTimeoutError } from '../model/errors';
import { reportError } from '../internal/report-error';
import type { Session } from '../internal/session';
import type { PlacementPort } from '../placement/placement-port';
import { closeCardByCommand } from '../streams/event-hub';
import { publishApplied } from './applied-channel';
import { readCommandReply } from './read-command-reply';

/** How one host call ended: its result, or the error that says why not. */
export type Settlement =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: CallCardError };

/** A transport failure as a `CallCardError`, so every failure of a command has one base class. */
function toCommandError(command: CallCardCommandName, error: unknown): CallCardError {
  if (error instanceof CallCardError) return error;
  const wrapped = new CallCardCommandError(command, TRANSPORT_ERROR_CODE, error);
  wrapped.cause = error;
  return wrapped;
}

/**
 * Sends one checked command (see `validateCommand`) to the host and calls `done` once with how it ended (internal): the
 * one host call path of `sendCommand` and of the serial sink. Returns a function that stops
 * waiting (`done` is then never called; a later acknowledgement is still published).
 *
 * 1. The command belongs to the card open when it is sent (`session.card`): its acknowledgement
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
 */
export function transmit(
  session: Session,
  placement: PlacementPort,
  command: CallCardCommand,
  timeoutMs: number,
  scheduler: SchedulerLike,
  done: (settlement: Settlement) => void,
  acknowledged?: () => void,
): () => void {
  const name = command.name;
  const sentTo = session.card;
  // `settled`: the first reply, error or timeout decided the outcome; `waiting`: `done` still
  // wants to hear of it (a stopped wait still publishes an acknowledgement).
  let settled = false;
  let waiting = true;
  let timer: Subscription | undefined;

  const settle = (settlement: Settlement): void => {
    settled = true;
    timer?.unsubscribe();
    if (!waiting) return;
    waiting = false;
    done(settlement);
  };
  const succeed = (value: unknown): void => {
    acknowledged?.();
    // The card ends before anyone hears of the close, and the state is published before the
    // outcome: whoever reacts to either sees the card as it now is.
    if (name === 'CallCardClose') closeCardByCommand(session, sentTo);
    publishApplied(session, command, sentTo);
    settle({ ok: true, value });
  };
  const onReply = (reply: unknown): void => {
    if (settled) return;
    try {
      let read;
      try {
        read = readCommandReply(command, reply);
      } catch {
        read = {
          ok: false as const,
          error: new CallCardCommandError(name, MALFORMED_REPLY_ERROR_CODE, '[unreadable reply]'),
        };
      }
      if (read.ok) succeed(read.value);
      else settle(read);
    } catch (error) {
      reportError(error);
    }
  };
  const onError = (error: unknown): void => {
    if (settled) return;
    try {
      settle({ ok: false, error: toCommandError(name, error) });
    } catch (failure) {
      reportError(failure);
    }
  };

  try {
    placement.call(name, command.params, onReply, onError);
  } catch (error) {
    onError(error);
  }
  if (!settled) {
    if (COMMAND_REPLIES[name] === 'none') succeed(undefined);
    else if (timeoutMs !== Infinity)
      timer = scheduler.schedule(() => {
        if (!settled) settle({ ok: false, error: new CallCardTimeoutError(name, timeoutMs) });
      }, timeoutMs);
  }
  return () => {
    waiting = false;
    // Nothing waits for the timeout any more; a late acknowledgement is still published.
    timer?.unsubscribe();
    timer = undefined;
  };
}
