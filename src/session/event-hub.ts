import { fullMessages } from '../model/full-messages';
import { CallCardUnavailableError, describeThrow } from '../model/errors';
import type { CallCardPayloadError } from '../model/errors';
import type { CallCardEventType } from '../model/events';
import { hostEventName } from '../model/events';
import { readPayload } from '../model/validate';
import { addListener, createListeners, notify, notifyNext } from '../internal/listeners';
import type { SessionLogCardCause } from '../model/session-log';
import type { EventChannel, EventTap, Session } from './session';
import { isTraced, trace } from './trace';

// The bind-once event hub (internal): every stream and every live state of the library reads host
// events through it, and it counts the cards (the session's card tracker). Its state lives in
// the placement's session, shared by every build of the library in the page.

/** The channel of one event type, made on first use. */
export function channelOf(session: Session, type: CallCardEventType): EventChannel {
  let channel = session.channels.get(type);
  if (!channel) {
    channel = {
      session,
      type,
      listeners: createListeners(),
      bound: false,
      last: undefined,
      lastCard: 0,
    };
    session.channels.set(type, channel);
  }
  return channel;
}

/** Stops replaying a channel's latest value (a closed card's entity, an unreadable payload). */
function forget(channel: EventChannel | undefined): void {
  if (channel) channel.last = undefined;
}

const isCardEvent = (type: CallCardEventType): boolean =>
  type === 'initialized' || type === 'closeButtonClick';

/**
 * The host delivered an event: traced as delivered, then dispatched in host order. A card event
 * is counted as coming at once, so that while an earlier event is still being delivered (a host
 * that raises it inside a command's `call`), nothing is sent to a card about to change.
 */
function receive(channel: EventChannel, raw: unknown): void {
  const session = channel.session;
  if (isTraced(session)) trace(session, { kind: 'event', name: hostEventName(channel.type), raw });
  if (isCardEvent(channel.type)) session.tracker.coming += 1;
  session.dispatch.run(dispatch, channel, raw);
}

/**
 * Delivers one host event: the card first (readable at once), then the taps (the live states),
 * the event's own listeners (or the malformed report), and last the card's listeners: the state
 * must know of a new card before the queue sends the commands that waited for it. Allocates
 * nothing for a readable event.
 */
function dispatch(channel: EventChannel, raw: unknown): void {
  const { session, type } = channel;
  const tracker = session.tracker;
  const read = readPayload(type, raw);
  // A payload is plain data, never an Error: an Error is the refusal.
  const refused = read instanceof Error ? (read as CallCardPayloadError) : undefined;
  // The card follows the host event, not its payload: a card whose `initialized` payload cannot
  // be read exists all the same, and its commands work.
  let cardChanged = false;
  /** The card a new `initialized` replaced while it was open (it ends with it). */
  let replaced = 0;
  if (type === 'initialized') {
    if (tracker.lifecycle === 'open') replaced = tracker.number;
    tracker.coming -= 1;
    tracker.number += 1;
    tracker.lifecycle = 'open';
    tracker.closedBy = undefined;
    cardChanged = true;
  } else if (type === 'closeButtonClick') {
    tracker.coming -= 1;
    if (tracker.lifecycle !== 'closed') {
      tracker.lifecycle = 'closed';
      tracker.closedBy = 'closeClick';
      forget(session.channels.get('entityChanged'));
      cardChanged = true;
    }
  }
  // The replay memory first: a listener that joins while this event is delivered (a facade made
  // in a subscriber of the new card) must take over this card, not the one before. Such a
  // listener is not in this delivery's copy, made here too, so it sees the value once (replayed).
  const listeners = channel.listeners.list;
  if (refused) forget(channel);
  else if (type === 'initialized' || type === 'entityChanged') {
    channel.last = read;
    channel.lastCard = tracker.number;
  }
  if (session.taps.list.length > 0) notify(session.taps, type, read, refused);
  if (isTraced(session)) {
    if (refused) trace(session, { kind: 'failure', error: refused, id: undefined });
    if (replaced > 0) traceCard(session, replaced, 'closed', 'initialized');
    if (cardChanged)
      traceCard(
        session,
        tracker.number,
        type === 'initialized' ? 'open' : 'closed',
        type === 'initialized' ? 'initialized' : 'closeClick',
      );
  }
  // The latest value of an unreadable payload is now unknown (forgotten above): replaying the one
  // before it would describe another call.
  if (refused) notify(session.malformed, refused);
  else notifyNext(listeners, read);
  // Told also when a Close click changed nothing: the queue waited for it to be delivered.
  if (isCardEvent(type)) notify(tracker.changed);
}

/**
 * Binds the host event of `type` on the session's placement unless some build of the library
 * already did: once per placement, for the life of the page. A placement whose `bindEvent` throws
 * leaves the event unbound (a later call tries again) and throws `CallCardUnavailableError` naming
 * it.
 */
export function bindHostEvent(session: Session, type: CallCardEventType): void {
  const channel = channelOf(session, type);
  if (channel.bound) return;
  // Marked first: a host that delivers synchronously inside bindEvent re-enters here.
  channel.bound = true;
  const name = hostEventName(type);
  try {
    session.placement.bindEvent(name, (raw: unknown) => receive(channel, raw));
  } catch (cause) {
    channel.bound = false;
    throw new CallCardUnavailableError(
      name,
      fullMessages()
        ? `the placement could not bind it (${describeThrow(cause)})`
        : 'the placement could not bind it',
      { cause },
    );
  }
}

/** Listens to every host event first, read or not (the live states). */
export function tapEvents(session: Session, tap: EventTap): () => void {
  return addListener(session.taps, tap);
}

/**
 * Binds the two events that say which card is open, `initialized` and `closeButtonClick`: whoever
 * sends commands needs them followed, whether or not anyone listens to them.
 */
export function followCards(session: Session): void {
  bindHostEvent(session, 'initialized');
  bindHostEvent(session, 'closeButtonClick');
}

/** Runs `listener` after every card event (a new card, a close). */
export function onCardChange(session: Session, listener: () => void): () => void {
  return addListener(session.tracker.changed, listener);
}

/**
 * The host acknowledged `closeCard()` sent to card `card`: that card is closed, if it is still
 * the current one (also card 0, the card a frame may find open before it saw any
 * `initialized`). A late acknowledgement never closes a later card.
 */
export function closeCardByCommand(session: Session, card: number): void {
  const tracker = session.tracker;
  if (card !== tracker.number || tracker.lifecycle === 'closed') return;
  tracker.lifecycle = 'closed';
  tracker.closedBy = 'closeCommand';
  forget(session.channels.get('entityChanged'));
  if (isTraced(session)) traceCard(session, card, 'closed', 'closeCommand');
  notify(tracker.changed);
}

/** Tells the tracers that card `card` began or ended. */
function traceCard(
  session: Session,
  card: number,
  lifecycle: 'open' | 'closed',
  cause: SessionLogCardCause,
): void {
  trace(session, { kind: 'card', card, lifecycle, cause });
}

/** The payload an event would replay now (`initialized`, `entityChanged`), with when it came. */
export function replayed(session: Session, type: CallCardEventType): EventChannel | undefined {
  const channel = session.channels.get(type);
  return channel?.last !== undefined ? channel : undefined;
}
