// connectReduxDevTools: the session's entries as Redux DevTools actions, the card's snapshot as
// the state, against a fake of the extension's page API (spec/support/fake-redux-dev-tools.ts).
// Everything with time runs inside TestScheduler.run.
import { Subscription, asyncScheduler, config } from 'rxjs';
import {
  CallCardError,
  CallCardInputError,
  INITIAL_CALL_CARD_SNAPSHOT,
  connectCallCard,
  recordCallCard,
  redactPersonalData,
  setCardTitle,
  setHold,
  setMute,
  setStatusText,
  setUiState,
} from 'b24-call-card-rx';
import type { CallCard, CallCardSnapshot, SessionLogEntry } from 'b24-call-card-rx';
import { connectReduxDevTools } from 'b24-call-card-rx/devtools';
import type { CallCardDevToolsAction, ReduxDevToolsExtension } from 'b24-call-card-rx/devtools';
import { sessionOf } from '../../src/session/session';
import { fakeReduxDevTools } from '../support/fake-redux-dev-tools';
import { contactCall } from '../support/fixtures';
import { inVirtualTime } from '../support/in-virtual-time';
import type { ConnectionCall, FakeReduxDevTools } from '../support/fake-redux-dev-tools';
import { recordingPlacement } from '../support/recording-placement';
import type { RecordingPlacement } from '../support/recording-placement';

const INITIALIZED = 'BackgroundCallCard::initialized';
const MUTE = 'BackgroundCallCard::muteButtonClick';
const CLOSE = 'BackgroundCallCard::closeButtonClick';

const CALL = contactCall({ CALL_ID: 'c-1' });

/** Errors reported through rxjs's unhandled-error path while `body` runs (in virtual time). */
function reported(body: () => void): unknown[] {
  const errors: unknown[] = [];
  const before = config.onUnhandledError;
  config.onUnhandledError = (error) => errors.push(error);
  try {
    inVirtualTime(body);
  } finally {
    config.onUnhandledError = before;
  }
  return errors;
}

const sends = (fake: FakeReduxDevTools) =>
  fake.calls.filter((c): c is Extract<ConnectionCall, { call: 'send' }> => c.call === 'send');
const typesOf = (fake: FakeReduxDevTools): string[] => sends(fake).map((s) => s.action.type);

/**
 * A host that answers `[]` at once, except: `CallCardSetUiState` waits to be answered,
 * `CallCardSetStatusText` gets the host's error, `CallCardSetCardTitle` and `CallCardSetHold`
 * get nothing (the spec fails the one and lets the other time out).
 */
function host(): RecordingPlacement {
  return recordingPlacement((command) => {
    if (command === 'CallCardSetStatusText')
      return [{ result: 'error', errorCode: 'Call card is undefined' }];
    if (['CallCardSetUiState', 'CallCardSetCardTitle', 'CallCardSetHold'].includes(command))
      return undefined;
    return [];
  });
}

const equal = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const lastCall = (p: RecordingPlacement, command: string) =>
  [...p.calls].reverse().find((c) => c.command === command)!;

