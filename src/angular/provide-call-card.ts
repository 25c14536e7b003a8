import { inject, makeEnvironmentProviders, provideEnvironmentInitializer } from '@angular/core';
import type { EnvironmentProviders } from '@angular/core';
import type { ConnectCallCardOptions } from '../call-card';
import { CallCardInputError } from '../model/errors';
import { fullMessages } from '../model/full-messages';
import type { PlacementPort } from '../placement/placement-port';
import { isPlacementPort } from '../placement/check-placement';
import { CALL_CARD_REF, createCallCardRef } from './call-card-ref';

/**
 * Provides the app's call card: `connectCallCard(placement, options)`, created when the
 * environment injector starts (so the first card is never missed) and disposed when it is
 * destroyed. Components and services read it with `injectCallCard()`.
 *
 * 1. `placement` is a `PlacementPort` (`fromBX24()`, a simulator), or a factory that returns one
 *    or a promise of one. The factory runs once, in an injection context (it may `inject()`).
 * 2. A promise (the SDK's `initializeB24Frame()`) goes through `deferPlacement`: the card works
 *    at once, holds its commands until the placement and its first card are there, and its
 *    state is `uiState: null` until then.
 * 3. A factory that throws, or a promise that rejects, does not break the bootstrap: the failure
 *    is a `CallCardUnavailableError` on `errors$` and in `lastError` (and on the console through
 *    Angular's `ErrorHandler`); commands then fail with it.
 * 4. Timers (the call timer, command timeouts) run outside Angular's zone, on
 *    `options.scheduler` when given. Works zoneless and with zone.js.
 * 5. Provide it once per placement: in `bootstrapApplication` (or a route's `providers` for a
 *    card that lives with the route).
 *
 * Throws `CallCardInputError` at once when `placement` is neither a `PlacementPort` nor a function.
 *
 * @example
 * ```ts
 * import { bootstrapApplication } from '@angular/platform-browser';
 * import { Component, provideZonelessChangeDetection } from '@angular/core';
 * import { initializeB24Frame } from '@bitrix24/b24jssdk';
 * import { fromB24Frame } from 'b24-call-card-rx';
 * import { provideCallCard } from 'b24-call-card-rx/angular';
 *
 * @Component({ selector: 'app-root', template: '<app-call-status />' })
 * class AppComponent {}
 *
 * bootstrapApplication(AppComponent, {
 *   providers: [
 *     provideZonelessChangeDetection(),
 *     provideCallCard(() => initializeB24Frame().then(fromB24Frame), { timeoutMs: 5000 }),
 *   ],
 * });
 * ```
 */
export function provideCallCard(
  placement: PlacementPort | (() => PlacementPort | PromiseLike<PlacementPort>),
  options?: ConnectCallCardOptions,
): EnvironmentProviders {
  if (typeof placement !== 'function' && !isPlacementPort(placement))
    throw new CallCardInputError(
      'provideCallCard',
      'placement',
      placement,
      fullMessages()
        ? 'a PlacementPort (fromBX24(), fromB24Frame($b24), a simulator), or a function returning ' +
            'one or a Promise of one'
        : '',
    );
  return makeEnvironmentProviders([
    { provide: CALL_CARD_REF, useFactory: () => createCallCardRef(placement, options) },
    provideEnvironmentInitializer(() => {
      inject(CALL_CARD_REF);
    }),
  ]);
}
