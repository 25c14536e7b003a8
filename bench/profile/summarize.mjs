// Self time per function (and its source position) from a .cpuprofile, highest first.
//   node bench/profile/summarize.mjs <file.cpuprofile> [top=25]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map();
const deltas = profile.timeDeltas;
let total = 0;
profile.samples.forEach((id, i) => {
  const { callFrame } = byId.get(id);
  const where = callFrame.url ? callFrame.url.split('/').slice(-2).join('/') : '';
  const key = `${callFrame.functionName || '(anonymous)'}  ${where}:${callFrame.lineNumber + 1}`;
  const dt = deltas[i] ?? 0;
  self.set(key, (self.get(key) ?? 0) + dt);
  total += dt;
});
const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 25));
for (const [key, us] of top) console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`);
