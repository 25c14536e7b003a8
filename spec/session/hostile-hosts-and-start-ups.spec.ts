import { asyncScheduler, of } from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import {
  CallCardCommandError,
  CallCardUnavailableError,
  callCardEvents,
  connectCallCard,
  deferPlacement,
  recordCallCard,
  sendCommand,
  setCardTitle,
  setMute,
} from 'b24-call-card-rx';
import type { CallCardError, PlacementPort } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import { callInfo, collectUnhandledErrors } from '../support/fixtures';
import { later, settled } from '../support/later';

// One placement, one session, held against hostile hosts and start-ups: huge texts, deferred
// placements that arrive at other deferred placements, thenables and ports that throw. Each test
// names the promise it holds the library to; the comment under it says how it once broke.

/** 50 MB of text from the host (an error code, an error message). */
const HUGE = 'x'.repeat(50_000_000);

/** How long a message may be whatever the host sent: payload errors quote about 200 characters. */
const MESSAGE_LIMIT = 1_000;

/** A scheduler of its own (the async one, under another identity): a facade on it has its own live state. */
const ownScheduler = (): SchedulerLike => ({
  now: () => asyncScheduler.now(),
  schedule: asyncScheduler.schedule.bind(asyncScheduler) as SchedulerLike['schedule'],
});

/** `host`, with `bindEvent` replaced by `bind` (the host's own binding passed in). */
function withBindEvent(
  host: PlacementPort,
  bind: (
    original: PlacementPort['bindEvent'],
    name: string,
    handler: (raw: unknown) => void,
  ) => void,
): void {
  const original = host.bindEvent.bind(host);
  (host as { bindEvent: PlacementPort['bindEvent'] }).bindEvent = (name, handler) =>
    bind(original, name, handler);
}

describe('error messages quote host text briefly', () => {
  it('a 50 MB errorCode from the host makes a short CallCardCommandError message', () => {
    // Broke: the message interpolates errorCode whole (50,000,053 characters).
    const host = createTestPlacement({ policy: { error: HUGE } });
    const errors: unknown[] = [];
    sendCommand(host, setCardTitle('Ann')).subscribe({ error: (e: unknown) => errors.push(e) });
    expect(errors).toEqual([expect.any(CallCardCommandError)]);
    const error = errors[0] as CallCardCommandError;
    expect(error.errorCode).toBe(HUGE);
    expect(error.message.startsWith('CallCardSetCardTitle: the host answered with error "x')).toBe(
      true,
    );
    expect(error.message.length).toBeLessThan(MESSAGE_LIMIT);
  });

  it('a start that fails with a 50 MB message makes a short CallCardUnavailableError message', async () => {
    // Broke: deferPlacement's failure message quotes the rejection's message whole.
    const card = connectCallCard(deferPlacement(Promise.reject(new Error(HUGE))));
    const errors: CallCardError[] = [];
    card.errors$.subscribe((e) => errors.push(e));
    await settled();
    expect(errors).toEqual([expect.any(CallCardUnavailableError)]);
    expect((errors[0] as CallCardError).message.length).toBeLessThan(MESSAGE_LIMIT);
    card.dispose();
  });

  it('a bindEvent that throws a 50 MB error makes a short CallCardUnavailableError message', () => {
    // Broke: bindHostEvent quotes String(cause) whole (describeThrow has no bound).
    const host = createTestPlacement();
    withBindEvent(host, () => {
      throw new Error(HUGE);
    });
    let thrown: unknown;
    try {
      connectCallCard(host);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CallCardUnavailableError);
    expect((thrown as Error).message.length).toBeLessThan(MESSAGE_LIMIT);
  });

  it('a payload whose reading throws a 50 MB error makes a short CallCardPayloadError message', () => {
    // Broke: readPayload quotes describeThrow(cause) whole in `expected`.
    const host = createTestPlacement();
    const card = connectCallCard(host);
    const errors: CallCardError[] = [];
    card.errors$.subscribe((e) => errors.push(e));
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error(HUGE);
        },
        has: () => {
          throw new Error(HUGE);
        },
        getOwnPropertyDescriptor: () => {
          throw new Error(HUGE);
        },
        ownKeys: () => {
          throw new Error(HUGE);
        },
        getPrototypeOf: () => {
          throw new Error(HUGE);
        },
      },
    );
    host.emitRaw('BackgroundCallCard::initialized', hostile);
    expect(errors).toHaveLength(1);
    expect((errors[0] as CallCardError).message.length).toBeLessThan(MESSAGE_LIMIT);
    card.dispose();
  });
});

