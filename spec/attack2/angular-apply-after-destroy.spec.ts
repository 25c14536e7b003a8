/**
 * @jest-environment jsdom
 */
import {
  EnvironmentInjector,
  createEnvironmentInjector,
  provideZonelessChangeDetection,
} from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import { setStatusText } from 'b24-call-card-rx';
import type { CallCardCommand } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import { injectCallCard, provideCallCard } from 'b24-call-card-rx/angular';
import { initAngularTestEnvironment } from '../support/angular-test-env';
import { callInfo } from '../support/fixtures';

initAngularTestEnvironment();

// Promise broken: `injectCallCard` rule 2, "`apply(command$)` ends with the caller: when its
// `DestroyRef` fires, the subscription ends and its queued, unsent commands are dropped". `apply`
// subscribes first and registers with the caller's `DestroyRef` afterwards; once the caller is
// destroyed (an async callback of a destroyed route service or component), `onDestroy` throws
// Angular's NG0205/NG0911, the caller never gets the Subscription, and the commands keep reaching
// the host for the life of the app's card.
describe('injectCallCard().apply() called after its caller was destroyed', () => {
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
    placement.emit('initialized', callInfo());
    commands.next(setStatusText('from a destroyed route'));
    expect(placement.calls).toEqual([]);
    expect(commands.observed).toBe(false);
  });
});
