// 0. End to end, as an app pays it: the facade (`connectCallCard(fromBX24(BX24))`, `state$` and
//    `timer$` subscribed) against the hand-written app of bench/lib/hand-app.mjs, on the same
//    kind of host (bench/lib/hand-placement.mjs, answering every command synchronously):
//    (1) one host event, a mute click;
//    (2) a whole scripted call: initialized, answer, 120 status texts, hold, mute, transfer,
//        hangup, close: 125 host calls, the app's logic reacting to the clicks;
//    (3) the heap each one costs, over many of them on distinct placements.
//    Times come from one interleaved run (bench/lib/measure.mjs); the counts are checked.
import { Subject, map, merge } from 'rxjs';
import {
  connectCallCard,
  fromBX24,
  setHold,
  setMute,
  setStatusText,
  setUiState,
} from 'b24-call-card-rx';
import { handApp } from '../lib/hand-app.mjs';
import { CALL_PAYLOAD, handPlacement } from '../lib/hand-placement.mjs';
import { settledHeap, timeInterleaved } from '../lib/measure.mjs';
import { formatCount, formatNs, formatRatio, formatSpread } from '../lib/report.mjs';

export const TARGETS = { event: 5, call: 8, heapKB: 30 };

/** What BX24 passes for an event without data (docs/host-behaviour.md, section 2). */
const NO_DATA = Object.freeze([]);
const TEXTS = Array.from({ length: 120 }, (_, i) => `Talking 00:${String(i).padStart(3, '0')}`);
const TRANSFER = Object.freeze({ phoneNumber: '+15550199', target: 12 });
/** Host calls the scripted call makes: connected, 120 texts, hold, mute, transferring, redial. */
export const CALL_HOST_CALLS = 125;

/** Subscribes a counter to `state$` and `timer$`, as a component showing the card would. */
function watch(card) {
  const seen = { states: 0, timers: 0, errors: 0, last: undefined };
  const subscription = card.state$.subscribe((s) => {
    seen.states += 1;
    seen.last = s;
  });
  subscription.add(
    card.timer$.subscribe(() => {
      seen.timers += 1;
    }),
  );
  subscription.add(
    card.errors$.subscribe(() => {
      seen.errors += 1;
    }),
  );
  return { seen, subscription };
}

function sendNow(card, command) {
  let done = false;
  card.send(command).subscribe({ complete: () => (done = true) });
  if (!done) throw new Error(`e2e: ${command.name} was not applied synchronously`);
}

/** `make()`, or, when it throws (a host event bound twice), `dispose()` first: no timer left. */
function withHandlers(dispose, make) {
  try {
    return make();
  } catch (error) {
    dispose();
    throw error;
  }
}

/**
 * (1) Both contenders with a connected card (timer running), `state$` and `timer$` subscribed;
 * `library(muted)` and `baseline(muted)` are the mute-click handlers each bound on its host.
 */
export function facadeEventContenders() {
  const libraryHost = handPlacement();
  const card = connectCallCard(fromBX24(libraryHost.bx24));
  const libraryWatch = watch(card);
  libraryHost.emit('initialized', CALL_PAYLOAD);
  sendNow(card, setUiState('connected'));

  const baselineHost = handPlacement();
  const app = handApp(baselineHost.bx24);
  const baselineWatch = watch(app);
  baselineHost.emit('initialized', CALL_PAYLOAD);
  app.setUiState('connected');

  const dispose = () => {
    libraryWatch.subscription.unsubscribe();
    baselineWatch.subscription.unsubscribe();
    card.dispose();
  };
  return withHandlers(dispose, () => ({
    library: libraryHost.handler('muteButtonClick'),
    baseline: baselineHost.handler('muteButtonClick'),
    seen: { library: libraryWatch.seen, baseline: baselineWatch.seen },
    hosts: { library: libraryHost, baseline: baselineHost },
    dispose,
  }));
}

/** The host's side of one call, through the handlers each contender bound. */
function callScript(host, say) {
  const initialized = host.handler('initialized');
  const answer = host.handler('answerButtonClick');
  const hold = host.handler('holdButtonClick');
  const mute = host.handler('muteButtonClick');
  const transfer = host.handler('transferButtonClick');
  const hangup = host.handler('hangupButtonClick');
  const close = host.handler('closeButtonClick');
  return () => {
    initialized(CALL_PAYLOAD);
    answer(NO_DATA);
    for (let i = 0; i < TEXTS.length; i += 1) say(TEXTS[i]);
    hold(true);
    mute(true);
    transfer(TRANSFER);
    hangup(NO_DATA);
    close(NO_DATA);
  };
}

