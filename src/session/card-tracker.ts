import type { CardTracker } from './session';

// What the card tracker tells the commands layer (internal): which card a command belongs to,
// whether it may go now, whether its card ended. The tracker counts; these only read it.

/**
 * The card a command handed over now belongs to: the open card, or, while none is open, the next
 * one (that is what waiting for `initialized` means). Before any `initialized` or Close click was
 * seen, a sink that does not wait gives its commands to the current card (0, or the card a
 * frame may find open before it saw any `initialized`).
 */
export function cardFor(tracker: CardTracker, waitForInitialized: boolean): number {
  if (tracker.lifecycle === 'open') return tracker.number;
  return tracker.lifecycle === 'waiting' && !waitForInitialized
    ? tracker.number
    : tracker.number + 1;
}

/**
 * Whether a command of card `card` may be handed to the host now: that card is the host's, it is
 * open (or, for a sink that does not wait, none was seen yet), and no card event the host raised
 * is still on its way to the listeners.
 */
export function canSendTo(
  tracker: CardTracker,
  card: number,
  waitForInitialized: boolean,
): boolean {
  return (
    tracker.coming === 0 &&
    card === tracker.number &&
    (tracker.lifecycle === 'open' || (tracker.lifecycle === 'waiting' && !waitForInitialized))
  );
}

/** Whether card `card` has ended: closed, or replaced by a later card. */
export function hasEnded(tracker: CardTracker, card: number): boolean {
  return card < tracker.number || (card === tracker.number && tracker.lifecycle === 'closed');
}

/** Why card `card` ended, in words for error messages. */
export function endOf(tracker: CardTracker, card: number): string {
  if (card < tracker.number) return 'the next card replaced it (initialized)';
  return tracker.closedBy === 'closeCommand'
    ? 'closeCard() closed it'
    : 'the user closed it (Close clicked)';
}
