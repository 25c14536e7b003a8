import { of } from 'rxjs';
import {
  CallCardInputError,
  CallCardUnavailableError,
  connectCallCard,
  deferPlacement,
  setCardTitle,
} from 'b24-call-card-rx';
import type { PlacementPort } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import { sessionOf } from '../../src/session/session';
import { startUpOf } from '../../src/session/start-up';
import { callInfo } from '../support/fixtures';
import { later, settled } from '../support/later';

describe('start-up: a deferred placement joins the session of the placement it arrives at', () => {
  it('is started at once for a host placement: its own session', () => {
    const host = createTestPlacement();
    const startUp = startUpOf(host);
    expect(startUp.session).toBe(sessionOf(host));
    expect(startUpOf(host)).toBe(startUp);
  });

  it('joins the session the placement already has, and so does a deferred wrapper of the wrapper', async () => {
    const host = createTestPlacement();
    const direct = connectCallCard(host);
    host.emit('initialized', callInfo({ CALL_ID: 'c-1' }));
    const inner = later<PlacementPort>();
    const first = deferPlacement(inner.promise);
    const second = deferPlacement(() => first);
    const viaSecond = connectCallCard(second);
    expect(viaSecond.snapshot().uiState).toBeNull();

    inner.resolve(host);
    await settled();
    expect(startUpOf(first).session).toBe(sessionOf(host));
    expect(startUpOf(second).session).toBe(sessionOf(host));
    // It takes over the card already open, and shares its state from now on.
    expect(viaSecond.snapshot()).toBe(direct.snapshot());
    viaSecond.send(setCardTitle('Ann'));
    expect(direct.snapshot().title).toBe('Ann');
    expect(host.bindings.filter((b) => b.hostEventName.endsWith('::initialized'))).toHaveLength(1);
    direct.dispose();
    viaSecond.dispose();
  });

  it('fails a deferred placement that arrives back at itself, and refuses its commands', async () => {
    const box: { deferred?: PlacementPort } = {};
    const self = deferPlacement(() => Promise.resolve().then(() => box.deferred as PlacementPort));
    box.deferred = self;
    const card = connectCallCard(self);
    const errors: unknown[] = [];
    card.errors$.subscribe((e) => errors.push(e));
    const outcomes: unknown[] = [];
    card.apply(of(setCardTitle('Ann')));
    card.send(setCardTitle('Bob')).subscribe({ error: (e: unknown) => outcomes.push(e) });
    await settled();
    await expect(self.ready).rejects.toBeInstanceOf(CallCardUnavailableError);
    expect(errors).toHaveLength(1);
    expect((errors[0] as CallCardUnavailableError).cause).toBeInstanceOf(CallCardInputError);
    expect((errors[0] as Error).message).toMatch(
      /^deferPlacement: the placement failed to start: deferPlacement: placement was .*; expected a placement that does not lead back to this deferred placement/,
    );
    expect(outcomes).toEqual([expect.any(CallCardUnavailableError)]);
    expect(startUpOf(self).failure).toBe(errors[0]);
    card.dispose();
  });

  it('keeps nothing of a card disposed while its placement never starts', () => {
    const never = deferPlacement(new Promise<PlacementPort>(() => undefined));
    const startUp = startUpOf(never);
    const card = connectCallCard(never);
    card.apply(of(setCardTitle('Ann')));
    card.send(setCardTitle('Bob')).subscribe({ error: () => undefined });
    card.events.mute$.subscribe();
    card.dispose();
    // What stays is the placement's own: its events object binds the card's data on start, and
    // its one waiting queue (emptied by the dispose) moves on; nothing of the card.
    expect(startUp.attach.list).toHaveLength(1);
    expect(startUp.release.list).toHaveLength(1);
    expect(startUp.session).toBeUndefined();
  });
});
