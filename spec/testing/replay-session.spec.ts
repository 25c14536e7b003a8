// replaySession: a recorded session played back as a host. The logs are recorded here with
// recordCallCard by driving the simulator (spec/support/whole-call.ts) or a test placement under
// an app made with connectCallCard, or written by hand; every replay runs in virtual time.
import { Observable, VirtualTimeScheduler, asyncScheduler, map, merge, switchMap } from 'rxjs';
import {
  connectCallCard,
  recordCallCard,
  setCardTitle,
  setStatusText,
  setUiState,
} from 'b24-call-card-rx';
import type {
  CallCard,
  CallCardCommand,
  CallCardSessionLog,
  CallCardSnapshot,
  JsonValue,
  SessionLogEntry,
} from 'b24-call-card-rx';
import {
  createCallCardSimulator,
  createTestPlacement,
  replaySession,
} from 'b24-call-card-rx/testing';
import type { ReplayPlacement, TestPlacementOptions } from 'b24-call-card-rx/testing';
import { UI_STATES } from '../../src/model/ui-states';
import { contactCall, testScheduler } from '../support/fixtures';
import { callApp, commandsOf, playWholeCall, replayCall, statesOf } from '../support/whole-call';

const INITIALIZED = 'BackgroundCallCard::initialized';
const MUTE = 'BackgroundCallCard::muteButtonClick';

const CALL = contactCall();

/** A hand-written log: the entries given, the rest as a recorder started on a fresh page writes it. */
function handLog(
  entries: readonly SessionLogEntry[],
  head: Partial<Omit<CallCardSessionLog, 'entries'>> = {},
): CallCardSessionLog {
  return {
    version: 1,
    startedAt: 0,
    endedAt: entries.reduce((end, e) => Math.max(end, e.at), 0),
    card: 0,
    lifecycle: 'waiting',
    dropped: 0,
    redacted: false,
    snapshot: null,
    ...head,
    entries,
  };
}

/** A recorded command entry, of card 0 unless `card` says otherwise. */
const commandEntry = (
  at: number,
  id: number,
  command: string,
  params: { readonly [key: string]: JsonValue },
  card = 0,
): SessionLogEntry => ({ kind: 'command', at, id, command, params, card });

/** Sends one command when subscribed; emits every reply, errors with a transport error. */
function answers$(
  replay: ReplayPlacement,
  command: string,
  params: Readonly<Record<string, unknown>> = {},
): Observable<unknown> {
  return new Observable((subscriber) => {
    replay.call(
      command,
      params,
      (reply) => subscriber.next(reply),
      (error) => subscriber.error(error),
    );
  });
}

const sentOf = (replay: ReplayPlacement) =>
  replay.sent().map((c) => `${c.at} ${c.command} ${JSON.stringify(c.params)}`);

// --- a whole call, recorded from the simulator -------------------------------------------------

interface Recording {
  readonly log: CallCardSessionLog;
  readonly states: [number, CallCardSnapshot][];
}

/**
 * A whole call on the simulator (replies 100 ms late, so the queue's timing depends on them):
 * rings at 1 s, answered at 3 s, mute at 5 s, hold at 6 s and off at 7 s, hang-up at 9 s; the log
 * is taken at 12 s.
 */
function recordCall(replyDelayMs = 100): Recording {
  let recording!: Recording;
  testScheduler().run(({ hot }) => {
    const host = createCallCardSimulator({ replyDelayMs });
    const recorder = recordCallCard(host);
    const card = connectCallCard(host);
    const states = statesOf(card);
    card.apply(callApp(card, 'as recorded'));
    playWholeCall(host, hot);
    asyncScheduler.schedule(() => {
      recording = { log: recorder.log(), states };
      card.dispose();
    }, 12_000);
  });
  return recording;
}

