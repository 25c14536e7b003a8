import { Observable } from 'rxjs';
import type { OperatorFunction, SchedulerLike } from 'rxjs';
import type { CallCardActivity } from '../model/activity';
import { CallCardInputError } from '../model/errors';
import { fullMessages } from '../model/full-messages';
import { isRecord } from '../model/is-record';
import { INITIAL_CALL_CARD_SNAPSHOT } from '../model/snapshot';
import type { CallCardSnapshot } from '../model/snapshot';
import { isHostUiState } from '../model/ui-states';
import { checkOptions, checkScheduler } from '../internal/check-arguments';
import { createRunner } from '../internal/runner';
import { reduce, startReduction } from '../state/card-reducer';

/**
 * Options of {@link callCardState}: the scheduler that times the call timer (a `TestScheduler` in
 * specs), and the snapshot to start from (a card already open, in a test).
 */
export interface CallCardStateOptions {
  /** Where timer times come from (`now()` when an activity arrives). Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** The snapshot to start from. Default `INITIAL_CALL_CARD_SNAPSHOT` (no card yet). */
  readonly initial?: CallCardSnapshot;
}

/**
 * Derives what the call card shows from its activity: host events AND the commands the host
 * acknowledged (or, for the timer commands it never answers, that were sent). Commands must count
 * because `CallCardSetMute`, `CallCardSetHold` and the timer commands change the card silently. Use
 * it over hand-made activity in a test, or per call after `callSessions`; a facade's `state$` is
 * this reducer over `card.activity$` already.
 *
 * 1. Emits the initial snapshot on subscription, then a new snapshot for each activity that
 *    changes something, and nothing for one that does not.
 * 2. `initialized` starts a fresh card, also over an open one: UI state `externalCard` (the host's
 *    internal state with only a Close button), timer hidden, not muted, not held, empty title and
 *    status text, `call` = the payload (its `CALL_STATE` says where the call is).
 * 3. `entityChanged` sets `entity` at any time. It may come BEFORE `initialized`: an entity that
 *    arrived since the last close or `initialized` survives the next `initialized`; an older one
 *    (the previous call's) is dropped by it.
 * 4. Mute and hold follow the clicks' payload (the NEW state) and applied `CallCardSetMute` /
 *    `CallCardSetHold`; title and status text follow `CallCardSetCardTitle` /
 *    `CallCardSetStatusText`.
 * 5. The timer follows the host exactly (docs/host-behaviour.md, section 4), with times from the
 *    command activity's `at` when it has one (the facade's activity does), else from
 *    `scheduler.now()` when the activity arrives:
 *    - `CallCardSetUiState` `connected`: visible; if not running, start (keeping an earlier
 *      `startedAt`). Re-entering `connected` while running changes nothing.
 *    - `connected` with `disableAutoStartTimer: true`: stopped, hidden, reset.
 *    - `transferring`, `transferFailed`, `transferConnected`, `externalCard`: a running timer keeps
 *      counting; one that is not running is hidden and reset.
 *    - any other state: stopped, hidden, reset.
 *    - `CallCardStartTimer`: visible; if not running, start (keeping an earlier `startedAt`), so a
 *      stop followed by a start resumes and counts the stopped time.
 *    - `CallCardStopTimer`: a running timer stops, stays visible, keeps `startedAt` and records
 *      `stoppedAt`; otherwise nothing changes.
 * 6. A Close click or an applied `CallCardClose` closes the card: `closed: true`, `uiState: null`,
 *    timer hidden and reset. `call`, title, status, mute and hold keep the closed card's values
 *    until the next `initialized`.
 * 7. While no card exists (`uiState: null`: before the first `initialized`, after a close) only
 *    `initialized` and `entityChanged` change anything: the host answers every command with
 *    "Call card is undefined" then and raises no clicks.
 * 8. One card, one truth: cards are counted by `initialized` (the first is card 1). A `command`
 *    activity whose `card` is not the card shown (a late reply of an earlier call) changes
 *    nothing; one without `card` belongs to the card shown.
 * 9. A `malformed` activity for `initialized` starts a fresh card with `call: null` (the host
 *    raised it; its payload could not be read); any other `malformed` activity changes nothing.
 *    A `sync` activity replaces the state with the one it carries.
 * 10. Snapshots are frozen and structurally shared: a field that did not change keeps the same
 *    object, so `===` on `call`, `entity`, `timer` (or the whole snapshot) tells what changed.
 * 11. Safe to share: each subscription reduces on its own, and activity that arrives while a
 *    snapshot is being delivered (a subscriber whose command the host acknowledges synchronously)
 *    is reduced at once but delivered after that delivery ends, so every subscriber of a shared
 *    state sees the snapshots in the same order and ends on the latest.
 * 12. Errors and completion of the source pass through; unsubscribing unsubscribes the source.
 *    Bad options throw `CallCardInputError` at once.
 *
 * ## Examples
 *
 * @example
 * A card connects, the app mutes it, then the timer is stopped:
 * ```ts
 * import { of } from 'rxjs';
 * import { callCardState } from 'b24-call-card-rx';
 * import type { CallCardActivity, CallInfo } from 'b24-call-card-rx';
 *
 * const call: CallInfo = {
 *   CALL_ID: 'externalCall.1',
 *   CRM_ENTITY_TYPE: '',
 *   CRM_ENTITY_ID: 0,
 *   CRM_BINDINGS: [],
 *   CALL_DIRECTION: 'incoming',
 *   CALL_STATE: 'idle',
 *   CALL_LIST_MODE: false,
 * };
 * const activity$ = of<CallCardActivity[]>(
 *   { kind: 'event', event: { type: 'initialized', payload: call } },
 *   { kind: 'command', command: { name: 'CallCardSetUiState', params: { uiState: 'connected' } } },
 *   { kind: 'command', command: { name: 'CallCardSetMute', params: { muted: true } } },
 *   { kind: 'command', command: { name: 'CallCardStopTimer', params: {} } },
 * );
 * activity$
 *   .pipe(callCardState())
 *   .subscribe((s) => console.log(s.uiState, s.muted, s.timer.running, s.timer.visible));
 * // Logs:
 * // null false false false
 * // externalCard false false false
 * // connected false true true
 * // connected true true true
 * // connected true false true
 * ```
 *
 * @example
 * In marbles (`i` initialized, `c` connected applied, `a` answer click: no change):
 * ```ts
 * // activity: --i--c--a--|
 * // state:    s-t--u-----|
 * ```
 *
 * @param options Where times come from, and the snapshot to start from.
 * @returns An operator from call-card activity to snapshots of the card.
 */
