import { of } from 'rxjs';
import {
  applyCommands,
  closeCard,
  connectCallCard,
  setCardTitle,
  setStatusText,
} from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import { callInfo, describeOutcome, testScheduler } from '../support/fixtures';

// One serial queue whose outcomes read cause before consequence ("a card change it causes (the
// close it sent) sweeps after that command's own outcome"), with no artificial asynchrony. This
// broke for a host that acknowledges closeCard() synchronously: the card's unsent commands failed
// BEFORE the closeCard() outcome, out of emission order; with a slow host they came after.
describe('outcome order when closeCard() is acknowledged synchronously', () => {
  it.each([
    ['synchronously', 'ack' as const],
    ['after 300 ms', { delayMs: 300 }],
  ])(
    'emits the closeCard() outcome before the failures it causes, when the host answers it %s',
    (_name, closePolicy) => {
      testScheduler().run(({ flush }) => {
        const placement = createTestPlacement({
          policies: { CallCardSetCardTitle: { delayMs: 300 }, CallCardClose: closePolicy },
        });
        const card = connectCallCard(placement);
        placement.emit('initialized', callInfo());
        const outcomes: string[] = [];
        of(setCardTitle('Ann Lee'), closeCard(), setStatusText('Bye'))
          .pipe(applyCommands(placement))
          .subscribe((o) => outcomes.push(`${o.command.name} ${describeOutcome(o)}`));
        flush();
        expect(outcomes).toEqual([
          'CallCardSetCardTitle ok',
          'CallCardClose ok',
          expect.stringMatching(/^CallCardSetStatusText CallCardUnavailableError: /),
        ]);
        card.dispose();
      });
    },
  );
});
