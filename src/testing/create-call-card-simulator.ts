import { asyncScheduler } from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import type { ButtonEventType, ButtonName } from '../model/buttons';
import { BUTTON_EVENTS, BUTTON_EVENTS_BY_STATE } from '../model/buttons';
import {
  isCallCardCommandName,
  CARD_UNDEFINED_ERROR_CODE,
  INVALID_UI_STATE_ERROR_CODE,
} from '../model/commands';
import { CallCardInputError, CallCardUnavailableError } from '../model/errors';
import type {
  CallCardEvent,
  CallCardEventMap,
  CallCardEventType,
  CallDirection,
  CallInfo,
  CrmEntityType,
  DialpadKey,
  QualityGrade,
  TransferTarget,
} from '../model/events';
import { CALL_CARD_EVENT_TYPES, hostEventName, isCallCardEventType } from '../model/events';
import type { HostUiState } from '../model/ui-states';
import { isHostUiState } from '../model/ui-states';
import { readEventPayload } from '../model/validate';
import type { PlacementPort } from '../placement/placement-port';
import { createBindingTable } from './host-bindings';
import { errorReply, uiStatesReply } from './host-replies';
import { overTheWire } from './over-the-wire';
import type { HostTimer } from './host-timer';
import { RESET_TIMER, startTimer, stopTimer, timerOnUiState, timerStatusAt } from './host-timer';
import type { NoDataStyle } from './raw-payload';
import { checkNoDataStyle, toRawPayload } from './raw-payload';
import type { SimulatorCard, SimulatorCrm } from './simulator-card';
import { renderCard } from './simulator-card';

/** Options of `createCallCardSimulator`. */
export interface SimulatorOptions {
  /** The host's clock: timer and delayed replies. Default `asyncScheduler` (virtual inside `TestScheduler.run`). */
  readonly scheduler?: SchedulerLike;
  /** A slow host: every reply arrives this many ms later on the scheduler. Default 0: synchronous. */
  readonly replyDelayMs?: number;
  /** How no-data events reach handlers: `''` (SDK, default) or `'[]'` (classic BX24). */
  readonly noDataAs?: NoDataStyle;
  /**
   * What the placement lists (`getInterface`). `events`: the names `bindEvent` accepts, as host
   * names or short types; any other name is silently ignored, like the host. Default: all 17.
   */
  readonly interface?: { readonly events?: readonly string[] };
}

/** How `ring` starts a call. */
export interface RingOptions {
  /** Default `'incoming'`. */
  readonly direction?: CallDirection;
  /** Omitted: the call object has no `PHONE_NUMBER`, as with a hidden caller. */
  readonly phoneNumber?: string;
  readonly lineNumber?: string;
  readonly lineName?: string;
  /** The CRM entity found for the number: raises `entityChanged` before `initialized`. */
  readonly crm?: SimulatorCrm;
  /** Call-list mode: the `outgoing` state also shows the Next button. Default false. */
  readonly callListMode?: boolean;
  /** Default `sim-call-<n>`, counted per simulator. */
  readonly callId?: string;
}

/** A CRM rebinding for `changeEntity`. */
export interface EntityChange {
  readonly entityType: CrmEntityType | '';
  readonly entityId: number;
  /** Default: the call's number, or `'hidden'`. */
  readonly phoneNumber?: string;
}

/** One command the simulated host received, and its answer. */
export interface SimulatorLogEntry {
  readonly command: string;
  /** A shallow copy of the params as sent. */
  readonly params: Readonly<Record<string, unknown>>;
  /** Scheduler time the host received it (the reply follows `replyDelayMs` later). */
  readonly time: number;
  /** False when the host never answers (timer commands, unknown commands). */
  readonly replied: boolean;
  /** The reply, when `replied`. */
  readonly reply: unknown;
}

/** One event the simulated host raised. */
export interface SimulatorRaisedEvent {
  readonly event: CallCardEvent;
  readonly time: number;
  /** How many handlers ran (one per binding of its name). */
  readonly delivered: number;
}

/** The payload each button needs; the others take none. */
export interface PressPayloads {
  readonly dialpad: DialpadKey;
  readonly transfer: TransferTarget;
  readonly qualityMeter: QualityGrade;
}

/** The arguments after the button name in `press`. */
export type PressArgs<B extends ButtonName> = B extends keyof PressPayloads
  ? [payload: PressPayloads[B]]
  : [];

