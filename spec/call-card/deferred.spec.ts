import { of } from 'rxjs';
import { connectCallCard } from '../../src/call-card';
import { setCardTitle } from '../../src/commands/creators/set-card-title';
import { setMute } from '../../src/commands/creators/set-mute';
import { setStatusText } from '../../src/commands/creators/set-status-text';
import { setUiState } from '../../src/commands/creators/set-ui-state';
import { CallCardUnavailableError } from '../../src/model/errors';
import type { CallCardError } from '../../src/model/errors';
import { deferPlacement } from '../../src/placement/defer-placement';
import type { PlacementPort } from '../../src/placement/placement-port';
import { createTestPlacement } from '../../src/testing/create-test-placement';
import { callInfo } from '../support/fixtures';
import { later, settled } from '../support/later';

const CALL = callInfo({ CALL_ID: 'c-1', PHONE_NUMBER: '+4912345' });

describe('connectCallCard on a deferred placement (async start-up)', () => {
  it('shows uiState null until the port arrives, then follows the host', async () => {
    const source = later<PlacementPort>();
    const host = createTestPlacement();
    const card = connectCallCard(deferPlacement(source.promise));
    const states: (string | null)[] = [];
    card.state$.subscribe((s) => states.push(s.uiState));
    expect(card.snapshot().uiState).toBeNull();

    source.resolve(host);
    await settled();
    expect(card.snapshot().uiState).toBeNull();
    host.emit('initialized', CALL);
    expect(card.snapshot().call).toEqual(CALL);
    expect(states).toEqual([null, 'externalCard']);
    card.dispose();
  });

  it('runs the commands applied before the port arrived, in order, once the card is there', async () => {
    const source = later<PlacementPort>();
    const host = createTestPlacement();
    const card = connectCallCard(deferPlacement(source.promise));
    card.apply(of(setUiState('incoming'), setCardTitle('Anna'), setStatusText('Ringing')));

    source.resolve(host);
    await settled();
    expect(host.calls).toEqual([]); // the sink waits for the card
    host.emit('initialized', CALL);
    expect(host.calls.map((c) => [c.command, c.params])).toEqual([
      ['CallCardSetUiState', { uiState: 'incoming' }],
      ['CallCardSetCardTitle', { title: 'Anna' }],
      ['CallCardSetStatusText', { statusText: 'Ringing' }],
    ]);
    expect(card.snapshot()).toMatchObject({
      uiState: 'incoming',
      title: 'Anna',
      statusText: 'Ringing',
    });
    card.dispose();
  });

  it('queues the commands that reach it early (waitForInitialized: false) and sends them in order', async () => {
    const source = later<PlacementPort>();
    const host = createTestPlacement();
    const card = connectCallCard(deferPlacement(source.promise), { waitForInitialized: false });
    const results: unknown[] = [];
    card.send(setCardTitle('A')).subscribe((r) => results.push(r));
    card.apply(of(setStatusText('B'), setMute(true)));

    source.resolve(host);
    await settled();
    expect(host.calls.map((c) => c.command)).toEqual([
      'CallCardSetCardTitle',
      'CallCardSetStatusText',
      'CallCardSetMute',
    ]);
    expect(results).toEqual([undefined]); // the title command resolves with no value
    card.dispose();
  });

  describe('when the start fails', () => {
    const cause = new Error('no portal frame');

    it('says so once on errors$, not once per refused command', async () => {
      const source = later<PlacementPort>();
      const card = connectCallCard(deferPlacement(source.promise), { waitForInitialized: false });
      const errors: CallCardError[] = [];
      card.errors$.subscribe((e) => errors.push(e));
      const sendFailure: unknown[] = [];
      card.send(setCardTitle('A')).subscribe({ error: (e) => sendFailure.push(e) });
      card.apply(of(setStatusText('B'), setMute(true)));

      source.reject(cause);
      await settled();
      card.apply(of(setCardTitle('after the failure')));
      await settled();

      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(CallCardUnavailableError);
      expect(errors[0]).toMatchObject({
        message: 'deferPlacement: the placement failed to start: no portal frame',
        cause,
      });
      // The command's own caller still learns why it failed.
      expect(sendFailure).toHaveLength(1);
      expect(sendFailure[0]).toMatchObject({ subject: 'CallCardSetCardTitle', cause });
      expect(card.snapshot().uiState).toBeNull();
      card.dispose();
    });

    it('fails the commands waiting for a card too, and every later one, with the cause', async () => {
      const source = later<PlacementPort>();
      const card = connectCallCard(deferPlacement(source.promise)); // waits for initialized
      const errors: CallCardError[] = [];
      card.errors$.subscribe((e) => errors.push(e));
      const results: unknown[] = [];
      const record = { next: () => results.push('ok'), error: (e: unknown) => results.push(e) };
      card.send(setCardTitle('A')).subscribe(record);
      source.reject(cause);
      await settled();
      card.send(setStatusText('B')).subscribe(record);
      expect(results).toEqual([
        expect.objectContaining({ subject: 'CallCardSetCardTitle', cause }),
        expect.objectContaining({ subject: 'CallCardSetStatusText', cause }),
      ]);
      for (const result of results) expect(result).toBeInstanceOf(CallCardUnavailableError);
      expect(errors).toHaveLength(1);
      card.dispose();
    });

    it('reports the failure once even when nothing was sent', async () => {
      const card = connectCallCard(deferPlacement(() => Promise.reject(cause)));
      const errors: CallCardError[] = [];
      card.errors$.subscribe((e) => errors.push(e));
      await settled();
      expect(errors.map((e) => [e.constructor, e.cause])).toEqual([
        [CallCardUnavailableError, cause],
      ]);
      card.dispose();
    });

    it('still reports the other errors of the card', async () => {
      const source = later<PlacementPort>();
      const host = createTestPlacement({ policy: { error: 'Call card is undefined' } });
      const card = connectCallCard(deferPlacement(source.promise), { waitForInitialized: false });
      const errors: CallCardError[] = [];
      card.errors$.subscribe((e) => errors.push(e));
      card.apply(of(setCardTitle('A')));
      source.resolve(host);
      await settled();
      expect(errors.map((e) => e.message)).toEqual([
        'CallCardSetCardTitle: the host answered with error "Call card is undefined"',
      ]);
      card.dispose();
    });
  });
});
