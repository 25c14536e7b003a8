import { closeCard } from '../../src/commands/creators/close-card';
import { getListUiStates } from '../../src/commands/creators/get-list-ui-states';
import { setCardTitle } from '../../src/commands/creators/set-card-title';
import { setHold } from '../../src/commands/creators/set-hold';
import { setMute } from '../../src/commands/creators/set-mute';
import { setStatusText } from '../../src/commands/creators/set-status-text';
import { setUiState } from '../../src/commands/creators/set-ui-state';
import { startTimer } from '../../src/commands/creators/start-timer';
import {
  canCoalesce,
  isOrderBarrier,
  repeatKey,
  timerEffect,
} from '../../src/commands/setter-rules';
import { CALL_CARD_COMMAND_NAMES } from '../../src/model/commands';

const connected = setUiState('connected');
const reset = setUiState('connected', { disableAutoStartTimer: true });
const transferring = setUiState('transferring');
const incoming = setUiState('incoming');

describe('setter rules', () => {
  it('classify each UI state by what it does to the call timer', () => {
    expect(timerEffect(connected)).toBe('start');
    expect(timerEffect(reset)).toBe('reset');
    expect(timerEffect(setUiState('connected', { disableAutoStartTimer: false }))).toBe('start');
    for (const state of [
      'transferring',
      'transferFailed',
      'transferConnected',
      'externalCard',
    ] as const)
      expect(timerEffect(setUiState(state))).toBe('keep');
    for (const state of ['incoming', 'outgoing', 'error', 'redial', 'idle'] as const)
      expect(timerEffect(setUiState(state))).toBe('reset');
  });

  it('let a newer title, status text, mute or hold replace an older one of the same command', () => {
    expect(canCoalesce(setCardTitle('a'), setCardTitle('b'))).toBe(true);
    expect(canCoalesce(setStatusText('a'), setStatusText('b'))).toBe(true);
    expect(canCoalesce(setMute(true), setMute(false))).toBe(true);
    expect(canCoalesce(setHold(true), setHold(false))).toBe(true);
    expect(canCoalesce(setCardTitle('a'), setStatusText('b'))).toBe(false);
    expect(canCoalesce(startTimer(), startTimer())).toBe(false);
    expect(canCoalesce(getListUiStates(), getListUiStates())).toBe(false);
    expect(canCoalesce(closeCard(), closeCard())).toBe(false);
  });

  it('let a UI state replace an older one only where the timer ends up the same', () => {
    // The newer state resets the timer: nothing before it matters.
    expect(canCoalesce(connected, incoming)).toBe(true);
    expect(canCoalesce(transferring, reset)).toBe(true);
    // Same effect twice is idempotent.
    expect(canCoalesce(connected, connected)).toBe(true);
    expect(canCoalesce(transferring, setUiState('transferConnected'))).toBe(true);
    // A reset before `connected` restarts the timer from zero; without it a running timer keeps
    // its start.
    expect(canCoalesce(incoming, connected)).toBe(false);
    expect(canCoalesce(reset, connected)).toBe(false);
    // `connected` before a transfer state keeps the timer running; without it, it is reset.
    expect(canCoalesce(connected, transferring)).toBe(false);
    expect(canCoalesce(transferring, connected)).toBe(false);
  });

  it('treat closeCard as a barrier for every setter, and timer commands for UI states', () => {
    for (const name of CALL_CARD_COMMAND_NAMES)
      expect(isOrderBarrier('CallCardClose', name)).toBe(true);
    expect(isOrderBarrier('CallCardStartTimer', 'CallCardSetUiState')).toBe(true);
    expect(isOrderBarrier('CallCardStopTimer', 'CallCardSetUiState')).toBe(true);
    expect(isOrderBarrier('CallCardStartTimer', 'CallCardSetStatusText')).toBe(false);
    expect(isOrderBarrier('CallCardSetUiState', 'CallCardSetCardTitle')).toBe(false);
  });

  it('remember titles, status texts and UI states, but never the timer reset, mute or hold', () => {
    expect(repeatKey(setCardTitle('a'))).toBe('a');
    expect(repeatKey(setStatusText('b'))).toBe('b');
    expect(repeatKey(connected)).toBe('connected');
    expect(repeatKey(setUiState('incoming', { disableAutoStartTimer: true }))).toBe('incoming');
    expect(repeatKey(reset)).toBeUndefined();
    expect(repeatKey(setMute(true))).toBeUndefined();
    expect(repeatKey(setHold(true))).toBeUndefined();
    expect(repeatKey(startTimer())).toBeUndefined();
  });
});
