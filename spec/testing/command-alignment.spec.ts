// The alignment behind replaySession's mismatches: sent commands lined up with recorded ones.
import fc from 'fast-check';
import { createCommandAlignment } from '../../src/testing/command-alignment';

interface Cmd {
  readonly name: string;
  readonly params: Readonly<Record<string, unknown>>;
}

const cmd = (name: string, value = 0): Cmd => ({ name, params: { value } });

/** Sends `sent` (each at its time) against `recorded` (each at its time). */
function align(
  recorded: readonly (Cmd & { at: number })[],
  sent: readonly (Cmd & { at: number })[],
) {
  const alignment = createCommandAlignment(recorded);
  const matches = sent.map((s) => alignment.add(s.name, s.params));
  return { matches, differences: alignment.differences(Infinity) };
}

const at = <T>(list: readonly T[], times?: readonly number[]) =>
  list.map((c, i) => ({ ...c, at: times?.[i] ?? i * 10 }));

describe('command alignment', () => {
  it('lines identical lists up one to one, with no difference', () => {
    const list = at([cmd('A'), cmd('B'), cmd('A'), cmd('C')]);
    const { matches, differences } = align(list, list);
    expect(matches).toEqual([0, 1, 2, 3].map((index) => ({ index, sameParams: true })));
    expect(differences).toEqual({ extra: [], missing: [], otherParams: [] });
  });

  it('compares params as data: key order and undefined values do not matter', () => {
    const recorded = at([{ name: 'A', params: { a: 1, b: [1, { c: 2 }] } }]);
    const sent = at([{ name: 'A', params: { b: [1, { c: 2 }], a: 1, d: undefined } }]);
    expect(align(recorded, sent).matches).toEqual([{ index: 0, sameParams: true }]);
  });

  it('lines an extra command up with nothing when it is sent at the time of the next one', () => {
    const recorded = at([cmd('A'), cmd('B')]);
    const { matches, differences } = align(
      recorded,
      at([cmd('A'), cmd('X'), cmd('B')], [0, 10, 10]),
    );
    expect(matches).toEqual([
      { index: 0, sameParams: true },
      undefined,
      { index: 1, sameParams: true },
    ]);
    expect(differences).toEqual({ extra: [1], missing: [], otherParams: [] });
  });

  it('takes the next recorded command for the one sent after a skipped one that was due', () => {
    const recorded = at([cmd('A'), cmd('B'), cmd('C')]);
    const { matches, differences } = align(recorded, at([cmd('A'), cmd('C')], [0, 10]));
    expect(matches).toEqual([
      { index: 0, sameParams: true },
      { index: 2, sameParams: true },
    ]);
    expect(differences).toEqual({ extra: [], missing: [1], otherParams: [] });
  });

  it('takes the same command with other params for a recorded one, not for an extra', () => {
    const recorded = at([cmd('A', 1), cmd('B')]);
    const { matches, differences } = align(recorded, at([cmd('A', 2), cmd('B')]));
    expect(matches).toEqual([
      { index: 0, sameParams: false },
      { index: 1, sameParams: true },
    ]);
    expect(differences).toEqual({ extra: [], missing: [], otherParams: [[0, 0]] });
  });

  it('prefers an identical recorded command to one with other params', () => {
    const recorded = at([cmd('A', 1), cmd('A', 2)], [0, 0]);
    expect(align(recorded, at([cmd('A', 2)], [0])).matches).toEqual([
      { index: 1, sameParams: true },
    ]);
  });

  it('does not jump far ahead for a command that happens to be recorded much later', () => {
    const recorded = at([cmd('A'), cmd('B'), cmd('C'), cmd('D'), cmd('X')]);
    const { matches, differences } = align(
      recorded,
      at([cmd('X'), cmd('A'), cmd('B'), cmd('C'), cmd('D')], [0, 0, 10, 20, 30]),
    );
    expect(matches[0]).toBeUndefined();
    expect(differences).toEqual({ extra: [0], missing: [4], otherParams: [] });
  });

  it('counts a recorded command missing only once its ms has passed', () => {
    const recorded = at([cmd('A'), cmd('B')], [0, 100]);
    const alignment = createCommandAlignment(recorded);
    alignment.add('A', { value: 0 });
    expect(alignment.differences(100)).toEqual({ extra: [], missing: [], otherParams: [] });
    expect(alignment.differences(101)).toEqual({ extra: [], missing: [1], otherParams: [] });
  });

  it('never matches params it cannot read, not even with themselves', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('no');
        },
      },
    );
    const alignment = createCommandAlignment([{ name: 'A', params: hostile, at: 0 }]);
    expect(alignment.add('A', hostile)).toEqual({ index: 0, sameParams: false });
  });

  // One edit of a recorded list, sent at the recorded times (or, after the edit, all later or
  // earlier by `shift`: the queue waits less, or more, for the answers): exactly one difference of
  // its kind, and every command the report does not name lined up, when it was sent, with a
  // recorded one identical to it (so it was answered as recorded).
  const names = fc.constantFrom('A', 'B', 'C');
  const recordedArb = fc
    .array(
      fc.record({
        name: names,
        value: fc.integer({ min: 0, max: 1 }),
        gap: fc.constantFrom(0, 0, 5, 100),
      }),
      {
        minLength: 1,
        maxLength: 12,
      },
    )
    .map((list) => {
      let t = 0;
      return list.map(({ name, value, gap }) => ({ name, params: { value }, at: (t += gap) }));
    });

  it('finds exactly one mismatch for one command more, one fewer or one with other params', () => {
    fc.assert(
      fc.property(
        recordedArb,
        fc.nat(),
        fc.constantFrom('more', 'fewer', 'other'),
        names,
        fc.integer({ min: 0, max: 2 }),
        fc.constantFrom(-100, -5, 0, 5, 100),
        (recorded, where, edit, extraName, extraValue, shift) => {
          const k = where % recorded.length;
          const original = recorded[k]!;
          let sent: (Cmd & { at: number; edited?: true })[];
          if (edit === 'more') {
            const extra = {
              name: extraName,
              params: { value: extraValue },
              at: original.at,
              edited: true as const,
            };
            sent = [...recorded.slice(0, k), extra, ...recorded.slice(k)];
          } else if (edit === 'fewer') {
            sent = [...recorded.slice(0, k), ...recorded.slice(k + 1)];
          } else {
            const changed = { ...original, params: { value: 3 }, edited: true as const };
            sent = [...recorded.slice(0, k), changed, ...recorded.slice(k + 1)];
          }
          let last = 0;
          sent = sent.map((s, j) => {
            const shifted =
              j > k || (edit === 'fewer' && j === k)
                ? { ...s, at: Math.max(last, s.at + shift) }
                : s;
            last = shifted.at;
            return shifted;
          });
          const { matches, differences } = align(recorded, sent);
          const count =
            differences.extra.length + differences.missing.length + differences.otherParams.length;
          expect(count).toBe(1);
          if (edit === 'more') expect(differences.extra).toHaveLength(1);
          if (edit === 'fewer') expect(differences.missing).toHaveLength(1);
          if (edit === 'other') expect(differences.otherParams).toHaveLength(1);
          // Identical sent commands are interchangeable: the report names which one is extra.
          const reported = new Set([
            ...differences.extra,
            ...differences.otherParams.map(([j]) => j),
          ]);
          sent.forEach((s, j) => {
            if (reported.has(j)) return;
            const match = matches[j];
            expect(match?.sameParams).toBe(true);
            const r = recorded[match!.index]!;
            expect([r.name, r.params]).toEqual([s.name, s.params]);
          });
        },
      ),
      { numRuns: 1000 },
    );
  });
});
