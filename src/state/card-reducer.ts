import type { SchedulerLike } from 'rxjs';
import type { CallCardActivity } from '../model/activity';
import type { CallCardCommand } from '../model/commands';
import type { CallCardEventType, CallInfo, CrmEntity } from '../model/events';
import { HIDDEN_CALL_CARD_TIMER, INITIAL_CALL_CARD_SNAPSHOT } from '../model/snapshot';
import type { CallCardSnapshot, CallCardTimerState, Reduction } from '../model/snapshot';
import { TIMER_KEEPING_STATES } from '../model/ui-states';
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

/**
 * One step: `r` after `activity`. Times come from the command's `at`, else `scheduler.now()`.
 *
 * An `initialized` (or an unreadable one: the host raised the card all the same) opens the card
 * numbered by the activity's `card`; without it (activity made by hand) the next after the one
 * shown. A command of another card (a late reply of an earlier call) changes nothing, nor does
 * any command or click while no card is open: the host answers every command with "Call card is
 * undefined" then, and raises no clicks.
 */
export function reduce(
  r: Reduction,
  activity: CallCardActivity,
  scheduler: SchedulerLike,
): Reduction {
  switch (activity.kind) {
    case 'event':
      return reduceEvent(r, activity.event.type, activity.event.payload, activity.card);
    case 'command':
      return reduceCommand(r, activity.command, activity.card, activity.at, scheduler);
    case 'malformed':
      return activity.error.event === 'initialized'
        ? reduceEvent(r, 'initialized', null, activity.card)
        : r;
    case 'sync': {
      const { snapshot, card, entityKept } = activity;
      return r.snapshot === snapshot && r.card === card && r.entityKept === entityKept
        ? r
        : { snapshot, card, entityKept };
    }
  }
}

/**
 * One host event: `reduce` of an `event` activity, for whoever has not made the activity. An
 * `initialized` whose payload is `null` (unreadable) opens a card all the same.
 */
export function reduceEvent(
  r: Reduction,
  type: CallCardEventType,
  payload: unknown,
  card?: number,
): Reduction {
  const s = r.snapshot;
  if (type === 'initialized') return newCard(r, payload as CallInfo | null, card);
  if (type === 'entityChanged')
    return write(r, 'entity', sameData(s.entity, payload) ? s.entity : (payload as CrmEntity));
  // No card, no clicks (the host raises none then).
  if (s.uiState === null) return r;
  if (type === 'muteButtonClick') return write(r, 'muted', payload as boolean);
  if (type === 'holdButtonClick') return write(r, 'held', payload as boolean);
  return type === 'closeButtonClick' ? close(r) : r;
}

/**
 * One command the host applied on card `card` (`undefined`: the one shown), at time `at`
 * (`undefined`: `scheduler.now()`): `reduce` of a `command` activity, for whoever has not made
 * the activity.
 */
export function reduceCommand(
  r: Reduction,
  command: CallCardCommand,
  card: number | undefined,
  at: number | undefined,
  scheduler: SchedulerLike,
): Reduction {
  const s = r.snapshot;
  if ((card ?? r.card) !== r.card || s.uiState === null) return r;
  const timer = s.timer;
  switch (command.name) {
    case 'CallCardSetUiState': {
      const { uiState, disableAutoStartTimer } = command.params;
      return write(
        r,
        'timer',
        uiState === 'connected'
          ? disableAutoStartTimer === true
            ? HIDDEN_CALL_CARD_TIMER
            : start(timer, at, scheduler)
          : timer.running && TIMER_KEEPING_STATES.includes(uiState)
            ? timer
            : HIDDEN_CALL_CARD_TIMER,
        uiState,
      );
    }
    case 'CallCardStartTimer':
      return write(r, 'timer', start(timer, at, scheduler));
    case 'CallCardStopTimer':
      return timer.running
        ? write(
            r,
            'timer',
            timerState(false, timer.visible, timer.startedAt, at ?? scheduler.now()),
          )
        : r;
    case 'CallCardClose':
      return close(r);
    case 'CallCardSetCardTitle':
      return write(r, 'title', command.params.title);
    case 'CallCardSetStatusText':
      return write(r, 'statusText', command.params.statusText);
    case 'CallCardSetMute':
      return write(r, 'muted', command.params.muted);
    case 'CallCardSetHold':
      return write(r, 'held', command.params.held);
  }
  return r;
}

/**
 * `r` with `key` set to `value`, and the UI state and timer given: `r` itself when nothing
 * changes, and the same snapshot when only `entityKept` does. An entity is kept into the next
 * card (until a close or an `initialized`); a close ends the card, and the entity seen before it
 * with it. The new snapshot is one fixed-shape literal whose fields pick `value` by name: a keyed
 * write (`next[key] = value`) over this many keys would slow every step.
 */
function write<K extends keyof CallCardSnapshot>(
  r: Reduction,
  key: K,
  value: CallCardSnapshot[K],
  uiState = r.snapshot.uiState,
  timer = r.snapshot.timer,
): Reduction {
  const s = r.snapshot;
  const entityKept = key === 'entity' || (key !== 'closed' && r.entityKept);
  if (s[key] === value && s.uiState === uiState && s.timer === timer)
    return entityKept === r.entityKept ? r : { snapshot: s, card: r.card, entityKept };
  const v = value as never;
  return {
    snapshot: Object.freeze({
      uiState,
      title: key === 'title' ? v : s.title,
      statusText: key === 'statusText' ? v : s.statusText,
      muted: key === 'muted' ? v : s.muted,
      held: key === 'held' ? v : s.held,
      call: s.call,
      entity: key === 'entity' ? v : s.entity,
      closed: key === 'closed' ? v : s.closed,
      timer: key === 'timer' ? v : timer,
    }),
    card: r.card,
    entityKept,
  };
}

function close(r: Reduction): Reduction {
  return write(r, 'closed', true, null, HIDDEN_CALL_CARD_TIMER);
}

/**
 * A fresh card for `call`, numbered `card` (default: the next after the one shown): the host's
 * internal `externalCard` state (only a Close button), timer hidden, nothing set. `call` is
 * `null` for a card whose `initialized` payload could not be read: the host raised it all the
 * same, and its commands work.
 */
function newCard(r: Reduction, call: CallInfo | null, card = r.card + 1): Reduction {
  const s = r.snapshot;
  const fresh: CallCardSnapshot = {
    ...INITIAL_CALL_CARD_SNAPSHOT,
    uiState: 'externalCard',
    call: sameData(s.call, call) ? s.call : call,
    entity: r.entityKept ? s.entity : null,
  };
  // Compared only when it may be the same: a card shown as fresh.
  const same = s.uiState === 'externalCard' && sameData(s, fresh);
  return { snapshot: same ? s : Object.freeze(fresh), card, entityKept: false };
}

function timerState(
  running: boolean,
  visible: boolean,
  startedAt: number | null,
  stoppedAt: number | null,
): CallCardTimerState {
  return Object.freeze({ running, visible, startedAt, stoppedAt });
}

/** Shown and running; the host reuses a start it still has, so a stop followed by a start resumes. */
function start(
  timer: CallCardTimerState,
  at: number | undefined,
  scheduler: SchedulerLike,
): CallCardTimerState {
  return timer.running && timer.visible
    ? timer
    : timerState(true, true, timer.startedAt ?? at ?? scheduler.now(), null);
}
