#!/usr/bin/env node
// Records the committed session-log fixtures in the browser playground: headless Chromium, the
// official SDK and the built package, across a real cross-origin iframe (as
// examples/playground/browser-test.mjs runs it). Each fixture is the file the app's download
// button saves, formatted as the repository formats JSON.
//
//   spec/fixtures/playground-call.json           the scripted call (examples/playground/scripted-call.mjs)
//   spec/fixtures/playground-call-redacted.json  the same call, recorded with redactPersonalData
//   spec/fixtures/host-probe-emulated.json       the host probe's tour on the emulated portal
//                                                (examples/host-probe/emulated-operator.mjs)
//
// Usage: npm run fixture:record   (builds dist/ first; needs Chromium: scripts/ensure-chromium.sh)
// The specs that replay them: spec/examples/playground-fixture.spec.ts and host-probe.spec.ts.
import { writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { runInChromium } from '../examples/browser-run.mjs';
import { runProbeOnEmulatedPortal } from '../examples/host-probe/emulated-operator.mjs';
import { openHost } from '../examples/playground/host-page.mjs';
import { playScriptedCall } from '../examples/playground/scripted-call.mjs';
import { startPlayground } from '../examples/playground/serve.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'spec', 'fixtures');

/** Writes `value` as JSON, formatted by the repository's prettier settings. */
export async function writeJsonFixture(path, value) {
  const options = (await prettier.resolveConfig(path)) ?? {};
  const text = await prettier.format(JSON.stringify(value), { ...options, filepath: path });
  await writeFile(path, text);
  console.log(`  wrote ${relative(ROOT, path)} (${text.length} bytes)`);
}

const code = await runInChromium({
  name: 'fixture recording',
  viewport: { width: 1200, height: 820 },
  start: () => startPlayground(),
  scenario: async (context, playground, problems) => {
    for (const [query, file] of [
      ['', 'playground-call.json'],
      ['?redact=1', 'playground-call-redacted.json'],
    ]) {
      console.log(`recording ${file}`);
      const { page, frame } = await openHost(
        context,
        `${playground.hostUrl}${query}`,
        playground.appUrl,
        problems,
      );
      await writeJsonFixture(join(FIXTURES, file), await playScriptedCall(page, frame));
      await page.close();
    }
    console.log('recording host-probe-emulated.json');
    await writeJsonFixture(
      join(FIXTURES, 'host-probe-emulated.json'),
      await runProbeOnEmulatedPortal(context, playground, problems),
    );
  },
});
process.exit(code);
