import { filter, map, withLatestFrom } from 'rxjs';
import type { MonoTypeOperatorFunction, Observable } from 'rxjs';
import { CallCardInputError } from '../model/errors';
import { fullMessages } from '../model/full-messages';
import { INTERNAL_UI_STATES, UI_STATES, isHostUiState } from '../model/ui-states';
import type { HostUiState } from '../model/ui-states';

/**
 * Lets a value through only while the card's latest UI state is one of `states`: a guard against
 * stale and double clicks, and against commands meant for a state the card has already left.
 *
 * `uiState$` is the card's UI state over time; from snapshots, pass
 * `state$.pipe(map((s) => s.uiState))` (the facade's `state$` or `callCardState`'s output).
 *
 * 1. Subscribes `uiState$` first, then the source, so a state that is current at subscription
 *    (a replayed one) already counts for the source's first value.
 * 2. A value passes, unchanged, when the latest state is one of `states`; it is dropped while the
 *    state is another one, `null` (no card), or not known yet.
 * 3. The state is read when the value arrives: once a state change is applied, later clicks from
 *    the old state are dropped. (Two clicks before the change both pass: to let one through per
 *    action, pair this with `exhaustMap`.)
 * 4. Errors of the source or of `uiState$` pass through; the source's completion completes the
 *    result; unsubscribing unsubscribes both.
 * 5. No states, or a name the host does not accept, throws `CallCardInputError` at once.
 *
 * ## Examples
 *
 * @example
 * Hang up only from states that show the Hangup button:
 * ```ts
 * import { map } from 'rxjs';
 * import { setUiState, whenUiState } from 'b24-call-card-rx';
 *
 * const uiState$ = card.state$.pipe(map((s) => s.uiState));
 * card.events.hangup$.pipe(
 *   whenUiState(uiState$, 'connected', 'transferConnected'),
 *   map(() => setUiState('redial')),
 * );
 * ```
 *
 * @example
 * In marbles (`c` connected, `r` redial; clicks `x`):
 * ```ts
 * // uiState$: c-----r------
 * // clicks:   --x-x---x-x--
 * // result:   --x-x--------
 * ```
 *
 * @param uiState$ The card's UI state; `null` while no card exists.
 * @param states The states in which values may pass (at least one).
 * @returns An operator that passes values only in those states.
 */
export function whenUiState<T>(
  uiState$: Observable<HostUiState | null>,
  ...states: [HostUiState, ...HostUiState[]]
): MonoTypeOperatorFunction<T> {
  if (states.length === 0)
    throw new CallCardInputError(
      'whenUiState',
      'states',
      states,
      fullMessages() ? 'one or more UI states' : '',
    );
  for (const state of states as readonly unknown[])
    if (!isHostUiState(state))
      throw new CallCardInputError(
        'whenUiState',
        'state',
        state,
        fullMessages() ? `one of ${[...UI_STATES, ...INTERNAL_UI_STATES].join(', ')}` : '',
      );
  const allowed: ReadonlySet<HostUiState | null> = new Set(states);
  return (source) =>
    source.pipe(
      withLatestFrom(uiState$),
      filter(([, state]) => allowed.has(state)),
      map(([value]) => value),
    );
}
