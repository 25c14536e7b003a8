// The hand-written baseline for the state-derivation benchmark: what an app would write without
// the library, with plain rxjs (scan + distinctUntilChanged for the snapshot; switchMap + timer
// for the call timer), each new snapshot a fixed-shape object literal (no spreads). It does the same work as callCardState + timerStatus: the same snapshot
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

/**
 * The card with these fields: `prev` itself when nothing changed; otherwise a new frozen literal
 * (one fixed shape, no spreads) sharing every sub-object of `prev` it equals.
 */
function commit(prev, uiState, title, statusText, muted, held, call, entity, closed, timer) {
  const t = sameTimer(prev.timer, timer) ? prev.timer : Object.freeze(timer);
  const e = sameEntity(prev.entity, entity) ? prev.entity : entity;
  const c = sameCall(prev.call, call) ? prev.call : call;
  if (
    prev.uiState === uiState &&
    prev.title === title &&
    prev.statusText === statusText &&
    prev.muted === muted &&
    prev.held === held &&
    prev.call === c &&
    prev.entity === e &&
    prev.closed === closed &&
    prev.timer === t
  )
    return prev;
  return Object.freeze({
    uiState,
    title,
    statusText,
    muted,
    held,
    call: c,
    entity: e,
    closed,
    timer: t,
  });
}

function start(t, now) {
  if (t.running)
    return t.visible
      ? t
      : { running: true, visible: true, startedAt: t.startedAt, stoppedAt: t.stoppedAt };
  return { running: true, visible: true, startedAt: t.startedAt ?? now(), stoppedAt: null };
}

function stop(t, now) {
  return t.running
    ? { running: false, visible: t.visible, startedAt: t.startedAt, stoppedAt: now() }
    : t;
}

function enter(t, uiState, disableAutoStart, now) {
  if (uiState === 'connected') return disableAutoStart ? HIDDEN_TIMER : start(t, now);
  if (KEEPS_RUNNING_TIMER.has(uiState) && t.running) return t;
  return HIDDEN_TIMER;
}

// One function per field that changes; every other field is copied from `s` by name.
const withUi = (s, uiState, timer) =>
  commit(s, uiState, s.title, s.statusText, s.muted, s.held, s.call, s.entity, s.closed, timer);
const withTimer = (s, timer) => withUi(s, s.uiState, timer);
const withTitle = (s, title) =>
  commit(s, s.uiState, title, s.statusText, s.muted, s.held, s.call, s.entity, s.closed, s.timer);
const withStatus = (s, text) =>
  commit(s, s.uiState, s.title, text, s.muted, s.held, s.call, s.entity, s.closed, s.timer);
const withMuted = (s, muted) =>
  commit(s, s.uiState, s.title, s.statusText, muted, s.held, s.call, s.entity, s.closed, s.timer);
const withHeld = (s, held) =>
  commit(s, s.uiState, s.title, s.statusText, s.muted, held, s.call, s.entity, s.closed, s.timer);
const withEntity = (s, entity) =>
  commit(s, s.uiState, s.title, s.statusText, s.muted, s.held, s.call, entity, s.closed, s.timer);
const closed = (s) =>
  commit(s, null, s.title, s.statusText, s.muted, s.held, s.call, s.entity, true, HIDDEN_TIMER);

// `acc` = { snapshot, entityFresh }: whether the entity arrived for a card not yet initialized.
function reduce(acc, activity, now) {
  const s = acc.snapshot;
  let next = s;
  if (activity.kind === 'event') {
    const { type, payload } = activity.event;
    if (type === 'initialized') {
      const entity = acc.entityFresh ? s.entity : null;
      const snapshot = commit(
        s,
        'externalCard',
        '',
        '',
        false,
        false,
        payload,
        entity,
        false,
        HIDDEN_TIMER,
      );
      return { snapshot, entityFresh: false };
    }
    if (type === 'entityChanged') return { snapshot: withEntity(s, payload), entityFresh: true };
    if (s.uiState === null) return acc;
    if (type === 'muteButtonClick') next = withMuted(s, payload);
    else if (type === 'holdButtonClick') next = withHeld(s, payload);
    else if (type === 'closeButtonClick') next = closed(s);
  } else {
    if (s.uiState === null) return acc;
    const { name, params } = activity.command;
    switch (name) {
      case 'CallCardSetCardTitle':
        next = withTitle(s, params.title);
        break;
      case 'CallCardSetStatusText':
        next = withStatus(s, params.statusText);
        break;
      case 'CallCardSetMute':
        next = withMuted(s, params.muted);
        break;
      case 'CallCardSetHold':
        next = withHeld(s, params.held);
        break;
      case 'CallCardSetUiState':
        next = withUi(
          s,
          params.uiState,
          enter(s.timer, params.uiState, params.disableAutoStartTimer === true, now),
        );
        break;
      case 'CallCardStartTimer':
        next = withTimer(s, start(s.timer, now));
        break;
      case 'CallCardStopTimer':
        next = withTimer(s, stop(s.timer, now));
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
