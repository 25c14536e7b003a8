// Self time per function (and its source position) from a .cpuprofile, highest first.
//   node bench/profile/summarize.mjs <file.cpuprofile | folder> [top=25]
// Given a folder, it reads the newest profile of the main thread there: `node --cpu-prof` also
// writes one for the thread that runs the module hooks (bench/lib/rxjs-es2015-hooks.mjs), which
// has the same process id and a higher thread number (`CPU.<date>.<time>.<pid>.<thread>.<seq>`).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const [target, topArg] = process.argv.slice(2);
if (!target) {
  console.error('usage: node bench/profile/summarize.mjs <file.cpuprofile | folder> [top=25]');
  process.exit(2);
}

function mainThreadProfile(dir) {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => ({ name, path: join(dir, name), mtime: statSync(join(dir, name)).mtimeMs }));
  if (files.length === 0) throw new Error(`no .cpuprofile in ${dir}`);
  const pidOf = (name) => name.split('.')[3];
  const newest = files.reduce((a, b) => (b.mtime > a.mtime ? b : a));
  const sameRun = files.filter((f) => pidOf(f.name) === pidOf(newest.name));
  // Thread 0 is the main thread.
  return (sameRun.find((f) => f.name.split('.')[4] === '0') ?? newest).path;
}

const file = statSync(target).isDirectory() ? mainThreadProfile(target) : target;
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
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled`);
const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 25));
for (const [key, us] of top) console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`);