describe('connectReduxDevTools: entries as actions, the snapshot as the state', () => {
  interface Run {
    readonly fake: FakeReduxDevTools;
    readonly entries: readonly SessionLogEntry[];
    /** Every state of the app's card, from the first. */
    readonly states: CallCardSnapshot[];
  }

  /** Every kind of entry, from a card's start to its close. */
  function wholeCard(): Run {
    let run!: Run;
    inVirtualTime((at) => {
      const p = host();
      const fake = fakeReduxDevTools(() => asyncScheduler.now());
      connectReduxDevTools(p, { extension: fake });
      const recorder = recordCallCard(p);
      const card = connectCallCard(p, { timeoutMs: 1000 });
      card.errors$.subscribe();
      const states: CallCardSnapshot[] = [];
      card.state$.subscribe((s) => states.push(s));
      at(1, () => p.emit(INITIALIZED, CALL));
      at(2, () => card.send(setUiState('connected')).subscribe({ error: () => undefined }));
      at(3, () => lastCall(p, 'CallCardSetUiState').reply([]));
      at(4, () => card.send(setStatusText('Talking')).subscribe({ error: () => undefined }));
      at(5, () => card.send(setCardTitle('Call')).subscribe({ error: () => undefined }));
      at(5, () => lastCall(p, 'CallCardSetCardTitle').fail(new Error('network down')));
      at(6, () => p.emit(MUTE, 'yes'));
      at(7, () => card.send(setHold(true)).subscribe({ error: () => undefined }));
      // Answered inside the call: the command and its reply in one ms, one without the effect.
      at(1010, () => card.send(setMute(true)).subscribe());
      at(1100, () => p.emit(CLOSE, ''));
      at(2000, () => {
        run = { fake, entries: recorder.log().entries, states };
      });
    });
    return run;
  }

  const run = wholeCard();

  it('shows each entry kind as one action whose type reads in the list', () => {
    expect(typesOf(run.fake)).toEqual([
      '[event] initialized',
      '[card] 1 open',
      '[command] CallCardSetUiState',
      '[reply] CallCardSetUiState ok',
      '[command] CallCardSetStatusText',
      '[reply] CallCardSetStatusText error Call card is undefined',
      '[command] CallCardSetCardTitle',
      '[transport error] CallCardSetCardTitle',
      '[event] muteButtonClick',
      '[failure] CallCardPayloadError muteButtonClick',
      '[command] CallCardSetHold',
      '[failure] CallCardTimeoutError CallCardSetHold',
      '[command] CallCardSetMute',
      '[reply] CallCardSetMute ok',
      '[event] closeButtonClick',
      '[card] 1 closed (closeClick)',
    ]);
  });

  it('carries each entry as recordCallCard records it, numbered from 1 with no gap', () => {
    const actions = sends(run.fake).map((s) => s.action);
    expect(actions.map((a) => a.payload)).toEqual(run.entries);
    expect(actions.map((a) => a.seq)).toEqual(run.entries.map((_, i) => i + 1));
    expect(actions.every((a) => Object.keys(a).join() === 'type,seq,payload')).toBe(true);
  });

  it('shows the state after each entry: an event and a reply with their effect, a command without', () => {
    const shown = sends(run.fake).map((s) => {
      const state = s.state as CallCardSnapshot;
      return `${s.action.type} -> ${state.uiState} ${state.call?.CALL_ID ?? '-'} ${state.muted} ${state.closed}`;
    });
    expect(shown).toEqual([
      '[event] initialized -> externalCard c-1 false false',
      '[card] 1 open -> externalCard c-1 false false',
      '[command] CallCardSetUiState -> externalCard c-1 false false',
      '[reply] CallCardSetUiState ok -> connected c-1 false false',
      '[command] CallCardSetStatusText -> connected c-1 false false',
      '[reply] CallCardSetStatusText error Call card is undefined -> connected c-1 false false',
      '[command] CallCardSetCardTitle -> connected c-1 false false',
      '[transport error] CallCardSetCardTitle -> connected c-1 false false',
      '[event] muteButtonClick -> connected c-1 false false',
      '[failure] CallCardPayloadError muteButtonClick -> connected c-1 false false',
      '[command] CallCardSetHold -> connected c-1 false false',
      '[failure] CallCardTimeoutError CallCardSetHold -> connected c-1 false false',
      '[command] CallCardSetMute -> connected c-1 false false',
      '[reply] CallCardSetMute ok -> connected c-1 true false',
      '[event] closeButtonClick -> null c-1 true true',
      '[card] 1 closed (closeClick) -> null c-1 true true',
    ]);
  });

  it("shows every state of the app's card, in order, each sent within the virtual ms of its entry", () => {
    const shown = [run.fake.calls[0], ...sends(run.fake)].map(
      (c) => (c as { state: unknown }).state,
    );
    const changes = shown.filter((state, i) => i === 0 || !equal(state, shown[i - 1]));
    expect(changes).toEqual(run.states);
    for (const s of sends(run.fake)) expect(s.at).toBe(s.action.payload.at);
  });

  it('starts the history with the snapshot at connection, and connects with its name, maxAge and features', () => {
    expect(run.fake.connects).toEqual([
      { name: 'Bitrix24 call card', maxAge: 1000, features: { export: true } },
    ]);
    expect(run.fake.calls[0]).toEqual({ call: 'init', state: INITIAL_CALL_CARD_SNAPSHOT });
    expect(run.fake.calls[1]).toEqual({ call: 'subscribe' });
  });
});

