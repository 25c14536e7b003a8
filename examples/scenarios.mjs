// The demo's scripted calls, played against the simulated host on a virtual clock, with the
// card printed after each step as the operator would see it.
import { VirtualAction, VirtualTimeScheduler, config } from 'rxjs';
import { connectCallCard, formatCallTimer, recordCallCard } from 'b24-call-card-rx';
import { createCallCardSimulator } from 'b24-call-card-rx/testing';
import { callApp } from './call-app.mjs';
import { createCrm, createSoftphone } from './fake-backends.mjs';

const CRM_DIRECTORY = {
  'CONTACT:42': 'Ann Lee (ACME GmbH)',
  'COMPANY:7': 'Globex Corporation',
};

/**
 * @typedef {object} StepContext
 * @property {import('b24-call-card-rx/testing').CallCardSimulator} host the simulated card
 * @property {(ms: number) => void} advance moves the virtual clock, running what falls due
 */

/**
 * @typedef {object} Step
 * @property {string} name
 * @property {string} does what the operator (or the world) does in this step
 * @property {(ctx: StepContext) => void} run
 * @property {{state: string | null, title?: string, status?: string, timer?: string}} expect
 *   what the card must show afterwards; the demo fails when it does not
 */

/** @type {Record<string, {summary: string, softphone: import('./fake-backends.mjs').SoftphoneScript, steps: Step[]}>} */
export const SCENARIOS = {
  incoming: {
    summary: 'an incoming call: answer, talk, mute, hold, dialpad, a failed transfer, hang up',
    softphone: {
      answerMs: 1500,
      dials: [],
      transfer: { afterMs: 4000, ok: false, reason: 'busy' },
    },
    steps: [
      {
        name: 'ring',
        does: "ring({ phoneNumber: '+49 30 1234567', crm: CONTACT 42 }); it rings for 3 s",
        run: ({ host, advance }) => {
          host.ring({
            phoneNumber: '+49 30 1234567',
            crm: { entityType: 'CONTACT', entityId: 42 },
          });
          advance(3000);
        },
        expect: {
          state: 'incoming',
          title: 'Ann Lee (ACME GmbH)',
          status: 'Incoming call from +49 30 1234567',
        },
      },
      {
        name: 'answer',
        does: "press('answer')",
        run: ({ host }) => host.press('answer'),
        expect: { state: 'connectingIncoming', status: 'Connecting…' },
      },
      {
        name: 'connected',
        does: 'the softphone picks up 1.5 s later',
        run: ({ advance }) => advance(1500),
        expect: { state: 'connected', status: 'Talking 00:00', timer: '00:00' },
      },
      {
        name: 'talk',
        does: 'two minutes of conversation (virtual time: no real waiting)',
        run: ({ advance }) => advance(120_000),
        expect: { state: 'connected', status: 'Talking 02:00', timer: '02:00' },
      },
      {
        name: 'mute',
        does: "press('mute'), then 5 s",
        run: ({ host, advance }) => {
          host.press('mute');
          advance(5000);
        },
        expect: { state: 'connected', status: 'Talking 02:05 · muted', timer: '02:05' },
      },
      {
        name: 'hold',
        does: "press('hold'), then 20 s",
        run: ({ host, advance }) => {
          host.press('hold');
          advance(20_000);
        },
        expect: {
          state: 'connected',
          status: 'Talking 02:25 · muted · on hold',
          timer: '02:25',
        },
      },
      {
        name: 'resume',
        does: "press('hold'), press('mute'), then 10 s",
        run: ({ host, advance }) => {
          host.press('hold');
          host.press('mute');
          advance(10_000);
        },
        expect: { state: 'connected', status: 'Talking 02:35', timer: '02:35' },
      },
      {
        name: 'dialpad',
        does: "press('dialpad', '1'), '0', '2', one second apart",
        run: ({ host, advance }) => {
          for (const key of /** @type {const} */ (['1', '0', '2'])) {
            host.press('dialpad', key);
            advance(1000);
          }
        },
        expect: { state: 'connected', status: 'Talking 02:38 · dialled 102', timer: '02:38' },
      },
      {
        name: 'transfer',
        does: "press('transfer', { phoneNumber: '+49 30 1234567', target: 102 }), then 2 s",
        run: ({ host, advance }) => {
          host.press('transfer', { phoneNumber: '+49 30 1234567', target: 102 });
          advance(2000);
        },
        expect: { state: 'transferring', status: 'Transferring to 102…', timer: '02:40' },
      },
      {
        name: 'transfer fails',
        does: 'colleague 102 is busy: the softphone reports it 2 s later',
        run: ({ advance }) => advance(2000),
        expect: {
          state: 'transferFailed',
          status: 'Transfer to 102 failed: busy',
          timer: '02:42',
        },
      },
      {
        name: 'return',
        does: "press('cancelTransfer'), then 3 s with the caller",
        run: ({ host, advance }) => {
          host.press('cancelTransfer');
          advance(3000);
        },
        expect: { state: 'connected', status: 'Talking 02:45', timer: '02:45' },
      },
      {
        name: 'hang up',
        does: "press('hangup')",
        run: ({ host }) => host.press('hangup'),
        expect: { state: null },
      },
    ],
  },
  outgoing: {
    summary: 'an outgoing call: call, no answer, redial, connected, hang up',
    softphone: {
      answerMs: 0,
      dials: [
        { afterMs: 30_000, result: 'noAnswer' },
        { afterMs: 6000, result: 'answered' },
      ],
      transfer: { afterMs: 1000, ok: true },
    },
    steps: [
      {
        name: 'card',
        does: "ring({ direction: 'outgoing', phoneNumber: '+1 555 0100', crm: COMPANY 7 }), then 1 s",
        run: ({ host, advance }) => {
          host.ring({
            direction: 'outgoing',
            phoneNumber: '+1 555 0100',
            crm: { entityType: 'COMPANY', entityId: 7 },
          });
          advance(1000);
        },
        expect: {
          state: 'outgoing',
          title: 'Globex Corporation',
          status: 'Ready to call +1 555 0100',
        },
      },
      {
        name: 'make call',
        does: "press('makeCall')",
        run: ({ host }) => host.press('makeCall'),
        expect: { state: 'connectingOutgoing', status: 'Calling +1 555 0100…' },
      },
      {
        name: 'no answer',
        does: 'nobody picks up for 30 s',
        run: ({ advance }) => advance(30_000),
        expect: { state: 'redial', status: 'No answer from +1 555 0100. Call again?' },
      },
      {
        name: 'redial',
        does: "press('makeCall') on the redial card",
        run: ({ host }) => host.press('makeCall'),
        expect: { state: 'connectingOutgoing', status: 'Calling +1 555 0100…' },
      },
      {
        name: 'connected',
        does: 'the callee picks up 6 s later',
        run: ({ advance }) => advance(6000),
        expect: { state: 'connected', status: 'Talking 00:00', timer: '00:00' },
      },
      {
        name: 'talk',
        does: '45 s of conversation',
        run: ({ advance }) => advance(45_000),
        expect: { state: 'connected', status: 'Talking 00:45', timer: '00:45' },
      },
      {
        name: 'hang up',
        does: "press('hangup')",
        run: ({ host }) => host.press('hangup'),
        expect: { state: null },
      },
    ],
  },
};

