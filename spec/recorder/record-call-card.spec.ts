import { asyncScheduler, config } from 'rxjs';
import {
  CallCardError,
  CallCardInputError,
  INITIAL_CALL_CARD_SNAPSHOT,
  callCardEvents,
  closeCard,
  connectCallCard,
  deferPlacement,
  getListUiStates,
  recordCallCard,
  sendCommand,
  setCardTitle,
  setHold,
  setMute,
  setStatusText,
  setUiState,
} from '../../src';
import type {
  CallCardRecorder,
  CallCardSessionLog,
  CallInfo,
  PlacementPort,
  SessionLogEntry,
} from '../../src';
import { callInfo, testScheduler } from '../support/fixtures';
import { inVirtualTime } from '../support/in-virtual-time';
import { later, settled } from '../support/later';
import { sessionOf } from '../../src/session/session';
import { recordingPlacement } from '../support/recording-placement';
import type { RecordingPlacement } from '../support/recording-placement';

const INITIALIZED = 'BackgroundCallCard::initialized';
const MUTE = 'BackgroundCallCard::muteButtonClick';
const CLOSE = 'BackgroundCallCard::closeButtonClick';
const ANSWER = 'BackgroundCallCard::answerButtonClick';
const DIALPAD = 'BackgroundCallCard::dialpadButtonClick';

const CALL: CallInfo = callInfo({
  CALL_ID: 'c-1',
  PHONE_NUMBER: '+4930123',
  CRM_ENTITY_TYPE: 'CONTACT',
  CRM_ENTITY_ID: 7,
  CRM_BINDINGS: [{ ENTITY_TYPE: 'CONTACT', ENTITY_ID: 7 }],
});

/** A placement whose host answers `[]` at once, except the commands `silent` names. */
function host(...silent: string[]): RecordingPlacement {
  return recordingPlacement((command) => (silent.includes(command) ? undefined : []));
}

/** Errors reported through rxjs's unhandled-error path while `body` runs. */
function reported(body: () => void): unknown[] {
  const errors: unknown[] = [];
  const previous = config.onUnhandledError;
  config.onUnhandledError = (error) => errors.push(error);
  try {
    body();
  } finally {
    config.onUnhandledError = previous;
  }
  return errors;
}

