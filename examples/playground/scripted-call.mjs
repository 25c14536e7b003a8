// The call that `npm run fixture:record` records in the playground and the browser test records
// again to check that the committed fixture is current: ring, answer, mute after two seconds of
// talk, hang up after three. Each click comes right after the card showed a new talk time, so a
// whole second separates it from the timer's next tick: the recorded commands are the same on
// every run (only their times move by a few ms), and a replay in virtual time, where the ticks
// are exact, sends them in the same order.
/* global performance */
import { STEP_TIMEOUT_MS, check } from '../browser-run.mjs';
import { downloadFromFrame, waitForCard } from './host-page.mjs';

/** The SDK resolves a pending bindEvent after this long; an event inside it is the "lost" one. */
const SDK_WINDOW_MS = 900;

const statusIs = (text) => `(c) => c.statusText === ${JSON.stringify(text)}`;

/**
 * Plays the scripted call on the host page `page` (the playground's app in `frame`, started) and
 * returns the session log the app's "Download session" button saves, parsed.
 *
 * @returns {Promise<import('b24-call-card-rx').CallCardSessionLog>}
 */
export async function playScriptedCall(page, frame) {
  await frame.waitForFunction(() => window.appReady === true, undefined, {
    timeout: STEP_TIMEOUT_MS,
  });
  await page.waitForFunction(() => window.playground.record.bindings.length >= 17, undefined, {
    timeout: STEP_TIMEOUT_MS,
  });
  // Past the SDK's window of the last binding, so every event takes the callback path.
  await page.waitForFunction(
    (windowMs) => performance.now() - window.playground.record.bindings.at(-1).at > windowMs + 50,
    SDK_WINDOW_MS,
    { timeout: STEP_TIMEOUT_MS },
  );
  await page.click('#ring');
  await waitForCard(page, `(c) => c.state === 'incoming' && c.title !== ''`, 'incoming, titled');
  await page.click('#card-buttons button[data-button="answer"]');
  await waitForCard(page, statusIs('Talking 00:02'), 'two seconds of talk');
  await page.click('#card-buttons button[data-button="mute"]');
  await waitForCard(page, statusIs('Talking 00:02 · muted'), 'muted');
  await waitForCard(page, statusIs('Talking 00:03 · muted'), 'three seconds of talk');
  await page.click('#card-buttons button[data-button="hangup"]');
  await waitForCard(page, `(c) => !c.exists && c.closed`, 'no card (closed)');
  await page.waitForTimeout(300); // room for a stray late command to show up in the log
  const { name, text } = await downloadFromFrame(page, frame, '#download-session');
  check(name === 'call-card-session.json', 'the app saved call-card-session.json', name);
  return JSON.parse(text);
}
