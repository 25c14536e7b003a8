import { NEVER, Subject, VirtualAction, VirtualTimeScheduler, of } from 'rxjs';
import {
  CallCardCommandError,
  CallCardError,
  CallCardInputError,
  CallCardUnavailableError,
  applyCommands,
  callCardEvents,
  callCardState,
  connectCallCard,
  deferPlacement,
  dialpadDigits,
  fromB24Frame,
  fromBX24,
  getListUiStates,
  hostEventName,
  sendCommand,
  setCardTitle,
  setMute,
  setStatusText,
  setUiState,
  timerStatus,
} from 'b24-call-card-rx';
import type { CallCardActivity, CallInfo, CommandOutcome, PlacementPort } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import { callInfo, collectUnhandledErrors, crmEntity } from '../support/fixtures';

// Faults that must not stall or split anything (bad input, hostile values, a broken host): each of
// these failed before it was fixed.

const CALL = callInfo({
  CRM_ENTITY_TYPE: 'CONTACT',
  CRM_ENTITY_ID: 7,
  CRM_BINDINGS: [{ ENTITY_TYPE: 'CONTACT', ENTITY_ID: 7 }],
});
const ENTITY = crmEntity();

/** A value whose every inspection throws: what a hostile or broken port could hand over. */
function hostile(): object {
  const trap = (): never => {
    throw new Error('trap');
  };
  return new Proxy([], { get: trap, getOwnPropertyDescriptor: trap, has: trap, ownKeys: trap });
}

/** A revoked Proxy: every operation on it throws a TypeError, `Array.isArray` included. */
const revoked = (): never => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy as never;
};

/** A Proxy that reads fine but throws when asked whether it is extensible (`Object.isFrozen`). */
const notInspectable = <T extends object>(target: T): T =>
  new Proxy(target, {
    isExtensible: () => {
      throw new Error('isExtensible trap');
    },
  });

/** An error seen through a Proxy whose property reads throw (a membrane, a hostile port). */
const unreadableError = (): Error =>
  new Proxy(new Error('transport down'), {
    get: () => {
      throw new Error('no reading');
    },
  });

/** An object of `size` enumerable keys, each a getter that counts its reads and gives `value`. */
function countingObject(size: number, value: unknown): { target: object; reads: () => number } {
  let reads = 0;
  const target: Record<string, unknown> = {};
  for (let i = 0; i < size; i++)
    Object.defineProperty(target, `k${i}`, {
      enumerable: true,
      get: () => {
        reads += 1;
        return value;
      },
    });
  return { target, reads: () => reads };
}

const unhandled = collectUnhandledErrors();

describe('a reply that throws when read', () => {
  it('fails that command as a malformed reply, throws nothing into the host, and sends the next', () => {
    const placement = createTestPlacement({
      policies: { CallCardSetCardTitle: { reply: hostile() } },
    });
    callCardEvents(placement); // binds initialized
    placement.emit('initialized', CALL);
    const outcomes: CommandOutcome[] = [];
    expect(() =>
      of(setCardTitle('A'), setStatusText('B'))
        .pipe(applyCommands(placement))
        .subscribe((o) => outcomes.push(o)),
    ).not.toThrow();
    expect(outcomes.map((o) => o.ok)).toEqual([false, true]);
    const [failed] = outcomes;
    expect(failed && !failed.ok && failed.error).toBeInstanceOf(CallCardCommandError);
    expect(failed && !failed.ok && failed.error).toMatchObject({ errorCode: 'Malformed reply' });
    expect(placement.calls.map((c) => c.command)).toEqual([
      'CallCardSetCardTitle',
      'CallCardSetStatusText',
    ]);
    expect(unhandled).toEqual([]);
  });

  it('errors sendCommand with the malformed reply', () => {
    const placement = createTestPlacement({ policy: { reply: hostile() } });
    const errors: unknown[] = [];
    sendCommand(placement, setMute(true)).subscribe({ error: (e: unknown) => errors.push(e) });
    expect(errors).toEqual([expect.objectContaining({ errorCode: 'Malformed reply' })]);
  });
});

