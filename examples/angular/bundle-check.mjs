#!/usr/bin/env node
// Proves the production build carries no simulator, no session recorder, no Redux DevTools bridge
// and only the library's short error messages: greps its JavaScript for strings only the
// simulator, its panel, the recorder and the bridge contain, and for texts only the full messages have; as a control, finds them in the
// development build (so the grep can fail), the short messages in the production build, and the
// SDK in both (so the right files were read).
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
/** Only in the Redux DevTools bridge (the extension's global, its name in its messages). */
const DEVTOOLS_MARKERS = ['__REDUX_DEVTOOLS_EXTENSION__', 'connectReduxDevTools'];
/**
 * Only in the library's full error messages (a command param that is not a UI state; an
 * `initialized` payload that is no call): the Angular CLI's production build must drop them.
 */
const FULL_MESSAGE_MARKERS = ['or an internal state', 'a call object with CALL_ID'];
/** Only in the short messages (a malformed payload); a development build may keep it too. */
const SHORT_MESSAGE_MARKER = 'invalid payload';
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
  ...DEVTOOLS_MARKERS.map((m) => [m, 'the Redux DevTools bridge']),
]) {
  if (production.text.includes(marker))
    problems.push(`the production build contains "${marker}" (${what})`);
  if (!development.text.includes(marker))
    problems.push(`the development build lacks "${marker}": the check would prove nothing`);
}
for (const marker of FULL_MESSAGE_MARKERS) {
  if (production.text.includes(marker))
    problems.push(`the production build contains "${marker}" (a full error message)`);
  if (!development.text.includes(marker))
    problems.push(`the development build lacks "${marker}": no full error messages?`);
}
if (!production.text.includes(SHORT_MESSAGE_MARKER))
  problems.push(`the production build lacks "${SHORT_MESSAGE_MARKER}": no short error messages?`);
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
    `PASS: no simulator, no recorder and no DevTools bridge in the production build (` +
      `${[...SIMULATOR_MARKERS, ...RECORDER_MARKERS, ...DEVTOOLS_MARKERS].map((m) => `"${m}"`).join(', ')} ` +
      'absent; present in the development build); short error messages in the production build ' +
      `(${FULL_MESSAGE_MARKERS.map((m) => `"${m}"`).join(', ')} absent, "${SHORT_MESSAGE_MARKER}" ` +
      'present), full ones in the development build',
  );
