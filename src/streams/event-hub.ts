import { Observable } from 'rxjs';
import type { CallCardPayloadError } from '../model/errors';
import { CallCardUnavailableError, describeThrow } from '../model/errors';
import type { CallCardEvent, CallCardEventMap, CallCardEventType } from '../model/events';
import { CALL_CARD_EVENT_TYPES, hostEventName } from '../model/events';
import { Refused, readPayload } from '../model/validate';
import { addListener, createListeners, notify } from '../internal/listeners';
import { reportError } from '../internal/report-error';
import { isTraced, trace } from '../internal/trace';
import type { EventChannel, EventListener, EventTap, Session } from '../internal/session';
import type { PlacementPort } from '../placement/placement-port';

// The bind-once event hub (internal): every stream of the library reads host events through it,
// and it owns the card's identity (which card is open). Its state lives in the placement's
// session, shared by every build of the library in the page.

/** Why a card ended, as error messages say it. */
const CLOSED_BY_CLICK = 'the user closed it (Close clicked)';
const CLOSED_BY_COMMAND = 'closeCard() closed it';

function channelOf(session: Session, type: CallCardEventType): EventChannel {
  let channel = session.channels.get(type);
  if (!channel) {
    channel = {
      session,
      type,
      listeners: createListeners(),
      bound: false,
      has: false,
      last: undefined,
    };
    session.channels.set(type, channel);
  }
  return channel;
}

/** Stops replaying a channel's latest value (a closed card's entity, an unreadable payload). */
function forget(channel: EventChannel | undefined): void {
  if (!channel) return;
  channel.has = false;
  channel.last = undefined;
}

/** Tells the card's listeners (the command queue) that the card changed. */
function announceCard(session: Session): void {
  notify(session.cardListeners, undefined);
}

/**
 * Delivers one host event: the card's identity first (readable at once), then the taps (the
 * facades' state), the event's own listeners (or the malformed report), and last the card's
 * listeners: the state must know of a new card before the queue sends the commands that waited
 * for it. Allocates nothing for a readable event.
 */
function dispatch(channel: EventChannel, raw: unknown): void {
  const { session, type } = channel;
  const traced = isTraced(session);
  if (traced) trace(session, 'event', hostEventName(type), raw);
  const read = readPayload(type, raw);
  const refused = read instanceof Refused ? read.error : undefined;
  // The card follows the host event, not its payload: a card whose `initialized` payload cannot
  // be read exists all the same, and its commands work.
  let cardChanged = false;
  if (type === 'initialized') {
    session.card += 1;
    session.lifecycle = 'open';
    cardChanged = true;
  } else if (type === 'closeButtonClick' && session.lifecycle !== 'closed') {
    session.lifecycle = 'closed';
    session.closedBy = CLOSED_BY_CLICK;
    forget(session.channels.get('entityChanged'));
    cardChanged = true;
  }
  // The replay memory first: a listener that joins while this event is delivered (a facade made
  // in a subscriber of the new card) must take over this card, not the one before. Such a
  // listener is not in this delivery's copy, made here too, so it sees the value once (replayed).
  const copy = channel.listeners.list;
  if (refused) forget(channel);
  else if (type === 'initialized' || type === 'entityChanged') {
    channel.has = true;
    channel.last = read;
    if (type === 'entityChanged') {
      session.entityCard = session.card;
      session.entityWhileOpen = session.lifecycle === 'open';
    }
  }
  if (session.taps.list.length > 0) {
    const taps = session.taps.list;
    for (let i = 0; i < taps.length; i++) {
      try {
        (taps[i] as EventTap)(type, read, refused);
      } catch (error) {
        reportError(error);
      }
    }
  }
  if (traced) {
    if (refused) trace(session, 'failure', refused, undefined);
    if (cardChanged)
      trace(
        session,
        'card',
        session.card,
        session.lifecycle === 'open' ? 'open' : 'closed',
        type === 'initialized' ? 'initialized' : 'closeClick',
      );
  }
  if (refused) {
    // The latest value is now unknown (forgotten above): replaying the one before it would
    // describe another call.
    notify(session.malformed, refused);
  } else {
    // An rxjs subscriber catches what its own observer throws; the catch is for anything else.
    for (let i = 0; i < copy.length; i++) {
      try {
        (copy[i] as EventListener).next(read);
      } catch (error) {
        reportError(error);
      }
    }
  }
  if (cardChanged) announceCard(session);
}

/**
 * Binds the host event of `type` on `placement` unless some build of the library already did:
 * once per placement, for the life of the page. A placement whose `bindEvent` throws leaves the
 * event unbound (a later call tries again) and throws `CallCardUnavailableError` naming it.
 */
