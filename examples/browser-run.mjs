// What the two browser checks share (examples/playground/browser-test.mjs and
// examples/angular/browser-test.mjs): Debian's Chromium driven by playwright-core, never a
// downloaded browser; the flags a closed network needs; counted checks and timed steps; one run
// with a watchdog that always cleans up (browser, profile, servers) and answers an exit code.
/* global performance */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these, Chromium keeps calling home, and a closed network refuses each call.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** The whole run, browser start to shutdown. */
const RUN_TIMEOUT_MS = 60_000;
/** One wait for a page to reach a state. */
export const STEP_TIMEOUT_MS = 8_000;

const started = performance.now();
let checks = 0;

/** Seconds since `from` (default: the start of the run), as text. */
export const seconds = (from = started) => ((performance.now() - from) / 1000).toFixed(2);

/** A failed check: reported by its message alone. */
export class CheckError extends Error {}

/** Counts one check; throws `CheckError` with `message` (and what was seen) when it fails. */
export function check(condition, message, details) {
  checks += 1;
  if (!condition)
    throw new CheckError(
      `${message}${details === undefined ? '' : `\n    got: ${JSON.stringify(details)}`}`,
    );
}

/** Runs one named step and prints how long it took. */
export async function step(name, body) {
  const from = performance.now();
  await body();
  console.log(`  ✓ ${name} (${seconds(from)} s)`);
}

/**
 * Runs `scenario` in a fresh Chromium profile and answers the exit code (0: every check passed).
 * `start()` brings up what the pages load (its result needs a `close()`); `scenario(context,
 * started, problems)` drives the browser and may push page errors to `problems`, which must end
 * empty; `explain(context, started)` may print more when the run fails.
 */
export async function runInChromium({ name, viewport, start, scenario, explain, screenshot }) {
  const problems = [];
  let served;
  let context;
  let profile;
  const cleanUp = async () => {
    await context?.close().catch(() => undefined);
    await served?.close().catch(() => undefined);
    if (profile) await rm(profile, { recursive: true, force: true }).catch(() => undefined);
  };
  const watchdog = setTimeout(() => {
    console.error(`\nFAIL: the ${name} did not finish within ${RUN_TIMEOUT_MS / 1000} s`);
    cleanUp().finally(() => process.exit(1));
  }, RUN_TIMEOUT_MS);
  try {
    served = await start();
    profile = await mkdtemp(join(tmpdir(), 'b24-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      timeout: 20_000,
      viewport,
    });
    await scenario(context, served, problems);
    check(problems.length === 0, 'no page error or console error', problems);
    console.log(`PASS: ${checks} checks in ${seconds()} s`);
    if (screenshot) console.log(`screenshot (mid-call): ${screenshot}`);
    return 0;
  } catch (error) {
    console.error(
      `\nFAIL after ${seconds()} s: ${error instanceof CheckError ? error.message : error.stack}`,
    );
    if (problems.length > 0) console.error(`  browser problems:\n    ${problems.join('\n    ')}`);
    if (explain && context) await explain(context, served).catch(() => undefined);
    return 1;
  } finally {
    clearTimeout(watchdog);
    await cleanUp();
  }
}
