import type { SchedulerLike } from 'rxjs';
import {
  checkBoolean,
  checkDuration,
  checkOptions,
  checkScheduler,
} from '../internal/check-arguments';

import type { CommandOptions } from '../session/session';

/** Default time the host has to answer a command. */
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Checks the options `where` received (once, when the sink or send is made), allowing only
 * `allowed` keys. Bad options are the app's mistake: `CallCardInputError` at once.
 */
export function checkCommandOptions(
  where: string,
  options: unknown,
  allowed: readonly (keyof CommandOptions)[],
): CommandOptions {
  return commandOptionsOf(where, checkOptions(where, options, allowed));
}

/**
 * The command options among options `where` has already read and checked for unknown keys
 * (`checkOptions`): the facade's, which also carry its own keys, and whose `scheduler`, checked
 * before everything else, it passes in.
 */
export function commandOptionsOf(
  where: string,
  given: Readonly<Record<string, unknown>>,
  scheduler?: SchedulerLike,
): CommandOptions {
  return {
    timeoutMs: checkDuration(where, 'options.timeoutMs', given['timeoutMs'], DEFAULT_TIMEOUT_MS, {
      infinite: true,
    }),
    scheduler: scheduler ?? checkScheduler(where, given),
    waitForInitialized: checkBoolean(
      where,
      'options.waitForInitialized',
      given['waitForInitialized'],
      true,
    ),
  };
}
