// Rows, the aligned table and results.json.
//
// A row's `kind` decides what a failure means:
// - 'check': a correctness claim about counts (host calls and bindings, outcomes, the coalescing
//   bound, the last text, heap growth, the virtual timer's error). PASS or FAIL; a failed check
//   makes the run exit non-zero, in smoke and full runs.
// - 'target': a performance target from issue 11 (a time ratio, or heap per facade). PASS or
//   MISS; never changes the exit code: times are noisy on a shared machine, and a person judges.
// - 'info': a figure with no target.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * @typedef {{ benchmark: string, library: string, baseline: string, ratio: string,
 *   target: string, pass: boolean | null, kind: 'check' | 'target' | 'info',
 *   data?: Record<string, unknown> }} Row
 */

export function formatNs(ns) {
  if (ns < 1e3) return `${ns.toFixed(ns < 10 ? 2 : 1)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(2)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(2)} ms`;
  return `${(ns / 1e9).toFixed(2)} s`;
}

export function formatMs(ms) {
  return formatNs(ms * 1e6);
}

export function formatCount(n) {
  return Math.round(n).toLocaleString('en-US');
}

export function formatRate(perSecond) {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k/s`;
  return `${perSecond.toFixed(0)} /s`;
}

export function formatBytes(bytes) {
  const sign = bytes < 0 ? '-' : '+';
  const abs = Math.abs(bytes);
  if (abs < 1024) return `${sign}${abs} B`;
  if (abs < 1024 * 1024) return `${sign}${(abs / 1024).toFixed(1)} KiB`;
  return `${sign}${(abs / 1024 / 1024).toFixed(2)} MiB`;
}

export function formatRatio(r) {
  if (!Number.isFinite(r)) return '—';
  return r >= 0.01 ? `${r.toFixed(2)}x` : `${r.toPrecision(2)}x`;
}

/** A ratio from interleaved rounds: the median, then the middle half of the rounds. */
export function formatSpread({ median, q1, q3 }) {
  return `${formatRatio(median)} (${q1.toFixed(2)}-${q3.toFixed(2)})`;
}

const COLUMNS = [
  ['benchmark', 'benchmark'],
  ['library', 'library'],
  ['baseline', 'baseline'],
  ['ratio', 'ratio'],
  ['target', 'target'],
  ['result', 'result'],
];

function resultOf(row) {
  if (row.pass === null) return '—';
  if (row.pass) return 'PASS';
  return row.kind === 'check' ? 'FAIL' : 'MISS';
}

/** The rows as an aligned markdown table. */
export function renderTable(rows) {
  const cells = rows.map((row) => ({ ...row, result: resultOf(row) }));
  const widths = COLUMNS.map(([key, title]) =>
    Math.max(title.length, ...cells.map((c) => String(c[key]).length)),
  );
  const line = (values) => `| ${values.map((v, i) => String(v).padEnd(widths[i])).join(' | ')} |`;
  return [
    line(COLUMNS.map(([, title]) => title)),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.map((c) => line(COLUMNS.map(([key]) => c[key]))),
  ].join('\n');
}

export function writeResults(path, payload) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(payload, null, 2)}\n`);
}
