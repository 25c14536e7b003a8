import type { SchedulerLike } from 'rxjs';
import type { CallCardActivity } from '../model/activity';
import type { CallCardCommand } from '../model/commands';
import type { CallCardEvent, CallInfo } from '../model/events';
import { TIMER_KEEPING_STATES } from '../model/ui-states';
import type { HostUiState } from '../model/ui-states';
import { HIDDEN_CALL_CARD_TIMER, sameData } from './call-card-snapshot';
import type { CallCardSnapshot, CallCardTimerState } from './call-card-snapshot';

/**
 * The reducer state behind `callCardState` (internal): the snapshot plus what the snapshot does
 * not show, whether `entity` awaits its card. The facade reduces with it too, so that
 * `snapshot()` is current the moment an activity arrives, before any delivery.
 */
export interface Reduction {
  readonly snapshot: CallCardSnapshot;
  readonly entityFresh: boolean;
}

/**
 * A fresh card for `call`: the host's internal `externalCard` state (only a Close button), timer
 * hidden, nothing set. `call` is `null` for a card whose `initialized` payload could not be read:
 * the host raised it all the same, and its commands work.
 */
export function newCard(state: Reduction, call: CallInfo | null): Reduction {
  const { snapshot } = state;
  return {
    snapshot: settle(snapshot, {
      uiState: 'externalCard',
      title: '',
      statusText: '',
      muted: false,
      held: false,
      call,
      entity: state.entityFresh ? snapshot.entity : null,
      closed: false,
      timer: HIDDEN_CALL_CARD_TIMER,
    }),
    entityFresh: false,
  };
}

/** The reduction that starts from `initial`. */
export function startReduction(initial: CallCardSnapshot): Reduction {
  // An entity with no call yet is waiting for its `initialized`.
  return { snapshot: initial, entityFresh: initial.call === null && initial.entity !== null };
}

/** One step: the card after `activity`, times from `scheduler.now()`; the same object if unchanged. */
export function reduce(
  state: Reduction,
  activity: CallCardActivity,
  scheduler: SchedulerLike,
): Reduction {
  const { snapshot } = state;
  if (activity.kind === 'event') {
    const { event } = activity;
    if (event.type === 'initialized') return newCard(state, event.payload);
    if (event.type === 'entityChanged')
      return {
        snapshot: settle(snapshot, { ...snapshot, entity: event.payload }),
        entityFresh: true,
      };
    if (snapshot.uiState === null) return state;
    return withSnapshot(state, onEvent(snapshot, event));
  }
  if (snapshot.uiState === null) return state;
  return withSnapshot(state, onCommand(snapshot, activity.command, scheduler));
}

function withSnapshot(state: Reduction, next: CallCardSnapshot): Reduction {
  if (next === state.snapshot) return state;
  // A close ends the card: an entity seen before it belongs to that card.
  return { snapshot: next, entityFresh: next.closed ? false : state.entityFresh };
}

function onEvent(s: CallCardSnapshot, event: CallCardEvent): CallCardSnapshot {
  switch (event.type) {
    case 'muteButtonClick':
      return settle(s, { ...s, muted: event.payload });
    case 'holdButtonClick':
      return settle(s, { ...s, held: event.payload });
    case 'closeButtonClick':
      return close(s);
    default:
      return s;
  }
}

function onCommand(
  s: CallCardSnapshot,
  command: CallCardCommand,
  scheduler: SchedulerLike,
): CallCardSnapshot {
  switch (command.name) {
    case 'CallCardSetCardTitle':
      return settle(s, { ...s, title: command.params.title });
    case 'CallCardSetStatusText':
      return settle(s, { ...s, statusText: command.params.statusText });
    case 'CallCardSetMute':
      return settle(s, { ...s, muted: command.params.muted });
    case 'CallCardSetHold':
      return settle(s, { ...s, held: command.params.held });
    case 'CallCardSetUiState': {
      const { uiState, disableAutoStartTimer } = command.params;
      return settle(s, {
        ...s,
        uiState,
        timer: enterState(s.timer, uiState, disableAutoStartTimer === true, scheduler),
      });
    }
    case 'CallCardStartTimer':
      return settle(s, { ...s, timer: startTimer(s.timer, scheduler) });
    case 'CallCardStopTimer':
      return settle(s, { ...s, timer: stopTimer(s.timer, scheduler) });
    case 'CallCardClose':
      return close(s);
    case 'CallCardGetListUiStates':
      return s;
  }
}

function close(s: CallCardSnapshot): CallCardSnapshot {
  return settle(s, { ...s, uiState: null, closed: true, timer: HIDDEN_CALL_CARD_TIMER });
}

const keepsRunningTimer: ReadonlySet<HostUiState> = new Set(TIMER_KEEPING_STATES);

function enterState(
  timer: CallCardTimerState,
  uiState: HostUiState,
  disableAutoStart: boolean,
  scheduler: SchedulerLike,
): CallCardTimerState {
  if (uiState === 'connected')
    return disableAutoStart ? HIDDEN_CALL_CARD_TIMER : startTimer(timer, scheduler);
  if (keepsRunningTimer.has(uiState) && timer.running) return timer;
  return HIDDEN_CALL_CARD_TIMER;
}

function startTimer(timer: CallCardTimerState, scheduler: SchedulerLike): CallCardTimerState {
  if (timer.running) return timer.visible ? timer : { ...timer, visible: true };
  // The host reuses a start it still has: a stop followed by a start resumes.
  return {
    running: true,
    visible: true,
    startedAt: timer.startedAt ?? scheduler.now(),
    stoppedAt: null,
  };
}

function stopTimer(timer: CallCardTimerState, scheduler: SchedulerLike): CallCardTimerState {
  if (!timer.running) return timer;
  return { ...timer, running: false, stoppedAt: scheduler.now() };
}

/**
 * Returns `prev` when `next` shows the same card, otherwise a frozen `next` that reuses every
 * sub-object of `prev` it equals, so consumers can compare with `===`.
 */
function settle(prev: CallCardSnapshot, next: CallCardSnapshot): CallCardSnapshot {
  const timer = sameData(prev.timer, next.timer) ? prev.timer : Object.freeze({ ...next.timer });
  const entity = sameData(prev.entity, next.entity) ? prev.entity : next.entity;
  const call = sameData(prev.call, next.call) ? prev.call : next.call;
  const settled = { ...next, call, entity, timer };
  const keys = Object.keys(settled) as Array<keyof CallCardSnapshot>;
  if (keys.every((key) => prev[key] === settled[key])) return prev;
  return Object.freeze(settled);
}