describe('a deferred placement that arrives at another deferred placement', () => {
  /**
   * The host with a card open; `a` still starting; `b` a deferred placement whose factory returns
   * `a`. A command handed to `b` waits until `a` arrives.
   */
  function nested() {
    const host = createTestPlacement();
    callCardEvents(host).initialized$.subscribe();
    host.emit('initialized', callInfo());
    const inner = later<PlacementPort>();
    const a = deferPlacement(inner.promise);
    const b = deferPlacement(() => a);
    return { host, inner, a, b };
  }

  it('a recorder on the inner placement, started before anything was sent, records the command sent through the outer one', async () => {
    // Broke: b's start-up settles (attach AND release) inside a's `attach` list, so b's commands
    // reach the host before the recorder on a attaches; the log has no entry at all.
    const { host, inner, a, b } = nested();
    const viaB = connectCallCard(b);
    const recorder = recordCallCard(a);
    viaB.send(setMute(true));
    inner.resolve(host);
    await settled();
    expect(host.calls.map((c) => c.command)).toEqual(['CallCardSetMute']);
    expect(recorder.log().entries.filter((e) => e.kind === 'command')).toHaveLength(1);
    recorder.stop();
    viaB.dispose();
  });

  it('a facade on the inner placement, made before the command was sent, sees the mute the outer one applied', async () => {
    // Broke: same cause; the facade on a (its own scheduler) makes its live state after the mute
    // was applied, so it shows the card unmuted while the host and the facade on b show it muted.
    const { host, inner, a, b } = nested();
    const viaB = connectCallCard(b);
    const viaA = connectCallCard(a, { scheduler: ownScheduler() });
    viaB.send(setMute(true));
    inner.resolve(host);
    await settled();
    expect(host.calls.map((c) => c.command)).toEqual(['CallCardSetMute']);
    expect(viaB.snapshot().muted).toBe(true);
    expect(viaA.snapshot().muted).toBe(true);
    viaA.dispose();
    viaB.dispose();
  });

  it("fails (status 'failed', ready rejects) when the deferred placement it arrived at fails", async () => {
    // Broke: b took a as its real port, so it says 'ready' and `ready` resolves, although a failed
    // and b can never reach a host (its cards and commands are refused).
    const { inner, b } = nested();
    const card = connectCallCard(b);
    const errors: CallCardError[] = [];
    card.errors$.subscribe((e) => errors.push(e));
    inner.reject(new Error('no portal'));
    await settled();
    expect(errors).toEqual([expect.any(CallCardUnavailableError)]);
    expect(b.status()).toBe('failed');
    await expect(b.ready).rejects.toBeInstanceOf(CallCardUnavailableError);
    card.dispose();
  });
});

describe('hostile start-ups and hosts', () => {
  const reported = collectUnhandledErrors();

  it('a promise-like whose then throws fails the start instead of throwing out of deferPlacement', async () => {
    // Broke: `started.then(arrive, fail)` runs outside any try: deferPlacement throws the raw
    // Error('sdk broke'), though only a bad `source` may throw (CallCardInputError).
    const thenable = {
      then(): never {
        throw new Error('sdk broke');
      },
    } as unknown as PromiseLike<PlacementPort>;
    let deferred: ReturnType<typeof deferPlacement> | undefined;
    let thrown: unknown;
    try {
      deferred = deferPlacement(() => thenable);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeUndefined();
    expect(deferred?.status()).toBe('failed');
    await expect(deferred?.ready).rejects.toBeInstanceOf(CallCardUnavailableError);
  });

  it('a deferred placement that arrives at a port which cannot bind an event reports it on errors$ and sends nothing', async () => {
    // Broke: the facade's live state cannot be made (bindEvent throws for qualityMeterClick), the
    // error goes only to rxjs's unhandled-error hook, errors$ stays silent, and the title is sent
    // and acknowledged while the facade's state never leaves `uiState: null`.
    const host = createTestPlacement();
    withBindEvent(host, (bind, name, handler) => {
      if (name.endsWith('::qualityMeterClick')) throw new Error('not listed');
      bind(name, handler);
    });
    const inner = later<PlacementPort>();
    const card = connectCallCard(deferPlacement(inner.promise), { waitForInitialized: false });
    const errors: CallCardError[] = [];
    card.errors$.subscribe((e) => errors.push(e));
    const results: string[] = [];
    card.send(setCardTitle('Ann')).subscribe({
      next: () => results.push('ok'),
      error: (e: Error) => results.push(e.name),
    });
    inner.resolve(host);
    await settled();
    expect(errors).toEqual([expect.any(CallCardUnavailableError)]);
    expect(host.calls).toEqual([]);
    expect(results).toEqual(['CallCardUnavailableError']);
    expect(reported).toEqual([]);
    card.dispose();
  });

  it('a click the host raises inside bindEvent while the facade is made reaches its state', () => {
    // Broke: retainLiveState binds every event before it taps them, so the live state misses an
    // event delivered inside `bindEvent` (the host shows the card muted, the facade does not).
    const host = createTestPlacement();
    callCardEvents(host).initialized$.subscribe();
    host.emit('initialized', callInfo());
    withBindEvent(host, (bind, name, handler) => {
      bind(name, handler);
      if (name === 'BackgroundCallCard::muteButtonClick') handler(true);
    });
    const card = connectCallCard(host);
    expect(card.snapshot().uiState).not.toBeNull();
    expect(card.snapshot().muted).toBe(true);
    card.dispose();
  });
});

describe('a facade disposed while its deferred placement arrives', () => {
  it('commands of a disposed facade on a deferred placement are never sent, also when it is disposed by a state$ subscriber as the placement arrives', async () => {
    const host = createTestPlacement();
    const direct = connectCallCard(host);
    host.emit('initialized', callInfo());
    const inner = later<PlacementPort>();
    const card = connectCallCard(deferPlacement(inner.promise));
    card.apply(of(setCardTitle('Ann'), setMute(true)));
    card.state$.subscribe((s) => {
      if (s.uiState !== null) card.dispose();
    });
    inner.resolve(host);
    await settled();
    expect(card.disposed).toBe(true);
    expect(host.calls).toEqual([]);
    direct.dispose();
  });
});