describe('a placement whose bindEvent throws for one event', () => {
  const failingOn = (event: string): PlacementPort => {
    const inner = createTestPlacement();
    return {
      call: inner.call,
      bindEvent: (name, handler) => {
        if (name === hostEventName(event as 'muteButtonClick')) throw new Error('no such event');
        inner.bindEvent(name, handler);
      },
    };
  };

  it('makes connectCallCard throw a CallCardError naming the event, and keeps nothing', () => {
    const placement = failingOn('muteButtonClick');
    let thrown: unknown;
    try {
      connectCallCard(placement);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CallCardUnavailableError);
    expect(thrown).toBeInstanceOf(CallCardError);
    expect((thrown as Error).message).toContain('BackgroundCallCard::muteButtonClick');
    expect((thrown as Error).cause).toEqual(new Error('no such event'));
  });

  it('makes callCardEvents throw for an event it binds at once, naming it', () => {
    expect(() => callCardEvents(failingOn('initialized'))).toThrow(
      /BackgroundCallCard::initialized: the placement could not bind it/,
    );
  });

  // `sendCommand` rule 1 lists what it throws synchronously (`CallCardInputError` for a bad
  // command or bad options, "before any host call"), rule 6 says a failing transport arrives as an
  // error of the Observable, and `getListUiStates` "works even when no card is open". This broke
  // when `sendCommand` bound `initialized` and `closeButtonClick` at the call: a placement that
  // cannot bind the Close click made every `sendCommand` call throw a `CallCardUnavailableError`
  // at the call site, even for the state list, which belongs to no card and needs neither event.
  describe('sendCommand on a placement that cannot bind the Close click', () => {
    it('still asks for the state list (or fails through the Observable), without throwing at the call', () => {
      const placement = failingOn('closeButtonClick');
      let result: unknown;
      let failure: unknown;
      expect(() =>
        sendCommand(placement, getListUiStates()).subscribe({
          next: (states) => (result = states),
          error: (e: unknown) => (failure = e),
        }),
      ).not.toThrow();
      expect(result ?? failure).toBeDefined();
    });
  });
});

describe('durations a timer cannot wait', () => {
  it.each([100.1, 1000 / 30, 0.5])('refuses tickMs %p (not a whole number of ms)', (tickMs) => {
    const placement = createTestPlacement();
    expect(() => connectCallCard(placement, { tickMs })).toThrow(CallCardInputError);
    expect(() => connectCallCard(placement, { tickMs })).toThrow(
      /connectCallCard: options.tickMs was .*; expected a whole number of ms/,
    );
    expect(() => timerStatus({ tickMs })).toThrow(CallCardInputError);
  });

  it('refuses tickMs and timeoutMs above 2^31 - 1 ms, which timers would fire at once', () => {
    const placement = createTestPlacement();
    expect(() => connectCallCard(placement, { tickMs: 2 ** 31 })).toThrow(CallCardInputError);
    expect(() => connectCallCard(placement, { timeoutMs: 2 ** 31 })).toThrow(
      /timeoutMs was 2147483648; expected a number of ms above 0 and at most 2147483647/,
    );
    expect(() => applyCommands(placement, { timeoutMs: 2 ** 40 })).toThrow(CallCardInputError);
    expect(() => sendCommand(placement, setMute(true), { timeoutMs: 2 ** 31 })).toThrow(
      CallCardInputError,
    );
    // The longest delay and no limit at all are both fine.
    expect(() => applyCommands(placement, { timeoutMs: 2 ** 31 - 1 })).not.toThrow();
    expect(() => applyCommands(placement, { timeoutMs: Infinity })).not.toThrow();
  });

  it('keeps a whole tickMs working in virtual time, and the flush returns', () => {
    const scheduler = new VirtualTimeScheduler(VirtualAction, 3000);
    const placement = createTestPlacement({ scheduler });
    const card = connectCallCard(placement, { scheduler, tickMs: 33 });
    placement.emit('initialized', CALL);
    card.send(setUiState('connected'));
    const elapsed: number[] = [];
    card.timer$.subscribe((t) => elapsed.push(t.elapsedMs));
    scheduler.flush();
    expect(elapsed.slice(0, 4)).toEqual([0, 33, 66, 99]);
    card.dispose();
  });
});

