// Driving the emulated portal page (host.mjs) from playwright-core: open it, find the app's
// cross-origin frame, wait for the card. Shared by the browser tests and the recording scripts
// (the playground's, and the host probe's, which runs as the app on the same host page).
/* global performance */
import { readFile } from 'node:fs/promises';
import { CheckError, STEP_TIMEOUT_MS, check } from '../browser-run.mjs';

/** The host's view of the conversation (`window.playground.record` in host.mjs). */
export const hostRecord = (page) => page.evaluate(() => window.playground.record);

/** The card as the host page's simulator renders it as text, indented for a report. */
export const view = (page) =>
  page
    .evaluate(() => window.playground.view())
    .then((text) => text.replace(/^/gm, '      '))
    .catch((error) => `      (cannot read the card: ${error.message})`);

/** Waits until the host's card satisfies `predicate` (run in the page, on `sim.card()`). */
export async function waitForCard(page, predicate, what) {
  try {
    await page.waitForFunction(`(${predicate})(window.playground.card())`, undefined, {
      timeout: STEP_TIMEOUT_MS,
      polling: 50,
    });
  } catch {
    throw new CheckError(`the card never showed ${what}; it shows:\n${await view(page)}`);
  }
  check(true, `the card showed ${what}`);
}

/** The app's iframe: a Frame of another origin, loaded from `appUrl` (its query aside). */
export async function appFrame(page, appUrl) {
  const deadline = performance.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const frame = page.frames().find((f) => f.url().split('?')[0] === appUrl);
    if (frame) return frame;
    if (performance.now() > deadline) throw new CheckError(`no iframe loaded ${appUrl}`);
    await page.waitForTimeout(50);
  }
}

/**
 * Opens the host page at `url` in a new page of `context` and finds the app's frame. Page errors
 * and console errors of both go to `problems`.
 *
 * @returns {Promise<{ page: import('playwright-core').Page, frame: import('playwright-core').Frame }>}
 */
export async function openHost(context, url, appUrl, problems) {
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await page.goto(url, { timeout: STEP_TIMEOUT_MS });
  await page.waitForFunction(() => window.playground !== undefined, undefined, {
    timeout: STEP_TIMEOUT_MS,
  });
  const frame = await appFrame(page, appUrl);
  return { page, frame };
}

/**
 * Clicks the app's "Download session" button (`selector` in `frame`) and reads the file it saves.
 *
 * @returns {Promise<{ name: string, text: string }>}
 */
export async function downloadFromFrame(page, frame, selector) {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: STEP_TIMEOUT_MS }),
    frame.click(selector),
  ]);
  return {
    name: download.suggestedFilename(),
    text: await readFile(await download.path(), 'utf8'),
  };
}