describe('connectReduxDevTools: when actions are sent', () => {
  it('sends an entry the card does not act on in a task right after it, not with the next one', () => {
    let fake!: FakeReduxDevTools;
    inVirtualTime((at) => {
      const p = recordingPlacement(() => [
        { result: 'error', errorCode: 'Call card is undefined' },
      ]);
      fake = fakeReduxDevTools(() => asyncScheduler.now());
      connectReduxDevTools(p, { extension: fake });
      const card = connectCallCard(p);
      const send = () => card.send(setStatusText('x')).subscribe({ error: () => undefined });
      at(1, () => p.emit(INITIALIZED, CALL));
      at(11, send);
      at(21, send);
    });
    // A failed reply changes nothing, so no activity follows it: it still leaves in its own ms.
    expect(sends(fake).map((s) => `${s.at} ${s.action.type}`)).toEqual([
      '1 [event] initialized',
      '1 [card] 1 open',
      '11 [command] CallCardSetStatusText',
      '11 [reply] CallCardSetStatusText error Call card is undefined',
      '21 [command] CallCardSetStatusText',
      '21 [reply] CallCardSetStatusText error Call card is undefined',
    ]);
  });
});

describe('connectReduxDevTools: teardown', () => {
  it('sends what waits, then releases the recorder, its own card and the connection', () => {
    inVirtualTime((at) => {
      const p = recordingPlacement();
      const fake = fakeReduxDevTools(() => asyncScheduler.now());
      const session = sessionOf(p);
      const devTools = connectReduxDevTools(p, { extension: fake });
      expect(session.tracers.list).toHaveLength(1);
      expect(session.stores.size).toBe(1);
      expect(fake.listeners()).toBe(1);
      at(1, () => {
        p.emit(MUTE, true);
        // Before the task that would send it: the teardown sends it.
        devTools.unsubscribe();
        expect(typesOf(fake)).toEqual(['[event] muteButtonClick']);
        expect(session.tracers.list).toEqual([]);
        expect(session.stores.size).toBe(0);
        expect(fake.listeners()).toBe(0);
        expect(fake.calls.slice(-2)).toEqual([{ call: 'stop listening' }, { call: 'unsubscribe' }]);
        expect(devTools.closed).toBe(true);
      });
      at(2, () => p.emit(MUTE, false));
      at(3, () => {
        expect(typesOf(fake)).toEqual(['[event] muteButtonClick']);
        expect(fake.calls.filter((c) => c.call === 'unsubscribe')).toHaveLength(1);
      });
    });
  });

  it("leaves the app's card alone when it was given one", () => {
    inVirtualTime(() => {
      const p = recordingPlacement();
      const fake = fakeReduxDevTools();
      const card = connectCallCard(p);
      const devTools = connectReduxDevTools(p, { extension: fake, card });
      p.emit(INITIALIZED, CALL);
      devTools.unsubscribe();
      expect(card.disposed).toBe(false);
      expect(sessionOf(p).tracers.list).toEqual([]);
      expect(sessionOf(p).stores.size).toBe(1);
      card.dispose();
    });
  });
});

