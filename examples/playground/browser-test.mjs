#!/usr/bin/env node
// The browser test of the playground: a real Chromium opens the emulated portal page, which
// embeds the app from another origin; the app runs the official SDK (@bitrix24/b24jssdk) and the
// built library. Clicking through a call proves the whole path works across a real cross-origin
// iframe: SDK handshake, event bindings, events host -> app, commands app -> host, replies.
//
// Usage: node examples/playground/browser-test.mjs [--screenshot FILE]
//   (after `npm run build`; needs /usr/bin/chromium, see scripts/ensure-chromium.sh, or set
//   CHROMIUM_PATH). Never downloads a browser. Exit 0: every check passed; 1: a check failed.
/* global performance, URL */
import { readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { STEP_TIMEOUT_MS, check, runInChromium, step } from '../browser-run.mjs';
import { hostRecord, openHost, waitForCard } from './host-page.mjs';
import { replayInNode } from './replay-in-node.mjs';
import { playScriptedCall } from './scripted-call.mjs';
import { sessionLogProblems } from '../session-log-check.mjs';
import { startPlayground } from './serve.mjs';

/** The SDK resolves a pending bindEvent after this long; an event inside it is the "lost" one. */
const SDK_WINDOW_MS = 900;
const PHONE = '+1 555 0100';
const TITLE = `Call from ${PHONE}`;
/** The committed recording of the scripted call (`npm run fixture:record`). */
const FIXTURE = 'spec/fixtures/playground-call.json';

function readArgs(args) {
  const at = args.indexOf('--screenshot');
  if (at !== -1 && !args[at + 1]) throw new Error('--screenshot needs a file name');
  return { screenshot: at === -1 ? null : args[at + 1] };
}

// ---- reading the host page ---------------------------------------------------------------

const record = hostRecord;
const appLog = (frame) => frame.evaluate(() => window.appLog);

/** The host's commands as lines; timer texts as `MM:SS`, repeated lines collapsed. */
function commandLines(commands) {
  const lines = commands.map((c) =>
    c.command === 'CallCardSetStatusText'
      ? `${c.command} ${String(c.params.statusText).replace(/\d\d:\d\d/, 'MM:SS')}`
      : `${c.command} ${JSON.stringify(c.params)}`,
  );
  return lines.filter((line, i) => line !== lines[i - 1]);
}

// ---- the scenarios ---------------------------------------------------------------------

async function callScenario(context, playground, problems, screenshot) {
  console.log('scenario 1: a call clicked through (ring, answer, mute, hang up)');
  let downloaded;
  const { page, frame } = await openHost(context, playground.hostUrl, playground.appUrl, problems);

  await step(
    'the app runs in a cross-origin iframe and binds the 17 events once each',
    async () => {
      await frame.waitForFunction(() => window.appReady === true, undefined, {
        timeout: STEP_TIMEOUT_MS,
      });
      const appOrigin = await frame.evaluate(() => window.location.origin);
      const hostOrigin = await page.evaluate(() => window.location.origin);
      check(appOrigin !== hostOrigin, 'the app has its own origin', { appOrigin, hostOrigin });
      const blocked = await page.evaluate(() => {
        try {
          return document.getElementById('app-frame').contentWindow.document === null;
        } catch (error) {
          return error.name === 'SecurityError';
        }
      });
      check(blocked, 'the host page cannot read the app frame (a real cross-origin boundary)');
      await page.waitForFunction(() => window.playground.record.bindings.length >= 17, undefined, {
        timeout: STEP_TIMEOUT_MS,
      });
      const r = await record(page);
      const names = r.bindings.map((b) => b.event);
      check(
        new Set(names).size === 17 && names.length === 17,
        'each event bound exactly once',
        names,
      );
      check(
        JSON.stringify(r.other.slice(0, 2)) === '["getInitData","getInterface"]',
        'the SDK handshake: getInitData, then the app read getInterface',
        r.other,
      );
    },
  );

  await step('Ring: the card shows incoming with the title the app set', async () => {
    // Past the SDK's window of the last binding, so this event takes the callback path.
    await page.waitForFunction(
      (windowMs) => performance.now() - window.playground.record.bindings.at(-1).at > windowMs + 50,
      SDK_WINDOW_MS,
      { timeout: STEP_TIMEOUT_MS },
    );
    await page.click('#ring');
    await waitForCard(
      page,
      `(c) => c.state === 'incoming' && c.title === ${JSON.stringify(TITLE)}`,
      `incoming with the title "${TITLE}"`,
    );
    const buttons = await page.$$eval('#card-buttons button', (all) =>
      all.map((b) => b.dataset.button),
    );
    check(
      JSON.stringify(buttons) === '["answer","skip"]',
      'incoming shows Answer and Skip',
      buttons,
    );
  });

  await step('Answer: connected, the timer runs past 00:01', async () => {
    await page.click('#card-buttons button[data-button="answer"]');
    await waitForCard(page, `(c) => c.state === 'connected'`, 'connected');
    check(await page.isVisible('#card-timer'), 'the timer is visible');
    await waitForCard(
      page,
      `(c) => c.timer.status === 'running' && c.timer.elapsedMs >= 2000`,
      'a running timer past 00:01',
    );
    // The page redraws the card every 250 ms, so its text may trail the card's model: wait for
    // it rather than read it once.
    const timerShown = await page
      .waitForFunction(
        () =>
          /^Conversation length: 00:0[2-9]$/.test(
            document.querySelector('#card-timer')?.textContent ?? '',
          ),
        undefined,
        { timeout: STEP_TIMEOUT_MS, polling: 50 },
      )
      .then(() => true)
      .catch(() => false);
    const timerText = await page.textContent('#card-timer');
    check(timerShown, 'the timer reads 00:02+', timerText);
    // The library's own timer, mirrored into the status line by the app, keeps up with the host.
    await waitForCard(
      page,
      `(c) => /^Talking 00:0[1-9]$/.test(c.statusText)`,
      'the app\'s "Talking MM:SS" status past 00:00',
    );
  });

  await step('Mute: the status text mirrors it', async () => {
    await page.click('#card-buttons button[data-button="mute"]');
    await waitForCard(
      page,
      `(c) => c.muted && /^Talking \\d\\d:\\d\\d · muted$/.test(c.statusText)`,
      'muted, with "· muted" in the status',
    );
    check(
      (await page.textContent('#card-buttons button[data-button="mute"]')) === 'Unmute',
      'the Mute button now reads Unmute',
    );
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  });

  await step('Hang up: the app closes the card', async () => {
    await page.click('#card-buttons button[data-button="hangup"]');
    await waitForCard(page, `(c) => !c.exists && c.closed`, 'no card (closed)');
    await page.waitForTimeout(300); // room for a stray late command to show up
  });

  await step('the host received exactly the expected commands, all acknowledged', async () => {
    const r = await record(page);
    const expected = [
      'CallCardSetUiState {"uiState":"incoming"}',
      `CallCardSetCardTitle {"title":"${TITLE}"}`,
      'CallCardSetUiState {"uiState":"connected"}',
      'CallCardSetStatusText Talking MM:SS',
      'CallCardSetStatusText Talking MM:SS · muted',
      'CallCardClose {}',
    ];
    const got = commandLines(r.commands);
    check(JSON.stringify(got) === JSON.stringify(expected), 'the command sequence', got);
    const times = r.commands
      .filter((c) => c.command === 'CallCardSetStatusText')
      .map((c) => /(\d\d):(\d\d)/.exec(c.params.statusText))
      .map((m) => Number(m[1]) * 60 + Number(m[2]));
    check(
      times.length >= 3 && times.every((t, i) => i === 0 || t >= times[i - 1]),
      'the talk time in the status only moves forward, from 00:00',
      times,
    );
    check(times[0] === 0, 'the first talk time is 00:00', times);
    check(
      r.commands.every((c) => JSON.stringify(c.reply) === '[]'),
      'every command was answered []',
      r.commands.map((c) => c.reply),
    );
    check(
      r.commands.every((c) => c.wireParams?.isRawValue === false),
      'every command came through the SDK (its isRawValue key on the wire)',
    );
    check(r.refused.length === 0, 'the host refused no message', r.refused);
    check(r.pressErrors.length === 0, 'no button press failed', r.pressErrors);
  });

  await step('Download session: the app saves a valid session log of this call', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: STEP_TIMEOUT_MS }),
      frame.click('#download-session'),
    ]);
    check(
      download.suggestedFilename() === 'call-card-session.json',
      'the file is call-card-session.json',
      download.suggestedFilename(),
    );
    const log = JSON.parse(await readFile(await download.path(), 'utf8'));
    const problems = sessionLogProblems(log);
    check(problems.length === 0, 'it is a valid session log (format version 1)', problems);
    check(
      log.card === 0 && log.lifecycle === 'waiting' && log.dropped === 0 && !log.redacted,
      'recorded from before the first card, nothing dropped, not redacted',
      { card: log.card, lifecycle: log.lifecycle, dropped: log.dropped, redacted: log.redacted },
    );
    const r = await record(page);
    const sent = log.entries
      .filter((e) => e.kind === 'command')
      .map((e) => `${e.command} ${JSON.stringify(e.params)}`);
    const received = r.commands.map((c) => `${c.command} ${JSON.stringify(c.params)}`);
    check(
      JSON.stringify(sent) === JSON.stringify(received),
      'its commands are the ones the host received, with the same params, in order',
      { sent, received },
    );
    const replies = log.entries.filter((e) => e.kind === 'reply');
    check(
      replies.length === sent.length && replies.every((e) => JSON.stringify(e.reply) === '[]'),
      'each command has its one reply, [] as the SDK passed it',
      replies,
    );
    const events = log.entries
      .filter((e) => e.kind === 'event')
      .map((e) => `${e.event.slice('BackgroundCallCard::'.length)} ${JSON.stringify(e.payload)}`);
    check(
      events.length === 4 &&
        events[0].startsWith('initialized {"CALL_ID":"sim-call-1"') &&
        events.slice(1).join(', ') ===
          'answerButtonClick "", muteButtonClick true, hangupButtonClick ""',
      'its events are the four the host sent, raw (the SDK passes "" for no data)',
      events,
    );
    const cards = log.entries
      .filter((e) => e.kind === 'card')
      .map((e) => `${e.card} ${e.lifecycle} ${e.cause}`);
    check(
      JSON.stringify(cards) === '["1 open initialized","1 closed closeCommand"]',
      'card 1 opened by initialized, closed by the acknowledged closeCard()',
      cards,
    );
    check(
      !log.entries.some((e) => e.kind === 'failure' || e.kind === 'transportError'),
      'no failure recorded',
    );
    check(
      log.snapshot?.closed === true && log.snapshot.title === TITLE && log.snapshot.muted,
      'its snapshot is the card the app ended with (closed, its title, muted)',
      log.snapshot,
    );
    downloaded = log;
  });

  await step('the downloaded log replays in Node against the app, with no mismatch', async () => {
    checkReplay(downloaded);
  });

  await step('the app saw initialized, answer, mute and hangup, and no error', async () => {
    const tap = await frame.evaluate(() => window.sdkBindings['BackgroundCallCard::initialized']);
    check(
      tap?.callbacks === 1 && tap.promise === 'no event',
      'initialized came through the SDK callback (after the bind window)',
      tap,
    );
    const log = await appLog(frame);
    const events = log.filter((l) => l.kind === 'event').map((l) => l.text.split(' from ')[0]);
    check(
      JSON.stringify(events) === '["initialized sim-call-1","answer","mute true","hangup"]',
      'the events the app saw',
      events,
    );
    const errors = log.filter((l) => l.kind === 'error');
    check(errors.length === 0, 'no error on the app side', errors);
  });
  await page.close();
}