/** A faithful in-memory call-card host; it is a `PlacementPort`. */
export interface CallCardSimulator extends PlacementPort {
  /**
   * Starts a call: drops any current card, raises `entityChanged` (when `crm` is given), then
   * makes a fresh card in the internal `externalCard` state and raises `initialized`.
   * Returns the call object sent.
   */
  ring(options?: RingOptions): CallInfo;
  /** The CRM rebinds the call: raises `entityChanged`. Needs a card. */
  changeEntity(entity: EntityChange): void;
  /**
   * Clicks a button the card shows, raising its event. `hold` and `mute` flip the flag and report
   * the new one; `close` raises `closeButtonClick`, then the host closes the card.
   */
  press<B extends ButtonName>(button: B, ...payload: PressArgs<B>): void;
  /** Saves a comment in the card's CRM editor: raises `addCommentButtonClick`. Needs a card. */
  addComment(text: string): void;
  /** A snapshot of the card now. */
  card(): SimulatorCard;
  /** The card as text (see `SimulatorCard`), e.g. for a demo or a failing test's message. */
  view(): string;
  /** Every command received, in order (live array). */
  readonly log: readonly SimulatorLogEntry[];
  /** Every event raised, in order (live array). */
  readonly raised: readonly SimulatorRaisedEvent[];
  /** How many bindings the name has: a short type or a host name. Ignored names count 0. */
  bindCount(typeOrHostEventName: CallCardEventType | (string & Record<never, never>)): number;
}

interface LiveCard {
  state: HostUiState;
  title: string;
  statusText: string;
  muted: boolean;
  held: boolean;
  timer: HostTimer;
  readonly call: CallInfo;
  crm: SimulatorCrm | null;
}

const FACTORY = 'createCallCardSimulator';
const BUTTON_NAMES = Object.keys(BUTTON_EVENTS) as ButtonName[];
const BUTTON_OF_EVENT = new Map<ButtonEventType, ButtonName>(
  BUTTON_NAMES.map((name) => [BUTTON_EVENTS[name], name]),
);
const PAYLOAD_FIELDS: Readonly<Partial<Record<ButtonName, string>>> = {
  dialpad: 'key',
  transfer: 'target',
  qualityMeter: 'grade',
};
const DIRECTIONS: readonly CallDirection[] = ['incoming', 'outgoing', 'callback'];
const CRM_TYPES: readonly CrmEntityType[] = ['LEAD', 'CONTACT', 'COMPANY', 'DEAL'];