describe('connectReduxDevTools: the state shown', () => {
  it("is the given card's snapshot", () => {
    inVirtualTime((at) => {
      const p = recordingPlacement();
      const fake = fakeReduxDevTools();
      const snapshot = { marker: 'the app card' } as unknown as CallCardSnapshot;
      const card = { ...connectCallCard(p), snapshot: () => snapshot } as CallCard;
      connectReduxDevTools(p, { extension: fake, card });
      at(1, () => p.emit(INITIALIZED, CALL));
      at(2, () => {
        expect(fake.calls[0]).toEqual({ call: 'init', state: snapshot });
        expect(sends(fake).map((s) => s.state)).toEqual([snapshot, snapshot]);
      });
    });
  });

  it('hides personal data from the actions and the state with redact', () => {
    inVirtualTime((at) => {
      const p = recordingPlacement();
      const fake = fakeReduxDevTools();
      connectReduxDevTools(p, { extension: fake, redact: redactPersonalData });
      const card = connectCallCard(p);
      at(1, () => p.emit(INITIALIZED, CALL));
      at(2, () => card.send(setCardTitle('Call from +4930123456')).subscribe());
      at(3, () => {
        const text = JSON.stringify(fake.calls);
        expect(text).not.toContain('4930123456');
        const [event] = sends(fake);
        expect(event!.action.payload).toMatchObject({ payload: { PHONE_NUMBER: '[redacted]' } });
        // As in a redacted log: what the hook hides in the entries, hidden in the state.
        expect(sends(fake).at(-1)!.state).toMatchObject({
          uiState: 'externalCard',
          title: '[redacted]',
          call: { CALL_ID: 'c-1', PHONE_NUMBER: '[redacted]', CRM_ENTITY_ID: 1 },
        });
        // The app's own card keeps the real data.
        expect(card.snapshot().title).toBe('Call from +4930123456');
      });
    });
  });

  it('hides the state as the hook hides the entries, also when the hook fails', () => {
    const errors = reported(() => {
      const p = recordingPlacement();
      const fake = fakeReduxDevTools();
      connectReduxDevTools(p, {
        extension: fake,
        redact: (entry) => {
          if (entry.kind === 'command') throw new Error('no');
          return entry;
        },
      });
      const card = connectCallCard(p);
      asyncScheduler.schedule(() => p.emit(INITIALIZED, CALL), 1);
      asyncScheduler.schedule(
        () => card.send(setCardTitle('Call from +4930123456')).subscribe(),
        2,
      );
      asyncScheduler.schedule(() => {
        expect(JSON.stringify(sends(fake))).not.toContain('Call from');
        expect(sends(fake).at(-1)!.state).toMatchObject({ title: '[redacted]' });
      }, 5);
    });
    expect(errors.length).toBeGreaterThan(0);
  });
});

describe('connectReduxDevTools: messages from the extension', () => {
  /** Runs `body` in virtual time, 1 ms after a bridge and a card saw a card open. */
  function connected(body: (fake: FakeReduxDevTools, p: RecordingPlacement) => void): void {
    inVirtualTime((at) => {
      const p = recordingPlacement();
      const fake = fakeReduxDevTools();
      connectReduxDevTools(p, { extension: fake });
      connectCallCard(p);
      p.emit(INITIALIZED, CALL);
      at(1, () => body(fake, p));
    });
  }
  const errors = (fake: FakeReduxDevTools): string[] =>
    fake.calls.flatMap((c) => (c.call === 'error' ? [c.message] : []));

  it.each([
    ['JUMP_TO_STATE', { type: 'JUMP_TO_STATE', index: 1 }],
    ['JUMP_TO_ACTION', { type: 'JUMP_TO_ACTION', actionId: 1 }],
    ['TOGGLE_ACTION', { type: 'TOGGLE_ACTION', id: 1 }],
    ['REORDER_ACTION', { type: 'REORDER_ACTION', actionId: 2, beforeActionId: 1 }],
    ['SWEEP', { type: 'SWEEP' }],
    ['ROLLBACK', { type: 'ROLLBACK', timestamp: 1 }],
    ['RESET', { type: 'RESET' }],
    ['LOCK_CHANGES', { type: 'LOCK_CHANGES', status: true }],
    ['IMPORT_STATE', { type: 'IMPORT_STATE', nextLiftedState: {} }],
  ])(
    'answers DISPATCH %s with an error saying why it is not done, and changes nothing',
    (type, payload) => {
      connected((fake, p) => {
        const before = JSON.stringify(fake.lifted());
        fake.deliver({ type: 'DISPATCH', payload, state: '{}' });
        expect(errors(fake)).toEqual([
          `${type} is not done: the Bitrix24 host owns the call card, so no state can be set and no ` +
            'action undone or replayed from here. Select an action to see the state after it; to ' +
            'replay a session, export it and turn it into a session log with sessionLogFromDevTools ' +
            '(b24-call-card-rx/testing) for replaySession.',
        ]);
        expect(JSON.stringify(fake.lifted())).toBe(before);
        expect(p.calls).toEqual([]);
      });
    },
  );

  it('restarts the history at the current state on DISPATCH COMMIT, and goes on numbering', () => {
    connected((fake, p) => {
      fake.deliver({ type: 'DISPATCH', payload: { type: 'COMMIT' } });
      expect(errors(fake)).toEqual([]);
      const lifted = fake.lifted();
      expect(lifted.stagedActionIds).toEqual([0]);
      expect(lifted.computedStates).toEqual([
        { state: expect.objectContaining({ call: expect.objectContaining({ CALL_ID: 'c-1' }) }) },
      ]);
      p.emit(MUTE, true);
      asyncScheduler.schedule(() => {
        expect(sends(fake).at(-1)!.action).toMatchObject({
          type: '[event] muteButtonClick',
          seq: 3,
        });
        expect(fake.lifted().stagedActionIds).toEqual([0, 1]);
      }, 1);
    });
  });

  it('says what pausing costs on DISPATCH PAUSE_RECORDING, and nothing when it resumes', () => {
    connected((fake) => {
      fake.deliver({ type: 'DISPATCH', payload: { type: 'PAUSE_RECORDING', status: true } });
      fake.deliver({ type: 'DISPATCH', payload: { type: 'PAUSE_RECORDING', status: false } });
      expect(errors(fake)).toEqual([
        'Paused: the call card entries that come while recording is paused are not shown, and an ' +
          'export with such a gap cannot be turned into a session log.',
      ]);
    });
  });

  it('refuses an action typed into the dispatcher, and ignores START, STOP and junk', () => {
    connected((fake, p) => {
      fake.deliver({ type: 'START' });
      fake.deliver({ type: 'STOP' });
      fake.deliver(null as never);
      fake.deliver({ type: 'UPDATE' });
      expect(errors(fake)).toEqual([]);
      fake.deliver({ type: 'ACTION', payload: "{ type: 'setMute' }" });
      fake.deliver({ type: 'DISPATCH' });
      expect(errors(fake)).toEqual([
        'The call card takes no actions from DevTools: the Bitrix24 host owns the card. Send ' +
          'commands from the app (card.send(...), card.apply(...)).',
        expect.stringMatching(/^That request is not done: the Bitrix24 host owns the call card/),
      ]);
      expect(p.calls).toEqual([]);
    });
  });
});

