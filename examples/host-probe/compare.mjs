// Replays a probe log against the library's simulator (`createCallCardSimulator`, testing entry):
// the same commands and the same events at their recorded times, on a virtual clock, and lists
// every place where the simulator does not do what that portal did. The simulator is the
// library's model of the host (docs/host-behaviour.md); a disagreement is a fact about the portal
// the model does not know yet.
import { VirtualTimeScheduler } from 'rxjs';
import { BUTTON_EVENTS, hostEventName, readEventPayload } from 'b24-call-card-rx';
import { createCallCardSimulator } from 'b24-call-card-rx/testing';
import { QUESTIONS } from './tour.mjs';

const PREFIX = 'BackgroundCallCard::';
const BUTTON_OF = new Map(Object.entries(BUTTON_EVENTS).map(([button, type]) => [type, button]));
/** The commands that move the host's timer (docs/host-behaviour.md, section 4). */
const TIMER_COMMANDS = new Set(['CallCardSetUiState', 'CallCardStartTimer', 'CallCardStopTimer']);

/** A value's JSON shape: keys and types, never the values (they are redacted, or differ by call). */
function shape(value) {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${[...new Set(value.map(shape))].join(' | ')}]`;
  if (typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${k}: ${shape(value[k])}`)
      .join(', ')}}`;
  return typeof value;
}

/**
 * How two payloads differ in shape, as two texts that are equal when they do not: for two
 * objects, only the keys whose shapes differ (`CRM_ACTIVITY_ID: string` against
 * `CRM_ACTIVITY_ID: nothing`).
 */
function shapeDifference(portal, simulator) {
  if (isNoData(portal) && isNoData(simulator)) return ['no data', 'no data'];
  const plain = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!plain(portal) || !plain(simulator)) return [shape(portal), shape(simulator)];
  const keys = [...new Set([...Object.keys(portal), ...Object.keys(simulator)])].sort();
  const differing = keys.filter((k) => shape(portal[k]) !== shape(simulator[k]));
  const side = (v) => differing.map((k) => `${k}: ${shape(v[k])}`).join(', ');
  return differing.length === 0 ? ['same', 'same'] : [side(portal), side(simulator)];
}

/** A no-data event as the host's two client libraries spell it: `""` (SDK) or `[]` (BX24). */
const isNoData = (payload) =>
  payload === undefined || payload === '' || (Array.isArray(payload) && payload.length === 0);

const answerText = (answers) =>
  answers.length === 0 ? 'no reply' : answers.map((a) => JSON.stringify(a)).join(', then ');

/**
 * Compares `file` (a probe file) with the simulator.
 *
 * @param {import('./probe-file.mjs').ProbeFile} file
 * @returns {{ rows: Array<{ at: number, step: string, what: string, portal: string, simulator: string }>,
 *   compared: { replies: number, events: number, answers: number } }}
 */
export function compareWithSimulator(file) {
  const scheduler = new VirtualTimeScheduler();
  const sim = createCallCardSimulator({ scheduler });
  const rows = [];
  const compared = { replies: 0, events: 0, answers: 0 };
  const entries = file.log.entries;
  // The step running at `at`: the first that had not ended (a click ends its step).
  const stepAt = (at) => {
    const step = file.steps.find((s) => at <= s.endedAt) ?? file.steps.at(-1);
    return step ? `${step.n} ${step.id}` : '';
  };
  const disagree = (at, what, portal, simulator) =>
    rows.push({ at, step: stepAt(at), what, portal, simulator });

  // What the simulator raises, to compare with what the portal sent.
  let raised = [];
  for (const type of Object.keys(PAYLOAD_HINTS))
    sim.bindEvent(hostEventName(type), (payload) => raised.push({ type, payload }));

  // The answers the portal gave, by command id.
  const answersOf = new Map();
  for (const e of entries)
    if (e.kind === 'reply' || e.kind === 'transportError') {
      const list = answersOf.get(e.id) ?? [];
      // The SDK gives up after 900 ms and the library records a transport error: no reply.
      if (e.kind === 'reply') list.push(e.reply);
      answersOf.set(e.id, list);
    }

  // The operator's answers, each with the click that gave it: a step's questions were answered
  // in the order they were asked.
  const questionAt = new Map();
  for (const step of file.steps) {
    const clicks = entries.filter(
      (e) => e.kind === 'event' && e.at >= step.at && e.at <= step.endedAt,
    );
    let from = 0;
    for (const [id, answer] of Object.entries(step.answers ?? {})) {
      if (answer === null || !QUESTIONS[id]) continue;
      const k = clicks.findIndex((e, i) => i >= from && isAnswer(QUESTIONS[id], e));
      if (k === -1) continue;
      questionAt.set(clicks[k], { id, answer });
      from = k + 1;
    }
  }

  let pendingEntity = null;
  let lastTimerCommandAt = 0;
  for (const entry of entries) {
    scheduler.schedule(() => {
      raised = [];
      if (entry.kind === 'command') {
        if (TIMER_COMMANDS.has(entry.command)) lastTimerCommandAt = entry.at;
        const replies = [];
        sim.call(entry.command, entry.params, (reply) => replies.push(reply));
        const portal = answerText(answersOf.get(entry.id) ?? []);
        const simulator = answerText(replies);
        compared.replies += 1;
        if (portal !== simulator)
          disagree(entry.at, `${entry.command} ${JSON.stringify(entry.params)}`, portal, simulator);
        return;
      }
      if (entry.kind !== 'event' || !entry.event.startsWith(PREFIX)) return;
      compared.events += 1;
      const type = entry.event.slice(PREFIX.length);
      const question = questionAt.get(entry);
      if (question) {
        const q = QUESTIONS[question.id];
        const expected = q.expected(sim.card(), entry.at - lastTimerCommandAt);
        compared.answers += 1;
        if (expected !== question.answer)
          disagree(
            entry.at,
            `"${q.text}"`,
            `the operator answered ${question.answer ? 'yes' : 'no'}`,
            `${expected ? 'yes' : 'no'}: the timer is ${sim.card().timer.status}`,
          );
      }
      const problem = raise(type, entry.payload);
      if (problem !== null) {
        disagree(
          entry.at,
          `${type} ${isNoData(entry.payload) ? 'no data' : shape(entry.payload)}`,
          'raised it',
          problem,
        );
        return;
      }
      const mine = raised.find((r) => r.type === type);
      if (mine === undefined) return;
      const [portalShape, simShape] = shapeDifference(entry.payload, mine.payload);
      if (portalShape !== simShape) disagree(entry.at, `${type} payload`, portalShape, simShape);
      else if (typeof entry.payload === 'boolean' && entry.payload !== mine.payload)
        disagree(entry.at, `${type} payload`, String(entry.payload), String(mine.payload));
    }, entry.at);
  }
  scheduler.flush();
  return { rows, compared };

  /** Makes the simulator raise `type`; `null`, or what went wrong. */
  function raise(type, payload) {
    try {
      if (type === 'initialized') {
        sim.ring(ringOptions(payload, pendingEntity));
        pendingEntity = null;
      } else if (type === 'entityChanged') {
        const entity = entityOf(payload);
        if (!sim.card().exists) pendingEntity = entity;
        else sim.changeEntity(entity);
      } else if (type === 'addCommentButtonClick') {
        sim.addComment(typeof payload === 'string' ? payload : '');
      } else {
        const button = BUTTON_OF.get(type);
        if (button === undefined) return `the simulator has no button for ${type}`;
        const card = sim.card();
        if (!card.exists)
          return `no card: the last one was ${card.closed ? 'closed' : 'never raised'}`;
        if (!card.buttons.includes(button))
          return `no ${button} button in ${card.state} (it shows ${card.buttons.join(', ') || 'none'})`;
        if (PAYLOAD_HINTS[type]) {
          const read = readEventPayload(type, payload);
          if (!read.ok) return `unreadable payload: ${read.error.message}`;
          sim.press(button, read.value);
        } else sim.press(button);
      }
      return null;
    } catch (error) {
      return error.message;
    }
  }
}

/** Whether `event` (a log entry) is one of the clicks that answer `q`. */
function isAnswer(q, event) {
  const type = event.event.slice(PREFIX.length);
  return [q.yes, q.no].some(
    (a) => a.type === type && (a.payload === undefined || String(event.payload) === a.payload),
  );
}

/** The event types, and whether a button press needs the payload. */
const PAYLOAD_HINTS = {
  initialized: false,
  entityChanged: false,
  answerButtonClick: false,
  skipButtonClick: false,
  makeCallButtonClick: false,
  hangupButtonClick: false,
  holdButtonClick: false,
  muteButtonClick: false,
  transferButtonClick: true,
  dialpadButtonClick: true,
  qualityMeterClick: true,
  completeTransferButtonClick: false,
  cancelTransferButtonClick: false,
  closeButtonClick: false,
  notifyAdminButtonClick: false,
  addCommentButtonClick: false,
  nextButtonClick: false,
};

const DIRECTIONS = ['incoming', 'outgoing', 'callback'];
const CRM_TYPES = ['LEAD', 'CONTACT', 'COMPANY', 'DEAL'];

/** `ring` options for a recorded `initialized` payload (its values, where the simulator takes them). */
function ringOptions(payload, crm) {
  const p = typeof payload === 'object' && payload !== null ? payload : {};
  const text = (v) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  const options = {
    direction: DIRECTIONS.includes(p.CALL_DIRECTION) ? p.CALL_DIRECTION : 'incoming',
    callListMode: p.CALL_LIST_MODE === true,
  };
  if (text(p.PHONE_NUMBER) !== undefined) options.phoneNumber = text(p.PHONE_NUMBER);
  if (text(p.LINE_NUMBER) !== undefined) options.lineNumber = text(p.LINE_NUMBER);
  if (text(p.LINE_NAME) !== undefined) options.lineName = text(p.LINE_NAME);
  if (text(p.CALL_ID)) options.callId = text(p.CALL_ID);
  const entity = crm ?? (CRM_TYPES.includes(p.CRM_ENTITY_TYPE) ? entityOf(p) : null);
  if (entity && entity.entityType !== '')
    options.crm = { entityType: entity.entityType, entityId: entity.entityId };
  return options;
}

/** `changeEntity` input for a recorded `entityChanged` payload. */
function entityOf(payload) {
  const p = typeof payload === 'object' && payload !== null ? payload : {};
  const id = Number(p.CRM_ENTITY_ID);
  return {
    entityType: CRM_TYPES.includes(p.CRM_ENTITY_TYPE) ? p.CRM_ENTITY_TYPE : '',
    entityId: Number.isInteger(id) && id >= 0 ? id : 0,
    ...(typeof p.PHONE_NUMBER === 'string' ? { phoneNumber: p.PHONE_NUMBER } : {}),
  };
}

/** The rows as a text table, or a line saying that nothing disagreed. */
export function formatComparison({ rows, compared }) {
  const summary = `compared ${compared.replies} replies, ${compared.events} events and ${compared.answers} answers`;
  if (rows.length === 0) return `the simulator agrees with the portal: ${summary}`;
  const cut = (text, width) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);
  const columns = [
    ['step', 24, (r) => r.step],
    ['at (ms)', 8, (r) => String(r.at)],
    ['what', 56, (r) => r.what],
    ['the portal', 48, (r) => r.portal],
    ['the simulator', 72, (r) => r.simulator],
  ].map(([name, most, cell]) => [
    name,
    Math.min(most, Math.max(name.length, ...rows.map((r) => cell(r).length))),
    cell,
  ]);
  const line = (cells) =>
    cells
      .map((cell, i) => cut(cell, columns[i][1]).padEnd(columns[i][1]))
      .join('  ')
      .trimEnd();
  return [
    `the simulator disagrees with the portal in ${rows.length} place(s) (${summary}):`,
    '',
    line(columns.map(([name]) => name)),
    line(columns.map(([, width]) => '-'.repeat(width))),
    ...rows.map((row) => line(columns.map(([, , cell]) => cell(row)))),
  ].join('\n');
}
