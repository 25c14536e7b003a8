import { map, of } from 'rxjs';
import {
  applyCommands,
  callCardEvents,
  closeCard,
  fromCallCardEvent,
  setStatusText,
  setUiState,
} from 'b24-call-card-rx';
import type { CommandOutcome } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import { at, callInfo, describeOutcome, testScheduler } from '../support/fixtures';

// "Card N ends with its Close click ...; its commands not yet sent fail with
// CallCardUnavailableError and are never sent" and "the sink waits for `initialized` before its
// first host call", also for `applyCommands` used without the facade. This broke while such a sink
// never bound the lifecycle events it gates on, so it saw neither the Close click nor (alone) the
// `initialized`.
describe('applyCommands without connectCallCard: the lifecycle events it gates on are not bound', () => {
  it('fails the queued commands of a card the user closed instead of sending them after the close (callCardEvents + applyCommands, as in docs/driving-the-card.md)', () => {
    testScheduler().run(({ flush }) => {
      const placement = createTestPlacement({ policy: { delayMs: 300 } });
      callCardEvents(placement);
      placement.emit('initialized', callInfo());
      const outcomes: string[] = [];
      of(setStatusText('Call failed'), setUiState('error'), closeCard())
        .pipe(applyCommands(placement))
        .subscribe((o) => outcomes.push(`${o.command.name} ${describeOutcome(o)}`));
      at(100, () => placement.emit('closeButtonClick'));
      flush();
      // The user closed card 1 at 100: nothing of card 1 may reach the host after that.
      expect(placement.calls.map((c) => `${c.time} ${c.command}`)).toEqual([
        '0 CallCardSetStatusText',
      ]);
      expect(outcomes).toEqual([
        expect.stringMatching(/^CallCardSetUiState CallCardUnavailableError: /),
        expect.stringMatching(/^CallCardClose CallCardUnavailableError: /),
        'CallCardSetStatusText ok',
      ]);
    });
  });

  it('sends a command once the host raised initialized, whatever else is subscribed', () => {
    const placement = createTestPlacement();
    const outcomes: CommandOutcome[] = [];
    fromCallCardEvent(placement, 'answerButtonClick')
      .pipe(
        map(() => setUiState('connected')),
        applyCommands(placement),
      )
      .subscribe((o) => outcomes.push(o));
    placement.emit('initialized', callInfo());
    placement.emit('answerButtonClick');
    expect(placement.calls.map((c) => c.command)).toEqual(['CallCardSetUiState']);
    expect(outcomes.map(describeOutcome)).toEqual(['ok']);
  });
});
