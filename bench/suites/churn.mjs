// 2. Subscription churn: subscribe/unsubscribe cycles on the event streams and on the facade's
//    streams. Host bindings must stay at one per event, the heap must not grow, and each cycle's
//    time is compared with the same cycle on a bare Subject (a BehaviorSubject for the facade's
//    streams, which replay their current value as state$ does).
import { BehaviorSubject, Subject } from 'rxjs';
import { CALL_CARD_EVENT_TYPES, callCardEvents, connectCallCard } from 'b24-call-card-rx';
import { CALL_PAYLOAD, handPlacement } from '../lib/hand-placement.mjs';
import { settledHeap, timeInterleaved } from '../lib/measure.mjs';
import { formatBytes, formatCount, formatNs, formatSpread } from '../lib/report.mjs';

export const HEAP_LIMIT_BYTES = 1_000_000;

const STREAM_KEYS = [
  'initialized$',
  'entityChanged$',
  'answer$',
  'skip$',
  'makeCall$',
  'hangup$',
  'hold$',
  'mute$',
  'transfer$',
  'dialpad$',
  'qualityMeter$',
  'completeTransfer$',
  'cancelTransfer$',
  'close$',
  'notifyAdmin$',
  'addComment$',
  'next$',
];

/** Heap growth over `cycles` calls of `cycle`, after a warm-up (JIT, inline caches, pools). */
function heapGrowth(cycle, cycles) {
  for (let i = 0; i < Math.min(10_000, cycles); i += 1) cycle(i);
  const before = settledHeap();
  for (let i = 0; i < cycles; i += 1) cycle(i);
  const after = settledHeap();
  return after - before;
}

export function runChurn({ smoke }) {
  const cycles = smoke ? 10_000 : 100_000;
  const timing = smoke
    ? { time: 20, warmup: 10, sampleMs: 0.2 }
    : { time: 800, warmup: 200, rounds: 50 };
  let received = 0;
  const sink = () => {
    received += 1;
  };

  // Event streams: a placement with a live card, so initialized$/entityChanged$ replay on each
  // subscription, as they do for a component mounting mid-call.
  const eventsHost = handPlacement();
  const events = callCardEvents(eventsHost.port);
  eventsHost.emit('entityChanged', {
    PHONE_NUMBER: '+15550100',
    CRM_ENTITY_TYPE: 'LEAD',
    CRM_ENTITY_ID: 3,
  });
  eventsHost.emit('initialized', CALL_PAYLOAD);
  const streams = STREAM_KEYS.map((key) => events[key]);

  // The facade, with a live card and a running timer (timer$ schedules a tick per subscription).
  const cardHost = handPlacement();
  const card = connectCallCard(cardHost.port);
  cardHost.emit('initialized', CALL_PAYLOAD);
  let sent = false;
  card.send({ name: 'CallCardSetUiState', params: { uiState: 'connected' } }).subscribe({
    complete: () => {
      sent = true;
    },
  });
  if (!sent) throw new Error('churn: the synchronous host did not acknowledge connected');

  const subject = new Subject();
  const behavior = new BehaviorSubject(card.snapshot());

  const variants = [
    {
      name: 'event streams (17 typed streams in turn)',
      library: (i) => streams[i % streams.length].subscribe(sink).unsubscribe(),
      baseline: () => subject.subscribe(sink).unsubscribe(),
      baselineName: 'Subject',
    },
    {
      name: 'events.all$ (one listener on each of 17 events)',
      library: () => events.all$.subscribe(sink).unsubscribe(),
      baseline: () => subject.subscribe(sink).unsubscribe(),
      baselineName: 'Subject',
    },
    {
      name: 'facade state$',
      library: () => card.state$.subscribe(sink).unsubscribe(),
      baseline: () => behavior.subscribe(sink).unsubscribe(),
      baselineName: 'BehaviorSubject',
    },
    {
      name: 'facade timer$ (running timer)',
      library: () => card.timer$.subscribe(sink).unsubscribe(),
      baseline: () => behavior.subscribe(sink).unsubscribe(),
      baselineName: 'BehaviorSubject',
    },
  ];

  const rows = [];
  const details = { cycles };
  for (const v of variants) {
    const run = timeInterleaved(
      {
        library: (n) => {
          for (let i = 0; i < n; i += 1) v.library(i);
        },
        baseline: (n) => {
          for (let i = 0; i < n; i += 1) v.baseline(i);
        },
      },
      timing,
    );
    const t = run.tasks;
    const ratio = run.ratio('library', 'baseline');
    const libraryHeap = heapGrowth(v.library, cycles);
    const baselineHeap = heapGrowth(v.baseline, cycles);
    rows.push({
      benchmark: `churn: ${v.name}, per cycle`,
      library: formatNs(t.library.nsPerOp),
      baseline: `${formatNs(t.baseline.nsPerOp)} ${v.baselineName}`,
      ratio: formatSpread(ratio),
      target: '—',
      pass: null,
      kind: 'info',
    });
    rows.push({
      benchmark: `churn: ${v.name}, heap after ${formatCount(cycles)} cycles`,
      library: formatBytes(libraryHeap),
      baseline: `${formatBytes(baselineHeap)} ${v.baselineName}`,
      ratio: '—',
      target: '< 1 MB',
      pass: libraryHeap < HEAP_LIMIT_BYTES,
      kind: 'check',
    });
    details[v.name] = {
      timing: t,
      ratio,
      libraryHeapBytes: libraryHeap,
      baselineHeapBytes: baselineHeap,
    };
  }

  // Bindings: every host event bound exactly once on each placement, however many cycles ran.
  const eventBindings = Object.fromEntries(eventsHost.bindCounts());
  const cardBindings = Object.fromEntries(cardHost.bindCounts());
  const allOnce = (counts) =>
    CALL_CARD_EVENT_TYPES.every((type) => counts[type] === 1) &&
    Object.values(counts).every((count) => count === 1);
  const ok = allOnce(eventBindings) && allOnce(cardBindings);
  rows.push({
    benchmark: 'churn: host bindings per event (17 events, 2 placements)',
    library: ok ? '1' : JSON.stringify({ eventBindings, cardBindings }),
    baseline: '—',
    ratio: '—',
    target: '= 1',
    pass: ok,
    kind: 'check',
  });
  details.bindings = { eventBindings, cardBindings, received };
  card.dispose();
  return { rows, details };
}
