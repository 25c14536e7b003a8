import { EMPTY } from 'rxjs';
import type { Observable, ObservedValueOf } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { CallCardInputError } from '../../src/model/errors';
import type { CallCardEvent, TransferTarget } from '../../src/model/events';
import { ofType } from '../../src/operators/of-type';
import { testScheduler } from '../support/fixtures';

const mute = (on: boolean): CallCardEvent => ({ type: 'muteButtonClick', payload: on });
const hangup: CallCardEvent = { type: 'hangupButtonClick', payload: undefined };
const skip: CallCardEvent = { type: 'skipButtonClick', payload: undefined };
const dial: CallCardEvent = { type: 'dialpadButtonClick', payload: '5' };

describe('ofType', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = testScheduler();
  });

  it('lets through only events of the given type, unchanged and in order', () => {
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const values = { m: mute(true), n: mute(false), h: hangup, d: dial };
      const events = hot('  -m-h-d-n-|', values);
      const subs = '        ^--------!';
      const expected = '    -m-----n-|';
      expectObservable(events.pipe(ofType('muteButtonClick'))).toBe(expected, values);
      expectSubscriptions(events.subscriptions).toBe(subs);
    });
  });

  it('passes the same event object, so identity checks downstream still hold', () => {
    const m = mute(true);
    scheduler.run(({ cold, expectObservable }) => {
      expectObservable(cold('m|', { m }).pipe(ofType('muteButtonClick'))).toBe('m|', { m });
    });
  });

  it('lets through any of several types', () => {
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const values = { m: mute(true), h: hangup, s: skip, d: dial };
      const events = hot('  -m-h-s-d-|', values);
      const subs = '        ^--------!';
      const expected = '    ---h-s---|';
      expectObservable(events.pipe(ofType('hangupButtonClick', 'skipButtonClick'))).toBe(
        expected,
        values,
      );
      expectSubscriptions(events.subscriptions).toBe(subs);
    });
  });

  it('unsubscribes the source when the result is unsubscribed', () => {
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const values = { m: mute(true), n: mute(false) };
      const events = hot('  -m--n--m-|', values);
      const unsub = '       ^----!';
      const expected = '    -m--n';
      expectObservable(events.pipe(ofType('muteButtonClick')), unsub).toBe(expected, values);
      expectSubscriptions(events.subscriptions).toBe(unsub);
    });
  });

  it('passes an error of the source through', () => {
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const events = hot('  -m-h-#', { m: mute(true), h: hangup }, new Error('boom'));
      const subs = '        ^----!';
      const expected = '    -m---#';
      expectObservable(events.pipe(ofType('muteButtonClick'))).toBe(
        expected,
        { m: mute(true) },
        new Error('boom'),
      );
      expectSubscriptions(events.subscriptions).toBe(subs);
    });
  });

  it('throws CallCardInputError at once for a name that is not an event type', () => {
    expect(() => ofType('muteButtonclick' as never)).toThrow(CallCardInputError);
    expect(() => ofType('muteButtonclick' as never)).toThrow(
      /ofType: type was "muteButtonclick"; expected one of the 17 call-card event types \(initialized, entityChanged/,
    );
  });

  it('throws CallCardInputError at once when no type is given', () => {
    const untyped = ofType as (...types: string[]) => unknown;
    expect(() => untyped()).toThrow(/ofType: types was \[\]; expected one or more of/);
  });

  it('narrows the event union so the payload is typed (checked by tsc)', () => {
    const events$: Observable<CallCardEvent> = EMPTY;
    const mute$ = events$.pipe(ofType('muteButtonClick'));
    const either$ = events$.pipe(ofType('hangupButtonClick', 'skipButtonClick'));
    const transfer$ = events$.pipe(ofType('transferButtonClick'));

    const muteIsNarrowed: Equals<
      ObservedValueOf<typeof mute$>,
      CallCardEvent<'muteButtonClick'>
    > = true;
    const muteCarriesBoolean: Equals<ObservedValueOf<typeof mute$>['payload'], boolean> = true;
    const eitherIsUnion: Equals<
      ObservedValueOf<typeof either$>,
      CallCardEvent<'hangupButtonClick' | 'skipButtonClick'>
    > = true;
    const transferCarriesTarget: Equals<
      ObservedValueOf<typeof transfer$>['payload'],
      TransferTarget
    > = true;

    mute$.subscribe((e) => {
      // @ts-expect-error a mute click carries a boolean, not a string
      const text: string = e.payload;
      void text;
    });
    // @ts-expect-error the result holds only the named types
    const notHangup$: Observable<CallCardEvent<'hangupButtonClick'>> = mute$;
    // @ts-expect-error not an event type
    expect(() => ofType('muteButtonclick')).toThrow(CallCardInputError);
    // @ts-expect-error at least one type is required
    expect(() => ofType()).toThrow(CallCardInputError);

    expect([muteIsNarrowed, muteCarriesBoolean, eitherIsUnion, transferCarriesTarget]).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect([notHangup$, either$, transfer$]).toEqual([mute$, expect.anything(), expect.anything()]);
  });
});

/** `true` only when A and B are the same type (not merely assignable). */
type Equals<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
