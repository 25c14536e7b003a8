#!/usr/bin/env node
// Prints where the library's simulator disagrees with the portal a probe log was recorded on.
//
// Usage: npm run probe:compare -- FILE   (or: node examples/host-probe/probe-compare.mjs FILE)
//   FILE: the host probe's call-card-probe.json, or any session log (recordCallCard's log():
//   then only replies and events are compared, there are no questions)
// Exit codes: 0 the simulator agrees, 1 it disagrees somewhere (the table says where), 2 bad
// arguments or a file that is neither.
import { readFileSync } from 'node:fs';
import { ensureBuild } from '../ensure-build.mjs';

const USAGE = 'usage: npm run probe:compare -- call-card-probe.json';

function readFile(path) {
  const value = JSON.parse(readFileSync(path, 'utf8'));
  // A plain session log: compared as a probe file without steps.
  if (value?.version === 1 && Array.isArray(value.entries))
    return { probe: 1, options: null, steps: [], log: value };
  return value;
}

const args = process.argv.slice(2);
if (args.length !== 1 || args[0].startsWith('-')) {
  console.error(USAGE);
  process.exit(args[0] === '--help' || args[0] === '-h' ? 0 : 2);
}
let file;
try {
  file = readFile(args[0]);
} catch (error) {
  console.error(`probe:compare: cannot read ${args[0]}: ${error.message}`);
  process.exit(2);
}
if (!ensureBuild('probe:compare')) process.exit(1);
// Loaded only now: they import the package, which must be built first.
const { sessionLogProblems } = await import('../session-log-check.mjs');
const { compareWithSimulator, formatComparison } = await import('./compare.mjs');
const problems = sessionLogProblems(file?.log);
if (!Array.isArray(file?.steps) || problems.length > 0) {
  console.error(`probe:compare: ${args[0]} is not a probe file or a session log:`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(2);
}
const comparison = compareWithSimulator(file);
console.log(formatComparison(comparison));
process.exit(comparison.rows.length === 0 ? 0 : 1);
