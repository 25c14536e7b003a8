import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { callInfo } from '../support/fixtures';

// Facades of both builds in one process, as `spec/streams/dual-build.spec.ts` loads the builds
// (`npm test` builds dist/ before jest). The scenario runs in a child Node process and prints what
// each build saw.
const root = resolve(__dirname, '../..');
const dist = join(root, 'dist');

const SCENARIO = `
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
const dist = ${JSON.stringify(dist)};
const esm = await import(pathToFileURL(dist + '/index.mjs').href);
const cjs = createRequire(import.meta.url)(dist + '/index.cjs');
const { of, asyncScheduler } = await import('rxjs');
const CALL = ${JSON.stringify(callInfo())};
const host = (answer) => {
  const handlers = new Map();
  return {
    calls: [],
    call(command, params, onReply) { this.calls.push(onReply); if (answer) onReply([]); },
    bindEvent(name, handler) { handlers.set(name, [...(handlers.get(name) ?? []), handler]); },
    emit(type, raw) { for (const h of handlers.get('BackgroundCallCard::' + type) ?? []) h(raw); },
  };
};
const report = {};
{
  // A facade of each build on one placement and ONE scheduler object.
  const placement = host(true);
  const a = esm.connectCallCard(placement, { scheduler: asyncScheduler });
  placement.emit('initialized', CALL);
  a.send(esm.setMute(true));
  a.send(esm.setCardTitle('Ann Lee'));
  const b = cjs.connectCallCard(placement, { scheduler: asyncScheduler });
  const pick = (s) => ({ muted: s.muted, title: s.title });
  report.shared = { esm: pick(a.snapshot()), cjs: pick(b.snapshot()) };
  a.dispose();
  b.dispose();
}
{
  // The queue was made by the ESM build; a CJS facade's command fails when the card closes.
  const placement = host(false);
  const esmCard = esm.connectCallCard(placement);
  placement.emit('initialized', CALL);
  esmCard.send(esm.setMute(true)); // in flight
  const cjsCard = cjs.connectCallCard(placement);
  const errors = [];
  cjsCard.errors$.subscribe((e) => errors.push(e));
  cjsCard.send(cjs.setStatusText('Talking')).subscribe({ error: () => undefined });
  placement.emit('closeButtonClick', '');
  placement.calls[0]([]); // the in-flight mute ends: no timer keeps the process alive
  report.errors = errors.map((e) => ({
    name: e.name,
    unavailable: e instanceof cjs.CallCardUnavailableError,
    base: e instanceof cjs.CallCardError,
  }));
  esmCard.dispose();
  cjsCard.dispose();
}
console.log(JSON.stringify(report));
`;

interface Report {
  shared: { esm: { muted: boolean; title: string }; cjs: { muted: boolean; title: string } };
  errors: Array<{ name: string; unavailable: boolean; base: boolean }>;
}

function run(): Report {
  if (!existsSync(join(dist, 'index.mjs')) || !existsSync(join(dist, 'index.cjs')))
    throw new Error(`no build in ${dist}: run \`npm run build\` first`);
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', SCENARIO], {
    cwd: root,
    encoding: 'utf8',
  });
  return JSON.parse(out) as Report;
}

let report: Report;
beforeAll(() => {
  report = run();
}, 30_000);

// connectCallCard rule 3, "Every connectCallCard on one placement (and scheduler) shares that
// state ... so two components never disagree: the second one sees the mute, the title and the
// close the first one applied", across builds too. This broke while the live state was kept in a
// WeakMap of each build rather than in the page-wide session: a facade of the other build started
// from scratch.
describe('dual build: a facade of one build joining a card the other build drives', () => {
  it('sees the mute and the title the other build applied, on the same scheduler', () => {
    expect(report.shared.esm).toEqual({ muted: true, title: 'Ann Lee' });
    expect(report.shared.cjs).toEqual(report.shared.esm);
  });
});

// "`instanceof CallCardError` catches them all" (and "treat a CallCardUnavailableError outcome as
// 'that card is gone'") across both builds. This broke while the shared queue built its errors
// with the classes of the build that made it first.
describe('dual build: errors a CJS facade receives from the queue the ESM build made', () => {
  it('are instances of the CallCardUnavailableError and CallCardError of the CJS build', () => {
    expect(report.errors).toEqual([
      { name: 'CallCardUnavailableError', unavailable: true, base: true },
    ]);
  });
});
