import type { CallCardEventMap, CallCardEventType, CallInfo } from '../../src/model/events';
import { callInfo } from './fixtures';

/** An `initialized` payload with every field the host may send. */
const everyField = (): CallInfo =>
  callInfo({
    CALL_ID: 'externalCall.42',
    PHONE_NUMBER: '+15550100',
    LINE_NUMBER: 'reg1',
    LINE_NAME: 'Main line',
    CRM_ENTITY_TYPE: 'CONTACT',
    CRM_ENTITY_ID: 7,
    CRM_ACTIVITY_ID: 9,
    CRM_BINDINGS: [{ ENTITY_TYPE: 'CONTACT', ENTITY_ID: 7 }],
  });

/** A raw host payload per event type, and the typed payload the library must deliver for it. */
export const VALID: {
  readonly [K in CallCardEventType]: { raw: unknown; value: CallCardEventMap[K] };
} = {
  // Two equal objects: what the host sends, and what the library must deliver for it.
  initialized: { raw: everyField(), value: everyField() },
  entityChanged: {
    raw: { PHONE_NUMBER: '+15550100', CRM_ENTITY_TYPE: 'LEAD', CRM_ENTITY_ID: '3' },
    value: { PHONE_NUMBER: '+15550100', CRM_ENTITY_TYPE: 'LEAD', CRM_ENTITY_ID: 3 },
  },
  // No-data events: the SDK sends "", classic BX24 sends [] (both covered in the payload spec).
  answerButtonClick: { raw: '', value: undefined },
  skipButtonClick: { raw: [], value: undefined },
  makeCallButtonClick: { raw: '', value: undefined },
  hangupButtonClick: { raw: [], value: undefined },
  holdButtonClick: { raw: true, value: true },
  muteButtonClick: { raw: false, value: false },
  transferButtonClick: {
    raw: { phoneNumber: '+15550199', target: 15 },
    value: { phoneNumber: '+15550199', target: 15 },
  },
  dialpadButtonClick: { raw: '#', value: '#' },
  qualityMeterClick: { raw: '4', value: '4' },
  completeTransferButtonClick: { raw: '', value: undefined },
  cancelTransferButtonClick: { raw: [], value: undefined },
  closeButtonClick: { raw: '', value: undefined },
  notifyAdminButtonClick: { raw: [], value: undefined },
  addCommentButtonClick: { raw: 'Call back on Monday', value: 'Call back on Monday' },
  nextButtonClick: { raw: '', value: undefined },
};

/** The event types that carry no data. */
export const NO_DATA_TYPES = [
  'answerButtonClick',
  'skipButtonClick',
  'makeCallButtonClick',
  'hangupButtonClick',
  'completeTransferButtonClick',
  'cancelTransferButtonClick',
  'closeButtonClick',
  'notifyAdminButtonClick',
  'nextButtonClick',
] as const satisfies readonly CallCardEventType[];

/** The event types that carry data. */
export const DATA_TYPES = [
  'initialized',
  'entityChanged',
  'holdButtonClick',
  'muteButtonClick',
  'transferButtonClick',
  'dialpadButtonClick',
  'qualityMeterClick',
  'addCommentButtonClick',
] as const satisfies readonly CallCardEventType[];

/**
 * The UI states that stop, hide and reset the call timer (docs/host-behaviour.md, section 4: every state but
 * `connected` and the transfer states, including the internal `idle` and `sipPhoneError`).
 */
export const TIMER_RESETTING_STATES = [
  'incoming',
  'transferIncoming',
  'outgoing',
  'connectingIncoming',
  'connectingOutgoing',
  'error',
  'moneyError',
  'redial',
  'idle',
  'sipPhoneError',
] as const;

/** The click events: every type but the two that replay. */
export const CLICK_TYPES = [
  ...NO_DATA_TYPES,
  'holdButtonClick',
  'muteButtonClick',
  'transferButtonClick',
  'dialpadButtonClick',
  'qualityMeterClick',
  'addCommentButtonClick',
] as const satisfies readonly CallCardEventType[];

/** The field of `CallCardEvents` that carries each event type. */
export const FIELD_OF = {
  initialized: 'initialized$',
  entityChanged: 'entityChanged$',
  answerButtonClick: 'answer$',
  skipButtonClick: 'skip$',
  makeCallButtonClick: 'makeCall$',
  hangupButtonClick: 'hangup$',
  holdButtonClick: 'hold$',
  muteButtonClick: 'mute$',
  transferButtonClick: 'transfer$',
  dialpadButtonClick: 'dialpad$',
  qualityMeterClick: 'qualityMeter$',
  completeTransferButtonClick: 'completeTransfer$',
  cancelTransferButtonClick: 'cancelTransfer$',
  closeButtonClick: 'close$',
  notifyAdminButtonClick: 'notifyAdmin$',
  addCommentButtonClick: 'addComment$',
  nextButtonClick: 'next$',
} as const satisfies { readonly [K in CallCardEventType]: string };
