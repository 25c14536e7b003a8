import { Subject } from 'rxjs';
import {
  applyCommands,
  closeCard,
  getListUiStates,
  setCardTitle,
  setStatusText,
} from 'b24-call-card-rx';
import type { CallCardCommand } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import { callInfo, testScheduler } from '../support/fixtures';

// A close the host acknowledges later ends its card after its own outcome; the commands still
// queued for that card then fail in one sweep, whatever the app does on the close's outcome.
describe('the unsent commands of a card that ended', () => {
  it.each([
    ['an app that reacts to the close with a command for the next card', true],
    ['an app that does not react', false],
  ])('fail together, before a state list queued between them is sent: %s', (_name, react) => {
    testScheduler().run(({ flush }) => {
      const placement = createTestPlacement({ policies: { CallCardClose: { delayMs: 100 } } });
      const commands = new Subject<CallCardCommand>();
      const seen: string[] = [];
      const sub = commands.pipe(applyCommands(placement)).subscribe((o) => {
        seen.push(`${o.command.name} ${o.ok ? 'ok' : o.error.name}`);
        // Reacting to the close's outcome with a new command (for the next card).
        if (react && o.command.name === 'CallCardClose') commands.next(setCardTitle('next'));
      });
      placement.emit('initialized', callInfo());
      commands.next(closeCard());
      commands.next(setStatusText('a'));
      commands.next(getListUiStates());
      commands.next(setCardTitle('b'));
      flush();
      expect(seen).toEqual([
        'CallCardClose ok',
        'CallCardSetStatusText CallCardUnavailableError',
        'CallCardSetCardTitle CallCardUnavailableError',
        'CallCardGetListUiStates ok',
      ]);
      sub.unsubscribe();
      expect(sub.closed).toBe(true);
    });
  });
});
