import { VirtualAction, VirtualTimeScheduler } from 'rxjs';
import { callCardEvents, connectCallCard } from 'b24-call-card-rx';
import type { CallCard, CallInfo } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import { callInfo } from '../support/fixtures';

// Promise broken: connectCallCard rule 1, "a card already open on this placement is taken over
// from its replayed ... initialized" (and "initialized$ replays its latest value"). The hub
// counts the new card and runs the facades' state first, but stores the payload it replays only
// afterwards: whoever joins from inside that state delivery takes over the PREVIOUS call.
describe('joining the placement from inside a state$ delivery of a new card', () => {
  it('takes over the call that was just initialized, not the previous one', () => {
    const placement = createTestPlacement();
    const first = connectCallCard(placement);
    let second: CallCard | undefined;
    first.state$.subscribe((s) => {
      // E.g. a panel with its own clock opens when the second call arrives.
      if (s.call?.CALL_ID === 'call-2' && !second)
        second = connectCallCard(placement, {
          scheduler: new VirtualTimeScheduler(VirtualAction, 100),
        });
    });
    placement.emit('initialized', callInfo({ CALL_ID: 'call-1' }));
    placement.emit('initialized', callInfo({ CALL_ID: 'call-2' }));
    expect(first.snapshot().call?.CALL_ID).toBe('call-2');
    expect(second?.snapshot().call?.CALL_ID).toBe('call-2');
    first.dispose();
    second?.dispose();
  });

  it('replays the new call (only) to an initialized$ subscriber that joins then', () => {
    const placement = createTestPlacement();
    const card = connectCallCard(placement);
    const seen: string[] = [];
    let joined = false;
    card.state$.subscribe((s) => {
      if (s.call?.CALL_ID !== 'call-2' || joined) return;
      joined = true;
      callCardEvents(placement).initialized$.subscribe((c: CallInfo) => seen.push(c.CALL_ID));
    });
    placement.emit('initialized', callInfo({ CALL_ID: 'call-1' }));
    placement.emit('initialized', callInfo({ CALL_ID: 'call-2' }));
    expect(seen).toEqual(['call-2']);
    card.dispose();
  });
});