export function bindHostEvent(
  session: Session,
  placement: PlacementPort,
  type: CallCardEventType,
): void {
  const channel = channelOf(session, type);
  if (channel.bound) return;
  // Marked first: a host that delivers synchronously inside bindEvent re-enters here.
  channel.bound = true;
  const name = hostEventName(type);
  try {
    placement.bindEvent(name, (raw: unknown) => {
      session.dispatch.run(dispatch, channel, raw);
    });
  } catch (cause) {
    channel.bound = false;
    throw new CallCardUnavailableError(
      name,
      `the placement could not bind it (${describeThrow(cause)})`,
      { cause },
    );
  }
}

/**
 * Hot stream of one event's typed payloads, delivered synchronously within the host callback;
 * replays the latest `initialized` / `entityChanged` unless `replay` is `false`. Binds the host
 * event on subscription; a bind failure errors the subscriber with `CallCardUnavailableError`.
 * Never completes.
 */
export function hostEvent<T extends CallCardEventType>(
  session: Session,
  placement: PlacementPort,
  type: T,
  replay = true,
): Observable<CallCardEventMap[T]> {
  return new Observable<CallCardEventMap[T]>((subscriber) => {
    const channel = channelOf(session, type);
    // The subscriber itself is the listener: nothing more to call per event.
    const listener = subscriber as EventListener;
    // Listen before replaying: an event the replayed value's handler raises synchronously must
    // still reach this subscriber. (During a dispatch of this very event the listener is not in
    // the delivery copy, so the value is not seen twice.)
    const remove = addListener(channel.listeners, listener);
    if (replay && channel.has) subscriber.next(channel.last as CallCardEventMap[T]);
    try {
      bindHostEvent(session, placement, type);
    } catch (error) {
      remove();
      throw error;
    }
    return remove;
  });
}

/**
 * Every readable host event as frozen `{type, payload}` data (`all$`), binding all 17. Each
 * subscriber is a plain listener on every event's own channel (no inner subscriptions), so it
 * receives each event in its subscription order among that event's listeners.
 */
export function everyEvent(session: Session, placement: PlacementPort): Observable<CallCardEvent> {
  return new Observable<CallCardEvent>((subscriber) => {
    const removals: Array<() => void> = [];
    const stop = (): void => {
      for (const remove of removals) remove();
    };
    try {
      for (const type of CALL_CARD_EVENT_TYPES) {
        const listener: EventListener = {
          next: (payload) => subscriber.next(Object.freeze({ type, payload }) as CallCardEvent),
        };
        removals.push(addListener(channelOf(session, type).listeners, listener));
        bindHostEvent(session, placement, type);
      }
    } catch (error) {
      stop();
      throw error;
    }
    return stop;
  });
}

/** Payloads the host sent that do not match the documentation: reported, then dropped. */
export function malformedEvents(session: Session): Observable<CallCardPayloadError> {
  return new Observable<CallCardPayloadError>((subscriber) =>
    addListener(session.malformed, (error: CallCardPayloadError) => subscriber.next(error)),
  );
}

/** Listens to every host event first, read or not (the facades' stores). */
export function tapEvents(session: Session, tap: EventTap): () => void {
  return addListener(session.taps, tap);
}

/**
 * Binds the two events that say which card is open, `initialized` and `closeButtonClick`: whoever
 * sends commands needs them followed, whether or not anyone listens to them.
 */
export function followCards(session: Session, placement: PlacementPort): void {
  bindHostEvent(session, placement, 'initialized');
  bindHostEvent(session, placement, 'closeButtonClick');
}

/** Runs `listener` after every change of the card (a new card, a close). */
export function onCardChange(session: Session, listener: () => void): () => void {
  return addListener(session.cardListeners, listener);
}

/**
 * The host acknowledged `closeCard()` sent to card `card`: that card is closed, if it is still
 * the current one (also card 0, the card a frame may find open before it saw any
 * `initialized`). A late acknowledgement never closes a later card.
 */
export function closeCardByCommand(session: Session, card: number): void {
  if (card !== session.card || session.lifecycle === 'closed') return;
  session.lifecycle = 'closed';
  session.closedBy = CLOSED_BY_COMMAND;
  forget(session.channels.get('entityChanged'));
  if (isTraced(session)) trace(session, 'card', card, 'closed', 'closeCommand');
  announceCard(session);
}

/** The payload an event would replay now (`initialized`, `entityChanged`), if any. */
export function replayedPayload<T extends CallCardEventType>(
  session: Session,
  type: T,
): { readonly value: CallCardEventMap[T] } | undefined {
  const channel = session.channels.get(type);
  return channel?.has ? { value: channel.last as CallCardEventMap[T] } : undefined;
}
