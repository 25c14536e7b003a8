import { Subject } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { CallCardInputError } from '../../src/model/errors';
import type { DialpadKey } from '../../src/model/events';
import { dialpadDigits } from '../../src/operators/dialpad-digits';
import { testScheduler } from '../support/fixtures';

describe('dialpadDigits', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = testScheduler();
  });

  it('emits the dialled string on each key', () => {
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      // '#' is the error sign in marbles: keys go through values.
      const keys = hot<DialpadKey>('  -1-2-h-s-|', { 1: '1', 2: '2', h: '#', s: '*' });
      const subs = '                  ^--------!';
      const expected = '              -a-b-c-d-|';
      expectObservable(keys.pipe(dialpadDigits())).toBe(expected, {
        a: '1',
        b: '12',
        c: '12#',
        d: '12#*',
      });
      expectSubscriptions(keys.subscriptions).toBe(subs);
    });
  });

  it('starts a fresh string after each value of resetOn, without emitting for the reset', () => {
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const keys = hot<DialpadKey>('  -1-2--3-4-|');
      const resetOn = hot('           -----r------');
      const subs = '                  ^---------!';
      const expected = '              -a-b--c-d-|';
      expectObservable(keys.pipe(dialpadDigits({ resetOn }))).toBe(expected, {
        a: '1',
        b: '12',
        c: '3',
        d: '34',
      });
      expectSubscriptions(keys.subscriptions).toBe(subs);
      expectSubscriptions(resetOn.subscriptions).toBe(subs);
    });
  });

  it('starts a fresh string for a key that comes idleMs or more after the previous one', () => {
    scheduler.run(({ hot, expectObservable }) => {
      // Gaps of 1000, 1000 and 1001 ms.
      const keys = hot<DialpadKey>('  1 999ms 2 999ms 3 1000ms 4 |');
      const expected = '              a 999ms b 999ms c 1000ms d |';
      expectObservable(keys.pipe(dialpadDigits({ idleMs: 1001, scheduler }))).toBe(expected, {
        a: '1',
        b: '12',
        c: '123',
        d: '4',
      });
    });
  });

  it('keeps nothing scheduled: the idle gap is measured when the next key comes', () => {
    scheduler.run(({ hot, expectObservable, flush }) => {
      const keys = hot<DialpadKey>('  1|');
      expectObservable(keys.pipe(dialpadDigits({ idleMs: 5000, scheduler }))).toBe('a|', {
        a: '1',
      });
      flush();
      expect(scheduler.actions).toHaveLength(0);
    });
  });

  it('keeps one string per subscription', () => {
    const operator = dialpadDigits();
    const a = new Subject<DialpadKey>();
    const b = new Subject<DialpadKey>();
    const seen: string[] = [];
    a.pipe(operator).subscribe((s) => seen.push(`a:${s}`));
    b.pipe(operator).subscribe((s) => seen.push(`b:${s}`));
    a.next('1');
    b.next('9');
    a.next('2');
    expect(seen).toEqual(['a:1', 'b:9', 'a:12']);
  });

  it('unsubscribes the keys and resetOn when the result is unsubscribed', () => {
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const keys = hot<DialpadKey>('  -1-2-3-|');
      const resetOn = hot('           --------');
      const unsub = '                 ^---!';
      expectObservable(keys.pipe(dialpadDigits({ resetOn })), unsub).toBe('-a-b', {
        a: '1',
        b: '12',
      });
      expectSubscriptions(keys.subscriptions).toBe(unsub);
      expectSubscriptions(resetOn.subscriptions).toBe(unsub);
    });
  });

  it('passes an error of the keys through', () => {
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const keys = hot<DialpadKey>('  -1-#', undefined, new Error('boom'));
      const resetOn = hot('           ----');
      const subs = '                  ^--!';
      expectObservable(keys.pipe(dialpadDigits({ resetOn }))).toBe(
        '-a-#',
        { a: '1' },
        new Error('boom'),
      );
      expectSubscriptions(keys.subscriptions).toBe(subs);
      expectSubscriptions(resetOn.subscriptions).toBe(subs);
    });
  });

  it('passes an error of resetOn through', () => {
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const keys = hot<DialpadKey>('  -1---2-|');
      const resetOn = hot('           ---#', undefined, new Error('reset failed'));
      const subs = '                  ^--!';
      expectObservable(keys.pipe(dialpadDigits({ resetOn }))).toBe(
        '-a-#',
        { a: '1' },
        new Error('reset failed'),
      );
      expectSubscriptions(keys.subscriptions).toBe(subs);
      expectSubscriptions(resetOn.subscriptions).toBe(subs);
    });
  });

  it('keeps accumulating after resetOn completes', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const keys = hot<DialpadKey>('  -1-2-|');
      const resetOn = hot('           --|');
      expectObservable(keys.pipe(dialpadDigits({ resetOn }))).toBe('-a-b-|', {
        a: '1',
        b: '12',
      });
    });
  });

  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY])(
    'throws CallCardInputError at once for idleMs %p',
    (idleMs) => {
      expect(() => dialpadDigits({ idleMs })).toThrow(CallCardInputError);
      expect(() => dialpadDigits({ idleMs })).toThrow(
        /dialpadDigits: options.idleMs was .*; expected a number of ms above 0/,
      );
    },
  );
});
