import { Observable, Subscription } from 'rxjs';
import type { Subscriber, TeardownLogic } from 'rxjs';
import type { CallCardUnavailableError } from '../model/errors';
import type { Session, StartUp } from './session';
import { onStarted } from './start-up';

/**
 * An Observable that runs `attach(session, subscriber)` once `startUp` has its session (at once
 * when it has), and `failed(failure, subscriber)` if its start fails (by default nothing: such a
 * stream never emits); its teardown cancels the wait or runs what `attach` returned. What
 * `attach` throws errors the subscriber (internal).
 */
export function whenStarted<T>(
  startUp: StartUp,
  attach: (session: Session, subscriber: Subscriber<T>) => TeardownLogic,
  failed?: (failure: CallCardUnavailableError, subscriber: Subscriber<T>) => void,
): Observable<T> {
  return new Observable<T>((subscriber) => {
    // Started (the usual case, and every send's): nothing to wait for, nothing to allocate.
    if (startUp.session !== undefined) return attach(startUp.session, subscriber);
    const attached = new Subscription();
    const cancel = onStarted(
      startUp,
      (session) => {
        if (subscriber.closed) return;
        try {
          attached.add(attach(session, subscriber));
        } catch (error) {
          subscriber.error(error);
        }
      },
      failed && ((failure) => failed(failure, subscriber)),
    );
    return () => {
      cancel();
      attached.unsubscribe();
    };
  });
}