describe('recordCallCard: what it records', () => {
  it('records a host event, the card it opens, a command and its reply, in virtual time', () => {
    let log: CallCardSessionLog | undefined;
    inVirtualTime((at) => {
      const p = host();
      at(2, () => {
        const recorder = recordCallCard(p);
        const card = connectCallCard(p);
        at(5, () => p.emit(INITIALIZED, CALL));
        at(9, () => card.send(setMute(true)));
        at(20, () => {
          log = recorder.log();
        });
      });
    });
    expect(log).toEqual({
      version: 1,
      startedAt: 2,
      endedAt: 20,
      card: 0,
      lifecycle: 'waiting',
      dropped: 0,
      redacted: false,
      snapshot: {
        ...INITIAL_CALL_CARD_SNAPSHOT,
        uiState: 'externalCard',
        muted: true,
        call: CALL,
      },
      entries: [
        { kind: 'event', at: 5, event: INITIALIZED, payload: CALL },
        { kind: 'card', at: 5, card: 1, lifecycle: 'open', cause: 'initialized' },
        {
          kind: 'command',
          at: 9,
          id: 1,
          command: 'CallCardSetMute',
          params: { muted: true },
          card: 1,
        },
        { kind: 'reply', at: 9, id: 1, reply: [] },
      ],
    });
  });

  it('records no-data events as delivered (SDK "", BX24 []) and undefined as no payload key', () => {
    let entries: readonly SessionLogEntry[] = [];
    inVirtualTime((at) => {
      const p = host();
      const recorder = recordCallCard(p);
      callCardEvents(p).answer$.subscribe();
      at(1, () => p.emit(ANSWER, ''));
      at(2, () => p.emit(ANSWER, []));
      at(3, () => p.emit(ANSWER));
      at(4, () => (entries = recorder.log().entries));
    });
    expect(entries).toEqual([
      { kind: 'event', at: 1, event: ANSWER, payload: '' },
      { kind: 'event', at: 2, event: ANSWER, payload: [] },
      { kind: 'event', at: 3, event: ANSWER },
    ]);
    expect('payload' in (entries[2] as object)).toBe(false);
  });

  it('records an unreadable payload as the event as delivered, then a failure naming it', () => {
    let entries: readonly SessionLogEntry[] = [];
    inVirtualTime((at) => {
      const p = host();
      const recorder = recordCallCard(p);
      connectCallCard(p);
      at(4, () => p.emit(MUTE, 'yes'));
      at(5, () => (entries = recorder.log().entries));
    });
    expect(entries).toEqual([
      { kind: 'event', at: 4, event: MUTE, payload: 'yes' },
      {
        kind: 'failure',
        at: 4,
        error: {
          name: 'CallCardPayloadError',
          message: 'BackgroundCallCard::muteButtonClick: payload was "yes"; expected a boolean',
          event: 'muteButtonClick',
        },
      },
    ]);
  });

  it('records silence as a command with no reply, its timeout, and a reply that comes late', () => {
    let entries: readonly SessionLogEntry[] = [];
    inVirtualTime((at) => {
      const p = host('CallCardSetHold');
      const recorder = recordCallCard(p);
      const card = connectCallCard(p, { timeoutMs: 100 });
      card.errors$.subscribe();
      at(1, () => p.emit(INITIALIZED, CALL));
      at(10, () => card.send(setHold(true)).subscribe({ error: () => undefined }));
      at(200, () => p.calls[0]!.reply([]));
      at(300, () => (entries = recorder.log().entries));
    });
    expect(entries.slice(2)).toEqual([
      {
        kind: 'command',
        at: 10,
        id: 1,
        command: 'CallCardSetHold',
        params: { held: true },
        card: 1,
      },
      {
        kind: 'failure',
        at: 110,
        id: 1,
        error: {
          name: 'CallCardTimeoutError',
          message: 'CallCardSetHold: no reply from the host within 100 ms',
          command: 'CallCardSetHold',
        },
      },
      { kind: 'reply', at: 200, id: 1, reply: [] },
    ]);
  });

  it('records every reply to one command, a second one included, and host error replies raw', () => {
    let entries: readonly SessionLogEntry[] = [];
    const error = [{ result: 'error', errorCode: 'Call card is undefined' }];
    inVirtualTime((at) => {
      const p = host('CallCardSetHold', 'CallCardSetCardTitle');
      const recorder = recordCallCard(p);
      at(1, () =>
        sendCommand(p, setHold(false)).subscribe({
          error: () => undefined,
        }),
      );
      at(2, () => p.calls[0]!.reply([]));
      at(3, () => p.calls[0]!.reply({ result: 'error' }));
      at(4, () =>
        sendCommand(p, setCardTitle('A')).subscribe({
          error: () => undefined,
        }),
      );
      at(5, () => p.calls[1]!.reply(error));
      at(6, () => (entries = recorder.log().entries));
    });
    expect(entries).toEqual([
      {
        kind: 'command',
        at: 1,
        id: 1,
        command: 'CallCardSetHold',
        params: { held: false },
        card: 0,
      },
      { kind: 'reply', at: 2, id: 1, reply: [] },
      { kind: 'reply', at: 3, id: 1, reply: { result: 'error' } },
      {
        kind: 'command',
        at: 4,
        id: 2,
        command: 'CallCardSetCardTitle',
        params: { title: 'A' },
        card: 0,
      },
      { kind: 'reply', at: 5, id: 2, reply: error },
    ]);
  });

  it('records transport failures: onError, and a call that throws', () => {
    let entries: readonly SessionLogEntry[] = [];
    inVirtualTime((at) => {
      const p = host('CallCardSetMute');
      const recorder = recordCallCard(p);
      const send = (command: Parameters<typeof sendCommand>[1]) =>
        sendCommand(p, command).subscribe({
          error: () => undefined,
        });
      at(1, () => send(setMute(true)));
      at(2, () => p.calls[0]!.fail(new Error('socket closed')));
      at(3, () => {
        p.call = () => {
          throw 'frame gone';
        };
        send(setMute(false));
      });
      at(4, () => (entries = recorder.log().entries));
    });
    expect(entries).toEqual([
      {
        kind: 'command',
        at: 1,
        id: 1,
        command: 'CallCardSetMute',
        params: { muted: true },
        card: 0,
      },
      { kind: 'transportError', at: 2, id: 1, error: 'socket closed' },
      {
        kind: 'command',
        at: 3,
        id: 2,
        command: 'CallCardSetMute',
        params: { muted: false },
        card: 0,
      },
      { kind: 'transportError', at: 3, id: 2, error: 'frame gone' },
    ]);
  });

  it('records an unreadable reply, then the failure it makes', () => {
    let entries: readonly SessionLogEntry[] = [];
    inVirtualTime((at) => {
      const p = recordingPlacement(() => 42);
      const recorder = recordCallCard(p);
      at(1, () =>
        sendCommand(p, getListUiStates()).subscribe({
          error: () => undefined,
        }),
      );
      at(2, () => (entries = recorder.log().entries));
    });
    expect(entries).toEqual([
      { kind: 'command', at: 1, id: 1, command: 'CallCardGetListUiStates', params: {}, card: 0 },
      { kind: 'reply', at: 1, id: 1, reply: 42 },
      {
        kind: 'failure',
        at: 1,
        id: 1,
        error: {
          name: 'CallCardCommandError',
          message: 'CallCardGetListUiStates: the host answered with error "Malformed reply"',
          command: 'CallCardGetListUiStates',
          errorCode: 'Malformed reply',
        },
      },
    ]);
  });

  it('records a command not sent because its card ended, without an id (it never reached the host)', () => {
    let entries: readonly SessionLogEntry[] = [];
    inVirtualTime((at) => {
      const p = host('CallCardSetHold');
      const recorder = recordCallCard(p);
      const card = connectCallCard(p, { timeoutMs: 100 });
      card.errors$.subscribe();
      at(1, () => p.emit(INITIALIZED, CALL));
      at(2, () => card.send(setHold(true)).subscribe({ error: () => undefined }));
      // Queued behind the unanswered hold.
      at(3, () => card.send(setStatusText('Talking')).subscribe({ error: () => undefined }));
      at(4, () => p.emit(CLOSE, []));
      at(5, () => (entries = recorder.log().entries));
    });
    expect(entries.slice(3)).toEqual([
      { kind: 'event', at: 4, event: CLOSE, payload: [] },
      { kind: 'card', at: 4, card: 1, lifecycle: 'closed', cause: 'closeClick' },
      {
        kind: 'failure',
        at: 4,
        error: {
          name: 'CallCardUnavailableError',
          message:
            'CallCardSetStatusText: not sent: its call card ended (the user closed it (Close clicked)); a command is never sent to another card',
          command: 'CallCardSetStatusText',
        },
      },
    ]);
    expect(
      entries.filter((e) => e.kind === 'command').map((e) => e.kind === 'command' && e.command),
    ).toEqual(['CallCardSetHold']);
  });

  it('records card boundaries: a new card over an open one, and an acknowledged closeCard()', () => {
    let entries: readonly SessionLogEntry[] = [];
    inVirtualTime((at) => {
      const p = host();
      const recorder = recordCallCard(p);
      const card = connectCallCard(p);
      at(1, () => p.emit(INITIALIZED, CALL));
      at(2, () => p.emit(INITIALIZED, { ...CALL, CALL_ID: 'c-2' }));
      at(3, () => card.send(closeCard()));
      at(4, () => (entries = recorder.log().entries.filter((e) => e.kind === 'card')));
    });
    expect(entries).toEqual([
      { kind: 'card', at: 1, card: 1, lifecycle: 'open', cause: 'initialized' },
      { kind: 'card', at: 2, card: 1, lifecycle: 'closed', cause: 'initialized' },
      { kind: 'card', at: 2, card: 2, lifecycle: 'open', cause: 'initialized' },
      { kind: 'card', at: 3, card: 2, lifecycle: 'closed', cause: 'closeCommand' },
    ]);
  });

  it('binds no host event itself: it hears what the app bound', () => {
    const p = host();
    const recorder = recordCallCard(p);
    p.emit(MUTE, true);
    expect(p.binds).toEqual([]);
    expect(recorder.log().entries).toEqual([]);
  });
});

