// Timing through tinybench: each task runs a batch of operations per sample, so the timer's
// own cost (tens of ns) does not swamp operations that take tens of ns; every figure reported
// is per operation. We report the median of the samples (robust on a shared, noisy machine)
// and keep mean, p99 and the sample count for results.json.
import { Bench } from 'tinybench';

/**
 * Times `tasks` (name -> function running `batch` operations) one after the other in one Bench.
 * @param {Record<string, () => void>} tasks
 * @param {{ batch: number, time: number, warmupTime: number, iterations?: number,
 *   warmupIterations?: number }} options
 * @returns {Record<string, { nsPerOp: number, meanNsPerOp: number, p99NsPerOp: number,
 *   opsPerSec: number, samples: number, batch: number }>}
 */
export function timeTasks(
  tasks,
  { batch, time, warmupTime, iterations = 10, warmupIterations = 5 },
) {
  const bench = new Bench({
    time,
    warmupTime,
    iterations,
    warmupIterations,
    timestampProvider: 'hrtimeNow',
    throws: true,
  });
  for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn);
  bench.runSync();
  const out = {};
  for (const task of bench.tasks) {
    const result = task.result;
    if (result.state !== 'completed') throw new Error(`${task.name}: ${result.state}`);
    const toNs = (ms) => (ms * 1e6) / batch;
    out[task.name] = {
      nsPerOp: toNs(result.latency.p50),
      meanNsPerOp: toNs(result.latency.mean),
      p99NsPerOp: toNs(result.latency.p99),
      opsPerSec: 1e9 / toNs(result.latency.p50),
      samples: result.latency.samplesCount,
      batch,
    };
  }
  return out;
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
