#!/usr/bin/env node
// The terminal demo: a scripted call against the simulated Bitrix24 host, the app's logic being
// RxJS pipelines from the card's events to commands. It loads the library by its own package name
// (Node resolves the self-reference through the exports map), so it uses the public API only.
//
// Usage: node examples/demo.mjs [--scenario incoming|outgoing] [--record FILE]
//        (or: npm run demo -- ...)
// Exit codes: 0 every step showed what it should, 1 a step (or the build) failed, 2 bad arguments.
import { writeFileSync } from 'node:fs';
import { ensureBuild } from './ensure-build.mjs';

const SCENARIO_NAMES = ['incoming', 'outgoing'];
const USAGE = `Usage: npm run demo [-- --scenario <name>] [-- --record <file>]
       node examples/demo.mjs [--scenario <name>] [--record <file>] [--help]

Plays a scripted call against the simulated Bitrix24 call card on a virtual clock and prints
the card after each step, with the commands the app sent.

Options:
  --scenario <name>  ${SCENARIO_NAMES.join(' | ')} (default: incoming)
                     incoming: ring, answer, talk, mute, hold, dialpad, failed transfer, hang up
                     outgoing: call, no answer, redial, connected, hang up
  --record <file>    also write the session log of the run (recordCallCard) to <file>, as JSON:
                     every host event, command, reply and card boundary, in virtual time
  --help             show this help

Exit codes: 0 ok, 1 a step failed, 2 bad arguments.`;

/** The options named by `args`, `{help: true}`, or an error message for a bad command line. */
function parseArgs(args) {
  let scenario = 'incoming';
  let record;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return { help: true };
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg];
    if (flag !== '--scenario' && flag !== '--record') return { error: `unknown argument "${arg}"` };
    let value = inline;
    if (value === undefined) {
      value = args[i + 1];
      i += 1;
    }
    if (value === undefined || value === '') return { error: `${flag} needs a value` };
    if (flag === '--record') {
      record = value;
      continue;
    }
    if (!SCENARIO_NAMES.includes(value))
      return { error: `unknown scenario "${value}" (expected ${SCENARIO_NAMES.join(' or ')})` };
    scenario = value;
  }
  return { scenario, record };
}

const parsed = parseArgs(process.argv.slice(2));
if (parsed.help) {
  console.log(USAGE);
} else if (parsed.error) {
  console.error(`demo: ${parsed.error}\n\n${USAGE}`);
  process.exitCode = 2;
} else if (!ensureBuild('demo')) {
  process.exitCode = 1;
} else {
  // Loaded only now: it imports the package, which must be built first.
  let scenarios;
  try {
    scenarios = await import('./scenarios.mjs');
  } catch (error) {
    // E.g. a public export the demo relies on went missing from src/index.ts.
    console.error(`demo: cannot load the demo against the built package: ${error.message}`);
    process.exitCode = 1;
  }
  if (scenarios) {
    let written = true;
    const ok = scenarios.runScenario(parsed.scenario, {
      print: (line) => console.log(line),
      printError: (line) => console.error(line),
      // Written whether or not the run went well: a failed run's log is the one worth reading.
      record:
        parsed.record === undefined
          ? undefined
          : (log) => {
              try {
                writeFileSync(parsed.record, `${JSON.stringify(log, null, 2)}\n`);
                console.error(
                  `demo: session log written to ${parsed.record} (${log.entries.length} entries)`,
                );
              } catch (error) {
                console.error(`demo: cannot write the session log: ${error.message}`);
                written = false;
              }
            },
    });
    process.exitCode = ok && written ? 0 : 1;
  }
}