describe('recordCallCard: the log', () => {
  it('is plain JSON: JSON.parse(JSON.stringify(log)) deep-equals it, and it is frozen', () => {
    let log: CallCardSessionLog | undefined;
    inVirtualTime((at) => {
      const p = host('CallCardSetHold');
      const recorder = recordCallCard(p);
      const card = connectCallCard(p, { timeoutMs: 50 });
      card.errors$.subscribe();
      at(1, () => p.emit(INITIALIZED, CALL));
      at(2, () => card.send(setUiState('connected')));
      at(3, () => card.send(setHold(true)).subscribe({ error: () => undefined }));
      at(4, () => p.emit(MUTE, 'not a flag'));
      at(5, () => p.emit(ANSWER, [undefined, NaN, -0, { when: new Date(0) }]));
      at(1000, () => p.emit(CLOSE, ''));
      at(1001, () => (log = recorder.log()));
    });
    expect(JSON.parse(JSON.stringify(log))).toStrictEqual(log);
    expect(log!.entries.map((e) => e.kind)).toEqual([
      'event',
      'card',
      'command',
      'reply',
      'command',
      'event',
      'failure',
      'event',
      'failure',
      'event',
      'card',
    ]);
    expect(Object.isFrozen(log)).toBe(true);
    expect(Object.isFrozen(log!.entries)).toBe(true);
    expect(Object.isFrozen(log!.entries[0])).toBe(true);
    expect(Object.isFrozen(log!.snapshot)).toBe(true);
    expect(log!.snapshot!.timer).toEqual({
      running: false,
      visible: false,
      startedAt: null,
      stoppedAt: null,
    });
  });

  it('writes the fields of each kind of entry in one order: kind, at, then its own', () => {
    let entries: readonly SessionLogEntry[] = [];
    inVirtualTime((at) => {
      const p = host('CallCardSetHold', 'CallCardSetStatusText');
      const recorder = recordCallCard(p);
      const card = connectCallCard(p, { timeoutMs: 50 });
      card.errors$.subscribe();
      at(1, () => p.emit(INITIALIZED, CALL));
      at(2, () => card.send(setMute(true)));
      at(3, () => card.send(setHold(true)).subscribe({ error: () => undefined }));
      at(4, () => p.emit(MUTE, 'not a flag'));
      at(60, () => card.send(setStatusText('x')).subscribe({ error: () => undefined }));
      at(61, () => p.calls[2]!.fail(new Error('socket closed')));
      at(100, () => (entries = recorder.log().entries));
    });
    expect(entries.map((entry) => `${entry.kind}: ${Object.keys(entry).join()}`)).toEqual([
      'event: kind,at,event,payload',
      'card: kind,at,card,lifecycle,cause',
      'command: kind,at,command,id,params,card',
      'reply: kind,at,id,reply',
      'command: kind,at,command,id,params,card',
      'event: kind,at,event,payload',
      'failure: kind,at,error',
      'failure: kind,at,id,error',
      'command: kind,at,command,id,params,card',
      'transportError: kind,at,id,error',
    ]);
  });

  it('keeps raw values JSON cannot hold as {unserializable} markers', () => {
    inVirtualTime(() => {
      const p = host();
      const recorder = recordCallCard(p);
      callCardEvents(p).answer$.subscribe();
      p.emit(ANSWER, {
        nan: NaN,
        inf: -Infinity,
        big: 12n,
        sym: Symbol('s'),
        fn: () => 1,
        gone: undefined,
        list: [1, undefined, 'two'],
        date: new Date(0),
        map: new Map(),
        zero: -0,
      });
      const cycle: Record<string, unknown> = { name: 'loop' };
      cycle['self'] = cycle;
      p.emit(ANSWER, cycle);
      expect(recorder.log().entries).toEqual([
        {
          kind: 'event',
          at: 0,
          event: ANSWER,
          payload: {
            nan: { unserializable: 'NaN' },
            inf: { unserializable: '-Infinity' },
            big: { unserializable: 'bigint' },
            sym: { unserializable: 'symbol' },
            fn: { unserializable: 'function' },
            list: [1, { unserializable: 'undefined' }, 'two'],
            date: { unserializable: '[object Date]' },
            map: { unserializable: '[object Map]' },
            zero: 0,
          },
        },
        // A value JSON cannot walk is one marker as a whole.
        { kind: 'event', at: 0, event: ANSWER, payload: { unserializable: 'a cycle or a throw' } },
      ]);
      expect(JSON.parse(JSON.stringify(recorder.log()))).toStrictEqual(recorder.log());
    });
  });

  it('deep-copies raw values: the host changing its objects later changes nothing in the log', () => {
    const states = ['incoming', 'connected'];
    const p = recordingPlacement(() => states);
    const recorder = recordCallCard(p);
    connectCallCard(p);
    const payload = { ...CALL, CRM_BINDINGS: [{ ENTITY_TYPE: 'CONTACT', ENTITY_ID: 7 }] };
    p.emit(INITIALIZED, payload);
    sendCommand(p, getListUiStates()).subscribe();
    payload.PHONE_NUMBER = 'changed';
    payload.CRM_BINDINGS[0]!.ENTITY_ID = 99;
    states.push('redial');
    const [event, , , reply] = recorder.log().entries;
    expect(event).toMatchObject({ kind: 'event', payload: CALL });
    expect(reply).toMatchObject({ kind: 'reply', reply: ['incoming', 'connected'] });
  });

  it("has snapshot null while no connectCallCard keeps the state, and the facade's snapshot once one does", () => {
    const p = host();
    const recorder = recordCallCard(p);
    callCardEvents(p).initialized$.subscribe();
    p.emit(INITIALIZED, CALL);
    expect(recorder.log().snapshot).toBeNull();
    const card = connectCallCard(p);
    card.send(setCardTitle('Ann'));
    expect(recorder.log().snapshot).toEqual(card.snapshot());
    expect(recorder.log().snapshot).not.toBe(card.snapshot());
    card.dispose();
    expect(recorder.log().snapshot).toBeNull();
  });

  it('says which card was open when a recorder starts mid-call, and records from then on', () => {
    let log: CallCardSessionLog | undefined;
    let recorder: CallCardRecorder | undefined;
    inVirtualTime((at) => {
      const p = host();
      const card = connectCallCard(p);
      at(1, () => p.emit(INITIALIZED, CALL));
      at(2, () => card.send(setUiState('connected')));
      at(10, () => {
        recorder = recordCallCard(p);
      });
      at(11, () => p.emit(MUTE, true));
      at(12, () => (log = recorder!.log()));
    });
    expect(log).toMatchObject({ startedAt: 10, endedAt: 2, card: 1, lifecycle: 'open' });
    expect(log!.entries).toEqual([{ kind: 'event', at: 1, event: MUTE, payload: true }]);
    expect(log!.snapshot).toMatchObject({ uiState: 'connected', muted: true, call: CALL });
  });

  it('says the card was closed when it starts after a close', () => {
    const p = host();
    callCardEvents(p).close$.subscribe();
    callCardEvents(p).initialized$.subscribe();
    p.emit(INITIALIZED, CALL);
    p.emit(CLOSE, []);
    expect(recordCallCard(p).log()).toMatchObject({ card: 1, lifecycle: 'closed', entries: [] });
  });
});

