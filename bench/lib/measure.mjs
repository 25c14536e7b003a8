// Interleaved timing: the contenders of one comparison run in alternating rounds (A B, then B A,
// ...), each round timing one batch of operations per contender (a few ms each), so a noisy
// neighbour, a CPU frequency change or a GC pause hits both sides alike. Every figure reported is per operation;
// the ratio is the median of the per-round ratios (each round pairs samples taken milliseconds
// apart), with its quartiles as the spread.
import { performance } from 'node:perf_hooks';

const median = (sorted) => {
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
};
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/**
 * x[i] ÷ y[i] for each round i: the median and the quartiles (the middle half of the rounds).
 * @param {number[]} x
 * @param {number[]} y
 */
export function pairedRatio(x, y) {
  const sorted = x.map((v, i) => v / y[i]).sort((p, q) => p - q);
  return { median: median(sorted), q1: quantile(sorted, 0.25), q3: quantile(sorted, 0.75) };
}

/** The median of `values`. */
export function medianOf(values) {
  return median([...values].sort((a, b) => a - b));
}

/**
 * Times `tasks` (name -> function running `n` operations) in interleaved rounds, one sample per
 * task per round. Each task runs as many operations per sample as make `sampleMs` (an even
 * number, found by doubling, after a first warm-up), unless `batch` fixes it; so a fast baseline
 * and a slow library are both exposed to the machine's noise for about as long in each round.
 * Rounds for `warmup` ms (at least `warmupRounds`) are thrown away (JIT, inline caches), then
 * rounds run for at least `time` ms and at least `rounds` rounds.
 * @param {Record<string, (n: number) => void>} tasks
 * @param {{ time: number, warmup: number, sampleMs?: number, batch?: number, rounds?: number,
 *   warmupRounds?: number }} options
 * @returns {{ tasks: Record<string, { nsPerOp: number, meanNsPerOp: number, p90NsPerOp: number,
 *   samples: number, batch: number }>, ratio: (a: string, b: string) => { median: number,
 *   q1: number, q3: number } }} `ratio(a, b)`: a ÷ b per operation, per round
 */
export function timeInterleaved(
  tasks,
  { time, warmup, sampleMs = 2, batch, rounds = 10, warmupRounds = 2 },
) {
  const names = Object.keys(tasks);
  const fns = names.map((name) => tasks[name]);
  const samples = names.map(() => []);
  const timed = (i, n) => {
    const t0 = performance.now();
    fns[i](n);
    return performance.now() - t0;
  };
  const calibrate = (i) => {
    if (batch !== undefined) return batch;
    let n = 2;
    while (n < 1 << 24 && timed(i, n) < sampleMs) n *= 2;
    return n;
  };
  let sizes = fns.map((_, i) => calibrate(i));
  const round = (keep, r) => {
    for (let k = 0; k < fns.length; k += 1) {
      const i = r % 2 === 0 ? k : fns.length - 1 - k;
      const dt = timed(i, sizes[i]);
      if (keep) samples[i].push((dt * 1e6) / sizes[i]);
    }
  };
  let r = 0;
  for (
    const until = performance.now() + warmup;
    r < warmupRounds || performance.now() < until;
    r += 1
  )
    round(false, r);
  // Optimised code is faster than the first runs were: size the samples again.
  sizes = fns.map((_, i) => calibrate(i));
  const start = performance.now();
  for (let kept = 0; kept < rounds || performance.now() - start < time; kept += 1, r += 1)
    round(true, r);

  const out = {};
  names.forEach((name, i) => {
    const sorted = [...samples[i]].sort((a, b) => a - b);
    out[name] = {
      nsPerOp: median(sorted),
      meanNsPerOp: sorted.reduce((sum, x) => sum + x, 0) / sorted.length,
      p90NsPerOp: quantile(sorted, 0.9),
      samples: sorted.length,
      batch: sizes[i],
    };
  });
  const ratio = (a, b) => pairedRatio(samples[names.indexOf(a)], samples[names.indexOf(b)]);
  return { tasks: out, ratio };
}

/** Heap in use after a full collection (needs `node --expose-gc`). */
export function settledHeap() {
  if (typeof globalThis.gc !== 'function')
    throw new Error('run with node --expose-gc (npm run bench does)');
  // Twice: the first pass may only queue finalizers and weak references.
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}