describe('replaySession: a whole call recorded from the simulator', () => {
  const recorded = recordCall();

  it('records what the spec expects to replay (the recording itself is sound)', () => {
    expect(commandsOf(recorded.log)).toEqual([
      '1000 CallCardSetCardTitle {"title":"Call from +4930123456"}',
      '1100 CallCardSetUiState {"uiState":"incoming"}',
      '3000 CallCardSetUiState {"uiState":"connected"}',
      '5000 CallCardSetStatusText {"statusText":"Muted"}',
      '6000 CallCardStopTimer {}',
      '7000 CallCardStartTimer {}',
      '9000 CallCardSetUiState {"uiState":"redial"}',
      '9100 CallCardClose {}',
    ]);
    expect(recorded.log.snapshot).toMatchObject({ closed: true, statusText: 'Muted' });
  });

  it('replays to the same states at the same times, the same commands, and no mismatch', () => {
    const { replay, snapshot, states } = replayCall(recorded.log, 'as recorded');
    expect(replay.mismatches()).toEqual([]);
    expect(sentOf(replay)).toEqual(commandsOf(recorded.log));
    expect(snapshot).toEqual(recorded.log.snapshot);
    expect(states).toEqual(recorded.states);
    expect(replay.sent().every((c) => c.card === 1)).toBe(true);
  });

  it('replays a call from a host that answers at once: each answer inside its call', () => {
    const atOnce = recordCall(0);
    expect(commandsOf(atOnce.log).slice(0, 2)).toEqual([
      '1000 CallCardSetCardTitle {"title":"Call from +4930123456"}',
      '1000 CallCardSetUiState {"uiState":"incoming"}',
    ]);
    const asRecorded = replayCall(atOnce.log, 'as recorded');
    expect(asRecorded.replay.mismatches()).toEqual([]);
    expect(asRecorded.states).toEqual(atOnce.states);
    const oneMore = replayCall(atOnce.log, 'one more');
    expect(oneMore.replay.mismatches().map((m) => m.kind)).toEqual(['extraCommand']);
    expect(sentOf(oneMore.replay).filter((c) => !c.includes('Answered'))).toEqual(
      commandsOf(atOnce.log),
    );
  });

  it('replays the same from the log as JSON text (a file a user attached)', () => {
    const { replay, states } = replayCall(JSON.stringify(recorded.log), 'as recorded');
    expect(replay.mismatches()).toEqual([]);
    expect(states).toEqual(recorded.states);
  });

  it('an app that sends one command more gets exactly that mismatch; the rest replays as recorded', () => {
    const { replay, snapshot } = replayCall(recorded.log, 'one more');
    expect(replay.mismatches()).toEqual([
      {
        kind: 'extraCommand',
        at: 3100,
        card: 1,
        command: 'CallCardSetStatusText',
        params: { statusText: 'Answered' },
      },
    ]);
    // Every other command at its recorded time: each was answered when the recording was (the
    // queue waits for the answers), and the extra one at once, as the host documents success.
    const sent = sentOf(replay);
    expect(sent.filter((c) => !c.includes('Answered'))).toEqual(commandsOf(recorded.log));
    expect(sent).toContain('3100 CallCardSetStatusText {"statusText":"Answered"}');
    expect(snapshot).toEqual(recorded.log.snapshot);
  });

  it('an app that sends one command fewer gets exactly that mismatch; the rest replays as recorded', () => {
    const { replay, snapshot } = replayCall(recorded.log, 'one fewer');
    expect(replay.mismatches()).toEqual([
      {
        kind: 'missingCommand',
        at: 1000,
        card: 1,
        command: 'CallCardSetCardTitle',
        params: { title: 'Call from +4930123456' },
        id: 1,
      },
    ]);
    // `incoming` no longer waits behind the title's answer: sent at 1000, not 1100; the rest as
    // recorded.
    expect(sentOf(replay)).toEqual([
      '1000 CallCardSetUiState {"uiState":"incoming"}',
      ...commandsOf(recorded.log).slice(2),
    ]);
    expect(snapshot).toEqual({ ...recorded.log.snapshot, title: '' });
  });

  it('an app that sends a command with other params gets exactly that mismatch', () => {
    const { replay, snapshot } = replayCall(recorded.log, 'other title');
    expect(replay.mismatches()).toEqual([
      {
        kind: 'otherParams',
        at: 1000,
        card: 1,
        command: 'CallCardSetCardTitle',
        params: { title: 'Caller +4930123456' },
        recordedParams: { title: 'Call from +4930123456' },
        id: 1,
      },
    ]);
    // Answered as recorded (100 ms later), so `incoming` follows at 1100 as it did.
    expect(sentOf(replay).slice(1)).toEqual(commandsOf(recorded.log).slice(1));
    expect(snapshot.title).toBe('Caller +4930123456');
  });

  it("ends at the log's end: done$ emits the mismatches then and completes", () => {
    testScheduler().run(({ expectObservable }) => {
      const replay = replaySession(recorded.log);
      const card = connectCallCard(replay);
      card.apply(callApp(card, 'as recorded'));
      expectObservable(replay.done$).toBe('12000ms (d|)', { d: [] });
      replay.done$.subscribe(() => card.dispose());
    });
  });

  it('leaves nothing scheduled after the end (a VirtualTimeScheduler stops at endedAt)', () => {
    const scheduler = new VirtualTimeScheduler();
    const replay = replaySession(recorded.log, { scheduler });
    const card = connectCallCard(replay, { scheduler });
    card.apply(callApp(card, 'as recorded'));
    scheduler.flush();
    expect(scheduler.now()).toBe(12_000);
    expect(scheduler.actions).toEqual([]);
    expect(replay.mismatches()).toEqual([]);
    expect(card.snapshot()).toEqual(recorded.log.snapshot);
    card.dispose();
  });

  it('lets the app tear down when the replay is done: its own sources are unsubscribed then', () => {
    testScheduler().run(({ hot, expectSubscriptions }) => {
      const replay = replaySession(recorded.log);
      const card = connectCallCard(replay);
      // A source the app owns besides the card (its softphone): it must be let go at the end.
      const softphone$ = hot<string>('4s s');
      card.apply(merge(callApp(card, 'as recorded'), softphone$.pipe(map(setStatusText))));
      replay.done$.subscribe(() => card.dispose());
      expectSubscriptions(softphone$.subscriptions).toBe('^ 11999ms !');
    });
  });
});

