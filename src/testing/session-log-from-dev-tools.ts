import { CallCardInputError, describeThrow } from '../model/errors';
import { hostEventName } from '../model/events';
import { fullMessages } from '../model/full-messages';
import { isRecord } from '../model/is-record';
import { SESSION_LOG_VERSION } from '../model/session-log';
import type { CallCardSessionLog, SessionLogEntry } from '../model/session-log';
import { checkSessionLog } from './check-session-log';

const WHERE = 'sessionLogFromDevTools';

type Json = Readonly<Record<string, unknown>>;

/** One action of the bridge, found in the export: where it is staged, its number, its entry. */
interface Found {
  readonly index: number;
  readonly seq: number;
  readonly entry: unknown;
}

const bad = (field: string, value: unknown, expected: string): never => {
  throw new CallCardInputError(WHERE, field, value, expected);
};

/**
 * Rebuilds a session log from what the Redux DevTools extension's "export" button saved for an
 * instance of `connectReduxDevTools` (`b24-call-card-rx/devtools`), so that `replaySession` can
 * play it back in a test.
 *
 * 1. `exported` is the file's text, or its value after `JSON.parse`: the extension's history of
 *    the instance, `{ actionsById, computedStates, stagedActionIds, committedState?, ... }`.
 * 2. The log's entries are the `payload`s of the bridge's actions, in the order of their `seq`;
 *    the `@@INIT` action the extension adds is left out.
 * 3. Actions the extension no longer keeps (`maxAge`), or that a `COMMIT` cleared, are counted
 *    in `dropped`: the first action kept has `seq` `dropped + 1`. A gap between the kept ones
 *    (recording paused, actions filtered out) throws: a session with a hole in it never happened.
 * 4. `snapshot` is the extension's latest state (after the last action; the base state when
 *    it kept none). `lifecycle` is what the state before the first action shows (`closed`, `open` for a card with a call or a UI state, else `waiting`);
 *    `card` is the card that the first command sent before any `initialized` names, else the one
 *    before the first card entry's (the entries name it; 0 when none does).
 * 5. The export does not carry the recorder's clock or its redactor: `startedAt` is 0 (the
 *    entries' times count from the bridge's start, as recorded), `endedAt` the last entry's time,
 *    and `redacted` false, whatever the bridge's `redact` hid.
 * 6. The log is checked as `replaySession` checks one: a field that is wrong is named in the
 *    rebuilt log (`log.entries[k]` is the action with `seq` `dropped + k + 1`).
 *
 * Anything that is not such an export throws `CallCardInputError` naming what is wrong.
 *
 * @example
 * A session exported from the extension, replayed against the app in virtual time:
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { TestScheduler } from 'rxjs/testing';
 * import { connectCallCard } from 'b24-call-card-rx';
 * import { replaySession, sessionLogFromDevTools } from 'b24-call-card-rx/testing';
 *
 * const log = sessionLogFromDevTools(readFileSync('spec/fixtures/state.json', 'utf8'));
 * new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ flush }) => {
 *   const replay = replaySession(log);
 *   const card = connectCallCard(replay);
 *   // ...the app's logic on `card`...
 *   flush();
 *   expect(replay.mismatches()).toEqual([]);
 *   expect(card.snapshot()).toEqual(log.snapshot);
 * });
 * ```
 */
export function sessionLogFromDevTools(exported: unknown): CallCardSessionLog {
  let lifted = exported;
  if (typeof exported === 'string') {
    try {
      lifted = JSON.parse(exported) as unknown;
    } catch (error) {
      bad(
        'exported',
        exported,
        fullMessages() ? `the JSON of a Redux DevTools export (${describeThrow(error)})` : '',
      );
    }
  }
  let found: Found[];
  let states: unknown[];
  try {
    ({ found, states } = actionsOf(lifted));
  } catch (error) {
    if (error instanceof CallCardInputError) throw error;
    // A getter or Proxy that throws: unreadable, not an export.
    return bad(
      'exported',
      '[unreadable value]',
      fullMessages() ? `an export of plain data (${describeThrow(error)})` : '',
    );
  }
  const first = found[0];
  const entries = found.map((action) => action.entry) as SessionLogEntry[];
  const lastAt = isRecord(entries[entries.length - 1]) ? entries[entries.length - 1]!.at : 0;
  const latest = states[states.length - 1];
  return checkSessionLog(WHERE, {
    version: SESSION_LOG_VERSION,
    startedAt: 0,
    endedAt: typeof lastAt === 'number' ? lastAt : 0,
    card: firstCard(entries),
    lifecycle: lifecycleOf(states[first === undefined ? states.length - 1 : first.index - 1]),
    dropped: first === undefined ? 0 : first.seq - 1,
    redacted: false,
    snapshot: latest ?? null,
    entries,
  });
}

