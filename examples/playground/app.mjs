// The telephony app, as it would run in a real portal: the official SDK (@bitrix24/b24jssdk)
// talks to the host page across origins, and the library (the built package) turns the
// placement into streams. The call logic (call-logic.mjs) is a few RxJS pipelines from events
// to commands; a spec replays sessions recorded here against that same module.
//
// It records its session from the start (`recordCallCard`): the "Download session" button saves
// the log as JSON, what a user would attach to a support ticket.
//
// Bundled for the browser by serve.mjs. For the browser test it exposes `window.appLog`.
/* global Blob, URL, URLSearchParams */
import { initializeB24Frame } from '@bitrix24/b24jssdk';
import { distinctUntilChanged, map } from 'rxjs';
import {
  connectCallCard,
  fromB24Frame,
  recordCallCard,
  redactPersonalData,
} from 'b24-call-card-rx';
import { callLogic } from './call-logic.mjs';
import { tapSdkBindings } from './sdk-bind-tap.mjs';

/** What the app saw, in order: `{kind, text}` (read by the browser test). */
const appLog = [];
window.appLog = appLog;

function log(kind, text) {
  appLog.push({ kind, text });
  const line = document.createElement('div');
  line.className = `log-${kind}`;
  line.textContent = `${kind.padEnd(7)} ${text}`;
  document.getElementById('log')?.append(line);
}

/** Saves `text` as a file named `name`, the way a page offers a download. */
function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function main() {
  log('sdk', `initializeB24Frame() from ${window.location.origin} (window.name ${window.name})`);
  const $b24 = await initializeB24Frame();
  log('sdk', `ready: placement ${$b24.placement.placement}, host ${$b24.getTargetOrigin()}`);
  const api = await $b24.placement.getInterface();
  log('sdk', `getInterface: ${api.command.length} commands, ${api.event.length} events`);

  window.sdkBindings = tapSdkBindings($b24.placement, (text) => log('sdk', text));
  const placement = fromB24Frame($b24);
  // Before the card, so the log holds everything its session sees. The playground's calls are
  // made up, so it keeps them as they are; `?redact=1` (passed on by the host page) records as an
  // app in a portal would, with the personal data hidden.
  const redact = new URLSearchParams(window.location.search).get('redact') === '1';
  const recorder = recordCallCard(placement, redact ? { redact: redactPersonalData } : {});
  const card = connectCallCard(placement);
  const button = document.getElementById('download-session');
  button.addEventListener('click', () => {
    const session = recorder.log();
    download('call-card-session.json', `${JSON.stringify(session, null, 2)}\n`);
    log('app', `session log downloaded (${session.entries.length} entries)`);
  });
  button.disabled = false;
  const { events } = card;
  events.initialized$.subscribe((call) =>
    log('event', `initialized ${call.CALL_ID} from ${call.PHONE_NUMBER ?? '(hidden)'}`),
  );
  events.answer$.subscribe(() => log('event', 'answer'));
  events.hangup$.subscribe(() => log('event', 'hangup'));
  events.mute$.subscribe((muted) => log('event', `mute ${muted}`));
  events.hold$.subscribe((held) => log('event', `hold ${held}`));
  card.errors$.subscribe((error) => log('error', error.message));
  card.state$
    .pipe(
      map((s) => `${s.closed ? 'closed' : (s.uiState ?? 'no card')}${s.muted ? ', muted' : ''}`),
      distinctUntilChanged(),
    )
    .subscribe((text) => log('state', text));

  card.apply(callLogic(card));
  window.appReady = true;
  log('app', 'connected to the call card; waiting for a call');
}

main().catch((error) => log('error', `start-up failed: ${error?.message ?? error}`));
