// A facade that takes over a card already open on its placement (connectCallCard rule 1: "a card
// already open on this placement is taken over from its replayed ... initialized").
import { VirtualAction, VirtualTimeScheduler } from 'rxjs';
import { callCardEvents, connectCallCard } from 'b24-call-card-rx';
import type { CallCard, CallInfo } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import { callInfo, crmEntity } from '../support/fixtures';

const ENTITY = crmEntity({ CRM_ENTITY_TYPE: 'LEAD', CRM_ENTITY_ID: 3 });

// Also from inside the state delivery of a new card (and "initialized$ replays its latest
// value"). This broke when the hub counted the new card and ran the facades' state before it
// stored the payload it replays: whoever joined then took over the PREVIOUS call.
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

// One truth for every facade (callCardState rule 3, "an entity that arrived since the last close
// or initialized survives the next initialized; an older one is dropped by it"). This broke when
// a facade that takes over an open card replayed the hub's latest entity as if it came just
// before the card's initialized, whenever it came: it kept an entity that a facade connected from
// the start dropped, and dropped one that it kept.
describe('a facade that takes over an open card, and the entity it replays', () => {
  it("keeps an entity that came after the open card's initialized, at the next initialized", () => {
    const fromStart = createTestPlacement();
    const early = connectCallCard(fromStart);
    const takenOver = createTestPlacement();
    callCardEvents(takenOver); // binds initialized and entityChanged; no facade yet
    for (const placement of [fromStart, takenOver]) {
      placement.emit('initialized', callInfo({ CALL_ID: 'call-1' }));
      placement.emit('entityChanged', ENTITY);
    }
    const late = connectCallCard(takenOver);
    expect(late.snapshot()).toEqual(early.snapshot());
    for (const placement of [fromStart, takenOver])
      placement.emit('initialized', callInfo({ CALL_ID: 'call-2' }));
    expect(early.snapshot().entity).toEqual(ENTITY);
    expect(late.snapshot()).toEqual(early.snapshot());
    early.dispose();
    late.dispose();
  });

  it('drops the entity of an earlier card, as a facade connected from the start does', () => {
    const fromStart = createTestPlacement();
    const early = connectCallCard(fromStart);
    const takenOver = createTestPlacement();
    callCardEvents(takenOver);
    for (const placement of [fromStart, takenOver]) {
      placement.emit('entityChanged', ENTITY); // for call 1, before its initialized
      placement.emit('initialized', callInfo({ CALL_ID: 'call-1' }));
      placement.emit('initialized', callInfo({ CALL_ID: 'call-2' })); // no entity for call 2
    }
    expect(early.snapshot().entity).toBeNull();
    const late = connectCallCard(takenOver);
    expect(late.snapshot()).toEqual(early.snapshot());
    early.dispose();
    late.dispose();
  });
});
