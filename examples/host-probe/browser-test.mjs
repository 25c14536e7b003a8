#!/usr/bin/env node
// The host probe's browser test: the probe, bundled as for a portal, runs as the app of the
// playground's emulated portal page in headless Chromium (the official SDK, a cross-origin
// iframe); this script plays the operator through the host page. The probe file it saves must be
// whole, replay in Node against the tour with no mismatch, and agree with the simulator.
//
// Usage: node examples/host-probe/browser-test.mjs   (after `npm run build`; part of
//   `npm run test:browser`). Exit 0: every check passed; 1: a check failed.
import { check, runInChromium, step } from '../browser-run.mjs';
import { startPlayground } from '../playground/serve.mjs';
import { compareWithSimulator, formatComparison } from './compare.mjs';
import { runProbeOnEmulatedPortal } from './emulated-operator.mjs';
import { probeFileProblems } from './probe-file.mjs';
import { replayProbeFile, untimed } from './replay-probe.mjs';
import { PROBE_STEPS } from './tour.mjs';

const notesOf = (file, id) => file.steps.find((s) => s.id === id)?.notes ?? [];

const code = await runInChromium({
  name: 'host probe browser test',
  viewport: { width: 1200, height: 820 },
  start: async () => {
    const playground = await startPlayground();
    console.log(`host ${playground.hostUrl}?app=probe  probe ${playground.probeUrl}`);
    return playground;
  },
  scenario: async (context, playground, problems) => {
    console.log('the host probe on the emulated portal, its operator played by this script');
    let file;
    await step(`the tour runs through its ${PROBE_STEPS.length} steps`, async () => {
      file = await runProbeOnEmulatedPortal(context, playground, problems);
      const wrong = probeFileProblems(file);
      check(wrong.length === 0, 'the probe file is whole (a valid session log inside)', wrong);
      check(
        JSON.stringify(file.steps.map((s) => s.id)) ===
          JSON.stringify(PROBE_STEPS.map((s) => s.id)),
        'every step ran, in order',
        file.steps.map((s) => s.id),
      );
      const missed = file.steps.filter((s) => s.outcome !== 'done');
      check(missed.length === 0, 'every step done: no click missed, none skipped', missed);
    });

    await step('the emulated portal answered as docs/host-behaviour.md says', async () => {
      const undefinedCard = (id) =>
        notesOf(file, id).filter((n) => n.endsWith(': Call card is undefined')).length;
      check(
        undefinedCard('before-card') === 6,
        'before the card: 6 commands refused',
        notesOf(file, 'before-card'),
      );
      check(
        undefinedCard('after-close') === 6,
        'after the Close click: the same 6',
        notesOf(file, 'after-close'),
      );
      const invalid = notesOf(file, 'invalid-commands');
      check(
        invalid.includes(
          'CallCardSetUiState {"uiState":"probeUnknownState"} (raw): [{"result":"error","errorCode":"Invalid ui state"}]',
        ) && invalid.includes('CallCardProbeUnknownCommand {} (raw): no reply'),
        'an invalid state answers "Invalid ui state", an unknown command nothing',
        invalid,
      );
      check(
        Object.values(file.steps.find((s) => s.id === 'timer-stop-start').answers).every(Boolean),
        'the operator saw the timer freeze on a stop and resume from the first start',
      );
      check(
        file.sdkBindings['BackgroundCallCard::initialized']?.callbacks === 2,
        'both cards came through the SDK callback',
        file.sdkBindings['BackgroundCallCard::initialized'],
      );
    });

    await step(
      'its log replays in Node against the tour: no mismatch, the same steps',
      async () => {
        const replayed = replayProbeFile(file);
        check(replayed.mismatches.length === 0, 'no mismatch', replayed.mismatches);
        check(
          JSON.stringify(replayed.steps) === JSON.stringify(file.steps.map(untimed)),
          'the same step outcomes, notes and answers',
          replayed.steps,
        );
        check(
          JSON.stringify(replayed.snapshot) === JSON.stringify(file.log.snapshot),
          'the same final snapshot',
          replayed.snapshot,
        );
      },
    );

    await step('probe:compare: the simulator agrees with the emulated portal', async () => {
      const comparison = compareWithSimulator(file);
      check(comparison.rows.length === 0, formatComparison(comparison));
      check(
        comparison.compared.answers === 6 && comparison.compared.replies > 90,
        'the replies, events and the six answers were compared',
        comparison.compared,
      );
    });
  },
});
process.exit(code);