describe('recordCallCard: bounds', () => {
  it('keeps the last maxEntries entries, in order, and counts the dropped ones', () => {
    const p = host();
    const recorder = recordCallCard(p, { maxEntries: 3 });
    callCardEvents(p).dialpad$.subscribe();
    for (const key of '0123456') p.emit(DIALPAD, key);
    const keys = (): unknown[] =>
      recorder.log().entries.map((e) => e.kind === 'event' && e.payload);
    expect(keys()).toEqual(['4', '5', '6']);
    expect(recorder.log().dropped).toBe(4);
    p.emit(DIALPAD, '7');
    expect(keys()).toEqual(['5', '6', '7']);
    expect(recorder.log().dropped).toBe(5);
  });

  it('keeps 10 000 entries by default', () => {
    const p = host();
    const recorder = recordCallCard(p);
    callCardEvents(p).mute$.subscribe();
    for (let i = 0; i < 10_002; i++) p.emit(MUTE, true);
    expect(recorder.log().entries.length).toBe(10_000);
    expect(recorder.log().dropped).toBe(2);
  });

  it('takes maxEntries: 1', () => {
    const p = host();
    const recorder = recordCallCard(p, { maxEntries: 1 });
    callCardEvents(p).mute$.subscribe();
    p.emit(MUTE, true);
    p.emit(MUTE, false);
    expect(recorder.log()).toMatchObject({
      dropped: 1,
      entries: [{ kind: 'event', payload: false }],
    });
  });
});

