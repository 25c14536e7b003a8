import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CALL_CARD_EVENT_TYPES } from '../../src/model/events';

// `npm test` builds dist/ before jest. B24_DUAL_BUILD_DIST points the check at another build
// (a directory with index.mjs and index.cjs exporting callCardEvents).
const root = resolve(__dirname, '../..');
const dist = resolve(process.env['B24_DUAL_BUILD_DIST'] ?? join(root, 'dist'));

interface DualBuildReport {
  sameObjectPerBuild: boolean;
  distinctBuilds: boolean;
  bindCounts: Record<string, number>;
  received: { esm: string[]; cjs: string[] };
  order: string[];
  lateCjsCall: string | null;
  commands: {
    sent: string[];
    maxInFlight: number;
    esmOutcomes: boolean[];
    cjsOutcomes: boolean[];
    cjsFacade: { muted: boolean; title: string; statusText: string };
  };
}

function runCheck(): DualBuildReport {
  if (!existsSync(join(dist, 'index.mjs')) || !existsSync(join(dist, 'index.cjs')))
    throw new Error(`no build in ${dist}: run \`npm run build\` first`);
  const out = execFileSync(process.execPath, [join(root, 'scripts/dual-build-check.mjs'), dist], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out) as DualBuildReport;
}

describe('dual build: ESM and CJS loaded in one process', () => {
  let report: DualBuildReport;
  beforeAll(() => {
    report = runCheck();
  }, 30_000);

  it('binds every host event of one placement exactly once across both builds', () => {
    expect(report.bindCounts).toEqual(
      Object.fromEntries(CALL_CARD_EVENT_TYPES.map((type) => [type, 1])),
    );
  });

  it('delivers every event to the subscribers of both builds, in host order', () => {
    // The ESM build's mute subscriber raises hold re-entrantly, so hold follows mute.
    const expected = [...CALL_CARD_EVENT_TYPES];
    expected.splice(expected.indexOf('muteButtonClick') + 1, 0, 'holdButtonClick');
    expect(report.received.esm).toEqual(expected);
    expect(report.received.cjs).toEqual(expected);
    expect(report.order).toEqual([
      'esm hold',
      'cjs hold',
      'esm mute',
      'cjs mute',
      'esm hold',
      'cjs hold',
    ]);
  });

  it('replays, through the CJS build, the call the host announced to the ESM build', () => {
    expect(report.lateCjsCall).toBe('externalCall.42');
  });

  it('keeps one callCardEvents object per placement in each build', () => {
    expect(report.sameObjectPerBuild).toBe(true);
    expect(report.distinctBuilds).toBe(true);
  });

  it('sends the commands of both builds through one serial queue, in emission order', () => {
    expect(report.commands.sent).toEqual([
      'CallCardSetMute {"muted":true}',
      'CallCardSetCardTitle {"title":"Anna"}',
      'CallCardSetStatusText {"statusText":"Talking"}',
    ]);
    expect(report.commands.maxInFlight).toBe(1);
    expect(report.commands.esmOutcomes).toEqual([true, true]);
    expect(report.commands.cjsOutcomes).toEqual([true]);
  });

  it("lets a facade of one build learn the commands another build's sink applied", () => {
    expect(report.commands.cjsFacade).toEqual({
      muted: true,
      title: 'Anna',
      statusText: 'Talking',
    });
  });
});
