// The emulated Bitrix24 portal page. It embeds the app in a cross-origin iframe and speaks the
// portal's wire protocol to it (docs/host-behaviour.md, section 6). The call card itself is the library's
// simulator (`createCallCardSimulator`, with the host's real rules: states, buttons per state,
// timer, replies); this page relays the app's commands to it and its events to the app, and
// renders the card as real buttons.
//
// Bundled for the browser by serve.mjs. For the browser test it exposes `window.playground`.
/* global fetch, performance, setInterval, URL, URLSearchParams */
import { formatCallTimer, hostEventName } from 'b24-call-card-rx';
import { createCallCardSimulator } from 'b24-call-card-rx/testing';
import {
  formatHostMessage,
  frameName,
  initData,
  parseAppMessage,
  placementInterface,
} from './wire.mjs';

// Where the app lives: the server knows both origins (their ports are picked at start).
const config = await (await fetch('/config.json')).json();
const query = new URLSearchParams(window.location.search);
/** Lost-first-event mode: ring the moment the app binds `initialized` (inside the SDK's window). */
const RING_ON_BIND = query.get('ringOnBind') === '1';
const PHONE_NUMBER = '+1 555 0100';
const APP_SID = `playground-${Math.random().toString(36).slice(2, 10)}`;
/** `?app=probe`: the host probe (examples/host-probe/) is the app; the rest of the query is its. */
const PROBE = query.get('app') === 'probe';
const appUrl = new URL(PROBE ? config.probeUrl : config.appUrl);
if (PROBE) for (const [key, value] of query) if (key !== 'app') appUrl.searchParams.set(key, value);
// The app records its session with the personal data hidden (see app.mjs).
if (query.get('redact') === '1') appUrl.searchParams.set('redact', '1');
const APP_ORIGIN = appUrl.origin;
const INITIALIZED = hostEventName('initialized');

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

// The host's card model: the library's simulator on the real clock (asyncScheduler).
const sim = createCallCardSimulator();

/** What the test reads (page.evaluate): the host's view of the conversation. */
const record = {
  appSid: APP_SID,
  appOrigin: APP_ORIGIN,
  ringOnBind: RING_ON_BIND,
  /** Every CallCard* command, as the host received it (params as on the wire) and answered. */
  commands: [],
  /** Every placementBindEvent: host event name, callback id, page time received. */
  bindings: [],
  /** Every event posted to the app: type, payload, ms since the app bound it. */
  events: [],
  /** Every other message from the app (getInitData, getInterface, ...). */
  other: [],
  /** Messages refused: wrong origin, wrong source, wrong sid, unreadable. */
  refused: [],
  /** Errors thrown by a button press (a button the card does not show, ...). */
  pressErrors: [],
};

const frame = document.createElement('iframe');
// The SDK reads DOMAIN|PROTOCOL|APP_SID from window.name, so the name goes on before the src.
frame.name = frameName(window.location, APP_SID);
frame.id = 'app-frame';
frame.title = 'The app (PAGE_BACKGROUND_WORKER iframe, normally hidden)';
frame.src = appUrl.href;
$('app-slot').append(frame);
$('host-origin').textContent = window.location.origin;
$('app-origin').textContent = APP_ORIGIN;
$('frame-name').textContent = frame.name;

// ---- wire ----------------------------------------------------------------------------------

function wireLog(direction, text) {
  const line = document.createElement('div');
  line.className = direction === 'in' ? 'wire-in' : 'wire-out';
  line.textContent = `${direction === 'in' ? 'app → host' : 'host → app'}  ${text}`;
  const box = $('wire-log');
  box.append(line);
  while (box.childElementCount > 200) box.firstElementChild?.remove();
  box.scrollTop = box.scrollHeight;
}

/** Posts `callbackId:resultJSON` to the app, to its exact origin only. */
function post(callbackId, result) {
  const message = formatHostMessage(callbackId, result);
  frame.contentWindow?.postMessage(message, APP_ORIGIN);
  wireLog('out', message);
}

/** The params the app meant: the SDK adds `isRawValue` to every command on the wire. */
function withoutSdkKeys(params) {
  if (typeof params !== 'object' || params === null) return {};
  return Object.fromEntries(Object.entries(params).filter(([key]) => key !== 'isRawValue'));
}

function onBind(hostEvent, callbackId) {
  const boundAt = performance.now();
  record.bindings.push({ event: hostEvent, callbackId, at: boundAt });
  // Not acknowledged, like the portal: each later event goes out under this callback id.
  sim.bindEvent(hostEvent, (payload) => {
    const type = hostEvent.replace(/^BackgroundCallCard::/, '');
    record.events.push({ type, payload, callbackId, sinceBindMs: performance.now() - boundAt });
    post(callbackId, payload);
  });
  if (RING_ON_BIND && hostEvent === INITIALIZED && sim.card().call === null) ring();
}

function onCommand(command, params, callbackId) {
  const entry = { command, params: withoutSdkKeys(params), wireParams: params ?? null };
  record.commands.push(entry);
  sim.call(command, withoutSdkKeys(params), (reply) => {
    entry.reply = reply;
    post(callbackId, reply);
  });
  render();
}

