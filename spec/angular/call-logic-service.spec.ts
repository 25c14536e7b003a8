/**
 * @jest-environment jsdom
 */
import { Injectable, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { distinctUntilChanged, map, merge } from 'rxjs';
import type { Observable } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import {
  appliedCommands,
  closeCard,
  setStatusText,
  setUiState,
  whenUiState,
} from 'b24-call-card-rx';
import type { CallCardCommand, CallCardEvent } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import { injectCallCard, provideCallCard } from 'b24-call-card-rx/angular';
import { initAngularTestEnvironment } from '../support/angular-test-env';
import { callInfo, testScheduler } from '../support/fixtures';

initAngularTestEnvironment();

/**
 * The app's call logic, as an Angular team writes it: a service that maps the card's events to
 * command data and applies them for as long as it lives.
 */
@Injectable({ providedIn: 'root' })
class CallFlow {
  private readonly card = injectCallCard();
  private readonly uiState$ = this.card.state$.pipe(
    map((s) => s.uiState),
    distinctUntilChanged(),
  );

  readonly commands$: Observable<CallCardCommand> = merge(
    this.card.events.initialized$.pipe(
      map((call) => setUiState(call.CALL_DIRECTION === 'outgoing' ? 'outgoing' : 'incoming')),
    ),
    this.card.events.answer$.pipe(
      whenUiState(this.uiState$, 'incoming'),
      map(() => setUiState('connected')),
    ),
    this.card.events.hold$.pipe(map((held) => setStatusText(held ? 'On hold' : 'Talking'))),
    this.card.events.hangup$.pipe(
      whenUiState(this.uiState$, 'connected'),
      map(() => closeCard()),
    ),
  );

  constructor() {
    this.card.apply(this.commands$);
  }
}

const CALL = callInfo({ CALL_ID: 'flow-1', PHONE_NUMBER: '+1 555 0100' });

const EVENTS: Record<string, CallCardEvent> = {
  i: { type: 'initialized', payload: CALL },
  a: { type: 'answerButtonClick', payload: undefined },
  h: { type: 'holdButtonClick', payload: true },
  u: { type: 'holdButtonClick', payload: false },
  x: { type: 'hangupButtonClick', payload: undefined },
};

describe('call logic in an Angular service, marble-tested', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = testScheduler();
  });

  it('maps the events of a call to commands, on virtual time', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const placement = createTestPlacement();
      TestBed.configureTestingModule({
        providers: [provideZonelessChangeDetection(), provideCallCard(placement)],
      });
      TestBed.inject(CallFlow);
      // The app ends at 20 ms, and the card with it; until then the connected call's timer ticks
      // on the virtual clock (`run` only returns once nothing is scheduled any more).
      scheduler.schedule(() => TestBed.resetTestingModule(), 20);
      // An answer before the card shows `incoming` and a hangup before `connected` are ignored.
      placement.emitFrom(hot('   -a-x-i--a--h-u--x', EVENTS));
      // What the host applied, as it happened. (Not a second subscription to `commands$`: its
      // `whenUiState` guards would see the states the service's own subscription already set.)
      const applied$ = appliedCommands(placement);
      expectObservable(applied$, '^-------------------!').toBe('-----s--c--1-2--e---', {
        s: setUiState('incoming'),
        c: setUiState('connected'),
        1: setStatusText('On hold'),
        2: setStatusText('Talking'),
        e: closeCard(),
      });
    });
  });

  it('has the host apply them in order, and stops when the app is destroyed', () => {
    const placement = createTestPlacement();
    scheduler.run(({ hot }) => {
      TestBed.configureTestingModule({
        providers: [provideZonelessChangeDetection(), provideCallCard(placement)],
      });
      TestBed.inject(CallFlow);
      scheduler.schedule(() => TestBed.resetTestingModule(), 10);
      placement.emitFrom(hot('-i--a--h----u', EVENTS));
    });
    // The unhold at 12 ms came after the app was destroyed: nothing applied it.
    expect(placement.calls.map((c) => [c.time, c.command, c.params])).toEqual([
      [1, 'CallCardSetUiState', { uiState: 'incoming' }],
      [4, 'CallCardSetUiState', { uiState: 'connected' }],
      [7, 'CallCardSetStatusText', { statusText: 'On hold' }],
    ]);
  });

  it('ends run with an error naming the fix when a test never destroys the app', () => {
    const placement = createTestPlacement();
    // A connected call and no resetTestingModule: the card's timer would tick forever, and run
    // would never return. The timer's bound on virtual time ends it instead.
    const run = (): void =>
      scheduler.run(({ hot }) => {
        TestBed.configureTestingModule({
          providers: [provideZonelessChangeDetection(), provideCallCard(placement)],
        });
        TestBed.inject(CallFlow);
        placement.emitFrom(hot('-i--a', EVENTS));
      });
    try {
      expect(run).toThrow(
        /^timerStatus: the call timer ran 168:00:00 \(604800 ticks, 4 to 604800004 ms\) without a stop .* card\.dispose\(\)/,
      );
    } finally {
      TestBed.resetTestingModule();
    }
  });
});
