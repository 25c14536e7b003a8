import type { SchedulerLike } from 'rxjs';
import type { CallCardActivity } from '../model/activity';
import type { CallCardCommand } from '../model/commands';
import type { CallCardPayloadError } from '../model/errors';
import type { CallCardEventMap, CallCardEventType, CallInfo } from '../model/events';
import { HIDDEN_CALL_CARD_TIMER } from '../model/snapshot';
import type { CallCardSnapshot, CallCardTimerState, Reduction } from '../model/snapshot';
import { TIMER_KEEPING_STATES } from '../model/ui-states';
import type { HostUiState } from '../model/ui-states';
import { sameData } from './same-data';

/**
 * The one reducer of the card (internal): `callCardState` runs it over an activity stream, and
 * the live state runs it over the activity it emits, so the two can never disagree.
 *
 * Every step returns the very same reduction when nothing changed, and builds new snapshots as
 * fixed-shape, frozen literals (no spreads): a field that did not change keeps its object.
 */

/** The reduction that starts from `initial` (card 0: no card counted yet). */
export function startReduction(initial: CallCardSnapshot): Reduction {
  // An entity with no call yet is waiting for its `initialized`.
  return {
    snapshot: initial,
    card: 0,
    entityKept: initial.call === null && initial.entity !== null,
  };
}

/** One step of any activity; times from `scheduler.now()`. */
export function reduce(
  r: Reduction,
  activity: CallCardActivity,
  scheduler: SchedulerLike,
): Reduction {
  switch (activity.kind) {
    case 'event':
      return reduceEvent(r, activity.event.type, activity.event.payload, activity.card);
    case 'command':
      return reduceCommand(r, activity.command, activity.card, scheduler, activity.at);
    case 'malformed':
      return reduceMalformed(r, activity.error, activity.card);
    case 'sync': {
      const { snapshot, card, entityKept } = activity;
      return r.snapshot === snapshot && r.card === card && r.entityKept === entityKept
        ? r
        : { snapshot, card, entityKept };
    }
  }
}

/**
 * A host event. `card`, for an `initialized`, is the number the session gave the card it opened;
 * without it (activity made by hand) the reducer counts on from the card it shows.
 */
export function reduceEvent<T extends CallCardEventType>(
  r: Reduction,
  type: T,
  payload: CallCardEventMap[T],
  card?: number,
): Reduction;
export function reduceEvent(
  r: Reduction,
  type: CallCardEventType,
  payload: unknown,
  card?: number,
): Reduction {
  const s = r.snapshot;
  switch (type) {
    case 'initialized':
      return newCard(r, payload as CallInfo, card);
    case 'entityChanged': {
      const entity = sameData(s.entity, payload)
        ? s.entity
        : (payload as CallCardSnapshot['entity']);
      if (entity === s.entity && r.entityKept) return r;
      const next = copy(s);
      next.entity = entity;
      return {
        snapshot: entity === s.entity ? s : Object.freeze(next),
        card: r.card,
        entityKept: true,
      };
    }
    default:
      // No card, no clicks (the host raises none then).
      if (s.uiState === null) return r;
      if (type === 'muteButtonClick') return withFlag(r, 'muted', payload as boolean);
      if (type === 'holdButtonClick') return withFlag(r, 'held', payload as boolean);
      if (type === 'closeButtonClick') return close(r);
      return r;
  }
}

/**
 * A command the host applied on card `card` (`undefined`: the current one), at time `at`
 * (`undefined`: `scheduler.now()`). A command of another card (a late reply of an earlier call)
 * changes nothing, nor does any command while no card is open: the host answers every command
 * with "Call card is undefined" then.
 */
export function reduceCommand(
  r: Reduction,
  command: CallCardCommand,
  card: number | undefined,
  scheduler: SchedulerLike,
  at?: number,
): Reduction {
  const s = r.snapshot;
  if ((card !== undefined && card !== r.card) || s.uiState === null) return r;
  switch (command.name) {
    case 'CallCardSetCardTitle':
      return withText(r, 'title', command.params.title);
    case 'CallCardSetStatusText':
      return withText(r, 'statusText', command.params.statusText);
    case 'CallCardSetMute':
      return withFlag(r, 'muted', command.params.muted);
    case 'CallCardSetHold':
      return withFlag(r, 'held', command.params.held);
    case 'CallCardSetUiState': {
      const { uiState, disableAutoStartTimer } = command.params;
      const timer = enterState(s.timer, uiState, disableAutoStartTimer === true, scheduler, at);
      if (uiState === s.uiState && timer === s.timer) return r;
      const next = copy(s);
      next.uiState = uiState;
      next.timer = timer;
      return changed(r, next);
    }
    case 'CallCardStartTimer':
      return withTimer(r, startTimer(s.timer, scheduler, at));
    case 'CallCardStopTimer':
      return withTimer(r, stopTimer(s.timer, scheduler, at));
    case 'CallCardClose':
      return close(r);
    case 'CallCardGetListUiStates':
      return r;
  }
}

