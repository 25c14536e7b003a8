import { BehaviorSubject, Subject } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { CallCardInputError } from '../../src/model/errors';
import type { HostUiState } from '../../src/model/ui-states';
import { whenUiState } from '../../src/operators/when-ui-state';
import { testScheduler } from '../support/fixtures';

describe('whenUiState', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = testScheduler();
  });
  const states: Record<string, HostUiState | null> = {
    c: 'connected',
    t: 'transferConnected',
    r: 'redial',
    n: null,
  };

  it('lets values through only while the latest state is one of the given states', () => {
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const uiState = hot('  c-----r----t--n---', states);
      const clicks = hot('   --x-x---x-x--x--x-|');
      const subs = '         ^-----------------!';
      const expected = '     --x-x--------x----|';
      expectObservable(clicks.pipe(whenUiState(uiState, 'connected', 'transferConnected'))).toBe(
        expected,
      );
      expectSubscriptions(uiState.subscriptions).toBe(subs);
      expectSubscriptions(clicks.subscriptions).toBe(subs);
    });
  });

  it('drops values until the state is known, and while there is no card (null)', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const uiState = hot('  ---c---n--', states);
      const clicks = hot('   -x---x---x|');
      const expected = '     -----x----|';
      expectObservable(clicks.pipe(whenUiState(uiState, 'connected'))).toBe(expected);
    });
  });

  it('drops a stale click that arrives after the state change was applied', () => {
    scheduler.run(({ hot, expectObservable }) => {
      // The first hangup moves the card to redial; a second, late hangup must not act again.
      const uiState = hot('  c--r------', states);
      const hangups = hot('  --h-h-----|');
      const expected = '     --h-------|';
      expectObservable(hangups.pipe(whenUiState(uiState, 'connected'))).toBe(expected);
    });
  });

  it('counts a state that is current at subscription (replayed) for the first value', () => {
    const uiState$ = new BehaviorSubject<HostUiState | null>('connected');
    const clicks = new Subject<string>();
    const passed: string[] = [];
    clicks.pipe(whenUiState(uiState$, 'connected')).subscribe((v) => passed.push(v));
    clicks.next('first');
    expect(passed).toEqual(['first']);
  });

  it('unsubscribes both inputs when the result is unsubscribed', () => {
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const uiState = hot('  c---------', states);
      const clicks = hot('   -x-x-x-x-|');
      const unsub = '        ^----!';
      const expected = '     -x-x-';
      expectObservable(clicks.pipe(whenUiState(uiState, 'connected')), unsub).toBe(expected);
      expectSubscriptions(uiState.subscriptions).toBe(unsub);
      expectSubscriptions(clicks.subscriptions).toBe(unsub);
    });
  });

  it('passes an error of the source through', () => {
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const uiState = hot('  c---------', states);
      const clicks = hot('   -x-#', undefined, new Error('boom'));
      const subs = '         ^--!';
      expectObservable(clicks.pipe(whenUiState(uiState, 'connected'))).toBe(
        '-x-#',
        undefined,
        new Error('boom'),
      );
      expectSubscriptions(uiState.subscriptions).toBe(subs);
      expectSubscriptions(clicks.subscriptions).toBe(subs);
    });
  });

  it('passes an error of the state through', () => {
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const uiState = hot('  c--#', states, new Error('state failed'));
      const clicks = hot('   -x---x-|');
      const subs = '         ^--!';
      expectObservable(clicks.pipe(whenUiState(uiState, 'connected'))).toBe(
        '-x-#',
        undefined,
        new Error('state failed'),
      );
      expectSubscriptions(uiState.subscriptions).toBe(subs);
      expectSubscriptions(clicks.subscriptions).toBe(subs);
    });
  });

  it('keeps the last state when the state completes, and completes with the source', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const uiState = hot('  c-|', states);
      const clicks = hot('   ---x-|');
      expectObservable(clicks.pipe(whenUiState(uiState, 'connected'))).toBe('---x-|');
    });
  });

  it('throws CallCardInputError at once for a state the host does not accept', () => {
    expect(() => whenUiState(new Subject(), 'talking' as HostUiState)).toThrow(CallCardInputError);
    expect(() => whenUiState(new Subject(), 'connected', 'talking' as HostUiState)).toThrow(
      /whenUiState: state was "talking"; expected one of incoming/,
    );
  });

  it('throws CallCardInputError at once when no state is given', () => {
    const untyped = whenUiState as (s: Subject<HostUiState>, ...states: string[]) => unknown;
    expect(() => untyped(new Subject())).toThrow(/whenUiState: states was \[\]/);
    // @ts-expect-error at least one state is required
    expect(() => whenUiState(new Subject<HostUiState>())).toThrow(CallCardInputError);
  });
});
