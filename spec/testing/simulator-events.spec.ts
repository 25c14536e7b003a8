import type { ButtonName } from '../../src/model/buttons';
import { CallCardInputError, CallCardUnavailableError } from '../../src/model/errors';
import type { HostUiState } from '../../src/model/ui-states';
import { INTERNAL_UI_STATES, UI_STATES } from '../../src/model/ui-states';
import { createCallCardSimulator } from '../../src/testing/create-call-card-simulator';
import type { CallCardSimulator } from '../../src/testing/create-call-card-simulator';
import { listenAll, send } from './host-probe';
import { callInfo } from '../support/fixtures';

const ALL_STATES: readonly HostUiState[] = [...UI_STATES, ...INTERNAL_UI_STATES];

/** A simulator with a card in `state`, and a probe that heard nothing yet. */
function cardIn(state: HostUiState, callListMode = false) {
  const sim = createCallCardSimulator();
  const heard = listenAll(sim);
  sim.ring({ phoneNumber: '+15550100', callListMode });
  expect(send(sim, 'CallCardSetUiState', { uiState: state })).toEqual([[]]);
  heard.length = 0;
  return { sim, heard };
}

function pressAny(sim: CallCardSimulator, button: ButtonName): void {
  if (button === 'dialpad') sim.press('dialpad', '5');
  else if (button === 'transfer') sim.press('transfer', { phoneNumber: '+1555', target: 7 });
  else if (button === 'qualityMeter') sim.press('qualityMeter', '4');
  else (sim.press as (b: ButtonName) => void)(button);
}

// docs/host-behaviour.md, section 2, written out here (not read from the model) so the model is checked too.
const ROWS: ReadonlyArray<{
  button: ButtonName;
  type: string;
  states: readonly HostUiState[];
  raw: unknown;
}> = [
  {
    button: 'answer',
    type: 'answerButtonClick',
    states: ['incoming', 'transferIncoming'],
    raw: '',
  },
  { button: 'skip', type: 'skipButtonClick', states: ['incoming', 'transferIncoming'], raw: '' },
  { button: 'makeCall', type: 'makeCallButtonClick', states: ['outgoing', 'redial'], raw: '' },
  {
    button: 'hangup',
    type: 'hangupButtonClick',
    states: ['connectingIncoming', 'connectingOutgoing', 'connected', 'transferConnected'],
    raw: '',
  },
  { button: 'hold', type: 'holdButtonClick', states: ['connected'], raw: true },
  { button: 'mute', type: 'muteButtonClick', states: ['connected'], raw: true },
  {
    button: 'transfer',
    type: 'transferButtonClick',
    states: ['connected'],
    raw: { phoneNumber: '+1555', target: 7 },
  },
  { button: 'dialpad', type: 'dialpadButtonClick', states: ['connected'], raw: '5' },
  { button: 'qualityMeter', type: 'qualityMeterClick', states: ['connected'], raw: '4' },
  {
    button: 'completeTransfer',
    type: 'completeTransferButtonClick',
    states: ['transferring'],
    raw: '',
  },
  {
    button: 'cancelTransfer',
    type: 'cancelTransferButtonClick',
    states: ['transferring', 'transferFailed'],
    raw: '',
  },
  {
    button: 'close',
    type: 'closeButtonClick',
    states: ['error', 'moneyError', 'externalCard'],
    raw: '',
  },
  { button: 'notifyAdmin', type: 'notifyAdminButtonClick', states: ['moneyError'], raw: '' },
];