/** (2) Both contenders wired with the same app logic; `library()` / `baseline()` run one call. */
export function scriptedCallContenders() {
  const libraryHost = handPlacement();
  const card = connectCallCard(fromBX24(libraryHost.bx24));
  const libraryWatch = watch(card);
  const texts = new Subject();
  const { answer$, hold$, mute$, transfer$, hangup$ } = card.events;
  card.apply(
    merge(
      answer$.pipe(map(() => setUiState('connected'))),
      hold$.pipe(map((held) => setHold(held))),
      mute$.pipe(map((muted) => setMute(muted))),
      transfer$.pipe(map(() => setUiState('transferring'))),
      hangup$.pipe(map(() => setUiState('redial'))),
      texts.pipe(map((text) => setStatusText(text))),
    ),
  );

  const baselineHost = handPlacement();
  const app = handApp(baselineHost.bx24, { script: true });
  const baselineWatch = watch(app);

  const dispose = () => {
    libraryWatch.subscription.unsubscribe();
    baselineWatch.subscription.unsubscribe();
    card.dispose();
  };
  return withHandlers(dispose, () => ({
    library: callScript(libraryHost, (text) => texts.next(text)),
    baseline: callScript(baselineHost, app.setStatusText),
    seen: { library: libraryWatch.seen, baseline: baselineWatch.seen },
    hosts: { library: libraryHost, baseline: baselineHost },
    dispose,
  }));
}

/** Every host event a placement saw bound was bound once. */
const boundOnce = (host) => [...host.bindCounts().values()].every((count) => count === 1);

/** Bytes per contender: `n` of them made on distinct placements, after a full collection. */
function heapPer(make, n, live) {
  const hosts = Array.from({ length: n }, () => handPlacement());
  // A few first, not counted: module-level caches and compiled code are not per-card costs.
  const warm = Array.from({ length: 20 }, () => make(handPlacement(), live));
  const made = new Array(n);
  const before = settledHeap();
  for (let i = 0; i < n; i += 1) made[i] = make(hosts[i], live);
  const after = settledHeap();
  for (const item of [...warm, ...made]) item.dispose?.();
  return { bytes: (after - before) / n, made: made.length, hosts: hosts.length };
}

const noop = () => {};

function libraryCard(host, live) {
  const card = connectCallCard(fromBX24(host.bx24));
  card.state$.subscribe(noop);
  card.timer$.subscribe(noop);
  if (live) {
    host.emit('initialized', CALL_PAYLOAD);
    sendNow(card, setUiState('connected'));
  }
  return card;
}

function handCard(host, live) {
  const app = handApp(host.bx24);
  app.state$.subscribe(noop);
  const timer = app.timer$.subscribe(noop);
  if (live) {
    host.emit('initialized', CALL_PAYLOAD);
    app.setUiState('connected');
  }
  return { dispose: () => timer.unsubscribe() };
}

const timeRow = (benchmark, t, target, unit = formatNs) => {
  const r = t.ratio('library', 'baseline');
  return {
    benchmark,
    library: unit(t.tasks.library.nsPerOp),
    baseline: `${unit(t.tasks.baseline.nsPerOp)} hand-written`,
    ratio: formatSpread(r),
    target: `<= ${target}x`,
    pass: r.median <= target,
    kind: 'target',
    data: { ratio: r, library: t.tasks.library, baseline: t.tasks.baseline },
  };
};

