// The file the host probe saves: how each step of the tour went, and the session log of the whole
// tour, `recordCallCard`'s log with the few commands the probe sent past the library (the ones it
// refuses to send, such as an invalid state) merged in, so the log holds every command that
// reached the host and replays as a whole.
import { sessionLogProblems } from '../session-log-check.mjs';

/** The version of the probe file's format. */
export const PROBE_FILE_VERSION = 1;

const STEP_OUTCOMES = ['done', 'timedOut', 'skipped'];

/**
 * `log` (a `CallCardSessionLog`) with `rawCalls` (the tour's `RawCall`s, timed on the recorder's
 * scheduler) merged in as `command`, `reply` and `transportError` entries, in time order. Commands
 * are numbered again from 1 in their new order (replies follow their command's new id); a raw
 * command belongs to the card the log's last `card` entry before it names.
 */
export function mergeRawCalls(log, rawCalls) {
  const start = log.startedAt;
  const raw = rawCalls.flatMap((call, k) => [
    {
      at: call.at - start,
      raw: k,
      entry: { kind: 'command', command: call.command, params: call.params },
    },
    ...call.answers.map((answer) => ({
      at: answer.at - start,
      raw: k,
      entry:
        'error' in answer
          ? { kind: 'transportError', error: answer.error }
          : answer.reply === undefined
            ? { kind: 'reply' }
            : { kind: 'reply', reply: answer.reply },
    })),
  ]);
  // Stable: at the same ms, the library's entries first, a raw command before its answers.
  const merged = [
    ...log.entries.map((entry) => ({ at: entry.at, entry })),
    ...raw.map((r) => ({ ...r, at: Math.max(0, r.at) })),
  ].sort((a, b) => a.at - b.at);

  const libraryIds = new Map();
  const rawIds = new Map();
  let nextId = 0;
  let card = log.card;
  const entries = merged.map(({ at, entry, raw: k }) => {
    const fromRaw = k !== undefined;
    if (entry.kind === 'card') card = entry.card;
    if (entry.kind === 'command') {
      nextId += 1;
      if (fromRaw) rawIds.set(k, nextId);
      else libraryIds.set(entry.id, nextId);
      return fromRaw
        ? { kind: 'command', at, id: nextId, command: entry.command, params: entry.params, card }
        : { ...entry, id: nextId };
    }
    if (fromRaw) return { ...entry, at, id: rawIds.get(k) };
    return 'id' in entry && entry.id !== undefined
      ? { ...entry, id: libraryIds.get(entry.id) }
      : entry;
  });
  return { ...log, entries };
}

/**
 * The probe file: `{ probe: 1, userAgent, options, interface, sdkBindings, frames, wire, steps,
 * log }`. Step times become ms on the log's clock (`at`, `endedAt`).
 */
export function buildProbeFile({
  log,
  rawCalls,
  steps,
  options,
  api,
  sdkBindings,
  frames,
  wire,
  userAgent,
}) {
  return {
    probe: PROBE_FILE_VERSION,
    userAgent,
    options,
    interface: api,
    sdkBindings,
    frames,
    wire,
    steps: steps.map(({ startedAt, endedAt, ...step }) => ({
      ...step,
      at: startedAt - log.startedAt,
      endedAt: endedAt - log.startedAt,
    })),
    log: mergeRawCalls(log, rawCalls),
  };
}

/** What is wrong with `file` as a probe file: an empty list when nothing is. */
export function probeFileProblems(file) {
  if (typeof file !== 'object' || file === null) return ['the probe file is not an object'];
  const problems = [];
  if (file.probe !== PROBE_FILE_VERSION)
    problems.push(`probe is ${JSON.stringify(file.probe)}, expected ${PROBE_FILE_VERSION}`);
  for (const key of ['cardTimeoutMs', 'clickTimeoutMs', 'dwellMs', 'silenceMs'])
    if (!(file.options?.[key] > 0)) problems.push(`options.${key} is not a number of ms`);
  if (!Array.isArray(file.steps)) problems.push('steps is not an array');
  else
    file.steps.forEach((step, i) => {
      if (step?.n !== i + 1) problems.push(`steps[${i}].n is not ${i + 1}`);
      if (!STEP_OUTCOMES.includes(step?.outcome))
        problems.push(`steps[${i}].outcome is not ${STEP_OUTCOMES.join(', ')}`);
      if (!Array.isArray(step?.notes)) problems.push(`steps[${i}].notes is not an array`);
      if (!(step?.endedAt >= step?.at)) problems.push(`steps[${i}] ends before it starts`);
    });
  problems.push(...sessionLogProblems(file.log).map((p) => `log: ${p}`));
  return problems;
}
