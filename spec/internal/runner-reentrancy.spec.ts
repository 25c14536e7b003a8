import { config } from 'rxjs';
import { addListener, createListeners, notify } from '../../src/internal/listeners';
import { createRunner } from '../../src/internal/runner';

const later = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('the runner under re-entrancy', () => {
  let reported: unknown[];
  beforeEach(() => {
    reported = [];
    config.onUnhandledError = (error) => reported.push(error);
  });
  afterEach(() => {
    config.onUnhandledError = null;
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
    await later();
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
