// The session log check, through replaySession: every way a log can be wrong is a clear
// CallCardInputError naming the field, the value and what was expected, and nothing is played.
import { VirtualTimeScheduler } from 'rxjs';
import { CallCardInputError, INITIAL_CALL_CARD_SNAPSHOT } from 'b24-call-card-rx';
import type { CallCardSessionLog } from 'b24-call-card-rx';
import { replaySession } from 'b24-call-card-rx/testing';

/** A valid log with one of each entry kind. */
function validLog(): CallCardSessionLog {
  return {
    version: 1,
    startedAt: 1_700_000_000_000,
    endedAt: 900,
    card: 0,
    lifecycle: 'waiting',
    dropped: 0,
    redacted: false,
    snapshot: { ...INITIAL_CALL_CARD_SNAPSHOT, uiState: 'incoming', title: 'Ann' },
    entries: [
      {
        kind: 'event',
        at: 100,
        event: 'BackgroundCallCard::initialized',
        payload: { CALL_ID: 'c' },
      },
      { kind: 'card', at: 100, card: 1, lifecycle: 'open', cause: 'initialized' },
      {
        kind: 'command',
        at: 100,
        id: 1,
        command: 'CallCardSetCardTitle',
        params: { title: 'Ann' },
        card: 1,
      },
      { kind: 'reply', at: 150, id: 1, reply: [] },
      {
        kind: 'command',
        at: 150,
        id: 2,
        command: 'CallCardSetUiState',
        params: { uiState: 'incoming' },
        card: 1,
      },
      { kind: 'transportError', at: 200, id: 2, error: 'socket closed' },
      {
        kind: 'failure',
        at: 200,
        id: 2,
        error: {
          name: 'CallCardCommandError',
          message: 'x',
          command: 'CallCardSetUiState',
          errorCode: 'Transport error',
        },
      },
      { kind: 'event', at: 300, event: 'BackgroundCallCard::muteButtonClick' },
      {
        kind: 'failure',
        at: 300,
        error: { name: 'CallCardPayloadError', message: 'y', event: 'muteButtonClick' },
      },
    ],
  };
}

type Json = Record<string, unknown>;

/** The valid log, changed by `change` (which may replace it). */
function broken(change: (log: Json & { entries: Json[] }) => unknown): unknown {
  const log = JSON.parse(JSON.stringify(validLog())) as Json & { entries: Json[] };
  const replaced = change(log);
  return replaced === undefined ? log : replaced;
}

function errorOf(log: unknown): CallCardInputError {
  try {
    replaySession(log as CallCardSessionLog);
  } catch (error) {
    expect(error).toBeInstanceOf(CallCardInputError);
    return error as CallCardInputError;
  }
  throw new Error('replaySession accepted the log');
}

