import {
  CALL_CARD_EVENT_TYPES,
  HOST_EVENT_PREFIX,
  hostEventName,
  isCallCardEventType,
  type HostEventName,
} from '../../src/model/events';

/** docs/host-behaviour.md, section 2, in table order. */
const HOST_FACTS_EVENTS = [
  'initialized',
  'entityChanged',
  'answerButtonClick',
  'skipButtonClick',
  'makeCallButtonClick',
  'hangupButtonClick',
  'holdButtonClick',
  'muteButtonClick',
  'transferButtonClick',
  'dialpadButtonClick',
  'qualityMeterClick',
  'completeTransferButtonClick',
  'cancelTransferButtonClick',
  'closeButtonClick',
  'notifyAdminButtonClick',
  'addCommentButtonClick',
  'nextButtonClick',
];

describe('event vocabulary', () => {
  it('lists the 17 event types of the host documentation, in its order', () => {
    expect(CALL_CARD_EVENT_TYPES).toEqual(HOST_FACTS_EVENTS);
    expect(new Set(CALL_CARD_EVENT_TYPES).size).toBe(17);
  });

  it('names every host event BackgroundCallCard::<type>', () => {
    expect(HOST_EVENT_PREFIX).toBe('BackgroundCallCard::');
    expect(hostEventName('hangupButtonClick')).toBe('BackgroundCallCard::hangupButtonClick');
    for (const type of CALL_CARD_EVENT_TYPES)
      expect(hostEventName(type)).toBe(`BackgroundCallCard::${type}`);
  });

  it('tells event types from other values', () => {
    for (const type of CALL_CARD_EVENT_TYPES) expect(isCallCardEventType(type)).toBe(true);
    for (const other of ['BackgroundCallCard::initialized', 'hangup', '', 42, null, undefined, {}])
      expect(isCallCardEventType(other)).toBe(false);
  });

  it('types host names as literals (checked by tsc)', () => {
    const name: 'BackgroundCallCard::muteButtonClick' = hostEventName('muteButtonClick');
    const anyName: HostEventName = name;
    // @ts-expect-error not an event type
    hostEventName('muteClick');
    // @ts-expect-error the host name of another event
    const wrong: HostEventName<'holdButtonClick'> = hostEventName('muteButtonClick');
    expect([name, anyName, wrong]).toHaveLength(3);
  });
});