describe('connectReduxDevTools: maxAge and name', () => {
  it('hands them to connect; the extension keeps the last maxAge actions', () => {
    const p = recordingPlacement();
    const fake = fakeReduxDevTools();
    inVirtualTime((at) => {
      connectReduxDevTools(p, { extension: fake, name: 'Softphone', maxAge: 3 });
      connectCallCard(p);
      at(1, () => p.emit(INITIALIZED, CALL));
      at(2, () => p.emit(MUTE, true));
      at(3, () => p.emit(MUTE, false));
    });
    expect(fake.connects).toEqual([{ name: 'Softphone', maxAge: 3, features: { export: true } }]);
    expect(typesOf(fake)).toHaveLength(4);
    const lifted = fake.lifted();
    // @@INIT and the last two actions: seq 1 and 2 were committed.
    expect(lifted.stagedActionIds).toEqual([0, 3, 4]);
    expect(lifted.stagedActionIds.slice(1).map((id) => lifted.actionsById[id]!.action.seq)).toEqual(
      [3, 4],
    );
    expect(lifted.committedState).toEqual(lifted.computedStates[0]!.state);
  });
});

describe('connectReduxDevTools: without the extension', () => {
  const global = globalThis as { __REDUX_DEVTOOLS_EXTENSION__?: unknown };
  afterEach(() => {
    delete global.__REDUX_DEVTOOLS_EXTENSION__;
    jest.restoreAllMocks();
  });

  it('does nothing, says so once on the console, and returns a closed Subscription', () => {
    const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    const p = recordingPlacement();
    const devTools = connectReduxDevTools(p);
    expect(devTools).toBeInstanceOf(Subscription);
    expect(devTools.closed).toBe(true);
    expect(info).toHaveBeenCalledTimes(1);
    expect(info).toHaveBeenCalledWith(
      'connectReduxDevTools: the Redux DevTools extension is not in this frame ' +
        '(globalThis.__REDUX_DEVTOOLS_EXTENSION__); the call card is not shown',
    );
    // Nothing recorded, nothing bound, no card kept.
    p.emit(INITIALIZED, CALL);
    expect(p.binds).toEqual([]);
    expect(sessionOf(p).tracers.list).toEqual([]);
    expect(sessionOf(p).stores.size).toBe(0);
    devTools.unsubscribe();
    expect(info).toHaveBeenCalledTimes(1);
  });

  it('treats a global that is no extension as none', () => {
    const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    global.__REDUX_DEVTOOLS_EXTENSION__ = { connect: 'no' };
    expect(connectReduxDevTools(recordingPlacement()).closed).toBe(true);
    expect(info).toHaveBeenCalledTimes(1);
  });

  it('uses the global extension when there is one', () => {
    const fake = fakeReduxDevTools();
    global.__REDUX_DEVTOOLS_EXTENSION__ = fake;
    const p = recordingPlacement();
    inVirtualTime(() => {
      connectReduxDevTools(p);
      connectCallCard(p);
      p.emit(INITIALIZED, CALL);
    });
    expect(typesOf(fake)).toEqual(['[event] initialized', '[card] 1 open']);
  });
});

