// A realistic, deterministic stream of call-card activity for the state-derivation benchmark:
// whole calls (entity, initialized, incoming, answer, connected, a conversation of status texts,
// mute/hold clicks and commands, dialpad keys, timer stops and starts, transfers, hangup, redial,
// close), with virtual time advancing between items. Items are pooled objects shared by the
// library's run and the baseline's, so both reduce exactly the same input.
import {
  closeCard,
  setCardTitle,
  setHold,
  setMute,
  setStatusText,
  setUiState,
  startTimer,
  stopTimer,
} from 'b24-call-card-rx';

// mulberry32: small, fast, deterministic.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const event = (type, payload) => Object.freeze({ kind: 'event', event: { type, payload } });
const command = (c) => Object.freeze({ kind: 'command', command: c });

function pools() {
  const calls = Array.from({ length: 8 }, (_, i) =>
    event('initialized', {
      CALL_ID: `externalCall.${i}`,
      PHONE_NUMBER: `+1555010${i}`,
      LINE_NUMBER: 'reg1',
      LINE_NAME: 'Main line',
      CRM_ENTITY_TYPE: 'CONTACT',
      CRM_ENTITY_ID: i + 1,
      CRM_ACTIVITY_ID: 100 + i,
      CRM_BINDINGS: [{ ENTITY_TYPE: 'CONTACT', ENTITY_ID: i + 1 }],
      CALL_DIRECTION: i % 2 === 0 ? 'incoming' : 'outgoing',
      CALL_STATE: 'idle',
      CALL_LIST_MODE: false,
    }),
  );
  const entities = Array.from({ length: 8 }, (_, i) =>
    event('entityChanged', {
      PHONE_NUMBER: `+1555010${i}`,
      CRM_ENTITY_TYPE: i % 3 === 0 ? 'LEAD' : 'CONTACT',
      CRM_ENTITY_ID: i + 1,
    }),
  );
  const texts = Array.from({ length: 64 }, (_, i) =>
    command(setStatusText(`Talking ${String(Math.floor(i / 60)).padStart(2, '0')}:${i % 60}`)),
  );
  const titles = Array.from({ length: 4 }, (_, i) => command(setCardTitle(`Customer ${i}`)));
  const keys = [...'0123456789*#'].map((k) => event('dialpadButtonClick', k));
  return {
    calls,
    entities,
    texts,
    titles,
    keys,
    incoming: command(setUiState('incoming')),
    connected: command(setUiState('connected')),
    reset: command(setUiState('connected', { disableAutoStartTimer: true })),
    transferring: command(setUiState('transferring')),
    transferFailed: command(setUiState('transferFailed')),
    redial: command(setUiState('redial')),
    answer: event('answerButtonClick', undefined),
    hangup: event('hangupButtonClick', undefined),
    close: event('closeButtonClick', undefined),
    closeCommand: command(closeCard()),
    muteClick: [event('muteButtonClick', false), event('muteButtonClick', true)],
    holdClick: [event('holdButtonClick', false), event('holdButtonClick', true)],
    mute: [command(setMute(false)), command(setMute(true))],
    hold: [command(setHold(false)), command(setHold(true))],
    start: command(startTimer()),
    stop: command(stopTimer()),
  };
}

/**
 * `count` activity items and, per item, the virtual ms that pass before it (0-400, mean 200:
 * a running timer ticks about every fifth item).
 */
export function activityMix(count, seed = 42) {
  const random = prng(seed);
  const p = pools();
  const items = new Array(count);
  const gaps = new Float64Array(count);
  let n = 0;
  const push = (item) => {
    if (n < count) {
      items[n] = item;
      gaps[n] = Math.floor(random() * 401);
      n += 1;
    }
  };
  const pick = (list) => list[Math.floor(random() * list.length)];

  while (n < count) {
    if (random() < 0.5) push(pick(p.entities));
    push(pick(p.calls));
    push(pick(p.titles));
    push(p.incoming);
    push(p.answer);
    push(p.connected);
    let muted = false;
    let held = false;
    const talk = 20 + Math.floor(random() * 180);
    for (let i = 0; i < talk; i += 1) {
      const r = random();
      if (r < 0.35) push(pick(p.texts));
      else if (r < 0.5) push(pick(p.keys));
      else if (r < 0.6) {
        muted = !muted;
        push(p.muteClick[muted ? 1 : 0]);
      } else if (r < 0.65) push(p.mute[random() < 0.5 ? 1 : 0]);
      else if (r < 0.7) {
        held = !held;
        push(p.holdClick[held ? 1 : 0]);
      } else if (r < 0.75) push(p.hold[random() < 0.5 ? 1 : 0]);
      else if (r < 0.8) push(p.stop);
      else if (r < 0.85) push(p.start);
      else if (r < 0.9) push(p.transferring);
      else if (r < 0.92) push(p.transferFailed);
      else if (r < 0.97) push(p.connected);
      else if (r < 0.98) push(p.reset);
      else push(pick(p.entities));
    }
    push(p.hangup);
    push(p.redial);
    push(random() < 0.5 ? p.close : p.closeCommand);
  }
  return { items, gaps };
}
