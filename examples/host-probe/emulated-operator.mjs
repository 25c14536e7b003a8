// The operator of the host probe, played by a script on the playground's emulated portal page:
// it reads the probe's instruction, clicks where it asks on the host page's card, and answers
// the timer questions from what the host page's card shows, as a person at a live portal would.
// Shared by the probe's browser test and `npm run fixture:record`.
/* global performance, URLSearchParams */
import { CheckError, STEP_TIMEOUT_MS, check } from '../browser-run.mjs';
import { downloadFromFrame, openHost } from '../playground/host-page.mjs';
import { QUESTIONS } from './tour.mjs';

/** The probe's timings on the emulated portal: a script clicks at once, the host answers at once. */
export const EMULATED_OPTIONS = Object.freeze({
  cardTimeoutMs: 20_000,
  clickTimeoutMs: 20_000,
  dwellMs: 100,
  silenceMs: 1000,
});

/** The SDK resolves a pending bindEvent after this long; the operator rings after it. */
const SDK_WINDOW_MS = 900;

/** Instruction (its start) -> the card button the operator clicks. */
const CLICKS = [
  ['Click Answer', 'answer'],
  ['Click Call', 'makeCall'],
  ['Click Next', 'next'],
  ['Click Mute', 'mute'],
  ['Click Hold', 'hold'],
  ['Click Resume (hold)', 'hold'],
  ['Rate the call quality', 'qualityMeter'],
  ['Click Transfer', 'transfer'],
  ['Click Hang up', 'hangup'],
  ['Click Notify admin', 'notifyAdmin'],
  ['Click Skip', 'skip'],
  ['Click Close', 'close'],
];

const card = (page) => page.evaluate(() => window.playground.card());
const clickButton = (page, name) => page.click(`#card-buttons button[data-button="${name}"]`);

async function dial(page, key) {
  await page.selectOption('#dial-key', key);
  await clickButton(page, 'dialpad');
}

/** What a person answers, looking at the host page's card. */
function answerOf(id, shown, memory) {
  const { status, elapsedMs } = shown.timer;
  switch (id) {
    case 'timerCounting':
    case 'timerCountingInTransfer':
      return status === 'running';
    case 'timerFrozen':
      memory.frozenMs = elapsedMs;
      return status === 'stopped';
    case 'timerResumed':
      return status === 'running' && elapsedMs >= (memory.frozenMs ?? Infinity);
    case 'timerHidden':
      return status === 'hidden';
    case 'timerFromZero':
      return status === 'running' && elapsedMs < 2000;
    default:
      throw new CheckError(`no answer for the question ${id}`);
  }
}

/** Does what `instruction` asks on the host page. */
async function act(page, instruction, memory) {
  if (instruction.startsWith('Raise a test card') || instruction.startsWith('Raise a second')) {
    // The first card in call-list mode, so that the Next step runs too.
    const first = instruction.startsWith('Raise a test card');
    await page.setChecked('#call-list', first);
    await page.waitForFunction(
      (windowMs) => performance.now() - window.playground.record.bindings.at(-1).at > windowMs,
      SDK_WINDOW_MS,
      { timeout: STEP_TIMEOUT_MS },
    );
    return page.click('#ring');
  }
  if (instruction.startsWith('Watch the card')) return undefined;
  if (instruction.startsWith('Press 5 on the dialpad')) return dial(page, '5');
  // The emulated portal has no sliders.
  if (instruction.startsWith('Open a page in a slider')) return dial(page, '0');
  if (instruction.startsWith('Add a comment')) return page.click('#save-comment');
  const question = Object.entries(QUESTIONS).find(([, q]) => instruction.startsWith(q.text));
  if (question) {
    const [id, q] = question;
    const answer = answerOf(id, await card(page), memory) ? q.yes : q.no;
    return answer.type === 'dialpadButtonClick'
      ? dial(page, answer.payload)
      : clickButton(
          page,
          answer.type === 'completeTransferButtonClick' ? 'completeTransfer' : 'cancelTransfer',
        );
  }
  const click = CLICKS.find(([start]) => instruction.startsWith(start));
  if (!click) throw new CheckError(`the operator does not know what to do: "${instruction}"`);
  return clickButton(page, click[1]);
}

/**
 * Opens the playground's host page with the probe as the app (`?app=probe`), plays the operator
 * until the tour ends, and returns the probe file its download button saves, parsed.
 *
 * @returns {Promise<import('./probe-file.mjs').ProbeFile>}
 */
export async function runProbeOnEmulatedPortal(context, playground, problems, onStep) {
  const query = new URLSearchParams({
    app: 'probe',
    cardTimeout: String(EMULATED_OPTIONS.cardTimeoutMs),
    clickTimeout: String(EMULATED_OPTIONS.clickTimeoutMs),
    dwell: String(EMULATED_OPTIONS.dwellMs),
    silence: String(EMULATED_OPTIONS.silenceMs),
  });
  const { page, frame } = await openHost(
    context,
    `${playground.hostUrl}?${query}`,
    playground.probeUrl,
    problems,
  );
  const memory = {};
  let handled = 0;
  let step = 0;
  for (;;) {
    const current = await frame
      .waitForFunction(
        (seen) => {
          const c = window.probe?.current();
          return c && (c.finished || (c.instruction !== null && c.asked > seen)) ? c : null;
        },
        handled,
        { timeout: EMULATED_OPTIONS.clickTimeoutMs, polling: 20 },
      )
      .then((handle) => handle.jsonValue());
    if (current.n !== step) onStep?.(current);
    step = current.n;
    if (current.finished) break;
    handled = current.asked;
    await act(page, current.instruction, memory);
  }
  const { name, text } = await downloadFromFrame(page, frame, '#download');
  check(name === 'call-card-probe.json', 'the probe saved call-card-probe.json', name);
  await page.close();
  return JSON.parse(text);
}
