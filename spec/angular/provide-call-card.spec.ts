/**
 * @jest-environment jsdom
 */
import {
  Component,
  EnvironmentInjector,
  ErrorHandler,
  InjectionToken,
  Injector,
  createEnvironmentInjector,
  inject,
  provideZonelessChangeDetection,
} from '@angular/core';
import type { EnvironmentProviders } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import {
  CallCardCommandError,
  CallCardInputError,
  CallCardUnavailableError,
  setCardTitle,
  setMute,
  setStatusText,
  setUiState,
} from 'b24-call-card-rx';
import type { CallCardCommand, PlacementPort } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import type { TestPlacement } from 'b24-call-card-rx/testing';
import { injectCallCard, provideCallCard } from 'b24-call-card-rx/angular';
import type { InjectedCallCard } from 'b24-call-card-rx/angular';
import { initAngularTestEnvironment } from '../support/angular-test-env';
import { callInfo, virtualClock } from '../support/fixtures';
import { later, settled } from '../support/later';

initAngularTestEnvironment();

const CALL = callInfo({ CALL_ID: 'ng-1', PHONE_NUMBER: '+1 555 0100' });

/** The app's card, read in the TestBed's root injector as a service would. */
function setUp(...providers: EnvironmentProviders[]): InjectedCallCard {
  TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection(), ...providers] });
  return TestBed.runInInjectionContext(() => injectCallCard());
}

