import { connectCallCard, callCardEvents } from 'b24-call-card-rx';
import type { CallCardEvents } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';

// `callCardEvents(placement)` returns `{ all$, on(type), initialized$, ..., next$, malformed$ }`
// (the `CallCardEvents` type): its streams and `on` are the object's own properties, so `on`
// works taken off the object (destructured, passed as a callback), and a copy of the object
// (`{...events}`, `Object.assign`), which TypeScript types with every stream, holds them all. This
// broke while they were getters and a `this`-bound method on a shared prototype: `on` taken off
// the object threw a bare TypeError, and a copy held no stream.
describe('CallCardEvents used as a plain object', () => {
  it('keeps on() working when it is destructured or passed as a callback', () => {
    const placement = createTestPlacement();
    const { on } = callCardEvents(placement);
    const seen: boolean[] = [];
    on('muteButtonClick').subscribe((muted) => seen.push(muted));
    placement.emit('muteButtonClick', true);
    expect(seen).toEqual([true]);
    const streams = (['answerButtonClick', 'hangupButtonClick'] as const).map(
      callCardEvents(placement).on,
    );
    expect(streams).toHaveLength(2);
  });

  it("keeps on() working when destructured from a facade's events", () => {
    const placement = createTestPlacement();
    const card = connectCallCard(placement);
    const { on } = card.events;
    expect(() => on('hangupButtonClick')).not.toThrow();
    card.dispose();
  });

  it('keeps its streams in a copy of the object, as its type says', () => {
    const placement = createTestPlacement();
    const copy: CallCardEvents = { ...callCardEvents(placement) };
    const assigned: CallCardEvents = Object.assign({}, callCardEvents(placement));
    expect(typeof copy.mute$?.subscribe).toBe('function');
    expect(typeof assigned.initialized$?.subscribe).toBe('function');
    expect(Object.keys(callCardEvents(placement))).toEqual(expect.arrayContaining(['mute$', 'on']));
  });
});
