// The benchmark smoke run (`npm run bench:smoke`, also called by .ci/run) must check what it
// claims, in counts and never in times: it runs on rxjs's ES2015 build, host bindings stay at
// one per event, the facade and its hand-written equivalent make the same host calls and end on
// the same card, the coalescing sink stays within its host-call bound, makes as many calls as the
// hand-written latest-wins sender and applies the last text, and a failed check makes it exit
// non-zero. It runs the BUILT package, so `npm run build` must have run (`npm test` builds
// before jest).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

interface Row {
  readonly benchmark: string;
  readonly library: string;
  readonly pass: boolean | null;
  readonly kind: 'check' | 'target' | 'info';
}

interface Results {
  readonly meta: { readonly mode: string; readonly rxjsBuild: string };
  readonly rows: readonly Row[];
  readonly details: {
    readonly e2e: {
      readonly event: { readonly counts: Sides<EventCounts> };
      readonly call: { readonly counts: Sides<CallCounts> };
      readonly heap: { readonly n: number } & Record<string, unknown>;
    };
    readonly recording: { readonly counts: RecordingCounts };
    readonly coalescing: {
      readonly sync: CoalescingRun;
      readonly spread: CoalescingRun;
      readonly syncBaseline: CoalescingRun;
      readonly spreadBaseline: CoalescingRun;
    };
  };
}

interface Sides<T> {
  readonly library: T;
  readonly baseline: T;
}

interface EventCounts {
  readonly states: number;
  readonly timers: number;
  readonly errors: number;
  readonly bound: boolean;
}

interface CallCounts {
  readonly calls: number;
  readonly errors: number;
  readonly bound: boolean;
  readonly final: string;
}

interface RecordingCounts {
  readonly perClick: number;
  readonly perCall: number;
  readonly kept: number;
  readonly eventTracersWithout: number;
  readonly callTracersWithout: number;
  readonly eventTracersAfterStop: number;
  readonly callTracersAfterStop: number;
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
  let run: ReturnType<typeof smoke>;
  beforeAll(() => {
    run = smoke(join(dir, 'ok.json'));
  }, 120_000);

  it('exits 0 and reports every check passed, on rxjs ES2015, whatever the targets say', () => {
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    expect(run.results.meta.mode).toBe('smoke');
    expect(run.results.meta.rxjsBuild).toMatch(
      /^ES2015 \(dist\/esm\), .*rxjs\/dist\/esm\/index\.js$/,
    );
    expect(run.stdout).toMatch(/rxjs build in use \(benchmarks and library alike\): ES2015/);
    const checks = run.results.rows.filter((row) => row.kind === 'check');
    expect(checks.length).toBeGreaterThanOrEqual(12);
    expect(checks.filter((row) => row.pass !== true)).toEqual([]);
    // Targets are reported (PASS or MISS) and never decide the exit code.
    expect(run.results.rows.filter((row) => row.kind === 'target').length).toBeGreaterThanOrEqual(
      8,
    );
    expect(run.stdout).toMatch(/checks passed, 0 failed/);
  });

  it('keeps host bindings at one per event', () => {
    const bindings = rowsLike(run.results, 'host bindings per event');
    expect(bindings.map((row) => row.library)).toEqual(['1; 1', '1']);
  });

  it('delivers one snapshot and no timer value per mute click, on the facade and by hand', () => {
    const { library, baseline } = run.results.details.e2e.event.counts;
    for (const side of [library, baseline])
      expect(side).toEqual({ states: 10, timers: 0, errors: 0, bound: true });
  });

  it('makes 125 host calls per scripted call on both sides and ends on the same card', () => {
    const { library, baseline } = run.results.details.e2e.call.counts;
    for (const side of [library, baseline]) {
      expect(side.calls).toBe(125);
      expect(side.errors).toBe(0);
      expect(side.bound).toBe(true);
    }
    expect(library.final).toBe(baseline.final);
    expect(library.final).toMatch(
      /^null, closed, Talking 00:119, muted true, held true, timer hidden$/,
    );
    expect(run.results.details.e2e.heap.n).toBeGreaterThan(0);
  });

  it('coalesces within the host-call bound, with as many calls as the hand-written sender', () => {
    const { sync, spread, syncBaseline, spreadBaseline } = run.results.details.coalescing;
    for (const burst of [sync, spread, syncBaseline, spreadBaseline]) {
      expect(burst.calls).toBeGreaterThanOrEqual(1);
      expect(burst.calls).toBeLessThanOrEqual(burst.bound);
      expect(burst.lastApplied).toBe(burst.lastExpected);
    }
    for (const burst of [sync, spread]) expect(burst.outcomes).toBe(burst.updates);
    // A synchronous burst: the first update goes at once, all the others ride on one more call.
    expect(sync.calls).toBe(2);
    expect(syncBaseline.calls).toBe(2);
  });

  it('records one entry per click and every entry of a call, and leaves no tracer when none records', () => {
    expect(run.results.details.recording.counts).toEqual({
      perClick: 1,
      // 7 host events, 125 host calls and their 125 replies, the card's open and close.
      perCall: 259,
      kept: expect.any(Number),
      eventTracersWithout: 0,
      callTracersWithout: 0,
      eventTracersAfterStop: 0,
      callTracersAfterStop: 0,
    });
    expect(run.results.details.recording.counts.kept).toBeLessThanOrEqual(10_000);
    const rows = rowsLike(run.results, 'recording:').map((row) => row.benchmark);
    expect(rows).toEqual(
      expect.arrayContaining([
        'recording: 1 host event (mute click) -> state$ + timer$, no recorder (vs hand-written)',
        'recording: 1 host event (mute click) -> state$ + timer$, one recorder (vs hand-written)',
        'recording: a whole scripted call (125 host calls), no recorder (vs hand-written)',
        'recording: a whole scripted call (125 host calls), one recorder (vs hand-written)',
      ]),
    );
  });

  it('exits non-zero and marks the bindings check failed when a host event is bound twice', () => {
    const run = smoke(join(dir, 'sabotaged.json'), { BENCH_SABOTAGE: 'double-bind' });

    expect(run.status).toBe(1);
    const failed = run.results.rows.filter((row) => row.kind === 'check' && row.pass === false);
    expect(failed.map((row) => row.benchmark)).toEqual(
      expect.arrayContaining([
        'e2e: suite crashed',
        'dispatch: suite crashed',
        'recording: suite crashed',
        'churn: host bindings per event (17 events, 2 placements)',
      ]),
    );
    expect(run.stdout).toMatch(/FAIL/);
  }, 120_000);
});