describe('recordCallCard: entries$ and stop()', () => {
  it('emits each entry when it is recorded, hot, and completes on stop()', () => {
    testScheduler().run(({ expectObservable }) => {
      const p = host();
      const recorder = recordCallCard(p);
      callCardEvents(p).mute$.subscribe();
      asyncScheduler.schedule(() => p.emit(MUTE, true), 2);
      asyncScheduler.schedule(() => p.emit(MUTE, false), 5);
      asyncScheduler.schedule(() => recorder.stop(), 8);
      asyncScheduler.schedule(() => p.emit(MUTE, true), 9);
      expectObservable(recorder.entries$).toBe('--a--b--|', {
        a: { kind: 'event', at: 2, event: MUTE, payload: true },
        b: { kind: 'event', at: 5, event: MUTE, payload: false },
      });
    });
  });

  it('gives every entries$ subscriber the entries in log order, also when one re-enters', () => {
    const p = host();
    const recorder = recordCallCard(p);
    callCardEvents(p).mute$.subscribe();
    const seen: string[][] = [[], []];
    recorder.entries$.subscribe((e) => {
      seen[0]!.push(e.kind);
      // Causes a command entry while this event entry is being delivered.
      if (e.kind === 'event') sendCommand(p, setMute(true)).subscribe();
    });
    recorder.entries$.subscribe((e) => seen[1]!.push(e.kind));
    p.emit(MUTE, true);
    expect(seen).toEqual([
      ['event', 'command', 'reply'],
      ['event', 'command', 'reply'],
    ]);
    expect(recorder.log().entries.map((e) => e.kind)).toEqual(['event', 'command', 'reply']);
  });

  it('releases the tracer on stop(): the session has none left, the log is fixed and stays readable', () => {
    let recorder: CallCardRecorder | undefined;
    let p: RecordingPlacement | undefined;
    let before: CallCardSessionLog | undefined;
    inVirtualTime((at) => {
      p = host();
      const card = connectCallCard(p);
      recorder = recordCallCard(p);
      expect(sessionOf(p).tracers.list.length).toBe(1);
      at(1, () => p!.emit(INITIALIZED, CALL));
      at(3, () => {
        recorder!.stop();
        before = recorder!.log();
      });
      at(5, () => {
        p!.emit(MUTE, true);
        card.send(setCardTitle('later'));
      });
    });
    expect(sessionOf(p!).tracers.list).toEqual([]);
    expect(recorder!.stopped).toBe(true);
    const after = recorder!.log();
    expect(after).toBe(before);
    expect(after).toMatchObject({ endedAt: 3, snapshot: { muted: false, title: '' } });
    expect(after.entries.map((e) => e.kind)).toEqual(['event', 'card']);
    recorder!.stop();
    expect(recorder!.log()).toBe(before);
    let completed = false;
    recorder!.entries$.subscribe({ complete: () => (completed = true) });
    expect(completed).toBe(true);
  });
  it('records nothing more once stopped by an entries$ subscriber in the middle of a delivery', () => {
    const p = host();
    const recorder = recordCallCard(p);
    callCardEvents(p).initialized$.subscribe();
    recorder.entries$.subscribe(() => recorder.stop());
    p.emit(INITIALIZED, CALL);
    // The event entry stopped it; the card entry of the same delivery came after.
    expect(recorder.log().entries.map((e) => e.kind)).toEqual(['event']);
    expect(sessionOf(p).tracers.list).toEqual([]);
  });
});

