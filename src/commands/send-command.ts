import type { Observable, SchedulerLike, Subscriber } from 'rxjs';
import type { CallCardCommand, CallCardCommandResult } from '../model/commands';
import { checkPlacement } from '../placement/check-placement';
import type { PlacementPort } from '../placement/placement-port';
import { followCards } from '../session/event-hub';
import { refusal, startUpOf } from '../session/start-up';
import { whenStarted } from '../session/when-started';
import { checkCommandOptions } from './command-options';
import { transmit } from './transmit';
import { validateCommand } from './validate-command';

/**
 * Options of `sendCommand`: a longer `timeoutMs` for a slow host, a `TestScheduler` as
 * `scheduler` in specs.
 */
export interface SendCommandOptions {
  /**
   * How long the host has to answer, in ms: above 0 and at most 2^31 - 1, or `Infinity` to wait
   * for ever (default 10 000).
   */
  readonly timeoutMs?: number;
  /** Where the timeout is measured (default `asyncScheduler`; a `TestScheduler` in specs). */
  readonly scheduler?: SchedulerLike;
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
 * 9. One card, one truth: the command belongs to the card open when it is sent. Its
 *    acknowledgement changes that card's state only (a reply that arrives after the next
 *    `initialized` changes nothing of the next card), and an acknowledged `closeCard()` closes
 *    that card only.
 * 10. A reply that throws when read (a hostile port) errors with `errorCode` `'Malformed reply'`;
 *    nothing is thrown into the host's callback.
 * 11. To know which card a reply belongs to, it binds `initialized` and `closeButtonClick` on
 *    subscription (but for `getListUiStates()`, which needs no card); a placement whose
 *    `bindEvent` throws for them errors it with `CallCardUnavailableError`.
 * 12. On a deferred placement (`deferPlacement`) that is still starting, the command is sent
 *    when the placement is known, and `timeoutMs` counts from then; if the start fails, it errors
 *    with `CallCardUnavailableError` carrying the failure, and nothing is sent.
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
  const port = checkPlacement('sendCommand', placement);
  const checked = validateCommand(command, 'sendCommand');
  const { timeoutMs, scheduler } = checkCommandOptions('sendCommand', options, [
    'timeoutMs',
    'scheduler',
  ]);
  const startUp = startUpOf(port);

  return whenStarted(
    startUp,
    (session, subscriber: Subscriber<CallCardCommandResult<C>>) => {
      // Its reply is attributed to the card open when it is sent: the card must be followed.
      // (The state list needs no card.) A placement that cannot bind errors this Observable.
      if (checked.name !== 'CallCardGetListUiStates') followCards(session);
      return transmit(session, checked, timeoutMs, scheduler, (settlement) => {
        if (!settlement.ok) return subscriber.error(settlement.error);
        subscriber.next(settlement.value as CallCardCommandResult<C>);
        subscriber.complete();
      });
    },
    (_failure, subscriber) => subscriber.error(refusal(startUp, checked.name)),
  );
}
