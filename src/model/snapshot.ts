import type { CallInfo, CrmEntity } from './events';
import type { HostUiState } from './ui-states';

/**
 * The host's call timer as raw data (docs/host-behaviour.md, section 4), in the times of the scheduler that
 * `callCardState` was given. `timerStatus` turns it into what the card shows. You rarely read it
 * yourself: compare it with `===` to see that the timer changed.
 *
 * - `running`: counting; a running timer is always `visible`.
 * - `visible`: shown on the card; a visible timer that is not running is stopped (frozen).
 * - `startedAt`: when counting began; elapsed time is always `now - startedAt`, so a stop followed
 *   by a start resumes from here. `null` while unset (the host's 0; here 0 is a valid time).
 * - `stoppedAt`: when a running timer was stopped, so a stopped timer's elapsed time is exact;
 *   `null` unless the timer is stopped.
 *
 * A hidden timer always has `running: false`, `startedAt: null` and `stoppedAt: null`.
 */
export interface CallCardTimerState {
  readonly running: boolean;
  readonly visible: boolean;
  readonly startedAt: number | null;
  readonly stoppedAt: number | null;
}

/**
 * What the call card shows, derived by `callCardState` from host events and applied commands.
 * Snapshots are frozen; a field that did not change keeps the very same object, so `===` tells
 * whether `call`, `entity` or `timer` changed. Render from it (`card.state$`, `card.snapshot()`)
 * rather than from events: it also counts the commands that change the card silently.
 */
export interface CallCardSnapshot {
  /** The card's UI state; `null` while no card exists (before the first one, after a close). */
  readonly uiState: HostUiState | null;
  /** Set by `CallCardSetCardTitle`; `''` on a new card. */
  readonly title: string;
  /** Set by `CallCardSetStatusText`; `''` on a new card. */
  readonly statusText: string;
  /** From mute clicks (the NEW state) and applied `CallCardSetMute`; `false` on a new card. */
  readonly muted: boolean;
  /** From hold clicks (the NEW state) and applied `CallCardSetHold`; `false` on a new card. */
  readonly held: boolean;
  /**
   * The `initialized` payload of the current (or last closed) card; `null` before any card, and
   * for a card whose `initialized` payload could not be read (reported on `errors$`).
   */
  readonly call: CallInfo | null;
  /** The latest `entityChanged` payload; `null` when none belongs to this card. */
  readonly entity: CrmEntity | null;
  /** `true` once the card was closed (Close clicked or `CallCardClose` applied). */
  readonly closed: boolean;
  /** The call timer's raw state. */
  readonly timer: CallCardTimerState;
}

/** The timer of a new card, and of any state that hides and resets it. */
export const HIDDEN_CALL_CARD_TIMER: CallCardTimerState = /* @__PURE__ */ Object.freeze({
  running: false,
  visible: false,
  startedAt: null,
  stoppedAt: null,
});

/**
 * The snapshot before any card exists: no UI state, nothing shown, timer hidden. Spread it to build
 * a snapshot in a test (`{ ...INITIAL_CALL_CARD_SNAPSHOT, uiState: 'connected' }`), or start a
 * store with it before a card is connected.
 *
 * @example
 * ```ts
 * import { INITIAL_CALL_CARD_SNAPSHOT } from 'b24-call-card-rx';
 * INITIAL_CALL_CARD_SNAPSHOT.uiState; // null
 * INITIAL_CALL_CARD_SNAPSHOT.timer.visible; // false
 * ```
 */
export const INITIAL_CALL_CARD_SNAPSHOT: CallCardSnapshot = /* @__PURE__ */ Object.freeze({
  uiState: null,
  title: '',
  statusText: '',
  muted: false,
  held: false,
  call: null,
  entity: null,
  closed: false,
  timer: HIDDEN_CALL_CARD_TIMER,
});

/**
 * The card's state as the reducer keeps it (internal): the snapshot plus what the snapshot does
 * not show: which card it is (`card`: the session's number for it, 0 before any), and whether
 * `entity` came since the last `initialized` or close (`entityKept`), so the next `initialized`
 * keeps it.
 */
export interface Reduction {
  readonly snapshot: CallCardSnapshot;
  readonly card: number;
  readonly entityKept: boolean;
}
