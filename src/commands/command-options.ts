import { asyncScheduler } from 'rxjs';
import {
  checkBoolean,
  checkDuration,
  checkOptions,
  checkScheduler,
} from '../internal/check-arguments';

import type { CommandOptions } from '../session/session';

/** Default time the host has to answer a command. */
const DEFAULT_TIMEOUT_MS = 10_000;

/** The defaults, shared by every sink that passes no options. */
const DEFAULT_COMMAND_OPTIONS: CommandOptions = /* @__PURE__ */ Object.freeze({
  timeoutMs: DEFAULT_TIMEOUT_MS,
  scheduler: asyncScheduler,
  waitForInitialized: true,
});

/**
 * Checks the options `where` received (once, when the sink or send is made), allowing only
 * `allowed` keys. Bad options are the app's mistake: `CallCardInputError` at once.
 */
export function checkCommandOptions(
  where: string,
  options: unknown,
  allowed: readonly (keyof CommandOptions)[],
): CommandOptions {
  if (options === undefined) return DEFAULT_COMMAND_OPTIONS;
  const given = checkOptions(where, options, allowed);
  return {
    timeoutMs: checkDuration(where, 'options.timeoutMs', given['timeoutMs'], DEFAULT_TIMEOUT_MS, {
      infinite: true,
    }),
    scheduler: checkScheduler(where, given),
    waitForInitialized: checkBoolean(
      where,
      'options.waitForInitialized',
      given['waitForInitialized'],
      true,
    ),
  };
}
