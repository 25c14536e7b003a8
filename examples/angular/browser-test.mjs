#!/usr/bin/env node
// The browser check of the Angular example: a real Chromium loads the DEVELOPMENT build (a plain
// browser tab, no portal frame, so the app starts on the simulator and shows its panel), rings,
// answers, and sees the app's timer move; then mutes from the app and hangs up from the card.
//
// Usage: node browser-test.mjs [--screenshot FILE]
//   (after `npm run build:dev`; needs /usr/bin/chromium, see ../../scripts/ensure-chromium.sh,
//   or set CHROMIUM_PATH; playwright-core comes from the repository's own dev dependencies).
//   Never downloads a browser. Exit 0: every check passed; 1: a check failed.
/* global performance, URL */
import { createServer } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, 'dist/development/browser');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const RUN_TIMEOUT_MS = 60_000;
const STEP_TIMEOUT_MS = 8_000;
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.ico': 'image/x-icon',
};

const started = performance.now();
const seconds = (from = started) => ((performance.now() - from) / 1000).toFixed(2);
let checks = 0;

class CheckError extends Error {}

function check(condition, message, details) {
  checks += 1;
  if (!condition)
    throw new CheckError(
      `${message}${details === undefined ? '' : `\n    got: ${JSON.stringify(details)}`}`,
    );
}

async function step(name, body) {
  const from = performance.now();
  await body();
  console.log(`  ✓ ${name} (${seconds(from)} s)`);
}

/** Serves the built app on 127.0.0.1 (any path that is not a file gets index.html). */
async function serve() {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    const file = join(ROOT, path === '/' ? 'index.html' : path);
    const body = await readFile(file.startsWith(ROOT) ? file : join(ROOT, 'index.html')).catch(() =>
      readFile(join(ROOT, 'index.html')),
    );
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? TYPES['.html'] });
    response.end(body);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((done) => server.close(done)),
  };
}

/** The app's view: the `data-testid` fields of its card. */
const appCard = (page) =>
  page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('app-root dd[data-testid]')].map((dd) => [
        dd.dataset.testid,
        dd.textContent.trim(),
      ]),
    ),
  );

/** Waits until the app's card satisfies `predicate` (run in the page on the fields above). */
async function waitForApp(page, predicate, what) {
  try {
    await page.waitForFunction(
      `(${predicate})(Object.fromEntries([...document.querySelectorAll('app-root dd[data-testid]')]` +
        `.map((dd) => [dd.dataset.testid, dd.textContent.trim()])))`,
      undefined,
      { timeout: STEP_TIMEOUT_MS, polling: 50 },
    );
  } catch {
    const host = await page.textContent('[data-testid="host-view"]').catch(() => '?');
    throw new CheckError(
      `the app never showed ${what}; it shows ${JSON.stringify(await appCard(page))}\n` +
        `    the simulated host shows:\n${host.replace(/^/gm, '      ')}`,
    );
  }
  checks += 1;
}

/** The error the app shows (its `lastError`), or null. */
const shownError = (page) =>
  page.evaluate(() => document.querySelector('[role="alert"]')?.textContent ?? null);

async function scenario(page, url, screenshot) {
  await step('the development build starts on the simulator, with its panel', async () => {
    await page.goto(url, { timeout: STEP_TIMEOUT_MS });
    await page.waitForSelector('app-simulator-panel h2', { timeout: STEP_TIMEOUT_MS });
    const card = await appCard(page);
    check(card['ui-state'] === 'no call', 'no call yet', card);
    const alert = await shownError(page);
    check(alert === null, 'no start-up error shown', alert);
  });

  await step('Ring: the app shows the incoming call and titles the card', async () => {
    await page.click('text=Ring (incoming)');
    await waitForApp(
      page,
      `(c) => c['ui-state'] === 'incoming' && c.title === '+1 555 0100' && c.status === 'Incoming call'`,
      'an incoming call titled with the number',
    );
    const host = await page.textContent('[data-testid="host-view"]');
    check(/state: incoming/.test(host), 'the simulated host shows incoming', host);
    check(/buttons: answer, skip/.test(host), 'the host shows Answer and Skip', host);
  });

  await step('Answer: connecting, then connected, and the timer moves', async () => {
    await page.click('[data-button="answer"]');
    await waitForApp(page, `(c) => c['ui-state'] === 'connected'`, 'connected');
    await waitForApp(page, `(c) => /^00:0\\d$/.test(c.timer)`, 'a timer');
    const first = (await appCard(page)).timer;
    await waitForApp(
      page,
      `(c) => /^00:0\\d$/.test(c.timer) && c.timer > ${JSON.stringify(first)}`,
      `the timer past ${first}`,
    );
    await waitForApp(
      page,
      `(c) => /^Talking 00:0[1-9]$/.test(c.status)`,
      'the status "Talking MM:SS" past 00:00, written by the call logic',
    );
    const host = await page.textContent('[data-testid="host-view"]');
    check(/Conversation length: 00:0\d/.test(host), "the host's own timer runs too", host);
  });

  await step("Mute from the app: the card's flag and status follow", async () => {
    await page.click('app-root > button:has-text("Mute")');
    await waitForApp(
      page,
      `(c) => c.flags === 'muted, live' && / · muted$/.test(c.status)`,
      'muted, in the flags and the status',
    );
    const host = await page.textContent('[data-testid="host-view"]');
    check(/muted: yes/.test(host), 'the simulated host is muted', host);
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  });

  await step('Hang up on the card: the app closes it', async () => {
    await page.click('[data-button="hangup"]');
    await waitForApp(page, `(c) => c['ui-state'] === 'no call' && c.timer === '–'`, 'no call');
    const host = await page.textContent('[data-testid="host-view"]');
    check(host.trim() === '(no card)', 'the simulated host has no card', host);
    const alert = await shownError(page);
    check(alert === null, 'no error shown', alert);
  });
}

async function main() {
  const at = process.argv.indexOf('--screenshot');
  const screenshot = at === -1 ? null : process.argv[at + 1];
  const problems = [];
  let server;
  let context;
  let profile;
  const cleanUp = async () => {
    await context?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
    if (profile) await rm(profile, { recursive: true, force: true }).catch(() => undefined);
  };
  const watchdog = setTimeout(() => {
    console.error(`\nFAIL: the browser check did not finish within ${RUN_TIMEOUT_MS / 1000} s`);
    cleanUp().finally(() => process.exit(1));
  }, RUN_TIMEOUT_MS);
  try {
    await readFile(join(ROOT, 'index.html')).catch(() => {
      throw new CheckError(`no build in ${ROOT}: run \`npm run build:dev\` first`);
    });
    server = await serve();
    console.log(`the Angular example (development build) at ${server.url}`);
    profile = await mkdtemp(join(tmpdir(), 'b24-angular-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      timeout: 20_000,
      viewport: { width: 1000, height: 900 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await scenario(page, server.url, screenshot);
    check(problems.length === 0, 'no page error or console error', problems);
    console.log(`PASS: ${checks} checks in ${seconds()} s`);
    if (screenshot) console.log(`screenshot (mid-call): ${screenshot}`);
    return 0;
  } catch (error) {
    console.error(
      `\nFAIL after ${seconds()} s: ${error instanceof CheckError ? error.message : error.stack}`,
    );
    if (problems.length > 0) console.error(`  browser problems:\n    ${problems.join('\n    ')}`);
    return 1;
  } finally {
    clearTimeout(watchdog);
    await cleanUp();
  }
}

process.exitCode = await main();
