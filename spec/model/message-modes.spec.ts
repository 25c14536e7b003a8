import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

// The two message modes, proven on the BUILT package (`npm test` builds dist/ before jest) the
// ways apps get it: scripts/message-modes.mjs bundles scripts/message-probe.mjs (one error of each
// kind) with esbuild and Vite in production and development, runs it in plain Node and in a realm
// without `process` from the unbundled ESM file, and reports what each got.
const root = resolve(__dirname, '../..');

type Probe = {
  case: string;
  class: string;
  name: string;
  fields: Record<string, unknown>;
  texts: { message: string; expected?: string; reason?: string };
};
type Build = {
  files: string[];
  markers: { fullOnly: string[]; shortOnly: string[] };
  records: Probe[];
};
type Report = {
  builds: Record<string, Build>;
  runs: Record<string, Probe[] | { hasProcess?: boolean; records?: Probe[]; threw?: string }>;
};

const FULL_ONLY = [
  'or a test placement',
  'or an internal state',
  'a call object with CALL_ID',
  'is not loaded yet',
];
const PRODUCTION = ['esbuild --bundle --minify', 'vite build'];
const DEVELOPMENT = ['esbuild --bundle', 'NODE_ENV=development vite build'];

function modesReport(): Report {
  if (!existsSync(resolve(root, 'dist/bundler/index.mjs')))
    throw new Error('dist/bundler/index.mjs is missing: run `npm run build` first');
  const out = execFileSync(process.execPath, [resolve(root, 'scripts/message-modes.mjs')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'test' },
  });
  return JSON.parse(out) as Report;
}

/** What users branch on: everything but the texts. */
const branchedOn = (records: Probe[]) => records.map(({ texts: _texts, ...rest }) => rest);

describe('error messages: short in production builds, full in development and without a bundler', () => {
  const report = modesReport();
  const node = report.runs['node, NODE_ENV=production'] as Probe[];
  const unbundled = report.runs['dist/index.mjs without a bundler, no process'] as {
    hasProcess: boolean;
    records: Probe[];
  };

  it('makes one error of each kind, in every build and run', () => {
    expect(node.map((r) => r.class)).toEqual([
      'CallCardInputError',
      'CallCardInputError',
      'CallCardInputError',
      'CallCardUnavailableError',
      'CallCardPayloadError',
      'CallCardCommandError',
    ]);
    for (const build of Object.values(report.builds)) expect(build.records).toHaveLength(6);
  });

  it('bundles the bundler build of the package (the `module` export condition) in every bundler', () => {
    for (const build of Object.values(report.builds))
      expect(build.files).toEqual(['dist/bundler/chunks/core-*.mjs', 'dist/bundler/index.mjs']);
  });

  it.each(PRODUCTION)('%s: no full message text in the bundle, the short ones instead', (name) => {
    const { markers, records } = report.builds[name]!;
    expect(markers.fullOnly).toEqual([]);
    expect(markers.shortOnly).toEqual(['invalid payload']);
    for (const { texts } of records) {
      for (const text of FULL_ONLY) expect(texts.message).not.toContain(text);
      if ('expected' in texts) expect(texts.expected).toBe('');
    }
    expect(records[0]!.texts.message).toBe('CallCardSetUiState: invalid uiState');
    expect(records[4]!.texts.message).toBe('BackgroundCallCard::muteButtonClick: invalid payload');
  });

  it.each(DEVELOPMENT)('%s: the full messages, as plain Node has them', (name) => {
    const { markers, records } = report.builds[name]!;
    expect(markers.fullOnly).toEqual(FULL_ONLY);
    expect(records).toEqual(node);
  });

  it.each([...PRODUCTION, ...DEVELOPMENT])(
    '%s: the same classes, names, error codes and fields as plain Node',
    (name) => {
      expect(branchedOn(report.builds[name]!.records)).toEqual(branchedOn(node));
      expect(node[5]!.fields['errorCode']).toBe('Call card is undefined');
    },
  );

  it('shortens every message of a production build, and keeps the command or event it names', () => {
    const production = report.builds['vite build']!.records;
    production.forEach(({ texts }, i) => {
      const full = node[i]!.texts.message;
      if (node[i]!.class === 'CallCardCommandError') expect(texts.message).toBe(full);
      else expect(texts.message.length).toBeLessThan(full.length);
      expect(texts.message.split(':')[0]).toBe(full.split(':')[0]);
    });
  });

  it('plain Node gets the full messages, whatever NODE_ENV says', () => {
    expect(node[0]!.texts.message).toMatch(/^CallCardSetUiState: uiState was "talking"; expected /);
    expect(node[2]!.texts.expected).toContain('or a test placement');
  });

  it('loads the ESM file unbundled where there is no `process` (an import map), with full messages', () => {
    expect(unbundled.hasProcess).toBe(false);
    expect(unbundled.records).toEqual(node);
  });

  it('the bundler build needs a bundler: unbundled, its first error is a ReferenceError', () => {
    expect(report.runs['dist/bundler/index.mjs without a bundler, no process']).toEqual({
      threw: 'ReferenceError: process is not defined',
    });
  });
});