/** A virtual clock: `advance(ms)` runs every action due within `ms`, then sets the time. */
function virtualClock() {
  const scheduler = new VirtualTimeScheduler(VirtualAction, Infinity);
  return {
    scheduler,
    advance(ms) {
      const target = scheduler.frame + ms;
      scheduler.maxFrames = target;
      scheduler.flush();
      // The clock moves only when an action runs: bring it to the target even if none was due.
      scheduler.frame = Math.max(scheduler.frame, target);
    },
  };
}

/** `mm:ss.mmm` of virtual time. */
function clockText(ms) {
  return `${formatCallTimer(ms)}.${String(ms % 1000).padStart(3, '0')}`;
}

/** The commands of one step, with long runs of one command (the ticking status) folded. */
function commandLines(entries) {
  const line = (e) => {
    const reply =
      Array.isArray(e.reply) && e.reply.length > 0 ? ` -> ${JSON.stringify(e.reply)}` : '';
    return `${e.command} ${JSON.stringify(e.params)}${reply}`;
  };
  const lines = [];
  for (let i = 0; i < entries.length;) {
    let end = i;
    while (end + 1 < entries.length && entries[end + 1].command === entries[i].command) end += 1;
    const run = end - i + 1;
    if (run >= 4) {
      lines.push(
        line(entries[i]),
        `... ${run - 2} more ${entries[i].command} ...`,
        line(entries[end]),
      );
    } else {
      for (let k = i; k <= end; k += 1) lines.push(line(entries[k]));
    }
    i = end + 1;
  }
  return lines;
}

