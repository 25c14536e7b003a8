// Loads the ESM and the CJS build of the library into ONE Node process, as a page or a server
// can when one dependency imports it and another requires it, and proves that both builds share
// the host bindings of one placement: every host event is bound once, and both builds receive it.
//
// Usage: node scripts/dual-build-check.mjs [distDir]   (default: ./dist)
// Prints one JSON object on stdout (see `report` below); exits 1 if a build lacks callCardEvents.
import { createRequire } from 'node:module';
import { resolve, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = resolve(process.argv[2] ?? 'dist');
const esm = await import(pathToFileURL(join(dist, 'index.mjs')).href);
const cjs = createRequire(import.meta.url)(join(dist, 'index.cjs'));

if (typeof esm.callCardEvents !== 'function' || typeof cjs.callCardEvents !== 'function') {
  console.error(`dual-build-check: ${dist} does not export callCardEvents from both builds`);
  process.exit(1);
}

const PREFIX = 'BackgroundCallCard::';
const TYPES = esm.CALL_CARD_EVENT_TYPES;
const PAYLOADS = {
  initialized: {
    CALL_ID: 'externalCall.42',
    CRM_ENTITY_TYPE: '',
    CRM_ENTITY_ID: 0,
    CRM_BINDINGS: [],
    CALL_DIRECTION: 'incoming',
    CALL_STATE: 'idle',
    CALL_LIST_MODE: false,
  },
  entityChanged: { PHONE_NUMBER: '+15550100', CRM_ENTITY_TYPE: 'LEAD', CRM_ENTITY_ID: 3 },
  holdButtonClick: true,
  muteButtonClick: true,
  transferButtonClick: { phoneNumber: '+15550199', target: 15 },
  dialpadButtonClick: '5',
  qualityMeterClick: '4',
  addCommentButtonClick: 'Call back',
};

// The one fake placement both builds are handed: it records every bindEvent call.
const handlers = new Map();
const placement = {
  call() {},
  bindEvent(name, handler) {
    handlers.set(name, [...(handlers.get(name) ?? []), handler]);
  },
};
const emit = (type) => {
  for (const handler of handlers.get(PREFIX + type) ?? []) handler(PAYLOADS[type] ?? '');
};

const builds = { esm: esm.callCardEvents(placement), cjs: cjs.callCardEvents(placement) };
const received = { esm: [], cjs: [] };
const order = [];
for (const [name, events] of Object.entries(builds)) {
  events.all$.subscribe((event) => received[name].push(event.type));
  events.mute$.subscribe(() => order.push(`${name} mute`));
  events.hold$.subscribe(() => order.push(`${name} hold`));
}
// A subscriber of the ESM build that makes the host raise another event re-entrantly: the CJS
// build's subscribers must still see host order (the dispatch queue is shared too).
builds.esm.mute$.subscribe(() => emit('holdButtonClick'));

emit('initialized');
// A late subscriber of the CJS build gets the call the host announced before it subscribed.
let lateCjsCall = null;
cjs.callCardEvents(placement).initialized$.subscribe((call) => (lateCjsCall = call.CALL_ID));
for (const type of TYPES.slice(1)) emit(type);

// Commands: sinks of both builds on one placement share one serial queue, and a facade of one
// build learns what a sink of the other applied. The host answers later, one call at a time.
const pendingReplies = [];
let inFlight = 0;
let maxInFlight = 0;
const commandHandlers = new Map();
const commandPlacement = {
  call(command, params, onReply) {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    pendingReplies.push({ command, params, onReply });
  },
  bindEvent(name, handler) {
    commandHandlers.set(name, [...(commandHandlers.get(name) ?? []), handler]);
  },
};
const cjsCard = cjs.connectCallCard(commandPlacement);
const esmOutcomes = [];
const cjsOutcomes = [];
const { Subject } = await import('rxjs');
const esmCommands = new Subject();
const cjsCommands = new Subject();
esmCommands.pipe(esm.applyCommands(commandPlacement)).subscribe((o) => esmOutcomes.push(o.ok));
cjsCommands.pipe(cjs.applyCommands(commandPlacement)).subscribe((o) => cjsOutcomes.push(o.ok));
for (const handler of commandHandlers.get(PREFIX + 'initialized') ?? [])
  handler(PAYLOADS.initialized);
esmCommands.next(esm.setMute(true));
cjsCommands.next(cjs.setCardTitle('Anna'));
esmCommands.next(esm.setStatusText('Talking'));
const sent = [];
while (pendingReplies.length > 0) {
  const { command, params, onReply } = pendingReplies.shift();
  sent.push(`${command} ${JSON.stringify(params)}`);
  inFlight -= 1;
  onReply([]);
}
const snapshot = cjsCard.snapshot();
const commands = {
  sent,
  maxInFlight,
  esmOutcomes,
  cjsOutcomes,
  cjsFacade: { muted: snapshot.muted, title: snapshot.title, statusText: snapshot.statusText },
};
cjsCard.dispose();

const report = {
  commands,
  sameObjectPerBuild:
    esm.callCardEvents(placement) === builds.esm && cjs.callCardEvents(placement) === builds.cjs,
  distinctBuilds: builds.esm !== builds.cjs,
  bindCounts: Object.fromEntries(TYPES.map((t) => [t, (handlers.get(PREFIX + t) ?? []).length])),
  received,
  order,
  lateCjsCall,
};
console.log(JSON.stringify(report));
