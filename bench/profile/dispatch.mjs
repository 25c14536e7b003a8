// Profiling aid for the dispatch benchmark: fires one host event at N subscribers in a loop for
// a few seconds, on rxjs's ES2015 build as in `npm run bench`, under `node --cpu-prof`; then
// bench/profile/summarize.mjs shows where the time goes.
//   node --cpu-prof --cpu-prof-dir=.bench-out/prof bench/profile/dispatch.mjs [n] [library|subject]
//   node bench/profile/summarize.mjs .bench-out/prof
import { performance } from 'node:perf_hooks';
import { useRxjsEs2015 } from '../lib/rxjs-es2015.mjs';

await useRxjsEs2015();
const { dispatchContenders } = await import('../suites/dispatch.mjs');

const n = Number(process.argv[2] ?? 1);
const which = process.argv[3] ?? 'library';
const counter = { received: 0 };
const fire = dispatchContenders(n, counter)[which];
if (typeof fire !== 'function') throw new Error(`unknown contender "${which}" (library|subject)`);
const until = performance.now() + 4000;
let events = 0;
while (performance.now() < until) {
  for (let i = 0; i < 10_000; i += 1) fire((i & 1) === 0);
  events += 10_000;
}
console.log(`${which} n=${n}: ${events} events, ${counter.received} deliveries`);