describe('what one subscriber receives, no other subscriber can change', () => {
  it('freezes snapshots, the call, its CRM bindings, the entity and replayed payloads', () => {
    const placement = createTestPlacement();
    const card = connectCallCard(placement);
    placement.emit('entityChanged', ENTITY);
    placement.emit('initialized', CALL);
    const snapshot = card.snapshot();
    const call = snapshot.call!;
    expect(() => {
      (call as { CALL_ID: string }).CALL_ID = 'hijacked';
    }).toThrow(TypeError);
    expect(() => {
      (call.CRM_BINDINGS as unknown[]).push({ ENTITY_TYPE: 'LEAD', ENTITY_ID: 1 });
    }).toThrow(TypeError);
    expect(() => {
      (call.CRM_BINDINGS[0] as { ENTITY_ID: number }).ENTITY_ID = 1;
    }).toThrow(TypeError);
    expect(() => {
      (snapshot.entity as { CRM_ENTITY_ID: number }).CRM_ENTITY_ID = 1;
    }).toThrow(TypeError);
    expect(() => {
      (snapshot.timer as { running: boolean }).running = true;
    }).toThrow(TypeError);
    let replayed: CallInfo | undefined;
    card.events.initialized$.subscribe((c) => (replayed = c)).unsubscribe();
    expect(Object.isFrozen(replayed)).toBe(true);
    expect(card.snapshot().call?.CALL_ID).toBe('call-1');
    card.dispose();
  });

  it('freezes the activity and event objects shared by every subscriber', () => {
    const placement = createTestPlacement();
    const card = connectCallCard(placement);
    const activity: CallCardActivity[] = [];
    const events: unknown[] = [];
    card.activity$.subscribe((a) => activity.push(a));
    card.events.all$.subscribe((e) => events.push(e));
    placement.emit('initialized', CALL);
    card.send(setMute(true));
    expect(activity.map((a) => a.kind)).toEqual(['sync', 'event', 'command']);
    for (const a of activity) expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen((activity[1] as { event: object }).event)).toBe(true);
    for (const e of events) expect(Object.isFrozen(e)).toBe(true);
    card.dispose();
  });
});

describe('an entityChanged that carries none of its fields', () => {
  it.each([
    ['{}', {}],
    ['{a: 1}', { a: 1 }],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
  ])('is malformed (%s): it does not replace the real CRM entity', (_name, raw) => {
    const placement = createTestPlacement();
    const card = connectCallCard(placement);
    const errors: string[] = [];
    card.errors$.subscribe((e) => errors.push(e.message));
    placement.emit('initialized', CALL);
    placement.emit('entityChanged', ENTITY);
    placement.emitRaw(hostEventName('entityChanged'), raw);
    expect(card.snapshot().entity).toEqual(ENTITY);
    expect(errors).toEqual([
      expect.stringMatching(/^BackgroundCallCard::entityChanged: payload was/),
    ]);
    card.dispose();
  });
});

describe('values that throw when read are bad input, never a bare TypeError', () => {
  it('refuses apply(notAnObservable) with CallCardInputError', () => {
    const card = connectCallCard(createTestPlacement());
    for (const bad of [undefined, null, 42, 'commands', [setMute(true)], {}, hostile()])
      expect(() => card.apply(bad as never)).toThrow(CallCardInputError);
    expect(() => card.apply(NEVER)).not.toThrow();
    card.dispose();
  });

  it('refuses hostile values in creators, sinks and sends with CallCardInputError', () => {
    const placement = createTestPlacement();
    expect(() => setUiState('connected', hostile() as never)).toThrow(CallCardInputError);
    expect(() => setStatusText(hostile() as never)).toThrow(CallCardInputError);
    expect(() => sendCommand(placement, hostile() as never)).toThrow(CallCardInputError);
    expect(() => applyCommands(placement, hostile() as never)).toThrow(CallCardInputError);
    expect(() => connectCallCard(placement, hostile() as never)).toThrow(CallCardInputError);
    const commands = new Subject<unknown>();
    const outcomes: CommandOutcome[] = [];
    commands.pipe(applyCommands(placement) as never).subscribe((o) => outcomes.push(o as never));
    commands.next(hostile());
    commands.next({ name: 'CallCardSetMute', params: hostile() });
    expect(outcomes).toHaveLength(2);
    for (const o of outcomes) expect(!o.ok && o.error).toBeInstanceOf(CallCardInputError);
  });
});

