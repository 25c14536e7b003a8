// The recipes of docs/testing.md, "Marble recipes": three effects written the way an app
// should write them (pure functions from streams to call-card commands, dependencies passed in),
// and their marble tests. docs/testing.md copies this file; keep them in step.
import {
  EMPTY,
  asyncScheduler,
  catchError,
  distinctUntilChanged,
  filter,
  map,
  merge,
  mergeMap,
  of,
  switchMap,
  timer,
} from 'rxjs';
import type { Observable, SchedulerLike } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { connectCallCard } from '../../src/call-card';
import { setCardTitle } from '../../src/commands/creators/set-card-title';
import { setStatusText } from '../../src/commands/creators/set-status-text';
import { setUiState } from '../../src/commands/creators/set-ui-state';
import type { CallCardCommand } from '../../src/model/commands';
import type { CallInfo, CrmEntity, DialpadKey } from '../../src/model/events';
import type { HostUiState } from '../../src/model/ui-states';
import { dialpadDigits } from '../../src/operators/dialpad-digits';
import { createTestPlacement } from '../../src/testing/create-test-placement';

// --- (a) Auto-answer after three rings -------------------------------------------------------

/**
 * Answers an incoming call nobody picked up after `rings` ring periods. Driven by the card's UI
 * state: the count starts when the card enters `incoming` and is cancelled when it leaves it
 * (answered, skipped, closed), so a call the operator handled is never answered twice.
 */
function autoAnswer(
  uiState$: Observable<HostUiState | null>,
  options: { rings?: number; ringMs?: number; scheduler?: SchedulerLike } = {},
): Observable<CallCardCommand<'CallCardSetUiState'>> {
  const { rings = 3, ringMs = 4000, scheduler = asyncScheduler } = options;
  return uiState$.pipe(
    // state$ emits for every change (a title, a status text): only a new state restarts the count.
    distinctUntilChanged(),
    switchMap((state) =>
      state === 'incoming'
        ? timer(rings * ringMs, scheduler).pipe(map(() => setUiState('connectingIncoming')))
        : EMPTY,
    ),
  );
}

// --- (b) The CRM name in the title ------------------------------------------------------------

/**
 * Shows the CRM name of the call's entity in the card's title. `lookupName` stands in for the
 * HTTP call to the CRM. A new entity cancels a lookup still in flight (`switchMap`), so a slow
 * answer for the previous entity never overwrites the current title; a failed lookup shows the
 * phone number instead.
 */
function crmTitle(
  entityChanged$: Observable<CrmEntity>,
  lookupName: (entity: CrmEntity) => Observable<string>,
): Observable<CallCardCommand<'CallCardSetCardTitle'>> {
  return entityChanged$.pipe(
    switchMap((entity) => lookupName(entity).pipe(catchError(() => of(entity.PHONE_NUMBER)))),
    map((name) => setCardTitle(name)),
  );
}

// --- (c) Hang up on `#` -----------------------------------------------------------------------

/**
 * Lets the operator end the call from the keypad: a dialled string ending in `#` hangs up into
 * the `redial` state (the card stays open to call again) and says what was dialled. The digits
 * start afresh on `resetOn$` (pass the card's `initialized$`: one string per call).
 */
function hangUpOnHash(
  dialpad$: Observable<DialpadKey>,
  resetOn$: Observable<unknown>,
): Observable<CallCardCommand<'CallCardSetUiState' | 'CallCardSetStatusText'>> {
  return dialpad$.pipe(
    dialpadDigits({ resetOn: resetOn$ }),
    filter((digits) => digits.endsWith('#')),
    mergeMap((digits) =>
      of(setUiState('redial'), setStatusText(`Hung up from the keypad (${digits})`)),
    ),
  );
}

// --- The tests ---------------------------------------------------------------------------------

