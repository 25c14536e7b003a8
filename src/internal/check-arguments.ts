import { asyncScheduler } from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import { CallCardInputError, describeThrow } from '../model/errors';
import type { CallCardEventType } from '../model/events';
import { CALL_CARD_EVENT_TYPES, isCallCardEventType } from '../model/events';
import { fullMessages } from '../model/full-messages';
import { isRecord } from '../model/is-record';

// The checks of what users hand the library (options, schedulers, durations): one
// copy each, every public function uses them. Each throws a `CallCardInputError` that names the
// function (`where`), the argument, the bad value and what was expected; each returns the value
// it checked, narrowed. The texts of what was expected are built only for full messages: a
// production build of the app drops them.

/** The longest delay a timer of the platform can wait: longer ones fire after 1 ms. */
const MAX_DELAY_MS = 2147483647; // 2 ** 31 - 1, written out: an expression would stay in bundles

/**
 * Checks that `options` is an object with no key but `allowed`, and returns it. `undefined` is
 * an empty object.
 */
export function checkOptions(
  where: string,
  options: unknown,
  allowed: readonly string[],
): Readonly<Record<string, unknown>> {
  if (options === undefined) return {};
  // Read once, into a plain object: a getter or Proxy that throws is bad input, not a TypeError.
  const copy: Record<string, unknown> = {};
  let unknownKey: string | undefined;
  if (isRecord(options)) {
    try {
      for (const key of Object.keys(options)) {
        if (allowed.includes(key)) copy[key] = options[key];
        else unknownKey ??= key;
      }
    } catch (cause) {
      throw new CallCardInputError(
        where,
        'options',
        '[unreadable value]',
        fullMessages() ? `a readable object (${describeThrow(cause)})` : '',
      );
    }
    if (unknownKey === undefined) return copy;
  }
  throw new CallCardInputError(
    where,
    'options',
    options,
    fullMessages()
      ? unknownKey === undefined
        ? `an object with ${allowed.join(', ')}`
        : `only the option${allowed.length > 1 ? 's' : ''} ${allowed.join(', ')} (unknown option "${unknownKey}")`
      : '',
  );
}

/**
 * Checks `options.scheduler`, an rxjs `SchedulerLike` (`now()` and `schedule()`); none gives
 * `asyncScheduler`.
 */
export function checkScheduler(
  where: string,
  options: Readonly<Record<string, unknown>>,
): SchedulerLike {
  const value = options['scheduler'];
  if (value === undefined) return asyncScheduler;
  if (
    typeof value !== 'object' ||
    typeof (value as Partial<SchedulerLike> | null)?.now !== 'function' ||
    typeof (value as Partial<SchedulerLike>).schedule !== 'function'
  )
    throw new CallCardInputError(
      where,
      'options.scheduler',
      value,
      fullMessages() ? 'an rxjs SchedulerLike (with now() and schedule())' : '',
    );
  return value as SchedulerLike;
}

/**
 * Checks a duration in ms that a timer will wait: more than 0 and at most `MAX_DELAY_MS` (longer
 * ones would fire at once), a whole number when `whole`, or `Infinity` when `infinite` allows it.
 * `undefined` gives `fallback`.
 */
export function checkDuration(
  where: string,
  field: string,
  value: unknown,
  fallback: number,
  rules: { readonly whole?: boolean; readonly infinite?: boolean } = {},
): number {
  if (value === undefined) return fallback;
  if (value === Infinity && rules.infinite) return value;
  if (
    typeof value !== 'number' ||
    !(value > 0 && value <= MAX_DELAY_MS) ||
    (rules.whole === true && !Number.isInteger(value))
  )
    throw new CallCardInputError(
      where,
      field,
      value,
      fullMessages()
        ? (rules.whole
            ? `a whole number of ms from 1 to ${MAX_DELAY_MS}`
            : `a number of ms above 0 and at most ${MAX_DELAY_MS}`) +
            (rules.infinite ? ', or Infinity (no limit)' : '')
        : '',
    );
  return value;
}

/** Checks a boolean option; `undefined` gives `fallback`. */
export function checkBoolean(
  where: string,
  field: string,
  value: unknown,
  fallback: boolean,
): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean')
    throw new CallCardInputError(where, field, value, fullMessages() ? 'a boolean' : '');
  return value;
}

/**
 * Checks an event type a user passed (JavaScript callers, `as` casts): a typo must fail loudly at
 * the call, not bind a host event that never fires.
 */
export function checkEventType(where: string, type: unknown): CallCardEventType {
  if (!isCallCardEventType(type))
    throw new CallCardInputError(
      where,
      'type',
      type,
      fullMessages()
        ? `one of the 17 call-card event types (${CALL_CARD_EVENT_TYPES.join(', ')})`
        : '',
    );
  return type;
}
