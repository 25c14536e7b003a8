// Profiling aid for end-to-end case (2): the whole scripted call (125 host calls) on one facade,
// in a loop for a few seconds, on rxjs's ES2015 build as in `npm run bench`:
//   node --cpu-prof --cpu-prof-dir=.bench-out/prof bench/profile/scripted-call.mjs [library|baseline] [seconds]
//   node bench/profile/summarize.mjs .bench-out/prof/<file>.cpuprofile
import { performance } from 'node:perf_hooks';
import { useRxjsEs2015 } from '../lib/rxjs-es2015.mjs';

await useRxjsEs2015();
const { scriptedCallContenders } = await import('../suites/e2e.mjs');

const which = process.argv[2] ?? 'library';
const seconds = Number(process.argv[3] ?? 4);
const contenders = scriptedCallContenders();
const call = contenders[which];
if (typeof call !== 'function') throw new Error(`unknown contender "${which}" (library|baseline)`);
const until = performance.now() + seconds * 1000;
let calls = 0;
while (performance.now() < until) {
  for (let i = 0; i < 10; i += 1) call();
  calls += 10;
}
console.log(`${which}: ${calls} calls, ${contenders.hosts[which].state.calls} host calls`);
contenders.dispose();