describe('recordCallCard: several recorders', () => {
  it('records independently: own start, bounds, redaction and stop', () => {
    let logs: CallCardSessionLog[] = [];
    inVirtualTime((at) => {
      const p = host();
      callCardEvents(p).mute$.subscribe();
      const first = recordCallCard(p);
      let second: CallCardRecorder | undefined;
      at(1, () => p.emit(MUTE, true));
      at(2, () => {
        second = recordCallCard(p, {
          maxEntries: 1,
          redact: (entry) => (entry.kind === 'event' ? { ...entry, payload: 'hidden' } : entry),
        });
      });
      at(3, () => p.emit(MUTE, false));
      at(4, () => first.stop());
      at(5, () => p.emit(MUTE, true));
      at(6, () => (logs = [first.log(), second!.log()]));
      expect(sessionOf(p).tracers.list.length).toBe(1);
    });
    expect(logs[0]).toMatchObject({ startedAt: 0, endedAt: 4, dropped: 0, redacted: false });
    expect(logs[0]!.entries).toEqual([
      { kind: 'event', at: 1, event: MUTE, payload: true },
      { kind: 'event', at: 3, event: MUTE, payload: false },
    ]);
    expect(logs[1]).toMatchObject({ startedAt: 2, endedAt: 4, dropped: 1, redacted: true });
    expect(logs[1]!.entries).toEqual([{ kind: 'event', at: 3, event: MUTE, payload: 'hidden' }]);
  });
});

