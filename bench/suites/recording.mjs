// 6. Recording: what `recordCallCard` costs, and what it costs while nobody records. The end-to-end
//    cases of bench/suites/e2e.mjs (one mute click; a whole scripted call), each in ONE interleaved
//    run of three contenders: the facade with no recorder, the facade with one recorder on its
//    placement (default options: 10,000 entries kept, the oldest dropped once full), and the
//    hand-written app. While no recorder exists the library pays one length check of the
//    session's tracer list per host event and host call, so the first ratio matches e2e's.
//    The counts are checked: entries per click and per call, and no tracer left after stop().
import { fromBX24, recordCallCard } from 'b24-call-card-rx';
import { timeInterleaved } from '../lib/measure.mjs';
import { formatNs, formatSpread } from '../lib/report.mjs';
import { CALL_HOST_CALLS, TARGETS, facadeEventContenders, scriptedCallContenders } from './e2e.mjs';

/**
 * Entries one scripted call records: 7 host events (initialized, answer, hold, mute, transfer,
 * hangup, close), each host call and its reply (the host double answers every one), and the
 * card's two boundaries (open, closed).
 */
export const CALL_ENTRIES = 7 + 2 * CALL_HOST_CALLS + 2;

const recorded = (log) => log.entries.length + log.dropped;

function rows3(name, t, target) {
  const vsPlain = t.ratio('library', 'baseline');
  const vsRecorded = t.ratio('recorded', 'baseline');
  const cost = t.ratio('recorded', 'library');
  const data = { library: t.tasks.library, recorded: t.tasks.recorded, baseline: t.tasks.baseline };
  return [
    {
      benchmark: `recording: ${name}, no recorder (vs hand-written)`,
      library: formatNs(t.tasks.library.nsPerOp),
      baseline: `${formatNs(t.tasks.baseline.nsPerOp)} hand-written`,
      ratio: formatSpread(vsPlain),
      target: `<= ${target}x`,
      pass: vsPlain.median <= target,
      kind: 'target',
      data: { ratio: vsPlain, ...data },
    },
    {
      benchmark: `recording: ${name}, one recorder (vs hand-written)`,
      library: formatNs(t.tasks.recorded.nsPerOp),
      baseline: `${formatNs(t.tasks.baseline.nsPerOp)} hand-written`,
      ratio: formatSpread(vsRecorded),
      target: '—',
      pass: null,
      kind: 'info',
      data: { ratio: vsRecorded, ...data },
    },
    {
      benchmark: `recording: ${name}, one recorder (vs no recorder)`,
      library: formatNs(t.tasks.recorded.nsPerOp),
      baseline: `${formatNs(t.tasks.library.nsPerOp)} no recorder`,
      ratio: formatSpread(cost),
      target: '—',
      pass: null,
      kind: 'info',
      data: { ratio: cost, ...data },
    },
  ];
}

export function runRecording({ smoke }) {
  const rows = [];
  const details = {};
  const counts = {};

  // (1) One mute click, on a connected card with a running timer.
  {
    const plain = facadeEventContenders();
    const withRecorder = facadeEventContenders();
    const recorder = recordCallCard(fromBX24(withRecorder.hosts.library.bx24));
    const loop = (fire) => (n) => {
      for (let i = 0; i < n; i += 1) fire((i & 1) === 0);
    };
    const t = timeInterleaved(
      {
        library: loop(plain.library),
        recorded: loop(withRecorder.library),
        baseline: loop(plain.baseline),
      },
      smoke ? { time: 20, warmup: 10, sampleMs: 0.2 } : { time: 3000, warmup: 500, rounds: 50 },
    );
    rows.push(...rows3('1 host event (mute click) -> state$ + timer$', t, TARGETS.event));
    const before = recorded(recorder.log());
    for (let i = 0; i < 10; i += 1) withRecorder.library((i & 1) === 0);
    counts.perClick = (recorded(recorder.log()) - before) / 10;
    counts.eventTracersWithout = tracerCount(plain);
    recorder.stop();
    counts.eventTracersAfterStop = tracerCount(withRecorder);
    details.event = { timing: t.tasks, ratio: t.ratio('recorded', 'library') };
    plain.dispose();
    withRecorder.dispose();
  }

  // (2) A whole scripted call.
  {
    const plain = scriptedCallContenders();
    const withRecorder = scriptedCallContenders();
    const recorder = recordCallCard(fromBX24(withRecorder.hosts.library.bx24));
    const loop = (run) => (n) => {
      for (let i = 0; i < n; i += 1) run();
    };
    const t = timeInterleaved(
      {
        library: loop(plain.library),
        recorded: loop(withRecorder.library),
        baseline: loop(plain.baseline),
      },
      smoke
        ? { time: 20, warmup: 10, sampleMs: 0.2 }
        : { time: 4000, warmup: 500, sampleMs: 10, rounds: 50 },
    );
    rows.push(...rows3(`a whole scripted call (${CALL_HOST_CALLS} host calls)`, t, TARGETS.call));
    const before = recorded(recorder.log());
    withRecorder.library();
    const log = recorder.log();
    counts.perCall = recorded(log) - before;
    counts.kept = log.entries.length;
    counts.callTracersWithout = tracerCount(plain);
    recorder.stop();
    counts.callTracersAfterStop = tracerCount(withRecorder);
    details.call = { timing: t.tasks, ratio: t.ratio('recorded', 'library') };
    plain.dispose();
    withRecorder.dispose();
  }

  const ok =
    counts.perClick === 1 &&
    counts.perCall === CALL_ENTRIES &&
    counts.kept <= 10_000 &&
    counts.eventTracersWithout === 0 &&
    counts.callTracersWithout === 0 &&
    counts.eventTracersAfterStop === 0 &&
    counts.callTracersAfterStop === 0;
  rows.push({
    benchmark: 'recording: entries per click; per call; tracers without a recorder; after stop()',
    library:
      `${counts.perClick}; ${counts.perCall}; ` +
      `${counts.eventTracersWithout + counts.callTracersWithout}; ` +
      `${counts.eventTracersAfterStop + counts.callTracersAfterStop}`,
    baseline: '—',
    ratio: '—',
    target: `1; ${CALL_ENTRIES}; 0; 0`,
    pass: ok,
    kind: 'check',
  });
  details.counts = counts;
  return { rows, details };
}

/**
 * How many recorders listen on a contender's library placement: the length of its session's
 * tracer list, read from the page registry (a `WeakMap` on `globalThis` under the
 * `b24-call-card-rx/session@<version>` symbol), so the "no recorder" rows are known to run the
 * idle path.
 */
function tracerCount(contenders) {
  const key = Object.getOwnPropertySymbols(globalThis).find((symbol) =>
    /^b24-call-card-rx\/session@\d+$/.test(Symbol.keyFor(symbol) ?? ''),
  );
  const session = key && globalThis[key].get(fromBX24(contenders.hosts.library.bx24));
  if (!session) throw new Error('recording: no session registered for the placement');
  return session.tracers.list.length;
}
