import {
  EMPTY,
  combineLatest,
  concat,
  distinctUntilChanged,
  exhaustMap,
  filter,
  map,
  merge,
  of,
  switchMap,
  takeUntil,
  withLatestFrom,
} from 'rxjs';
import type { Observable } from 'rxjs';
import {
  closeCard,
  formatCallTimer,
  setCardTitle,
  setStatusText,
  setUiState,
  whenUiState,
} from 'b24-call-card-rx';
import type { CallCard, CallCardCommand } from 'b24-call-card-rx';
import type { Softphone } from './softphone';

/**
 * The call logic, as pure RxJS: the card's events (and the softphone) in, command data out. It
 * never touches the host, so it can be marble-tested without Angular.
 */
export function callLogic(
  card: Pick<CallCard, 'events' | 'state$' | 'timer$'>,
  softphone: Pick<Softphone, 'answer' | 'dial'>,
): Observable<CallCardCommand> {
  const { events } = card;
  const uiState$ = card.state$.pipe(
    map((s) => s.uiState),
    distinctUntilChanged(),
  );

  // A new card starts in the host's internal state: show the one the call is in.
  const start$ = events.initialized$.pipe(
    switchMap((call) =>
      of(
        setUiState(call.CALL_DIRECTION === 'outgoing' ? 'outgoing' : 'incoming'),
        setCardTitle(call.PHONE_NUMBER ?? 'Hidden number'),
      ),
    ),
  );

  const answer$ = events.answer$.pipe(
    whenUiState(uiState$, 'incoming'),
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

  const end$ = merge(
    events.hangup$.pipe(
      whenUiState(uiState$, 'connectingIncoming', 'connectingOutgoing', 'connected'),
    ),
    events.skip$.pipe(whenUiState(uiState$, 'incoming')),
  ).pipe(map(() => closeCard()));

  // The status line follows the state; while connected it carries the talk time and the flags.
  const status$ = uiState$.pipe(
    switchMap((state) => {
      switch (state) {
        case 'incoming':
          return of('Incoming call');
        case 'outgoing':
          return of('Ready to call');
        case 'connectingIncoming':
        case 'connectingOutgoing':
          return of('Connecting…');
        case 'redial':
          return of('No answer. Call again?');
        case 'connected':
          return combineLatest([card.timer$, card.state$]).pipe(
            // The hidden timer of a closing card: the call is over, nothing to say any more.
            filter(([timer]) => timer.status !== 'hidden'),
            map(([timer, { muted, held }]) =>
              [
                `Talking ${formatCallTimer(timer.elapsedMs)}`,
                muted ? 'muted' : '',
                held ? 'on hold' : '',
              ]
                .filter(Boolean)
                .join(' · '),
            ),
            distinctUntilChanged(),
          );
        default:
          return EMPTY;
      }
    }),
    map((text) => setStatusText(text)),
  );

  return merge(start$, answer$, dial$, end$, status$);
}
