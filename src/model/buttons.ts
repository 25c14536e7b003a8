import { CALL_CARD_EVENT_TYPES, eventShortName } from './events';
import type { CallCardEventType } from './events';
import type { HostUiState } from './ui-states';

/**
 * The short button names, as the simulator's `press` takes them, and the event each raises. Use it
 * to turn a button name into the event to expect, e.g. in a test that presses buttons by name.
 *
 * @example
 * ```ts
 * import { BUTTON_EVENTS } from 'b24-call-card-rx';
 * BUTTON_EVENTS.hangup; // 'hangupButtonClick'
 * ```
 */
export const BUTTON_EVENTS = /* @__PURE__ */ Object.fromEntries(
  // Every click but the comment editor's, which no button on the card raises.
  /* @__PURE__ */ CALL_CARD_EVENT_TYPES.filter(
    (type) => type.endsWith('Click') && type !== 'addCommentButtonClick',
  ).map((type) => [eventShortName(type), type]),
) as {
  readonly [
    T in Exclude<
      Extract<CallCardEventType, `${string}Click`>,
      'addCommentButtonClick'
    > as T extends `${infer Name}ButtonClick` ? Name : T extends `${infer Name}Click` ? Name : never
  ]: T;
};

/**
 * A short button name: `'answer'`, `'hangup'`, `'mute'`, ... The simulator's `press` takes it; use
 * it to type a test step or a panel of buttons.
 */
export type ButtonName = keyof typeof BUTTON_EVENTS;

/**
 * An event a button on the card raises, as `BUTTON_EVENTS_BY_STATE` lists them; use it to type
 * code that handles clicks only.
 */
export type ButtonEventType = (typeof BUTTON_EVENTS)[ButtonName];

/**
 * Which button events each UI state can raise (docs/host-behaviour.md, section 2). `nextButtonClick` in
 * `outgoing` exists only in call-list mode; `addCommentButtonClick` comes from the CRM comment
 * editor, which is not tied to a state, so it is listed in none. Use it to know which clicks a
 * state can bring: to check that your logic handles each, or to offer the right buttons in a fake
 * host.
 *
 * @example
 * ```ts
 * import { BUTTON_EVENTS_BY_STATE } from 'b24-call-card-rx';
 * BUTTON_EVENTS_BY_STATE.incoming; // ['answerButtonClick', 'skipButtonClick']
 * ```
 */
export const BUTTON_EVENTS_BY_STATE: {
  readonly [S in HostUiState]: readonly ButtonEventType[];
} = {
  incoming: ['answerButtonClick', 'skipButtonClick'],
  transferIncoming: ['answerButtonClick', 'skipButtonClick'],
  outgoing: ['makeCallButtonClick', 'nextButtonClick'],
  connectingIncoming: ['hangupButtonClick'],
  connectingOutgoing: ['hangupButtonClick'],
  connected: [
    'hangupButtonClick',
    'holdButtonClick',
    'muteButtonClick',
    'transferButtonClick',
    'dialpadButtonClick',
    'qualityMeterClick',
  ],
  transferring: ['completeTransferButtonClick', 'cancelTransferButtonClick'],
  transferFailed: ['cancelTransferButtonClick'],
  transferConnected: ['hangupButtonClick'],
  error: ['closeButtonClick'],
  moneyError: ['closeButtonClick', 'notifyAdminButtonClick'],
  redial: ['makeCallButtonClick'],
  idle: [],
  sipPhoneError: [],
  externalCard: ['closeButtonClick'],
};
