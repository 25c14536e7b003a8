import { fromCallCardEvent } from '../../src/streams/from-call-card-event';
import { createCallCardSimulator } from '../../src/testing/create-call-card-simulator';
import { send } from './host-probe';
import { testScheduler } from '../support/fixtures';

const ANSWER = 'BackgroundCallCard::answerButtonClick';

function ringingCard(options: Parameters<typeof createCallCardSimulator>[0] = {}) {
  const sim = createCallCardSimulator(options);
  sim.ring({ phoneNumber: '+15550100' });
  send(sim, 'CallCardSetUiState', { uiState: 'incoming' });
  return sim;
}

describe('simulator: binding semantics of the host (docs/host-behaviour.md, section 2)', () => {
  it('delivers every event twice to a name bound twice', () => {
    const sim = ringingCard();
    const seen: string[] = [];
    sim.bindEvent(ANSWER, () => seen.push('first'));
    sim.bindEvent(ANSWER, () => seen.push('second'));
    sim.press('answer');
    expect(seen).toEqual(['first', 'second']);
    expect(sim.bindCount('answerButtonClick')).toBe(2);
    expect(sim.raised.at(-1)).toMatchObject({
      event: { type: 'answerButtonClick', payload: undefined },
      delivered: 2,
    });
  });

  it('silently ignores a name the interface does not list', () => {
    const sim = createCallCardSimulator({
      interface: { events: ['initialized', 'BackgroundCallCard::skipButtonClick'] },
    });
    const seen: unknown[] = [];
    expect(() => sim.bindEvent(ANSWER, (raw) => seen.push(raw))).not.toThrow();
    sim.bindEvent('BackgroundCallCard::skipButtonClick', (raw) => seen.push(['skip', raw]));
    sim.bindEvent('Nonsense', (raw) => seen.push(raw));
    sim.ring();
    send(sim, 'CallCardSetUiState', { uiState: 'incoming' });
    sim.press('answer');
    sim.press('skip');
    expect(seen).toEqual([['skip', '']]);
    expect(sim.bindCount(ANSWER)).toBe(0);
    expect(sim.bindCount('Nonsense')).toBe(0);
  });

  it('delivers nothing to nobody: events before a binding are not kept', () => {
    const sim = ringingCard();
    sim.press('answer');
    const seen: unknown[] = [];
    sim.bindEvent(ANSWER, (raw) => seen.push(raw));
    expect(seen).toEqual([]);
    expect(sim.raised.at(-1)?.delivered).toBe(0);
  });

  it("sends no-data events as '' by default (SDK) and as [] with noDataAs '[]' (BX24)", () => {
    const sdk = ringingCard();
    const bx24 = ringingCard({ noDataAs: '[]' });
    const seen: unknown[] = [];
    sdk.bindEvent(ANSWER, (raw) => seen.push(raw));
    bx24.bindEvent(ANSWER, (raw) => seen.push(raw));
    sdk.press('answer');
    bx24.press('answer');
    expect(seen).toEqual(['', []]);
    expect(() => createCallCardSimulator({ noDataAs: 'null' as never })).toThrow(
      `createCallCardSimulator: options.noDataAs was "null"; expected '' (SDK style) or '[]' (BX24 style)`,
    );
  });

  it('hands each handler its own copy of a payload, as after postMessage', () => {
    const sim = createCallCardSimulator();
    const got: Array<Record<string, unknown>> = [];
    const take = (raw: unknown) => {
      const value = raw as Record<string, unknown>;
      got.push(value);
      value['CALL_ID'] = 'mutated';
    };
    sim.bindEvent('BackgroundCallCard::initialized', take);
    sim.bindEvent('BackgroundCallCard::initialized', take);
    const call = sim.ring({ callId: 'c-7' });
    expect(got[1]?.['CALL_ID']).toBe('mutated');
    expect(got[0]).not.toBe(got[1]);
    expect(call.CALL_ID).toBe('c-7');
    expect(sim.card().call?.CALL_ID).toBe('c-7');
  });

  it('keeps delivering to the other handlers when one throws, then rethrows', () => {
    const sim = ringingCard();
    const seen: string[] = [];
    sim.bindEvent(ANSWER, () => {
      throw new Error('boom');
    });
    sim.bindEvent(ANSWER, () => seen.push('second'));
    expect(() => sim.press('answer')).toThrow('boom');
    expect(seen).toEqual(['second']);
  });

  it("is read by the library's hub in both no-data styles", () => {
    for (const noDataAs of ['', '[]'] as const) {
      const sim = ringingCard({ noDataAs });
      const seen: unknown[] = [];
      const subscription = fromCallCardEvent(sim, 'answerButtonClick').subscribe((payload) =>
        seen.push(payload),
      );
      sim.press('answer');
      subscription.unsubscribe();
      expect(seen).toEqual([undefined]);
    }
  });
});

describe('simulator: card() and view()', () => {
  it('renders "(no card)" before a ring and after a close', () => {
    const sim = createCallCardSimulator();
    expect(sim.view()).toBe('(no card)');
    expect(sim.card()).toEqual({
      exists: false,
      closed: false,
      state: null,
      buttons: [],
      title: '',
      statusText: '',
      muted: false,
      held: false,
      timer: { status: 'hidden', elapsedMs: 0 },
      call: null,
      crm: null,
    });
    sim.ring({ callId: 'c-1' });
    sim.press('close');
    expect(sim.view()).toBe('(no card)');
    expect(sim.card()).toMatchObject({ exists: false, closed: true, call: { CALL_ID: 'c-1' } });
  });

  it('renders state, call, title, status, buttons, flags and the timer', () => {
    testScheduler().run(({ cold, expectSubscriptions, flush }) => {
      const sim = createCallCardSimulator();
      sim.ring({
        phoneNumber: '+15550100',
        lineNumber: '2',
        crm: { entityType: 'CONTACT', entityId: 42, name: 'Ann Lee' },
      });
      send(sim, 'CallCardSetCardTitle', { title: 'Ann Lee' });
      send(sim, 'CallCardSetStatusText', { statusText: 'Talking' });
      send(sim, 'CallCardSetUiState', { uiState: 'connected' });
      sim.press('mute');
      const wait$ = cold('65s |');
      wait$.subscribe();
      flush();
      expectSubscriptions(wait$.subscriptions).toBe('^ 64999ms !');
      expect(sim.view()).toBe(
        [
          'state: connected',
          'call: incoming, +15550100, line 2, CONTACT 42 "Ann Lee"',
          'title: Ann Lee',
          'status: Talking',
          'buttons: hangup, hold, mute, transfer, dialpad, qualityMeter',
          'muted: yes, held: no',
          'Conversation length: 01:05',
        ].join('\n'),
      );
    });
  });

  it('renders an empty new card plainly', () => {
    const sim = createCallCardSimulator();
    sim.ring({ direction: 'outgoing', callListMode: true });
    expect(sim.view()).toBe(
      [
        'state: externalCard',
        'call: outgoing, (no number), call list',
        'title: (none)',
        'status: (none)',
        'buttons: close',
        'muted: no, held: no',
      ].join('\n'),
    );
  });

  it('returns snapshots that later changes do not touch', () => {
    const sim = createCallCardSimulator();
    sim.ring();
    const before = sim.card();
    send(sim, 'CallCardSetUiState', { uiState: 'incoming' });
    expect(before.state).toBe('externalCard');
    expect(sim.card().buttons).toEqual(['answer', 'skip']);
  });
});