export function callCardState(
  options?: CallCardStateOptions,
): OperatorFunction<CallCardActivity, CallCardSnapshot> {
  const checked = checkOptions('callCardState', options, ['scheduler', 'initial']);
  const scheduler = checkScheduler('callCardState', checked);
  const initial = checkInitial(checked['initial']);

  return (source) =>
    new Observable<CallCardSnapshot>((subscriber) => {
      let state = startReduction(initial);
      const runner = createRunner();
      const next = (snapshot: CallCardSnapshot): void => subscriber.next(snapshot);
      subscriber.next(initial);
      if (subscriber.closed) return undefined;
      return source.subscribe({
        next: (activity) => {
          const shown = state.snapshot;
          // Reduce now (times are taken on arrival); deliver in order after any delivery in progress.
          state = reduce(state, activity, scheduler);
          if (state.snapshot !== shown) runner.run(next, state.snapshot, undefined);
        },
        error: (error: unknown) => runner.run((e) => subscriber.error(e), error, undefined),
        complete: () => runner.run(() => subscriber.complete(), undefined, undefined),
      });
    });
}

function checkInitial(initial: unknown): CallCardSnapshot {
  if (initial === undefined) return INITIAL_CALL_CARD_SNAPSHOT;
  if (
    !isRecord(initial) ||
    !(initial['uiState'] === null || isHostUiState(initial['uiState'])) ||
    !isRecord(initial['timer'])
  )
    throw new CallCardInputError(
      'callCardState',
      'options.initial',
      initial,
      fullMessages() ? 'a CallCardSnapshot (uiState a host UI state or null, and a timer)' : '',
    );
  return initial as unknown as CallCardSnapshot;
}
