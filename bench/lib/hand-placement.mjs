// A hand-made PlacementPort for the benchmarks: no library code, no testing entry, so what we
// measure is the library's own cost. It counts host bindings per event name and hands out the
// bound handlers, so a benchmark can call them directly, exactly as the host would. Its `port`
// has the shape of the classic `BX24.placement` too, so `bx24` serves `fromBX24` and the
// hand-written apps alike. It does as little as it can per call (no copies): its cost is paid by
// both sides of every comparison.
import { performance } from 'node:perf_hooks';
import { setTimeout } from 'node:timers';

const PREFIX = 'BackgroundCallCard::';
// What the host answers a command with, and passes for a no-data event through BX24 (section 2).
const NO_DATA = Object.freeze([]);

// For spec/bench/smoke.spec.ts only: BENCH_SABOTAGE=double-bind records every binding twice, as
// if the library had bound each host event twice, to prove the smoke run's checks fail then.
const DOUBLE_BIND = process.env.BENCH_SABOTAGE === 'double-bind';

/** A valid `initialized` payload (docs/host-behaviour.md, section 2). */
export const CALL_PAYLOAD = Object.freeze({
  CALL_ID: 'externalCall.bench',
  PHONE_NUMBER: '+15550100',
  LINE_NUMBER: 'reg1',
  LINE_NAME: 'Main line',
  CRM_ENTITY_TYPE: 'CONTACT',
  CRM_ENTITY_ID: 7,
  CRM_ACTIVITY_ID: 9,
  CRM_BINDINGS: [{ ENTITY_TYPE: 'CONTACT', ENTITY_ID: 7 }],
  CALL_DIRECTION: 'incoming',
  CALL_STATE: 'idle',
  CALL_LIST_MODE: false,
});

/**
 * @param {{ replyAfterMs?: number }} [options] `replyAfterMs` undefined: every command is
 *   answered `[]` synchronously; a number: answered after at least that many ms of wall time
 *   (a real setTimeout, re-armed if Node fires it early, so "after 5 ms" is never less).
 */
export function handPlacement(options = {}) {
  const { replyAfterMs } = options;
  /** @type {Map<string, Array<(payload: unknown) => void>>} */
  const handlers = new Map();
  const state = {
    calls: 0,
    /** The name of the last command the host answered. */
    /** @type {string | undefined} */
    lastCommand: undefined,
    /** The params of the last command the host answered (what the card now shows). */
    /** @type {Record<string, unknown> | undefined} */
    lastApplied: undefined,
    /** With `replyAfterMs`: ms spent inside `onReply` callbacks, all replies together. */
    replyMs: 0,
  };

  const answer = (command, params, onReply) => {
    state.lastCommand = command;
    state.lastApplied = params;
    onReply(NO_DATA);
  };

  const port = {
    bindEvent(name, handler) {
      const list = handlers.get(name) ?? [];
      list.push(handler);
      if (DOUBLE_BIND) list.push(handler);
      handlers.set(name, list);
    },
    call(command, params, onReply) {
      state.calls += 1;
      // The timer commands get no reply from the host (docs/host-behaviour.md, section 3).
      if (command === 'CallCardStartTimer' || command === 'CallCardStopTimer') return;
      if (replyAfterMs === undefined) return answer(command, params, onReply);
      const due = performance.now() + replyAfterMs;
      const wait = () => {
        const left = due - performance.now();
        if (left > 0) setTimeout(wait, Math.ceil(left));
        else {
          // Time the app's thread spends on the reply (what the sink does with it), for the
          // coalescing benchmark's CPU per update.
          const t0 = performance.now();
          answer(command, params, onReply);
          state.replyMs += performance.now() - t0;
        }
      };
      setTimeout(wait, replyAfterMs);
    },
  };

  return {
    port,
    /** A classic `BX24` object over the same host, for `fromBX24` and hand-written apps. */
    bx24: { placement: port },
    state,
    /** How many times each host event name was bound. */
    bindCounts() {
      return new Map([...handlers].map(([name, list]) => [name.slice(PREFIX.length), list.length]));
    },
    /** The one handler bound for `type` (throws unless it was bound exactly once). */
    handler(type) {
      const list = handlers.get(PREFIX + type) ?? [];
      if (list.length !== 1)
        throw new Error(`${type}: expected exactly one host binding, found ${list.length}`);
      return list[0];
    },
    /** Delivers a raw payload to every handler bound for `type`, as the host does. */
    emit(type, raw) {
      for (const handler of handlers.get(PREFIX + type) ?? []) handler(raw);
    },
  };
}