async function lostFirstEventScenario(context, playground, problems) {
  console.log("scenario 2: the SDK's lost first event (the host rings right after the bind)");
  const { page, frame } = await openHost(
    context,
    `${playground.hostUrl}?ringOnBind=1`,
    playground.appUrl,
    problems,
  );

  await step(
    "initialized, sent inside the SDK's 900 ms bind window, still reaches the app",
    async () => {
      await waitForCard(
        page,
        `(c) => c.state === 'incoming' && c.title === ${JSON.stringify(TITLE)}`,
        `incoming with the title "${TITLE}"`,
      );
      const r = await record(page);
      const first = r.events[0];
      const binding = r.bindings.find((b) => b.event === 'BackgroundCallCard::initialized');
      check(first?.type === 'initialized', 'the first event the host sent was initialized', first);
      check(
        first.callbackId === binding?.callbackId,
        'it went out under the callback id of the bind',
      );
      // Measured on the host; the SDK's window started before, so the margin is comfortable.
      check(
        first.sinceBindMs < SDK_WINDOW_MS / 3,
        `it was sent ${first.sinceBindMs.toFixed(1)} ms after the bind (well inside ${SDK_WINDOW_MS} ms)`,
      );
      console.log(
        `    (initialized posted ${first.sinceBindMs.toFixed(1)} ms after the app bound it)`,
      );
      const got = commandLines(r.commands);
      const expected = [
        'CallCardSetUiState {"uiState":"incoming"}',
        `CallCardSetCardTitle {"title":"${TITLE}"}`,
      ];
      check(JSON.stringify(got) === JSON.stringify(expected), 'the app answered it', got);
      const log = await appLog(frame);
      check(
        log.some((l) => l.kind === 'event' && l.text.startsWith('initialized sim-call-1')),
        'the app logged the initialized event',
        log,
      );
      check(!log.some((l) => l.kind === 'error'), 'no error on the app side', log);
      // The quirk is real: the SDK itself handed the event to the bind's promise, not the callback.
      const tap = await frame.evaluate(() => window.sdkBindings['BackgroundCallCard::initialized']);
      check(
        tap?.callbacks === 0 && tap.promise === 'event',
        'the SDK resolved the bind promise with the event and skipped its callback',
        tap,
      );
    },
  );
  await page.close();
}

