import { map } from 'rxjs';
import { CALL_CARD_COMMAND_NAMES } from '../../src/model/commands';
import { INTERNAL_UI_STATES, UI_STATES } from '../../src/model/ui-states';
import { createCallCardSimulator } from '../../src/testing/create-call-card-simulator';
import { hostError, listenAll, send } from './host-probe';
import { testScheduler } from '../support/fixtures';

const UNDEFINED_CARD = hostError('Call card is undefined');
const TWELVE = [...UI_STATES];

const PARAMS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  CallCardSetCardTitle: { title: 'Ann' },
  CallCardSetStatusText: { statusText: 'Ringing' },
  CallCardSetUiState: { uiState: 'connected' },
  CallCardGetListUiStates: {},
  CallCardSetMute: { muted: true },
  CallCardSetHold: { held: true },
  CallCardStartTimer: {},
  CallCardStopTimer: {},
  CallCardClose: {},
};
const NEEDS_CARD = CALL_CARD_COMMAND_NAMES.filter((c) => c !== 'CallCardGetListUiStates');

describe('simulator: commands without a card (docs/host-behaviour.md, sections 1 and 3)', () => {
  it.each(NEEDS_CARD)('%s answers "Call card is undefined" before initialized', (command) => {
    const sim = createCallCardSimulator();
    expect(send(sim, command, PARAMS[command])).toEqual([UNDEFINED_CARD]);
  });

  it.each(NEEDS_CARD)('%s answers "Call card is undefined" after CallCardClose', (command) => {
    const sim = createCallCardSimulator();
    sim.ring();
    expect(send(sim, 'CallCardClose')).toEqual([[]]);
    expect(send(sim, command, PARAMS[command])).toEqual([UNDEFINED_CARD]);
    expect(sim.card()).toMatchObject({ exists: false, closed: true });
  });

  it('answers "Call card is undefined" after the Close button too', () => {
    const sim = createCallCardSimulator();
    sim.ring();
    sim.press('close');
    expect(send(sim, 'CallCardSetUiState', { uiState: 'connected' })).toEqual([UNDEFINED_CARD]);
  });

  it('lists the 12 UI states with or without a card', () => {
    const sim = createCallCardSimulator();
    expect(send(sim, 'CallCardGetListUiStates')).toEqual([TWELVE]);
    sim.ring();
    expect(send(sim, 'CallCardGetListUiStates')).toEqual([TWELVE]);
    sim.press('close');
    expect(send(sim, 'CallCardGetListUiStates')).toEqual([TWELVE]);
  });

  it('hands out a fresh list each time, as a parsed reply would be', () => {
    const sim = createCallCardSimulator();
    const first = send(sim, 'CallCardGetListUiStates')[0] as string[];
    first.pop();
    expect(send(sim, 'CallCardGetListUiStates')).toEqual([TWELVE]);
  });
});

