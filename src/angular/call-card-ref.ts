import {
  DestroyRef,
  ErrorHandler,
  InjectionToken,
  NgZone,
  computed,
  inject,
  signal,
} from '@angular/core';
import type { Signal } from '@angular/core';
import { Subscription, asyncScheduler } from 'rxjs';
import type { SchedulerAction, SchedulerLike } from 'rxjs';
import type { CallCard, ConnectCallCardOptions } from '../call-card';
import { connectCallCard } from '../call-card';
import type { CallCardError } from '../model/errors';
import type { CallCardSnapshot } from '../model/snapshot';
import { formatCallTimer } from '../operators/format-call-timer';
import type { TimerStatus } from '../operators/timer-status';
import type { PlacementPort } from '../placement/placement-port';
import { deferPlacement } from '../placement/defer-placement';
import { onStarted, startUpOf } from '../session/start-up';
import { isPlacementPort } from '../placement/check-placement';

/** What `provideCallCard` accepts: the placement, or a function that starts it (internal). */
export type CallCardPlacementSource =
  PlacementPort | (() => PlacementPort | PromiseLike<PlacementPort>);

/** The app's call card and its signals, one per `provideCallCard` (internal). */
export interface CallCardRef {
  readonly card: CallCard;
  readonly state: Signal<CallCardSnapshot>;
  readonly timer: Signal<TimerStatus>;
  readonly timerText: Signal<string>;
  readonly lastError: Signal<CallCardError | null>;
}

/** Where `provideCallCard` puts the card and `injectCallCard` finds it (internal). */
export const CALL_CARD_REF = new InjectionToken<CallCardRef>('b24-call-card-rx: the call card');

/**
 * Runs the factory; anything but a port it returns at once (a promise, a throw, a wrong value)
 * goes through `deferPlacement`, so a failed start is reported, not a blank page.
 */
function startPlacement(factory: () => PlacementPort | PromiseLike<PlacementPort>): PlacementPort {
  let started: PlacementPort | PromiseLike<PlacementPort>;
  try {
    started = factory();
  } catch (cause) {
    return deferPlacement(() => {
      throw cause;
    });
  }
  return isPlacementPort(started) ? started : deferPlacement(() => started);
}

/**
 * `asyncScheduler`, scheduling outside Angular's zone: under zone.js a running call timer (and a
 * command's timeout) must not keep the app from becoming stable. Signals set from there still
 * schedule change detection. Without zone.js `runOutsideAngular` just runs the work.
 */
function outsideAngular(zone: NgZone): SchedulerLike {
  // One per zone: a card's shared state is kept per placement AND scheduler, so two
  // `provideCallCard` on one placement (an app's and a route's) must share the scheduler too.
  let scheduler = outsideAngularSchedulers.get(zone);
  if (scheduler === undefined) {
    scheduler = createOutsideAngular(zone);
    outsideAngularSchedulers.set(zone, scheduler);
  }
  return scheduler;
}

const outsideAngularSchedulers = new WeakMap<NgZone, SchedulerLike>();

function createOutsideAngular(zone: NgZone): SchedulerLike {
  return {
    now: () => asyncScheduler.now(),
    schedule<T>(
      work: (this: SchedulerAction<T>, state?: T) => void,
      delay?: number,
      state?: T,
    ): Subscription {
      return zone.runOutsideAngular(() => asyncScheduler.schedule(work, delay, state));
    },
  };
}

/** Creates the card in an injection context; it is disposed with that injector (internal). */
export function createCallCardRef(
  source: CallCardPlacementSource,
  options: ConnectCallCardOptions | undefined,
): CallCardRef {
  // No NgZone in a bare environment injector (one made without an application): no zone to leave.
  const zone = inject(NgZone, { optional: true });
  const outside = <T>(work: () => T): T => (zone ? zone.runOutsideAngular(work) : work());
  const placement = typeof source === 'function' ? startPlacement(source) : source;
  const card = connectCallCard(placement, {
    ...options,
    scheduler: options?.scheduler ?? (zone ? outsideAngular(zone) : asyncScheduler),
  });
  const subscriptions = new Subscription();
  let destroyed = false;
  inject(DestroyRef).onDestroy(() => {
    destroyed = true;
    stopWaiting();
    subscriptions.unsubscribe();
    card.dispose();
  });
  // A failed start also goes to the console (Angular's ErrorHandler): an app that does not show
  // `lastError` would otherwise fail silently outside a portal. A task later, as on `errors$`;
  // not once the injector is gone: nobody is left to tell.
  const errorHandler = inject(ErrorHandler, { optional: true });
  const stopWaiting = onStarted(startUpOf(placement), noop, (failure) => {
    void Promise.resolve().then(() => {
      if (!destroyed) errorHandler?.handleError(failure);
    });
  });

  const state = signal(card.snapshot());
  const timer = signal<TimerStatus>({ status: 'hidden', elapsedMs: 0 });
  const lastError = signal<CallCardError | null>(null);
  outside(() => {
    subscriptions.add(card.state$.subscribe((s) => state.set(s)));
    subscriptions.add(card.timer$.subscribe((t) => timer.set(t)));
    subscriptions.add(card.errors$.subscribe((e) => lastError.set(e)));
  });
  const timerValue = timer.asReadonly();
  return {
    card,
    state: state.asReadonly(),
    timer: timerValue,
    timerText: computed(() => {
      const { status, elapsedMs } = timerValue();
      return status === 'hidden' ? '' : formatCallTimer(elapsedMs);
    }),
    lastError: lastError.asReadonly(),
  };
}

function noop(): void {}
