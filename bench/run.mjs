// The benchmarks of b24-call-card-rx, against the BUILT package (run `npm run build` first), on
// rxjs's ES2015 build for the library and every baseline alike (bench/lib/rxjs-es2015.mjs; the run
// stops if that build is not the one in use). Each comparison is one interleaved run
// (bench/lib/measure.mjs). docs/performance.md has the table, the machine and the baselines.
//
//   npm run bench          full run (about two minutes), writes .bench-out/results.json
//   npm run bench:smoke    reduced counts (seconds): the checks (counts) decide the exit code;
//                          targets (times, heap) are printed as PASS/MISS and never fail a run
//   node --expose-gc bench/run.mjs --only=e2e,dispatch   a subset (names below)
//   ... --out=path/results.json                         where to write the results
//   ... --in-process                                    every group in this one process
//
// Each group runs in a fresh Node process of its own (unless --in-process): the code the JIT
// made for one group (the call sites a whole scripted call makes polymorphic, say) must not tax
// or favour the next. Within a group, library and baseline share one process and alternate
// round by round, so each ratio still comes from one interleaved run.
//
// Exit code: 1 when a 'check' row fails (host calls and bindings, outcomes, coalescing bound,
// last text applied, heap growth under churn, virtual timer error, baseline equivalence) or a
// suite throws; 0 otherwise, whatever the targets say.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderTable, writeResults } from './lib/report.mjs';
import { useRxjsEs2015 } from './lib/rxjs-es2015.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = onlyArg ? onlyArg.slice('--only='.length).split(',') : undefined;
const outArg = args.find((a) => a.startsWith('--out='));
const inProcess = args.includes('--in-process');
// Internal: `--child=<group>` runs one group and prints its result as JSON after CHILD_MARK.
const childArg = args.find((a) => a.startsWith('--child='));
const child = childArg?.slice('--child='.length);
const CHILD_MARK = '\n@@bench-result@@\n';

// The suites import the built package: say so plainly when it is missing or older than src/.
const built = join(root, 'dist', 'index.mjs');
if (!existsSync(built)) {
  console.error('dist/index.mjs is missing: run `npm run build` first.');
  process.exit(1);
}
const newestSource = readdirSync(join(root, 'src'), { recursive: true })
  .filter((file) => String(file).endsWith('.ts'))
  .reduce((newest, file) => Math.max(newest, statSync(join(root, 'src', file)).mtimeMs), 0);
if (newestSource > statSync(built).mtimeMs)
  console.warn('warning: src/ changed after the last build; run `npm run build` to bench it.');

// Every suite, and the library they import, must run on rxjs's ES2015 build: registered here,
// before the first suite is imported (the suites are loaded with `import()` for that reason).
let rxjsBuild;
try {
  rxjsBuild = await useRxjsEs2015();
} catch (error) {
  console.error(`rxjs: ${error.message}`);
  process.exit(1);
}

// The timer's real-time run goes last: nothing else may block the event loop while it ticks.
const SUITES = [
  ['e2e', () => import('./suites/e2e.mjs').then((m) => m.runE2e)],
  ['dispatch', () => import('./suites/dispatch.mjs').then((m) => m.runDispatch)],
  ['churn', () => import('./suites/churn.mjs').then((m) => m.runChurn)],
  ['coalescing', () => import('./suites/coalescing.mjs').then((m) => m.runCoalescing)],
  ['derivation', () => import('./suites/derivation.mjs').then((m) => m.runDerivation)],
  ['recording', () => import('./suites/recording.mjs').then((m) => m.runRecording)],
  ['timer', () => import('./suites/timer.mjs').then((m) => m.runTimer)],
];

if (child !== undefined) await runChild(child);

function cpuModel() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1].trim();
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return cpus()[0]?.model ?? 'unknown';
}

const meta = {
  mode: smoke ? 'smoke' : 'full',
  node: process.version,
  v8: process.versions.v8,
  cpu: cpuModel(),
  cores: cpus().length,
  platform: `${process.platform} ${process.arch}`,
  rxjs: JSON.parse(readFileSync(join(root, 'node_modules/rxjs/package.json'), 'utf8')).version,
  rxjsBuild: `${rxjsBuild.build}, ${relative(root, rxjsBuild.path)}`,
  date: new Date().toISOString(),
  // The machine may be shared: the 1-minute load average when the run started.
  loadAverage: Number(loadavg()[0].toFixed(2)),
};

console.log(
  `b24-call-card-rx benchmarks (${meta.mode}) — node ${meta.node}, ${meta.cpu}, ` +
    `${meta.cores} cores (load average ${meta.loadAverage}), rxjs ${meta.rxjs}`,
);
console.log(`rxjs build in use (benchmarks and library alike): ${meta.rxjsBuild}`);

/** Runs one group in this process (a child of the run) and prints its result, then exits. */
async function runChild(name) {
  const suite = SUITES.find(([n]) => n === name);
  if (!suite) {
    console.error(`unknown group ${name}`);
    process.exit(2);
  }
  const result = await (await suite[1]())({ smoke });
  process.stdout.write(CHILD_MARK + JSON.stringify(result));
  process.exit(0);
}

/** Runs one group in a fresh Node process, with this run's flags. */
function runIsolated(name) {
  const result = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      `--child=${name}`,
      ...(smoke ? ['--smoke'] : []),
    ],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const at = result.stdout.lastIndexOf(CHILD_MARK);
  if (result.status !== 0 || at === -1)
    throw new Error(`the ${name} group's process exited with ${result.status ?? result.signal}`);
  return JSON.parse(result.stdout.slice(at + CHILD_MARK.length));
}

const rows = [];
const notes = [];
const details = {};
let crashed = false;
const started = Date.now();
meta.isolation = inProcess ? 'one process for every group' : 'one process per group';
for (const [name, load] of SUITES) {
  if (only && !only.includes(name)) continue;
  const t0 = Date.now();
  process.stdout.write(`  ${name} ... `);
  try {
    const result = inProcess ? await (await load())({ smoke }) : runIsolated(name);
    rows.push(...result.rows);
    if (result.notes) notes.push(...result.notes);
    details[name] = result.details;
    console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } catch (error) {
    crashed = true;
    console.log('crashed');
    console.error(error);
    rows.push({
      benchmark: `${name}: suite crashed`,
      library: String(error?.message ?? error).slice(0, 60),
      baseline: '—',
      ratio: '—',
      target: 'runs',
      pass: false,
      kind: 'check',
    });
  }
}

console.log('');
console.log('ratio = library ÷ baseline (time per operation, or count); lower is better.');
console.log(renderTable(rows));
for (const note of notes) console.log(note);

const failedChecks = rows.filter((r) => r.kind === 'check' && r.pass === false);
const targets = rows.filter((r) => r.kind === 'target');
const missedTargets = targets.filter((r) => r.pass === false);
console.log('');
console.log(
  `${rows.filter((r) => r.kind === 'check').length - failedChecks.length} checks passed, ` +
    `${failedChecks.length} failed; targets: ${targets.length - missedTargets.length} met, ` +
    `${missedTargets.length} missed (reported only). ` +
    `Total ${((Date.now() - started) / 1000).toFixed(1)} s.`,
);

const out = outArg
  ? outArg.slice('--out='.length)
  : join(root, '.bench-out', smoke ? 'results-smoke.json' : 'results.json');
writeResults(out, { meta, rows, notes, details });
console.log(`Results: ${out}`);
// Exit now: a suite that crashed half-way may have left a timer running.
process.exit(failedChecks.length > 0 || crashed ? 1 : 0);
