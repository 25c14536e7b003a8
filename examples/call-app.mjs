// The demo's telephony app: pure RxJS pipelines from the call card's events (and the app's own
// softphone and CRM) to call-card commands. It never touches the host: `callApp` returns an
// Observable of command data that the caller hands to `card.apply(...)`.
import {
  EMPTY,
  combineLatest,
  concat,
  distinctUntilChanged,
  exhaustMap,
  map,
  merge,
  of,
  startWith,
  switchMap,
  takeUntil,
  withLatestFrom,
} from 'rxjs';
import {
  closeCard,
  dialpadDigits,
  formatCallTimer,
  setCardTitle,
  setStatusText,
  setUiState,
  whenUiState,
} from 'b24-call-card-rx';

/**
 * The app's call logic for one card.
 *
 * @param {import('b24-call-card-rx').CallCard} card the card from `connectCallCard`
 * @param {{ softphone: import('./fake-backends.mjs').Softphone, crm: import('./fake-backends.mjs').Crm }} deps
 *   the app's own services (here fakes on the demo's virtual clock)
 * @returns {import('rxjs').Observable<import('b24-call-card-rx').CallCardCommand>}
 */
export function callApp(card, { softphone, crm }) {
  const { events } = card;
  const uiState$ = card.state$.pipe(
    map((s) => s.uiState),
    distinctUntilChanged(),
  );
  const flags$ = card.state$.pipe(
    distinctUntilChanged((a, b) => a.muted === b.muted && a.held === b.held),
  );

  // A new card starts in the host's internal state: show the one the call is in.
  const start$ = events.initialized$.pipe(
    map((call) => setUiState(call.CALL_DIRECTION === 'outgoing' ? 'outgoing' : 'incoming')),
  );

  // The CRM name in the title. A rebinding cancels a lookup still in flight (switchMap), so a
  // slow answer for the previous entity never overwrites the current one.
  const title$ = events.entityChanged$.pipe(
    switchMap((entity) =>
      crm
        .lookupName(entity.CRM_ENTITY_TYPE, entity.CRM_ENTITY_ID)
        .pipe(map((name) => setCardTitle(name ?? entity.PHONE_NUMBER))),
    ),
  );

  // Answer: connecting while the softphone picks up, then connected (the host starts the timer).
  const answer$ = events.answer$.pipe(
    whenUiState(uiState$, 'incoming', 'transferIncoming'),
    exhaustMap(() =>
      concat(
        of(setUiState('connectingIncoming')),
        softphone.answer().pipe(
          map(() => setUiState('connected')),
          takeUntil(events.hangup$),
        ),
      ),
    ),
  );

  // Call (and redial): connecting, then connected, or redial when nobody answers.
  const dial$ = events.makeCall$.pipe(
    whenUiState(uiState$, 'outgoing', 'redial'),
    withLatestFrom(events.initialized$),
    exhaustMap(([, call]) =>
      concat(
        of(setUiState('connectingOutgoing')),
        softphone.dial(call.PHONE_NUMBER ?? '').pipe(
          map((result) => setUiState(result === 'answered' ? 'connected' : 'redial')),
          takeUntil(events.hangup$),
        ),
      ),
    ),
  );

  // Transfer: the softphone tries the colleague; a failure shows transferFailed, and the
  // operator's Cancel (in either transfer state) returns to the caller.
  const transfer$ = events.transfer$.pipe(
    whenUiState(uiState$, 'connected'),
    exhaustMap(({ target }) =>
      concat(
        of(setUiState('transferring'), setStatusText(`Transferring to ${target}…`)),
        softphone.transfer(target).pipe(
          switchMap((result) =>
            result.ok
              ? of(setUiState('transferConnected'), setStatusText(`Talking to ${target}`))
              : of(
                  setUiState('transferFailed'),
                  setStatusText(`Transfer to ${target} failed: ${result.reason}`),
                ),
          ),
          takeUntil(events.cancelTransfer$),
        ),
      ),
    ),
  );
  const cancelTransfer$ = events.cancelTransfer$.pipe(
    whenUiState(uiState$, 'transferring', 'transferFailed'),
    map(() => setUiState('connected')),
  );

  // The call ends: hung up, declined, or handed over to the colleague.
  const end$ = merge(
    events.hangup$.pipe(
      whenUiState(
        uiState$,
        'connectingIncoming',
        'connectingOutgoing',
        'connected',
        'transferConnected',
      ),
    ),
    events.skip$.pipe(whenUiState(uiState$, 'incoming', 'transferIncoming')),
    events.completeTransfer$.pipe(whenUiState(uiState$, 'transferring')),
  ).pipe(map(() => closeCard()));

  // The status line follows the UI state; while connected it carries the talk time, the
  // mute/hold flags and the digits dialled (the transfer pipeline writes its own texts).
  const status$ = combineLatest([uiState$, events.initialized$]).pipe(
    switchMap(([state, call]) => {
      const number = call.PHONE_NUMBER ?? 'a hidden number';
      switch (state) {
        case 'incoming':
          return of(`Incoming call from ${number}`);
        case 'outgoing':
          return of(`Ready to call ${number}`);
        case 'connectingIncoming':
          return of('Connecting…');
        case 'connectingOutgoing':
          return of(`Calling ${number}…`);
        case 'redial':
          return of(`No answer from ${number}. Call again?`);
        case 'connected':
          return combineLatest([
            card.timer$,
            flags$,
            events.dialpad$.pipe(dialpadDigits(), startWith('')),
          ]).pipe(
            map(([timer, { muted, held }, digits]) =>
              [
                `Talking ${formatCallTimer(timer.elapsedMs)}`,
                muted ? 'muted' : '',
                held ? 'on hold' : '',
                digits ? `dialled ${digits}` : '',
              ]
                .filter(Boolean)
                .join(' · '),
            ),
          );
        default:
          return EMPTY;
      }
    }),
    map((text) => setStatusText(text)),
  );

  return merge(start$, title$, answer$, dial$, transfer$, cancelTransfer$, end$, status$);
}