/** The host writes whatever it gets into the card's text; nothing is refused. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return String(value);
}

function shownButtons(card: LiveCard): ButtonName[] {
  return BUTTON_EVENTS_BY_STATE[card.state]
    .filter((event) => event !== 'nextButtonClick' || card.call.CALL_LIST_MODE)
    .map((event) => BUTTON_OF_EVENT.get(event) as ButtonName);
}

function checkRing(options: RingOptions): void {
  const fail = (field: string, value: unknown, expected: string): never => {
    throw new CallCardInputError('ring', field, value, expected);
  };
  if (typeof options !== 'object' || options === null)
    fail('options', options, 'an object {direction?, phoneNumber?, crm?, ...}');
  const o = options as Record<string, unknown>;
  if (o['direction'] !== undefined && !DIRECTIONS.includes(o['direction'] as CallDirection))
    fail('direction', o['direction'], 'incoming, outgoing or callback');
  for (const key of ['phoneNumber', 'lineNumber', 'lineName'])
    if (o[key] !== undefined && typeof o[key] !== 'string') fail(key, o[key], 'a string');
  if (o['callId'] !== undefined && (typeof o['callId'] !== 'string' || o['callId'] === ''))
    fail('callId', o['callId'], 'a non-empty string');
  if (o['callListMode'] !== undefined && typeof o['callListMode'] !== 'boolean')
    fail('callListMode', o['callListMode'], 'a boolean');
  if (options.crm !== undefined) checkEntity('ring', 'crm', options.crm, false);
}

function checkEntity(where: string, field: string, entity: unknown, allowNone: boolean): void {
  if (typeof entity !== 'object' || entity === null)
    throw new CallCardInputError(where, field, entity, 'an object {entityType, entityId}');
  const e = entity as Record<string, unknown>;
  const types: readonly string[] = allowNone ? [...CRM_TYPES, ''] : CRM_TYPES;
  if (!types.includes(e['entityType'] as string))
    throw new CallCardInputError(
      where,
      `${field}.entityType`,
      e['entityType'],
      `one of ${types.map((t) => JSON.stringify(t)).join(', ')}`,
    );
  const id = e['entityId'];
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0)
    throw new CallCardInputError(where, `${field}.entityId`, id, 'an integer >= 0');
  if (e['phoneNumber'] !== undefined && typeof e['phoneNumber'] !== 'string')
    throw new CallCardInputError(where, `${field}.phoneNumber`, e['phoneNumber'], 'a string');
}

/**
 * A faithful in-memory Bitrix24 call-card host (docs/host-behaviour.md). It is a `PlacementPort`: hand it
 * to the library (or to your own code) instead of `fromBX24(...)`, then drive it like a user would:
 * `ring()` a call, `press()` the buttons the card shows, and read the card with `card()` or
 * `view()`.
 *
 * Rules:
 * 1. The card: none until `ring()`. A new card starts in the internal `externalCard` state (only
 *    a Close button, timer hidden) with an empty title and status, not muted, not held.
 * 2. Commands answer like the browser host, synchronously unless `replyDelayMs` is set: setters
 *    reply `[]` (also when nothing changes); `CallCardGetListUiStates` replies the 12 states even
 *    without a card; with no card (before `ring`, after a close) every other command replies
 *    `[{"result":"error","errorCode":"Call card is undefined"}]`; an unknown `uiState` replies
 *    `Invalid ui state`; `CallCardStartTimer`/`CallCardStopTimer` change the timer and never
 *    reply; an unknown command never replies. Effects apply when the command arrives. `log`
 *    lists every command with its reply.
 * 3. The timer follows docs/host-behaviour.md, section 4 exactly, on the scheduler's clock: elapsed is
 *    `now - startedAt`, a stop keeps `startedAt` (a restart resumes and counts the stopped time),
 *    `connected` auto-starts it unless `disableAutoStartTimer` (which resets it), the transfer
 *    states and the internal `externalCard` keep a running timer (and reset one that is not
 *    running), every other state resets it.
 * 4. Bindings: kept forever; a name bound twice gets every event twice; a name the interface does
 *    not list is silently ignored. No-data events arrive as `''` (or `[]` with `noDataAs`), and
 *    every payload is a fresh copy per handler, as after `postMessage`.
 * 5. Events come only from the card: `press` throws a `CallCardUnavailableError` naming the
 *    state and the buttons it shows when the button is not there, and a `CallCardInputError`
 *    for a bad payload. A handler that throws does not stop the others; its error is rethrown
 *    to the caller of `press` once the host is done.
 *
 * @example
 * ```ts
 * import { createCallCardSimulator } from 'b24-call-card-rx/testing';
 *
 * const host = createCallCardSimulator();
 * host.bindEvent('BackgroundCallCard::answerButtonClick', () => {
 *   host.call('CallCardSetUiState', { uiState: 'connected' }, () => {});
 * });
 * host.ring({ phoneNumber: '+15550100' });
 * host.call('CallCardSetUiState', { uiState: 'incoming' }, (reply) => console.log(reply));
 * // Logs: []
 * host.press('answer');
 * host.card().state; // 'connected'
 * host.press('skip'); // throws: press('skip'): the card in state "connected" shows no skip button; ...
 * ```
 */
