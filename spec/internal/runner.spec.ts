import { config } from 'rxjs';
import { createRunner } from '../../src/internal/runner';

describe('createRunner: ordered work under re-entrancy', () => {
  let reported: unknown[];
  beforeEach(() => {
    reported = [];
    config.onUnhandledError = (error) => reported.push(error);
  });
  afterEach(() => {
    config.onUnhandledError = null;
  });

  it('runs an idle work at once, with both arguments', () => {
    const runner = createRunner();
    const seen: unknown[] = [];
    runner.run((a: number, b: string) => seen.push(a, b, runner.busy()), 1, 'x');
    expect(seen).toEqual([1, 'x', true]);
    expect(runner.busy()).toBe(false);
    expect(runner.queued()).toBe(false);
  });

  it('runs a work queued from inside another after it, and after the works queued before it', () => {
    const runner = createRunner();
    const seen: string[] = [];
    const log = (name: string, then?: () => void): void => {
      seen.push(`start ${name}`);
      then?.();
      seen.push(`end ${name}`);
    };
    runner.run(log, 'outer', () => {
      runner.run(log, 'first', () => runner.run(log, 'third', undefined));
      expect(runner.queued()).toBe(true);
      runner.run(log, 'second', undefined);
    });
    expect(seen).toEqual([
      'start outer',
      'end outer',
      'start first',
      'end first',
      'start second',
      'end second',
      'start third',
      'end third',
    ]);
    expect(runner.queued()).toBe(false);
  });

  it('tells whether works wait behind the one running', () => {
    const runner = createRunner();
    const queued: boolean[] = [];
    const note = (): void => {
      queued.push(runner.queued());
    };
    runner.run(
      () => {
        note();
        runner.run(note, undefined, undefined);
        runner.run(note, undefined, undefined);
        note();
      },
      undefined,
      undefined,
    );
    // In the first: none, then two; in the second: one more; in the third: none.
    expect(queued).toEqual([false, true, true, false]);
  });

  it('reports a work that throws and still runs the next one, then is idle again', async () => {
    const runner = createRunner();
    const boom = new Error('boom');
    const seen: string[] = [];
    runner.run(
      () => {
        runner.run(
          () => {
            throw boom;
          },
          undefined,
          undefined,
        );
        runner.run(() => seen.push('after'), undefined, undefined);
        throw boom;
      },
      undefined,
      undefined,
    );
    expect(seen).toEqual(['after']);
    expect(runner.busy()).toBe(false);
    runner.run(() => seen.push('again'), undefined, undefined);
    expect(seen).toEqual(['after', 'again']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reported).toEqual([boom, boom]);
  });
});
