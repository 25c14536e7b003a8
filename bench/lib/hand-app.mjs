// The hand-written equivalent of `connectCallCard` that the end-to-end benchmarks compare with:
// what a user writes without the library. Callbacks bound with the classic
// `BX24.placement.bindEvent`, the card's state in a `BehaviorSubject`, each change a fixed-shape
// object literal copy (no spreads, not frozen), commands sent straight with
// `BX24.placement.call`, a reply checked for the host's error array before the state follows it,
// and the call timer derived from the state with `switchMap` + `interval`.
//
// It keeps the same fields as the library's snapshot (so each change copies as much) and the
// host's timer rules for the states the benchmarks use (docs/host-behaviour.md, section 4). It
// does not validate payloads beyond their type, queue commands (the benchmarks' host answers
// synchronously), coalesce, time out, or freeze: that is what the library adds, and what the
// ratio prices.
import {
  BehaviorSubject,
  Subject,
  asyncScheduler,
  distinctUntilChanged,
  interval,
  map,
  of,
  startWith,
  switchMap,
} from 'rxjs';

const PREFIX = 'BackgroundCallCard::';

const HIDDEN_TIMER = { running: false, visible: false, startedAt: null, stoppedAt: null };
const HIDDEN_STATUS = { status: 'hidden', elapsedMs: 0 };

/** One fixed shape for every state the app holds. */
const card = (uiState, title, statusText, muted, held, call, entity, closed, timer) => ({
  uiState,
  title,
  statusText,
  muted,
  held,
  call,
  entity,
  closed,
  timer,
});

export const HAND_INITIAL = card(null, '', '', false, false, null, null, false, HIDDEN_TIMER);

const hostError = (reply) =>
  Array.isArray(reply) &&
  reply.length > 0 &&
  typeof reply[0] === 'object' &&
  reply[0] !== null &&
  reply[0].result === 'error';

/**
 * @param {{ placement: { bindEvent: Function, call: Function } }} bx24 a classic `BX24`
 * @param {{ scheduler?: import('rxjs').SchedulerLike, script?: boolean }} [options] `script`:
 *   also the app logic of the scripted call (answer -> connected, hold/mute clicks confirmed
 *   with CallCardSetHold/CallCardSetMute, transfer -> transferring, hangup -> redial)
 */
export function handApp(bx24, { scheduler = asyncScheduler, script = false } = {}) {
  const { placement } = bx24;
  const state = new BehaviorSubject(HAND_INITIAL);
  const errors = new Subject();

  const send = (command, params, applied) =>
    placement.call(command, params, (reply) => {
      if (hostError(reply)) errors.next(new Error(`${command}: ${reply[0].errorCode}`));
      else applied();
    });

  const setMuted = (muted) => {
    const s = state.value;
    if (s.uiState === null || s.muted === muted) return;
    state.next(
      card(s.uiState, s.title, s.statusText, muted, s.held, s.call, s.entity, s.closed, s.timer),
    );
  };
  const setHeld = (held) => {
    const s = state.value;
    if (s.uiState === null || s.held === held) return;
    state.next(
      card(s.uiState, s.title, s.statusText, s.muted, held, s.call, s.entity, s.closed, s.timer),
    );
  };
  const setStatus = (text) => {
    const s = state.value;
    if (s.uiState === null || s.statusText === text) return;
    state.next(
      card(s.uiState, s.title, text, s.muted, s.held, s.call, s.entity, s.closed, s.timer),
    );
  };
  const enter = (uiState) => {
    const s = state.value;
    if (s.uiState === null || s.uiState === uiState) return;
    const t = s.timer;
    let timer = HIDDEN_TIMER;
    if (uiState === 'connected')
      timer = t.running
        ? t
        : {
            running: true,
            visible: true,
            startedAt: t.startedAt ?? scheduler.now(),
            stoppedAt: null,
          };
    else if (uiState === 'transferring' && t.running) timer = t;
    state.next(
      card(uiState, s.title, s.statusText, s.muted, s.held, s.call, s.entity, false, timer),
    );
  };

  const bind = (type, handler) => placement.bindEvent(PREFIX + type, handler);
  bind('initialized', (call) => {
    if (typeof call !== 'object' || call === null || Array.isArray(call)) return;
    state.next(card('externalCard', '', '', false, false, call, null, false, HIDDEN_TIMER));
  });
  bind('entityChanged', (entity) => {
    if (typeof entity !== 'object' || entity === null || Array.isArray(entity)) return;
    const s = state.value;
    state.next(
      card(s.uiState, s.title, s.statusText, s.muted, s.held, s.call, entity, s.closed, s.timer),
    );
  });
  bind('muteButtonClick', (muted) => {
    if (typeof muted !== 'boolean') return;
    setMuted(muted);
    if (script) send('CallCardSetMute', { muted }, () => setMuted(muted));
  });
  bind('holdButtonClick', (held) => {
    if (typeof held !== 'boolean') return;
    setHeld(held);
    if (script) send('CallCardSetHold', { held }, () => setHeld(held));
  });
  bind('closeButtonClick', () => {
    const s = state.value;
    if (s.uiState === null) return;
    state.next(
      card(null, s.title, s.statusText, s.muted, s.held, s.call, s.entity, true, HIDDEN_TIMER),
    );
  });
  if (script) {
    bind('answerButtonClick', () => setUiState('connected'));
    bind('transferButtonClick', () => setUiState('transferring'));
    bind('hangupButtonClick', () => setUiState('redial'));
  }

  function setUiState(uiState) {
    send('CallCardSetUiState', { uiState }, () => enter(uiState));
  }

  const timer$ = state.pipe(
    map((s) => s.timer),
    distinctUntilChanged(),
    switchMap((t) => {
      if (!t.visible) return of(HIDDEN_STATUS);
      if (!t.running) return of({ status: 'stopped', elapsedMs: t.stoppedAt - t.startedAt });
      return interval(1000, scheduler).pipe(
        startWith(0),
        map(() => ({ status: 'running', elapsedMs: scheduler.now() - t.startedAt })),
      );
    }),
  );

  return {
    state$: state.asObservable(),
    timer$,
    errors$: errors.asObservable(),
    snapshot: () => state.value,
    setUiState,
    setStatusText: (text) =>
      send('CallCardSetStatusText', { statusText: text }, () => setStatus(text)),
  };
}
