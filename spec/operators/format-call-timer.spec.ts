import { formatCallTimer } from '../../src/operators/format-call-timer';

describe('formatCallTimer', () => {
  it.each([
    [0, '00:00'],
    [999, '00:00'],
    [1000, '00:01'],
    [59_999, '00:59'],
    [60_000, '01:00'],
    [61_999, '01:01'],
    [599_000, '09:59'],
    [3_599_000, '59:59'],
    [3_600_000, '60:00'],
    [75 * 60_000 + 3_000, '75:03'],
    [100 * 60_000, '100:00'],
    [10_800_500, '180:00'],
  ])('shows %p ms as %p, the host MM:SS with minutes not wrapped into hours', (ms, text) => {
    expect(formatCallTimer(ms)).toBe(text);
  });

  it.each([-1, -60_000, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'shows %p as 00:00',
    (ms) => {
      expect(formatCallTimer(ms)).toBe('00:00');
    },
  );

  it('floors fractions of a millisecond too', () => {
    expect(formatCallTimer(1999.9)).toBe('00:01');
  });
});
