import { CallCardInputError, callCardEvents, hostEventName, setCardTitle } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';

/** An object of `size` enumerable keys, each a getter that counts its reads and gives `value`. */
function countingObject(size: number, value: unknown): { target: object; reads: () => number } {
  let reads = 0;
  const target: Record<string, unknown> = {};
  for (let i = 0; i < size; i++)
    Object.defineProperty(target, `k${i}`, {
      enumerable: true,
      get: () => {
        reads += 1;
        return value;
      },
    });
  return { target, reads: () => reads };
}

// Promise broken: `describeValue` "reads only as much of the value as the message quotes, so
// reporting a huge payload costs no more than a small one" (issue 10: "reporting a malformed
// payload never stringifies a huge value inside the host callback"). `quote` stops walking an
// object only once its text is long enough, and keys it does not render (values `undefined`, a
// function, a symbol) add no text: an object made of such keys is walked, and every value read,
// to the end, to quote `{}`. (For plain JSON the `for...in` itself also collects every key before
// the first one is quoted: a 1,000,000-key payload costs about a second in the host callback.)
describe('describing an object whose keys are not rendered', () => {
  it('reads no more of a malformed host payload than the message quotes', () => {
    const { target, reads } = countingObject(100_000, undefined);
    const placement = createTestPlacement();
    const errors: string[] = [];
    callCardEvents(placement).malformed$.subscribe((e) => errors.push(e.message));
    placement.emitRaw(hostEventName('entityChanged'), target);
    expect(errors).toHaveLength(1);
    expect(reads()).toBeLessThan(100);
  });

  it('reads no more of a bad creator argument than the message quotes', () => {
    const { target, reads } = countingObject(100_000, () => undefined);
    expect(() => setCardTitle(target as never)).toThrow(CallCardInputError);
    expect(reads()).toBeLessThan(100);
  });
});