window.addEventListener('message', (event) => {
  // The portal trusts only its app's frame, from the app's exact origin, with the app's sid.
  if (event.origin !== APP_ORIGIN || event.source !== frame.contentWindow) {
    record.refused.push({ origin: event.origin, reason: 'origin or source' });
    return;
  }
  const message = parseAppMessage(event.data);
  if (message === null || message.appSid !== APP_SID) {
    record.refused.push({ origin: event.origin, reason: 'unreadable or wrong sid' });
    return;
  }
  wireLog('in', typeof event.data === 'string' ? event.data : JSON.stringify(event.data));
  const { command, params, callbackId } = message;
  if (command === 'getInitData') {
    record.other.push(command);
    post(callbackId, initData(window.location));
  } else if (command === 'getInterface') {
    record.other.push(command);
    post(callbackId, placementInterface());
  } else if (command === 'placementBindEvent') {
    onBind(String(params?.event ?? ''), callbackId);
  } else if (command.startsWith('CallCard')) {
    onCommand(command, params, callbackId);
  } else {
    // Anything else the SDK might send (resizeWindow, setInstall, ...): never answered here.
    record.other.push(command);
  }
  refreshStatusLine();
});

// ---- the card ------------------------------------------------------------------------------

const LABELS = {
  answer: 'Answer',
  skip: 'Skip',
  makeCall: 'Call',
  hangup: 'Hang up',
  hold: 'Hold',
  mute: 'Mute',
  transfer: 'Transfer',
  dialpad: 'Dialpad',
  qualityMeter: 'Rate quality',
  completeTransfer: 'Complete transfer',
  cancelTransfer: 'Cancel transfer',
  close: 'Close',
  notifyAdmin: 'Notify admin',
  next: 'Next',
};

/** The payload a button needs, from the small inputs next to the card. */
function pressArgs(button) {
  if (button === 'dialpad') return [/** @type {HTMLSelectElement} */ ($('dial-key')).value];
  if (button === 'qualityMeter') return [/** @type {HTMLSelectElement} */ ($('grade')).value];
  if (button === 'transfer') {
    const target = /** @type {HTMLInputElement} */ ($('transfer-target')).value.trim();
    return [{ phoneNumber: PHONE_NUMBER, target: /^\d+$/.test(target) ? Number(target) : target }];
  }
  return [];
}

function press(button) {
  try {
    sim.press(button, ...pressArgs(button));
    $('press-error').textContent = '';
  } catch (error) {
    record.pressErrors.push(String(error));
    $('press-error').textContent = String(error instanceof Error ? error.message : error);
  }
  render();
}

function ring() {
  sim.ring({
    phoneNumber: PHONE_NUMBER,
    lineNumber: '100',
    lineName: 'Sales',
    callListMode: /** @type {HTMLInputElement} */ ($('call-list')).checked,
  });
  render();
}

/** The CRM form's comment editor: saving raises `addCommentButtonClick` with the text. */
function saveComment() {
  try {
    sim.addComment(/** @type {HTMLInputElement} */ ($('comment')).value);
    $('press-error').textContent = '';
  } catch (error) {
    record.pressErrors.push(String(error));
    $('press-error').textContent = String(error instanceof Error ? error.message : error);
  }
}

let shownButtons = '';

function render() {
  const card = sim.card();
  $('card').dataset.exists = String(card.exists);
  $('card-state').textContent = card.exists ? card.state : card.closed ? 'closed' : 'no card';
  $('card-title').textContent = card.title;
  $('card-status').textContent = card.statusText;
  const flags = [card.muted ? 'muted' : '', card.held ? 'on hold' : ''].filter(Boolean);
  $('card-flags').textContent = flags.join(', ');
  const timer = $('card-timer');
  timer.hidden = card.timer.status === 'hidden';
  timer.dataset.status = card.timer.status;
  timer.textContent = `Conversation length: ${formatCallTimer(card.timer.elapsedMs)}${
    card.timer.status === 'stopped' ? ' (stopped)' : ''
  }`;
  // Rebuilt only when the set changes, so a click never lands on a button being replaced.
  const key = `${card.state}|${card.buttons.join(',')}|${card.muted}|${card.held}`;
  if (key !== shownButtons) {
    shownButtons = key;
    const buttons = card.buttons.map((name) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.button = name;
      button.className = `card-button card-button-${name}`;
      button.textContent =
        name === 'mute' && card.muted
          ? 'Unmute'
          : name === 'hold' && card.held
            ? 'Resume'
            : LABELS[name];
      button.addEventListener('click', () => press(name));
      return button;
    });
    $('card-buttons').replaceChildren(...buttons);
  }
}

function refreshStatusLine() {
  const bound = record.bindings.length;
  $('bind-status').textContent =
    bound === 0 ? 'waiting for the app to bind…' : `the app bound ${bound} events`;
}

$('ring').addEventListener('click', ring);
$('save-comment').addEventListener('click', saveComment);
if (RING_ON_BIND) $('ring-on-bind').hidden = false;
render();
refreshStatusLine();
// The simulator's timer is "now - startedAt": redraw so the host's own timer runs visibly.
setInterval(render, 250);

window.playground = {
  record,
  card: () => sim.card(),
  view: () => sim.view(),
  bindCount: (name) => sim.bindCount(name),
};