// --- silence, timeouts, second replies, transport errors ----------------------------------------

/**
 * Records `app` on a test placement answering by `policies`, driving `initialized` at 1 s; returns
 * the log (taken at 6 s).
 */
function recordOnTestPlacement(
  policies: NonNullable<TestPlacementOptions['policies']>,
  app: (card: CallCard) => Observable<CallCardCommand>,
  options: { timeoutMs?: number } = {},
): CallCardSessionLog {
  let log!: CallCardSessionLog;
  testScheduler().run(({ hot }) => {
    const placement = createTestPlacement({ policies });
    const recorder = recordCallCard(placement);
    const card = connectCallCard(placement, options);
    card.apply(app(card));
    placement.emitFrom(hot('1s i', { i: { type: 'initialized', payload: CALL } }));
    asyncScheduler.schedule(() => {
      log = recorder.log();
      card.dispose();
    }, 6000);
  });
  return log;
}

const titleThenIncoming = (card: CallCard): Observable<CallCardCommand> =>
  card.events.initialized$.pipe(
    switchMap((): CallCardCommand[] => [setCardTitle('Ann'), setUiState('incoming')]),
  );

const errorsOf = (card: CallCard) => card.errors$.pipe(map((e) => `${e.name}: ${e.message}`));

describe('replaySession: silence, timeouts and odd answers', () => {
  it('reproduces silence: the app times out at the same virtual time as in the recording', () => {
    const log = recordOnTestPlacement({ CallCardSetCardTitle: 'silent' }, titleThenIncoming, {
      timeoutMs: 2000,
    });
    expect(log.entries.filter((e) => e.kind === 'reply')).toHaveLength(1); // incoming's only
    expect(log.entries).toContainEqual(
      expect.objectContaining({ kind: 'failure', at: 3000, id: 1 }),
    );
    testScheduler().run(({ expectObservable }) => {
      const replay = replaySession(log);
      const card = connectCallCard(replay, { timeoutMs: 2000 });
      card.apply(titleThenIncoming(card));
      expectObservable(errorsOf(card), '^ 5999ms !').toBe('3000ms t', {
        t: 'CallCardTimeoutError: CallCardSetCardTitle: no reply from the host within 2000 ms',
      });
      expectObservable(replay.done$).toBe('6000ms (d|)', { d: [] });
      replay.done$.subscribe(() => card.dispose());
    });
  });

  it('gives every recorded reply, a second one included, the recorded time after the send', () => {
    const log = handLog([
      commandEntry(100, 1, 'CallCardSetHold', { held: true }),
      { kind: 'reply', at: 350, id: 1, reply: [] },
      { kind: 'reply', at: 350, id: 1, reply: { result: 'ok' } },
    ]);
    testScheduler().run(({ cold, expectObservable }) => {
      const replay = replaySession(log);
      // Sent 50 ms later than recorded: the answers keep their 250 ms.
      const sent$ = cold('150ms s').pipe(
        switchMap(() => answers$(replay, 'CallCardSetHold', { held: true })),
      );
      expectObservable(sent$).toBe('400ms (ab)', { a: [], b: { result: 'ok' } });
    });
  });

  it('records a double reply and replays it to an app, which takes the first', () => {
    const log = recordOnTestPlacement({ CallCardSetCardTitle: 'twice' }, titleThenIncoming);
    expect(log.entries.filter((e) => e.kind === 'reply' && e.id === 1)).toHaveLength(2);
    testScheduler().run(({ flush }) => {
      const replay = replaySession(log);
      const card = connectCallCard(replay);
      card.apply(titleThenIncoming(card));
      flush();
      expect(replay.mismatches()).toEqual([]);
      expect(sentOf(replay)).toEqual(commandsOf(log));
      expect(card.snapshot()).toEqual(log.snapshot);
      card.dispose();
    });
  });

  it('fails a command through onError with the recorded transport error, at its time', () => {
    const log = handLog([
      commandEntry(0, 1, 'CallCardSetMute', { muted: true }),
      { kind: 'transportError', at: 40, id: 1, error: 'socket closed' },
    ]);
    testScheduler().run(({ expectObservable }) => {
      const replay = replaySession(log);
      expectObservable(answers$(replay, 'CallCardSetMute', { muted: true })).toBe(
        '40ms #',
        undefined,
        new Error('socket closed'),
      );
    });
  });

  it('reproduces a transport error for the app: the same error at the same time', () => {
    const policies = {
      CallCardSetCardTitle: { delayMs: 30, then: { transportError: new Error('socket closed') } },
    };
    const log = recordOnTestPlacement(policies, titleThenIncoming);
    expect(log.entries).toContainEqual({
      kind: 'transportError',
      at: 1030,
      id: 1,
      error: 'socket closed',
    });
    testScheduler().run(({ expectObservable }) => {
      const replay = replaySession(log);
      const card = connectCallCard(replay);
      card.apply(titleThenIncoming(card));
      expectObservable(errorsOf(card), '^ 5999ms !').toBe('1030ms e', {
        e: 'CallCardCommandError: CallCardSetCardTitle: the host answered with error "Transport error"',
      });
      replay.done$.subscribe(() => card.dispose());
    });
  });

  it("gives an answer recorded in the command's own ms inside call, unless an event came between", () => {
    const log = handLog([
      commandEntry(100, 1, 'CallCardSetMute', { muted: true }),
      { kind: 'reply', at: 100, id: 1, reply: [] },
      commandEntry(200, 2, 'CallCardSetMute', { muted: false }),
      { kind: 'event', at: 200, event: MUTE, payload: true },
      { kind: 'reply', at: 200, id: 2, reply: [] },
    ]);
    testScheduler().run(({ cold, flush }) => {
      const seen: string[] = [];
      const send = (muted: boolean) => () => {
        replay.call('CallCardSetMute', { muted }, () =>
          seen.push(`${asyncScheduler.now()} reply ${muted}`),
        );
        seen.push(`${asyncScheduler.now()} call returned`);
      };
      // The app's sends are scheduled before the replay's events: at 200 the send comes first, as
      // in the log.
      cold('100ms a 99ms b', { a: send(true), b: send(false) }).subscribe((step) => step());
      const replay = replaySession(log);
      replay.bindEvent(MUTE, () => seen.push(`${asyncScheduler.now()} event`));
      flush();
      expect(seen).toEqual([
        '100 reply true', // inside call: nothing came between in the log
        '100 call returned',
        '200 call returned',
        '200 event', // the log's order within the ms
        '200 reply false',
      ]);
    });
  });

  it("plays what is due at the same time in the log's order: an answer before a later-logged event", () => {
    const log = handLog([
      commandEntry(0, 1, 'CallCardSetHold', { held: true }),
      { kind: 'reply', at: 100, id: 1, reply: [] },
      { kind: 'event', at: 100, event: MUTE, payload: true },
    ]);
    testScheduler().run(({ flush }) => {
      const replay = replaySession(log);
      const seen: string[] = [];
      replay.bindEvent(MUTE, () => seen.push('event'));
      replay.call('CallCardSetHold', { held: true }, () => seen.push('reply'));
      flush();
      expect(seen).toEqual(['reply', 'event']);
    });
  });
});

