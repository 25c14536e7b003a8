import { closeCard, connectCallCard, setStatusText } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import { at, callInfo, testScheduler } from '../support/fixtures';

// "A command your code emits after a card closed belongs to the next card", also when the host
// acknowledges closeCard() late. This broke while the state showed `closed: true` before the queue
// heard of the close: a command emitted in reaction to that state was filed under the closed card
// and failed, where with a Close click, or a host that acknowledges at once, the same code worked.
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
