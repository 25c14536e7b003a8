import { addListener, createListeners, notify } from '../../src/internal/listeners';
import { createRunner } from '../../src/internal/runner';
import { collectUnhandledErrors } from '../support/fixtures';
import { settled } from '../support/later';

describe('createRunner: ordered work under re-entrancy', () => {
  const reported = collectUnhandledErrors();

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
    await settled();
    expect(reported).toEqual([boom, boom]);
  });

  it('a work that queues more and then throws: what it queued still runs, in order, once', async () => {
    const runner = createRunner();
    const seen: string[] = [];
    const boom = new Error('boom');
    runner.run(
      () => {
        runner.run((name: string) => seen.push(name), 'a', undefined);
        runner.run(
          () => {
            runner.run((name: string) => seen.push(name), 'c', undefined);
            throw boom;
          },
          undefined,
          undefined,
        );
        runner.run((name: string) => seen.push(name), 'b', undefined);
        throw boom;
      },
      undefined,
      undefined,
    );
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(runner.busy()).toBe(false);
    expect(runner.queued()).toBe(false);
    await settled();
    expect(reported).toEqual([boom, boom]);
    // Idle again: the next run is direct.
    const direct: boolean[] = [];
    runner.run(() => direct.push(runner.busy(), runner.queued()), undefined, undefined);
    expect(direct).toEqual([true, false]);
  });

  it('a run started from a listener notified inside a run waits for the outermost run', () => {
    const runner = createRunner();
    const listeners = createListeners<(value: string) => void>();
    const seen: string[] = [];
    addListener(listeners, (value: string) => {
      seen.push(`heard ${value}`);
      runner.run((v: string) => seen.push(`ran ${v}`), value, undefined);
      seen.push(`queued ${String(runner.queued())}`);
    });
    addListener(listeners, (value: string) => seen.push(`second heard ${value}`));
    runner.run(
      () => {
        notify(listeners, 'x');
        seen.push('outer done');
      },
      undefined,
      undefined,
    );
    expect(seen).toEqual(['heard x', 'queued true', 'second heard x', 'outer done', 'ran x']);
  });

  it('reports busy and queued while the queue drains, and is empty only when all ran', () => {
    const runner = createRunner();
    const states: string[] = [];
    const note = (name: string): void => {
      states.push(`${name} ${String(runner.busy())} ${String(runner.queued())}`);
    };
    runner.run(
      () => {
        runner.run(note, 'first', undefined);
        runner.run(note, 'second', undefined);
        note('outer');
      },
      undefined,
      undefined,
    );
    expect(states).toEqual(['outer true true', 'first true true', 'second true false']);
    expect([runner.busy(), runner.queued()]).toEqual([false, false]);
  });
});
