import {
  CALL_CARD_COMMAND_NAMES,
  CARD_UNDEFINED_ERROR_CODE,
  COMMAND_REPLIES,
  INVALID_UI_STATE_ERROR_CODE,
  SETTER_COMMANDS,
} from '../../src/model/commands';

describe('command vocabulary', () => {
  it('lists the 9 commands of docs/host-behaviour.md, section 3, in its order', () => {
    expect(CALL_CARD_COMMAND_NAMES).toEqual([
      'CallCardSetCardTitle',
      'CallCardSetStatusText',
      'CallCardSetUiState',
      'CallCardGetListUiStates',
      'CallCardSetMute',
      'CallCardSetHold',
      'CallCardStartTimer',
      'CallCardStopTimer',
      'CallCardClose',
    ]);
  });

  it('knows how the host answers each: `[]`, a list, or never (the timer commands)', () => {
    expect(COMMAND_REPLIES).toEqual({
      CallCardSetCardTitle: 'ack',
      CallCardSetStatusText: 'ack',
      CallCardSetUiState: 'ack',
      CallCardGetListUiStates: 'list',
      CallCardSetMute: 'ack',
      CallCardSetHold: 'ack',
      CallCardStartTimer: 'none',
      CallCardStopTimer: 'none',
      CallCardClose: 'ack',
    });
  });

  it('spells the host error codes exactly', () => {
    expect(CARD_UNDEFINED_ERROR_CODE).toBe('Call card is undefined');
    expect(INVALID_UI_STATE_ERROR_CODE).toBe('Invalid ui state');
  });

  it('treats only value-replacing commands as setters', () => {
    expect([...SETTER_COMMANDS].sort()).toEqual([
      'CallCardSetCardTitle',
      'CallCardSetHold',
      'CallCardSetMute',
      'CallCardSetStatusText',
      'CallCardSetUiState',
    ]);
  });
});
