import { Observable } from 'rxjs';
import type { OperatorFunction, SchedulerLike } from 'rxjs';
import type { CallCardCommand } from '../model/commands';
import { CallCardInputError } from '../model/errors';
import { fullMessages } from '../model/full-messages';
import type { CommandOutcome } from '../model/outcome';
import { checkPlacement } from '../placement/check-placement';
import type { PlacementPort } from '../placement/placement-port';
import type { CommandOptions, QueueSink, StartUp } from '../session/session';
import { startUpOf } from '../session/start-up';
import { checkCommandOptions } from './command-options';
import { outcomeOf } from './outcome-of';
import { commandQueue } from './command-queue';
import { validateCommand } from './validate-command';

/**
 * Options of `applyCommands`: the reply timeout and its scheduler (a `TestScheduler` in specs),
 * and `waitForInitialized: false` for a frame that may load after the card was raised.
 */
export interface ApplyCommandsOptions {
  /**
   * How long the host has to answer each command, in ms: above 0 and at most 2^31 - 1, or
   * `Infinity` for no limit (default 10 000).
   */
  readonly timeoutMs?: number;
  /** Where timeouts are measured (default `asyncScheduler`; a `TestScheduler` in specs). */
  readonly scheduler?: SchedulerLike;
  /**
   * Hold the first host call until the card is `initialized` (default `true`). Turn it off when
   * the card may have been raised before this frame bound `initialized`: until the first
   * `initialized` or Close click is seen, commands are then sent at once. Order still wins: a
   * command of a sink that does not wait queues behind a waiting command of another sink.
   */
  readonly waitForInitialized?: boolean;
}

/**
 * The command sink: applies the commands the app emits to the host of `placement`, one at a
 * time, and emits one `CommandOutcome` per command. It never dies: a failed command is an outcome
 * with `ok: false`, and the next command still runs. Pipe your call logic's commands into it to
 * drive the card without the facade; `card.apply` goes through it.
 *
 * 1. Order. Every sink on a placement shares one serial queue, so commands reach the host in the
 *    order they were emitted, across sinks; each sink receives the outcomes of its own commands.
 * 2. Coalescing. While a command is in flight (or waiting for `initialized`), a setter (title,
 *    status text, UI state, mute, hold) replaces the newest queued setter of the same name,
 *    whichever sink queued it, and takes its place at the tail. The replaced command's outcome
 *    mirrors the newer one's, with `superseded: true`, and arrives with it. A 1,000-step status
 *    text burst against a slow host costs a couple of host calls and the last text lands.
 *    Replacing never changes what the host ends up with:
 *    - a queued `closeCard()` stops it for every setter (the older value belongs to the old card);
 *    - for UI states, a queued `startTimer()`/`stopTimer()` stops it, and so does a queued state
 *      with a different timer effect, unless the newer state resets the timer anyway
 *      (`incoming` then `connected` both go: `connected` alone would keep a running timer's old
 *      start instead of restarting it).
 * 3. Skipping. A title, status text or UI state equal to the value the host last acknowledged is
 *    not sent (`ok: true, skipped: true`). Never skipped: `connected` with
 *    `disableAutoStartTimer: true` (the timer reset), a UI state after a timer command, mute and
 *    hold (the user's clicks flip those on the host unseen). The memory belongs to one card: it
 *    starts empty on every `initialized` and after the card closes, and forgets a command's
 *    value when it fails.
 * 4. One card, one truth. Every command belongs to one card: queued while a card is open, to
 *    that card; queued while none is open, to the next card (that is what waiting for
 *    `initialized` means). A card ends with its Close click, with an acknowledged `closeCard()`,
 *    or with the next `initialized`; its commands not yet sent then fail at once with
 *    `CallCardUnavailableError` naming the command and why, and are never sent to another
 *    card. A reply belongs to the card the command was sent to: it changes that card's state,
 *    its repeat memory and its closed flag, and nothing of a later card. The first host call of
 *    a card waits for its `initialized` (unless `waitForInitialized: false` and no `initialized`
 *    was ever seen), and the commands behind it wait in order; `getListUiStates()` belongs to no
 *    card and never waits. Waiting has no timeout; `timeoutMs` counts from the host call. On a
 *    deferred placement (`deferPlacement`) still starting, commands wait in order until the
 *    placement is known, then join the one queue of that placement (shared with every other
 *    sink and facade that reaches it, directly or through another wrapper); if the start fails,
 *    each fails with `CallCardUnavailableError` carrying the failure, and nothing is sent.
 * 5. Replies. Host errors become `CallCardCommandError` (with `errorCode`), silence
 *    `CallCardTimeoutError`; the timer commands the host never answers succeed once sent. Every
 *    applied command is published on `appliedCommands(placement)` before its outcome is emitted.
 * 6. Bad input. A value that is not a valid command (also one whose reading throws) yields an
 *    immediate outcome `{ ok: false, error: CallCardInputError }` and never reaches the queue. A
 *    hand-made command is checked into a frozen copy, which is what is sent and applied: an app
 *    that changes its object afterwards changes nothing. Outcomes are fresh objects for this
 *    sink's subscriber (not frozen); the commands they carry are the app's own.
 *    Bad `options` or `placement` throw `CallCardInputError` when `applyCommands` is called.
 * 7. No artificial asynchrony: with a host that answers synchronously, the outcome is emitted and
 *    the next command sent synchronously.
 * 8. End. When the source completes, the outcomes complete after the sink's queued and in-flight
 *    commands have yielded theirs. When the source errors, the same happens, then the error is
 *    forwarded: no accepted command loses its outcome, and the error is not hidden.
 * 9. Unsubscribing cancels the sink's queued, unsent commands. A command already sent runs to its
 *    end, and if the host acknowledges it, it is still published on `appliedCommands`.
 *
 * @example
 * ```ts
 * import { Subject, map } from 'rxjs';
 * import { applyCommands, callCardEvents, setStatusText, setUiState } from 'b24-call-card-rx';
 *
 * const events = callCardEvents(placement);
 * const sipStatus$ = new Subject<string>(); // your softphone's status
 * events.answer$
 *   .pipe(
 *     map(() => setUiState('connected')),
 *     applyCommands(placement, { timeoutMs: 5000 }),
 *   )
 *   .subscribe((outcome) => {
 *     if (!outcome.ok) console.warn(outcome.error.message);
 *   });
 *
 * // Many sinks share one queue: order is kept across them.
 * sipStatus$.pipe(map(setStatusText), applyCommands(placement)).subscribe();
 * ```
 *
 * @example
 * One card, one truth, in marbles: the host answers 5 frames late; `i` is a new card, `x` the
 * user's Close click; `a` and `b` are queued for the first card, `d` for the second.
 * ```ts
 * // host:      i---xi--------
 * // commands:  -ab----d------
 * // sent:      -a-----d------   b never reaches the host
 * // outcomes:  ----B-A-----D-   B: CallCardUnavailableError when x ends the first card;
 * //                             A: ok, its late reply changes the first card only
 * ```
 */
