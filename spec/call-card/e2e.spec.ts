// A whole incoming call through the facade, on a test placement, in virtual time: the app's
// logic is pure pipelines from events (and a SIP stream) to commands; the host is scripted.
import { distinctUntilChanged, filter, map, merge, switchMap } from 'rxjs';
import type { Observable } from 'rxjs';
import {
  closeCard,
  connectCallCard,
  dialpadDigits,
  setCardTitle,
  setStatusText,
  setUiState,
} from 'b24-call-card-rx';
import type { CallCard, CallCardEvent } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import { contactCall, crmEntity, testScheduler } from '../support/fixtures';

const CALL = contactCall({ CALL_ID: 'call-7' });

/** The app under test: events and SIP state in, commands out. No host, no mocks. */
function incomingCallLogic(card: CallCard, sipConnected$: Observable<unknown>) {
  const { events } = card;
  return merge(
    events.initialized$.pipe(
      switchMap(() => [setCardTitle('Anna Schmidt (CONTACT 7)'), setUiState('incoming')]),
    ),
    events.answer$.pipe(map(() => setUiState('connectingIncoming'))),
    sipConnected$.pipe(map(() => setUiState('connected'))),
    events.mute$.pipe(map((muted) => setStatusText(muted ? 'Muted' : 'Talking'))),
    events.hold$.pipe(map((held) => setStatusText(held ? 'On hold' : 'Talking'))),
    events.dialpad$.pipe(
      dialpadDigits({ resetOn: events.hangup$ }),
      map((digits) => setStatusText(`Dialled ${digits}`)),
    ),
    events.transfer$.pipe(map(() => setUiState('transferring'))),
    events.completeTransfer$.pipe(map(() => setUiState('transferConnected'))),
    events.hangup$.pipe(map(() => closeCard())),
  );
}

const ev = <T extends CallCardEvent['type']>(
  type: T,
  payload: Extract<CallCardEvent, { type: T }>['payload'],
): CallCardEvent => ({ type, payload }) as CallCardEvent;

describe('a whole incoming call through connectCallCard', () => {
  it('goes incoming, answer, connected, mute, hold, dialpad, transfer, complete, hang up', () => {
    const ts = testScheduler();
    ts.run(({ hot, expectObservable, expectSubscriptions }) => {
      const placement = createTestPlacement({ scheduler: ts });
      const card = connectCallCard(placement, { scheduler: ts });

      // prettier-ignore
      const host = hot('10ms e i 988ms a 3999ms m 999ms h 999ms 1 99ms 2 99ms p 2799ms t 1999ms c 2999ms x', {
        e: ev('entityChanged', crmEntity({ PHONE_NUMBER: CALL.PHONE_NUMBER! })),
        i: ev('initialized', CALL),
        a: ev('answerButtonClick', undefined),
        m: ev('muteButtonClick', true),
        h: ev('holdButtonClick', true),
        1: ev('dialpadButtonClick', '1'),
        2: ev('dialpadButtonClick', '2'),
        p: ev('dialpadButtonClick', '#'), // '#' is the error token in marbles
        t: ev('transferButtonClick', { phoneNumber: '', target: 42 }),
        c: ev('completeTransferButtonClick', undefined),
        x: ev('hangupButtonClick', undefined),
      });
      // The SIP leg connects two seconds after the click on Answer.
      const sip = hot('3000ms s');
      placement.emitFrom(host);
      const logic = incomingCallLogic(card, sip);
      card.apply(logic);

      const uiState$ = card.state$.pipe(
        map((s) => s.uiState),
        distinctUntilChanged(),
      );
      // prettier-ignore
      expectObservable(uiState$, '^ 16000ms !').toBe('n 10ms (xi) 985ms c 1999ms C 6999ms T 1999ms X 2999ms N', {
        n: null, x: 'externalCard', i: 'incoming', c: 'connectingIncoming', C: 'connected',
        T: 'transferring', X: 'transferConnected', N: null,
      });

      const flags$ = card.state$.pipe(
        map((s) => `${s.muted ? 'M' : '-'}${s.held ? 'H' : '-'} ${s.statusText}`),
        distinctUntilChanged(),
      );
      // prettier-ignore
      expectObservable(flags$, '^ 16000ms !').toBe('a 4999ms (bB) 996ms (cC) 996ms d 99ms e 99ms f', {
        // A click changes the flag first (the host reports the NEW state); the app's text follows.
        a: '-- ', b: 'M- ', B: 'M- Muted', c: 'MH Muted', C: 'MH On hold', d: 'MH Dialled 1', e: 'MH Dialled 12',
        f: 'MH Dialled 12#',
      });

      // The timer starts with `connected` (3000), keeps counting through the transfer states,
      // and is hidden and reset when the card closes (15000). Sampled every five seconds.
      const timer$ = card.timer$.pipe(
        filter((t) => t.status !== 'running' || t.elapsedMs % 5000 === 0),
      );
      // prettier-ignore
      expectObservable(timer$, '^ 16000ms !').toBe('h 2999ms a 4999ms b 4999ms c 1999ms h', {
        h: { status: 'hidden', elapsedMs: 0 },
        a: { status: 'running', elapsedMs: 0 },
        b: { status: 'running', elapsedMs: 5000 },
        c: { status: 'running', elapsedMs: 10000 },
      });

      ts.schedule(() => {
        const sent = placement.calls.map(
          (c) => `${c.time} ${c.command} ${JSON.stringify(c.params)}`,
        );
        expect(sent).toEqual([
          '11 CallCardSetCardTitle {"title":"Anna Schmidt (CONTACT 7)"}',
          '11 CallCardSetUiState {"uiState":"incoming"}',
          '1000 CallCardSetUiState {"uiState":"connectingIncoming"}',
          '3000 CallCardSetUiState {"uiState":"connected"}',
          '5000 CallCardSetStatusText {"statusText":"Muted"}',
          '6000 CallCardSetStatusText {"statusText":"On hold"}',
          '7000 CallCardSetStatusText {"statusText":"Dialled 1"}',
          '7100 CallCardSetStatusText {"statusText":"Dialled 12"}',
          '7200 CallCardSetStatusText {"statusText":"Dialled 12#"}',
          '10000 CallCardSetUiState {"uiState":"transferring"}',
          '12000 CallCardSetUiState {"uiState":"transferConnected"}',
          '15000 CallCardClose {}',
        ]);
        expect(card.snapshot()).toMatchObject({ closed: true, call: CALL });
        card.dispose();
      }, 16500);
      expectSubscriptions(sip.subscriptions).toBe('^ 16499ms !');
    });
  });
});
