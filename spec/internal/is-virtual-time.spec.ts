import {
  VirtualTimeScheduler,
  animationFrameScheduler,
  asapScheduler,
  asyncScheduler,
  queueScheduler,
} from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { isVirtualTime } from '../../src/internal/is-virtual-time';

const testScheduler = (): TestScheduler => new TestScheduler(() => {});

describe('isVirtualTime', () => {
  it('is true for a VirtualTimeScheduler or a TestScheduler, in and out of run', () => {
    const scheduler = testScheduler();
    expect(isVirtualTime(new VirtualTimeScheduler())).toBe(true);
    expect(isVirtualTime(scheduler)).toBe(true);
    scheduler.run(() => expect(isVirtualTime(scheduler)).toBe(true));
  });

  it("is true for rxjs's own schedulers only while TestScheduler.run virtualises them", () => {
    const own = [asyncScheduler, asapScheduler, queueScheduler, animationFrameScheduler];
    expect(own.map(isVirtualTime)).toEqual([false, false, false, false]);
    testScheduler().run(() => expect(own.map(isVirtualTime)).toEqual([true, true, true, true]));
    expect(own.map(isVirtualTime)).toEqual([false, false, false, false]);
  });

  it("is true inside run for a wrapper that reads rxjs's clock, as the Angular entry's scheduler does", () => {
    const wrapper: SchedulerLike = {
      now: () => asyncScheduler.now(),
      schedule: (...args: Parameters<SchedulerLike['schedule']>) =>
        asyncScheduler.schedule(...args),
    };
    expect(isVirtualTime(wrapper)).toBe(false);
    testScheduler().run(() => expect(isVirtualTime(wrapper)).toBe(true));
  });

  it('recognises a VirtualTimeScheduler of another copy of rxjs by its shape', () => {
    let other!: typeof import('rxjs');
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module registry
      other = require('rxjs') as typeof import('rxjs');
    });
    const foreign = new other.VirtualTimeScheduler();
    expect(foreign).not.toBeInstanceOf(VirtualTimeScheduler);
    expect(isVirtualTime(foreign)).toBe(true);
  });

  it('is false for a scheduler on a clock of its own (an epoch time), and for one whose inspection throws', () => {
    const own: SchedulerLike = {
      now: () => 1_765_000_000_000,
      schedule: () => asyncScheduler.schedule(() => {}),
    };
    const hostile = new Proxy(own, {
      get(target, key) {
        if (key === 'now' || key === 'schedule') return target[key];
        throw new Error(`no ${String(key)}`);
      },
    });
    expect(isVirtualTime(own)).toBe(false);
    expect(isVirtualTime(hostile)).toBe(false);
    testScheduler().run(() => {
      expect(isVirtualTime(own)).toBe(false);
      expect(isVirtualTime(hostile)).toBe(false);
    });
  });
});
