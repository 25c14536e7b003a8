import { DestroyRef, assertInInjectionContext, inject } from '@angular/core';
import type { Signal } from '@angular/core';
import type { Observable, Subscription } from 'rxjs';
import type { CallCard } from '../call-card';
import type { CallCardCommand, CallCardCommandResult } from '../model/commands';
import { CallCardUnavailableError } from '../model/errors';
import { fullMessages } from '../model/full-messages';
import type { CallCardError } from '../model/errors';
import type { CallCardSnapshot } from '../model/snapshot';
import type { TimerStatus } from '../operators/timer-status';
import { CALL_CARD_REF } from './call-card-ref';

/** The app's `CallCard` as `injectCallCard()` hands it out: the facade plus Angular signals. */
export interface InjectedCallCard extends CallCard {
  /** The card's state (`state$` as a signal): current at once, updated with every change. */
  readonly state: Signal<CallCardSnapshot>;
  /** The call timer (`timer$` as a signal), ticking while it runs. */
  readonly timer: Signal<TimerStatus>;
  /** The timer as the card shows it, `MM:SS` (`formatCallTimer`); `''` while it is hidden. */
  readonly timerText: Signal<string>;
  /** The last error on `errors$` (a failed command, a malformed payload, a failed start); `null` until one. */
  readonly lastError: Signal<CallCardError | null>;
  /**
   * Applies `command$` through the card's serial sink until the caller (the component, directive
   * or service that called `injectCallCard()`) is destroyed, or until you unsubscribe.
   */
  apply(command$: Observable<CallCardCommand>): Subscription;
}

/**
 * The app's call card, from `provideCallCard`, with its state as signals. Call it in an injection
 * context: a field initializer or constructor of a component, directive or service.
 *
 * 1. Every caller gets the same card and the same signals (one card per `provideCallCard`).
 * 2. `apply(command$)` ends with the caller: when its `DestroyRef` fires (the component is
 *    destroyed), the subscription ends and its queued, unsent commands are dropped.
 * 3. The card itself lives as long as the injector of `provideCallCard` (the application); a
 *    component's destruction does not dispose it. `dispose()` here disposes the app's card.
 * 4. Signals are read-only views of `state$`, `timer$` and `errors$`; the Observables are all
 *    there too, for RxJS pipelines.
 *
 * Throws `CallCardUnavailableError` when no `provideCallCard` is in scope, and Angular's own error
 * outside an injection context.
 *
 * @example
 * ```ts
 * import { Component } from '@angular/core';
 * import { map } from 'rxjs';
 * import { setUiState } from 'b24-call-card-rx';
 * import { injectCallCard } from 'b24-call-card-rx/angular';
 *
 * @Component({
 *   selector: 'app-call-status',
 *   template: `{{ card.state().uiState }} {{ card.timerText() }}`,
 * })
 * export class CallStatusComponent {
 *   readonly card = injectCallCard();
 *
 *   constructor() {
 *     // Ends when this component is destroyed.
 *     this.card.apply(this.card.events.answer$.pipe(map(() => setUiState('connected'))));
 *   }
 * }
 * ```
 */
export function injectCallCard(): InjectedCallCard {
  assertInInjectionContext(injectCallCard);
  const ref = inject(CALL_CARD_REF, { optional: true });
  if (ref === null)
    throw new CallCardUnavailableError(
      'injectCallCard',
      fullMessages()
        ? 'no call card in this injector; add provideCallCard(...) to the providers of the ' +
            'application (bootstrapApplication) or of a route'
        : 'no call card in this injector',
    );
  const destroyRef = inject(DestroyRef);
  const { card } = ref;
  return {
    events: card.events,
    activity$: card.activity$,
    state$: card.state$,
    timer$: card.timer$,
    errors$: card.errors$,
    get disposed() {
      return card.disposed;
    },
    snapshot: () => card.snapshot(),
    send: <C extends CallCardCommand>(command: C): Observable<CallCardCommandResult<C>> =>
      card.send(command),
    dispose: () => card.dispose(),
    apply(command$) {
      // Tied to the caller first: on a caller already destroyed, Angular throws here, before
      // anything is subscribed.
      const untie = destroyRef.onDestroy(() => subscription.unsubscribe());
      const subscription: Subscription = card.apply(command$);
      if (subscription.closed) untie();
      else subscription.add(untie);
      return subscription;
    },
    state: ref.state,
    timer: ref.timer,
    timerText: ref.timerText,
    lastError: ref.lastError,
  };
}
