import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The docs' TypeScript examples (README.md, the guides in docs/ and the JSDoc `@example` blocks of
// src/) are checked by scripts/check-examples.mjs as a consumer project compiles them, against the
// built package (`npm test` builds before jest runs), so `npm test` fails when an example no
// longer compiles for a user. The checker runs as a child process, as in CI; it takes a few
// seconds.
const root = resolve(__dirname, '../..');
const CHECKER = 'scripts/check-examples.mjs';
const TIMEOUT_MS = 120_000;

function check(...files: string[]) {
  const result = spawnSync(process.execPath, [CHECKER, ...files], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const fence = (code: string): string => ['```ts', code.trim(), '```'].join('\n');

describe('the examples in the docs', () => {
  it(
    'all typecheck against the current API (README.md, docs/ and every JSDoc example in src/)',
    () => {
      // Throws, with the checker's report as the message, on any exit code but 0.
      const report = execFileSync(process.execPath, [CHECKER], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      expect(report).toMatch(/^check-examples: \d+ examples checked/);
      expect(report).toContain('ok: every example typechecks');
      // Through the package's exports, to what the package ships: never to src/.
      expect(report).toContain(
        'resolved as a consumer resolves them: b24-call-card-rx -> dist/index.d.mts, ' +
          'b24-call-card-rx/testing -> dist/testing.d.mts, ' +
          'b24-call-card-rx/angular -> dist/angular.d.mts, ' +
          'b24-call-card-rx/devtools -> dist/devtools.d.mts, ' +
          'b24-call-card-rx/bx24-global -> types/bx24-global.d.cts',
      );
    },
    TIMEOUT_MS,
  );
});

describe('scripts/check-examples.mjs', () => {
  it(
    'finds the ```ts blocks of every guide in docs/ by default',
    () => {
      const guides = readdirSync(join(root, 'docs'))
        .filter((name) => name.endsWith('.md'))
        .filter((name) => readFileSync(join(root, 'docs', name), 'utf8').includes('```ts'));
      expect(guides.length).toBeGreaterThan(0);
      const { status, stdout } = check('--list');
      expect(status).toBe(0);
      for (const name of guides) expect(stdout).toMatch(new RegExp(`^docs/${name}:\\d+`, 'm'));
    },
    TIMEOUT_MS,
  );

  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'check-examples-spec-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function fixture(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  it(
    'fails naming the file, the line and the TypeScript error of a wrong example',
    () => {
      const doc = fixture(
        'wrong.md',
        [
          '# Wrong',
          '',
          fence(`
import { setUiState } from 'b24-call-card-rx';
setUiState('talking');
`),
          '',
        ].join('\n'),
      );
      const { status, stdout } = check(doc);
      expect(status).toBe(1);
      // Line 5 of the file is the call, the 2nd line of the block opened on line 3.
      expect(stdout).toContain(`${doc}:5: TS2345:`);
      expect(stdout).toContain(`"talking"`);
      expect(stdout).toContain('1 error(s)');
    },
    TIMEOUT_MS,
  );

  it(
    'accepts the ambient placement and card, groups, declarations and skips (with their reason)',
    () => {
      const doc = fixture(
        'right.md',
        [
          fence(`
import { callCardEvents, sendCommand, setMute } from 'b24-call-card-rx';
callCardEvents(placement).mute$.subscribe((muted) => console.log(muted));
sendCommand(placement, setMute(true)).subscribe();
card.dispose();
`),
          '<!-- check-examples: group steps -->',
          '<!-- check-examples: declare const sip: { status$: import("rxjs").Observable<string> } -->',
          fence(`
import { map } from 'rxjs';
import { setStatusText } from 'b24-call-card-rx';
const status$ = sip.status$.pipe(map((text) => setStatusText(text)));
`),
          '<!-- check-examples: group steps -->',
          fence(`
import { map } from 'rxjs';
card.apply(status$.pipe(map((command) => command)));
`),
          '<!-- check-examples: skip deliberately partial -->',
          fence(`card.apply(/* your commands */ ...);`),
          '',
        ].join('\n'),
      );
      const { status, stdout } = check(doc);
      expect(stdout).toContain('ok: every example typechecks');
      expect(stdout).toMatch(/skipped .*right\.md:\d+: deliberately partial/);
      expect(status).toBe(0);
    },
    TIMEOUT_MS,
  );

  it(
    'checks the ```ts blocks inside JSDoc, stripped of the leading " * "',
    () => {
      const source = fixture(
        'documented.ts',
        [
          '/**',
          ' * Frozen data.',
          ' *',
          ' * @example',
          ' * ```ts',
          " * import { setCardTitle } from 'b24-call-card-rx';",
          ' * setCardTitle(42);',
          ' * ```',
          ' */',
          'export const documented = 1;',
          '',
        ].join('\n'),
      );
      const { status, stdout } = check(source);
      expect(status).toBe(1);
      expect(stdout).toContain(`${source}:7: TS2345:`);
    },
    TIMEOUT_MS,
  );

  it(
    'fails an example that names the global BX24 without referencing its declaration',
    () => {
      const doc = fixture(
        'bx24.md',
        [
          fence(`
import { connectCallCard, fromBX24 } from 'b24-call-card-rx';
BX24.init(() => connectCallCard(fromBX24(BX24)));
`),
          '',
        ].join('\n'),
      );
      const { status, stdout } = check(doc);
      expect(status).toBe(1);
      expect(stdout).toContain(`${doc}:3: TS2304: Cannot find name 'BX24'.`);
    },
    TIMEOUT_MS,
  );

  it(
    "compiles it with the package's bx24-global reference, which serves no other example",
    () => {
      const doc = fixture(
        'bx24-reference.md',
        [
          fence(`
/// <reference types="b24-call-card-rx/bx24-global" />
import { connectCallCard, fromBX24 } from 'b24-call-card-rx';
BX24.init(() => connectCallCard(fromBX24(BX24)));
`),
          '',
          fence(`
import { fromBX24 } from 'b24-call-card-rx';
fromBX24(BX24);
`),
          '',
        ].join('\n'),
      );
      const { status, stdout } = check(doc);
      expect(status).toBe(1);
      // Only the second block, which references nothing, fails.
      expect(stdout).toContain(`${doc}:9: TS2304: Cannot find name 'BX24'.`);
      expect(stdout).toContain('1 error(s)');
    },
    TIMEOUT_MS,
  );

  it(
    "sees none of the repository's own configuration: no node globals, strict imports",
    () => {
      const doc = fixture(
        'consumer.md',
        [
          fence(`
import { CallCardSnapshot } from 'b24-call-card-rx';
export const cwd: string = process.cwd();
export type Snapshot = CallCardSnapshot;
`),
          '',
        ].join('\n'),
      );
      const { status, stdout } = check(doc);
      expect(status).toBe(1);
      // verbatimModuleSyntax: a type must be imported as a type.
      expect(stdout).toContain(`${doc}:2: TS1484:`);
      // No @types/node in a browser app's program.
      expect(stdout).toContain(`${doc}:3: TS2591: Cannot find name 'process'.`);
    },
    TIMEOUT_MS,
  );

  it('exits 2 with the usage on an unknown argument', () => {
    const { status, stderr } = check('--no-such-flag');
    expect(status).toBe(2);
    expect(stderr).toContain('usage: node scripts/check-examples.mjs');
  });
});
