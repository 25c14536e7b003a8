// The host probe: an app page to install in a TEST portal as the PAGE_BACKGROUND_WORKER handler
// (examples/host-probe/README.md). For the first card raised after it loads, it runs the tour of
// tour.mjs, records everything with `recordCallCard`, and offers the probe file for download.
//
// In the portal the page is a hidden frame: its instructions reach the operator as the card's
// title and status text, and the file is saved from the frame's console (`probe.download()`; see
// docs/debugging.md). Bundled with esbuild from the built package: `npm run probe:build`.
/* global BroadcastChannel, Blob, URL, URLSearchParams, navigator */
import { initializeB24Frame } from '@bitrix24/b24jssdk';
import { asyncScheduler } from 'rxjs';
import {
  connectCallCard,
  fromB24Frame,
  isInPortalFrame,
  recordCallCard,
  redactPersonalData,
} from 'b24-call-card-rx';
import { tapSdkBindings } from '../playground/sdk-bind-tap.mjs';
import { buildProbeFile } from './probe-file.mjs';
import { DEFAULT_PROBE_OPTIONS, PROBE_STEPS, runTour } from './tour.mjs';

const QUERY_OPTIONS = {
  cardTimeout: 'cardTimeoutMs',
  clickTimeout: 'clickTimeoutMs',
  dwell: 'dwellMs',
  silence: 'silenceMs',
};

/** The tour's timings: the defaults, or `?dwell=ms` and the like in the page's address. */
function readOptions(search) {
  const query = new URLSearchParams(search);
  const options = { ...DEFAULT_PROBE_OPTIONS };
  for (const [name, key] of Object.entries(QUERY_OPTIONS)) {
    const value = Number(query.get(name));
    if (query.has(name) && Number.isInteger(value) && value > 0) options[key] = value;
  }
  return options;
}

/**
 * Hides the personal data in what the host sent (the test call's number, CRM ids, comments) and
 * keeps the probe's own commands as sent: they carry none, and kept, the log replays against the
 * tour exactly.
 */
const redact = (entry) => (entry.kind === 'command' ? entry : redactPersonalData(entry));

const $ = (id) => document.getElementById(id);

function say(text) {
  $('instruction').textContent = text ?? '';
}

function note(text, kind = 'note') {
  const line = document.createElement('div');
  line.className = kind;
  line.textContent = text;
  $('notes').append(line);
}

