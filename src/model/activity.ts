import type { CallCardCommand } from './commands';
import type { CallCardEvent } from './events';

/**
 * What changes the card: a host event, or a command the host acknowledged. The state operators
 * reduce over both, because `CallCardSetMute`, `CallCardSetHold` and every other command change
 * the card silently (no event follows).
 */
export type CallCardActivity =
  | { readonly kind: 'event'; readonly event: CallCardEvent }
  | { readonly kind: 'command'; readonly command: CallCardCommand };
