#!/usr/bin/env node
// The browser check of the Angular example: a real Chromium loads the DEVELOPMENT build (a plain
// browser tab, no portal frame, so the app starts on the simulator and shows its panel), rings,
// answers, and sees the app's timer move; then mutes from the app and hangs up from the card.
// The page gets a stand-in for the Redux DevTools extension's page API before the app loads, so
// the check also sees what the development build shows in the extension.
//
// Usage: node browser-test.mjs [--screenshot FILE]
//   (after `npm run build:dev`; needs /usr/bin/chromium, see ../../scripts/ensure-chromium.sh,
//   or set CHROMIUM_PATH; playwright-core comes from the repository's own dev dependencies).
//   Never downloads a browser. Exit 0: every check passed; 1: a check failed.
/* global URL */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CheckError, STEP_TIMEOUT_MS, check, runInChromium, step } from '../browser-run.mjs';
import { sessionLogProblems } from '../session-log-check.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, 'dist/development/browser');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.ico': 'image/x-icon',
};

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
  check(true, `the app showed ${what}`);
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

async function recorderStep(page) {
  await step(
    'window.callCardRecorder (development only) holds a valid log of the call',
    async () => {
      const log = await page.evaluate(() => window.callCardRecorder?.log() ?? null);
      check(log !== null, 'the development build exposes window.callCardRecorder');
      const problems = sessionLogProblems(log);
      check(problems.length === 0, 'its log is a valid session log (format version 1)', problems);
      const events = log.entries
        .filter((e) => e.kind === 'event')
        .map((e) => e.event.slice('BackgroundCallCard::'.length));
      check(
        JSON.stringify(events) ===
          '["entityChanged","initialized","answerButtonClick","hangupButtonClick"]',
        "it holds the host's events, from the card raised to the hang-up",
        events,
      );
      const commands = log.entries.filter((e) => e.kind === 'command');
      check(
        commands.some((e) => e.command === 'CallCardSetMute' && e.params.muted === true) &&
          commands.at(-1).command === 'CallCardClose',
        "it holds the app's commands, its mute, and the close last",
        commands.map((e) => e.command),
      );
      check(log.snapshot?.closed === true, 'its snapshot is the closed card', log.snapshot);
    },
  );
}

/**
 * A stand-in for `window.__REDUX_DEVTOOLS_EXTENSION__`, installed before the app's scripts run: it
 * keeps what the page hands it (each value through JSON, as the extension's page script sends it).
 */
function fakeDevToolsExtension() {
  const json = (value) => JSON.parse(JSON.stringify(value ?? null));
  const seen = { connects: [], inits: [], actions: [], states: [] };
  window.__devToolsSeen = seen;
  window.__REDUX_DEVTOOLS_EXTENSION__ = {
    connect(options) {
      seen.connects.push(json(options));
      return {
        init: (state) => seen.inits.push(json(state)),
        send: (action, state) => {
          seen.actions.push(json(action));
          seen.states.push(json(state));
        },
        subscribe: () => () => undefined,
        unsubscribe: () => undefined,
        error: () => undefined,
      };
    },
  };
}

async function devToolsStep(page) {
  await step(
    'Redux DevTools (development only) got the call as actions, with the card state after each',
    async () => {
      const { seen, entries } = await page.evaluate(() => ({
        seen: window.__devToolsSeen,
        entries: window.callCardRecorder?.log().entries ?? null,
      }));
      check(
        seen.connects.length === 1 && seen.connects[0].name === 'Call card (development)',
        'the development start-up connected one instance, "Call card (development)"',
        seen.connects,
      );
      // Times are the same but for the ms between the two recorders' starts.
      const untimed = (list) => JSON.stringify(list.map((entry) => ({ ...entry, at: 0 })));
      check(
        untimed(seen.actions.map((a) => a.payload)) === untimed(entries),
        "its actions carry the session's entries, the same as the recorder's",
        seen.actions.map((a) => a.type),
      );
      check(
        seen.actions.every((a, i) => a.seq === i + 1),
        'numbered from 1 with no gap',
        seen.actions.map((a) => a.seq),
      );
      const types = seen.actions.map((a) => a.type);
      check(
        ['[event] initialized', '[command] CallCardSetMute', '[reply] CallCardSetMute ok'].every(
          (t) => types.includes(t),
        ),
        'their types read in the list ("[event] initialized", "[reply] CallCardSetMute ok", ...)',
        types,
      );
      const muted = seen.states[types.indexOf('[reply] CallCardSetMute ok')];
      check(muted?.muted === true, "the state after the mute's reply is muted", muted);
      check(seen.states.at(-1)?.closed === true, 'the last state is the closed card');
    },
  );
}

async function main() {
  const at = process.argv.indexOf('--screenshot');
  const screenshot = at === -1 ? null : process.argv[at + 1];
  return runInChromium({
    name: 'browser check',
    viewport: { width: 1000, height: 900 },
    screenshot,
    start: async () => {
      await readFile(join(ROOT, 'index.html')).catch(() => {
        throw new CheckError(`no build in ${ROOT}: run \`npm run build:dev\` first`);
      });
      const server = await serve();
      console.log(`the Angular example (development build) at ${server.url}`);
      return server;
    },
    scenario: async (context, server, problems) => {
      const page = await context.newPage();
      await page.addInitScript(fakeDevToolsExtension);
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
      });
      await scenario(page, server.url, screenshot);
      await recorderStep(page);
      await devToolsStep(page);
    },
  });
}

process.exitCode = await main();
