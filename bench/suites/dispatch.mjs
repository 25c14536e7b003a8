// 1. Event dispatch: one host event fanned out to N subscribers through callCardEvents, against
//    a bare rxjs Subject (rxjs's ES2015 build, see bench/lib/rxjs-es2015.mjs) with the same
//    subscribers and against an array of plain callbacks, in one interleaved run.
import { Subject } from 'rxjs';
import { callCardEvents } from 'b24-call-card-rx';
import { handPlacement } from '../lib/hand-placement.mjs';
import { timeInterleaved } from '../lib/measure.mjs';
import { formatNs, formatSpread } from '../lib/report.mjs';

export const DISPATCH_TARGET = 1.3;
const SIZES = [1, 10, 100];

/**
 * Sets up the three contenders for `n` subscribers. Every subscriber is its own closure, as in an
 * app; each contender gets a `fire(value)` that raises one host event.
 */
export function dispatchContenders(n, counter) {
  const makeSink = () => () => {
    counter.received += 1;
  };

  const host = handPlacement();
  const events = callCardEvents(host.port);
  for (let i = 0; i < n; i += 1) events.mute$.subscribe(makeSink());
  // What the host does: call the one handler the library bound for the event.
  const library = host.handler('muteButtonClick');

  const subject = new Subject();
  for (let i = 0; i < n; i += 1) subject.subscribe(makeSink());

  const callbacks = Array.from({ length: n }, makeSink);
  const plain = (value) => {
    for (const callback of callbacks) callback(value);
  };

  return { host, library, subject: (value) => subject.next(value), plain };
}

export function runDispatch({ smoke }) {
  const rows = [];
  const details = {};
  const timing = smoke
    ? { time: 20, warmup: 10, sampleMs: 0.2 }
    : { time: 2000, warmup: 300, rounds: 50 };
  const bindings = [];

  for (const n of SIZES) {
    const counter = { received: 0 };
    const c = dispatchContenders(n, counter);
    const loop = (fire) => (n) => {
      for (let i = 0; i < n; i += 1) fire((i & 1) === 0);
    };
    const run = timeInterleaved(
      { library: loop(c.library), subject: loop(c.subject), callbacks: loop(c.plain) },
      timing,
    );
    const t = run.tasks;

    // Every subscriber got the event, once: the fan-out is complete, not just fast.
    counter.received = 0;
    c.library(true);
    const delivered = counter.received;
    bindings.push({ n, delivered, bindCounts: Object.fromEntries(c.host.bindCounts()) });

    const vsSubject = run.ratio('library', 'subject');
    const vsCallbacks = run.ratio('library', 'callbacks');
    rows.push({
      benchmark: `dispatch: 1 event -> ${n} subscriber${n > 1 ? 's' : ''} (vs Subject)`,
      library: formatNs(t.library.nsPerOp),
      baseline: `${formatNs(t.subject.nsPerOp)} Subject ES2015`,
      ratio: formatSpread(vsSubject),
      target: `<= ${DISPATCH_TARGET.toFixed(1)}x`,
      pass: vsSubject.median <= DISPATCH_TARGET,
      kind: 'target',
    });
    rows.push({
      benchmark: `dispatch: 1 event -> ${n} subscriber${n > 1 ? 's' : ''} (vs callbacks)`,
      library: formatNs(t.library.nsPerOp),
      baseline: `${formatNs(t.callbacks.nsPerOp)} callbacks`,
      ratio: formatSpread(vsCallbacks),
      target: '—',
      pass: null,
      kind: 'info',
    });
    details[`n=${n}`] = { ...t, vsSubject, vsCallbacks, delivered };
  }

  const bad = bindings.filter(
    (b) => b.delivered !== b.n || Object.values(b.bindCounts).some((count) => count !== 1),
  );
  rows.push({
    benchmark: 'dispatch: host bindings per event; deliveries per subscriber',
    library: bad.length === 0 ? '1; 1' : JSON.stringify(bad),
    baseline: '—',
    ratio: '—',
    target: '= 1; = 1',
    pass: bad.length === 0,
    kind: 'check',
  });
  details.bindings = bindings;
  return { rows, details };
}
