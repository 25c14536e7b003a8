import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { of } from 'rxjs';
import { createCallCardSimulator } from 'b24-call-card-rx/testing';
import type { CallCardSimulator } from 'b24-call-card-rx/testing';
import { provideCallCard } from 'b24-call-card-rx/angular';
import { App } from './app';
import { Softphone } from './softphone';

describe('App', () => {
  let sim: CallCardSimulator;
  let fixture: ComponentFixture<App>;
  const shown = (field: string): string =>
    (fixture.nativeElement as HTMLElement)
      .querySelector(`[data-testid="${field}"]`)
      ?.textContent?.trim() ?? '';

  beforeEach(async () => {
    sim = createCallCardSimulator();
    TestBed.configureTestingModule({
      imports: [App],
      providers: [
        provideCallCard(sim),
        // A softphone that picks up at once.
        {
          provide: Softphone,
          useValue: { answer: () => of(undefined), dial: () => of('answered') },
        },
      ],
    });
    fixture = TestBed.createComponent(App);
    await fixture.whenStable();
  });

  it('shows no call before the host raises a card', () => {
    expect(shown('ui-state')).toBe('no call');
    expect(shown('timer')).toBe('–');
  });

  it('takes an incoming call through answer, mute and hang up', async () => {
    sim.ring({ phoneNumber: '+1 555 0100' });
    await fixture.whenStable();
    expect(shown('ui-state')).toBe('incoming');
    expect(shown('title')).toBe('+1 555 0100');
    expect(sim.card().state).toBe('incoming');

    sim.press('answer');
    await fixture.whenStable();
    expect(shown('ui-state')).toBe('connected');
    expect(shown('timer')).toBe('00:00');
    expect(shown('status')).toBe('Talking 00:00');

    sim.press('mute');
    await fixture.whenStable();
    expect(shown('flags')).toBe('muted, live');
    expect(shown('status')).toBe('Talking 00:00 · muted');

    sim.press('hangup');
    await fixture.whenStable();
    expect(shown('ui-state')).toBe('no call');
    expect(sim.card().exists).toBe(false);
  });

  it("mutes from the app's own button: the host's card follows", async () => {
    sim.ring({ phoneNumber: '+1 555 0100' });
    sim.press('answer');
    await fixture.whenStable();
    const mute = [...(fixture.nativeElement as HTMLElement).querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Mute',
    );
    mute!.click();
    await fixture.whenStable();
    expect(sim.card().muted).toBe(true);
    expect(shown('flags')).toBe('muted, live');
  });
});
