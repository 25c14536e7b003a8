// Profiling aid for end-to-end case (1): one mute click through `connectCallCard` (state$ and
// timer$ subscribed) in a loop for a few seconds, on rxjs's ES2015 build as in `npm run bench`.
// Run it under `node --cpu-prof`, then read the profile with bench/profile/summarize.mjs:
//   node --cpu-prof --cpu-prof-dir=.bench-out/prof bench/profile/facade-event.mjs [library|baseline] [seconds]
//   node bench/profile/summarize.mjs .bench-out/prof/<file>.cpuprofile
import { performance } from 'node:perf_hooks';
import { useRxjsEs2015 } from '../lib/rxjs-es2015.mjs';

await useRxjsEs2015();
const { facadeEventContenders } = await import('../suites/e2e.mjs');

const which = process.argv[2] ?? 'library';
const seconds = Number(process.argv[3] ?? 4);
const contenders = facadeEventContenders();
const click = contenders[which];
if (typeof click !== 'function') throw new Error(`unknown contender "${which}" (library|baseline)`);
const until = performance.now() + seconds * 1000;
let events = 0;
while (performance.now() < until) {
  for (let i = 0; i < 10_000; i += 1) click((i & 1) === 0);
  events += 10_000;
}
const seen = contenders.seen[which];
console.log(
  `${which}: ${events} mute clicks, ${seen.states} snapshots, ${seen.timers} timer values`,
);
contenders.dispose();
