import { Observable, asyncScheduler } from 'rxjs';
import type { OperatorFunction, SchedulerLike } from 'rxjs';
import type { CallCardActivity } from '../model/activity';
import type { CallCardCommand } from '../model/commands';
import { CallCardInputError } from '../model/errors';
import type { CallCardEvent, CallInfo, CrmEntity } from '../model/events';
import { TIMER_KEEPING_STATES, isHostUiState } from '../model/ui-states';
import type { HostUiState } from '../model/ui-states';
import {
  HIDDEN_CALL_CARD_TIMER,
  INITIAL_CALL_CARD_SNAPSHOT,
  sameTimerState,
} from './call-card-snapshot';
import type { CallCardSnapshot, CallCardTimerState } from './call-card-snapshot';

/** Options of {@link callCardState}. */
export interface CallCardStateOptions {
  /** Where timer times come from (`now()` when an activity arrives). Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** The snapshot to start from. Default `INITIAL_CALL_CARD_SNAPSHOT` (no card yet). */
  readonly initial?: CallCardSnapshot;
}

/**
 * Derives what the call card shows from its activity: host events AND the commands the host
 * acknowledged (or, for the timer commands it never answers, that were sent). Commands must count
 * because `CallCardSetMute`, `CallCardSetHold` and the timer commands change the card silently.
 *
 * 1. Emits the initial snapshot on subscription, then a new snapshot for each activity that
 *    changes something, and nothing for one that does not.
 * 2. `initialized` starts a fresh card, also over an open one: UI state `externalCard` (the host's
 *    internal state with only a Close button), timer hidden, not muted, not held, empty title and
 *    status text, `call` = the payload (its `CALL_STATE` says where the call is).
 * 3. `entityChanged` sets `entity` at any time. It may come BEFORE `initialized`: an entity that
 *    arrived since the last close or `initialized` survives the next `initialized`; an older one
 *    (the previous call's) is dropped by it.
 * 4. Mute and hold follow the clicks' payload (the NEW state) and applied `CallCardSetMute` /
 *    `CallCardSetHold`; title and status text follow `CallCardSetCardTitle` /
 *    `CallCardSetStatusText`.
 * 5. The timer follows the host exactly (HOST-FACTS section 4), with times from
 *    `scheduler.now()` when the activity arrives:
 *    - `CallCardSetUiState` `connected`: visible; if not running, start (keeping an earlier
 *      `startedAt`). Re-entering `connected` while running changes nothing.
 *    - `connected` with `disableAutoStartTimer: true`: stopped, hidden, reset.
 *    - `transferring`, `transferFailed`, `transferConnected`, `externalCard`: a running timer keeps
 *      counting; one that is not running is hidden and reset.
 *    - any other state: stopped, hidden, reset.
 *    - `CallCardStartTimer`: visible; if not running, start (keeping an earlier `startedAt`), so a
 *      stop followed by a start resumes and counts the stopped time.
 *    - `CallCardStopTimer`: a running timer stops, stays visible, keeps `startedAt` and records
 *      `stoppedAt`; otherwise nothing changes.
 * 6. A Close click or an applied `CallCardClose` closes the card: `closed: true`, `uiState: null`,
 *    timer hidden and reset. `call`, title, status, mute and hold keep the closed card's values
 *    until the next `initialized`.
 * 7. While no card exists (`uiState: null`: before the first `initialized`, after a close) only
 *    `initialized` and `entityChanged` change anything: the host answers every command with
 *    "Call card is undefined" then and raises no clicks.
 * 8. Snapshots are frozen and structurally shared: a field that did not change keeps the same
 *    object, so `===` on `call`, `entity`, `timer` (or the whole snapshot) tells what changed.
 * 9. Safe to share: each subscription reduces on its own, and activity that arrives while a
 *    snapshot is being delivered (a subscriber whose command the host acknowledges synchronously)
 *    is reduced at once but delivered after that delivery ends, so every subscriber of a shared
 *    state sees the snapshots in the same order and ends on the latest.
 * 10. Errors and completion of the source pass through; unsubscribing unsubscribes the source.
 *
 * ## Examples
 *
 * @example
 * A card connects, the app mutes it, then the timer is stopped:
 * ```ts
 * import { of } from 'rxjs';
 * import { callCardState } from 'b24-call-card-rx';
 * import type { CallCardActivity } from 'b24-call-card-rx';
 *
 * const activity$ = of<CallCardActivity[]>(
 *   { kind: 'event', event: { type: 'initialized', payload: call } }, // call: the host's CallInfo
 *   { kind: 'command', command: { name: 'CallCardSetUiState', params: { uiState: 'connected' } } },
 *   { kind: 'command', command: { name: 'CallCardSetMute', params: { muted: true } } },
 *   { kind: 'command', command: { name: 'CallCardStopTimer', params: {} } },
 * );
 * activity$
 *   .pipe(callCardState())
 *   .subscribe((s) => console.log(s.uiState, s.muted, s.timer.running, s.timer.visible));
 * // Logs:
 * // null false false false
 * // externalCard false false false
 * // connected false true true
 * // connected true true true
 * // connected true false true
 * ```
 *
 * @example
 * In marbles (`i` initialized, `c` connected applied, `a` answer click: no change):
 * ```ts
 * // activity: --i--c--a--|
 * // state:    s-t--u-----|
 * ```
 *
 * @param options Where times come from, and the snapshot to start from.
 * @returns An operator from call-card activity to snapshots of the card.
 */
