import { Observable, Subject } from 'rxjs';
import type { OperatorFunction } from 'rxjs';
import type { CallCardActivity } from '../model/activity';

/**
 * Splits call-card activity into one Observable per call, so per-call logic (a dialled string,
 * a transfer in progress, a one-time greeting) starts clean for each call and ends with it.
 *
 * 1. `initialized` starts a session: a new inner Observable is emitted, and `initialized` is its
 *    first value. So does a `malformed` `initialized` (the host raised the card; its payload
 *    could not be read), and a `sync` that shows an open card (a late subscriber of
 *    `card.activity$` joins the call in progress).
 * 2. Every following activity (events, applied commands, malformed payloads) goes to that
 *    session, but for an applied command of another card (a late reply of an earlier call,
 *    whose `card` is not the session's): it is dropped.
 * 3. A Close click or an applied `CallCardClose` of the session's card is the session's last
 *    value; then it completes. An `initialized` while a session is open completes that session
 *    (without this value) and starts the next.
 * 4. Activity outside a call is dropped: before the first `initialized`, and after a close until
 *    the next one. An `entityChanged` that arrives before its `initialized` is therefore not in
 *    the session: read it from `callCardState` (`entity`) or the replaying `entityChanged$`.
 * 5. Sessions are hot, like `window`'s: subscribe as soon as one is emitted (`switchMap`,
 *    `mergeMap`, `concatMap` and `exhaustMap` all do) or its first values are missed. Nothing is
 *    kept from one call to the next.
 * 6. A source error errors the open session and the result; the source's completion completes
 *    the open session and the result. Unsubscribing the result unsubscribes the source; an open
 *    session then receives nothing more.
 *
 * ## Examples
 *
 * @example
 * Per call, count the dialpad keys and report when the call ends:
 * ```ts
 * import { count, filter, mergeMap } from 'rxjs';
 * import { callSessions } from 'b24-call-card-rx';
 *
 * card.activity$
 *   .pipe(
 *     callSessions(),
 *     mergeMap((session$) =>
 *       session$.pipe(
 *         filter((a) => a.kind === 'event' && a.event.type === 'dialpadButtonClick'),
 *         count(),
 *       ),
 *     ),
 *   )
 *   .subscribe((keys) => console.log(`call ended, ${keys} keys pressed`));
 * // Logs: call ended, 3 keys pressed
 * ```
 *
 * @example
 * In marbles (`i` initialized, `x` any activity, `c` close click):
 * ```ts
 * // activity: x-i-x-c-x-i-x-i-|
 * // sessions: --a-------b---c-|
 * // a:          i-x-(c|)
 * // b:                  i-x-|
 * // c:                      i-|
 * ```
 *
 * @returns An operator from activity to one Observable of activity per call.
 */
export function callSessions(): OperatorFunction<CallCardActivity, Observable<CallCardActivity>> {
  return (source) =>
    new Observable<Observable<CallCardActivity>>((subscriber) => {
      let session: Subject<CallCardActivity> | null = null;
      /** The number of the current card, counted like `callCardState` counts it. */
      let card = 0;
      /**
       * Ends the open session (cleared first: activity re-entering meanwhile is outside the call)
       * and, given `first`, starts the next with it.
       */
      const restart = (first?: CallCardActivity | false): void => {
        const open = session;
        session = null;
        open?.complete();
        if (!first) return;
        const next = new Subject<CallCardActivity>();
        // Set before emitting: a subscriber may re-enter with the call's next activity.
        session = next;
        subscriber.next(next.asObservable());
        next.next(first);
      };
      const subscription = source.subscribe({
        next: (activity) => {
          const open = session;
          if (activity.kind === 'sync') {
            card = activity.card;
            restart(activity.snapshot.uiState !== null && activity);
          } else if (opensCard(activity)) {
            card += 1;
            restart(activity);
          } else if (open && !(activity.kind === 'command' && (activity.card ?? card) !== card)) {
            const last = closesCard(activity);
            // Cleared first: activity re-entering during the close is outside the call.
            if (last) session = null;
            open.next(activity);
            if (last) open.complete();
          }
        },
        error: (error: unknown) => {
          const open = session;
          session = null;
          open?.error(error);
          subscriber.error(error);
        },
        complete: () => {
          restart();
          subscriber.complete();
        },
      });
      return () => {
        session = null;
        subscription.unsubscribe();
      };
    });
}

function opensCard(activity: CallCardActivity): boolean {
  return (
    (activity.kind === 'event'
      ? activity.event.type
      : activity.kind === 'malformed' && activity.error.event) === 'initialized'
  );
}

function closesCard(activity: CallCardActivity): boolean {
  return activity.kind === 'event'
    ? activity.event.type === 'closeButtonClick'
    : activity.kind === 'command' && activity.command.name === 'CallCardClose';
}