// --- commands the recording does not have -------------------------------------------------------

describe('replaySession: commands the recording does not have', () => {
  it('answers them as the host documents success, inside call, and reports each', () => {
    testScheduler().run(({ flush }) => {
      const replay = replaySession(handLog([], { endedAt: 500 }));
      const replies: [string, unknown][] = [];
      for (const [command, params] of [
        ['CallCardSetMute', { muted: true }],
        ['CallCardGetListUiStates', {}],
        ['CallCardStartTimer', {}],
        ['CallCardDance', {}],
      ] as const)
        replay.call(command, params, (reply) => replies.push([command, reply]));
      expect(replies).toEqual([
        ['CallCardSetMute', []],
        ['CallCardGetListUiStates', [...UI_STATES]],
      ]);
      flush();
      expect(
        replay.mismatches().map((m) => [m.kind, m.at, m.card, 'command' in m && m.command]),
      ).toEqual([
        ['extraCommand', 0, 0, 'CallCardSetMute'],
        ['extraCommand', 0, 0, 'CallCardGetListUiStates'],
        ['extraCommand', 0, 0, 'CallCardStartTimer'],
        ['extraCommand', 0, 0, 'CallCardDance'],
      ]);
    });
  });

  it('keeps lining up after an extra command identical to the next recorded one', () => {
    // Recorded: A then B, each answered 100 ms late. The app sends B, A, B: one B too many.
    const A = { uiState: 'incoming' };
    const B = { title: 'Ann' };
    const log = handLog([
      commandEntry(0, 1, 'CallCardSetUiState', A),
      { kind: 'reply', at: 100, id: 1, reply: [] },
      commandEntry(100, 2, 'CallCardSetCardTitle', B),
      { kind: 'reply', at: 200, id: 2, reply: [] },
    ]);
    testScheduler().run(({ flush }) => {
      const replay = replaySession(log);
      const times: string[] = [];
      const send = (command: string, params: object) =>
        replay.call(command, { ...params }, () => times.push(`${command} ${asyncScheduler.now()}`));
      send('CallCardSetCardTitle', B);
      send('CallCardSetUiState', A);
      asyncScheduler.schedule(() => send('CallCardSetCardTitle', B), 100);
      flush();
      expect(replay.mismatches()).toEqual([
        { kind: 'extraCommand', at: 0, card: 0, command: 'CallCardSetCardTitle', params: B },
      ]);
      // A is answered as recorded (100 ms), and so is the second B.
      expect(times).toEqual(
        expect.arrayContaining(['CallCardSetUiState 100', 'CallCardSetCardTitle 200']),
      );
    });
  });

  it('calls the later of two identical commands the extra one, and the later recorded one missing', () => {
    const cmd = (id: number, at: number): SessionLogEntry =>
      commandEntry(at, id, 'CallCardSetStatusText', { statusText: 'x' });
    testScheduler().run(({ flush }) => {
      const twiceSent = replaySession(handLog([cmd(1, 0)], { endedAt: 100 }));
      twiceSent.call('CallCardSetStatusText', { statusText: 'x' }, () => undefined);
      asyncScheduler.schedule(
        () => twiceSent.call('CallCardSetStatusText', { statusText: 'x' }, () => undefined),
        50,
      );
      const onceSent = replaySession(handLog([cmd(1, 0), cmd(2, 50)], { endedAt: 100 }));
      onceSent.call('CallCardSetStatusText', { statusText: 'x' }, () => undefined);
      flush();
      expect(twiceSent.mismatches()).toEqual([
        {
          kind: 'extraCommand',
          at: 50,
          card: 0,
          command: 'CallCardSetStatusText',
          params: { statusText: 'x' },
        },
      ]);
      expect(onceSent.mismatches()).toEqual([
        {
          kind: 'missingCommand',
          at: 50,
          card: 0,
          command: 'CallCardSetStatusText',
          params: { statusText: 'x' },
          id: 2,
        },
      ]);
    });
  });

  it('counts a recorded command missing once its ms has passed, and at the end every one', () => {
    const at300 = commandEntry(300, 1, 'CallCardSetMute', { muted: true });
    testScheduler().run(({ cold, expectObservable }) => {
      const replay = replaySession(handLog([at300], { endedAt: 1000 }));
      const report$ = cold('300ms a 0ms b', { a: 0, b: 0 }).pipe(
        map(() => replay.mismatches().length),
      );
      expectObservable(report$).toBe('300ms a 0ms b', { a: 0, b: 1 });
      // A command of the log's last ms is missing once the replay is over.
      const atTheEnd = replaySession(handLog([at300], { endedAt: 300 }));
      expectObservable(atTheEnd.done$.pipe(map((m) => m.map((x) => x.kind)))).toBe('300ms (d|)', {
        d: ['missingCommand'],
      });
    });
  });
});

