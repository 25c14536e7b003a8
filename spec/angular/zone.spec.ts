/**
 * @jest-environment jsdom
 */
// zone.js first: it patches the timers and promises Angular's NgZone then tracks.
import 'zone.js';
import { Component, NgZone, provideZoneChangeDetection } from '@angular/core';
import type { ComponentFixture } from '@angular/core/testing';
import { TestBed } from '@angular/core/testing';
import { setUiState } from 'b24-call-card-rx';
import { createCallCardSimulator } from 'b24-call-card-rx/testing';
import type { CallCardSimulator } from 'b24-call-card-rx/testing';
import { injectCallCard, provideCallCard } from 'b24-call-card-rx/angular';
import { initAngularTestEnvironment } from '../support/angular-test-env';

initAngularTestEnvironment();

const CallView = Component({
  selector: 'app-call-view',
  template: `{{ card.state().uiState }}|{{ card.state().muted ? 'muted' : 'live' }}|{{ card.timer().status }}`,
})(
  class {
    readonly card = injectCallCard();
  },
);

/** Fails instead of hanging when the app never becomes stable. */
async function stableWithin<T>(fixture: ComponentFixture<T>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not stable within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([fixture.whenStable(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const text = (fixture: ComponentFixture<unknown>): string =>
  (fixture.nativeElement as HTMLElement).textContent ?? '';

describe('the Angular entry with zone.js', () => {
  let sim: CallCardSimulator;
  let fixture: ComponentFixture<InstanceType<typeof CallView>>;

  beforeEach(async () => {
    expect(typeof (globalThis as { Zone?: unknown }).Zone).toBe('function');
    sim = createCallCardSimulator();
    TestBed.configureTestingModule({
      providers: [provideZoneChangeDetection(), provideCallCard(sim, { tickMs: 20 })],
    });
    fixture = TestBed.createComponent(CallView);
    fixture.autoDetectChanges();
    await stableWithin(fixture, 2000);
  });

  it('renders what the host raised, even from outside the Angular zone', async () => {
    expect(NgZone.isInAngularZone()).toBe(false);
    sim.ring({ phoneNumber: '+1 555 0100' });
    await stableWithin(fixture, 2000);
    expect(text(fixture)).toBe('externalCard|live|hidden');
  });

  it('becomes stable while the call timer runs: the timer ticks outside the zone', async () => {
    sim.ring();
    const card = fixture.componentInstance.card;
    TestBed.inject(NgZone).run(() => card.send(setUiState('connected')));
    await stableWithin(fixture, 2000);
    expect(text(fixture)).toBe('connected|live|running');
    const first = card.timer().elapsedMs;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(card.timer().elapsedMs).toBeGreaterThan(first);
    await stableWithin(fixture, 2000);
  });

  it('re-renders on a click the host reports', async () => {
    sim.ring();
    fixture.componentInstance.card.send(setUiState('connected'));
    sim.press('mute');
    await stableWithin(fixture, 2000);
    expect(text(fixture)).toBe('connected|muted|running');
  });
});