/**
 * A host event whose payload could not be read: an unreadable `initialized` still raised a card
 * (shown with `call: null`); any other one changes nothing.
 */
export function reduceMalformed(
  r: Reduction,
  error: CallCardPayloadError,
  card?: number,
): Reduction {
  return error.event === 'initialized' ? newCard(r, null, card) : r;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A fixed-shape, unfrozen copy of `s` to change before freezing. */
function copy(s: CallCardSnapshot): Mutable<CallCardSnapshot> {
  return {
    uiState: s.uiState,
    title: s.title,
    statusText: s.statusText,
    muted: s.muted,
    held: s.held,
    call: s.call,
    entity: s.entity,
    closed: s.closed,
    timer: s.timer,
  };
}

function changed(r: Reduction, next: Mutable<CallCardSnapshot>): Reduction {
  // A close ends the card: an entity seen before it belongs to that card.
  return {
    snapshot: Object.freeze(next),
    card: r.card,
    entityKept: next.closed ? false : r.entityKept,
  };
}

function withText(r: Reduction, key: 'title' | 'statusText', value: string): Reduction {
  if (r.snapshot[key] === value) return r;
  const next = copy(r.snapshot);
  next[key] = value;
  return changed(r, next);
}

function withFlag(r: Reduction, key: 'muted' | 'held', value: boolean): Reduction {
  if (r.snapshot[key] === value) return r;
  const next = copy(r.snapshot);
  next[key] = value;
  return changed(r, next);
}

function withTimer(r: Reduction, timer: CallCardTimerState): Reduction {
  if (r.snapshot.timer === timer) return r;
  const next = copy(r.snapshot);
  next.timer = timer;
  return changed(r, next);
}

/**
 * A fresh card for `call`, numbered `card` (default: the next after the one shown): the host's
 * internal `externalCard` state (only a Close button), timer hidden, nothing set. `call` is
 * `null` for a card whose `initialized` payload could not be read: the host raised it all the
 * same, and its commands work.
 */
export function newCard(r: Reduction, call: CallInfo | null, card = r.card + 1): Reduction {
  const s = r.snapshot;
  const sameCall = sameData(s.call, call);
  const entity = r.entityKept ? s.entity : null;
  const snapshot =
    s.uiState === 'externalCard' &&
    s.title === '' &&
    s.statusText === '' &&
    !s.muted &&
    !s.held &&
    sameCall &&
    s.entity === entity &&
    !s.closed &&
    s.timer === HIDDEN_CALL_CARD_TIMER
      ? s
      : Object.freeze({
          uiState: 'externalCard',
          title: '',
          statusText: '',
          muted: false,
          held: false,
          call: sameCall ? s.call : call,
          entity,
          closed: false,
          timer: HIDDEN_CALL_CARD_TIMER,
        } as const);
  return { snapshot, card, entityKept: false };
}

function close(r: Reduction): Reduction {
  const s = r.snapshot;
  if (s.closed && s.uiState === null && s.timer === HIDDEN_CALL_CARD_TIMER) return r;
  const next = copy(s);
  next.uiState = null;
  next.closed = true;
  next.timer = HIDDEN_CALL_CARD_TIMER;
  return changed(r, next);
}

const keepsRunningTimer: ReadonlySet<HostUiState> = new Set(TIMER_KEEPING_STATES);

function enterState(
  timer: CallCardTimerState,
  uiState: HostUiState,
  disableAutoStart: boolean,
  scheduler: SchedulerLike,
  at: number | undefined,
): CallCardTimerState {
  if (uiState === 'connected')
    return disableAutoStart ? HIDDEN_CALL_CARD_TIMER : startTimer(timer, scheduler, at);
  if (keepsRunningTimer.has(uiState) && timer.running) return timer;
  return HIDDEN_CALL_CARD_TIMER;
}

function timerState(
  running: boolean,
  visible: boolean,
  startedAt: number | null,
  stoppedAt: number | null,
): CallCardTimerState {
  return Object.freeze({ running, visible, startedAt, stoppedAt });
}

function startTimer(
  timer: CallCardTimerState,
  scheduler: SchedulerLike,
  at: number | undefined,
): CallCardTimerState {
  if (timer.running)
    return timer.visible ? timer : timerState(true, true, timer.startedAt, timer.stoppedAt);
  // The host reuses a start it still has: a stop followed by a start resumes.
  return timerState(true, true, timer.startedAt ?? at ?? scheduler.now(), null);
}

function stopTimer(
  timer: CallCardTimerState,
  scheduler: SchedulerLike,
  at: number | undefined,
): CallCardTimerState {
  if (!timer.running) return timer;
  return timerState(false, timer.visible, timer.startedAt, at ?? scheduler.now());
}
