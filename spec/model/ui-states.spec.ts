import { INTERNAL_UI_STATES, UI_STATES, isHostUiState, isUiState } from '../../src/model/ui-states';

describe('UI states', () => {
  it('lists the 12 documented states in host order', () => {
    expect(UI_STATES).toEqual([
      'incoming',
      'transferIncoming',
      'outgoing',
      'connectingIncoming',
      'connectingOutgoing',
      'connected',
      'transferring',
      'transferFailed',
      'transferConnected',
      'error',
      'moneyError',
      'redial',
    ]);
  });
  it('tells documented from internal states', () => {
    expect(isUiState('connected')).toBe(true);
    expect(isUiState('externalCard')).toBe(false);
    for (const s of INTERNAL_UI_STATES) expect(isHostUiState(s)).toBe(true);
    expect(isHostUiState('talking')).toBe(false);
    expect(isHostUiState(42)).toBe(false);
  });
});
