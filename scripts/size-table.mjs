#!/usr/bin/env node
// Prints the size budgets of .size-limit.js as one Markdown table, both message modes side by
// side (the table of docs/performance.md). It runs size-limit on the built package, so run
// `npm run build` first. Exits 1 when a row is over its budget, as `npm run size` does.
//
// Usage: node scripts/size-table.mjs
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MODE = / \((production|development)\)$/;

let rows;
try {
  rows = JSON.parse(
    execFileSync(process.execPath, [join(ROOT, 'node_modules/size-limit/bin.js'), '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
} catch (error) {
  // size-limit exits 1 when a row is over its budget, and still prints every row.
  rows = JSON.parse(error.stdout);
}

const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
const sets = new Map();
for (const row of rows) {
  const [, mode] = MODE.exec(row.name) ?? [];
  const set = row.name.replace(MODE, '');
  if (!sets.has(set)) sets.set(set, {});
  sets.get(set)[mode ?? 'production'] = row;
}

const cell = (row) =>
  row ? `${kB(row.size)} / ${kB(row.sizeLimit)}${row.passed ? '' : ' **over**'}` : '—';
console.log('| what an app imports | production: size / budget | development: size / budget |');
console.log('| --- | --- | --- |');
for (const [set, modes] of sets)
  console.log(`| ${set} | ${cell(modes.production)} | ${cell(modes.development)} |`);
if (rows.some((row) => !row.passed)) process.exitCode = 1;
