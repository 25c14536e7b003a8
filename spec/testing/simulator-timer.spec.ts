import { asyncScheduler, map } from 'rxjs';
import type { RunHelpers } from 'rxjs/testing';
import type { HostUiState } from '../../src/model/ui-states';
import { createCallCardSimulator } from '../../src/testing/create-call-card-simulator';
import type { CallCardSimulator } from '../../src/testing/create-call-card-simulator';
import { send } from './host-probe';
import { TIMER_RESETTING_STATES } from '../support/valid-payloads';
import { testScheduler } from '../support/fixtures';

type Timer = ReturnType<CallCardSimulator['card']>['timer'];
const hidden: Timer = { status: 'hidden', elapsedMs: 0 };
const running = (elapsedMs: number): Timer => ({ status: 'running', elapsedMs });
const stopped = (elapsedMs: number): Timer => ({ status: 'stopped', elapsedMs });

/**
 * Plays `steps` on the marble `script` against a fresh card (virtual time) and expects the
 * timer read right after each step to follow the same marble with `expected` values.
 */
function play(
  script: string,
  subscription: string,
  steps: (sim: CallCardSimulator) => Record<string, () => void>,
  expected: Record<string, Timer>,
): void {
  testScheduler().run(({ cold, expectObservable, expectSubscriptions }: RunHelpers) => {
    const sim = createCallCardSimulator();
    sim.ring();
    const steps$ = cold(script, steps(sim));
    expectObservable(
      steps$.pipe(
        map((step) => {
          step();
          return sim.card().timer;
        }),
      ),
    ).toBe(script, expected);
    expectSubscriptions(steps$.subscriptions).toBe(subscription);
  });
}

const state =
  (sim: CallCardSimulator, uiState: HostUiState, disableAutoStartTimer?: boolean) => () => {
    const params =
      disableAutoStartTimer === undefined ? { uiState } : { uiState, disableAutoStartTimer };
    expect(send(sim, 'CallCardSetUiState', params)).toEqual([[]]);
  };
const start = (sim: CallCardSimulator) => () => void send(sim, 'CallCardStartTimer');
const stop = (sim: CallCardSimulator) => () => void send(sim, 'CallCardStopTimer');
const look = () => undefined;