const testScheduler = (): TestScheduler =>
  new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('recipe: auto-answer after three rings', () => {
  const answer = { a: setUiState('connectingIncoming') };

  it('answers an incoming call after three ring periods', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const uiState$ = hot<HostUiState | null>('i', { i: 'incoming' });
      expectObservable(autoAnswer(uiState$), '^ 19999ms !').toBe('12000ms a', answer);
      expectSubscriptions(uiState$.subscriptions).toBe('^ 19999ms !');
    });
  });

  it('does not answer a call the operator answered in time', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const uiState$ = hot<HostUiState | null>('i 4999ms c', {
        i: 'incoming',
        c: 'connectingIncoming',
      });
      expectObservable(autoAnswer(uiState$), '^ 19999ms !').toBe('', answer);
      expectSubscriptions(uiState$.subscriptions).toBe('^ 19999ms !');
    });
  });

  it('counts again from the start for the next call', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      // A call skipped at 5 s (the card closes: null), the next one rings at 10 s.
      const uiState$ = hot<HostUiState | null>('i 4999ms n 4999ms i', {
        i: 'incoming',
        n: null,
      });
      expectObservable(autoAnswer(uiState$), '^ 29999ms !').toBe('22000ms a', answer);
      expectSubscriptions(uiState$.subscriptions).toBe('^ 29999ms !');
    });
  });

  it('keeps counting when the state repeats (state$ emits for titles and status texts too)', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const uiState$ = hot<HostUiState | null>('i 4999ms i 4999ms i', { i: 'incoming' });
      expectObservable(autoAnswer(uiState$), '^ 19999ms !').toBe('12000ms a', answer);
      expectSubscriptions(uiState$.subscriptions).toBe('^ 19999ms !');
    });
  });

  it('takes the number of rings and the ring period as options', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const uiState$ = hot<HostUiState | null>('i', { i: 'incoming' });
      expectObservable(autoAnswer(uiState$, { rings: 2, ringMs: 5000 }), '^ 19999ms !').toBe(
        '10000ms a',
        answer,
      );
    });
  });
});

describe('recipe: the CRM name in the title', () => {
  const entity = (id: number): CrmEntity => ({
    PHONE_NUMBER: `+49 30 ${id}`,
    CRM_ENTITY_TYPE: 'CONTACT',
    CRM_ENTITY_ID: id,
  });

  it('sets the title to the name the CRM returns', () => {
    testScheduler().run(({ hot, cold, expectObservable, expectSubscriptions }) => {
      const entity$ = hot('-a', { a: entity(1) });
      const lookup = cold('--x|', { x: 'Ann Lee' });
      expectObservable(crmTitle(entity$, () => lookup)).toBe('---t', {
        t: setCardTitle('Ann Lee'),
      });
      expectSubscriptions(lookup.subscriptions).toBe('-^--!');
      expectSubscriptions(entity$.subscriptions).toBe('^');
    });
  });

  it('cancels a stale lookup when the entity changes, so the old name never shows', () => {
    testScheduler().run(({ hot, cold, expectObservable, expectSubscriptions }) => {
      const entity$ = hot('-a-b', { a: entity(1), b: entity(2) });
      const slow = cold('    ----x|', { x: 'Ann Lee' });
      const fast = cold('      --y|', { y: 'Bob Stone' });
      const lookup = (e: CrmEntity): Observable<string> => (e.CRM_ENTITY_ID === 1 ? slow : fast);
      expectObservable(crmTitle(entity$, lookup)).toBe('-----t', {
        t: setCardTitle('Bob Stone'),
      });
      expectSubscriptions(slow.subscriptions).toBe('-^-!');
      expectSubscriptions(fast.subscriptions).toBe('---^--!');
    });
  });

  it('shows the phone number when the lookup fails, and keeps listening', () => {
    testScheduler().run(({ hot, cold, expectObservable, expectSubscriptions }) => {
      const entity$ = hot('-a---b', { a: entity(1), b: entity(2) });
      const failing = cold('--#', {}, new Error('CRM is down'));
      const working = cold('   -x|', { x: 'Bob Stone' });
      const lookup = (e: CrmEntity): Observable<string> =>
        e.CRM_ENTITY_ID === 1 ? failing : working;
      expectObservable(crmTitle(entity$, lookup)).toBe('---n--t', {
        n: setCardTitle('+49 30 1'),
        t: setCardTitle('Bob Stone'),
      });
      expectSubscriptions(failing.subscriptions).toBe('-^-!');
      expectSubscriptions(working.subscriptions).toBe('-----^-!');
      expectSubscriptions(entity$.subscriptions).toBe('^');
    });
  });
});

