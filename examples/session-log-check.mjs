// A structural check of a session log (what `recordCallCard(...).log()` returns, see
// `CallCardSessionLog`), for the examples' own tests: the demo's `--record` file, the
// playground's "Download session" file and the Angular example's recorder. It says what is wrong,
// field by field, so a failing test shows it; it replays nothing.

const KINDS = {
  event: ['kind', 'at', 'event', 'payload'],
  command: ['kind', 'at', 'id', 'command', 'params', 'card'],
  reply: ['kind', 'at', 'id', 'reply'],
  transportError: ['kind', 'at', 'id', 'error'],
  card: ['kind', 'at', 'card', 'lifecycle', 'cause'],
  failure: ['kind', 'at', 'id', 'error'],
};
const LOG_KEYS = [
  'version',
  'startedAt',
  'endedAt',
  'card',
  'lifecycle',
  'dropped',
  'redacted',
  'snapshot',
  'entries',
];
const CAUSES = ['initialized', 'closeClick', 'closeCommand'];

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value) => Number.isSafeInteger(value) && value >= 0;
const isTime = (value) => typeof value === 'number' && Number.isFinite(value);

/**
 * What is wrong with `log` as a session log of format version 1: an empty list when nothing is.
 * @param {unknown} log
 * @returns {string[]}
 */
export function sessionLogProblems(log) {
  const problems = [];
  const expect = (ok, what) => {
    if (!ok) problems.push(what);
  };
  if (!isObject(log)) return ['the log is not an object'];
  for (const key of Object.keys(log)) expect(LOG_KEYS.includes(key), `unknown key "${key}"`);
  expect(log.version === 1, `version is ${JSON.stringify(log.version)}, expected 1`);
  expect(isTime(log.startedAt), 'startedAt is not a number');
  expect(isTime(log.endedAt) && log.endedAt >= 0, 'endedAt is not a number of ms, 0 or more');
  expect(isCount(log.card), 'card is not a whole number, 0 or more');
  expect(
    ['waiting', 'open', 'closed'].includes(log.lifecycle),
    'lifecycle is not waiting, open or closed',
  );
  expect(isCount(log.dropped), 'dropped is not a whole number, 0 or more');
  expect(typeof log.redacted === 'boolean', 'redacted is not a boolean');
  if (log.snapshot !== null) problems.push(...snapshotProblems(log.snapshot));
  if (!Array.isArray(log.entries)) return [...problems, 'entries is not an array'];
  const commands = new Set();
  let last = -Infinity;
  log.entries.forEach((entry, i) => {
    const at = `entries[${i}]`;
    if (!isObject(entry) || !Object.hasOwn(KINDS, entry.kind)) {
      problems.push(`${at} is not an entry of a known kind`);
      return;
    }
    for (const key of Object.keys(entry))
      expect(KINDS[entry.kind].includes(key), `${at} (${entry.kind}) has an unknown key "${key}"`);
    expect(isTime(entry.at) && entry.at >= 0, `${at}.at is not a number of ms, 0 or more`);
    expect(entry.at >= last, `${at}.at goes back in time`);
    last = entry.at;
    const knownCommand = () =>
      expect(commands.has(entry.id), `${at}.id ${entry.id} names no earlier command`);
    switch (entry.kind) {
      case 'event':
        expect(
          typeof entry.event === 'string' && entry.event.startsWith('BackgroundCallCard::'),
          `${at}.event is not a host event name`,
        );
        break;
      case 'command':
        expect(isCount(entry.id) && entry.id > 0, `${at}.id is not a whole number above 0`);
        expect(!commands.has(entry.id), `${at}.id ${entry.id} is used twice`);
        commands.add(entry.id);
        expect(/^CallCard\w+$/.test(entry.command), `${at}.command is not a command name`);
        expect(isObject(entry.params), `${at}.params is not an object`);
        expect(isCount(entry.card), `${at}.card is not a whole number, 0 or more`);
        break;
      case 'reply':
        knownCommand();
        break;
      case 'transportError':
        knownCommand();
        expect(typeof entry.error === 'string', `${at}.error is not a string`);
        break;
      case 'card':
        expect(isCount(entry.card) && entry.card > 0, `${at}.card is not a whole number above 0`);
        expect(
          ['open', 'closed'].includes(entry.lifecycle),
          `${at}.lifecycle is not open or closed`,
        );
        expect(CAUSES.includes(entry.cause), `${at}.cause is not ${CAUSES.join(', ')}`);
        break;
      case 'failure':
        if (entry.id !== undefined) knownCommand();
        expect(
          isObject(entry.error) &&
            typeof entry.error.name === 'string' &&
            typeof entry.error.message === 'string',
          `${at}.error is not {name, message}`,
        );
        break;
    }
  });
  expect(
    JSON.stringify(JSON.parse(JSON.stringify(log))) === JSON.stringify(log),
    'the log does not survive JSON unchanged',
  );
  return problems;
}

function snapshotProblems(snapshot) {
  if (!isObject(snapshot)) return ['snapshot is neither null nor an object'];
  const problems = [];
  const expect = (ok, what) => {
    if (!ok) problems.push(`snapshot.${what}`);
  };
  expect(snapshot.uiState === null || typeof snapshot.uiState === 'string', 'uiState');
  for (const key of ['title', 'statusText']) expect(typeof snapshot[key] === 'string', key);
  for (const key of ['muted', 'held', 'closed']) expect(typeof snapshot[key] === 'boolean', key);
  for (const key of ['call', 'entity'])
    expect(snapshot[key] === null || isObject(snapshot[key]), key);
  const timer = snapshot.timer;
  expect(
    isObject(timer) &&
      typeof timer.running === 'boolean' &&
      typeof timer.visible === 'boolean' &&
      (timer.startedAt === null || isTime(timer.startedAt)) &&
      (timer.stoppedAt === null || isTime(timer.stoppedAt)),
    'timer',
  );
  return problems;
}