describe('connectReduxDevTools: an extension that throws', () => {
  it('reports a throwing connect and shows nothing', () => {
    let devTools: Subscription | undefined;
    const p = recordingPlacement();
    const errors = reported(() => {
      devTools = connectReduxDevTools(p, {
        extension: {
          connect: () => {
            throw new Error('extension context invalidated');
          },
        },
      });
    });
    expect(devTools!.closed).toBe(true);
    expect(errors).toEqual([expect.any(CallCardError)]);
    expect((errors[0] as Error).message).toBe(
      "connectReduxDevTools: the extension's connect threw (Error: extension context " +
        'invalidated); the call card is not shown',
    );
    expect(sessionOf(p).tracers.list).toEqual([]);
  });

  it('reports the first failing send only, and goes on sending', () => {
    const fake = fakeReduxDevTools();
    let failing = 2;
    const flaky: ReduxDevToolsExtension = {
      connect: (options) => {
        const connection = fake.connect(options);
        return {
          ...connection,
          send: (action: CallCardDevToolsAction, state: unknown) => {
            if (failing-- > 0) throw new Error('port closed');
            connection.send(action, state);
          },
        };
      },
    };
    const errors = reported(() => {
      const p = recordingPlacement();
      connectReduxDevTools(p, { extension: flaky });
      connectCallCard(p);
      p.emit(INITIALIZED, CALL);
      asyncScheduler.schedule(() => p.emit(MUTE, true), 1);
    });
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe(
      "connectReduxDevTools: the extension's send threw (Error: port closed); later failures " +
        'are not reported',
    );
    expect(typesOf(fake)).toEqual(['[event] muteButtonClick']);
  });
});

describe('connectReduxDevTools: bad arguments', () => {
  const p = recordingPlacement();
  const fake = fakeReduxDevTools();
  it.each([
    ['a placement that is no PlacementPort', () => connectReduxDevTools({} as never), 'placement'],
    ['options that are no object', () => connectReduxDevTools(p, 5 as never), 'options'],
    [
      'an unknown option',
      () => connectReduxDevTools(p, { extension: fake, maxage: 5 } as never),
      'options',
    ],
    [
      'an empty name',
      () => connectReduxDevTools(p, { extension: fake, name: ' ' }),
      'options.name',
    ],
    [
      'a name that is no string',
      () => connectReduxDevTools(p, { extension: fake, name: 5 as never }),
      'options.name',
    ],
    ['maxAge 1', () => connectReduxDevTools(p, { extension: fake, maxAge: 1 }), 'options.maxAge'],
    [
      'a fractional maxAge',
      () => connectReduxDevTools(p, { extension: fake, maxAge: 2.5 }),
      'options.maxAge',
    ],
    [
      'a maxAge that is no number',
      () => connectReduxDevTools(p, { extension: fake, maxAge: '50' as never }),
      'options.maxAge',
    ],
    [
      'an extension without connect',
      () => connectReduxDevTools(p, { extension: {} as never }),
      'options.extension',
    ],
    [
      'a card that is no CallCard',
      () => connectReduxDevTools(p, { extension: fake, card: { state$: null } as never }),
      'options.card',
    ],
    [
      'a redact that is no function',
      () => connectReduxDevTools(p, { extension: fake, redact: 'phone' as never }),
      'options.redact',
    ],
    [
      'a scheduler that is none',
      () => connectReduxDevTools(p, { extension: fake, scheduler: {} as never }),
      'options.scheduler',
    ],
  ])('throws CallCardInputError for %s, naming it, and connects nothing', (_, call, field) => {
    let thrown: unknown;
    try {
      call();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CallCardInputError);
    expect(thrown).toMatchObject({ command: 'connectReduxDevTools', field });
    expect((thrown as Error).message).toMatch(new RegExp(`^connectReduxDevTools: ${field} was `));
    expect(fake.connects).toEqual([]);
    expect(sessionOf(p).tracers.list).toEqual([]);
  });
});
