import type { CallCardCommand } from './commands';
import type { CallCardPayloadError } from './errors';
import type { CallCardEvent } from './events';
import type { CallCardSnapshot } from './snapshot';

/**
 * What changes the card, as `callCardState` reduces it and `connectCallCard(...).activity$`
 * emits it. Write it by hand to test `callCardState` or `callSessions` without a host. The kinds:
 *
 * - `event`: a host event, read and typed. On an `initialized`, `card` is the number the
 *   placement's session gave the card it opened (cards are numbered from 1 in the order of their
 *   `initialized`, counted once per placement); a reducer shows that number, so a command's
 *   `card` compares with it. Without it (activity made by hand) the reducer counts on itself.
 * - `command`: a command the host acknowledged (or, for the timer commands it never answers,
 *   that was sent). Commands count because `CallCardSetMute`, `CallCardSetHold` and every other
 *   command change the card silently (no event follows). `card` is the card it was sent to: the
 *   placement's cards are numbered from 1 in the order of their `initialized` (0: before any). A
 *   reducer ignores a command whose `card` is not the card it shows, so a late reply of a closed
 *   call never changes the next one. Leave it out for commands of the current card (hand-made
 *   activity in tests). `at`, on the commands that can move the call timer (`CallCardSetUiState`,
 *   `CallCardStartTimer`, `CallCardStopTimer`), is when it was applied, in the time of the
 *   scheduler of whoever recorded it (the facade's): a reducer times the call timer by it,
 *   whatever its own scheduler; without it, the reducer's scheduler tells the time on arrival.
 * - `malformed`: a host event whose payload could not be read. Such an `initialized` still
 *   raised a card (its commands work), which the state shows with `call: null`; `card` as for
 *   `event`.
 * - `sync`: the state so far, as one activity. `connectCallCard(...).activity$` starts every
 *   subscription with one, so `card.activity$.pipe(callCardState())` always equals
 *   `card.state$`, however late it subscribes. `entityKept`: whether `snapshot.entity` came since
 *   the last `initialized` or close, so the next `initialized` keeps it.
 */
export type CallCardActivity =
  | { readonly kind: 'event'; readonly event: CallCardEvent; readonly card?: number }
  | {
      readonly kind: 'command';
      readonly command: CallCardCommand;
      readonly card?: number;
      readonly at?: number;
    }
  | { readonly kind: 'malformed'; readonly error: CallCardPayloadError; readonly card?: number }
  | {
      readonly kind: 'sync';
      readonly snapshot: CallCardSnapshot;
      readonly card: number;
      readonly entityKept: boolean;
    };