// --- events and cards ---------------------------------------------------------------------------

describe('replaySession: events and cards', () => {
  it('delivers recorded events to what is bound then, and reports those nobody had bound', () => {
    const log = handLog([
      { kind: 'event', at: 0, event: INITIALIZED, payload: CALL as never },
      { kind: 'card', at: 0, card: 1, lifecycle: 'open', cause: 'initialized' },
      { kind: 'event', at: 500, event: 'BackgroundCallCard::answerButtonClick', payload: '' },
    ]);
    testScheduler().run(({ cold, expectObservable }) => {
      const replay = replaySession(log);
      // The app starts 300 ms late: the card was raised before it bound anything.
      const answers$ = cold('300ms c').pipe(
        switchMap(() => connectCallCard(replay).events.answer$),
        map(() => 'answered'),
      );
      expectObservable(answers$, '^ 999ms !').toBe('500ms a', { a: 'answered' });
      expectObservable(replay.done$).toBe('500ms (d|)', {
        d: [{ kind: 'unboundEvent', at: 0, card: 1, event: INITIALIZED, payload: CALL }],
      });
    });
  });

  it('hands each handler its own copy of the payload, and a name bound twice gets it twice', () => {
    const log = handLog([{ kind: 'event', at: 10, event: INITIALIZED, payload: CALL as never }]);
    testScheduler().run(({ flush }) => {
      const replay = replaySession(log);
      const got: unknown[] = [];
      replay.bindEvent(INITIALIZED, (raw) => {
        got.push(raw);
        (raw as { CALL_ID: string }).CALL_ID = 'changed by a handler';
      });
      replay.bindEvent(INITIALIZED, (raw) => got.push(raw));
      flush();
      expect(got).toEqual([{ ...CALL, CALL_ID: 'changed by a handler' }, CALL]);
    });
  });

  it('lines commands up card by card and reports each mismatch with its card', () => {
    // Two cards; the app answers only the first with `incoming`.
    const log = handLog([
      { kind: 'event', at: 100, event: INITIALIZED, payload: CALL as never },
      { kind: 'card', at: 100, card: 1, lifecycle: 'open', cause: 'initialized' },
      commandEntry(100, 1, 'CallCardSetUiState', { uiState: 'incoming' }, 1),
      { kind: 'reply', at: 100, id: 1, reply: [] },
      {
        kind: 'event',
        at: 900,
        event: INITIALIZED,
        payload: { ...CALL, CALL_ID: 'call-2' } as never,
      },
      { kind: 'card', at: 900, card: 2, lifecycle: 'open', cause: 'initialized' },
      commandEntry(900, 2, 'CallCardSetUiState', { uiState: 'incoming' }, 2),
      { kind: 'reply', at: 900, id: 2, reply: [] },
    ]);
    testScheduler().run(({ flush }) => {
      const replay = replaySession(log);
      let cards = 0;
      replay.bindEvent(INITIALIZED, () => {
        cards += 1;
        if (cards === 1)
          replay.call('CallCardSetUiState', { uiState: 'incoming' }, () => undefined);
      });
      // Sent during the second card: it does not line up with the first card's command.
      asyncScheduler.schedule(
        () => replay.call('CallCardSetMute', { muted: true }, () => undefined),
        950,
      );
      flush();
      expect(replay.mismatches()).toEqual([
        {
          kind: 'missingCommand',
          at: 900,
          card: 2,
          command: 'CallCardSetUiState',
          params: { uiState: 'incoming' },
          id: 2,
        },
        {
          kind: 'extraCommand',
          at: 950,
          card: 2,
          command: 'CallCardSetMute',
          params: { muted: true },
        },
      ]);
      expect(replay.sent().map((c) => c.card)).toEqual([1, 2]);
    });
  });

  it('starts in the card the log began in (a recording started during a call)', () => {
    const log = handLog(
      [
        commandEntry(10, 41, 'CallCardSetMute', { muted: true }, 3),
        { kind: 'reply', at: 60, id: 41, reply: [] },
      ],
      { card: 3, lifecycle: 'open' },
    );
    testScheduler().run(({ cold, expectObservable, flush }) => {
      const replay = replaySession(log);
      const sent$ = cold('10ms s').pipe(
        switchMap(() => answers$(replay, 'CallCardSetMute', { muted: true })),
      );
      expectObservable(sent$).toBe('60ms a', { a: [] });
      flush();
      expect(replay.sent()).toEqual([
        { at: 10, card: 3, command: 'CallCardSetMute', params: { muted: true } },
      ]);
      expect(replay.mismatches()).toEqual([]);
    });
  });

  it('ignores an answer whose command was among the dropped entries', () => {
    const log = handLog(
      [
        { kind: 'reply', at: 5, id: 6, reply: [] },
        commandEntry(10, 7, 'CallCardSetMute', { muted: true }),
      ],
      { dropped: 12 },
    );
    testScheduler().run(({ flush }) => {
      const replay = replaySession(log);
      const replies: unknown[] = [];
      asyncScheduler.schedule(
        () => replay.call('CallCardSetMute', { muted: true }, (r) => replies.push(r)),
        10,
      );
      flush();
      expect(replies).toEqual([]); // silence, as recorded for id 7
      expect(replay.mismatches()).toEqual([]);
    });
  });
});

