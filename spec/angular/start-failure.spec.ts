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
import { later, settled } from '../support/later';

// provideCallCard with a start that fails: the comment under a test says how it once broke.

initAngularTestEnvironment();

const ROOT = Injector.NULL as EnvironmentInjector;

/** An injector with the card `start` starts, and an ErrorHandler that keeps what it is told. */
function injectorWith(start: () => PromiseLike<PlacementPort>) {
  const handled: unknown[] = [];
  const injector = createEnvironmentInjector(
    [
      { provide: ErrorHandler, useValue: { handleError: (e: unknown) => handled.push(e) } },
      provideCallCard(start),
    ],
    ROOT,
  );
  return { injector, handled };
}

describe('provideCallCard with a start that fails', () => {
  it('a factory returning a promise-like whose then throws does not break the bootstrap', async () => {
    // Broke: startPlacement hands the promise-like to deferPlacement, whose `then` call is outside
    // any try: the injector's creation throws Error('sdk broke').
    const sdk = {
      then(): never {
        throw new Error('sdk broke');
      },
    } as unknown as PromiseLike<PlacementPort>;
    let made: ReturnType<typeof injectorWith> | undefined;
    let thrown: unknown;
    try {
      made = injectorWith(() => sdk);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeUndefined();
    const { injector, handled } = made as ReturnType<typeof injectorWith>;
    const card = injector.runInContext(() => injectCallCard());
    await settled();
    expect(card.lastError()).toBeInstanceOf(CallCardUnavailableError);
    expect(handled).toEqual([card.lastError()]);
    injector.destroy();
  });

  it('does not report a failed start to the ErrorHandler of an injector already destroyed', async () => {
    const sdk = later<PlacementPort>();
    const { injector, handled } = injectorWith(() => sdk.promise);
    const card = injector.runInContext(() => injectCallCard());
    injector.destroy();
    sdk.reject(new Error('no portal'));
    await settled();
    expect(card.disposed).toBe(true);
    expect(handled).toEqual([]);
  });

  it('still reports a failed start to the ErrorHandler of a live injector', async () => {
    const sdk = later<PlacementPort>();
    const { injector, handled } = injectorWith(() => sdk.promise);
    const card = injector.runInContext(() => injectCallCard());
    sdk.reject(new Error('no portal'));
    await settled();
    expect(handled).toEqual([card.lastError()]);
    expect(card.lastError()?.message).toBe(
      'deferPlacement: the placement failed to start: no portal',
    );
    injector.destroy();
  });
});