describe('simulator: commands on a card (docs/host-behaviour.md, section 3)', () => {
  function withCard() {
    const sim = createCallCardSimulator();
    sim.ring();
    const heard = listenAll(sim);
    return { sim, heard };
  }

  it('sets the title and the status text, replying []', () => {
    const { sim, heard } = withCard();
    expect(send(sim, 'CallCardSetCardTitle', { title: 'Ann Lee' })).toEqual([[]]);
    expect(send(sim, 'CallCardSetStatusText', { statusText: 'On the line' })).toEqual([[]]);
    expect(sim.card()).toMatchObject({ title: 'Ann Lee', statusText: 'On the line' });
    expect(heard).toEqual([]);
  });

  it.each([...UI_STATES, ...INTERNAL_UI_STATES])('accepts the UI state %s, replying []', (s) => {
    const { sim } = withCard();
    expect(send(sim, 'CallCardSetUiState', { uiState: s })).toEqual([[]]);
    expect(sim.card().state).toBe(s);
  });

  it.each([['talking'], [''], [undefined], [42]])(
    'answers "Invalid ui state" for %p and keeps the state',
    (uiState) => {
      const { sim } = withCard();
      send(sim, 'CallCardSetUiState', { uiState: 'incoming' });
      expect(send(sim, 'CallCardSetUiState', { uiState })).toEqual([hostError('Invalid ui state')]);
      expect(sim.card().state).toBe('incoming');
    },
  );

  it('stores mute and hold silently, replying [] also when already in that state', () => {
    const { sim, heard } = withCard();
    expect(send(sim, 'CallCardSetMute', { muted: true })).toEqual([[]]);
    expect(send(sim, 'CallCardSetMute', { muted: true })).toEqual([[]]);
    expect(send(sim, 'CallCardSetHold', { held: true })).toEqual([[]]);
    expect(sim.card()).toMatchObject({ muted: true, held: true });
    expect(send(sim, 'CallCardSetHold', { held: false })).toEqual([[]]);
    expect(sim.card().held).toBe(false);
    expect(heard).toEqual([]);
  });

  it.each(['CallCardStartTimer', 'CallCardStopTimer'])(
    'changes the timer on %s but never replies',
    (command) => {
      testScheduler().run(({ flush }) => {
        const { sim } = withCard();
        if (command === 'CallCardStopTimer') send(sim, 'CallCardStartTimer');
        const replies = send(sim, command);
        flush();
        expect(replies).toEqual([]);
        expect(sim.card().timer.status).toBe(
          command === 'CallCardStartTimer' ? 'running' : 'stopped',
        );
        expect(sim.log.at(-1)).toMatchObject({ command, replied: false, reply: undefined });
      });
    },
  );

  it('never answers an unknown command, with or without a card', () => {
    testScheduler().run(({ flush }) => {
      const sim = createCallCardSimulator();
      const before = send(sim, 'CallCardDance', { x: 1 });
      sim.ring();
      const after = send(sim, 'callcardsetmute', { muted: true });
      flush();
      expect(before).toEqual([]);
      expect(after).toEqual([]);
      expect(sim.card().muted).toBe(false);
    });
  });

  it('closes the card on CallCardClose: [] first, then no card', () => {
    const { sim, heard } = withCard();
    expect(send(sim, 'CallCardClose')).toEqual([[]]);
    expect(sim.card()).toMatchObject({ exists: false, closed: true, state: null });
    expect(heard).toEqual([]);
    expect(send(sim, 'CallCardClose')).toEqual([UNDEFINED_CARD]);
  });

  it('logs every command with its time and reply', () => {
    const sim = createCallCardSimulator();
    send(sim, 'CallCardSetCardTitle', { title: 'A' });
    sim.ring();
    send(sim, 'CallCardSetCardTitle', { title: 'B' });
    send(sim, 'CallCardStopTimer');
    expect(sim.log).toEqual([
      {
        command: 'CallCardSetCardTitle',
        params: { title: 'A' },
        time: expect.any(Number),
        replied: true,
        reply: UNDEFINED_CARD,
      },
      {
        command: 'CallCardSetCardTitle',
        params: { title: 'B' },
        time: expect.any(Number),
        replied: true,
        reply: [],
      },
      {
        command: 'CallCardStopTimer',
        params: {},
        time: expect.any(Number),
        replied: false,
        reply: undefined,
      },
    ]);
  });
});

describe('simulator: a slow host (replyDelayMs)', () => {
  it('replies replyDelayMs later on the scheduler, having applied the command on arrival', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const sim = createCallCardSimulator({ replyDelayMs: 300 });
      sim.ring();
      const replies: unknown[] = [];
      const steps$ = cold<() => void>('a 99ms b 399ms (c|)', {
        a: () => {
          sim.call('CallCardSetCardTitle', { title: 'X' }, (r) => replies.push(['title', r]));
        },
        b: () => {
          sim.call('CallCardSetUiState', { uiState: 'bad' }, (r) => replies.push(['state', r]));
        },
        c: () => undefined,
      });
      const seen$ = steps$.pipe(
        map((step) => {
          step();
          return { title: sim.card().title, replies: replies.length };
        }),
      );
      expectObservable(seen$).toBe('a 99ms b 399ms (c|)', {
        a: { title: 'X', replies: 0 },
        b: { title: 'X', replies: 0 },
        c: { title: 'X', replies: 2 },
      });
      expectSubscriptions(steps$.subscriptions).toBe('^ 499ms !');
    });
  });

  it('delivers the delayed replies in order, with the host error codes', () => {
    testScheduler().run(({ flush }) => {
      const sim = createCallCardSimulator({ replyDelayMs: 50 });
      const early = send(sim, 'CallCardSetMute', { muted: true });
      sim.ring();
      const late = send(sim, 'CallCardSetMute', { muted: true });
      expect([early, late]).toEqual([[], []]);
      flush();
      expect([early, late]).toEqual([[UNDEFINED_CARD], [[]]]);
    });
  });

  it('refuses a negative delay', () => {
    expect(() => createCallCardSimulator({ replyDelayMs: -1 })).toThrow(
      'createCallCardSimulator: options.replyDelayMs was -1; expected a finite number >= 0',
    );
  });
});
