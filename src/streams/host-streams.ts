import type { Observable, Subscriber } from 'rxjs';
import type { CallCardPayloadError } from '../model/errors';
import type { CallCardEvent, CallCardEventMap, CallCardEventType } from '../model/events';
import { CALL_CARD_EVENT_TYPES } from '../model/events';
import { addListener } from '../internal/listeners';
import { bindHostEvent, channelOf } from '../session/event-hub';
import type { StartUp } from '../session/session';
import { whenStarted } from '../session/when-started';

// The hub's channels as Observables (internal): what `callCardEvents` and `fromCallCardEvent`
// hand out. Each waits for its start-up: on a deferred placement, a subscriber listens from the
// moment the real placement is known (and then receives the replayed values there are).

/**
 * Hot stream of one event's typed payloads, delivered synchronously within the host callback;
 * replays the latest `initialized` / `entityChanged` unless `replay` is `false`. Binds the host
 * event on subscription; a bind failure errors the subscriber with `CallCardUnavailableError`.
 * Never completes.
 */
export function hostEvent<T extends CallCardEventType>(
  startUp: StartUp,
  type: T,
  replay = true,
): Observable<CallCardEventMap[T]> {
  return whenStarted(startUp, (session, subscriber: Subscriber<CallCardEventMap[T]>) => {
    const channel = channelOf(session, type);
    // Listen before replaying: an event the replayed value's handler raises synchronously must
    // still reach this subscriber. (During a dispatch of this very event the listener is not in
    // the delivery copy, so the value is not seen twice.)
    // The subscriber itself is the listener: nothing of ours between the host and it. It stops
    // listening when it ends, also when binding fails (whenStarted errors it with the throw).
    subscriber.add(addListener(channel.listeners, subscriber as { next(payload: unknown): void }));
    if (replay && channel.last !== undefined) subscriber.next(channel.last as CallCardEventMap[T]);
    bindHostEvent(session, type);
  });
}

/**
 * Every readable host event as frozen `{type, payload}` data (`all$`), binding all 17. Each
 * subscriber is a plain listener on every event's own channel (no inner subscriptions), so it
 * receives each event in its subscription order among that event's listeners.
 */
export function everyEvent(startUp: StartUp): Observable<CallCardEvent> {
  return whenStarted(startUp, (session, subscriber: Subscriber<CallCardEvent>) => {
    // Each listener ends with the subscriber, also when binding an event fails.
    for (const type of CALL_CARD_EVENT_TYPES) {
      subscriber.add(
        addListener(channelOf(session, type).listeners, {
          next: (payload: unknown) =>
            subscriber.next(Object.freeze({ type, payload }) as CallCardEvent),
        }),
      );
      bindHostEvent(session, type);
    }
  });
}

/** Payloads the host sent that do not match the documentation: reported, then dropped. */
export function malformedEvents(startUp: StartUp): Observable<CallCardPayloadError> {
  return whenStarted(startUp, (session, subscriber: Subscriber<CallCardPayloadError>) =>
    addListener(session.malformed, (error: CallCardPayloadError) => subscriber.next(error)),
  );
}
