/**
 * @jest-environment jsdom
 */
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { isInPortalFrame } from 'b24-call-card-rx';
import type { PlacementPort } from 'b24-call-card-rx';
import { createCallCardSimulator, createTestPlacement } from 'b24-call-card-rx/testing';
import { injectCallCard, provideCallCard } from 'b24-call-card-rx/angular';
import { initAngularTestEnvironment } from '../support/angular-test-env';
import { callInfo } from '../support/fixtures';
import { settled } from '../support/later';

initAngularTestEnvironment();

// The guide's recipe (docs/angular.md, "Outside a portal"): the development build's start-up
// function, which falls back to the simulator (the one its control panel drives) when no portal
// frame is there.
const simulator = createCallCardSimulator();
function startInDevelopment(startInPortal: () => Promise<PlacementPort>) {
  return () => (isInPortalFrame() ? startInPortal() : simulator);
}

describe('starting outside a portal (development)', () => {
  const originalName = window.name;
  afterEach(() => {
    window.name = originalName;
    Object.defineProperty(window, 'parent', { value: window, configurable: true });
  });

  it('starts on the simulator in a plain browser tab, and the app runs a call on it', () => {
    const startInPortal = jest.fn(() => Promise.reject(new Error('not in a portal')));
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideCallCard(startInDevelopment(startInPortal)),
      ],
    });
    const card = TestBed.runInInjectionContext(() => injectCallCard());
    expect(startInPortal).not.toHaveBeenCalled();
    simulator.ring({ phoneNumber: '+1 555 0100' });
    expect(card.state().call?.PHONE_NUMBER).toBe('+1 555 0100');
    expect(card.lastError()).toBeNull();
  });

  it('starts the portal placement inside a portal frame', async () => {
    window.name = 'portal.example.test|1|app-sid';
    Object.defineProperty(window, 'parent', {
      value: { postMessage: () => undefined },
      configurable: true,
    });
    const portal = createTestPlacement();
    const startInPortal = jest.fn(() => Promise.resolve<PlacementPort>(portal));
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideCallCard(startInDevelopment(startInPortal)),
      ],
    });
    const card = TestBed.runInInjectionContext(() => injectCallCard());
    expect(startInPortal).toHaveBeenCalledTimes(1);
    await settled();
    expect(portal.bindCount('initialized')).toBe(1);
    portal.emit('initialized', callInfo({ CALL_ID: 'p-1' }));
    expect(card.state().call?.CALL_ID).toBe('p-1');
  });
});
