import { Observable } from 'rxjs';
import type { SchedulerLike, Subscription } from 'rxjs';
import { COMMAND_REPLIES, TRANSPORT_ERROR_CODE } from '../model/commands';
import type {
  CallCardCommand,
  CallCardCommandName,
  CallCardCommandResult,
} from '../model/commands';
import { CallCardCommandError, CallCardError, CallCardTimeoutError } from '../model/errors';
import type { PlacementPort } from '../placement/placement-port';
import { appliedChannel } from './applied-channel';
import { readCommandOptions } from './read-options';
import { readCommandReply } from './read-command-reply';
import { validateCommand } from './validate-command';

/** Options of `sendCommand`. */
export interface SendCommandOptions {
  /** How long the host has to answer, in ms (default 10 000; `Infinity`: wait for ever). */
  readonly timeoutMs?: number;
  /** Where the timeout is measured (default `asyncScheduler`; a `TestScheduler` in specs). */
  readonly scheduler?: SchedulerLike;
}

/** A transport failure as a `CallCardError`, so every failure of a command has one base class. */
function toCommandError(command: CallCardCommandName, error: unknown): CallCardError {
  if (error instanceof CallCardError) return error;
  const wrapped = new CallCardCommandError(command, TRANSPORT_ERROR_CODE, error);
  wrapped.cause = error;
  return wrapped;
}

/**
 * Sends one command to the host and emits its result: cold, one host call per subscription.
 * It bypasses the `applyCommands` queue (no ordering, coalescing or waiting for `initialized`);
 * use it for one-off calls such as `getListUiStates()`.
 *
 * 1. `command` is checked first: anything that is not a valid command (a hand-made object with
 *    an unknown name, a missing or mistyped param, an unknown param key), or bad `options`,
 *    throws `CallCardInputError` synchronously, before any host call.
 * 2. On success it emits exactly one value, then completes: the list of state names for
 *    `getListUiStates()` (`readonly string[]`), `undefined` for every other command, so
 *    `lastValueFrom(sendCommand(...))` resolves instead of rejecting with `EmptyError`.
 * 3. `CallCardStartTimer` and `CallCardStopTimer` get no reply from the host: they emit
 *    `undefined` and complete as soon as they are sent, with no timeout.
 * 4. A host error (`[{"result":"error","errorCode":"..."}]`, or the same as a bare object) errors
 *    with `CallCardCommandError` carrying `errorCode`. A list reply that is not a list of names
 *    errors with `errorCode` `'Malformed reply'`.
 * 5. No reply within `timeoutMs` (measured on `scheduler`) errors with `CallCardTimeoutError`; a
 *    reply after that is ignored entirely.
 * 6. A transport failure (the placement's `onError`, or `call` throwing) errors with the error
 *    itself when it is a `CallCardError`, otherwise with a `CallCardCommandError` whose
 *    `errorCode` is `'Transport error'` and whose `cause` is the original error.
 * 7. Only the first reply counts: a second one (the desktop client may answer twice) is ignored.
 * 8. Unsubscribing before the reply stops delivery; the host may still apply the command, and
 *    if it acknowledges it, it is published on `appliedCommands(placement)` as every
 *    acknowledged command is.
 *
 * @example
 * ```ts
 * import { firstValueFrom } from 'rxjs';
 * import { getListUiStates, sendCommand, setStatusText } from 'b24-call-card-rx';
 *
 * const states = await firstValueFrom(sendCommand(placement, getListUiStates()));
 * console.log(states.length); // Logs: 12
 *
 * sendCommand(placement, setStatusText('On hold'), { timeoutMs: 2000 }).subscribe({
 *   error: (e) => console.warn(e.message),
 *   // CallCardSetStatusText: the host answered with error "Call card is undefined"
 * });
 * ```
 */
export function sendCommand<C extends CallCardCommand>(
  placement: PlacementPort,
  command: C,
  options?: SendCommandOptions,
): Observable<CallCardCommandResult<C>> {
  const { hostParams } = validateCommand(command, 'sendCommand');
  const { timeoutMs, scheduler } = readCommandOptions('sendCommand', options, [
    'timeoutMs',
    'scheduler',
  ]);
  const channel = appliedChannel(placement);
  const name = command.name;
  const answers = COMMAND_REPLIES[name] !== 'none';

  return new Observable<CallCardCommandResult<C>>((subscriber) => {
    // `settled`: the first reply, error or timeout decided the outcome; anything later is noise.
    let settled = false;
    let timer: Subscription | undefined;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      timer?.unsubscribe();
      return true;
    };
    const succeed = (value: CallCardCommandResult): void => {
      // Publish before emitting: a subscriber reacting to the result sees the state it implies.
      channel.publish(command);
      subscriber.next(value as CallCardCommandResult<C>);
      subscriber.complete();
    };
    const onReply = (reply: unknown): void => {
      if (!settle()) return;
      const read = readCommandReply(command, reply);
      if (read.ok) succeed(read.value);
      else subscriber.error(read.error);
    };
    const onError = (error: unknown): void => {
      if (settle()) subscriber.error(toCommandError(name, error));
    };

    if (answers && timeoutMs !== Infinity)
      timer = scheduler.schedule(() => {
        if (settle()) subscriber.error(new CallCardTimeoutError(name, timeoutMs));
      }, timeoutMs);
    try {
      placement.call(name, hostParams, onReply, onError);
    } catch (error) {
      onError(error);
    }
    if (!answers && settle()) succeed(undefined);

    // Not `settled`: a later acknowledgement must still reach appliedCommands.
    return () => timer?.unsubscribe();
  });
}
