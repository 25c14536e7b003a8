import { asyncScheduler } from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import { CallCardInputError } from '../model/errors';
import { isRecord } from '../model/is-record';

/** The options of `sendCommand` and `applyCommands`, checked and with defaults filled in. */
export interface ResolvedCommandOptions {
  readonly timeoutMs: number;
  readonly scheduler: SchedulerLike;
  readonly waitForInitialized: boolean;
}

/** Default time the host has to answer a command. */
const DEFAULT_TIMEOUT_MS = 10_000;

type OptionKey = keyof ResolvedCommandOptions;

const EXPECTED: { readonly [K in OptionKey]: string } = {
  timeoutMs: 'a number of milliseconds greater than 0 (Infinity: no timeout)',
  scheduler: 'an rxjs SchedulerLike (with now() and schedule())',
  waitForInitialized: 'a boolean',
};

const isScheduler = (value: unknown): value is SchedulerLike =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Partial<SchedulerLike>).schedule === 'function' &&
  typeof (value as Partial<SchedulerLike>).now === 'function';

/**
 * Checks that `options`, given to `where`, is an object with no key but `allowed` (internal: the
 * facade checks its own options the same way). Throws `CallCardInputError` otherwise.
 */
export function checkOptionKeys(
  where: string,
  options: unknown,
  allowed: readonly string[],
): Readonly<Record<string, unknown>> {
  if (!isRecord(options))
    throw new CallCardInputError(where, 'options', options, `an object with ${allowed.join(', ')}`);
  for (const key of Object.keys(options))
    if (!allowed.includes(key))
      throw new CallCardInputError(
        where,
        'options',
        options,
        `only the options ${allowed.join(', ')} (unknown option "${key}")`,
      );
  return options;
}

/**
 * Checks the options object `where` (`'sendCommand'`, `'applyCommands'`) received, allowing only
 * `allowed` keys. Bad options are the app's mistake: a `CallCardInputError` is thrown at once.
 */
export function readCommandOptions(
  where: string,
  options: unknown,
  allowed: readonly OptionKey[],
): ResolvedCommandOptions {
  const resolved = {
    timeoutMs: DEFAULT_TIMEOUT_MS,
    scheduler: asyncScheduler as SchedulerLike,
    waitForInitialized: true,
  };
  if (options === undefined) return resolved;
  const { timeoutMs, scheduler, waitForInitialized } = checkOptionKeys(where, options, allowed);
  if (timeoutMs !== undefined) {
    if (typeof timeoutMs !== 'number' || Number.isNaN(timeoutMs) || timeoutMs <= 0)
      throw new CallCardInputError(where, 'options.timeoutMs', timeoutMs, EXPECTED.timeoutMs);
    resolved.timeoutMs = timeoutMs;
  }
  if (scheduler !== undefined) {
    if (!isScheduler(scheduler))
      throw new CallCardInputError(where, 'options.scheduler', scheduler, EXPECTED.scheduler);
    resolved.scheduler = scheduler;
  }
  if (waitForInitialized !== undefined) {
    if (typeof waitForInitialized !== 'boolean')
      throw new CallCardInputError(
        where,
        'options.waitForInitialized',
        waitForInitialized,
        EXPECTED.waitForInitialized,
      );
    resolved.waitForInitialized = waitForInitialized;
  }
  return resolved;
}
