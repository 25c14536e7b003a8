import type { CallCardCommandMap, CallCardCommandName, CallCardCommand } from './commands';
import type { CallCardError } from './errors';

/**
 * What became of one command given to `applyCommands`: a fresh object for the sink's subscriber.
 * Narrow on `ok`. `result` is the list of
 * state names for `CallCardGetListUiStates` and `undefined` for every other command;
 * `CommandOutcome<'CallCardGetListUiStates'>` is the outcome of that one command. Subscribe to
 * outcomes to log failures or react to them: the sink itself never errors.
 *
 * - `ok: true`: the host acknowledged it (or it was sent, for the timer commands the host never
 *   answers). `skipped: true`: not sent, because the host already holds that exact value.
 * - `ok: false`: `error` says why: `CallCardCommandError` (the host's `errorCode`),
 *   `CallCardTimeoutError`, `CallCardUnavailableError` (the command's card ended before it was
 *   sent: closed, or replaced by the next card; the facade was disposed; a deferred placement
 *   failed to start), `CallCardInputError` (not a valid command).
 * - `superseded: true`: a newer setter of the same name replaced this one before it was sent;
 *   the outcome mirrors that newer command's (ok when the newer value landed).
 *
 * @example
 * ```ts
 * import { of } from 'rxjs';
 * import { applyCommands, setStatusText, type CommandOutcome } from 'b24-call-card-rx';
 * const report = (outcome: CommandOutcome): void => {
 *   if (outcome.ok) console.log(outcome.command.name, outcome.skipped ? 'already set' : 'applied');
 *   else console.warn(outcome.error.message);
 * };
 * of(setStatusText('Ringing...')).pipe(applyCommands(placement)).subscribe(report);
 * // Logs (once the card is initialized): CallCardSetStatusText applied
 * ```
 */
export type CommandOutcome<N extends CallCardCommandName = CallCardCommandName> = {
  [K in N]:
    | {
        readonly command: CallCardCommand<K>;
        readonly ok: true;
        readonly result: CallCardCommandMap[K]['result'];
        readonly skipped?: true;
        readonly superseded?: true;
      }
    | {
        readonly command: CallCardCommand<K>;
        readonly ok: false;
        readonly error: CallCardError;
        readonly superseded?: true;
      };
}[N];
