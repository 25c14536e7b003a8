// The whole call that the replay specs record on the simulator and play back: the app under
// test, the host's steps, and how to read the commands of a log. Everything runs in virtual time.
import { asyncScheduler, map, merge, switchMap } from 'rxjs';
import type { Observable } from 'rxjs';
import type { RunHelpers } from 'rxjs/testing';
import {
  closeCard,
  connectCallCard,
  setCardTitle,
  setStatusText,
  setUiState,
  startTimer,
  stopTimer,
} from 'b24-call-card-rx';
import type {
  CallCard,
  CallCardCommand,
  CallCardSessionLog,
  CallCardSnapshot,
} from 'b24-call-card-rx';
import { replaySession } from 'b24-call-card-rx/testing';
import type { CallCardSimulator, ReplayPlacement } from 'b24-call-card-rx/testing';
import { testScheduler } from './fixtures';

/** How the app under test may differ from the one that was recorded. */
export type Variant = 'as recorded' | 'one more' | 'one fewer' | 'other title';

/** The app: a title and `incoming` for a new card, answer, mute, hold (the timer), hang up. */
export function callApp(
  card: CallCard,
  variant: Variant = 'as recorded',
): Observable<CallCardCommand> {
  const { events } = card;
  return merge(
    events.initialized$.pipe(
      switchMap((call): CallCardCommand[] => [
        ...(variant === 'one fewer'
          ? []
          : [
              setCardTitle(
                `${variant === 'other title' ? 'Caller' : 'Call from'} ${call.PHONE_NUMBER}`,
              ),
            ]),
        setUiState('incoming'),
      ]),
    ),
    events.answer$.pipe(
      switchMap((): CallCardCommand[] =>
        variant === 'one more'
          ? [setUiState('connected'), setStatusText('Answered')]
          : [setUiState('connected')],
      ),
    ),
    events.mute$.pipe(map((muted) => setStatusText(muted ? 'Muted' : 'Talking'))),
    events.hold$.pipe(map((held): CallCardCommand => (held ? stopTimer() : startTimer()))),
    events.hangup$.pipe(switchMap((): CallCardCommand[] => [setUiState('redial'), closeCard()])),
  );
}

/**
 * The host's side of the call, inside `TestScheduler.run`: `host` rings at 1 s (from
 * `+4930123456`, contact 7), is answered at 3 s, muted at 5 s, held at 6 s and taken off hold
 * at 7 s, and hung up at 9 s.
 */
export function playWholeCall(host: CallCardSimulator, hot: RunHelpers['hot']): void {
  hot('1s r 1999ms a 1999ms m 999ms h 999ms u 1999ms x', {
    r: () => host.ring({ phoneNumber: '+4930123456', crm: { entityType: 'CONTACT', entityId: 7 } }),
    a: () => host.press('answer'),
    m: () => host.press('mute'),
    h: () => host.press('hold'),
    u: () => host.press('hold'),
    x: () => host.press('hangup'),
  }).subscribe((step) => step());
}

/** Every state the card went through, with its virtual time. */
export function statesOf(card: CallCard): [number, CallCardSnapshot][] {
  const states: [number, CallCardSnapshot][] = [];
  card.state$.subscribe((s) => states.push([asyncScheduler.now(), s]));
  return states;
}

/** The commands of a log, one line each: `at name params`. */
export const commandsOf = (log: CallCardSessionLog): string[] =>
  log.entries.flatMap((e) =>
    e.kind === 'command' ? [`${e.at} ${e.command} ${JSON.stringify(e.params)}`] : [],
  );

export interface Replayed {
  readonly replay: ReplayPlacement;
  readonly snapshot: CallCardSnapshot;
  readonly states: [number, CallCardSnapshot][];
}

/** `log` replayed to the end under `callApp(card, variant)`, in virtual time. */
export function replayCall(
  log: CallCardSessionLog | string,
  variant: Variant = 'as recorded',
): Replayed {
  let replayed!: Replayed;
  testScheduler().run(({ flush }) => {
    const replay = replaySession(log);
    const card = connectCallCard(replay);
    const states = statesOf(card);
    card.apply(callApp(card, variant));
    flush();
    replayed = { replay, snapshot: card.snapshot(), states };
    card.dispose();
  });
  return replayed;
}
