import { NEVER, Observable, Subject, map, of } from 'rxjs';
import type { Subscription } from 'rxjs';
import { connectCallCard } from '../../src/call-card';
import type { CallCard } from '../../src/call-card';
import type { PlacementPort } from '../../src/placement/placement-port';
import { sessionOf } from '../../src/session/session';
import { callCardEvents } from '../../src/streams/call-card-events';
import { closeCard } from '../../src/commands/creators/close-card';
import { getListUiStates } from '../../src/commands/creators/get-list-ui-states';
import { setCardTitle } from '../../src/commands/creators/set-card-title';
import { setHold } from '../../src/commands/creators/set-hold';
import { setMute } from '../../src/commands/creators/set-mute';
import { setStatusText } from '../../src/commands/creators/set-status-text';
import { setUiState } from '../../src/commands/creators/set-ui-state';
import { startTimer } from '../../src/commands/creators/start-timer';
import { stopTimer } from '../../src/commands/creators/stop-timer';
import {
  CallCardCommandError,
  CallCardInputError,
  CallCardUnavailableError,
} from '../../src/model/errors';
import type { CallCardError } from '../../src/model/errors';
import { hostEventName } from '../../src/model/events';
import { recordingPlacement } from '../support/recording-placement';
import type { RecordingPlacement } from '../support/recording-placement';
import {
  callInfo,
  collectUnhandledErrors,
  crmEntity,
  testScheduler,
  virtualClock,
} from '../support/fixtures';

const CALL = callInfo({
  CALL_ID: 'c-1',
  PHONE_NUMBER: '+4912345',
  CRM_ENTITY_TYPE: 'CONTACT',
  CRM_ENTITY_ID: 7,
});
const ENTITY = crmEntity();

const emit = (p: RecordingPlacement, type: string, raw?: unknown): void =>
  p.emit(hostEventName(type as 'initialized'), raw);

/**
 * Listeners the library keeps on a placement for its facades: on host events (the stores' taps,
 * stream subscribers), on malformed$, and on applied commands (the queue's own memory,
 * which lives as long as the placement, is not counted).
 */
function liveListeners(placement: PlacementPort) {
  const session = sessionOf(placement);
  return () => {
    let hub = session.taps.list.length;
    for (const channel of session.channels.values()) hub += channel.listeners.list.length;
    return {
      hub,
      malformed: session.malformed.list.length,
      applied:
        session.appliedTaps.list.length -
        (session.queue ? 1 : 0) +
        session.appliedListeners.list.length,
    };
  };
}

