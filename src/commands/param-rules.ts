import type { CallCardCommandName } from '../model/commands';
import { CallCardInputError } from '../model/errors';
import { isRecord } from '../model/is-record';
import { INTERNAL_UI_STATES, UI_STATES, isHostUiState } from '../model/ui-states';

interface FieldRule {
  readonly required: boolean;
  readonly expected: string;
  readonly test: (value: unknown) => boolean;
}

const isString = (value: unknown): boolean => typeof value === 'string';
const isBoolean = (value: unknown): boolean => typeof value === 'boolean';

const UI_STATE_EXPECTED = `one of the 12 UI states (${UI_STATES.join(', ')}) or an internal state (${INTERNAL_UI_STATES.join(', ')})`;

const requiredString: FieldRule = { required: true, expected: 'a string', test: isString };
const requiredBoolean: FieldRule = { required: true, expected: 'a boolean', test: isBoolean };

/** The params every command takes: its keys, which are required, and the type of each. */
const PARAM_RULES: { readonly [N in CallCardCommandName]: Readonly<Record<string, FieldRule>> } = {
  CallCardSetCardTitle: { title: requiredString },
  CallCardSetStatusText: { statusText: requiredString },
  CallCardSetUiState: {
    uiState: { required: true, expected: UI_STATE_EXPECTED, test: isHostUiState },
    // `undefined` counts as absent: JSON drops it on the wire anyway.
    disableAutoStartTimer: { required: false, expected: 'a boolean', test: isBoolean },
  },
  CallCardGetListUiStates: {},
  CallCardSetMute: { muted: requiredBoolean },
  CallCardSetHold: { held: requiredBoolean },
  CallCardStartTimer: {},
  CallCardStopTimer: {},
  CallCardClose: {},
};

function describeKeys(rules: Readonly<Record<string, FieldRule>>): string {
  const keys = Object.keys(rules);
  return keys.length === 0 ? 'no keys' : `only the keys ${keys.join(', ')}`;
}

/**
 * Checks the params of command `name` and returns a copy that holds only the keys the host
 * knows, without `undefined` values. Throws a `CallCardInputError` naming the command, the field,
 * the bad value and what was expected.
 */
export function checkCommandParams(
  name: CallCardCommandName,
  params: unknown,
): Record<string, unknown> {
  const rules = PARAM_RULES[name];
  if (!isRecord(params))
    throw new CallCardInputError(name, 'params', params, `an object with ${describeKeys(rules)}`);
  // Read once, into a plain object: a getter or Proxy that throws is bad input, not a TypeError.
  const given: Record<string, unknown> = {};
  try {
    for (const key of Object.keys(params)) {
      if (!Object.hasOwn(rules, key))
        throw new CallCardInputError(
          name,
          'params',
          params,
          `${describeKeys(rules)} (unknown key "${key}")`,
        );
      given[key] = params[key];
    }
  } catch (cause) {
    if (cause instanceof CallCardInputError) throw cause;
    throw new CallCardInputError(
      name,
      'params',
      '[unreadable value]',
      `a readable object with ${describeKeys(rules)} (reading it threw ${String(cause)})`,
    );
  }
  const copy: Record<string, unknown> = {};
  for (const key in rules) {
    const rule = rules[key] as FieldRule;
    const value = given[key];
    if (value === undefined) {
      if (rule.required) throw new CallCardInputError(name, key, value, rule.expected);
      continue;
    }
    if (!rule.test(value)) throw new CallCardInputError(name, key, value, rule.expected);
    copy[key] = value;
  }
  return copy;
}
