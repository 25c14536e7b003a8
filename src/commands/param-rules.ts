import type { CallCardCommandName } from '../model/commands';
import { CallCardInputError, describeThrow } from '../model/errors';
import { fullMessages } from '../model/full-messages';
import { isRecord } from '../model/is-record';
import { INTERNAL_UI_STATES, UI_STATES, isHostUiState } from '../model/ui-states';

/** One param of a command: its key, whether it is required, and its test. */
type ParamRule = readonly [key: string, required: boolean, test: (value: unknown) => boolean];

const isString = (value: unknown): boolean => typeof value === 'string';
const isBoolean = (value: unknown): boolean => typeof value === 'boolean';

/**
 * What a param checked by `test` should be, for the full messages. Built when a message needs
 * it (nothing runs when the module loads), and only there: a production build drops it.
 */
function expectedOf(test: ParamRule[2]): string {
  if (test === isString) return 'a string';
  if (test === isBoolean) return 'a boolean';
  return `one of the 12 UI states (${UI_STATES.join(', ')}) or an internal state (${INTERNAL_UI_STATES.join(', ')})`;
}

/** The params every command takes: its keys, which are required, and the type of each. */
const PARAM_RULES: { readonly [N in CallCardCommandName]: readonly ParamRule[] } = {
  CallCardSetCardTitle: [['title', true, isString]],
  CallCardSetStatusText: [['statusText', true, isString]],
  CallCardSetUiState: [
    ['uiState', true, isHostUiState],
    // `undefined` counts as absent: JSON drops it on the wire anyway.
    ['disableAutoStartTimer', false, isBoolean],
  ],
  CallCardGetListUiStates: [],
  CallCardSetMute: [['muted', true, isBoolean]],
  CallCardSetHold: [['held', true, isBoolean]],
  CallCardStartTimer: [],
  CallCardStopTimer: [],
  CallCardClose: [],
};

function describeKeys(rules: readonly ParamRule[]): string {
  return rules.length === 0 ? 'no keys' : `only the keys ${rules.map((r) => r[0]).join(', ')}`;
}

/**
 * Checks each param of `rules` in `params`; returns whether one holds `undefined` (which the wire
 * drops). Throws `CallCardInputError` for a missing or mistyped param.
 */
function checkFields(
  name: CallCardCommandName,
  rules: readonly ParamRule[],
  params: Readonly<Record<string, unknown>>,
): boolean {
  let undefinedKey = false;
  for (let i = 0; i < rules.length; i++) {
    // Indexed, not destructured: destructuring an array runs the iterator protocol.
    const rule = rules[i] as ParamRule;
    const key = rule[0];
    const value = params[key];
    if (value === undefined) {
      if (rule[1])
        throw new CallCardInputError(name, key, value, fullMessages() ? expectedOf(rule[2]) : '');
      undefinedKey ||= Object.hasOwn(params, key);
    } else if (!rule[2](value) || !Object.hasOwn(params, key))
      throw new CallCardInputError(name, key, value, fullMessages() ? expectedOf(rule[2]) : '');
  }
  return undefinedKey;
}

/**
 * Checks a creator's params (its own, fresh literal: no unknown keys, nothing to fear when read)
 * and returns them frozen, or a frozen copy without `undefined` values.
 */
export function checkCreatorParams(
  name: CallCardCommandName,
  params: Record<string, unknown>,
): Readonly<Record<string, unknown>> {
  const rules = PARAM_RULES[name];
  return checkFields(name, rules, params) ? withoutUndefined(rules, params) : Object.freeze(params);
}

function withoutUndefined(
  rules: readonly ParamRule[],
  params: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  const copy: Record<string, unknown> = {};
  for (let i = 0; i < rules.length; i++) {
    const key = (rules[i] as ParamRule)[0];
    if (params[key] !== undefined) copy[key] = params[key];
  }
  return Object.freeze(copy);
}

function unknownKeyOf(params: Readonly<Record<string, unknown>>, rules: readonly ParamRule[]) {
  for (const key in params) {
    if (!Object.hasOwn(params, key)) continue;
    let known = false;
    for (let i = 0; i < rules.length && !known; i++) known = (rules[i] as ParamRule)[0] === key;
    if (!known) return key;
  }
  return undefined;
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
  const rules = PARAM_RULES[name];
  if (!isRecord(params))
    throw new CallCardInputError(
      name,
      'params',
      params,
      fullMessages() ? `an object with ${describeKeys(rules)}` : '',
    );
  const copy: Record<string, unknown> = {};
  try {
    const unknownKey = unknownKeyOf(params, rules);
    if (unknownKey !== undefined)
      throw new CallCardInputError(
        name,
        'params',
        params,
        fullMessages() ? `${describeKeys(rules)} (unknown key "${unknownKey}")` : '',
      );
    // Each value read once, into the copy, then checked there.
    for (let i = 0; i < rules.length; i++) {
      const key = (rules[i] as ParamRule)[0];
      if (Object.hasOwn(params, key)) copy[key] = params[key];
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
  return checkFields(name, rules, copy) ? withoutUndefined(rules, copy) : Object.freeze(copy);
}