/**
 * The bridge's actions of an export, in `seq` order, checked for gaps, and the state after each
 * action the extension staged (the first: its base state).
 */
function actionsOf(lifted: unknown): { found: Found[]; states: unknown[] } {
  const what = fullMessages()
    ? 'a Redux DevTools export of connectReduxDevTools: {actionsById, computedStates, stagedActionIds, ...}'
    : '';
  if (!isRecord(lifted)) return bad('exported', lifted, what);
  const byId = lifted['actionsById'];
  const staged = lifted['stagedActionIds'];
  const states = lifted['computedStates'];
  if (!isRecord(byId)) bad('exported.actionsById', byId, what);
  if (!Array.isArray(staged)) bad('exported.stagedActionIds', staged, what);
  if (!Array.isArray(states)) bad('exported.computedStates', states, what);
  const ids = staged as readonly unknown[];
  const computed = states as readonly unknown[];
  if (computed.length !== ids.length)
    bad(
      'exported.computedStates',
      computed,
      fullMessages() ? `one state per staged action (${ids.length})` : '',
    );
  const found: Found[] = [];
  const after = computed.map((state, index) =>
    isRecord(state) ? state['state'] : bad(`exported.computedStates[${index}]`, state, '{state}'),
  );
  ids.forEach((id, index) => {
    const path = `exported.actionsById[${JSON.stringify(String(id))}]`;
    const lifted = (byId as Json)[String(id)];
    const action = isRecord(lifted) ? lifted['action'] : undefined;
    if (!isRecord(action))
      return bad(path, lifted, fullMessages() ? 'a lifted action {action}' : '');
    if (action['type'] === '@@INIT') return;
    const seq = action['seq'];
    if (
      typeof action['type'] !== 'string' ||
      typeof seq !== 'number' ||
      !Number.isSafeInteger(seq) ||
      seq < 1 ||
      !isRecord(action['payload'])
    )
      return bad(
        `${path}.action`,
        action,
        fullMessages() ? 'an action of connectReduxDevTools: {type, seq, payload}' : '',
      );
    found.push({ index, seq, entry: action['payload'] });
  });
  found.sort((a, b) => a.seq - b.seq);
  for (let i = 1; i < found.length; i++) {
    const previous = (found[i - 1] as Found).seq;
    const seq = (found[i] as Found).seq;
    if (seq !== previous + 1)
      bad(
        'exported.actionsById',
        seq,
        fullMessages()
          ? seq === previous
            ? `one action per seq (seq ${seq} is there twice)`
            : `every seq from ${previous + 1} to ${seq - 1} as well: those entries are missing ` +
              '(recording paused, or actions filtered out), so the session cannot be rebuilt'
          : '',
      );
  }
  return { found, states: after };
}

/** What a snapshot says of its card: `closed`, `open`, or `waiting` for none yet. */
function lifecycleOf(snapshot: unknown): CallCardSessionLog['lifecycle'] {
  if (!isRecord(snapshot)) return 'waiting';
  if (snapshot['closed'] === true) return 'closed';
  return snapshot['uiState'] !== null || snapshot['call'] !== null ? 'open' : 'waiting';
}

const INITIALIZED = hostEventName('initialized');

/** The card open when the entries begin, as they name it (see rule 4); 0 when none does. */
function firstCard(entries: readonly SessionLogEntry[]): number {
  for (const entry of entries) {
    if (!isRecord(entry)) return 0;
    if (entry.kind === 'event' && entry.event === INITIALIZED) break;
    if (entry.kind === 'command' && typeof entry.card === 'number') return entry.card;
  }
  for (const entry of entries) {
    if (isRecord(entry) && entry.kind === 'card' && typeof entry.card === 'number')
      return entry.lifecycle === 'open' ? Math.max(entry.card - 1, 0) : entry.card;
  }
  return 0;
}