// "Creators given a value whose reading throws (a Proxy) throw `CallCardInputError`, never a bare
// `TypeError`/`Error`", also when merely inspecting the value throws. This broke while only
// property reads were guarded: `isRecord` (`Array.isArray`) ran before any `try`, as did
// `isThenable` (deferPlacement), the adapters' destructuring and `Object.isFrozen` in
// `checkCommandParams`, so a revoked Proxy, or one that refuses `isExtensible`, escaped as the
// engine's own error.
describe('input whose inspection throws', () => {
  const placement = createTestPlacement();

  it.each([
    ['setUiState options', () => setUiState('connected', revoked())],
    ['connectCallCard options', () => connectCallCard(placement, revoked())],
    ['applyCommands options', () => applyCommands(placement, revoked())],
    ['sendCommand command', () => sendCommand(placement, revoked())],
    ['sendCommand options', () => sendCommand(placement, setMute(true), revoked())],
    [
      'sendCommand params',
      () => sendCommand(placement, { name: 'CallCardSetMute', params: revoked() }),
    ],
    ['callCardState options', () => callCardState(revoked())],
    ['timerStatus options', () => timerStatus(revoked())],
    ['dialpadDigits options', () => dialpadDigits(revoked())],
    ['deferPlacement source', () => deferPlacement(revoked())],
    ['callCard.send command', () => connectCallCard(createTestPlacement()).send(revoked())],
  ])('%s: throws CallCardInputError', (_what, run) => {
    expect(run).toThrow(CallCardInputError);
  });

  it('reads params that refuse isExtensible as the data they hold, without a bare error', () => {
    const host = createTestPlacement();
    const replies: unknown[] = [];
    expect(() =>
      sendCommand(host, {
        name: 'CallCardSetMute',
        params: notInspectable({ muted: true }),
      }).subscribe({ next: (v) => replies.push(v), error: (e: unknown) => replies.push(e) }),
    ).not.toThrow();
    expect(host.callsOf('CallCardSetMute').map((c) => c.params)).toEqual([{ muted: true }]);
  });

  it.each([
    ['fromBX24', () => fromBX24(revoked())],
    ['fromB24Frame', () => fromB24Frame(revoked())],
  ])('%s: throws CallCardUnavailableError for an unreadable host object', (_what, run) => {
    expect(run).toThrow(CallCardUnavailableError);
  });
});

// The error classes' `instanceof` follows "ordinary `instanceof` rules" for anything that is not
// one of the library's errors, and a transport failure "(the placement's `onError`, or `call`
// throwing) errors with ... a `CallCardCommandError` whose `errorCode` is `'Transport error'`"
// (`sendCommand` rule 6). This broke while `Symbol.hasInstance` read the page-wide kind symbol
// off the value before anything else, so `value instanceof CallCardError` threw where ordinary
// `instanceof` answers false; the transmission asked exactly that of the transport's error inside
// its `onError`, where the throw was swallowed: the command never settled and ended as a timeout
// (or never, with `timeoutMs: Infinity`).
describe('instanceof on a value whose reads throw', () => {
  collectUnhandledErrors({ settleMs: 10 });

  it('answers false, as ordinary instanceof does, instead of throwing', () => {
    const value = unreadableError();
    expect(value instanceof Error).toBe(true);
    expect(() => value instanceof CallCardError).not.toThrow();
    expect(() => value instanceof CallCardInputError).not.toThrow();
  });

  it('fails a command whose transport reports such an error with a Transport error, at once', () => {
    const inner = createTestPlacement();
    const placement: PlacementPort = {
      call: (_command, _params, _onReply, onError) => onError?.(unreadableError()),
      bindEvent: inner.bindEvent,
    };
    const errors: unknown[] = [];
    sendCommand(placement, getListUiStates(), { timeoutMs: Infinity }).subscribe({
      error: (e: unknown) => errors.push(e),
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(CallCardCommandError);
    expect((errors[0] as CallCardCommandError).errorCode).toBe('Transport error');
  });
});

describe('the cost of bad input', () => {
  it('reads only what an error message quotes of a huge malformed payload', () => {
    const { target: huge, reads } = countingObject(100_000, 'x'.repeat(100));
    const placement = createTestPlacement();
    const errors: string[] = [];
    callCardEvents(placement).malformed$.subscribe((e) => errors.push(e.message));
    placement.emitRaw(hostEventName('entityChanged'), huge);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.length).toBeLessThan(300);
    expect(reads()).toBeLessThan(10);
  });

  // The error text "reads only as much of the value as the message quotes, so reporting a huge
  // payload costs no more than a small one", also for keys it does not render. This broke while
  // the quoting stopped walking an object only once its text was long enough: keys it does not
  // render (values `undefined`, a function, a symbol) add no text, so an object made of such keys
  // was walked, and every value read, to the end, to quote `{}`. (For plain JSON the `for...in`
  // itself also collected every key before the first one was quoted: a 1,000,000-key payload cost
  // about a second in the host callback.)
  describe('describing an object whose keys are not rendered', () => {
    it('reads no more of a malformed host payload than the message quotes', () => {
      const { target, reads } = countingObject(100_000, undefined);
      const placement = createTestPlacement();
      const errors: string[] = [];
      callCardEvents(placement).malformed$.subscribe((e) => errors.push(e.message));
      placement.emitRaw(hostEventName('entityChanged'), target);
      expect(errors).toHaveLength(1);
      expect(reads()).toBeLessThan(100);
    });

    it('reads no more of a bad creator argument than the message quotes', () => {
      const { target, reads } = countingObject(100_000, () => undefined);
      expect(() => setCardTitle(target as never)).toThrow(CallCardInputError);
      expect(reads()).toBeLessThan(100);
    });
  });
});
