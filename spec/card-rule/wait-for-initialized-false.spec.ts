import { Subject, of } from 'rxjs';
import {
  applyCommands,
  closeCard,
  connectCallCard,
  setCardTitle,
  setStatusText,
} from 'b24-call-card-rx';
import type { CallCardCommand } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import { at, callInfo, describeOutcome, testScheduler } from '../support/fixtures';

// "When N ends, its commands not yet sent fail ... and are never sent to another card", also for
// the card a sink with `waitForInitialized: false` cannot see (raised before this frame bound
// `initialized`), which it treats as open and sends to. This broke while the commands it queued
// for that card were filed under the NEXT card: the unseen card's Close click did not end them,
// and an acknowledged closeCard() did not end the unseen card at all.
describe('waitForInitialized: false: commands for the card raised before the frame bound', () => {
  it('never sends the queued commands of the unseen card to the next caller after its Close click', () => {
    testScheduler().run(({ flush }) => {
      const placement = createTestPlacement({ policy: { delayMs: 300 } });
      const card = connectCallCard(placement, { waitForInitialized: false });
      const outcomes: string[] = [];
      // The frame loads while Ann's card is already shown: the status goes at once.
      of(setStatusText('Talking to Ann'), setCardTitle('Ann Lee'))
        .pipe(applyCommands(placement, { waitForInitialized: false }))
        .subscribe((o) => outcomes.push(`${o.command.name} ${describeOutcome(o)}`));
      at(100, () => placement.emit('closeButtonClick')); // Ann's card is closed
      at(5000, () => placement.emit('initialized', callInfo({ CALL_ID: 'bob' }))); // Bob calls
      flush();
      expect(placement.calls.map((c) => `${c.time} ${c.command}`)).toEqual([
        '0 CallCardSetStatusText',
      ]);
      expect(card.snapshot()).toMatchObject({ call: { CALL_ID: 'bob' }, title: '' });
      expect(outcomes).toEqual([
        expect.stringMatching(/^CallCardSetCardTitle CallCardUnavailableError: /),
        'CallCardSetStatusText ok',
      ]);
      card.dispose();
    });
  });

  it('holds a command emitted after the unseen card was closed by closeCard() for the next card', () => {
    const placement = createTestPlacement();
    const card = connectCallCard(placement, { waitForInitialized: false });
    const commands = new Subject<CallCardCommand>();
    const outcomes: string[] = [];
    commands
      .pipe(applyCommands(placement, { waitForInitialized: false }))
      .subscribe((o) => outcomes.push(`${o.command.name} ${describeOutcome(o)}`));
    commands.next(closeCard()); // acknowledged: the card the frame found is gone
    commands.next(setStatusText('Ready for the next call'));
    expect(placement.calls.map((c) => c.command)).toEqual(['CallCardClose']);
    placement.emit('initialized', callInfo({ CALL_ID: 'bob' }));
    expect(placement.calls.map((c) => c.command)).toEqual([
      'CallCardClose',
      'CallCardSetStatusText',
    ]);
    expect(card.snapshot()).toMatchObject({
      call: { CALL_ID: 'bob' },
      statusText: 'Ready for the next call',
    });
    expect(outcomes).toEqual(['CallCardClose ok', 'CallCardSetStatusText ok']);
    card.dispose();
  });
});
