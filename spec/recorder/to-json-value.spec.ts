import { runInNewContext } from 'node:vm';
import { toJsonValue } from '../../src/recorder/to-json-value';

// What a recorder keeps of the host's raw values: a copy that survives JSON unchanged.
describe('toJsonValue', () => {
  const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

  it('keeps plain data as it is, in a new object, and -0 as 0', () => {
    const raw = { a: 'x', b: [1, true, null, { c: -0 }], d: '' };
    const copy = toJsonValue(raw);
    expect(copy).toStrictEqual({ a: 'x', b: [1, true, null, { c: 0 }], d: '' });
    expect(copy).not.toBe(raw);
    expect(roundTrip(copy)).toStrictEqual(copy);
  });

  it('leaves an undefined value out of an object, as JSON does, and marks one in an array', () => {
    expect(toJsonValue({ a: undefined, b: 1 })).toStrictEqual({ b: 1 });
    expect(toJsonValue([1, undefined])).toStrictEqual([1, { unserializable: 'undefined' }]);
  });

  it('marks each value JSON cannot hold, saying what it was, and keeps the rest', () => {
    class Custom {
      x = 1;
    }
    const copy = toJsonValue({
      nan: NaN,
      inf: -Infinity,
      big: 12n,
      sym: Symbol('s'),
      fn: () => 1,
      date: new Date(0),
      map: new Map([[1, 2]]),
      custom: new Custom(),
      error: new Error('e'),
      kept: 'yes',
    });
    expect(copy).toStrictEqual({
      nan: { unserializable: 'NaN' },
      inf: { unserializable: '-Infinity' },
      big: { unserializable: 'bigint' },
      sym: { unserializable: 'symbol' },
      fn: { unserializable: 'function' },
      date: { unserializable: '[object Date]' },
      map: { unserializable: '[object Map]' },
      custom: { unserializable: '[object Object]' },
      error: { unserializable: '[object Error]' },
      kept: 'yes',
    });
    expect(roundTrip(copy)).toStrictEqual(copy);
  });

  it('keeps an own __proto__ key as an ordinary key, without touching the prototype', () => {
    const raw = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}') as object;
    const copy = toJsonValue(raw) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(copy)).toEqual(['__proto__', 'x']);
    expect(roundTrip(copy)).toStrictEqual(roundTrip(raw));
  });

  it('copies objects without a prototype and plain objects of another realm', () => {
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    expect(toJsonValue(bare)).toStrictEqual({ a: 1 });
    const foreign = runInNewContext('({ a: [1, { b: 2 }] })') as object;
    expect(toJsonValue(foreign)).toStrictEqual({ a: [1, { b: 2 }] });
  });

  it('copies a shared value each time it occurs, and a deep value whole', () => {
    const shared = { n: 1 };
    expect(toJsonValue({ a: shared, b: shared })).toStrictEqual({ a: { n: 1 }, b: { n: 1 } });
    let deep: unknown = 'bottom';
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(toJsonValue(deep as object)).toStrictEqual(deep);
  });

  it('throws on what JSON cannot walk: a cycle, a getter or a Proxy that throws', () => {
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(() => toJsonValue(cycle)).toThrow(TypeError);
    const getter = Object.defineProperty({}, 'bad', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    expect(() => toJsonValue(getter)).toThrow('no');
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(() => toJsonValue({ p: proxy })).toThrow(TypeError);
  });

  it('freezes every array and object of the copy when asked, and nothing otherwise', () => {
    const frozen = toJsonValue({ a: [{ b: 1 }] }, true) as { a: [{ b: number }] };
    expect(Object.isFrozen(frozen)).toBe(true);
    expect(Object.isFrozen(frozen.a)).toBe(true);
    expect(Object.isFrozen(frozen.a[0])).toBe(true);
    const open = toJsonValue({ a: [{ b: 1 }] }) as { a: [{ b: number }] };
    expect(Object.isFrozen(open)).toBe(false);
    expect(Object.isFrozen(open.a[0])).toBe(false);
  });
});