export function createCallCardSimulator(options: SimulatorOptions = {}): CallCardSimulator {
  const scheduler = options.scheduler ?? asyncScheduler;
  const now = (): number => scheduler.now();
  const noDataAs = checkNoDataStyle(FACTORY, options.noDataAs);
  const replyDelayMs = options.replyDelayMs ?? 0;
  if (typeof replyDelayMs !== 'number' || !Number.isFinite(replyDelayMs) || replyDelayMs < 0)
    throw new CallCardInputError(
      FACTORY,
      'options.replyDelayMs',
      replyDelayMs,
      'a finite number >= 0',
    );
  const listed = options.interface?.events ?? CALL_CARD_EVENT_TYPES;
  if (!Array.isArray(listed) || listed.some((name) => typeof name !== 'string'))
    throw new CallCardInputError(
      FACTORY,
      'options.interface.events',
      listed,
      'an array of event names',
    );
  const accepted: ReadonlySet<string> = new Set(
    listed.map((name) => (isCallCardEventType(name) ? hostEventName(name) : name)),
  );

  const table = createBindingTable(now, null);
  const log: SimulatorLogEntry[] = [];
  const raised: SimulatorRaisedEvent[] = [];
  let card: LiveCard | null = null;
  let closed = false;
  let lastCall: CallInfo | null = null;
  let calls = 0;

  function raise<T extends CallCardEventType>(type: T, payload: CallCardEventMap[T]): void {
    const record = { event: { type, payload } as CallCardEvent, time: now(), delivered: 0 };
    raised.push(record);
    const result = table.deliver(hostEventName(type), () =>
      overTheWire(toRawPayload(payload, noDataAs)),
    );
    record.delivered = result.delivered;
    if (result.errors.length > 0) throw result.errors[0];
  }

  function closeCard(): void {
    card = null;
    closed = true;
  }

  /** The host's answer to a command: `{value}`, or `null` when it never answers. */
  function handle(command: string, params: Record<string, unknown>): { value: unknown } | null {
    if (command === 'CallCardGetListUiStates') return { value: uiStatesReply() };
    if (!isCallCardCommandName(command)) return null;
    if (!card) return { value: errorReply(CARD_UNDEFINED_ERROR_CODE) };
    const ack = { value: [] };
    switch (command) {
      case 'CallCardSetCardTitle':
        card.title = text(params['title']);
        return ack;
      case 'CallCardSetStatusText':
        card.statusText = text(params['statusText']);
        return ack;
      case 'CallCardSetUiState': {
        const state = params['uiState'];
        if (!isHostUiState(state)) return { value: errorReply(INVALID_UI_STATE_ERROR_CODE) };
        card.timer = timerOnUiState(
          card.timer,
          state,
          params['disableAutoStartTimer'] === true,
          now(),
        );
        card.state = state;
        return ack;
      }
      case 'CallCardSetMute':
        card.muted = params['muted'] === true;
        return ack;
      case 'CallCardSetHold':
        card.held = params['held'] === true;
        return ack;
      case 'CallCardStartTimer':
        card.timer = startTimer(card.timer, now());
        return null;
      case 'CallCardStopTimer':
        card.timer = stopTimer(card.timer, now());
        return null;
      default:
        // CallCardClose
        closeCard();
        return ack;
    }
  }

  function requireCard(where: string): LiveCard {
    if (card) return card;
    throw new CallCardUnavailableError(
      where,
      closed ? 'the card was closed; ring() starts a new call' : 'there is no card; ring() first',
    );
  }

  function snapshot(): SimulatorCard {
    const current = card;
    return {
      exists: current !== null,
      closed,
      state: current ? current.state : null,
      buttons: current ? shownButtons(current) : [],
      title: current ? current.title : '',
      statusText: current ? current.statusText : '',
      muted: current ? current.muted : false,
      held: current ? current.held : false,
      timer: timerStatusAt(current ? current.timer : RESET_TIMER, now()),
      call: current ? current.call : lastCall,
      crm: current ? current.crm : null,
    };
  }

  return {
    log,
    raised,
    call(command, params, onReply) {
      const copy = { ...(typeof params === 'object' && params !== null ? params : {}) };
      const time = now();
      const answer = handle(command, copy);
      log.push({
        command,
        params: copy,
        time,
        replied: answer !== null,
        reply: answer?.value,
      });
      if (answer === null) return;
      const deliver = (): void => onReply(overTheWire(answer.value));
      if (replyDelayMs > 0) scheduler.schedule(deliver, replyDelayMs);
      else deliver();
    },
    bindEvent(name, handler) {
      if (accepted.has(name)) table.bind(name, handler);
    },
    bindCount(typeOrName) {
      return table.count(isCallCardEventType(typeOrName) ? hostEventName(typeOrName) : typeOrName);
    },
    ring(ringOptions = {}) {
      checkRing(ringOptions);
      calls += 1;
      const { crm } = ringOptions;
      const info: { -readonly [K in keyof CallInfo]: CallInfo[K] } = {
        CALL_ID: ringOptions.callId ?? `sim-call-${calls}`,
        CRM_ENTITY_TYPE: crm ? crm.entityType : '',
        CRM_ENTITY_ID: crm ? crm.entityId : 0,
        CRM_BINDINGS: crm ? [{ ENTITY_TYPE: crm.entityType, ENTITY_ID: crm.entityId }] : [],
        CALL_DIRECTION: ringOptions.direction ?? 'incoming',
        CALL_STATE: 'idle',
        CALL_LIST_MODE: ringOptions.callListMode ?? false,
      };
      if (ringOptions.phoneNumber !== undefined) info.PHONE_NUMBER = ringOptions.phoneNumber;
      if (ringOptions.lineNumber !== undefined) info.LINE_NUMBER = ringOptions.lineNumber;
      if (ringOptions.lineName !== undefined) info.LINE_NAME = ringOptions.lineName;
      const call: CallInfo = Object.freeze(info);
      // The old card goes first: until `initialized`, every command answers "Call card is
      // undefined", also for an app that reacts to the early `entityChanged`.
      card = null;
      closed = false;
      lastCall = call;
      if (crm)
        raise('entityChanged', {
          PHONE_NUMBER: ringOptions.phoneNumber ?? 'hidden',
          CRM_ENTITY_TYPE: crm.entityType,
          CRM_ENTITY_ID: crm.entityId,
        });
      card = {
        state: 'externalCard',
        title: '',
        statusText: '',
        muted: false,
        held: false,
        timer: RESET_TIMER,
        call,
        crm: crm ? { ...crm } : null,
      };
      raise('initialized', call);
      return call;
    },
    changeEntity(entity) {
      const current = requireCard('changeEntity');
      checkEntity('changeEntity', 'entity', entity, true);
      current.crm =
        entity.entityType === ''
          ? null
          : { entityType: entity.entityType, entityId: entity.entityId };
      raise('entityChanged', {
        PHONE_NUMBER: entity.phoneNumber ?? current.call.PHONE_NUMBER ?? 'hidden',
        CRM_ENTITY_TYPE: entity.entityType,
        CRM_ENTITY_ID: entity.entityId,
      });
    },
    press(button, ...args) {
      if (typeof button !== 'string' || !Object.hasOwn(BUTTON_EVENTS, button))
        throw new CallCardInputError(
          'press',
          'button',
          button,
          `one of ${BUTTON_NAMES.join(', ')}`,
        );
      const where = `press('${button}')`;
      const current = requireCard(where);
      const shown = shownButtons(current);
      if (!shown.includes(button)) {
        const onlyInList =
          button === 'next' && BUTTON_EVENTS_BY_STATE[current.state].includes('nextButtonClick')
            ? ' (only in call-list mode)'
            : '';
        throw new CallCardUnavailableError(
          where,
          `the card in state "${current.state}" shows no ${button} button${onlyInList}; ` +
            `it shows: ${shown.length === 0 ? 'no buttons' : shown.join(', ')}`,
        );
      }
      const type = BUTTON_EVENTS[button];
      const given: unknown = args[0];
      const field = PAYLOAD_FIELDS[button];
      if (field !== undefined) {
        const read = readEventPayload(type, given);
        if (!read.ok) throw new CallCardInputError(where, field, given, read.error.expected);
        raise(type, read.value as never);
        return;
      }
      if (given !== undefined)
        throw new CallCardInputError(
          where,
          'payload',
          given,
          button === 'hold' || button === 'mute'
            ? `no payload: a ${button} press flips the flag and reports the new one`
            : 'no payload',
        );
      if (button === 'hold') {
        // The flag changes before the event: a handler reading card() sees the new look.
        current.held = !current.held;
        raise('holdButtonClick', current.held);
      } else if (button === 'mute') {
        current.muted = !current.muted;
        raise('muteButtonClick', current.muted);
      } else if (button === 'close') {
        try {
          raise('closeButtonClick', undefined);
        } finally {
          // The host closes its card itself after telling the app, whatever the handlers did.
          if (card === current) closeCard();
        }
      } else {
        raise(type, undefined as never);
      }
    },
    addComment(comment) {
      requireCard('addComment');
      if (typeof comment !== 'string')
        throw new CallCardInputError('addComment', 'text', comment, 'a string');
      raise('addCommentButtonClick', comment);
    },
    card: snapshot,
    view() {
      return renderCard(snapshot());
    },
  };
}
