import { logEntry } from '../../src/recorder/log-entry';

// How every entry of a session log is made.
describe('logEntry', () => {
  it('copies the fields, leaves out the undefined ones, and freezes the entry deeply', () => {
    const params = { title: 'A', extra: undefined };
    const entry = logEntry({
      kind: 'command',
      at: 1,
      id: 2,
      command: 'X',
      params,
      card: undefined,
    });
    expect(entry).toStrictEqual({
      kind: 'command',
      at: 1,
      id: 2,
      command: 'X',
      params: { title: 'A' },
    });
    expect('card' in entry).toBe(false);
    expect(Object.isFrozen(entry)).toBe(true);
    expect(Object.isFrozen((entry as { params: object }).params)).toBe(true);
    params.title = 'B';
    expect(entry).toMatchObject({ params: { title: 'A' } });
  });

  it('makes a raw value JSON cannot walk one marker, and keeps the other fields', () => {
    const cycle: Record<string, unknown> = { name: 'loop' };
    cycle['self'] = cycle;
    const throwing = Object.defineProperty({}, 'bad', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    const marker = { unserializable: 'a cycle or a throw' };
    expect(logEntry({ kind: 'event', at: 3, event: 'E', payload: cycle })).toStrictEqual({
      kind: 'event',
      at: 3,
      event: 'E',
      payload: marker,
    });
    expect(logEntry({ kind: 'reply', at: 4, id: 1, reply: [throwing] })).toStrictEqual({
      kind: 'reply',
      at: 4,
      id: 1,
      reply: marker,
    });
  });
});
