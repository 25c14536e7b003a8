import { closeCard } from '../../src/commands/creators/close-card';
import { getListUiStates } from '../../src/commands/creators/get-list-ui-states';
import { setCardTitle } from '../../src/commands/creators/set-card-title';
import { setHold } from '../../src/commands/creators/set-hold';
import { setMute } from '../../src/commands/creators/set-mute';
import { setStatusText } from '../../src/commands/creators/set-status-text';
import { setUiState } from '../../src/commands/creators/set-ui-state';
import { startTimer } from '../../src/commands/creators/start-timer';
import { stopTimer } from '../../src/commands/creators/stop-timer';
import type { CallCardCommand } from '../../src/model/commands';
import { CallCardInputError } from '../../src/model/errors';
import { INTERNAL_UI_STATES, UI_STATES } from '../../src/model/ui-states';

function thrown(run: () => unknown): CallCardInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CallCardInputError);
    return error as CallCardInputError;
  }
  throw new Error('expected a CallCardInputError');
}

describe('command creators', () => {
  it('make the host command with its params for each of the 9 commands', () => {
    expect(setCardTitle('Ann Lee')).toEqual({
      name: 'CallCardSetCardTitle',
      params: { title: 'Ann Lee' },
    });
    expect(setStatusText('Ringing')).toEqual({
      name: 'CallCardSetStatusText',
      params: { statusText: 'Ringing' },
    });
    expect(setUiState('connected')).toEqual({
      name: 'CallCardSetUiState',
      params: { uiState: 'connected' },
    });
    expect(setUiState('connected', { disableAutoStartTimer: true })).toEqual({
      name: 'CallCardSetUiState',
      params: { uiState: 'connected', disableAutoStartTimer: true },
    });
    expect(setMute(true)).toEqual({ name: 'CallCardSetMute', params: { muted: true } });
    expect(setHold(false)).toEqual({ name: 'CallCardSetHold', params: { held: false } });
    expect(startTimer()).toEqual({ name: 'CallCardStartTimer', params: {} });
    expect(stopTimer()).toEqual({ name: 'CallCardStopTimer', params: {} });
    expect(closeCard()).toEqual({ name: 'CallCardClose', params: {} });
    expect(getListUiStates()).toEqual({ name: 'CallCardGetListUiStates', params: {} });
  });

  it('return deeply frozen data', () => {
    const commands: CallCardCommand[] = [
      setCardTitle('a'),
      setStatusText('b'),
      setUiState('incoming', { disableAutoStartTimer: false }),
      setMute(false),
      setHold(true),
      startTimer(),
      stopTimer(),
      closeCard(),
      getListUiStates(),
    ];
    for (const command of commands) {
      expect(Object.isFrozen(command)).toBe(true);
      expect(Object.isFrozen(command.params)).toBe(true);
    }
  });

  it('accept the 12 documented UI states and the 3 internal ones', () => {
    for (const state of [...UI_STATES, ...INTERNAL_UI_STATES])
      expect(setUiState(state).params.uiState).toBe(state);
  });

  it('treat an undefined option as absent, so the data stays clean', () => {
    const options = { disableAutoStartTimer: undefined } as unknown as {
      disableAutoStartTimer: boolean;
    };
    expect(setUiState('connected', options).params).toEqual({ uiState: 'connected' });
    expect('disableAutoStartTimer' in setUiState('connected', options).params).toBe(false);
  });

  describe('throw CallCardInputError naming the command, the value and what was expected', () => {
    it('for a title that is not a string', () => {
      const error = thrown(() => setCardTitle(42 as unknown as string));
      expect(error.message).toBe('CallCardSetCardTitle: title was 42; expected a string');
      expect(error.command).toBe('CallCardSetCardTitle');
      expect(error.value).toBe(42);
    });

    it('for a status text that is not a string', () => {
      expect(thrown(() => setStatusText(undefined as unknown as string)).message).toBe(
        'CallCardSetStatusText: statusText was undefined; expected a string',
      );
    });

    it('for an unknown UI state, listing the accepted ones', () => {
      const error = thrown(() => setUiState('talking' as never));
      expect(error.message).toMatch(/^CallCardSetUiState: uiState was "talking"; expected one of/);
      expect(error.message).toContain('incoming');
      expect(error.message).toContain('externalCard');
    });

    it('for an unknown option key of setUiState', () => {
      const error = thrown(() =>
        setUiState('connected', { disableAutostart: true } as unknown as {
          disableAutoStartTimer: boolean;
        }),
      );
      expect(error.message).toBe(
        'CallCardSetUiState: options was {"disableAutostart":true}; expected only the option disableAutoStartTimer (unknown option "disableAutostart")',
      );
    });

    it('for a disableAutoStartTimer that is not a boolean', () => {
      expect(
        thrown(() =>
          setUiState('connected', { disableAutoStartTimer: 'yes' as unknown as boolean }),
        ).message,
      ).toBe('CallCardSetUiState: disableAutoStartTimer was "yes"; expected a boolean');
    });

    it('for setUiState options that are not an object', () => {
      expect(thrown(() => setUiState('connected', true as never)).message).toBe(
        'CallCardSetUiState: options was true; expected an object with disableAutoStartTimer',
      );
    });

    it('for a muted flag that is not a boolean', () => {
      expect(thrown(() => setMute('yes' as unknown as boolean)).message).toBe(
        'CallCardSetMute: muted was "yes"; expected a boolean',
      );
    });

    it('for a held flag that is not a boolean', () => {
      expect(thrown(() => setHold(1 as unknown as boolean)).message).toBe(
        'CallCardSetHold: held was 1; expected a boolean',
      );
    });
  });

  it('reject wrong parameter types at compile time', () => {
    const checks = [
      // @ts-expect-error a title is a string
      () => setCardTitle(42),
      // @ts-expect-error a status text is a string
      () => setStatusText(null),
      // @ts-expect-error not a UI state
      () => setUiState('talking'),
      // @ts-expect-error disableAutoStartTimer is a boolean
      () => setUiState('connected', { disableAutoStartTimer: 'yes' }),
      // @ts-expect-error unknown option
      () => setUiState('connected', { autoStart: false }),
      // @ts-expect-error muted is a boolean
      () => setMute('true'),
      // @ts-expect-error held is a boolean
      () => setHold(0),
      // @ts-expect-error takes no arguments
      () => startTimer(1000),
      // @ts-expect-error takes no arguments
      () => closeCard(true),
    ];
    expect(checks).toHaveLength(9);
    // The return types are precise: the name narrows the params.
    const title: CallCardCommand<'CallCardSetCardTitle'> = setCardTitle('x');
    const text: string = title.params.title;
    expect(text).toBe('x');
  });
});
