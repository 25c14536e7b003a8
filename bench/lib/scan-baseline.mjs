// The hand-written baseline for the state-derivation benchmark: what an app would write without
// the library, with plain rxjs (scan + distinctUntilChanged for the snapshot; switchMap + timer
// for the call timer). It does the same work as callCardState + timerStatus: the same snapshot
// fields, the same host timer rules (docs/host-behaviour.md, section 4), the same change detection (a
// snapshot is emitted only when something changed, frozen, sub-objects shared when equal), and
// timer statuses on the same tick grid, deduplicated. The benchmark checks that both emit equal
// sequences before it times them.
import { distinctUntilChanged, map, of, scan, startWith, switchMap, timer } from 'rxjs';

const HIDDEN_TIMER = Object.freeze({
  running: false,
  visible: false,
  startedAt: null,
  stoppedAt: null,
});

export const BASELINE_INITIAL = Object.freeze({
  uiState: null,
  title: '',
  statusText: '',
  muted: false,
  held: false,
  call: null,
  entity: null,
  closed: false,
  timer: HIDDEN_TIMER,
});

const KEEPS_RUNNING_TIMER = new Set([
  'transferring',
  'transferFailed',
  'transferConnected',
  'externalCard',
]);

const sameTimer = (a, b) =>
  a === b ||
  (a.running === b.running &&
    a.visible === b.visible &&
    a.startedAt === b.startedAt &&
    a.stoppedAt === b.stoppedAt);

const sameEntity = (a, b) =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.PHONE_NUMBER === b.PHONE_NUMBER &&
    a.CRM_ENTITY_TYPE === b.CRM_ENTITY_TYPE &&
    a.CRM_ENTITY_ID === b.CRM_ENTITY_ID);

function sameCall(a, b) {
  if (a === b) return true;
  if (a === null || b === null) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (key === 'CRM_BINDINGS') {
      const x = a.CRM_BINDINGS;
      const y = b.CRM_BINDINGS;
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i += 1)
        if (x[i].ENTITY_TYPE !== y[i].ENTITY_TYPE || x[i].ENTITY_ID !== y[i].ENTITY_ID)
          return false;
    } else if (a[key] !== b[key]) return false;
  }
  return true;
}

/** `prev` when nothing changed; otherwise a frozen `next` sharing every equal sub-object. */
function commit(prev, next) {
  const timerState = sameTimer(prev.timer, next.timer)
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
    prev.timer === timerState
  )
    return prev;
  return Object.freeze({ ...next, call, entity, timer: timerState });
}

function start(t, now) {
  if (t.running) return t.visible ? t : { ...t, visible: true };
  return { running: true, visible: true, startedAt: t.startedAt ?? now(), stoppedAt: null };
}

function stop(t, now) {
  return t.running ? { ...t, running: false, stoppedAt: now() } : t;
}

function enter(t, uiState, disableAutoStart, now) {
  if (uiState === 'connected') return disableAutoStart ? HIDDEN_TIMER : start(t, now);
  if (KEEPS_RUNNING_TIMER.has(uiState) && t.running) return t;
  return HIDDEN_TIMER;
}

const closed = (s) => commit(s, { ...s, uiState: null, closed: true, timer: HIDDEN_TIMER });

// `acc` = { snapshot, entityFresh }: whether the entity arrived for a card not yet initialized.
function reduce(acc, activity, now) {
  const s = acc.snapshot;
  let next = s;
  if (activity.kind === 'event') {
    const { type, payload } = activity.event;
    if (type === 'initialized') {
      const snapshot = commit(s, {
        uiState: 'externalCard',
        title: '',
        statusText: '',
        muted: false,
        held: false,
        call: payload,
        entity: acc.entityFresh ? s.entity : null,
        closed: false,
        timer: HIDDEN_TIMER,
      });
      return { snapshot, entityFresh: false };
    }
    if (type === 'entityChanged')
      return { snapshot: commit(s, { ...s, entity: payload }), entityFresh: true };
    if (s.uiState === null) return acc;
    if (type === 'muteButtonClick') next = commit(s, { ...s, muted: payload });
    else if (type === 'holdButtonClick') next = commit(s, { ...s, held: payload });
    else if (type === 'closeButtonClick') next = closed(s);
  } else {
    if (s.uiState === null) return acc;
    const { name, params } = activity.command;
    switch (name) {
      case 'CallCardSetCardTitle':
        next = commit(s, { ...s, title: params.title });
        break;
      case 'CallCardSetStatusText':
        next = commit(s, { ...s, statusText: params.statusText });
        break;
      case 'CallCardSetMute':
        next = commit(s, { ...s, muted: params.muted });
        break;
      case 'CallCardSetHold':
        next = commit(s, { ...s, held: params.held });
        break;
      case 'CallCardSetUiState':
        next = commit(s, {
          ...s,
          uiState: params.uiState,
          timer: enter(s.timer, params.uiState, params.disableAutoStartTimer === true, now),
        });
        break;
      case 'CallCardStartTimer':
        next = commit(s, { ...s, timer: start(s.timer, now) });
        break;
      case 'CallCardStopTimer':
        next = commit(s, { ...s, timer: stop(s.timer, now) });
        break;
      case 'CallCardClose':
        next = closed(s);
        break;
      default:
        break;
    }
  }
  if (next === s) return acc;
  return { snapshot: next, entityFresh: next.closed ? false : acc.entityFresh };
}

/** Activity to snapshots: the baseline of `callCardState({ scheduler })`. */
export const scanState = (scheduler) => {
  const now = () => scheduler.now();
  return (source) =>
    source.pipe(
      scan((acc, activity) => reduce(acc, activity, now), {
        snapshot: BASELINE_INITIAL,
        entityFresh: false,
      }),
      map((acc) => acc.snapshot),
      startWith(BASELINE_INITIAL),
      distinctUntilChanged(),
    );
};

const status = (s, elapsedMs) => Object.freeze({ status: s, elapsedMs });
const HIDDEN_STATUS = status('hidden', 0);

/** Snapshots to the timer: the baseline of `timerStatus({ scheduler, tickMs })`. */
export const scanTimer =
  (scheduler, tickMs = 1000) =>
  (source) =>
    source.pipe(
      map((s) => s.timer),
      distinctUntilChanged(sameTimer),
      switchMap((t) => {
        if (!t.visible) return of(HIDDEN_STATUS);
        const now = scheduler.now();
        if (!t.running)
          return of(
            status(
              'stopped',
              t.startedAt === null ? 0 : Math.max(0, (t.stoppedAt ?? now) - t.startedAt),
            ),
          );
        const startedAt = t.startedAt ?? now;
        // The host's grid: ticks at startedAt + k * tickMs; elapsed recomputed from the clock.
        const first = startedAt + (Math.floor((now - startedAt) / tickMs) + 1) * tickMs - now;
        return timer(first, tickMs, scheduler).pipe(
          map(() => status('running', Math.max(0, scheduler.now() - startedAt))),
          startWith(status('running', Math.max(0, now - startedAt))),
        );
      }),
      distinctUntilChanged((a, b) => a.status === b.status && a.elapsedMs === b.elapsedMs),
    );