describe('connectCallCard', () => {
  const unhandled = collectUnhandledErrors();
  afterEach(() => expect(unhandled).toEqual([]));

  it('binds initialized and entityChanged at creation, so an early card is never missed', () => {
    const placement = recordingPlacement();
    const card = connectCallCard(placement);
    expect(placement.bindCount('BackgroundCallCard::initialized')).toBe(1);
    expect(placement.bindCount('BackgroundCallCard::entityChanged')).toBe(1);

    emit(placement, 'entityChanged', ENTITY);
    emit(placement, 'initialized', CALL);

    // Nobody subscribed to anything, yet the state is live.
    expect(card.snapshot()).toMatchObject({ uiState: 'externalCard', call: CALL, entity: ENTITY });
    card.dispose();
  });

  it('binds each host event once however many cards are connected to one placement', () => {
    const placement = recordingPlacement();
    const cards = [connectCallCard(placement), connectCallCard(placement)];
    cards.push(connectCallCard(placement));
    for (const name of new Set(placement.binds)) expect(placement.bindCount(name)).toBe(1);
    for (const card of cards) card.dispose();
  });

  it('replays the current snapshot to late subscribers and reads it synchronously', () => {
    const placement = recordingPlacement();
    const card = connectCallCard(placement);
    emit(placement, 'initialized', CALL);
    card.send(setCardTitle('Anna Schmidt'));

    const seen: string[] = [];
    card.state$.subscribe((s) => seen.push(s.title));
    expect(seen).toEqual(['Anna Schmidt']);
    expect(card.snapshot().title).toBe('Anna Schmidt');
    card.dispose();
  });

  it('reflects a command in snapshot() as soon as its outcome arrives (no artificial asynchrony)', () => {
    const placement = recordingPlacement();
    const card = connectCallCard(placement);
    emit(placement, 'initialized', CALL);
    const source = new Subject<ReturnType<typeof setMute>>();
    card.apply(source);

    source.next(setMute(true));
    expect(card.snapshot().muted).toBe(true);
    // The host's silent change (no event follows CallCardSetMute) is learnt from the command.
    expect(placement.calls.map((c) => c.command)).toEqual(['CallCardSetMute']);
    emit(placement, 'muteButtonClick', false);
    expect(card.snapshot().muted).toBe(false);
    card.dispose();
  });

  it('derives state from events and applied commands in order, in virtual time', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const placement = recordingPlacement();
      const card = connectCallCard(placement);
      const host = cold('a-----b---', { a: 'initialized', b: 'holdButtonClick' });
      host.subscribe((type) => emit(placement, type, type === 'initialized' ? CALL : true));
      const commands = cold('--c-d-----|', {
        c: setUiState('connected'),
        d: setStatusText('Talking'),
      });

      card.apply(commands);
      expectObservable(card.state$.pipe(), '^---------').toBe('a-b-c-d---', {
        a: expect.objectContaining({ uiState: 'externalCard', statusText: '' }),
        b: expect.objectContaining({ uiState: 'connected', held: false }),
        c: expect.objectContaining({ uiState: 'connected', statusText: 'Talking' }),
        d: expect.objectContaining({ uiState: 'connected', held: true }),
      });
      expectSubscriptions(commands.subscriptions).toBe('^---------!');
    });
  });

  it('shares one ticking timer among all subscribers and stops it when the last one leaves', () => {
    const clock = virtualClock();
    const placement = recordingPlacement();
    const card = connectCallCard(placement, { scheduler: clock.scheduler });
    emit(placement, 'initialized', CALL);
    card.send(setUiState('connected'));

    const seen: number[][] = [[], [], []];
    const subs: Subscription[] = [0, 1, 2].map((i) =>
      card.timer$.subscribe((t) => seen[i]!.push(t.elapsedMs)),
    );
    clock.advanceTo(2500);
    expect(clock.live()).toBe(1); // three subscribers, one pending tick
    for (const s of subs) s.unsubscribe();
    expect(clock.live()).toBe(0);
    clock.advanceTo(9000);
    expect(seen).toEqual([
      [0, 1000, 2000],
      [0, 1000, 2000],
      [0, 1000, 2000],
    ]);
    // A late subscriber restarts the shared timer from the host's startedAt: nothing accumulated.
    const late: number[] = [];
    card.timer$.subscribe((t) => late.push(t.elapsedMs));
    expect(late).toEqual([9000]);
    card.dispose();
    expect(clock.live()).toBe(0);
  });

  it('reports malformed payloads and failed commands on errors$; nothing dies', () => {
    const placement = recordingPlacement((command) =>
      command === 'CallCardSetCardTitle'
        ? [{ result: 'error', errorCode: 'Call card is undefined' }]
        : [],
    );
    const card = connectCallCard(placement);
    const errors: CallCardError[] = [];
    card.errors$.subscribe((e) => errors.push(e));
    emit(placement, 'initialized', CALL);
    card.events.mute$.subscribe();
    emit(placement, 'muteButtonClick', 'yes');

    const results: unknown[] = [];
    card.send(setCardTitle('A')).subscribe({ error: (e: unknown) => results.push(e) });
    card.send(setStatusText('still works')).subscribe({ complete: () => results.push('done') });

    expect(errors.map((e) => e.message)).toEqual([
      'BackgroundCallCard::muteButtonClick: payload was "yes"; expected a boolean',
      'CallCardSetCardTitle: the host answered with error "Call card is undefined"',
    ]);
    expect(results[0]).toBeInstanceOf(CallCardCommandError);
    expect(results[1]).toBe('done');
    expect(card.snapshot().statusText).toBe('still works');
    card.dispose();
  });

  it('throws bad input at the call, before anything reaches the host', () => {
    const placement = recordingPlacement();
    expect(() => connectCallCard(placement, { tickMs: 5, colour: 'red' } as never)).toThrow(
      CallCardInputError,
    );
    expect(() => connectCallCard(null as never)).toThrow(
      /connectCallCard: placement was null; expected/,
    );
    const card = connectCallCard(placement);
    expect(() => card.send({ name: 'CallCardSetMute', params: { muted: 'yes' } } as never)).toThrow(
      /CallCardSetMute: .*muted.*"yes".*boolean/,
    );
    expect(placement.calls).toEqual([]);
    card.dispose();
  });

  it('takes over a card already open on the placement', () => {
    const placement = recordingPlacement();
    callCardEvents(placement);
    emit(placement, 'entityChanged', ENTITY);
    emit(placement, 'initialized', CALL);
    const card = connectCallCard(placement);
    expect(card.snapshot()).toMatchObject({ uiState: 'externalCard', call: CALL, entity: ENTITY });
    card.dispose();
  });

  it('follows the card through close and the next initialized', () => {
    const placement = recordingPlacement();
    const card = connectCallCard(placement);
    emit(placement, 'initialized', CALL);
    card.send(closeCard());
    expect(card.snapshot().closed).toBe(true);
    // Sent while no card is open: it belongs to the next card, and waits for it.
    const results: unknown[] = [];
    card.send(setStatusText('x')).subscribe({
      next: () => results.push('ok'),
      error: (e: unknown) => results.push(e),
    });
    expect(results).toEqual([]);
    expect(placement.calls.map((c) => c.command)).toEqual(['CallCardClose']);
    emit(placement, 'initialized', { ...CALL, CALL_ID: 'c-2' });
    expect(results).toEqual(['ok']);
    expect(card.snapshot()).toMatchObject({
      closed: false,
      call: { CALL_ID: 'c-2' },
      statusText: 'x',
    });
    card.dispose();
  });

  it('reflects commands that waited for initialized as soon as they are acknowledged', () => {
    const placement = recordingPlacement();
    const card = connectCallCard(placement);
    const outcomes: string[] = [];
    card.send(setCardTitle('Anna')).subscribe({ complete: () => outcomes.push('title') });
    card.send(setUiState('incoming')).subscribe({ complete: () => outcomes.push('state') });
    expect(placement.calls).toEqual([]);
    emit(placement, 'initialized', CALL);
    expect(outcomes).toEqual(['title', 'state']);
    expect(card.snapshot()).toMatchObject({ title: 'Anna', uiState: 'incoming' });
    card.dispose();
  });

  it('is current in snapshot() when a command sent from a state$ subscriber completes', () => {
    const placement = recordingPlacement();
    const card = connectCallCard(placement);
    emit(placement, 'initialized', CALL);
    card.send(setUiState('connected'));
    const seen: string[] = [];
    card.state$.subscribe((s) => {
      if (s.muted && s.statusText !== 'Muted')
        card.send(setStatusText('Muted')).subscribe({
          complete: () => seen.push(card.snapshot().statusText),
        });
    });
    const delivered: string[] = [];
    card.state$.subscribe((s) => delivered.push(`${s.muted} ${s.statusText}`));
    emit(placement, 'muteButtonClick', true);
    expect(seen).toEqual(['Muted']);
    // Every subscriber still sees the snapshots in order, ending on the latest.
    expect(delivered).toEqual(['false ', 'true ', 'true Muted']);
    card.dispose();
  });

  it('shares one state among the cards connected to a placement', () => {
    const placement = recordingPlacement();
    const first = connectCallCard(placement);
    emit(placement, 'initialized', CALL);
    first.send(setUiState('connected'));
    first.send(setMute(true));
    const second = connectCallCard(placement); // a component mounted later
    expect(second.snapshot()).toMatchObject({ uiState: 'connected', muted: true });
    expect(second.snapshot().timer).toMatchObject({ running: true, visible: true });
    second.send(closeCard());
    expect(first.snapshot()).toMatchObject({ closed: true, uiState: null });
    first.dispose();
    expect(second.snapshot().closed).toBe(true);
    second.dispose();
  });

  it('keeps an entityChanged that came before the card even when connected in between', () => {
    const placement = recordingPlacement();
    callCardEvents(placement);
    emit(placement, 'entityChanged', ENTITY);
    const card = connectCallCard(placement);
    emit(placement, 'initialized', CALL);
    expect(card.snapshot()).toMatchObject({ entity: ENTITY, call: CALL });
    card.dispose();
  });

  it('shows a card whose initialized it cannot read, reports it, and sends its commands', () => {
    const placement = recordingPlacement();
    const card = connectCallCard(placement);
    const errors: string[] = [];
    const seenAtReport: (string | null)[] = [];
    card.errors$.subscribe((e) => {
      errors.push(e.message);
      seenAtReport.push(card.snapshot().uiState);
    });
    card.send(setCardTitle('Waiting for the card'));
    emit(placement, 'initialized', { CALL_ID: 'x', CALL_DIRECTION: 'inbound' });
    // The host raised the card: the waiting command went, and the state agrees with the host.
    expect(placement.calls.map((c) => c.command)).toEqual(['CallCardSetCardTitle']);
    expect(card.snapshot()).toMatchObject({
      uiState: 'externalCard',
      call: null,
      title: 'Waiting for the card',
    });
    expect(errors).toEqual([expect.stringMatching(/initialized: .*CALL_DIRECTION/)]);
    expect(seenAtReport).toEqual(['externalCard']);
    card.send(setUiState('connected'));
    expect(card.snapshot().uiState).toBe('connected');
    card.dispose();
  });

  it('lets the next call work after a close: commands sent on its initialized go through', () => {
    for (const close of ['click', 'command'] as const) {
      const placement = recordingPlacement();
      const card = connectCallCard(placement);
      const outcomes: string[] = [];
      card.apply(card.events.initialized$.pipe(map((c) => setCardTitle(`Call ${c.CALL_ID}`))));
      card.errors$.subscribe((e) => outcomes.push(e.message));
      emit(placement, 'initialized', CALL);
      if (close === 'click') emit(placement, 'closeButtonClick', '');
      else card.send(closeCard());
      expect(card.snapshot().closed).toBe(true);
      emit(placement, 'initialized', { ...CALL, CALL_ID: 'c-2' });
      expect(outcomes).toEqual([]);
      expect(placement.calls.map((c) => String(c.params['title'] ?? c.command))).toEqual(
        close === 'click' ? ['Call c-1', 'Call c-2'] : ['Call c-1', 'CallCardClose', 'Call c-2'],
      );
      expect(card.snapshot()).toMatchObject({ closed: false, title: 'Call c-2' });
      card.dispose();
    }
  });

  it('does not take over a card closed by closeCard() once every earlier card is gone', () => {
    const placement = recordingPlacement();
    const first = connectCallCard(placement);
    emit(placement, 'initialized', CALL);
    first.send(closeCard());
    first.dispose();
    const later = connectCallCard(placement);
    expect(later.snapshot()).toMatchObject({ uiState: null, closed: false, call: null });
    // No card is open: a command waits for the next one instead of reaching the host now.
    const failed: unknown[] = [];
    later.send(setStatusText('x')).subscribe({ error: (e: unknown) => failed.push(e) });
    expect(placement.calls.map((c) => c.command)).toEqual(['CallCardClose']);
    later.dispose();
    expect(failed).toEqual([expect.any(CallCardUnavailableError)]);
    expect(placement.calls.map((c) => c.command)).toEqual(['CallCardClose']);
  });

  it('types what send() resolves to by the command, and refuses what is not a command', () => {
    const placement = recordingPlacement((command) =>
      command === 'CallCardGetListUiStates' ? ['incoming', 'connected'] : [],
    );
    const card = connectCallCard(placement, { waitForInitialized: false });
    const states: Observable<readonly string[]> = card.send(getListUiStates());
    const ack: Observable<undefined> = card.send(setHold(false));
    const seen: unknown[] = [];
    states.subscribe((list) => seen.push(list));
    ack.subscribe((value) => seen.push(value));
    expect(seen).toEqual([['incoming', 'connected'], undefined]);
    // @ts-expect-error a string is not a command
    expect(() => card.send('CallCardClose')).toThrow(CallCardInputError);
    // @ts-expect-error apply takes a stream of commands
    const refused = () => card.apply(of('CallCardClose'));
    expect(typeof refused).toBe('function');
    card.dispose();
  });

  describe('dispose()', () => {
    it('completes every stream, cancels queued commands and unsubscribes command sources', () => {
      testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const placement = recordingPlacement(() => undefined); // a host that never answers
        const card = connectCallCard(placement, { waitForInitialized: false, timeoutMs: 100_000 });
        const commands = hot('-a-b-c-', {
          a: setStatusText('1'),
          b: setStatusText('2'),
          c: setStatusText('3'),
        });
        card.apply(commands);
        cold('----x').subscribe(() => card.dispose());

        expectSubscriptions(commands.subscriptions).toBe('^---!');
        expectObservable(card.state$).toBe('a---|', {
          a: expect.objectContaining({ uiState: null }),
        });
        // Every subscription starts with the state so far.
        expectObservable(card.activity$).toBe('s---|', {
          s: expect.objectContaining({ kind: 'sync', card: 0 }),
        });
        expectObservable(card.errors$).toBe('----|');
        expectObservable(card.timer$).toBe('a---|', { a: { status: 'hidden', elapsedMs: 0 } });
        expectObservable(card.events.answer$).toBe('----|');
        expectObservable(card.events.on('hangupButtonClick')).toBe('----|');
        expectObservable(card.events.initialized$).toBe('----|');
      });
    });

    it('releases every host listener, every timer and every sink', () => {
      const clock = virtualClock();
      const placement = recordingPlacement();
      const listeners = liveListeners(placement);
      const cards = [connectCallCard(placement, { scheduler: clock.scheduler })];
      cards.push(connectCallCard(placement, { scheduler: clock.scheduler }));
      const [card] = cards as [CallCard, CallCard];
      let sourceSubscriptions = 0;
      const source = new Observable<ReturnType<typeof startTimer>>(() => {
        sourceSubscriptions += 1;
        return () => (sourceSubscriptions -= 1);
      });
      card.apply(source);
      cards[1]!.apply(source);
      emit(placement, 'initialized', CALL);
      card.send(setUiState('connected'));
      card.timer$.subscribe();
      cards[1]!.timer$.subscribe();
      card.events.hangup$.subscribe();
      card.errors$.subscribe();
      expect(sourceSubscriptions).toBe(2);
      expect(clock.live()).toBe(2);
      expect(listeners().hub).toBeGreaterThan(1);
      expect(listeners().applied).toBe(1);

      card.dispose();
      // The other card still needs the shared state: only this card's own listeners are gone.
      expect(sourceSubscriptions).toBe(1);
      expect(clock.live()).toBe(1);
      expect(listeners().applied).toBe(1);
      cards[1]!.dispose();
      expect(sourceSubscriptions).toBe(0);
      expect(clock.live()).toBe(0);
      expect(listeners()).toEqual({ hub: 0, malformed: 0, applied: 0 });
      // Disposing neither added nor repeated a binding.
      for (const name of new Set(placement.binds)) expect(placement.bindCount(name)).toBe(1);
    });

    it('errors pending sends, refuses later use with a clear error, and is idempotent', () => {
      const placement = recordingPlacement(() => undefined);
      const clock = virtualClock();
      const card = connectCallCard(placement, {
        waitForInitialized: false,
        scheduler: clock.scheduler,
      });
      const pending: unknown[] = [];
      card.send(setHold(true)).subscribe({ error: (e: unknown) => pending.push(e) });
      card.dispose();
      card.dispose();
      expect(card.disposed).toBe(true);
      expect(pending).toHaveLength(1);
      expect(pending[0]).toBeInstanceOf(CallCardUnavailableError);
      expect(() => card.send(stopTimer())).toThrow(/callCard\.send: this call card was disposed/);
      expect(() => card.apply(NEVER)).toThrow(CallCardUnavailableError);
      expect(card.snapshot().uiState).toBeNull();
    });
  });
});