describe('recordCallCard: the redact hook', () => {
  it('gets a copy it may change in place; only raw values are taken from it', () => {
    inVirtualTime(() => {
      const p = host();
      const seen: SessionLogEntry[] = [];
      const recorder = recordCallCard(p, {
        redact: (entry) => {
          seen.push(entry);
          const e = entry as { -readonly [K in keyof SessionLogEntry]: unknown } & Record<
            string,
            unknown
          >;
          if (e['kind'] === 'event') e['payload'] = 'hidden';
          if (e['kind'] === 'command') e['params'] = { title: 'hidden' };
          e['at'] = 999;
          e['id'] = 999;
          e['card'] = 999;
          return entry;
        },
      });
      const card = connectCallCard(p);
      p.emit(INITIALIZED, CALL);
      card.send(setCardTitle('Ann Lee'));
      const { entries, redacted } = recorder.log();
      expect(redacted).toBe(true);
      expect(entries).toEqual([
        { kind: 'event', at: 0, event: INITIALIZED, payload: 'hidden' },
        { kind: 'card', at: 0, card: 1, lifecycle: 'open', cause: 'initialized' },
        {
          kind: 'command',
          at: 0,
          id: 1,
          command: 'CallCardSetCardTitle',
          params: { title: 'hidden' },
          card: 1,
        },
        { kind: 'reply', at: 0, id: 1, reply: [] },
      ]);
      expect(Object.isFrozen(seen[0])).toBe(false);
      expect(entries.every((e) => Object.isFrozen(e))).toBe(true);
    });
  });

  it('passes the snapshot through the hook as the entries it came from, so it hides what they hide', () => {
    inVirtualTime(() => {
      const p = host();
      const given: SessionLogEntry[] = [];
      // A hook that hides titles only.
      const recorder = recordCallCard(p, {
        redact: (entry) => {
          given.push(entry);
          if (entry.kind === 'command' && entry.command === 'CallCardSetCardTitle')
            return { ...entry, params: { title: 'hidden' } };
          return entry;
        },
      });
      const card = connectCallCard(p);
      p.emit(INITIALIZED, CALL);
      p.emit('BackgroundCallCard::entityChanged', {
        PHONE_NUMBER: '+4930123',
        CRM_ENTITY_TYPE: 'CONTACT',
        CRM_ENTITY_ID: '7',
      });
      card.send(setCardTitle('Ann Lee'));
      card.send(setUiState('connected'));
      given.length = 0;
      const { snapshot, entries } = recorder.log();
      expect(entries.find((e) => e.kind === 'command')).toMatchObject({
        params: { title: 'hidden' },
      });
      // The call, the entity, the title and the status text, as an event or a command each.
      expect(
        given.map((e) =>
          e.kind === 'event' ? e.event : e.kind === 'command' ? e.command : e.kind,
        ),
      ).toEqual([
        'BackgroundCallCard::initialized',
        'BackgroundCallCard::entityChanged',
        'CallCardSetCardTitle',
        'CallCardSetStatusText',
      ]);
      expect(snapshot).toEqual({ ...card.snapshot(), title: 'hidden' });
      expect(Object.isFrozen(snapshot!.call)).toBe(true);
    });
  });

  it("reports a hook that throws, hides that entry's raw values, and the host's delivery goes on", () => {
    let log: CallCardSessionLog | undefined;
    const mutes: boolean[] = [];
    let card: ReturnType<typeof connectCallCard> | undefined;
    const errors = reported(() =>
      inVirtualTime((at) => {
        const p = host();
        const recorder = recordCallCard(p, {
          redact: () => {
            throw new Error('hook broke');
          },
        });
        card = connectCallCard(p);
        card.events.mute$.subscribe((m) => mutes.push(m));
        at(1, () => p.emit(INITIALIZED, CALL));
        at(2, () => p.emit(MUTE, true));
        at(3, () => card!.send(setCardTitle('Ann')));
        at(4, () => (log = recorder.log()));
      }),
    );
    expect(mutes).toEqual([true]);
    expect(card!.snapshot()).toMatchObject({ muted: true, title: 'Ann' });
    // Hidden as redactPersonalData hides a personal payload: strings, numbers; not the shape.
    expect(log!.entries).toEqual([
      {
        kind: 'event',
        at: 1,
        event: INITIALIZED,
        payload: {
          ...CALL,
          PHONE_NUMBER: '[redacted]',
          CRM_ENTITY_ID: 1,
          CRM_BINDINGS: [{ ENTITY_TYPE: 'CONTACT', ENTITY_ID: 1 }],
        },
      },
      { kind: 'card', at: 1, card: 1, lifecycle: 'open', cause: 'initialized' },
      { kind: 'event', at: 2, event: MUTE, payload: true },
      {
        kind: 'command',
        at: 3,
        id: 1,
        command: 'CallCardSetCardTitle',
        params: { title: '[redacted]' },
        card: 1,
      },
      { kind: 'reply', at: 3, id: 1, reply: [] },
    ]);
    expect(JSON.stringify(log)).not.toContain('Ann');
    // One report per entry, and per part of the snapshot that goes through the hook.
    expect(errors).toHaveLength(8);
    expect(errors[0]).toBeInstanceOf(CallCardError);
    expect((errors[0] as Error).cause).toEqual(new Error('hook broke'));
    expect((errors[0] as Error).message).toBe(
      'recordCallCard: options.redact threw, or returned no entry of kind "event" (Error: hook broke); the entry\'s raw values are hidden in the log',
    );
  });

  it('reports a hook that returns no entry of the same kind, and hides that entry', () => {
    let entries: readonly SessionLogEntry[] = [];
    const errors = reported(() =>
      inVirtualTime((at) => {
        const p = host();
        const recorder = recordCallCard(p, {
          redact: (entry) =>
            (entry.kind === 'event'
              ? null
              : entry.kind === 'failure'
                ? 'no'
                : { ...entry, kind: 'card' }) as unknown as SessionLogEntry,
        });
        callCardEvents(p).mute$.subscribe();
        at(1, () => p.emit(MUTE, 'bad'));
        at(2, () => sendCommand(p, setMute(true)).subscribe());
        at(3, () => (entries = recorder.log().entries));
      }),
    );
    expect(entries).toEqual([
      { kind: 'event', at: 1, event: MUTE, payload: '[redacted]' },
      {
        kind: 'failure',
        at: 1,
        error: { name: 'CallCardPayloadError', message: '[redacted]', event: 'muteButtonClick' },
      },
      {
        kind: 'command',
        at: 2,
        id: 1,
        command: 'CallCardSetMute',
        params: { muted: true },
        card: 0,
      },
      { kind: 'reply', at: 2, id: 1, reply: [] },
    ]);
    expect(errors).toHaveLength(4);
    expect(errors.every((e) => e instanceof CallCardError)).toBe(true);
    expect((errors[0] as Error).message).toBe(
      'recordCallCard: options.redact threw, or returned no entry of kind "event" (null); the entry\'s raw values are hidden in the log',
    );
  });
});