/** Why the card does not show what `expect` says, or `null` when it does. */
function mismatch(card, expect) {
  const problems = [];
  if (card.state !== expect.state)
    problems.push(`state is ${card.state ?? '(no card)'}, expected ${expect.state ?? '(no card)'}`);
  if (expect.title !== undefined && card.title !== expect.title)
    problems.push(`title is "${card.title}", expected "${expect.title}"`);
  if (expect.status !== undefined && card.statusText !== expect.status)
    problems.push(`status is "${card.statusText}", expected "${expect.status}"`);
  if (expect.timer !== undefined) {
    const shown = card.timer.status === 'hidden' ? 'hidden' : formatCallTimer(card.timer.elapsedMs);
    if (shown !== expect.timer) problems.push(`timer is ${shown}, expected ${expect.timer}`);
  }
  return problems.length === 0 ? null : problems.join('; ');
}

/**
 * Plays one scenario and prints it with `print`. Returns `true` when every step showed what it
 * should and no command failed; on the first failing step it prints why and returns `false`.
 * With `record`, the session is recorded from the start (`recordCallCard`, on the virtual clock)
 * and `record(log)` gets its log at the end, whether the run went well or not.
 *
 * @param {keyof typeof SCENARIOS} name
 * @param {{print: (line: string) => void, printError: (line: string) => void,
 *   record?: (log: import('b24-call-card-rx').CallCardSessionLog) => void}} io
 */
export function runScenario(name, { print, printError, record }) {
  const scenario = SCENARIOS[name];
  const clock = virtualClock();
  const host = createCallCardSimulator({ scheduler: clock.scheduler });
  // Before the card: the log then holds everything the card's session sees.
  const recorder = record ? recordCallCard(host, { scheduler: clock.scheduler }) : undefined;
  const card = connectCallCard(host, { scheduler: clock.scheduler });
  const problems = [];
  const previousHandler = config.onUnhandledError;
  config.onUnhandledError = (error) => problems.push(`unhandled error: ${String(error)}`);
  card.errors$.subscribe((error) => problems.push(`command failed: ${error.message}`));
  card.apply(
    callApp(card, {
      softphone: createSoftphone(clock.scheduler, scenario.softphone),
      crm: createCrm(clock.scheduler, CRM_DIRECTORY),
    }),
  );

  print(`b24-call-card-rx demo: ${scenario.summary}`);
  print('(simulated Bitrix24 host, virtual clock: no real waiting)');
  let logged = 0;
  try {
    for (const [index, step] of scenario.steps.entries()) {
      const heading = `-- ${index + 1}. ${step.name} `;
      print('');
      print(heading + '-'.repeat(Math.max(2, 72 - heading.length)));
      print(`operator: ${step.does}`);
      try {
        step.run({ host, advance: clock.advance });
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
      print(`card at ${clockText(clock.scheduler.now())}:`);
      for (const line of host.view().split('\n')) print(`  ${line}`);
      const sent = host.log.slice(logged);
      logged = host.log.length;
      print(`app sent ${sent.length === 0 ? 'nothing' : `(${sent.length}):`}`);
      for (const line of commandLines(sent)) print(`  ${line}`);
      const wrong = mismatch(host.card(), step.expect);
      if (wrong !== null) problems.push(wrong);
      if (problems.length > 0) {
        printError(`demo: step ${index + 1} (${step.name}) failed: ${problems.join('; ')}`);
        return false;
      }
    }
  } finally {
    // Stopped before the card is disposed, so the log keeps the card's last snapshot.
    if (recorder) {
      recorder.stop();
      record(recorder.log());
    }
    card.dispose();
    config.onUnhandledError = previousHandler;
  }
  print('');
  print(
    `ok: ${scenario.steps.length} steps, ${host.log.length} commands sent, ` +
      `${clockText(clock.scheduler.now())} of virtual time`,
  );
  return true;
}