describe('recipe: hang up on #', () => {
  // `#` is the error sign in marbles: the key is `h` there.
  const KEYS: Record<string, DialpadKey> = {
    '1': '1',
    '2': '2',
    '3': '3',
    '9': '9',
    '0': '0',
    '*': '*',
    h: '#',
  };
  const hungUp = (digits: string) => ({
    r: setUiState('redial'),
    s: setStatusText(`Hung up from the keypad (${digits})`),
  });

  it('hangs up into redial when the dialled string ends in #, naming what was dialled', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const keys$ = hot<DialpadKey>('-1-0-2-h', KEYS);
      const calls$ = hot('         -');
      expectObservable(hangUpOnHash(keys$, calls$)).toBe('-------(rs)', hungUp('102#'));
      expectSubscriptions(keys$.subscriptions).toBe('^');
      expectSubscriptions(calls$.subscriptions).toBe('^');
    });
  });

  it('does nothing for digits without #', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const keys$ = hot<DialpadKey>('-1-*-9-0-|', KEYS);
      const calls$ = hot('         -');
      expectObservable(hangUpOnHash(keys$, calls$)).toBe('---------|');
      expectSubscriptions(keys$.subscriptions).toBe('^--------!');
      expectSubscriptions(calls$.subscriptions).toBe('^--------!');
    });
  });

  it('starts the digits afresh with each call', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const keys$ = hot<DialpadKey>('-1-2---3-h', KEYS);
      const calls$ = hot('         -----c');
      expectObservable(hangUpOnHash(keys$, calls$)).toBe('---------(rs)', hungUp('3#'));
      expectSubscriptions(keys$.subscriptions).toBe('^');
      expectSubscriptions(calls$.subscriptions).toBe('^');
    });
  });

  it('stops listening to both streams when unsubscribed', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const keys$ = hot<DialpadKey>('-1-2-h', KEYS);
      const calls$ = hot('         -');
      expectObservable(hangUpOnHash(keys$, calls$), '^---!').toBe('');
      expectSubscriptions(keys$.subscriptions).toBe('^---!');
      expectSubscriptions(calls$.subscriptions).toBe('^---!');
    });
  });
});

describe('recipe: an effect end to end, through connectCallCard and the test placement', () => {
  const CALL: CallInfo = {
    CALL_ID: 'c-1',
    PHONE_NUMBER: '+49 30 1234567',
    CRM_ENTITY_TYPE: 'CONTACT',
    CRM_ENTITY_ID: 42,
    CRM_BINDINGS: [],
    CALL_DIRECTION: 'incoming',
    CALL_STATE: 'idle',
    CALL_LIST_MODE: false,
  };

  /** The app: a new card rings, a click answers, and `autoAnswer` answers when nobody does. */
  function wireApp(placement: ReturnType<typeof createTestPlacement>) {
    const card = connectCallCard(placement);
    const uiState$ = card.state$.pipe(map((s) => s.uiState));
    card.apply(
      merge(
        card.events.initialized$.pipe(map(() => setUiState('incoming'))),
        card.events.answer$.pipe(map(() => setUiState('connectingIncoming'))),
        autoAnswer(uiState$),
      ),
    );
    return card;
  }

  const uiStatesSent = (placement: ReturnType<typeof createTestPlacement>) =>
    placement.callsOf('CallCardSetUiState').map((c) => [c.time, c.params['uiState']]);

  it('the host receives connectingIncoming three rings after the card rang', () => {
    testScheduler().run(({ hot, flush }) => {
      const placement = createTestPlacement();
      const card = wireApp(placement);
      placement.emitFrom(hot('1s i', { i: { type: 'initialized', payload: CALL } }));
      flush();
      expect(uiStatesSent(placement)).toEqual([
        [1000, 'incoming'],
        [13_000, 'connectingIncoming'],
      ]);
      expect(card.snapshot().uiState).toBe('connectingIncoming');
      card.dispose();
    });
  });

  it('a card disposed while ringing (the component went away) answers nothing', () => {
    testScheduler().run(({ hot, flush }) => {
      const placement = createTestPlacement();
      const card = wireApp(placement);
      placement.emitFrom(hot('1s i', { i: { type: 'initialized', payload: CALL } }));
      hot('5s d').subscribe(() => card.dispose());
      flush();
      expect(uiStatesSent(placement)).toEqual([[1000, 'incoming']]);
    });
  });

  it('the host receives no second answer when the operator answered first', () => {
    testScheduler().run(({ hot, flush }) => {
      const placement = createTestPlacement();
      const card = wireApp(placement);
      placement.emitFrom(
        hot('1s i 4999ms a', {
          i: { type: 'initialized', payload: CALL },
          a: { type: 'answerButtonClick', payload: undefined },
        }),
      );
      flush();
      expect(uiStatesSent(placement)).toEqual([
        [1000, 'incoming'],
        [6000, 'connectingIncoming'],
      ]);
      card.dispose();
    });
  });
});
