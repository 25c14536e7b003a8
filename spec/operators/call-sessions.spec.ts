import { Subject, filter, map, mergeMap, take } from 'rxjs';
import type { Observable } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import type { CallCardActivity } from '../../src/model/activity';
import type { DialpadKey } from '../../src/model/events';
import { callSessions } from '../../src/operators/call-sessions';
import { dialpadDigits } from '../../src/operators/dialpad-digits';
import { call, closeCard, event, initialized, setMute } from './activity-fixtures';
import { testScheduler } from '../support/fixtures';

const A = {
  i: initialized(call('1')),
  j: initialized(call('2')),
  k: initialized(call('3')),
  x: event('answerButtonClick'),
  y: event('hangupButtonClick'),
  m: setMute(true),
  c: event('closeButtonClick'),
  C: closeCard(),
};

describe('callSessions', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = testScheduler();
  });

  it('emits one session per call, from initialized to the close or the next initialized', () => {
    scheduler.run(({ hot, cold, expectObservable, expectSubscriptions }) => {
      const activity = hot('  x-i-y-c-x-j-y-k-|', A);
      const subs = '          ^---------------!';
      const expected = '      --a-------b---c-|';
      expectObservable(activity.pipe(callSessions())).toBe(expected, {
        a: cold('               i-y-(c|)', A),
        b: cold('                       j-y-|', A),
        c: cold('                           k-|', A),
      });
      expectSubscriptions(activity.subscriptions).toBe(subs);
    });
  });

  it('ends a session on an applied CallCardClose, which is its last value', () => {
    scheduler.run(({ hot, cold, expectObservable, expectSubscriptions }) => {
      const activity = hot('  -i-m-C-y-|', A);
      const subs = '          ^--------!';
      const expected = '      -a-------|';
      expectObservable(activity.pipe(callSessions())).toBe(expected, {
        a: cold('              i-m-(C|)', A),
      });
      expectSubscriptions(activity.subscriptions).toBe(subs);
    });
  });

  it('drops activity outside a call: before the first initialized and after a close', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const activity = hot('  xmy-i-c-xmy-|', A);
      const everything = activity.pipe(
        callSessions(),
        mergeMap((session$) => session$),
      );
      expectObservable(everything).toBe('----i-c-----|', A);
    });
  });

  it('lets per-call logic start clean for every call', () => {
    const key = (k: DialpadKey): CallCardActivity => event('dialpadButtonClick', k);
    scheduler.run(({ hot, expectObservable }) => {
      const activity = hot('  -i-1-2-c-j-3-|', { ...A, 1: key('1'), 2: key('2'), 3: key('3') });
      const dialled = activity.pipe(
        callSessions(),
        mergeMap((session$) =>
          session$.pipe(
            filter((a) => a.kind === 'event' && a.event.type === 'dialpadButtonClick'),
            map((a) => (a.kind === 'event' ? (a.event.payload as DialpadKey) : '0')),
            dialpadDigits(),
          ),
        ),
      );
      expectObservable(dialled).toBe('---a-b-----c-|', { a: '1', b: '12', c: '3' });
    });
  });

  it('unsubscribes the source when the result is unsubscribed; the open session gets nothing more', () => {
    scheduler.run(({ hot, cold, expectObservable, expectSubscriptions }) => {
      const activity = hot('  -i-y-x-c-|', A);
      const unsub = '         ^----!';
      expectObservable(activity.pipe(callSessions()), unsub).toBe('-a', {
        a: cold('              i-y-', A),
      });
      expectSubscriptions(activity.subscriptions).toBe(unsub);
    });
  });

  it('keeps the source and the next sessions when one session is unsubscribed', () => {
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const activity = hot('  -i-y-c-j-y-c-|', A);
      const subs = '          ^------------!';
      const firstOfEach = activity.pipe(
        callSessions(),
        mergeMap((session$) => session$.pipe(take(1))),
      );
      expectObservable(firstOfEach).toBe('-i-----j-----|', A);
      expectSubscriptions(activity.subscriptions).toBe(subs);
    });
  });

  it('errors the open session and the result when the source errors', () => {
    scheduler.run(({ hot, cold, expectObservable, expectSubscriptions }) => {
      const activity = hot('  -i-y-#', A, new Error('gone'));
      const subs = '          ^----!';
      expectObservable(activity.pipe(callSessions())).toBe(
        '-a---#',
        { a: cold('i-y-#', A, new Error('gone')) },
        new Error('gone'),
      );
      expectSubscriptions(activity.subscriptions).toBe(subs);
    });
  });

  it('completes the open session and the result when the source completes', () => {
    scheduler.run(({ hot, cold, expectObservable, expectSubscriptions }) => {
      const activity = hot('  -i-y-|', A);
      const subs = '          ^----!';
      expectObservable(activity.pipe(callSessions())).toBe('-a---|', {
        a: cold('i-y-|', A),
      });
      expectSubscriptions(activity.subscriptions).toBe(subs);
    });
  });

  it('puts activity that re-enters during initialized into the new session', () => {
    const source = new Subject<CallCardActivity>();
    const seen: string[] = [];
    source.pipe(callSessions()).subscribe((session$) =>
      session$.subscribe((a) => {
        seen.push(
          a.kind === 'event' ? a.event.type : a.kind === 'command' ? a.command.name : a.kind,
        );
        // The app answers the new card; the host acknowledges at once.
        if (a.kind === 'event' && a.event.type === 'initialized') source.next(setMute(false));
      }),
    );
    source.next(A.i);
    source.next(A.c);
    expect(seen).toEqual(['initialized', 'CallCardSetMute', 'closeButtonClick']);
  });

  it('gives a finished session to a late subscriber as just its completion (sessions are hot)', () => {
    const source = new Subject<CallCardActivity>();
    const sessions: Array<Observable<CallCardActivity>> = [];
    source.pipe(callSessions()).subscribe((s) => sessions.push(s));
    source.next(A.i);
    source.next(A.c);
    const late: string[] = [];
    sessions[0]!.subscribe({ next: () => late.push('value'), complete: () => late.push('done') });
    expect(late).toEqual(['done']);
  });
});
