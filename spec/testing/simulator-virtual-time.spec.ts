// A connected call inside TestScheduler.run, as docs/testing.md describes it: the simulator
// schedules nothing of its own, so only the card's ticking timer keeps a run going, and
// disposing the card ends it; a test that forgets gets an error, not a run that never returns.
import { map } from 'rxjs';
import { connectCallCard, setUiState } from 'b24-call-card-rx';
import type { TimerStatus } from 'b24-call-card-rx';
import { createCallCardSimulator } from 'b24-call-card-rx/testing';
import { testScheduler } from '../support/fixtures';

/** The app: answering connects the call, which starts the timer. */
function connectApp(host: ReturnType<typeof createCallCardSimulator>) {
  const card = connectCallCard(host);
  card.apply(card.events.initialized$.pipe(map(() => setUiState('incoming'))));
  card.apply(card.events.answer$.pipe(map(() => setUiState('connected'))));
  return card;
}

describe('the simulator and a connected card inside TestScheduler.run', () => {
  it('the simulator alone schedules nothing: its running timer is computed when read', () => {
    const scheduler = testScheduler();
    const host = createCallCardSimulator();
    let read: unknown;
    scheduler.run(() => {
      host.ring();
      host.call('CallCardSetUiState', { uiState: 'connected' }, () => {});
      // Nothing is queued on the virtual clock, so run returns as soon as the test is done.
      expect(scheduler.actions).toEqual([]);
      scheduler.schedule(() => (read = host.card().timer), 90_000);
    });
    expect(read).toEqual({ status: 'running', elapsedMs: 90_000 });
  });

  it('returns when the test disposes the card, with the timer$ values up to then', () => {
    const scheduler = testScheduler();
    const host = createCallCardSimulator();
    const ticks: TimerStatus[] = [];
    let completed = false;
    scheduler.run(({ hot }) => {
      const card = connectApp(host);
      card.timer$.subscribe({ next: (t) => ticks.push(t), complete: () => (completed = true) });
      host.ring();
      hot('1s a 3499ms d').subscribe((step) =>
        step === 'a' ? host.press('answer') : card.dispose(),
      );
    });
    expect(completed).toBe(true);
    expect(ticks.at(-1)).toEqual({ status: 'running', elapsedMs: 3000 });
    // The host keeps its own call: disposing the app's card does not touch it.
    expect(host.card().state).toBe('connected');
  });

  it('throws the bound error, naming the fix, when the test never ends the call', () => {
    const scheduler = testScheduler();
    const host = createCallCardSimulator();
    const run = (): void =>
      scheduler.run(() => {
        const card = connectApp(host);
        card.timer$.subscribe();
        host.ring();
        host.press('answer');
      });
    expect(run).toThrow(
      /^timerStatus: the call timer ran 168:00:00 .* card\.dispose\(\), unsubscribe from timer\$, or stopTimer\(\)\.$/,
    );
  });
});
