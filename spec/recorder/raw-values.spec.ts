import type { SessionLogEntry } from 'b24-call-card-rx';
import { hideEntry } from '../../src/recorder/hide-entry';
import { logEntry, withRawValues } from '../../src/recorder/log-entry';
import { redactEntry } from '../../src/recorder/redact-entry';
import { collectUnhandledErrors } from '../support/fixtures';

// The raw values of an entry (payload, params, reply, error) are walked in one place: their
// keys keep their order, what is not raw is copied as it is, and what is absent stays absent.
describe("an entry's raw values", () => {
  const reported = collectUnhandledErrors();

  it('withRawValues changes only the raw values that are there, keeping the key order', () => {
    const fields = { kind: 'reply', at: 1, id: 2, reply: ['x'], payload: undefined, params: null };
    const keys: string[] = [];
    const copy = withRawValues(fields, (value, key) => {
      keys.push(key);
      return `${key}:${JSON.stringify(value)}`;
    });
    expect(keys).toEqual(['params', 'reply']);
    expect(Object.keys(copy)).toEqual(Object.keys(fields));
    expect(copy).toEqual({
      kind: 'reply',
      at: 1,
      id: 2,
      reply: 'reply:["x"]',
      payload: undefined,
      params: 'params:null',
    });
    expect(fields.reply).toEqual(['x']);
  });

  it('a redacted entry keeps its fields in recorded order and only takes raw values from the hook', () => {
    const entry = redactEntry(
      {
        kind: 'command',
        at: 5,
        id: 1,
        command: 'CallCardSetCardTitle',
        params: { title: 'Ann' },
        card: 1,
      },
      (e) => ({ ...e, card: 99, at: 0, params: { title: '[name]' } }) as SessionLogEntry,
    );
    expect(Object.keys(entry)).toEqual(['kind', 'at', 'id', 'command', 'params', 'card']);
    expect(entry).toEqual({
      kind: 'command',
      at: 5,
      id: 1,
      command: 'CallCardSetCardTitle',
      params: { title: '[name]' },
      card: 1,
    });
    expect(Object.isFrozen(entry)).toBe(true);
  });

  it('a hook that drops a raw value drops it from the entry', () => {
    const entry = redactEntry({ kind: 'event', at: 1, event: 'E', payload: { a: 1 } }, (e) => {
      delete (e as { payload?: unknown }).payload;
      return e;
    });
    expect(entry).toEqual({ kind: 'event', at: 1, event: 'E' });
  });

  it('a throwing hook: reported, and the entry kept with its raw values hidden', async () => {
    const entry = redactEntry(
      { kind: 'reply', at: 2, id: 4, reply: [{ PHONE_NUMBER: '+4912345', CALL_STATE: 'idle' }] },
      () => {
        throw new Error('hook');
      },
    );
    expect(entry).toEqual({
      kind: 'reply',
      at: 2,
      id: 4,
      reply: [{ PHONE_NUMBER: '[redacted]', CALL_STATE: 'idle' }],
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reported).toHaveLength(1);
  });

  it('hideEntry: a failure entry hides its message and keeps the error name; one with no error stays as it is', () => {
    const failure = logEntry({
      kind: 'failure',
      at: 3,
      id: 1,
      error: { name: 'CallCardTimeoutError', message: 'Ann Lee did not answer' },
    });
    const hidden = hideEntry(failure) as unknown as { error: { name: string; message: string } };
    expect(Object.keys(hidden)).toEqual(['kind', 'at', 'id', 'error']);
    expect(hidden.error.name).toBe('CallCardTimeoutError');
    expect(hidden.error.message).toBe('[redacted]');

    const bare = logEntry({ kind: 'failure', at: 3, id: 1 });
    expect(hideEntry(bare)).toEqual({ kind: 'failure', at: 3, id: 1 });
    expect(logEntry({ kind: 'failure', at: 3, error: undefined })).toEqual({
      kind: 'failure',
      at: 3,
    });
  });
});
