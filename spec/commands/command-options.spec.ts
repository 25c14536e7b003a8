import { asyncScheduler, of } from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import {
  applyCommands,
  CallCardInputError,
  connectCallCard,
  sendCommand,
  setCardTitle,
} from 'b24-call-card-rx';
import type { CommandOutcome } from 'b24-call-card-rx';
import { callInfo, testScheduler } from '../support/fixtures';
import { recordingPlacement } from '../support/recording-placement';

const initialized = 'BackgroundCallCard::initialized';

/** What `make` throws, as `where field`. */
const thrown = (make: () => unknown): string => {
  try {
    make();
  } catch (error) {
    if (error instanceof CallCardInputError) return `${error.command} ${error.field}`;
    return `not an input error: ${String(error)}`;
  }
  return 'nothing';
};

// Options left out, empty or undefined give the defaults (a 10 s timeout, waiting for
// `initialized`); a bad one throws at once, naming the function and the option.
describe('command options', () => {
  it.each([
    ['no options', undefined],
    ['empty options', {}],
    ['options set to undefined', { timeoutMs: undefined, scheduler: undefined } as never],
  ])('sendCommand with %s times out after 10 s', (_name, options) => {
    testScheduler().run(({ flush }) => {
      const placement = recordingPlacement(() => undefined);
      const times: number[] = [];
      let start = 0;
      const sub = sendCommand(placement, setCardTitle('A'), options).subscribe({
        error: (e: Error) =>
          times.push(e.name === 'CallCardTimeoutError' ? asyncScheduler.now() - start : -1),
      });
      start = asyncScheduler.now();
      placement.emit(initialized, callInfo());
      flush();
      expect(times).toEqual([10_000]);
      expect(sub.closed).toBe(true);
    });
  });

  it.each([
    ['no options', undefined],
    ['empty options', {}],
    ['options set to undefined', { timeoutMs: undefined, waitForInitialized: undefined } as never],
  ])('applyCommands with %s waits for initialized, then times out after 10 s', (_name, options) => {
    testScheduler().run(({ flush }) => {
      const placement = recordingPlacement(() => undefined);
      const outcomes: string[] = [];
      const sub = of(setCardTitle('A'))
        .pipe(applyCommands(placement, options))
        .subscribe((o: CommandOutcome) =>
          outcomes.push(`${asyncScheduler.now()} ${o.ok ? 'ok' : o.error.name}`),
        );
      flush();
      expect(placement.calls).toEqual([]);
      placement.emit(initialized, callInfo());
      expect(placement.calls.map((c) => c.command)).toEqual(['CallCardSetCardTitle']);
      flush();
      expect(outcomes).toEqual(['10000 CallCardTimeoutError']);
      expect(sub.closed).toBe(true);
    });
  });

  it('refuses bad command options at once, naming the function and the option', () => {
    const placement = recordingPlacement();
    const notAScheduler = { now: () => 0 } as unknown as SchedulerLike;
    const command = setCardTitle('A');
    expect(thrown(() => sendCommand(placement, command, { timeoutMs: 0 }))).toBe(
      'sendCommand options.timeoutMs',
    );
    expect(thrown(() => sendCommand(placement, command, { scheduler: notAScheduler }))).toBe(
      'sendCommand options.scheduler',
    );
    expect(
      thrown(() => sendCommand(placement, command, { waitForInitialized: false } as never)),
    ).toBe('sendCommand options');
    expect(thrown(() => applyCommands(placement, { timeoutMs: -1 }))).toBe(
      'applyCommands options.timeoutMs',
    );
    expect(thrown(() => applyCommands(placement, { waitForInitialized: 1 as never }))).toBe(
      'applyCommands options.waitForInitialized',
    );
    expect(thrown(() => applyCommands(placement, null as never))).toBe('applyCommands options');
    expect(placement.calls).toEqual([]);
  });

  it.each([
    ['timeoutMs', { timeoutMs: 'soon' }, 'connectCallCard options.timeoutMs'],
    ['scheduler', { scheduler: {} }, 'connectCallCard options.scheduler'],
    [
      'waitForInitialized',
      { waitForInitialized: 'yes' },
      'connectCallCard options.waitForInitialized',
    ],
    ['tickMs', { tickMs: 1.5 }, 'connectCallCard options.tickMs'],
    // Checked in one order: the scheduler first, then the command options, then the timer's.
    [
      'scheduler and timeoutMs',
      { scheduler: {}, timeoutMs: 0 },
      'connectCallCard options.scheduler',
    ],
    ['timeoutMs and tickMs', { timeoutMs: 0, tickMs: 0 }, 'connectCallCard options.timeoutMs'],
    ['an unknown option', { timeout: 1 }, 'connectCallCard options'],
  ])('connectCallCard refuses a bad %s, naming it, and binds nothing', (_name, options, named) => {
    const placement = recordingPlacement();
    expect(thrown(() => connectCallCard(placement, options as never))).toBe(named);
    expect(placement.binds).toEqual([]);
  });

  it('connectCallCard takes Infinity as a timeout, and its commands then wait for ever', () => {
    testScheduler().run(({ flush }) => {
      const placement = recordingPlacement(() => undefined);
      const card = connectCallCard(placement, { timeoutMs: Infinity });
      placement.emit(initialized, callInfo());
      const seen: string[] = [];
      card.send(setCardTitle('A')).subscribe({ error: (e: Error) => seen.push(e.name) });
      flush();
      expect(seen).toEqual([]);
      card.dispose();
      expect(seen).toEqual(['CallCardUnavailableError']);
    });
  });
});