// --- stopping -----------------------------------------------------------------------------------

describe('replaySession: stop()', () => {
  const log = handLog([
    { kind: 'event', at: 100, event: MUTE, payload: true },
    commandEntry(120, 1, 'CallCardSetStatusText', { statusText: 'Muted' }),
    { kind: 'reply', at: 220, id: 1, reply: [] },
    { kind: 'event', at: 300, event: MUTE, payload: false },
  ]);

  it('plays and answers nothing more, completes done$ without a value, and reports as of the stop', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const replay = replaySession(log);
      const heard: string[] = [];
      replay.bindEvent(MUTE, (raw) => heard.push(`${asyncScheduler.now()} mute ${String(raw)}`));
      cold('120ms s').subscribe(() =>
        replay.call('CallCardSetStatusText', { statusText: 'Muted' }, () => heard.push('reply')),
      );
      cold('150ms x').subscribe(() => replay.stop());
      expectObservable(replay.done$).toBe('150ms |');
      cold('400ms c').subscribe(() => {
        expect(heard).toEqual(['100 mute true']);
        expect(replay.mismatches()).toEqual([]);
      });
    });
  });

  it('gives no further answer once stopped from inside an answer', () => {
    const twice = handLog([
      commandEntry(0, 1, 'CallCardSetHold', {}),
      { kind: 'reply', at: 0, id: 1, reply: [] },
      { kind: 'reply', at: 0, id: 1, reply: [] },
    ]);
    testScheduler().run(() => {
      const replay = replaySession(twice);
      const replies: unknown[] = [];
      replay.call('CallCardSetHold', {}, (reply) => {
        replies.push(reply);
        replay.stop();
      });
      expect(replies).toEqual([[]]);
    });
  });

  it('leaves nothing scheduled: the clock stops where the replay stopped', () => {
    const scheduler = new VirtualTimeScheduler();
    const replay = replaySession(log, { scheduler });
    replay.bindEvent(MUTE, () => undefined);
    scheduler.schedule(
      () => replay.call('CallCardSetStatusText', { statusText: 'Muted' }, () => undefined),
      120,
    );
    scheduler.schedule(() => replay.stop(), 150);
    scheduler.flush();
    expect(scheduler.now()).toBe(150);
    // A command sent after the stop is still reported, but never answered.
    const replies: unknown[] = [];
    replay.call('CallCardSetMute', { muted: true }, (r) => replies.push(r));
    expect(replies).toEqual([]);
    expect(replay.mismatches()).toEqual([
      {
        kind: 'extraCommand',
        at: 150,
        card: 0,
        command: 'CallCardSetMute',
        params: { muted: true },
      },
    ]);
  });
});

// --- options -------------------------------------------------------

describe('replaySession: options', () => {
  it('takes only a scheduler, checked', () => {
    const log = handLog([]);
    expect(() => replaySession(log, { clock: 1 } as never)).toThrow(
      /replaySession: options was .*; expected only the option scheduler \(unknown option "clock"\)/,
    );
    expect(() => replaySession(log, { scheduler: {} as never })).toThrow(
      /replaySession: options.scheduler was \{\}; expected an rxjs SchedulerLike/,
    );
  });
});
