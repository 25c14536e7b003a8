import { Observable, isObservable, map } from 'rxjs';
import type { OperatorFunction, SchedulerLike } from 'rxjs';
import { CallCardInputError } from '../model/errors';
import { fullMessages } from '../model/full-messages';
import type { DialpadKey } from '../model/events';
import { checkDuration, checkOptions, checkScheduler } from '../internal/check-arguments';

/**
 * Options of {@link dialpadDigits}: when a dialled string starts afresh (`resetOn`, `idleMs`) and
 * the scheduler `idleMs` is measured on.
 */
export interface DialpadDigitsOptions {
  /** Each value starts a fresh string (e.g. `initialized$`, or the hangup clicks). */
  readonly resetOn?: Observable<unknown>;
  /** A key that comes this many ms or more after the previous one starts a fresh string. */
  readonly idleMs?: number;
  /** Where time comes from, for `idleMs`. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/**
 * Accumulates dialpad keys (`dialpadButtonClick` payloads) into the dialled string, e.g. for an
 * IVR menu or a DTMF log.
 *
 * 1. Emits the accumulated string on each key, the key appended: `'1'`, `'12'`, `'12#'`.
 * 2. A value of `resetOn` empties the string; nothing is emitted for the reset itself.
 * 3. With `idleMs`, a key that comes `idleMs` or more after the previous key (by
 *    `scheduler.now()`) starts a fresh string. Nothing is scheduled: the gap is measured when the
 *    next key arrives.
 * 4. `resetOn` is subscribed before the source and unsubscribed with it; its errors pass through,
 *    its completion only ends the resets. Errors and completion of the source pass through.
 * 5. Each subscription keeps its own string.
 * 6. An `idleMs` that is not a number of ms above 0 and at most 2^31 - 1 throws
 *    `CallCardInputError` at once.
 *
 * ## Examples
 *
 * @example
 * ```ts
 * import { dialpadDigits } from 'b24-call-card-rx';
 *
 * card.events.dialpad$
 *   .pipe(dialpadDigits({ resetOn: card.events.initialized$, idleMs: 5000 }))
 *   .subscribe(console.log);
 * // keys 1, 2, # in quick succession, then 9 six seconds later
 * // Logs:
 * // 1
 * // 12
 * // 12#
 * // 9
 * ```
 *
 * @example
 * In marbles (`r` resets):
 * ```ts
 * // keys:    -1-2--3-4-|
 * // resetOn: -----r-----
 * // result:  -a-b--c-d-|   a '1', b '12', c '3', d '34'
 * ```
 *
 * @param options What resets the string, and after how long a pause.
 * @returns An operator from dialpad keys to the dialled string.
 */
export function dialpadDigits(
  options?: DialpadDigitsOptions,
): OperatorFunction<DialpadKey, string> {
  const given = checkOptions('dialpadDigits', options, ['resetOn', 'idleMs', 'scheduler']);
  const resetOn = given['resetOn'] as DialpadDigitsOptions['resetOn'];
  if (resetOn !== undefined && !isObservable(resetOn))
    throw new CallCardInputError(
      'dialpadDigits',
      'options.resetOn',
      resetOn,
      fullMessages() ? 'an Observable' : '',
    );
  // 0 when not given: no gap resets (a given idleMs is above 0).
  const idleMs = checkDuration('dialpadDigits', 'options.idleMs', given['idleMs'], 0);
  const scheduler = checkScheduler('dialpadDigits', given);

  return (source) =>
    new Observable<string>((subscriber) => {
      let digits = '';
      let lastKeyAt: number | undefined;
      subscriber.add(
        resetOn?.subscribe({
          next: () => {
            digits = '';
          },
          error: (error: unknown) => subscriber.error(error),
        }),
      );
      if (subscriber.closed) return;
      source
        .pipe(
          map((key) => {
            if (idleMs > 0) {
              const now = scheduler.now();
              if (lastKeyAt !== undefined && now - lastKeyAt >= idleMs) digits = '';
              lastKeyAt = now;
            }
            return (digits += key);
          }),
        )
        .subscribe(subscriber);
    });
}