describe('simulator timer (docs/host-behaviour.md, section 4)', () => {
  it('starts hidden on a new card', () => {
    play('(a|)', '(^!)', () => ({ a: look }), { a: hidden });
  });

  it('connected: shows the timer and starts it at now; elapsed is now - startedAt', () => {
    play(
      'a 999ms b 59s (c|)',
      '^ 60000ms !',
      (sim) => ({ a: state(sim, 'connected'), b: look, c: look }),
      { a: running(0), b: running(1000), c: running(60_001) },
    );
  });

  it('re-entering connected while running changes nothing', () => {
    play(
      'a 1999ms b 999ms (c|)',
      '^ 2999ms !',
      (sim) => ({ a: state(sim, 'connected'), b: state(sim, 'connected'), c: look }),
      { a: running(0), b: running(2000), c: running(3000) },
    );
  });

  it('connected + disableAutoStartTimer: stopped, hidden and reset; the next start counts from then', () => {
    play(
      'a 4999ms b 999ms c 999ms (d|)',
      '^ 6999ms !',
      (sim) => ({
        a: state(sim, 'connected'),
        b: state(sim, 'connected', true),
        c: state(sim, 'connected'),
        d: look,
      }),
      { a: running(0), b: hidden, c: running(0), d: running(1000) },
    );
  });

  it('disableAutoStartTimer on a card that never started keeps it hidden', () => {
    play('a 999ms (b|)', '^ 999ms !', (sim) => ({ a: state(sim, 'connected', true), b: look }), {
      a: hidden,
      b: hidden,
    });
  });

  it.each(['transferring', 'transferFailed', 'transferConnected', 'externalCard'] as const)(
    '%s keeps a running timer counting and visible',
    (keeping) => {
      play(
        'a 999ms b 999ms (c|)',
        '^ 1999ms !',
        (sim) => ({ a: state(sim, 'connected'), b: state(sim, keeping), c: look }),
        { a: running(0), b: running(1000), c: running(2000) },
      );
    },
  );

  it.each(['transferring', 'transferFailed', 'transferConnected', 'externalCard'] as const)(
    '%s hides and resets a timer that is not running',
    (keeping) => {
      play(
        'a 999ms b 999ms c 999ms d 999ms (e|)',
        '^ 3999ms !',
        (sim) => ({
          a: state(sim, 'connected'),
          b: stop(sim),
          c: state(sim, keeping),
          d: state(sim, 'connected'),
          e: look,
        }),
        { a: running(0), b: stopped(1000), c: hidden, d: running(0), e: running(1000) },
      );
    },
  );

  it.each(TIMER_RESETTING_STATES)('%s stops, hides and resets the timer', (other) => {
    play(
      'a 2999ms b 999ms c 999ms (d|)',
      '^ 4999ms !',
      (sim) => ({
        a: state(sim, 'connected'),
        b: state(sim, other),
        c: state(sim, 'connected'),
        d: look,
      }),
      { a: running(0), b: hidden, c: running(0), d: running(1000) },
    );
  });

  it('CallCardStartTimer shows and starts the timer in any state', () => {
    play(
      'a 999ms b 999ms (c|)',
      '^ 1999ms !',
      (sim) => ({ a: start(sim), b: start(sim), c: look }),
      { a: running(0), b: running(1000), c: running(2000) },
    );
  });

  it('CallCardStopTimer freezes the value at the stop exactly, visible, startedAt kept', () => {
    play(
      'a 1499ms b 9s (c|)',
      '^ 10500ms !',
      (sim) => ({ a: state(sim, 'connected'), b: stop(sim), c: look }),
      { a: running(0), b: stopped(1500), c: stopped(1500) },
    );
  });

  it('a restart resumes from the original start: the stopped time counts', () => {
    play(
      'a 999ms b 4999ms c 999ms (d|)',
      '^ 6999ms !',
      (sim) => ({ a: start(sim), b: stop(sim), c: start(sim), d: look }),
      { a: running(0), b: stopped(1000), c: running(6000), d: running(7000) },
    );
  });

  it('re-entering connected after a stop resumes from the original start too', () => {
    play(
      'a 999ms b 999ms (c|)',
      '^ 1999ms !',
      (sim) => ({ a: state(sim, 'connected'), b: stop(sim), c: state(sim, 'connected') }),
      { a: running(0), b: stopped(1000), c: running(2000) },
    );
  });

  it('a stop on a timer that never ran changes nothing', () => {
    play('a 999ms (b|)', '^ 999ms !', (sim) => ({ a: stop(sim), b: look }), {
      a: hidden,
      b: hidden,
    });
  });

  it('a second stop keeps the first frozen value', () => {
    play(
      'a 999ms b 999ms (c|)',
      '^ 1999ms !',
      (sim) => ({ a: start(sim), b: stop(sim), c: stop(sim) }),
      { a: running(0), b: stopped(1000), c: stopped(1000) },
    );
  });

  it('a new ring resets the timer with the new card', () => {
    play(
      'a 999ms (b|)',
      '^ 999ms !',
      (sim) => ({ a: state(sim, 'connected'), b: () => void sim.ring() }),
      { a: running(0), b: hidden },
    );
  });

  it('shows "Conversation length: MM:SS", and "(stopped)" when frozen, in the view', () => {
    testScheduler().run(({ flush }) => {
      const sim = createCallCardSimulator();
      sim.ring();
      expect(sim.view()).not.toContain('Conversation length');
      send(sim, 'CallCardSetUiState', { uiState: 'connected' });
      sim.call('CallCardStopTimer', {}, () => undefined);
      expect(sim.view()).toContain('Conversation length: 00:00 (stopped)');
      send(sim, 'CallCardStartTimer');
      // asyncScheduler is virtual inside run(): flushing this no-op moves the clock 65.9 s on,
      // where the display has not reached 01:06 yet.
      asyncScheduler.schedule(() => undefined, 65_900);
      flush();
      expect(sim.view()).toContain('Conversation length: 01:05');
      expect(sim.view()).not.toContain('(stopped)');
    });
  });
});
