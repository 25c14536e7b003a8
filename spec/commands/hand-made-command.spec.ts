import { of } from 'rxjs';
import { applyCommands, connectCallCard, setStatusText } from 'b24-call-card-rx';
import type { CallCardCommand, CommandOutcome } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import {
  callInfo,
  collectUnhandledErrors,
  describeOutcome,
  testScheduler,
} from '../support/fixtures';

// "The sink never dies: a failed command becomes an outcome and the next command still runs" and
// "a reply updates the card's state" with what the host applied, also for a command made by hand.
// This broke while such a command was checked once but the queue, the repeat memory and the state
// re-read the app's object later, after the app changed it or when reading it threw.
describe('a hand-made command is re-read after it was checked', () => {
  collectUnhandledErrors({ settleMs: 10 });

  it('shows the title the host was sent, not what the app changed in its object afterwards', () => {
    testScheduler().run(({ flush }) => {
      const placement = createTestPlacement({ policy: { delayMs: 300 } });
      const card = connectCallCard(placement);
      placement.emit('initialized', callInfo());
      const command = { name: 'CallCardSetCardTitle', params: { title: 'Ann Lee' } };
      card.apply(of(command as CallCardCommand));
      command.params.title = 'Bob Stone'; // the app reuses its object
      flush();
      expect(placement.calls.map((c) => c.params)).toEqual([{ title: 'Ann Lee' }]);
      expect(card.snapshot().title).toBe('Ann Lee');
      card.dispose();
    });
  });

  it('does not stall the queue for every sink when reading the command a second time throws', () => {
    const placement = createTestPlacement();
    const card = connectCallCard(placement);
    placement.emit('initialized', callInfo());
    let reads = 0;
    const params = {};
    Object.defineProperty(params, 'title', {
      enumerable: true,
      get: () => {
        reads += 1;
        if (reads > 1) throw new Error('read twice');
        return 'Ann Lee';
      },
    });
    const outcomes: CommandOutcome[] = [];
    of({ name: 'CallCardSetCardTitle', params } as CallCardCommand)
      .pipe(applyCommands(placement))
      .subscribe((o) => outcomes.push(o));
    const later: CommandOutcome[] = [];
    of(setStatusText('Talking'))
      .pipe(applyCommands(placement))
      .subscribe((o) => later.push(o));
    // The other sink's command is not held hostage by the hand-made one.
    expect(placement.callsOf('CallCardSetStatusText')).toHaveLength(1);
    expect(later.map(describeOutcome)).toEqual(['ok']);
    expect(outcomes).toHaveLength(1);
    card.dispose();
  });
});