describe('recordCallCard: bad arguments', () => {
  const p = host();
  it.each([
    [undefined, 'placement was undefined'],
    [{ call: () => undefined }, 'placement was {}'],
  ])('throws CallCardInputError for placement %p', (placement, message) => {
    expect(() => recordCallCard(placement as never)).toThrow(CallCardInputError);
    expect(() => recordCallCard(placement as never)).toThrow(`recordCallCard: ${message}`);
  });

  it.each([
    ['options', 42, 'options was 42; expected an object with scheduler, maxEntries, redact'],
    ['an unknown option', { maxEntry: 3 }, 'unknown option "maxEntry"'],
    ['scheduler', { scheduler: {} }, 'options.scheduler was {}; expected an rxjs SchedulerLike'],
    [
      'maxEntries 0',
      { maxEntries: 0 },
      'options.maxEntries was 0; expected a whole number of entries, at least 1',
    ],
    ['maxEntries 1.5', { maxEntries: 1.5 }, 'options.maxEntries was 1.5'],
    ['maxEntries "3"', { maxEntries: '3' }, 'options.maxEntries was "3"'],
    ['maxEntries Infinity', { maxEntries: Infinity }, 'options.maxEntries was Infinity'],
    [
      'redact',
      { redact: 'yes' },
      'options.redact was "yes"; expected a function (entry) => entry, or nothing',
    ],
  ])('throws CallCardInputError for %s, recording nothing', (_what, options, message) => {
    expect(() => recordCallCard(p, options as never)).toThrow(CallCardInputError);
    expect(() => recordCallCard(p, options as never)).toThrow(message);
    expect(sessionOf(p).tracers.list).toEqual([]);
  });
});

describe('recordCallCard: on a deferred placement', () => {
  it('records the session of the placement it arrives at, from the moment it arrives', async () => {
    const p = host();
    const direct = connectCallCard(p);
    p.emit(INITIALIZED, CALL);
    const start = later<PlacementPort>();
    const deferred = deferPlacement(start.promise);
    const recorder = recordCallCard(deferred);
    const card = connectCallCard(deferred);
    p.emit(MUTE, true); // before the wrapper arrives: not its session yet
    start.resolve(p);
    await settled();
    card.send(setMute(false));
    const log = recorder.log();
    expect({ card: log.card, lifecycle: log.lifecycle }).toEqual({ card: 1, lifecycle: 'open' });
    expect(log.entries.map((e) => e.kind)).toEqual(['command', 'reply']);
    expect(log.snapshot).toEqual(direct.snapshot());
    expect(sessionOf(p).tracers.list).toHaveLength(1);
    recorder.stop();
    expect(sessionOf(p).tracers.list).toEqual([]);
    card.dispose();
    direct.dispose();
  });

  it('stopped before its placement arrives, never attaches', async () => {
    const p = host();
    const start = later<PlacementPort>();
    const recorder = recordCallCard(deferPlacement(start.promise));
    recorder.stop();
    start.resolve(p);
    await settled();
    expect(sessionOf(p).tracers.list).toEqual([]);
    expect(recorder.log()).toMatchObject({ card: 0, lifecycle: 'waiting', entries: [] });
  });
});
