// 4. State derivation: activity items through callCardState + timerStatus on a
//    VirtualTimeScheduler (ticks do not depend on wall time), against a hand-written scan
//    reducer doing the same updates (bench/lib/scan-baseline.mjs).
import { isDeepStrictEqual } from 'node:util';
import { Subject, VirtualTimeScheduler, tap } from 'rxjs';
import { callCardState, timerStatus } from 'b24-call-card-rx';
import { activityMix } from '../lib/activity-mix.mjs';
import { scanState, scanTimer } from '../lib/scan-baseline.mjs';
import { timeInterleaved } from '../lib/measure.mjs';
import { formatCount, formatRate, formatSpread } from '../lib/report.mjs';

const library = (scheduler) => (source) => [
  source.pipe(callCardState({ scheduler })),
  (state$) => state$.pipe(timerStatus({ scheduler })),
];
const baseline = (scheduler) => (source) => [
  source.pipe(scanState(scheduler)),
  (state$) => state$.pipe(scanTimer(scheduler)),
];

/**
 * Feeds `items` through a pipeline on a fresh VirtualTimeScheduler, advancing virtual time by
 * `gaps[i]` before item i (running every tick due on the way). Same driver for both contenders.
 */
function drive(items, gaps, contender, onSnapshot, onTimer) {
  const scheduler = new VirtualTimeScheduler();
  const source = new Subject();
  const [state$, toTimer] = contender(scheduler)(source);
  const subscription = toTimer(state$.pipe(tap(onSnapshot))).subscribe(onTimer);
  let t = 0;
  for (let i = 0; i < items.length; i += 1) {
    t += gaps[i];
    if (scheduler.actions.length > 0) {
      scheduler.maxFrames = t;
      scheduler.flush();
    }
    scheduler.frame = t;
    source.next(items[i]);
  }
  subscription.unsubscribe();
  return t;
}

function record(items, gaps, contender) {
  const snapshots = [];
  const timers = [];
  drive(
    items,
    gaps,
    contender,
    (s) => snapshots.push(s),
    (t) => timers.push(t),
  );
  return { snapshots, timers };
}

export function runDerivation({ smoke }) {
  const count = smoke ? 20_000 : 200_000;
  const { items, gaps } = activityMix(count);

  // The baseline must do the same work: same snapshots, same timer statuses, in the same order.
  const prefix = Math.min(count, 50_000);
  const a = record(items.slice(0, prefix), gaps.subarray(0, prefix), library);
  const b = record(items.slice(0, prefix), gaps.subarray(0, prefix), baseline);
  const same =
    a.snapshots.length === b.snapshots.length &&
    a.timers.length === b.timers.length &&
    a.snapshots.every((s, i) => isDeepStrictEqual(s, b.snapshots[i])) &&
    a.timers.every((t, i) => isDeepStrictEqual(t, b.timers[i]));

  const counts = { library: { snapshots: 0, timers: 0 }, baseline: { snapshots: 0, timers: 0 } };
  const task = (name, contender) => () => {
    const c = { snapshots: 0, timers: 0 };
    drive(
      items,
      gaps,
      contender,
      () => {
        c.snapshots += 1;
      },
      () => {
        c.timers += 1;
      },
    );
    counts[name] = c;
  };
  const run = timeInterleaved(
    { library: task('library', library), baseline: task('baseline', baseline) },
    smoke
      ? { batch: count, time: 0, warmup: 0, rounds: 2, warmupRounds: 1 }
      : { batch: count, time: 0, warmup: 0, rounds: 10, warmupRounds: 1 },
  );
  const t = run.tasks;
  const ratio = run.ratio('library', 'baseline');
  const perSecond = (task) => 1e9 / task.nsPerOp;

  const rows = [
    {
      benchmark: `derivation: ${formatCount(count)} items, callCardState + timerStatus`,
      library: formatRate(perSecond(t.library)),
      baseline: `${formatRate(perSecond(t.baseline))} literal-copy scan`,
      ratio: formatSpread(ratio),
      target: '—',
      pass: null,
      kind: 'info',
    },
    {
      benchmark: `derivation: baseline emits the same (first ${formatCount(prefix)} items)`,
      library: `${formatCount(a.snapshots.length)} snapshots, ${formatCount(a.timers.length)} timer`,
      baseline: `${formatCount(b.snapshots.length)}, ${formatCount(b.timers.length)}`,
      ratio: '—',
      target: 'equal',
      pass: same,
      kind: 'check',
    },
  ];
  return { rows, details: { count, timing: t, ratio, emitted: counts, equivalencePrefix: prefix } };
}
