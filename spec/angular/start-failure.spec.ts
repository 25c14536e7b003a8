/**
 * @jest-environment jsdom
 */
import {
  EnvironmentInjector,
  ErrorHandler,
  Injector,
  createEnvironmentInjector,
} from '@angular/core';
import { CallCardUnavailableError } from 'b24-call-card-rx';
import type { PlacementPort } from 'b24-call-card-rx';
import { injectCallCard, provideCallCard } from 'b24-call-card-rx/angular';
import { initAngularTestEnvironment } from '../support/angular-test-env';
import { settled } from '../support/later';

// provideCallCard with a start that fails: the comment under each test says how it once broke.

initAngularTestEnvironment();

const ROOT = Injector.NULL as EnvironmentInjector;

describe('provideCallCard with a start that fails', () => {
  it('a factory returning a promise-like whose then throws does not break the bootstrap', async () => {
    // Broke: startPlacement hands the promise-like to deferPlacement, whose `then` call is outside
    // any try: the injector's creation throws Error('sdk broke').
    const handled: unknown[] = [];
    const sdk = {
      then(): never {
        throw new Error('sdk broke');
      },
    } as unknown as PromiseLike<PlacementPort>;
    let injector: EnvironmentInjector | undefined;
    let thrown: unknown;
    try {
      injector = createEnvironmentInjector(
        [
          { provide: ErrorHandler, useValue: { handleError: (e: unknown) => handled.push(e) } },
          provideCallCard(() => sdk),
        ],
        ROOT,
      );
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeUndefined();
    const card = (injector as EnvironmentInjector).runInContext(() => injectCallCard());
    await settled();
    expect(card.lastError()).toBeInstanceOf(CallCardUnavailableError);
    expect(handled).toEqual([card.lastError()]);
    injector?.destroy();
  });
});