function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A value's JSON shape: keys and types, never the values (they may be tokens or numbers). */
function shape(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[${shape(value[0])}, ...]`;
  if (typeof value === 'object') return `{${Object.keys(value).sort().join(', ')}}`;
  return typeof value;
}

/**
 * Counts every message the portal page posts to this frame by its shape (`callbackId:JSON`, the
 * JSON's keys or type, never its values): what a live portal sends that the emulator does not,
 * and the fields of its `getInitData` answer.
 */
function tapWire() {
  const wire = {};
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent) return;
    let key;
    if (typeof event.data !== 'string') key = `object ${shape(event.data)}`;
    else {
      const colon = event.data.indexOf(':');
      const body = colon === -1 ? event.data : event.data.slice(colon + 1);
      try {
        key = body === '' ? 'callback, no data' : `callback ${shape(JSON.parse(body))}`;
      } catch {
        key = 'text, not JSON';
      }
    }
    wire[key] = (wire[key] ?? 0) + 1;
  });
  return wire;
}

/**
 * Meets the other frames of this app on the page (the portal loads the worker on every page and
 * in every slider, so each runs a probe) on a BroadcastChannel: how many there are, and whether
 * each got `initialized`. `self` is this frame's state, sent again by `update()`.
 */
function meetFrames(self) {
  const others = {};
  const frames = { self, others };
  if (typeof BroadcastChannel === 'undefined') return { frames, update: () => undefined };
  const channel = new BroadcastChannel('b24-call-card-probe');
  channel.onmessage = ({ data }) => {
    if (typeof data?.id !== 'string' || data.id === self.id) return;
    others[data.id] = data.state;
    if (data.kind === 'hello') channel.postMessage({ kind: 'here', id: self.id, state: self });
  };
  channel.postMessage({ kind: 'hello', id: self.id, state: self });
  return { frames, update: () => channel.postMessage({ kind: 'state', id: self.id, state: self }) };
}

/** How long a frame without locks listens for a frame that already runs the tour. */
const LISTEN_MS = 500;

/**
 * Runs `body` in one frame of the app at a time: under the Web Locks API where the browser grants
 * it; where it refuses locks to this frame (no API, or a cross-site frame without storage
 * access), only if no other frame said, within `LISTEN_MS`, that it runs the tour. `self.lock`
 * says which, and `update()` tells the other frames.
 */
function oneFrameAtATime(self, others, update, body) {
  const alone = () => {
    self.lock = 'unavailable';
    update();
    setTimeout(() => {
      if (!Object.values(others).some((frame) => frame.role === 'tour')) body();
    }, LISTEN_MS);
  };
  if (!navigator.locks) return alone();
  return navigator.locks
    .request('b24-call-card-probe', () => {
      self.lock = 'held';
      update();
      return body();
    })
    .catch(alone);
}

function showSteps() {
  const list = $('steps');
  for (const [i, step] of PROBE_STEPS.entries()) {
    const item = document.createElement('li');
    item.id = `step-${i + 1}`;
    item.textContent = `${step.title} (${step.id})`;
    list.append(item);
  }
}

async function main() {
  showSteps();
  if (!isInPortalFrame()) {
    say('Not in a portal frame: install this page as the PAGE_BACKGROUND_WORKER handler.');
    return;
  }
  const options = readOptions(window.location.search);
  const wire = tapWire();
  const self = {
    id: Math.random().toString(36).slice(2, 10),
    role: 'waiting',
    lock: 'waiting',
    initialized: 0,
  };
  const { frames, update } = meetFrames(self);
  const $b24 = await initializeB24Frame();
  const sdkBindings = tapSdkBindings($b24.placement, (text) => note(text, 'sdk'));
  const api = await $b24.placement.getInterface();
  const placement = fromB24Frame($b24);
  // Before the card and before anything binds, so the log holds all the session sees.
  const recorder = recordCallCard(placement, { redact });
  const card = connectCallCard(placement);
  // Every event bound from the start: the log hears each one, asked for or not.
  card.events.all$.subscribe((event) => note(`event ${event.type}`, 'event'));
  card.events.on('initialized').subscribe(() => {
    self.initialized += 1;
    update();
  });
  card.errors$.subscribe((error) => note(error.message, 'error'));

  const steps = [];
  const rawCalls = [];
  let current = { n: 1, id: PROBE_STEPS[0].id, instruction: null, asked: 0, finished: false };
  const file = () =>
    buildProbeFile({
      log: recorder.log(),
      rawCalls,
      steps,
      options,
      api,
      sdkBindings,
      frames,
      wire,
      userAgent: navigator.userAgent,
    });
  const json = () => `${JSON.stringify(file(), null, 2)}\n`;
  window.probe = {
    /** The probe file so far. */
    file,
    /** The probe file as JSON text (`copy(probe.json())` in the console). */
    json,
    /** Saves the probe file as `call-card-probe.json`. */
    download: () => download('call-card-probe.json', json()),
    /** The step running now and the instruction it shows (`asked` counts instructions). */
    current: () => ({ ...current }),
  };
  $('download').addEventListener('click', () => window.probe.download());
  $('download').disabled = false;

  // The portal loads the worker on every page and in every slider: one frame runs the tour, and
  // keeps the lock to the end of its life, so that no other frame starts a second tour.
  say('Another frame of this app runs the probe; this one only records.');
  oneFrameAtATime(
    self,
    frames.others,
    update,
    () =>
      new Promise(() => {
        self.role = 'tour';
        update();
        say(null);
        $('step-1').className = 'running';
        runTour({
          placement,
          card,
          scheduler: asyncScheduler,
          options,
          rawCalls,
          onInstruction: (text) => {
            current = { ...current, instruction: text, asked: current.asked + (text ? 1 : 0) };
            say(text);
          },
        }).subscribe({
          next: (result) => {
            steps.push(result);
            $(`step-${result.n}`).className = result.outcome;
            for (const text of result.notes) note(`${result.n}. ${text}`);
            const next = PROBE_STEPS[result.n];
            if (next) {
              current = { ...current, n: result.n + 1, id: next.id };
              $(`step-${result.n + 1}`).className = 'running';
            }
          },
          complete: () => {
            current = { ...current, instruction: null, finished: true };
            say("Finished: save the log with probe.download() in this frame's console.");
          },
        });
      }),
  );
}

main().catch((error) => say(`The probe could not start: ${error?.message ?? error}`));
