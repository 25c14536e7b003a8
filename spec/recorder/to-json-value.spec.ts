import { runInNewContext } from 'node:vm';
import { toJsonValue } from '../../src/recorder/to-json-value';

// What a recorder keeps of the host's raw values: a copy that survives JSON unchanged.
describe('toJsonValue', () => {
  const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

  it('keeps plain data as it is, in a new object, and -0 as 0', () => {
    const raw = { a: 'x', b: [1, true, null, { c: -0 }], d: '' };
    const copy = toJsonValue(raw, false);
    expect(copy).toStrictEqual({ a: 'x', b: [1, true, null, { c: 0 }], d: '' });
    expect(copy).not.toBe(raw);
    expect(roundTrip(copy)).toStrictEqual(copy);
  });

  it('leaves undefined as undefined at the top and out of objects, as JSON does', () => {
    expect(toJsonValue(undefined, true)).toBeUndefined();
    expect(toJsonValue({ a: undefined, b: 1 }, true)).toStrictEqual({ b: 1 });
  });

  it('keeps an own __proto__ key as an ordinary key, without touching the prototype', () => {
    const raw = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}') as object;
    const copy = toJsonValue(raw, true) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(copy)).toEqual(['__proto__', 'x']);
    expect(roundTrip(copy)).toStrictEqual(roundTrip(raw));
  });

  it('copies objects without a prototype and plain objects of another realm', () => {
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    expect(toJsonValue(bare, true)).toStrictEqual({ a: 1 });
    const foreign: unknown = runInNewContext('({ a: [1, { b: 2 }] })');
    expect(toJsonValue(foreign, true)).toStrictEqual({ a: [1, { b: 2 }] });
  });

  it('marks getters and proxies that throw, without throwing', () => {
    const getter = Object.defineProperty({ ok: 1 }, 'bad', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    expect(toJsonValue(getter, true)).toStrictEqual({
      ok: 1,
      bad: { unserializable: 'an unreadable value' },
    });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(toJsonValue({ p: proxy, q: 2 }, true)).toStrictEqual({
      p: { unserializable: 'an unreadable value' },
      q: 2,
    });
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no keys');
        },
      },
    );
    expect(toJsonValue([hostile, 'after'], true)).toStrictEqual([
      { unserializable: 'an unreadable value' },
      'after',
    ]);
  });

  it('marks values nested too deep, and cycles, but copies shared values each time', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 40; i++) deep = [deep];
    let copy = toJsonValue(deep, true);
    let depth = 0;
    while (Array.isArray(copy)) {
      copy = copy[0];
      depth += 1;
    }
    expect(depth).toBe(32);
    expect(copy).toStrictEqual({ unserializable: 'a value nested deeper than 32' });
    const shared = { n: 1 };
    expect(toJsonValue({ a: shared, b: shared }, true)).toStrictEqual({ a: { n: 1 }, b: { n: 1 } });
  });

  it('freezes every array and object of the copy when asked, and nothing otherwise', () => {
    const frozen = toJsonValue({ a: [{ b: 1 }] }, true) as { a: [{ b: number }] };
    expect(Object.isFrozen(frozen)).toBe(true);
    expect(Object.isFrozen(frozen.a)).toBe(true);
    expect(Object.isFrozen(frozen.a[0])).toBe(true);
    const open = toJsonValue({ a: [{ b: 1 }] }, false) as { a: [{ b: number }] };
    expect(Object.isFrozen(open)).toBe(false);
    expect(Object.isFrozen(open.a[0])).toBe(false);
  });

  it('names class instances by their class', () => {
    class Custom {
      x = 1;
    }
    expect(toJsonValue([new Custom(), new Error('e'), /re/], true)).toStrictEqual([
      { unserializable: 'an object of class Custom' },
      { unserializable: 'an object of class Error' },
      { unserializable: 'an object of class RegExp' },
    ]);
  });
});
