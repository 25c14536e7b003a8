import type { SchedulerLike, Subscription } from 'rxjs';
import {
  COMMAND_REPLIES,
  MALFORMED_REPLY_ERROR_CODE,
  TRANSPORT_ERROR_CODE,
} from '../model/commands';
import type { CallCardCommand, CallCardCommandName } from '../model/commands';
import { CallCardCommandError, CallCardError, CallCardTimeoutError } from '../model/errors';
import { reportError } from '../internal/report-error';
import { publishApplied } from '../session/applied-channel';
import { closeCardByCommand } from '../session/event-hub';
import type { Session } from '../session/session';
import { isTraced, trace } from '../session/trace';
import { readCommandReply } from './read-command-reply';
import type { ReplyReading } from './read-command-reply';

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
 * one host call path of `sendCommand` and of the serial sink. Returns the transmission, whose
 * `stop()` ends the wait (`done` is then never called; a later acknowledgement is still
 * published).
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
): Transmission {
  const t = new Transmission(session, command, done, acknowledged);
  const name = command.name;
  if (isTraced(session))
    trace(session, { kind: 'call', id: t.id, name, params: command.params, card: t.sentTo });
  t.inCall = true;
  try {
    session.placement.call(name, command.params, t.onReply, t.onError);
  } catch (error) {
    t.onError(error);
  }
  t.inCall = false;
  // Rule 7: the events raised so far come before the command.
  if (session.dispatch.queued()) session.dispatch.run(followCard, t, undefined);
  else t.sentTo = session.tracker.number;
  if (!t.settled) {
    // Taken as sent, as if the host had answered inside the call.
    if (COMMAND_REPLIES[name] === 'none') t.succeed(undefined, true);
    else if (timeoutMs !== Infinity)
      t.timer = scheduler.schedule(() => {
        if (t.settled) return;
        const error = new CallCardTimeoutError(name, timeoutMs);
        if (isTraced(session)) trace(session, { kind: 'failure', error, id: t.id });
        t.settle({ ok: false, error });
      }, timeoutMs);
  }
  return t;
}

/** One host call in progress (see `transmit`): two callbacks for the port, and its state. */
export class Transmission {
  /** The first reply, error or timeout decided the outcome; anything later is noise. */
  settled = false;
  /** `done` still wants to hear of it (a stopped wait still publishes an acknowledgement). */
  waiting = true;
  timer: Subscription | undefined = undefined;
  /** The card the command belongs to: the one open when it was sent (see rule 7). */
  sentTo: number;
  /** Whether `placement.call` is running: an answer now comes from inside it (rule 7). */
  inCall = false;
  /** Its number among the session's host calls (for tracers). */
  readonly id: number;

  constructor(
    readonly session: Session,
    readonly command: CallCardCommand,
    readonly done: (settlement: Settlement) => void,
    readonly acknowledged: (() => void) | undefined,
  ) {
    this.sentTo = session.tracker.number;
    this.id = ++session.calls;
  }

  readonly onReply = (reply: unknown): void => {
    if (isTraced(this.session)) trace(this.session, { kind: 'reply', id: this.id, raw: reply });
    if (this.settled) return;
    try {
      let read: ReplyReading;
      try {
        read = readCommandReply(this.command, reply);
      } catch {
        const error = new CallCardCommandError(
          this.command.name,
          MALFORMED_REPLY_ERROR_CODE,
          '[unreadable reply]',
        );
        read = { ok: false, error };
      }
      if (!read.ok && read.error.errorCode === MALFORMED_REPLY_ERROR_CODE && isTraced(this.session))
        trace(this.session, { kind: 'failure', error: read.error, id: this.id });
      if (read.ok) this.succeed(read.value, this.inCall);
      else this.settle(read);
    } catch (error) {
      reportError(error);
    }
  };

  readonly onError = (error: unknown): void => {
    if (isTraced(this.session)) trace(this.session, { kind: 'transportError', id: this.id, error });
    if (this.settled) return;
    try {
      this.settle({ ok: false, error: toCommandError(this.command.name, error) });
    } catch (failure) {
      reportError(failure);
    }
  };

  /** The host acknowledged the command (`inCall`: inside `call`, see rule 7). */
  succeed(value: unknown, inCall: boolean): void {
    const tracker = this.session.tracker;
    if (inCall) {
      if (this.session.dispatch.queued()) {
        // The events the host raised inside the call are still on their way (an earlier event
        // is being delivered): this acknowledgement follows them.
        this.settled = true;
        this.session.dispatch.run(acknowledgeLater, this, value);
        return;
      }
      this.sentTo = tracker.number;
    }
    this.acknowledge(value);
  }

  acknowledge(value: unknown): void {
    this.acknowledged?.();
    // The card ends before anyone hears of the close, and the state is published before the
    // outcome: whoever reacts to either sees the card as it now is.
    if (this.command.name === 'CallCardClose') closeCardByCommand(this.session, this.sentTo);
    publishApplied(this.session, this.command, this.sentTo);
    this.settle(value === undefined ? SUCCEEDED : { ok: true, value });
  }

  settle(settlement: Settlement): void {
    this.settled = true;
    this.timer?.unsubscribe();
    if (!this.waiting) return;
    this.waiting = false;
    this.done(settlement);
  }

  /** Stops waiting: `done` is not called any more; a later acknowledgement is still published. */
  stop(): void {
    this.waiting = false;
    // Nothing waits for the timeout any more; a late acknowledgement is still published.
    this.timer?.unsubscribe();
    this.timer = undefined;
  }
}

/** The events raised before the command was taken are delivered: its card is now known. */
function followCard(t: Transmission): void {
  t.sentTo = t.session.tracker.number;
}

/** An acknowledgement that waited for the events raised before it (rule 7). */
function acknowledgeLater(t: Transmission, value: unknown): void {
  t.sentTo = t.session.tracker.number;
  t.acknowledge(value);
}

/** The settlement of every command acknowledged without a value: one object for all. */
const SUCCEEDED: Settlement = /* @__PURE__ */ Object.freeze({ ok: true, value: undefined });
