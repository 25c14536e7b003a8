// A small app of the library that makes one error of each kind and records, for each, what users
// branch on (its class, `name`, `errorCode`, the fields) and what the two message modes change
// (`message`, `expected`, `reason`). It leaves the records in `globalThis.messageProbe`.
//
// The checks of the message modes build it as apps do (esbuild, Vite, a page without a bundler)
// and compare the records: spec/model/message-modes.spec.ts.
import {
  CallCardCommandError,
  CallCardInputError,
  CallCardPayloadError,
  CallCardTimeoutError,
  CallCardUnavailableError,
  callCardEvents,
  fromBX24,
  readEventPayload,
  sendCommand,
  setStatusText,
  setUiState,
  timerStatus,
} from 'b24-call-card-rx';

const CLASSES = {
  CallCardInputError,
  CallCardPayloadError,
  CallCardCommandError,
  CallCardTimeoutError,
  CallCardUnavailableError,
};
const FIELDS = ['command', 'field', 'value', 'event', 'errorCode', 'timeoutMs', 'subject'];
const TEXTS = ['message', 'expected', 'reason'];

function record(name, error) {
  const kind = Object.keys(CLASSES).find((key) => error instanceof CLASSES[key]) ?? 'none';
  const pick = (keys) =>
    Object.fromEntries(keys.filter((key) => key in error).map((key) => [key, error[key]]));
  return { case: name, class: kind, name: error.name, fields: pick(FIELDS), texts: pick(TEXTS) };
}

function caught(name, run) {
  try {
    run();
    return { case: name, class: 'none', thrown: 'nothing' };
  } catch (error) {
    return record(name, error);
  }
}

/** A placement with a card open, whose host answers every command at once with `reply`. */
const answering = (reply) => ({
  call: (command, params, onReply) => onReply(reply),
  bindEvent: (name, handler) => {
    if (name === 'BackgroundCallCard::initialized') handler({ CALL_ID: 'call-1' });
  },
});

const records = [
  caught('a creator given a bad UI state', () => setUiState('talking')),
  caught('an operator given a bad option', () => timerStatus({ tickMs: 0 })),
  caught('callCardEvents given no placement', () => callCardEvents({})),
  caught('fromBX24 outside a portal', () => fromBX24(undefined)),
  record('a mute click with a bad payload', readEventPayload('muteButtonClick', 'yes').error),
];
sendCommand(
  answering([{ result: 'error', errorCode: 'Call card is undefined' }]),
  setStatusText('On hold'),
).subscribe({ error: (error) => records.push(record('the host refuses a command', error)) });

globalThis.messageProbe = records;