describe('simulator: each button raises its event only in its states (docs/host-behaviour.md, section 2)', () => {
  describe.each(ROWS)('$button', ({ button, type, states, raw }) => {
    it.each(states)(`raises ${type} with its payload in %s`, (state) => {
      const { sim, heard } = cardIn(state);
      pressAny(sim, button);
      expect(heard).toEqual([{ type, raw }]);
    });

    const hidden = ALL_STATES.filter((s) => !states.includes(s));
    it.each(hidden)('throws, raising nothing, in %s', (state) => {
      const { sim, heard } = cardIn(state);
      let thrown: unknown;
      try {
        pressAny(sim, button);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(CallCardUnavailableError);
      expect((thrown as Error).message).toContain(
        `press('${button}'): the card in state "${state}" shows no ${button} button; it shows: `,
      );
      expect(heard).toEqual([]);
    });
  });

  it('names the buttons the state does show in the error', () => {
    const { sim } = cardIn('connected');
    expect(() => sim.press('answer')).toThrow(
      `press('answer'): the card in state "connected" shows no answer button; it shows: ` +
        'hangup, hold, mute, transfer, dialpad, qualityMeter',
    );
    const idle = cardIn('idle').sim;
    expect(() => idle.press('close')).toThrow(/shows no close button; it shows: no buttons/);
  });

  it('shows next only in outgoing in call-list mode', () => {
    const list = cardIn('outgoing', true);
    list.sim.press('next');
    expect(list.heard).toEqual([{ type: 'nextButtonClick', raw: '' }]);
    expect(list.sim.card().buttons).toEqual(['makeCall', 'next']);

    const single = cardIn('outgoing', false);
    expect(() => single.sim.press('next')).toThrow(
      `press('next'): the card in state "outgoing" shows no next button (only in call-list mode); it shows: makeCall`,
    );
    expect(single.heard).toEqual([]);
    for (const state of ALL_STATES.filter((s) => s !== 'outgoing'))
      expect(() => cardIn(state, true).sim.press('next')).toThrow(CallCardUnavailableError);
  });

  it('fails every press when there is no card, before a ring and after a close', () => {
    const sim = createCallCardSimulator();
    expect(() => sim.press('close')).toThrow("press('close'): there is no card; ring() first");
    sim.ring();
    sim.press('close');
    expect(() => sim.press('close')).toThrow(
      "press('close'): the card was closed; ring() starts a new call",
    );
    expect(() => sim.addComment('x')).toThrow(CallCardUnavailableError);
  });
});

describe('simulator: button payloads', () => {
  it('hold and mute flip their flag and report the NEW one', () => {
    const { sim, heard } = cardIn('connected');
    sim.press('hold');
    expect(sim.card().held).toBe(true);
    sim.press('hold');
    sim.press('mute');
    send(sim, 'CallCardSetMute', { muted: false });
    sim.press('mute');
    expect(heard).toEqual([
      { type: 'holdButtonClick', raw: true },
      { type: 'holdButtonClick', raw: false },
      { type: 'muteButtonClick', raw: true },
      { type: 'muteButtonClick', raw: true },
    ]);
    expect(sim.card()).toMatchObject({ held: false, muted: true });
  });

  it('changes the flag before the event, so a handler reads the new look', () => {
    const { sim } = cardIn('connected');
    const seen: boolean[] = [];
    sim.bindEvent('BackgroundCallCard::muteButtonClick', () => seen.push(sim.card().muted));
    sim.press('mute');
    expect(seen).toEqual([true]);
  });

  it('sends every dialpad key and every grade as the host strings', () => {
    const { sim, heard } = cardIn('connected');
    for (const key of ['0', '9', '*', '#'] as const) sim.press('dialpad', key);
    sim.press('qualityMeter', '1');
    sim.press('transfer', { phoneNumber: '', target: '+15550199' });
    expect(heard.map((h) => h.raw)).toEqual([
      '0',
      '9',
      '*',
      '#',
      '1',
      { phoneNumber: '', target: '+15550199' },
    ]);
  });

  it('refuses a bad payload with an input error naming the button, value and expectation', () => {
    const { sim, heard } = cardIn('connected');
    expect(() => sim.press('dialpad', 'A' as never)).toThrow(
      new CallCardInputError("press('dialpad')", 'key', 'A', 'one dialpad key: 0-9, * or #'),
    );
    expect(() => sim.press('qualityMeter', '6' as never)).toThrow(
      /press\('qualityMeter'\): grade was "6"/,
    );
    expect(() => sim.press('transfer', { phoneNumber: 'x' } as never)).toThrow(
      /press\('transfer'\): target was/,
    );
    expect(() => (sim.press as (b: string, p: unknown) => void)('hold', true)).toThrow(
      "press('hold'): payload was true; expected no payload: a hold press flips the flag and reports the new one",
    );
    expect(() => (sim.press as (b: string) => void)('dial')).toThrow(
      /press: button was "dial"; expected one of answer, skip/,
    );
    expect(heard).toEqual([]);
    expect(sim.card().held).toBe(false);
  });

  it('raises addCommentButtonClick with the text in any state of a card', () => {
    const { sim, heard } = cardIn('incoming');
    sim.addComment('call back at 5');
    expect(heard).toEqual([{ type: 'addCommentButtonClick', raw: 'call back at 5' }]);
    expect(() => sim.addComment(42 as never)).toThrow('addComment: text was 42; expected a string');
  });
});

describe('simulator: close button', () => {
  it.each(['error', 'moneyError', 'externalCard'] as const)(
    'raises closeButtonClick in %s, then the host closes the card itself',
    (state) => {
      const { sim, heard } = cardIn(state);
      const duringEvent: boolean[] = [];
      sim.bindEvent('BackgroundCallCard::closeButtonClick', () =>
        duringEvent.push(sim.card().exists),
      );
      sim.press('close');
      expect(heard).toEqual([{ type: 'closeButtonClick', raw: '' }]);
      expect(duringEvent).toEqual([true]);
      expect(sim.card()).toMatchObject({ exists: false, closed: true, state: null, buttons: [] });
      expect(send(sim, 'CallCardSetStatusText', { statusText: 'x' })).toEqual([
        [{ result: 'error', errorCode: 'Call card is undefined' }],
      ]);
    },
  );

  it('closes the card even when a handler throws, and rethrows the error', () => {
    const { sim } = cardIn('error');
    sim.bindEvent('BackgroundCallCard::closeButtonClick', () => {
      throw new Error('app bug');
    });
    expect(() => sim.press('close')).toThrow('app bug');
    expect(sim.card().exists).toBe(false);
  });
});

describe('simulator: ring', () => {
  it('raises entityChanged then initialized with the documented call object', () => {
    const sim = createCallCardSimulator();
    const heard = listenAll(sim);
    const call = sim.ring({
      direction: 'outgoing',
      phoneNumber: '+15550100',
      lineNumber: '1',
      crm: { entityType: 'CONTACT', entityId: 42, name: 'Ann' },
      callListMode: true,
      callId: 'c-1',
    });
    const expectedCall = {
      CALL_ID: 'c-1',
      PHONE_NUMBER: '+15550100',
      LINE_NUMBER: '1',
      CRM_ENTITY_TYPE: 'CONTACT',
      CRM_ENTITY_ID: 42,
      CRM_BINDINGS: [{ ENTITY_TYPE: 'CONTACT', ENTITY_ID: 42 }],
      CALL_DIRECTION: 'outgoing',
      CALL_STATE: 'idle',
      CALL_LIST_MODE: true,
    };
    expect(heard).toEqual([
      {
        type: 'entityChanged',
        raw: { PHONE_NUMBER: '+15550100', CRM_ENTITY_TYPE: 'CONTACT', CRM_ENTITY_ID: 42 },
      },
      { type: 'initialized', raw: expectedCall },
    ]);
    expect(call).toEqual(expectedCall);
  });

  it('defaults to an incoming call bound to nothing, without entityChanged', () => {
    const sim = createCallCardSimulator();
    const heard = listenAll(sim);
    sim.ring();
    sim.ring();
    expect(heard).toEqual([
      {
        type: 'initialized',
        raw: callInfo({ CALL_ID: 'sim-call-1' }),
      },
      { type: 'initialized', raw: expect.objectContaining({ CALL_ID: 'sim-call-2' }) },
    ]);
  });

  it('makes a fresh card in externalCard that shows only Close, with the timer hidden', () => {
    const sim = createCallCardSimulator();
    sim.ring();
    send(sim, 'CallCardSetUiState', { uiState: 'connected' });
    send(sim, 'CallCardSetMute', { muted: true });
    send(sim, 'CallCardSetCardTitle', { title: 'Old' });
    sim.ring();
    expect(sim.card()).toEqual({
      exists: true,
      closed: false,
      state: 'externalCard',
      buttons: ['close'],
      title: '',
      statusText: '',
      muted: false,
      held: false,
      timer: { status: 'hidden', elapsedMs: 0 },
      call: expect.objectContaining({ CALL_ID: 'sim-call-2' }),
      crm: null,
    });
  });

  it('has no card while entityChanged is delivered: commands then answer "Call card is undefined"', () => {
    const sim = createCallCardSimulator();
    let early: unknown[] = [];
    sim.bindEvent('BackgroundCallCard::entityChanged', () => {
      early = send(sim, 'CallCardSetCardTitle', { title: 'Ann' });
    });
    let onInit: unknown[] = [];
    sim.bindEvent('BackgroundCallCard::initialized', () => {
      onInit = send(sim, 'CallCardSetCardTitle', { title: 'Ann' });
    });
    sim.ring({ crm: { entityType: 'LEAD', entityId: 1 } });
    expect(early).toEqual([[{ result: 'error', errorCode: 'Call card is undefined' }]]);
    expect(onInit).toEqual([[]]);
  });

  it('refuses bad ring options with input errors', () => {
    const sim = createCallCardSimulator();
    expect(() => sim.ring({ direction: 'sideways' as never })).toThrow(
      'ring: direction was "sideways"; expected incoming, outgoing or callback',
    );
    expect(() => sim.ring({ crm: { entityType: 'USER' as never, entityId: 1 } })).toThrow(
      /ring: crm.entityType was "USER"/,
    );
    expect(() => sim.ring({ crm: { entityType: 'LEAD', entityId: -1 } })).toThrow(
      'ring: crm.entityId was -1; expected an integer >= 0',
    );
    expect(sim.raised).toEqual([]);
  });

  it('raises entityChanged when the CRM rebinds the call', () => {
    const sim = createCallCardSimulator();
    sim.ring({ phoneNumber: '+1555' });
    const heard = listenAll(sim);
    sim.changeEntity({ entityType: 'DEAL', entityId: 9 });
    expect(heard).toEqual([
      {
        type: 'entityChanged',
        raw: { PHONE_NUMBER: '+1555', CRM_ENTITY_TYPE: 'DEAL', CRM_ENTITY_ID: 9 },
      },
    ]);
    expect(sim.card().crm).toEqual({ entityType: 'DEAL', entityId: 9 });
  });
});

describe('simulator: types', () => {
  it('types press by button: payload where the host sends one, none elsewhere', () => {
    const { sim } = cardIn('connected');
    sim.press('dialpad', '#');
    sim.press('transfer', { phoneNumber: '', target: 12 });
    sim.press('qualityMeter', '5');
    sim.press('hold');
    // @ts-expect-error: the dialpad needs a key
    expect(() => sim.press('dialpad')).toThrow(CallCardInputError);
    // @ts-expect-error: not a dialpad key
    expect(() => sim.press('dialpad', 'A')).toThrow(CallCardInputError);
    // @ts-expect-error: hold toggles; it takes no flag
    expect(() => sim.press('hold', true)).toThrow(CallCardInputError);
    // @ts-expect-error: not a button
    expect(() => sim.press('dial')).toThrow(CallCardInputError);
  });
});
