/**
 * @jest-environment jsdom
 */
import { EnvironmentInjector, Injector, createEnvironmentInjector } from '@angular/core';
import { of } from 'rxjs';
import { setCardTitle, setMute, setStatusText } from 'b24-call-card-rx';
import type { PlacementPort } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import { injectCallCard, provideCallCard } from 'b24-call-card-rx/angular';
import { initAngularTestEnvironment } from '../support/angular-test-env';
import { callInfo } from '../support/fixtures';
import { later, settled } from '../support/later';

initAngularTestEnvironment();

const ROOT = Injector.NULL as EnvironmentInjector;

describe('provideCallCard: one placement, one session across injectors', () => {
  it('an app-wide card and a route card on one SDK placement share one binding and one state', async () => {
    const host = createTestPlacement({ policy: 'silent' });
    const sdk = later<PlacementPort>();
    // What an app does: both start the SDK, and the SDK hands both the same placement.
    const app = createEnvironmentInjector([provideCallCard(() => sdk.promise)], ROOT);
    const route = createEnvironmentInjector([provideCallCard(() => sdk.promise)], app);
    const appCard = app.runInContext(() => injectCallCard());
    const routeCard = route.runInContext(() => injectCallCard());
    appCard.apply(of(setMute(true), setCardTitle('Ann')));
    routeCard.apply(of(setStatusText('VIP')));

    sdk.resolve(host);
    await settled();
    host.emit('initialized', callInfo({ CALL_ID: 'ng-1' }));
    const names = host.bindings.map((b) => b.hostEventName);
    expect(names).toHaveLength(17);
    expect(new Set(names).size).toBe(17);
    // One queue: the host has one command at a time (it has not answered the first yet).
    expect(host.calls.map((c) => c.command)).toEqual(['CallCardSetMute']);
    // Answered one by one, each answer lets the next command go.
    for (let next = host.calls.find((c) => c.answers.length === 0); next;) {
      expect(host.calls.filter((c) => c.answers.length === 0)).toEqual([next]);
      next.reply([]);
      next = host.calls.find((c) => c.answers.length === 0);
    }
    expect(host.calls.map((c) => c.command)).toEqual([
      'CallCardSetMute',
      'CallCardSetCardTitle',
      'CallCardSetStatusText',
    ]);
    expect(appCard.state()).toMatchObject({ muted: true, title: 'Ann', statusText: 'VIP' });
    expect(routeCard.state()).toBe(appCard.state());

    route.destroy();
    expect(routeCard.disposed).toBe(true);
    host.emit('muteButtonClick', false);
    expect(appCard.state().muted).toBe(false);
    app.destroy();
  });
});