export function applyCommands(
  placement: PlacementPort,
  options?: ApplyCommandsOptions,
): OperatorFunction<CallCardCommand, CommandOutcome> {
  const port = checkPlacement('applyCommands', placement);
  const resolved = checkCommandOptions('applyCommands', options, [
    'timeoutMs',
    'scheduler',
    'waitForInitialized',
  ]);
  const startUp = startUpOf(port);
  // Made now: the queue binds the card's events, and a placement that cannot throws here.
  commandQueue(startUp);
  return commandSink(startUp, resolved, 'applyCommands');
}

/**
 * The sink over a session with options already checked (internal): `applyCommands` and the
 * facade's `apply` are this. `where` names the API in the errors of bad commands.
 */
export function commandSink(
  startUp: StartUp,
  options: CommandOptions,
  where: string,
): OperatorFunction<CallCardCommand, CommandOutcome> {
  return (source) =>
    new Observable<CommandOutcome>((subscriber) => {
      const queue = commandQueue(startUp);
      let pending = 0;
      let end: { readonly failed: false } | { readonly failed: true; readonly error: unknown };
      let active = true;

      const finishIfDone = (): void => {
        if (!active || end === undefined || pending > 0) return;
        active = false;
        if (end.failed) subscriber.error(end.error);
        else subscriber.complete();
      };
      const sink: QueueSink = {
        options,
        isActive: () => active,
        receive: (outcome) => {
          pending -= 1;
          subscriber.next(outcome);
          finishIfDone();
        },
      };
      subscriber.add(() => {
        active = false;
        queue.cancel(sink);
      });

      subscriber.add(
        source.subscribe({
          next: (value) => {
            // A synchronous source may keep emitting after the subscriber closed.
            if (!active) return;
            let checked;
            try {
              checked = validateCommand(value, where);
            } catch (error) {
              // Not a valid command: its outcome comes at once, and it never reaches the queue.
              const refusal =
                error instanceof CallCardInputError
                  ? error
                  : new CallCardInputError(
                      where,
                      'command',
                      value,
                      fullMessages() ? 'a command' : '',
                    );
              subscriber.next(outcomeOf(value, { ok: false, error: refusal }, false));
              return;
            }
            pending += 1;
            queue.enqueue(sink, value, checked);
          },
          error: (error: unknown) => {
            end = { failed: true, error };
            finishIfDone();
          },
          complete: () => {
            end = { failed: false };
            finishIfDone();
          },
        }),
      );
    });
}
