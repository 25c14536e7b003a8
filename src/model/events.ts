/**
 * CRM entity types the host reports; `''` when the call is bound to nothing. Switch on it to show
 * or look up the right kind of CRM record.
 */
export type CrmEntityType = 'LEAD' | 'CONTACT' | 'COMPANY' | 'DEAL';

/**
 * One CRM binding of a call, as the host sends it. `CallInfo.CRM_BINDINGS` lists every record the
 * call is bound to, beyond its main `CRM_ENTITY_ID`.
 */
export interface CrmBinding {
  readonly ENTITY_TYPE: string;
  readonly ENTITY_ID: number;
}

/**
 * Direction of the call the card shows (`CallInfo.CALL_DIRECTION`): branch on it where incoming
 * and outgoing calls differ (a greeting, the first UI state).
 */
export type CallDirection = 'incoming' | 'outgoing' | 'callback';

/**
 * The host's call state in the `initialized` payload (`CallInfo.CALL_STATE`): read it to choose
 * the first UI state of a card raised for a call already under way.
 */
export type CallState = 'idle' | 'connecting' | 'connected';

/**
 * The `initialized` payload: the call the card was raised for. Keys are kept exactly as the host
 * sends them. `PHONE_NUMBER` may be absent or `"hidden"`. `initialized$` emits it and
 * `snapshot.call` keeps it: read the caller's number and CRM record here.
 */
export interface CallInfo {
  readonly CALL_ID: string;
  readonly PHONE_NUMBER?: string;
  readonly LINE_NUMBER?: string;
  readonly LINE_NAME?: string;
  readonly CRM_ENTITY_TYPE: CrmEntityType | '';
  /** 0 when the call is bound to no entity. */
  readonly CRM_ENTITY_ID: number;
  readonly CRM_ACTIVITY_ID?: number | string;
  readonly CRM_BINDINGS: readonly CrmBinding[];
  readonly CALL_DIRECTION: CallDirection;
  readonly CALL_STATE: CallState;
  readonly CALL_LIST_MODE: boolean;
}

/**
 * The `entityChanged` payload. `PHONE_NUMBER` may be `"unknown"` or `"hidden"`. It can arrive
 * before `initialized`. `entityChanged$` emits it and `snapshot.entity` keeps the latest: follow it
 * to show the CRM record the call is bound to now.
 */
export interface CrmEntity {
  readonly PHONE_NUMBER: string;
  readonly CRM_ENTITY_TYPE: CrmEntityType | '';
  readonly CRM_ENTITY_ID: number;
}

/**
 * The `transferButtonClick` payload: `target` is an employee id or a phone number. `transfer$`
 * emits it: hand it to your telephony backend to start the transfer.
 */
export interface TransferTarget {
  readonly phoneNumber: string;
  readonly target: number | string;
}

/**
 * One dialpad key. `dialpad$` emits one per press: send it on as a tone, or join the keys with
 * `dialpadDigits`.
 */
export type DialpadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#';

/**
 * The quality meter's grade, as the host sends it. `qualityMeter$` emits it when the user clicks
 * the meter (log it with the call, for instance).
 */
export type QualityGrade = '1' | '2' | '3' | '4' | '5';

/**
 * Payload type of every call-card event, keyed by the short event type (the host name without
 * `BackgroundCallCard::`). No-data events carry `undefined`. Index it to type the payload of one
 * event: `CallCardEventMap['transferButtonClick']`.
 */
export interface CallCardEventMap {
  initialized: CallInfo;
  entityChanged: CrmEntity;
  answerButtonClick: undefined;
  skipButtonClick: undefined;
  makeCallButtonClick: undefined;
  hangupButtonClick: undefined;
  /** The NEW hold state. */
  holdButtonClick: boolean;
  /** The NEW mute state. */
  muteButtonClick: boolean;
  transferButtonClick: TransferTarget;
  dialpadButtonClick: DialpadKey;
  qualityMeterClick: QualityGrade;
  completeTransferButtonClick: undefined;
  cancelTransferButtonClick: undefined;
  closeButtonClick: undefined;
  notifyAdminButtonClick: undefined;
  addCommentButtonClick: string;
  nextButtonClick: undefined;
}