/**
 * Replays a log the app saved against its call logic (examples/playground/call-logic.mjs), in
 * Node and virtual time, as spec/examples/playground-fixture.spec.ts replays the committed one.
 */
function checkReplay(log) {
  const replayed = replayInNode(log);
  check(replayed.mismatches.length === 0, 'no mismatch', replayed.mismatches);
  const recorded = log.entries
    .filter((e) => e.kind === 'command')
    .map((e) => `${e.command} ${JSON.stringify(e.params)}`);
  check(
    JSON.stringify(replayed.sent) === JSON.stringify(recorded),
    'the same commands, in the same order',
    { replayed: replayed.sent, recorded },
  );
  check(
    isDeepStrictEqual(replayed.snapshot, log.snapshot),
    'the same final snapshot',
    replayed.snapshot,
  );
}

async function fixtureScenario(context, playground, problems) {
  console.log('scenario 3: the committed fixture is current (the scripted call, recorded afresh)');
  const { page, frame } = await openHost(context, playground.hostUrl, playground.appUrl, problems);
  let fresh;
  await step('the scripted call of `npm run fixture:record`, recorded again', async () => {
    fresh = await playScriptedCall(page, frame);
    check(sessionLogProblems(fresh).length === 0, 'a valid session log', sessionLogProblems(fresh));
  });
  await step(`it has the events and commands of ${FIXTURE}`, async () => {
    const fixture = JSON.parse(
      await readFile(new URL(`../../${FIXTURE}`, import.meta.url), 'utf8'),
    );
    const events = (log) =>
      log.entries
        .filter((e) => e.kind === 'event' || e.kind === 'command' || e.kind === 'card')
        .map((e) => ({ ...e, at: undefined, id: undefined }));
    check(
      isDeepStrictEqual(events(fresh), events(fixture)),
      'the same events (raw payloads), commands (params) and cards, in the same order; if the app ' +
        'changed on purpose, re-record with `npm run fixture:record`',
      { fresh: events(fresh), fixture: events(fixture) },
    );
    check(
      isDeepStrictEqual(fresh.snapshot, fixture.snapshot),
      'the same final snapshot',
      fresh.snapshot,
    );
  });
  await step('the fresh log replays in Node against the app, with no mismatch', async () => {
    checkReplay(fresh);
  });
  await page.close();
}

