import { callCardState } from '../../src/operators/call-card-state';
import { connectCallCard } from '../../src/call-card';
import type { CallCard } from '../../src/call-card';
import { setMute } from '../../src/commands/creators/set-mute';
import type { CallCardActivity } from '../../src/model/activity';
import type { CallCardError } from '../../src/model/errors';
import { hostEventName } from '../../src/model/events';
import type { CallCardSnapshot } from '../../src/model/snapshot';
import { deferPlacement } from '../../src/placement/defer-placement';
import type { PlacementPort } from '../../src/placement/placement-port';
import { sessionOf } from '../../src/session/session';
import { createTestPlacement } from '../../src/testing/create-test-placement';
import type { TestPlacement } from '../../src/testing/create-test-placement';
import { callInfo, crmEntity } from '../support/fixtures';
import { later, settled } from '../support/later';

// The live state as a facade sees it: one state per placement and scheduler, which a facade on a
// deferred placement joins once the real placement is known (src/state/card-store.ts).

const CALL = callInfo({ CALL_ID: 'c-1' });

/** Everything a facade's streams deliver, in order, tagged by stream. */
function watch(card: CallCard): Array<[string, unknown]> {
  const seen: Array<[string, unknown]> = [];
  card.activity$.subscribe((a) => seen.push(['activity', a.kind]));
  card.state$.subscribe((s) => seen.push(['state', s]));
  card.errors$.subscribe((e) => seen.push(['error', e.message]));
  return seen;
}

/** The snapshots `card.activity$.pipe(callCardState())` derives, subscribed now. */
function derived(card: CallCard): CallCardSnapshot[] {
  const snapshots: CallCardSnapshot[] = [];
  card.activity$.pipe(callCardState()).subscribe((s) => snapshots.push(s));
  return snapshots;
}

describe('the live state of a facade', () => {
  it('shows a card whose initialized payload is unreadable, then reports the payload', () => {
    const host = createTestPlacement();
    const card = connectCallCard(host);
    const seen = watch(card);
    seen.length = 0;

    host.emitRaw(hostEventName('initialized'), 'not a call');
    expect(seen.map(([stream]) => stream)).toEqual(['activity', 'state', 'error']);
    expect(seen[1]?.[1]).toMatchObject({ uiState: 'externalCard', call: null });
    expect(card.snapshot()).toBe(seen[1]?.[1]);
    card.dispose();
  });

  it('emits deeply frozen activities, with card and at only where they apply', () => {
    const host = createTestPlacement();
    const card = connectCallCard(host);
    const activities: CallCardActivity[] = [];
    card.activity$.subscribe((a) => activities.push(a));
    host.emit('initialized', CALL);
    host.emit('muteButtonClick', true);
    card.send(setMute(false)).subscribe();

    const [, opened, click, applied] = activities;
    expect(opened).toEqual({
      kind: 'event',
      event: { type: 'initialized', payload: CALL },
      card: 1,
    });
    expect(click).toEqual({ kind: 'event', event: { type: 'muteButtonClick', payload: true } });
    expect(click && 'card' in click).toBe(false);
    expect(applied).toEqual({ kind: 'command', command: setMute(false), card: 1 });
    expect(applied && 'at' in applied).toBe(false);
    for (const a of activities) {
      expect(Object.isFrozen(a)).toBe(true);
      if (a.kind === 'event') expect(Object.isFrozen(a.event)).toBe(true);
    }
    card.dispose();
  });

  describe('on a deferred placement', () => {
    let host: TestPlacement;
    beforeEach(() => {
      host = createTestPlacement();
    });

    it('says nothing at the switch when the placement shows no card', async () => {
      const source = later<PlacementPort>();
      const card = connectCallCard(deferPlacement(source.promise));
      const seen = watch(card);
      const snapshots = derived(card);
      expect(seen).toEqual([
        ['activity', 'sync'],
        ['state', card.snapshot()],
      ]);

      source.resolve(host);
      await settled();
      expect(seen).toHaveLength(2);
      host.emit('initialized', CALL);
      expect(snapshots).toEqual([expect.objectContaining({ uiState: null }), card.snapshot()]);
      card.dispose();
    });

    it('switches to the card the placement already shows: one sync, one new snapshot', async () => {
      const first = connectCallCard(host);
      host.emit('entityChanged', crmEntity());
      host.emit('initialized', CALL);
      first.send(setMute(true)).subscribe();

      const source = later<PlacementPort>();
      const card = connectCallCard(deferPlacement(source.promise));
      const seen = watch(card);
      const snapshots = derived(card);
      seen.length = 0;

      source.resolve(host);
      await settled();
      expect(seen).toEqual([
        ['activity', 'sync'],
        ['state', first.snapshot()],
      ]);
      expect(card.snapshot()).toBe(first.snapshot());
      expect(card.snapshot()).toMatchObject({ muted: true, entity: crmEntity(), call: CALL });
      expect(snapshots.at(-1)).toBe(first.snapshot());
      first.dispose();
      card.dispose();
    });

    it('tells activity$ of a closed card it joins, so later commands count on from it', async () => {
      const first = connectCallCard(host);
      host.emit('initialized', CALL);
      host.emit('closeButtonClick');
      first.dispose();

      const source = later<PlacementPort>();
      const card = connectCallCard(deferPlacement(source.promise));
      const states: CallCardSnapshot[] = [];
      card.state$.subscribe((s) => states.push(s));
      const syncs: CallCardActivity[] = [];
      card.activity$.subscribe((a) => {
        if (a.kind === 'sync') syncs.push(a);
      });
      const snapshots = derived(card);

      source.resolve(host);
      await settled();
      expect(states).toHaveLength(1);
      expect(syncs.map((a) => a.kind === 'sync' && a.card)).toEqual([0, 1]);
      host.emit('initialized', CALL);
      card.send(setMute(true)).subscribe();
      expect(card.snapshot()).toMatchObject({ muted: true });
      expect(snapshots.at(-1)).toEqual(card.snapshot());
      card.dispose();
    });

    it('keeps nothing of a facade disposed before the placement arrived', async () => {
      const source = later<PlacementPort>();
      const card = connectCallCard(deferPlacement(source.promise));
      const errors: CallCardError[] = [];
      card.errors$.subscribe((e) => errors.push(e));
      card.dispose();

      source.resolve(host);
      await settled();
      expect(sessionOf(host).stores.size).toBe(0);
      expect(errors).toEqual([]);
    });
  });
});
