import { callCardEvents, connectCallCard } from 'b24-call-card-rx';
import type { CrmEntity } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import { callInfo } from '../support/fixtures';

const ENTITY: CrmEntity = { PHONE_NUMBER: '+4912345', CRM_ENTITY_TYPE: 'LEAD', CRM_ENTITY_ID: 3 };

// Promise broken: one truth for every facade (callCardState rule 3, "an entity that arrived since
// the last close or initialized survives the next initialized; an older one is dropped by it").
// A facade that takes over an open card replays the hub's latest entity as if it came just
// before the card's initialized, whenever it came: it keeps an entity that a facade connected
// from the start dropped, and drops one that it kept.
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
