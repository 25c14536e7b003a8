import { BUTTON_EVENTS, BUTTON_EVENTS_BY_STATE } from '../../src/model/buttons';
import { CALL_CARD_EVENT_TYPES } from '../../src/model/events';
import { INTERNAL_UI_STATES, UI_STATES } from '../../src/model/ui-states';

/** docs/host-behaviour.md, section 2, column "raised from UI states" (button events only). */
const RAISED_FROM: Readonly<Record<string, readonly string[]>> = {
  answerButtonClick: ['incoming', 'transferIncoming'],
  skipButtonClick: ['incoming', 'transferIncoming'],
  makeCallButtonClick: ['outgoing', 'redial'],
  hangupButtonClick: ['connectingIncoming', 'connectingOutgoing', 'connected', 'transferConnected'],
  holdButtonClick: ['connected'],
  muteButtonClick: ['connected'],
  transferButtonClick: ['connected'],
  dialpadButtonClick: ['connected'],
  qualityMeterClick: ['connected'],
  completeTransferButtonClick: ['transferring'],
  cancelTransferButtonClick: ['transferring', 'transferFailed'],
  closeButtonClick: ['error', 'moneyError', 'externalCard'],
  notifyAdminButtonClick: ['moneyError'],
  nextButtonClick: ['outgoing'],
  // From the CRM comment editor, not from a state.
  addCommentButtonClick: [],
};

describe('buttons', () => {
  it('lists, for each of the 15 states the host accepts, exactly the button events of docs/host-behaviour.md', () => {
    const states = [...UI_STATES, ...INTERNAL_UI_STATES];
    expect(Object.keys(BUTTON_EVENTS_BY_STATE).sort()).toEqual([...states].sort());
    for (const state of states) {
      const expected = Object.keys(RAISED_FROM).filter((e) => RAISED_FROM[e]?.includes(state));
      expect({ state, events: [...BUTTON_EVENTS_BY_STATE[state]].sort() }).toEqual({
        state,
        events: expected.sort(),
      });
    }
  });

  it('gives internal idle and sipPhoneError no app-visible buttons', () => {
    expect(BUTTON_EVENTS_BY_STATE.idle).toEqual([]);
    expect(BUTTON_EVENTS_BY_STATE.sipPhoneError).toEqual([]);
  });

  it('maps every short button name to its event, covering every click event but addComment', () => {
    expect(BUTTON_EVENTS.hangup).toBe('hangupButtonClick');
    expect(BUTTON_EVENTS.qualityMeter).toBe('qualityMeterClick');
    const clickEvents = CALL_CARD_EVENT_TYPES.filter(
      (t) => !['initialized', 'entityChanged', 'addCommentButtonClick'].includes(t),
    );
    expect(Object.values(BUTTON_EVENTS).sort()).toEqual([...clickEvents].sort());
    for (const [name, event] of Object.entries(BUTTON_EVENTS))
      expect(event.startsWith(name)).toBe(true);
  });
});
