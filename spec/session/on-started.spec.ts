import { deferPlacement } from 'b24-call-card-rx';
import type { PlacementPort } from 'b24-call-card-rx';
import { onStarted, startUpOf } from '../../src/session/start-up';
import { sessionOf } from '../../src/session/session';
import { recordingPlacement } from '../support/recording-placement';

const settledTasks = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function pending<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

// onStarted tells each waiter once, through one path, whether it waited or came late.
describe('onStarted', () => {
  const watch = (placement: PlacementPort, when?: 'attach' | 'release') => {
    const seen: string[] = [];
    const cancel = onStarted(
      startUpOf(placement),
      (session) => seen.push(session === sessionOf(host) ? 'started' : 'started elsewhere'),
      (failure) => seen.push(`failed ${failure.name}`),
      when,
    );
    return { seen, cancel };
  };
  let host = recordingPlacement();
  beforeEach(() => {
    host = recordingPlacement();
  });

  it('a host placement: started at once, the cancel does nothing', () => {
    const { seen, cancel } = watch(host);
    expect(seen).toEqual(['started']);
    cancel();
    expect(seen).toEqual(['started']);
  });

  it('a deferred placement that arrives: each waiter once, attach before release, late ones at once', async () => {
    const start = pending<PlacementPort>();
    const deferred = deferPlacement(start.promise);
    const order: string[] = [];
    onStarted(startUpOf(deferred), () => order.push('release'), undefined, 'release');
    onStarted(startUpOf(deferred), () => order.push('attach'));
    const waiting = watch(deferred);
    start.resolve(host);
    await settledTasks();
    expect(order).toEqual(['attach', 'release']);
    expect(waiting.seen).toEqual(['started']);
    expect(watch(deferred).seen).toEqual(['started']);
    expect(watch(deferred, 'release').seen).toEqual(['started']);
    waiting.cancel();
    expect(waiting.seen).toEqual(['started']);
  });

  it('a deferred placement that fails: failed once, never started, late ones at once', async () => {
    const start = pending<PlacementPort>();
    const deferred = deferPlacement(start.promise);
    const waiting = watch(deferred);
    start.reject(new Error('no portal'));
    await settledTasks();
    expect(waiting.seen).toEqual(['failed CallCardUnavailableError']);
    expect(watch(deferred).seen).toEqual(['failed CallCardUnavailableError']);
    // A waiter without a failure callback hears nothing.
    const quiet: string[] = [];
    onStarted(startUpOf(deferred), () => quiet.push('started'));
    expect(quiet).toEqual([]);
  });

  it('a deferred placement arriving at another deferred one starts with it, in its session', async () => {
    const inner = pending<PlacementPort>();
    const innerDeferred = deferPlacement(inner.promise);
    const outer = deferPlacement(Promise.resolve(innerDeferred));
    const waiting = watch(outer);
    await settledTasks();
    expect(waiting.seen).toEqual([]);
    inner.resolve(host);
    await settledTasks();
    expect(waiting.seen).toEqual(['started']);
    expect(startUpOf(outer).session).toBe(sessionOf(host));
  });

  it('a waiter cancelled before the start hears nothing of it', async () => {
    const start = pending<PlacementPort>();
    const deferred = deferPlacement(start.promise);
    const waiting = watch(deferred);
    const releasing = watch(deferred, 'release');
    waiting.cancel();
    releasing.cancel();
    start.resolve(host);
    await settledTasks();
    expect(waiting.seen).toEqual([]);
    expect(releasing.seen).toEqual([]);
    expect(startUpOf(deferred).attach.list).toEqual([]);
    expect(startUpOf(deferred).release.list).toEqual([]);
  });
});
