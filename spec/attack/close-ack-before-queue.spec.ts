import { closeCard, connectCallCard, setStatusText } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import { at, callInfo, testScheduler } from '../support/fixtures';

// Promise broken: "A command your code emits after a card closed belongs to the next card". When
// the host acknowledges closeCard() later, the state shows `closed: true` before the queue hears
// of the close, so a command emitted in reaction to that state is filed under the closed card and
// fails; with a Close click, or with a host that acknowledges at once, the same code works.
describe('a command emitted in reaction to the state closed by an acknowledged closeCard()', () => {
  it.each([
    ['a host that answers at once', 0],
    ['a host that answers after 300 ms', 300],
  ])('waits for the next card and is sent to it, with %s', (_name, delayMs) => {
    testScheduler().run(({ flush }) => {
      const placement = createTestPlacement({ policy: delayMs ? { delayMs } : 'ack' });
      const card = connectCallCard(placement);
      const results: string[] = [];
      let reacted = false;
      card.state$.subscribe((s) => {
        if (!s.closed || reacted) return;
        reacted = true;
        card.send(setStatusText('Ready')).subscribe({
          next: () => results.push('ok'),
          error: (e: Error) => results.push(`${e.name}: ${e.message}`),
        });
      });
      placement.emit('initialized', callInfo({ CALL_ID: 'call-1' }));
      card.send(closeCard());
      at(1000, () => placement.emit('initialized', callInfo({ CALL_ID: 'call-2' })));
      flush();
      expect(results).toEqual(['ok']);
      expect(placement.calls.map((c) => `${c.time} ${c.command}`)).toEqual([
        '0 CallCardClose',
        '1000 CallCardSetStatusText',
      ]);
      expect(card.snapshot()).toMatchObject({ call: { CALL_ID: 'call-2' }, statusText: 'Ready' });
      card.dispose();
    });
  });
});
