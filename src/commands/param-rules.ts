import type { CallCardCommandName } from '../model/commands';
import { CallCardInputError, describeThrow } from '../model/errors';
import { fullMessages } from '../model/full-messages';
import { isRecord } from '../model/is-record';
import { INTERNAL_UI_STATES, UI_STATES, isHostUiState } from '../model/ui-states';

/** One param of a command: its key, its test, and whether it may be left out. */
type ParamRule = readonly [key: string, test: (value: unknown) => boolean, optional?: true];

const isString = (value: unknown): boolean => typeof value === 'string';
const isBoolean = (value: unknown): boolean => typeof value === 'boolean';

/**
 * What a param checked by `test` should be, for the full messages. Built when a message needs
 * it (nothing runs when the module loads), and only there: a production build drops it.
 */
function expectedOf(test: ParamRule[1]): string {
  if (test === isString) return 'a string';
  if (test === isBoolean) return 'a boolean';
  return `one of the 12 UI states (${UI_STATES.join(', ')}) or an internal state (${INTERNAL_UI_STATES.join(', ')})`;
}

/** The params of the commands that take any (the others take none): keys and types. */
const PARAM_RULES: { readonly [N in CallCardCommandName]?: readonly ParamRule[] } = {
  CallCardSetCardTitle: [['title', isString]],
  CallCardSetStatusText: [['statusText', isString]],
  // `undefined` counts as absent: JSON drops it on the wire anyway.
  CallCardSetUiState: [
    ['uiState', isHostUiState],
    ['disableAutoStartTimer', isBoolean, true],
  ],
  CallCardSetMute: [['muted', isBoolean]],
  CallCardSetHold: [['held', isBoolean]],
};

const NO_PARAMS: readonly ParamRule[] = [];

function describeKeys(rules: readonly ParamRule[]): string {
  return rules.length === 0 ? 'no keys' : `only the keys ${rules.map((r) => r[0]).join(', ')}`;
}

/**
 * Checks the params of command `name`: a plain object of the command's own keys, with no
 * `undefined` value (`undefined` means absent). Returns it frozen; throws `CallCardInputError`
 * for a missing or mistyped param.
 */
export function checkCreatorParams(
  name: CallCardCommandName,
  params: Record<string, unknown>,
): Readonly<Record<string, unknown>> {
  const rules = PARAM_RULES[name] ?? NO_PARAMS;
  for (let i = 0; i < rules.length; i++) {
    // Indexed, not destructured: destructuring an array runs the iterator protocol.
    const rule = rules[i] as ParamRule;
    const key = rule[0];
    const value = params[key];
    if (value === undefined ? !rule[2] : !rule[1](value) || !Object.hasOwn(params, key))
      throw new CallCardInputError(name, key, value, fullMessages() ? expectedOf(rule[1]) : '');
  }
  return Object.freeze(params);
}

/**
 * Checks the params of command `name` that the app made by hand, and returns a frozen copy of
 * what was checked, read once (data only: no getter, no non-enumerable key, no `undefined`
 * value), which is what the library sends and applies. Throws a `CallCardInputError` naming the
 * command, the field, the bad value and what was expected; also for params whose reading throws.
 */
export function checkCommandParams(
  name: CallCardCommandName,
  params: unknown,
): Readonly<Record<string, unknown>> {
  const rules = PARAM_RULES[name] ?? NO_PARAMS;
  if (!isRecord(params))
    throw new CallCardInputError(
      name,
      'params',
      params,
      fullMessages() ? `an object with ${describeKeys(rules)}` : '',
    );
  const copy: Record<string, unknown> = {};
  try {
    for (const key in params)
      if (Object.hasOwn(params, key) && !rules.some((rule) => rule[0] === key))
        throw new CallCardInputError(
          name,
          'params',
          params,
          fullMessages() ? `${describeKeys(rules)} (unknown key "${key}")` : '',
        );
    // Each value read once, into the copy, then checked there.
    for (let i = 0; i < rules.length; i++) {
      const key = (rules[i] as ParamRule)[0];
      const value = Object.hasOwn(params, key) ? params[key] : undefined;
      if (value !== undefined) copy[key] = value;
    }
  } catch (cause) {
    if (cause instanceof CallCardInputError) throw cause;
    throw new CallCardInputError(
      name,
      'params',
      '[unreadable value]',
      fullMessages()
        ? `a readable object with ${describeKeys(rules)} (reading it threw ${describeThrow(cause)})`
        : '',
    );
  }
  return checkCreatorParams(name, copy);
}
