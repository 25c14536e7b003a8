import { SETTER_COMMANDS } from '../model/commands';
import type { CallCardCommand, CallCardCommandName } from '../model/commands';
import { TIMER_KEEPING_STATES } from '../model/ui-states';

/**
 * What a `CallCardSetUiState` does to the call timer (docs/host-behaviour.md, section 4):
 * - `reset`: stops, hides and zeroes it, whatever it did before (most states, and `connected`
 *   with `disableAutoStartTimer: true`);
 * - `start`: `connected`; starts it unless it runs, resuming a stopped one from its old start;
 * - `keep`: the transfer states and the internal `externalCard`; keeps a running timer, resets
 *   one that is not running.
 */
export type TimerEffect = 'reset' | 'start' | 'keep';

/** The timer effect of a `CallCardSetUiState` command. */
export function timerEffect(command: CallCardCommand<'CallCardSetUiState'>): TimerEffect {
  const { uiState, disableAutoStartTimer } = command.params;
  if (uiState === 'connected') return disableAutoStartTimer === true ? 'reset' : 'start';
  return TIMER_KEEPING_STATES.includes(uiState) ? 'keep' : 'reset';
}

/**
 * Whether a queued, unsent `older` setter may be dropped in favour of `newer` (same name) without
 * changing what the host ends up with. Rules:
 *
 * 1. Title, status text, mute and hold: always; the newer value replaces the older outright.
 * 2. UI state: when `newer` resets the timer (nothing before it matters), or when both have the
 *    same timer effect (`start` twice or `keep` twice are idempotent). Never otherwise: dropping
 *    a resetting `incoming` before a `connected` would let a running timer keep its old start
 *    instead of restarting from zero.
 *
 * The caller also checks that no order barrier (`isOrderBarrier`) sits between the two.
 */
export function canCoalesce(older: CallCardCommand, newer: CallCardCommand): boolean {
  if (older.name !== newer.name || !SETTER_COMMANDS.has(newer.name)) return false;
  if (newer.name !== 'CallCardSetUiState') return true;
  const effect = timerEffect(newer);
  // Same name: `older` sets a UI state too.
  return effect === 'reset' || effect === timerEffect(older as typeof newer);
}

/**
 * Whether a queued command of name `between` stops a newer setter `setter` from replacing an
 * older one queued before it:
 * - `CallCardClose` for every setter: the older value belongs to the card being closed, the newer
 *   one to whatever comes after, so dropping one would misreport both;
 * - `CallCardStartTimer` / `CallCardStopTimer` for `CallCardSetUiState`: the timer's meaning
 *   depends on which state it runs in.
 */
export function isOrderBarrier(between: CallCardCommandName, setter: CallCardCommandName): boolean {
  if (between === 'CallCardClose') return true;
  return (
    setter === 'CallCardSetUiState' &&
    (between === 'CallCardStartTimer' || between === 'CallCardStopTimer')
  );
}

/**
 * The key under which a setter's value is remembered once acknowledged, or `undefined` when the
 * command must never be skipped as a repeat:
 * - `connected` + `disableAutoStartTimer: true`: the only timer reset, meaningful every time;
 * - mute and hold: the user's clicks flip the host's flag without the sink seeing it (the commands
 *   layer reads only lifecycle events), so "same as last acknowledged" does not mean "same as the
 *   host holds";
 * - every command that is not a setter.
 */
export function repeatKey(command: CallCardCommand): string | undefined {
  switch (command.name) {
    case 'CallCardSetCardTitle':
      return command.params.title;
    case 'CallCardSetStatusText':
      return command.params.statusText;
    case 'CallCardSetUiState':
      return timerEffect(command) === 'reset' && command.params.uiState === 'connected'
        ? undefined
        : command.params.uiState;
    default:
      return undefined;
  }
}
