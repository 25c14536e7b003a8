// The benchmark smoke run (`npm run bench:smoke`, also called by .ci/run) must check what it
// claims: host bindings stay at one per event, the coalescing sink stays within its host-call
// bound and applies the last text, and a failed check makes it exit non-zero. It runs the BUILT
// package, so `npm run build` must have run (`npm test` builds before jest).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

interface Row {
  readonly benchmark: string;
  readonly library: string;
  readonly pass: boolean | null;
  readonly kind: 'check' | 'timing' | 'info';
}

interface Results {
  readonly meta: { readonly mode: string };
  readonly rows: readonly Row[];
  readonly details: {
    readonly coalescing: {
      readonly sync: CoalescingRun;
      readonly spread: CoalescingRun;
    };
  };
}

interface CoalescingRun {
  readonly updates: number;
  readonly calls: number;
  readonly bound: number;
  readonly lastApplied: string;
  readonly lastExpected: string;
  readonly outcomes: number;
}

let dir: string;

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'index.mjs')))
    throw new Error('dist/index.mjs is missing: run `npm run build` before this spec');
  dir = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function smoke(out: string, env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', 'bench/run.mjs', '--smoke', `--out=${out}`],
    { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 },
  );
  const results = JSON.parse(readFileSync(out, 'utf8')) as Results;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, results };
}

const rowsLike = (results: Results, text: string): Row[] =>
  results.rows.filter((row) => row.benchmark.includes(text));

describe('npm run bench:smoke', () => {
  it('exits 0 and reports every check passed, host bindings at one per event and the coalescing bound kept', () => {
    const run = smoke(join(dir, 'ok.json'));

    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    expect(run.results.meta.mode).toBe('smoke');
    const checks = run.results.rows.filter((row) => row.kind === 'check');
    expect(checks.length).toBeGreaterThanOrEqual(10);
    expect(checks.filter((row) => row.pass !== true)).toEqual([]);

    const bindings = rowsLike(run.results, 'host bindings per event');
    expect(bindings.map((row) => row.library)).toEqual(['1; 1', '1']);

    const { sync, spread } = run.results.details.coalescing;
    for (const burst of [sync, spread]) {
      expect(burst.calls).toBeGreaterThanOrEqual(1);
      expect(burst.calls).toBeLessThanOrEqual(burst.bound);
      expect(burst.lastApplied).toBe(burst.lastExpected);
      expect(burst.outcomes).toBe(burst.updates);
    }
    // A synchronous burst: the first update goes at once, all the others ride on one more call.
    expect(sync.calls).toBe(2);
    expect(run.stdout).toMatch(/checks passed, 0 failed/);
  }, 120_000);

  it('exits non-zero and marks the bindings check failed when a host event is bound twice', () => {
    const run = smoke(join(dir, 'sabotaged.json'), { BENCH_SABOTAGE: 'double-bind' });

    expect(run.status).toBe(1);
    const failed = run.results.rows.filter((row) => row.kind === 'check' && row.pass === false);
    expect(failed.map((row) => row.benchmark)).toEqual(
      expect.arrayContaining([
        'dispatch: suite crashed',
        'churn: host bindings per event (17 events, 2 placements)',
      ]),
    );
    expect(run.stdout).toMatch(/FAIL/);
  }, 120_000);
});