export function runE2e({ smoke }) {
  const rows = [];
  const details = {};

  // (1) One mute click.
  {
    const c = facadeEventContenders();
    const loop = (fire) => (n) => {
      for (let i = 0; i < n; i += 1) fire((i & 1) === 0);
    };
    const t = timeInterleaved(
      { library: loop(c.library), baseline: loop(c.baseline) },
      smoke ? { time: 20, warmup: 10, sampleMs: 0.2 } : { time: 3000, warmup: 500, rounds: 50 },
    );
    rows.push(
      timeRow(
        'e2e: 1 host event (mute click) -> state$ + timer$, connectCallCard',
        t,
        TARGETS.event,
      ),
    );
    // Counts: one snapshot per click (each one flips `muted`), no timer value, no error.
    const before = { library: { ...c.seen.library }, baseline: { ...c.seen.baseline } };
    for (let i = 0; i < 10; i += 1) {
      c.library((i & 1) === 0);
      c.baseline((i & 1) === 0);
    }
    const delta = (side) => ({
      states: c.seen[side].states - before[side].states,
      timers: c.seen[side].timers - before[side].timers,
      errors: c.seen[side].errors,
      bound: boundOnce(c.hosts[side]),
    });
    const counts = { library: delta('library'), baseline: delta('baseline') };
    const ok = ['library', 'baseline'].every(
      (side) =>
        counts[side].states === 10 &&
        counts[side].timers === 0 &&
        counts[side].errors === 0 &&
        counts[side].bound,
    );
    rows.push({
      benchmark: 'e2e: 10 mute clicks: snapshots; timer values; errors; bindings per event',
      library: `${counts.library.states}; ${counts.library.timers}; ${counts.library.errors}; ${counts.library.bound ? 1 : '>1'}`,
      baseline: `${counts.baseline.states}; ${counts.baseline.timers}; ${counts.baseline.errors}; ${counts.baseline.bound ? 1 : '>1'}`,
      ratio: '—',
      target: '10; 0; 0; 1',
      pass: ok,
      kind: 'check',
    });
    details.event = { timing: t.tasks, ratio: t.ratio('library', 'baseline'), counts };
    c.dispose();
  }

  // (2) A whole scripted call.
  {
    const c = scriptedCallContenders();
    const loop = (run) => (n) => {
      for (let i = 0; i < n; i += 1) run();
    };
    const t = timeInterleaved(
      { library: loop(c.library), baseline: loop(c.baseline) },
      // A call allocates much more on the library's side: longer samples average its
      // garbage collections over more calls on both sides.
      smoke
        ? { time: 20, warmup: 10, sampleMs: 0.2 }
        : { time: 4000, warmup: 500, sampleMs: 10, rounds: 50 },
    );
    rows.push(
      timeRow(
        `e2e: a whole scripted call (${CALL_HOST_CALLS} host calls), one facade`,
        t,
        TARGETS.call,
      ),
    );
    // Counts for one more call: host calls, and where each side's card ends.
    const callsBefore = {
      library: c.hosts.library.state.calls,
      baseline: c.hosts.baseline.state.calls,
    };
    c.library();
    c.baseline();
    const end = (side) => {
      const s = c.seen[side].last;
      return {
        calls: c.hosts[side].state.calls - callsBefore[side],
        errors: c.seen[side].errors,
        bound: boundOnce(c.hosts[side]),
        final:
          `${s.uiState}, ${s.closed ? 'closed' : 'open'}, ${s.statusText}, ` +
          `muted ${s.muted}, held ${s.held}, timer ${s.timer.visible ? 'shown' : 'hidden'}`,
      };
    };
    const counts = { library: end('library'), baseline: end('baseline') };
    const ok =
      counts.library.calls === CALL_HOST_CALLS &&
      counts.baseline.calls === CALL_HOST_CALLS &&
      counts.library.errors === 0 &&
      counts.baseline.errors === 0 &&
      counts.library.bound &&
      counts.baseline.bound &&
      counts.library.final === counts.baseline.final;
    rows.push({
      benchmark: 'e2e: scripted call: host calls; errors; same final card',
      library: `${counts.library.calls}; ${counts.library.errors}; ${counts.library.final === counts.baseline.final ? 'same' : counts.library.final}`,
      baseline: `${counts.baseline.calls}; ${counts.baseline.errors}`,
      ratio: '—',
      target: `${CALL_HOST_CALLS}; 0; same`,
      pass: ok,
      kind: 'check',
    });
    details.call = { timing: t.tasks, ratio: t.ratio('library', 'baseline'), counts };
    c.dispose();
  }

  // (3) Heap per facade, idle (no card yet: every portal page) and during a call (timer running).
  const n = smoke ? 100 : 2000;
  details.heap = { n };
  for (const [label, live] of [
    ['no card', false],
    ['connected call, timer running', true],
  ]) {
    const library = heapPer(libraryCard, n, live);
    const baseline = heapPer(handCard, n, live);
    const kb = library.bytes / 1024;
    rows.push({
      benchmark: `e2e: heap per facade, state$ + timer$ subscribed, ${label} (${formatCount(n)} placements)`,
      library: `${kb.toFixed(1)} KB`,
      baseline: `${(baseline.bytes / 1024).toFixed(1)} KB hand-written`,
      ratio: formatRatio(library.bytes / baseline.bytes),
      target: `<= ${TARGETS.heapKB} KB`,
      pass: kb <= TARGETS.heapKB,
      kind: 'target',
    });
    details.heap[label] = { library, baseline };
  }
  return { rows, details };
}