describe('replaySession: the log check', () => {
  it('accepts a valid log, and its JSON text', () => {
    expect(() => replaySession(validLog())).not.toThrow();
    expect(() => replaySession(JSON.stringify(validLog()))).not.toThrow();
  });

  // [what is wrong, the log, the field named, the message's "expected ..." part]
  const cases: [string, unknown, string, RegExp][] = [
    ['not an object', 42, 'log', /expected a session log: an object \{version: 1, /],
    ['an array', [], 'log', /expected a session log/],
    ['null', null, 'log', /expected a session log/],
    [
      'text that is no JSON',
      '{"version": 1,',
      'log',
      /expected a session log, or its JSON text \(SyntaxError/,
    ],
    [
      'another version',
      broken((l) => void (l['version'] = 2)),
      'log.version',
      /was 2; expected 1 \(the session log version this library reads\)/,
    ],
    [
      'no version',
      broken((l) => void delete l['version']),
      'log.version',
      /was undefined; expected 1 \(the session log version/,
    ],
    [
      'an unknown field',
      broken((l) => void (l['endAt'] = 3)),
      'log.endAt',
      /was 3; expected no such field: a version-1 session log has only version, startedAt, endedAt, /,
    ],
    [
      'a mistyped startedAt',
      broken((l) => void (l['startedAt'] = '0')),
      'log.startedAt',
      /was "0"; expected a finite number/,
    ],
    [
      'a negative endedAt',
      broken((l) => void (l['endedAt'] = -1)),
      'log.endedAt',
      /expected a number of ms >= 0/,
    ],
    [
      'a fractional card',
      broken((l) => void (l['card'] = 1.5)),
      'log.card',
      /expected a card number/,
    ],
    [
      'an unknown lifecycle',
      broken((l) => void (l['lifecycle'] = 'ringing')),
      'log.lifecycle',
      /expected one of "waiting", "open", "closed"/,
    ],
    [
      'a mistyped dropped',
      broken((l) => void (l['dropped'] = -2)),
      'log.dropped',
      /expected a whole number >= 0/,
    ],
    [
      'a mistyped redacted',
      broken((l) => void (l['redacted'] = 'no')),
      'log.redacted',
      /expected a boolean/,
    ],
    [
      'a snapshot that is no object',
      broken((l) => void (l['snapshot'] = 'idle')),
      'log.snapshot',
      /expected a CallCardSnapshot object, or null/,
    ],
    [
      'an unknown UI state in the snapshot',
      broken((l) => void ((l['snapshot'] as Json)['uiState'] = 'talking')),
      'log.snapshot.uiState',
      /was "talking"; expected a UI state name or null/,
    ],
    [
      'a snapshot field mistyped',
      broken((l) => void ((l['snapshot'] as Json)['muted'] = 'no')),
      'log.snapshot.muted',
      /expected a boolean/,
    ],
    [
      'a snapshot timer field mistyped',
      broken((l) => void (((l['snapshot'] as Json)['timer'] as Json)['startedAt'] = '5')),
      'log.snapshot.timer.startedAt',
      /expected a number or null/,
    ],
    [
      'entries that are no array',
      broken((l) => void ((l as Json)['entries'] = {})),
      'log.entries',
      /expected an array of entries/,
    ],
    [
      'an entry that is no object',
      broken((l) => void ((l.entries as unknown[])[2] = 'command')),
      'log.entries[2]',
      /expected an entry object \{kind, at, \.\.\.\}/,
    ],
    [
      'an unknown entry kind',
      broken((l) => void (l.entries[0]!['kind'] = 'click')),
      'log.entries[0].kind',
      /was "click"; expected one of the entry kinds event, command, reply, transportError, card, failure/,
    ],
    [
      'an entry field missing',
      broken((l) => void delete l.entries[2]!['params']),
      'log.entries[2].params',
      /was undefined; expected a params object/,
    ],
    [
      'an unknown entry field',
      broken((l) => void (l.entries[0]!['paylaod'] = 1)),
      'log.entries[0].paylaod',
      /was 1; expected no such field: an entry of kind "event" has only kind, at, event, payload$/,
    ],
    [
      'a mistyped time',
      broken((l) => void (l.entries[1]!['at'] = null)),
      'log.entries[1].at',
      /was null; expected a finite number/,
    ],
    [
      'a negative time',
      broken((l) => void (l.entries[0]!['at'] = -5)),
      'log.entries[0].at',
      /expected a number of ms >= 0/,
    ],
    [
      'times that go backwards',
      broken((l) => void (l.entries[3]!['at'] = 90)),
      'log.entries[3].at',
      /was 90; expected at least 100, the time of the entry before \(times never go backwards\)/,
    ],
    [
      'a time past endedAt',
      broken((l) => void (l['endedAt'] = 250)),
      'log.entries[7].at',
      /was 300; expected at most log.endedAt \(250\)/,
    ],
    [
      'an empty event name',
      broken((l) => void (l.entries[0]!['event'] = '')),
      'log.entries[0].event',
      /expected a host event name/,
    ],
    [
      'a mistyped command name',
      broken((l) => void (l.entries[2]!['command'] = 7)),
      'log.entries[2].command',
      /expected a command name/,
    ],
    [
      'params that are no object',
      broken((l) => void (l.entries[2]!['params'] = ['Ann'])),
      'log.entries[2].params',
      /expected a params object/,
    ],
    [
      'a repeated command id',
      broken((l) => void (l.entries[4]!['id'] = 1)),
      'log.entries[4].id',
      /was 1; expected an id no earlier command entry has/,
    ],
    [
      'a reply to an unknown id',
      broken((l) => void (l.entries[3]!['id'] = 9)),
      'log.entries[3].id',
      /was 9; expected the id of an earlier command entry; ids so far: 1$/,
    ],
    [
      'a reply before its command',
      broken((l) => void (l.entries[3]!['id'] = 2)),
      'log.entries[3].id',
      /was 2; expected the id of an earlier command entry/,
    ],
    [
      'a transport error to an unknown id',
      broken((l) => void (l.entries[5]!['id'] = 3)),
      'log.entries[5].id',
      /expected the id of an earlier command entry/,
    ],
    [
      'a failure about an unknown id',
      broken((l) => void (l.entries[6]!['id'] = 3)),
      'log.entries[6].id',
      /expected the id of an earlier command entry/,
    ],
    [
      'a mistyped transport error',
      broken((l) => void (l.entries[5]!['error'] = { message: 'x' })),
      'log.entries[5].error',
      /expected a string/,
    ],
    [
      'a mistyped card lifecycle',
      broken((l) => void (l.entries[1]!['lifecycle'] = 'waiting')),
      'log.entries[1].lifecycle',
      /expected one of "open", "closed"/,
    ],
    [
      'an unknown card cause',
      broken((l) => void (l.entries[1]!['cause'] = 'hangup')),
      'log.entries[1].cause',
      /expected one of "initialized", "closeClick", "closeCommand"/,
    ],
    [
      'a failure error that is no object',
      broken((l) => void (l.entries[8]!['error'] = 'bad')),
      'log.entries[8].error',
      /expected an object \{name, message, command\?, event\?, errorCode\?\}/,
    ],
    [
      'a failure error field mistyped',
      broken((l) => void ((l.entries[8]!['error'] as Json)['errorCode'] = 5)),
      'log.entries[8].error.errorCode',
      /expected a string/,
    ],
    [
      'a failure error field unknown',
      broken((l) => void ((l.entries[8]!['error'] as Json)['stack'] = 's')),
      'log.entries[8].error.stack',
      /expected no such field: a failure entry's error has only name, message, command, event, errorCode/,
    ],
  ];

  it.each(cases)(
    'refuses %s, naming the field, the value and what was expected',
    (_what, log, field, expected) => {
      const error = errorOf(log);
      expect(error.command).toBe('replaySession');
      expect(error.field).toBe(field);
      expect(error.message).toMatch(/^replaySession: /);
      expect(error.message).toMatch(expected);
    },
  );

  // Values a log read from JSON cannot hold, in a hand-built log.
  const notJson: [string, unknown, string][] = [
    ['undefined inside a payload', { CALL_ID: undefined }, 'log.entries[0].payload.CALL_ID'],
    ['NaN', [1, Number.NaN], 'log.entries[0].payload[1]'],
    ['a hole in an array', [1, , 3], 'log.entries[0].payload[1]'], // eslint-disable-line no-sparse-arrays
    ['a function', { f: () => 1 }, 'log.entries[0].payload.f'],
    ['a class instance', { when: new Date(0) }, 'log.entries[0].payload.when'],
    ['a bigint', { n: 1n }, 'log.entries[0].payload.n'],
    ['an odd key', { 'a b': Symbol('s') }, 'log.entries[0].payload["a b"]'],
  ];

  it.each(notJson)('refuses %s as a value JSON cannot hold', (_what, payload, field) => {
    const log = validLog() as unknown as { entries: Json[] };
    (log.entries[0] as Json)['payload'] = payload;
    const error = errorOf(log);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(
      /expected a JSON value \(null, a boolean, a finite number, a string, an array or a plain object\)/,
    );
  });

  it('keeps a "__proto__" key of a payload as a key (JSON text makes one)', () => {
    const scheduler = new VirtualTimeScheduler();
    const text = JSON.stringify(validLog()).replace(
      '"payload":{"CALL_ID":"c"}',
      '"payload":{"__proto__":{"x":1}}',
    );
    const replay = replaySession(text, { scheduler });
    const heard: unknown[] = [];
    replay.bindEvent('BackgroundCallCard::initialized', (raw) => heard.push(raw));
    scheduler.flush();
    expect(heard).toHaveLength(1);
    expect(Object.getPrototypeOf(heard[0])).toBe(Object.prototype);
    expect(Object.keys(heard[0] as object)).toEqual(['__proto__']);
  });

  it('refuses a cycle', () => {
    const payload: Json = { a: 1 };
    payload['self'] = payload;
    const log = validLog() as unknown as { entries: Json[] };
    (log.entries[0] as Json)['payload'] = payload;
    const error = errorOf(log);
    expect(error.field).toBe('log.entries[0].payload.self');
    expect(error.message).toMatch(/without cycles/);
  });

  it('refuses a log it cannot read (a throwing getter) as unreadable', () => {
    const log = validLog() as unknown as Json;
    Object.defineProperty(log, 'card', {
      enumerable: true,
      get: () => {
        throw new Error('no access');
      },
    });
    const error = errorOf(log);
    expect(error.message).toMatch(
      /replaySession: log was "\[unreadable value\]"; expected a session log of plain data \(Error: no access\)/,
    );
  });

  it('accepts an answer to a dropped command when entries were dropped, and only then', () => {
    const reply = (dropped: number) => ({
      ...validLog(),
      dropped,
      entries: [{ kind: 'reply' as const, at: 0, id: 0 }],
    });
    expect(() => replaySession(reply(3))).not.toThrow();
    expect(errorOf(reply(0)).field).toBe('log.entries[0].id');
  });

  it('plays nothing from a bad log: nothing is scheduled', () => {
    const scheduler = new VirtualTimeScheduler();
    expect(() =>
      replaySession(broken((l) => void (l.entries[8]!['at'] = 'late')) as CallCardSessionLog, {
        scheduler,
      }),
    ).toThrow(CallCardInputError);
    expect(scheduler.actions).toEqual([]);
  });

  it('plays a copy: a log changed after the replay was made changes nothing', () => {
    const scheduler = new VirtualTimeScheduler();
    const log = validLog();
    const replay = replaySession(log, { scheduler });
    const heard: unknown[] = [];
    replay.bindEvent('BackgroundCallCard::initialized', (raw) => heard.push(raw));
    (log.entries[0] as { payload: Json }).payload['CALL_ID'] = 'changed';
    scheduler.flush();
    expect(heard).toEqual([{ CALL_ID: 'c' }]);
  });
});
