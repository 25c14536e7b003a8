#!/usr/bin/env node
// Proves the production build carries no simulator and no session recorder: greps its JavaScript
// for strings only the simulator, its panel and the recorder contain, and, as a control, finds
// them in the development build (so the grep can fail) and finds the SDK in both (so the right
// files were read).
//
// Usage: node bundle-check.mjs   (after `npm run build` and `npm run build:dev`)
// Exit 0: the production build is clean; 1 otherwise.
/* global Buffer */
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const BUILDS = {
  production: resolve(HERE, 'dist/call-card-app/browser'),
  development: resolve(HERE, 'dist/development/browser'),
};
/** Only in the simulator (its name in its error messages, its call ids) and the panel. */
const SIMULATOR_MARKERS = ['createCallCardSimulator', 'sim-call-', 'Simulator (development only)'];
/** Only in the recorder (its name in its error messages) and the development hook exposing it. */
const RECORDER_MARKERS = ['recordCallCard', 'callCardRecorder'];
/** In every build: the official SDK the app starts in a portal. */
const SDK_MARKER = 'JSSDK_CLIENT_SIDE_WARNING';

async function scripts(dir) {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.js'));
  if (names.length === 0) throw new Error(`no .js files in ${dir}: build it first`);
  const texts = await Promise.all(names.map((name) => readFile(join(dir, name), 'utf8')));
  return { names, text: texts.join('\n') };
}

const problems = [];
const production = await scripts(BUILDS.production);
const development = await scripts(BUILDS.development);
for (const [marker, what] of [
  ...SIMULATOR_MARKERS.map((m) => [m, 'the simulator']),
  ...RECORDER_MARKERS.map((m) => [m, 'the session recorder']),
]) {
  if (production.text.includes(marker))
    problems.push(`the production build contains "${marker}" (${what})`);
  if (!development.text.includes(marker))
    problems.push(`the development build lacks "${marker}": the check would prove nothing`);
}
for (const [name, build] of [
  ['production', production],
  ['development', development],
])
  if (!build.text.includes(SDK_MARKER))
    problems.push(`the ${name} build lacks the SDK ("${SDK_MARKER}"): wrong files read?`);

const kb = (text) => `${(Buffer.byteLength(text) / 1024).toFixed(0)} kB`;
console.log(
  `production: ${production.names.join(', ')} (${kb(production.text)}); ` +
    `development: ${development.names.join(', ')} (${kb(development.text)})`,
);
if (problems.length > 0) {
  console.error(`FAIL:\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
} else
  console.log(
    `PASS: no simulator and no recorder in the production build (` +
      `${[...SIMULATOR_MARKERS, ...RECORDER_MARKERS].map((m) => `"${m}"`).join(', ')} ` +
      'absent; present in the development build)',
  );