// ---- the run -------------------------------------------------------------------------------

async function main() {
  const { screenshot } = readArgs(process.argv.slice(2));
  let lastPage;
  return runInChromium({
    name: 'browser test',
    viewport: { width: 1200, height: 820 },
    screenshot,
    start: async () => {
      const playground = await startPlayground();
      console.log(`host ${playground.hostUrl}  app ${playground.appUrl}`);
      return playground;
    },
    scenario: async (context, playground, problems) => {
      context.on('page', (page) => {
        lastPage = page;
      });
      await callScenario(context, playground, problems, screenshot);
      await lostFirstEventScenario(context, playground, problems);
      await fixtureScenario(context, playground, problems);
    },
    explain: async (_context, playground) => {
      if (!lastPage || lastPage.isClosed()) return;
      const r = await record(lastPage).catch(() => null);
      if (r)
        console.error(
          `  host commands:\n    ${r.commands.map((c) => `${c.command} ${JSON.stringify(c.params)}`).join('\n    ')}`,
        );
      const frame = lastPage.frames().find((f) => f.url() === playground?.appUrl);
      const log = frame ? await appLog(frame).catch(() => null) : null;
      if (log)
        console.error(`  app log:\n    ${log.map((l) => `${l.kind} ${l.text}`).join('\n    ')}`);
    },
  });
}

main().then((code) => process.exit(code));
