// Measures the event-hub prototype (bench/proto/event-hub-proto.mjs) against the library and a
// bare Subject, for 1, 10 and 100 subscribers. Not part of `npm run bench`; run it by hand:
//   node bench/proto/dispatch-proto.mjs
// Each variant runs in its own process: prototype variants share their functions' code, so
// running them side by side would make V8's type feedback polymorphic and slow them all down.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Subject } from 'rxjs';
import { callCardEvents } from 'b24-call-card-rx';
import { handPlacement } from '../lib/hand-placement.mjs';
import { timeTasks } from '../lib/measure.mjs';
import { formatNs, formatRatio } from '../lib/report.mjs';
import { protoHub } from './event-hub-proto.mjs';

const VARIANTS = {
  library: null,
  'proto: all off (control)': {},
  'proto: directDispatch': { directDispatch: true },
  'proto: cachedListeners': { cachedListeners: true },
  'proto: channelFlags': { channelFlags: true },
  'proto: all three': { directDispatch: true, cachedListeners: true, channelFlags: true },
};
const SIZES = [1, 10, 100];
const batch = 1000;

/** In a child process: times one variant and a bare Subject; prints JSON. */
function measureVariant(name) {
  const flags = VARIANTS[name];
  const out = {};
  for (const n of SIZES) {
    let received = 0;
    const makeSink = () => () => {
      received += 1;
    };
    const loop = (fire) => () => {
      for (let i = 0; i < batch; i += 1) fire((i & 1) === 0);
    };
    const host = handPlacement();
    const mute$ = flags
      ? protoHub(host.port, flags).on('muteButtonClick')
      : callCardEvents(host.port).mute$;
    for (let i = 0; i < n; i += 1) mute$.subscribe(makeSink());
    const subject = new Subject();
    for (let i = 0; i < n; i += 1) subject.subscribe(makeSink());
    const t = timeTasks(
      { variant: loop(host.handler('muteButtonClick')), subject: loop((v) => subject.next(v)) },
      { batch, time: 800, warmupTime: 200, iterations: 50 },
    );
    if (received === 0) throw new Error('nothing delivered');
    out[n] = { variant: t.variant.nsPerOp, subject: t.subject.nsPerOp };
  }
  process.stdout.write(JSON.stringify(out));
}

if (process.argv[2]) measureVariant(process.argv[2]);
else {
  const self = fileURLToPath(import.meta.url);
  const results = {};
  for (const name of Object.keys(VARIANTS))
    results[name] = JSON.parse(execFileSync(process.execPath, [self, name], { encoding: 'utf8' }));
  for (const n of SIZES) {
    console.log(
      `\n${n} subscriber(s): ns per event (median) | Subject in the same process | ratio`,
    );
    for (const [name, r] of Object.entries(results))
      console.log(
        `  ${name.padEnd(26)} ${formatNs(r[n].variant).padStart(9)} | ${formatNs(r[n].subject).padStart(9)} | ${formatRatio(r[n].variant / r[n].subject)}`,
      );
  }
}