describe('provideCallCard + injectCallCard', () => {
  describe('signals', () => {
    let placement: TestPlacement;
    let card: InjectedCallCard;
    const clock = virtualClock();
    beforeEach(() => {
      placement = createTestPlacement({ scheduler: clock.scheduler });
      card = setUp(provideCallCard(placement, { scheduler: clock.scheduler }));
    });

    it('starts with no card: uiState null, timer hidden, no error', () => {
      expect(card.state().uiState).toBeNull();
      expect(card.timer()).toEqual({ status: 'hidden', elapsedMs: 0 });
      expect(card.timerText()).toBe('');
      expect(card.lastError()).toBeNull();
    });

    it('follow host events', () => {
      placement.emit('initialized', CALL);
      expect(card.state()).toMatchObject({ uiState: 'externalCard', call: CALL });
      placement.emit('entityChanged', {
        PHONE_NUMBER: '+1 555 0100',
        CRM_ENTITY_TYPE: 'CONTACT',
        CRM_ENTITY_ID: 7,
      });
      expect(card.state().entity?.CRM_ENTITY_ID).toBe(7);
    });

    it('follow the commands the host acknowledged (which raise no event)', () => {
      placement.emit('initialized', CALL);
      card.send(setCardTitle('Anna'));
      card.send(setStatusText('Talking'));
      card.send(setMute(true));
      expect(card.state()).toMatchObject({ title: 'Anna', statusText: 'Talking', muted: true });
      expect(card.snapshot()).toBe(card.state());
    });

    it('tick the timer and its MM:SS text while the call is connected', () => {
      placement.emit('initialized', CALL);
      card.send(setUiState('connected'));
      expect(card.timer()).toEqual({ status: 'running', elapsedMs: 0 });
      expect(card.timerText()).toBe('00:00');
      clock.advanceTo(clock.scheduler.now() + 61_000);
      expect(card.timerText()).toBe('01:01');
      card.send(setUiState('redial'));
      expect(card.timerText()).toBe('');
      expect(clock.live()).toBe(0);
    });

    it('keep the last error in lastError', () => {
      placement.emit('initialized', CALL);
      placement.setPolicy('CallCardSetCardTitle', { error: 'Call card is undefined' });
      card.send(setCardTitle('A')).subscribe({ error: () => undefined });
      expect(card.lastError()).toBeInstanceOf(CallCardCommandError);
      expect(card.lastError()?.message).toBe(
        'CallCardSetCardTitle: the host answered with error "Call card is undefined"',
      );
    });

    it('are the same for every caller', () => {
      const other = TestBed.runInInjectionContext(() => injectCallCard());
      expect(other.state).toBe(card.state);
      expect(other.timerText).toBe(card.timerText);
      expect(other.events).toBe(card.events);
    });
  });

  describe('the card and its injector', () => {
    it('is created when the injector starts, binding the card events before anyone injects it', () => {
      const placement = createTestPlacement();
      TestBed.configureTestingModule({
        providers: [provideZonelessChangeDetection(), provideCallCard(placement)],
      });
      TestBed.inject(EnvironmentInjector);
      expect(placement.bindCount('initialized')).toBe(1);
      // A card raised before any component asked for it is not missed.
      placement.emit('initialized', CALL);
      const card = TestBed.runInInjectionContext(() => injectCallCard());
      expect(card.state().call).toEqual(CALL);
    });

    it('is disposed with its environment injector: streams end, timers and sinks stop, send throws', () => {
      const clock = virtualClock();
      const placement = createTestPlacement({ scheduler: clock.scheduler });
      const parent = TestBed.inject(EnvironmentInjector);
      const injector = createEnvironmentInjector(
        [provideCallCard(placement, { scheduler: clock.scheduler })],
        parent,
      );
      const card = injector.runInContext(() => injectCallCard());
      const source = new Subject<CallCardCommand>();
      card.apply(source);
      placement.emit('initialized', CALL);
      card.send(setUiState('connected'));
      let stateEnded = false;
      card.state$.subscribe({ complete: () => (stateEnded = true) });
      expect(source.observed).toBe(true);
      expect(clock.live()).toBe(1); // the ticking timer

      injector.destroy();
      expect(card.disposed).toBe(true);
      expect(stateEnded).toBe(true);
      expect(source.observed).toBe(false);
      expect(clock.live()).toBe(0);
      expect(() => card.send(setCardTitle('late'))).toThrow(CallCardUnavailableError);
      // The host's bindings stay (they cannot be removed), but nothing reaches the card any more.
      const before = card.state();
      placement.emit('muteButtonClick', true);
      expect(card.state()).toBe(before);
      expect(card.timerText()).toBe('00:00');
    });

    it('is not disposed when the component that injected it is', async () => {
      const placement = createTestPlacement();
      TestBed.configureTestingModule({
        providers: [provideZonelessChangeDetection(), provideCallCard(placement)],
      });
      const Probe = Component({ selector: 'app-probe', template: '' })(
        class {
          readonly card = injectCallCard();
        },
      );
      const fixture = TestBed.createComponent(Probe);
      const { card } = fixture.componentInstance;
      fixture.destroy();
      expect(card.disposed).toBe(false);
      placement.emit('initialized', CALL);
      expect(card.state().call).toEqual(CALL);
    });

    it('works in a bare environment injector (no application: no NgZone, no ErrorHandler)', async () => {
      const placement = createTestPlacement();
      const injector = createEnvironmentInjector(
        [provideCallCard(placement)],
        Injector.NULL as EnvironmentInjector,
      );
      const card = injector.runInContext(() => injectCallCard());
      placement.emit('initialized', CALL);
      card.send(setMute(true));
      expect(card.state()).toMatchObject({ call: CALL, muted: true });

      const failing = createEnvironmentInjector(
        [provideCallCard(() => Promise.reject(new Error('no portal frame')))],
        injector,
      );
      const failed = failing.runInContext(() => injectCallCard());
      await settled();
      expect(failed.lastError()).toBeInstanceOf(CallCardUnavailableError);

      failing.destroy();
      injector.destroy();
      expect(failed.disposed).toBe(true);
      expect(card.disposed).toBe(true);
    });

    it('runs a factory in an injection context', () => {
      const PLACEMENT = new InjectionToken<PlacementPort>('the placement');
      const placement = createTestPlacement();
      TestBed.configureTestingModule({
        providers: [
          provideZonelessChangeDetection(),
          { provide: PLACEMENT, useValue: placement },
          provideCallCard(() => inject(PLACEMENT)),
        ],
      });
      const card = TestBed.runInInjectionContext(() => injectCallCard());
      placement.emit('initialized', CALL);
      expect(card.state().call).toEqual(CALL);
    });
  });

  describe('apply', () => {
    it('ends with the component that called injectCallCard', async () => {
      const placement = createTestPlacement();
      TestBed.configureTestingModule({
        providers: [provideZonelessChangeDetection(), provideCallCard(placement)],
      });
      const commands = new Subject<CallCardCommand>();
      const Status = Component({ selector: 'app-status', template: '{{ card.state().title }}' })(
        class {
          readonly card = injectCallCard();
          constructor() {
            this.card.apply(commands);
          }
        },
      );
      const fixture = TestBed.createComponent(Status);
      placement.emit('initialized', CALL);
      commands.next(setCardTitle('Anna'));
      await fixture.whenStable();
      expect((fixture.nativeElement as HTMLElement).textContent).toBe('Anna');

      fixture.destroy();
      expect(commands.observed).toBe(false);
      commands.next(setCardTitle('after the component'));
      expect(placement.callsOf('CallCardSetCardTitle')).toHaveLength(1);
    });

    it('can still be ended early by unsubscribing', () => {
      const placement = createTestPlacement();
      const card = setUp(provideCallCard(placement));
      const commands = new Subject<CallCardCommand>();
      card.apply(commands).unsubscribe();
      expect(commands.observed).toBe(false);
    });

    // `injectCallCard` rule 2, "`apply(command$)` ends with the caller: when its `DestroyRef`
    // fires, the subscription ends and its queued, unsent commands are dropped", also when the
    // caller is already destroyed (an async callback of a destroyed route service or component).
    // This broke while `apply` subscribed first and registered with the caller's `DestroyRef`
    // afterwards: `onDestroy` threw Angular's NG0205/NG0911, the caller never got the
    // Subscription, and the commands kept reaching the host for the life of the app's card.
    describe('called after its caller was destroyed', () => {
      it('does not leave a live subscription behind the error', () => {
        const placement = createTestPlacement();
        TestBed.configureTestingModule({
          providers: [provideZonelessChangeDetection(), provideCallCard(placement)],
        });
        const route = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
        const card = route.runInContext(() => injectCallCard());
        route.destroy();

        const commands = new Subject<CallCardCommand>();
        try {
          card.apply(commands);
        } catch {
          // Refusing is fine; what matters is what happens to the commands.
        }
        placement.emit('initialized', CALL);
        commands.next(setStatusText('from a destroyed route'));
        expect(placement.calls).toEqual([]);
        expect(commands.observed).toBe(false);
      });
    });
  });

  describe('async start-up (a factory returning a Promise)', () => {
    it('shows uiState null until the placement arrives, then follows it, with commands applied before in order', async () => {
      const source = later<PlacementPort>();
      const placement = createTestPlacement();
      const card = setUp(provideCallCard(() => source.promise));
      card.send(setUiState('incoming'));
      card.send(setCardTitle('Anna'));
      expect(card.state().uiState).toBeNull();

      source.resolve(placement);
      await settled();
      placement.emit('initialized', CALL);
      expect(placement.calls.map((c) => c.command)).toEqual([
        'CallCardSetUiState',
        'CallCardSetCardTitle',
      ]);
      expect(card.state()).toMatchObject({ uiState: 'incoming', title: 'Anna' });
    });

    it.each([
      ['rejects', () => Promise.reject(new Error('no portal frame'))],
      [
        'throws',
        (): PlacementPort => {
          throw new Error('no portal frame');
        },
      ],
    ])(
      'keeps the app running when the factory %s: the failure is in lastError and goes to the ErrorHandler',
      async (_, factory) => {
        const handled: unknown[] = [];
        const card = setUp(provideCallCard(factory));
        TestBed.inject(ErrorHandler).handleError = (e: unknown) => handled.push(e);
        await settled();
        const failure = card.lastError();
        expect(failure).toBeInstanceOf(CallCardUnavailableError);
        expect(failure?.message).toBe(
          'deferPlacement: the placement failed to start: no portal frame',
        );
        expect(handled).toEqual([failure]);
      },
    );
  });

  describe('misuse', () => {
    it('throws CallCardInputError at once for a placement that is neither a port nor a function', () => {
      expect(() => provideCallCard({ call: () => undefined } as never)).toThrow(CallCardInputError);
      expect(() => provideCallCard('BX24' as never)).toThrow(
        /^provideCallCard: placement was "BX24"; expected a PlacementPort/,
      );
    });

    it('injectCallCard without provideCallCard throws CallCardUnavailableError saying what to add', () => {
      TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
      expect(() => TestBed.runInInjectionContext(() => injectCallCard())).toThrow(
        'injectCallCard: no call card in this injector; add provideCallCard(...)',
      );
    });

    it("injectCallCard outside an injection context throws Angular's error", () => {
      expect(() => injectCallCard()).toThrow(/NG0203/);
    });
  });
});