export function callCardState(
  options: CallCardStateOptions = {},
): OperatorFunction<CallCardActivity, CallCardSnapshot> {
  const scheduler = options.scheduler ?? asyncScheduler;
  const initial = options.initial ?? INITIAL_CALL_CARD_SNAPSHOT;
  if (typeof scheduler?.now !== 'function')
    throw new CallCardInputError('callCardState', 'scheduler', scheduler, 'a SchedulerLike');
  if (
    typeof initial !== 'object' ||
    initial === null ||
    !(initial.uiState === null || isHostUiState(initial.uiState)) ||
    typeof initial.timer !== 'object' ||
    initial.timer === null
  )
    throw new CallCardInputError(
      'callCardState',
      'initial',
      initial,
      'a CallCardSnapshot (uiState a host UI state or null, and a timer)',
    );

  return (source) =>
    new Observable<CallCardSnapshot>((subscriber) => {
      let state: Reduction = {
        snapshot: initial,
        // An entity with no call yet is waiting for its `initialized`.
        entityFresh: initial.call === null && initial.entity !== null,
      };
      const queue: Array<() => void> = [];
      let draining = false;
      const deliver = (work: () => void): void => {
        queue.push(work);
        if (draining) return;
        draining = true;
        try {
          for (let next = queue.shift(); next && !subscriber.closed; next = queue.shift()) next();
        } finally {
          draining = false;
          if (subscriber.closed) queue.length = 0;
        }
      };

      deliver(() => subscriber.next(initial));
      if (subscriber.closed) return undefined;
      return source.subscribe({
        next: (activity) => {
          const next = reduce(state, activity, scheduler);
          const changed = next.snapshot !== state.snapshot;
          // Reduce now (times are taken on arrival); deliver in order after any delivery in progress.
          state = next;
          if (changed) deliver(() => subscriber.next(next.snapshot));
        },
        error: (error: unknown) => deliver(() => subscriber.error(error)),
        complete: () => deliver(() => subscriber.complete()),
      });
    });
}

/** The snapshot plus what the snapshot does not show: whether `entity` awaits its card. */
interface Reduction {
  readonly snapshot: CallCardSnapshot;
  readonly entityFresh: boolean;
}

function reduce(state: Reduction, activity: CallCardActivity, scheduler: SchedulerLike): Reduction {
  const { snapshot } = state;
  if (activity.kind === 'event') {
    const { event } = activity;
    if (event.type === 'initialized') {
      return {
        snapshot: settle(snapshot, {
          uiState: 'externalCard',
          title: '',
          statusText: '',
          muted: false,
          held: false,
          call: event.payload,
          entity: state.entityFresh ? snapshot.entity : null,
          closed: false,
          timer: HIDDEN_CALL_CARD_TIMER,
        }),
        entityFresh: false,
      };
    }
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
  const timer = sameTimerState(prev.timer, next.timer)
    ? prev.timer
    : Object.freeze({ ...next.timer });
  const entity = sameEntity(prev.entity, next.entity) ? prev.entity : next.entity;
  const call = sameCall(prev.call, next.call) ? prev.call : next.call;
  if (
    prev.uiState === next.uiState &&
    prev.title === next.title &&
    prev.statusText === next.statusText &&
    prev.muted === next.muted &&
    prev.held === next.held &&
    prev.call === call &&
    prev.entity === entity &&
    prev.closed === next.closed &&
    prev.timer === timer
  )
    return prev;
  return Object.freeze({ ...next, call, entity, timer });
}

function sameEntity(a: CrmEntity | null, b: CrmEntity | null): boolean {
  return (
    a === b ||
    (a !== null &&
      b !== null &&
      a.PHONE_NUMBER === b.PHONE_NUMBER &&
      a.CRM_ENTITY_TYPE === b.CRM_ENTITY_TYPE &&
      a.CRM_ENTITY_ID === b.CRM_ENTITY_ID)
  );
}

function sameCall(a: CallInfo | null, b: CallInfo | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  const keys = Object.keys(a) as Array<keyof CallInfo>;
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) =>
    key === 'CRM_BINDINGS'
      ? a.CRM_BINDINGS.length === b.CRM_BINDINGS.length &&
        a.CRM_BINDINGS.every(
          (binding, i) =>
            binding.ENTITY_TYPE === b.CRM_BINDINGS[i]?.ENTITY_TYPE &&
            binding.ENTITY_ID === b.CRM_BINDINGS[i]?.ENTITY_ID,
        )
      : a[key] === b[key],
  );
}