/**
 * The short type of a call-card event, e.g. `'hangupButtonClick'`. It is what `ofType`, `on` and
 * `fromCallCardEvent` take; use it in code of your own that takes any event type.
 */
export type CallCardEventType = keyof CallCardEventMap;

/**
 * All 17 event types, in the order of the host documentation. Walk it to cover every event (a debug
 * panel, a test table); `isCallCardEventType` checks one value.
 *
 * @example
 * ```ts
 * import { CALL_CARD_EVENT_TYPES } from 'b24-call-card-rx';
 * CALL_CARD_EVENT_TYPES.length; // 17
 * ```
 */
export const CALL_CARD_EVENT_TYPES = [
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
] as const satisfies readonly CallCardEventType[];

// Compile-time proof that the list names every key of the map.
type MissingEventTypes = Exclude<CallCardEventType, (typeof CALL_CARD_EVENT_TYPES)[number]>;
const _allEventTypesListed: MissingEventTypes extends never ? true : false = true;
void _allEventTypesListed;

/**
 * A call-card event as data: the discriminated union over all 17 types. `all$` emits it: narrow on
 * `type` (or with `ofType`) to reach a typed payload, in a logger or a reducer of your own.
 */
export type CallCardEvent<T extends CallCardEventType = CallCardEventType> = {
  [K in T]: { readonly type: K; readonly payload: CallCardEventMap[K] };
}[T];

/**
 * The prefix of every host event name (internal: users have `hostEventName(type)`).
 *
 * @internal
 */
export const HOST_EVENT_PREFIX = 'BackgroundCallCard::';

/**
 * The host's name of an event type, e.g. `BackgroundCallCard::hangupButtonClick`. What
 * `hostEventName` returns; use it to type a table keyed by host names (a fake host, a log filter).
 */
// The prefix spelled out, not `typeof HOST_EVENT_PREFIX`: that constant is internal. The return
// type of `hostEventName` keeps the two equal (the compiler refuses a prefix that differs).
export type HostEventName<T extends CallCardEventType = CallCardEventType> =
  `BackgroundCallCard::${T}`;

/**
 * Whether `value` is one of the 17 event types. Use it to check a type read from elsewhere (a
 * session log, a message from another frame) before `ofType` or `on(type)`, which throw for an
 * unknown one.
 *
 * @example
 * ```ts
 * import { isCallCardEventType } from 'b24-call-card-rx';
 * isCallCardEventType('muteButtonClick'); // true
 * ```
 */
export function isCallCardEventType(value: unknown): value is CallCardEventType {
  // A search of 17 names, not a Set: it runs when a stream is made, never per event.
  return (CALL_CARD_EVENT_TYPES as readonly unknown[]).includes(value);
}

/**
 * The host event name to bind for an event type. Reach for it where you talk to the host yourself:
 * a `PlacementPort` or a fake host of your own, or the `event` names of a session log.
 *
 * @example
 * ```ts
 * import { hostEventName } from 'b24-call-card-rx';
 * hostEventName('hangupButtonClick'); // 'BackgroundCallCard::hangupButtonClick'
 * ```
 */
export function hostEventName<T extends CallCardEventType>(type: T): HostEventName<T> {
  return `${HOST_EVENT_PREFIX}${type}`;
}

/**
 * The short name of an event type, without its `ButtonClick` / `Click` suffix (internal): the
 * button's name (`'hangup'`, `'qualityMeter'`) and, with a `$`, the field of its stream in
 * `callCardEvents` (`hangup$`, `initialized$`). Any other name without that suffix is its own
 * short name (`all`, `malformed`).
 *
 * @internal
 */
export function eventShortName(type: string): string {
  return type.replace(/(Button)?Click$/, '');
}
