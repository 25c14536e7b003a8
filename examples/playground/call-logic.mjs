// The playground app's call logic: RxJS pipelines from the card's events and state to command
// data. It never touches the host, so the same module runs in the browser (app.mjs, on the
// official SDK) and in Node, where a spec replays a session recorded in the browser against it
// (spec/examples/playground-fixture.spec.ts).
import {
  EMPTY,
  combineLatest,
  distinctUntilChanged,
  filter,
  map,
  merge,
  of,
  switchMap,
  takeUntil,
} from 'rxjs';
import {
  closeCard,
  formatCallTimer,
  setCardTitle,
  setStatusText,
  setUiState,
} from 'b24-call-card-rx';

/**
 * The app's call logic for one card: events in, commands out.
 *
 * 1. A new card (`initialized`) shows `incoming`, titled `Call from <number>`.
 * 2. Answer: `connected` (the host shows and starts its timer).
 * 3. Hang up, or Skip a ringing call: the app closes the card.
 * 4. While connected, the status text reads `Talking MM:SS`, with `· muted` and `· on hold`
 *    added while they are on; nothing after the hang-up.
 *
 * @param {import('b24-call-card-rx').CallCard} card the card from `connectCallCard`
 * @returns {import('rxjs').Observable<import('b24-call-card-rx').CallCardCommand>}
 */
export function callLogic(card) {
  const { events } = card;

  // A new card starts in the host's internal state: show it as ringing, with a title.
  const start$ = events.initialized$.pipe(
    switchMap((call) =>
      of(
        setUiState('incoming'),
        setCardTitle(`Call from ${call.PHONE_NUMBER ?? 'a hidden number'}`),
      ),
    ),
  );
  // Answer: connected (the host shows and starts its timer).
  const answer$ = events.answer$.pipe(map(() => setUiState('connected')));
  // Hang up (or Skip a ringing call): the app closes the card.
  const hangup$ = merge(events.hangup$, events.skip$).pipe(map(() => closeCard()));

  // While connected, the status line carries the talk time and the mute/hold flags. The flags
  // come from the derived state, which learns them from the clicks (and from setMute/setHold).
  const flags$ = card.state$.pipe(
    distinctUntilChanged((a, b) => a.muted === b.muted && a.held === b.held),
  );
  const status$ = card.state$.pipe(
    map((s) => (s.closed ? 'closed' : s.uiState)),
    distinctUntilChanged(),
    switchMap((state) =>
      state !== 'connected'
        ? EMPTY
        : combineLatest([card.timer$.pipe(filter((t) => t.status !== 'hidden')), flags$]).pipe(
            map(([timer, { muted, held }]) =>
              [`Talking ${formatCallTimer(timer.elapsedMs)}`, muted && 'muted', held && 'on hold']
                .filter(Boolean)
                .join(' · '),
            ),
            distinctUntilChanged(),
            // Nothing after the hang-up: the card is about to close.
            takeUntil(events.hangup$),
          ),
    ),
    map((text) => setStatusText(text)),
  );

  return merge(start$, answer$, hangup$, status$);
}
