import { Observable } from 'rxjs';
import type { CallCardEventType } from '../../src/model/events';
import { CallCardUnavailableError } from '../../src/model/errors';
import { hostEventName } from '../../src/model/events';
import type { CardLifecycle } from '../../src/session/session';
import * as sessions from '../../src/session/session';
import type { PlacementPort } from '../../src/placement/placement-port';
import * as hubModule from '../../src/session/event-hub';
import * as streamsModule from '../../src/streams/host-streams';
import { recordingPlacement } from '../support/recording-placement';
import { host, playHost } from '../streams/host-script';
import { testScheduler } from '../support/fixtures';
import { VALID } from '../support/valid-payloads';

interface Copy {
  readonly hub: typeof hubModule;
  readonly streams: typeof streamsModule;
  readonly sessions: typeof sessions;
}

/** A second, independent copy of the hub module (and of rxjs): what a second build brings. */
async function secondCopy(): Promise<Copy> {
  let copy: Copy | undefined;
  await jest.isolateModulesAsync(async () => {
    copy = {
      hub: await import('../../src/session/event-hub'),
      streams: await import('../../src/streams/host-streams'),
      sessions: await import('../../src/session/session'),
    };
  });
  return copy!;
}

/** The hub's functions over one placement's session, through one copy of the modules. */
function eventHub(
  p: PlacementPort,
  copy: Copy = { hub: hubModule, streams: streamsModule, sessions },
) {
  const session = copy.sessions.sessionOf(p);
  return {
    bind: (type: CallCardEventType) => copy.hub.bindHostEvent(session, type),
    on: <T extends CallCardEventType>(type: T, options?: { replay: boolean }) =>
      copy.streams.hostEvent(session.startUp, type, options?.replay ?? true),
    malformed$: copy.streams.malformedEvents(session.startUp),
    /** The card's lifecycle, replaying the current one (binds initialized and close). */
    lifecycle$: new Observable<CardLifecycle>((subscriber) => {
      copy.hub.bindHostEvent(session, 'initialized');
      copy.hub.bindHostEvent(session, 'closeButtonClick');
      let last = session.tracker.lifecycle;
      subscriber.next(last);
      return copy.hub.onCardChange(session, () => {
        const now = session.tracker.lifecycle;
        // Told of every card event: a Close click on a closed card changes nothing.
        if (now !== last || now === 'open') subscriber.next((last = now));
      });
    }),
    lifecycle: () => session.tracker.lifecycle,
    cards: () => session.tracker.number,
  };
}

describe('eventHub: lifecycle', () => {
  it('follows initialized and closeButtonClick, and replays the current state', () => {
    testScheduler().run((helpers) => {
      const { expectObservable, expectSubscriptions } = helpers;
      const p = recordingPlacement();
      const hub = eventHub(p);
      const script = playHost(helpers, p, '-i-c-i|', {
        i: host('initialized', VALID.initialized.raw),
        c: host('closeButtonClick', ''),
      });
      const states: Record<string, CardLifecycle> = { w: 'waiting', o: 'open', c: 'closed' };
      expectObservable(hub.lifecycle$).toBe('wo-c-o', states);
      expectObservable(hub.lifecycle$, '--^---').toBe('--oc-o', states);
      expectSubscriptions(script.subscriptions).toBe('^-----!');
    });
  });

  it('opens the card on an initialized it cannot read (the host raised it), and reports it first', () => {
    const p = recordingPlacement();
    const hub = eventHub(p);
    const order: string[] = [];
    hub.malformed$.subscribe((e) => order.push(`malformed ${e.event}`));
    hub.lifecycle$.subscribe((s) => order.push(`lifecycle ${s}`));
    expect(hub.cards()).toBe(0);
    p.emit(hostEventName('initialized'), { CALL_ID: 42, CALL_DIRECTION: 'sideways' });
    expect(hub.lifecycle()).toBe('open');
    expect(hub.cards()).toBe(1);
    expect(order).toEqual(['lifecycle waiting', 'malformed initialized', 'lifecycle open']);
    // Nothing to replay: the previous call must not stand in for this one.
    const replayed: unknown[] = [];
    hub
      .on('initialized')
      .subscribe((c) => replayed.push(c))
      .unsubscribe();
    expect(replayed).toEqual([]);
  });

  it('counts every card the host raises, readable or not', () => {
    const p = recordingPlacement();
    const hub = eventHub(p);
    hub.bind('initialized');
    p.emit(hostEventName('initialized'), VALID.initialized.raw);
    p.emit(hostEventName('initialized'), null);
    p.emit(hostEventName('initialized'), VALID.initialized.raw);
    expect(hub.cards()).toBe(3);
  });

  it("stops replaying the closed card's entity once the user closes the card", () => {
    const p = recordingPlacement();
    const hub = eventHub(p);
    hub.bind('entityChanged');
    hub.bind('closeButtonClick');
    p.emit(hostEventName('entityChanged'), VALID.entityChanged.raw);
    const before: unknown[] = [];
    hub
      .on('entityChanged')
      .subscribe((e) => before.push(e))
      .unsubscribe();
    p.emit(hostEventName('closeButtonClick'), '');
    const after: unknown[] = [];
    hub
      .on('entityChanged')
      .subscribe((e) => after.push(e))
      .unsubscribe();
    expect(before).toEqual([VALID.entityChanged.value]);
    expect(after).toEqual([]);
  });

  it('announces the lifecycle after the event reached its own subscribers', () => {
    const p = recordingPlacement();
    const hub = eventHub(p);
    const order: string[] = [];
    hub.lifecycle$.subscribe((s) => order.push(`lifecycle ${s}`));
    hub.on('initialized').subscribe(() => order.push('initialized'));
    hub.on('closeButtonClick').subscribe(() => order.push('close'));
    p.emit(hostEventName('initialized'), VALID.initialized.raw);
    p.emit(hostEventName('closeButtonClick'), '');
    expect(order).toEqual([
      'lifecycle waiting',
      'initialized',
      'lifecycle open',
      'close',
      'lifecycle closed',
    ]);
  });

  it('tells subscribers of initialized that the card is already open', () => {
    const p = recordingPlacement();
    const hub = eventHub(p);
    const seen: CardLifecycle[] = [];
    hub.on('initialized').subscribe(() => seen.push(hub.lifecycle()));
    p.emit(hostEventName('initialized'), VALID.initialized.raw);
    expect(seen).toEqual(['open']);
  });
});

describe('eventHub: binding', () => {
  it('does not replay when asked not to', () => {
    const p = recordingPlacement();
    const hub = eventHub(p);
    hub.bind('initialized');
    p.emit(hostEventName('initialized'), VALID.initialized.raw);
    const seen: unknown[] = [];
    hub.on('initialized', { replay: false }).subscribe((v) => seen.push(v));
    hub.on('initialized').subscribe((v) => seen.push(v));
    expect(seen).toEqual([VALID.initialized.value]);
  });

  it('errors the subscription when bindEvent throws, and binds on a later subscription', () => {
    const inner = recordingPlacement();
    let failures = 1;
    const flaky: PlacementPort = {
      call: inner.call,
      bindEvent: (name, handler) => {
        if (failures-- > 0) throw new Error('transport down');
        inner.bindEvent(name, handler);
      },
    };
    const hub = eventHub(flaky);
    const errors: unknown[] = [];
    const seen: unknown[] = [];
    hub
      .on('muteButtonClick')
      .subscribe({ next: (v) => seen.push(v), error: (e) => errors.push(e) });
    hub.on('muteButtonClick').subscribe((v) => seen.push(v));
    inner.emit(hostEventName('muteButtonClick'), true);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(CallCardUnavailableError);
    expect(errors[0]).toMatchObject({
      message:
        'BackgroundCallCard::muteButtonClick: the placement could not bind it (Error: transport down)',
      cause: new Error('transport down'),
    });
    expect(inner.bindCount(hostEventName('muteButtonClick'))).toBe(1);
    expect(seen).toEqual([true]);
  });

  it('delivers an event the host raises synchronously inside bindEvent, once', () => {
    const inner = recordingPlacement();
    const eager: PlacementPort = {
      call: inner.call,
      bindEvent: (name, handler) => {
        inner.bindEvent(name, handler);
        handler(name.endsWith('initialized') ? VALID.initialized.raw : true); // a recovered event
      },
    };
    const hub = eventHub(eager);
    const calls: unknown[] = [];
    const mutes: unknown[] = [];
    hub.on('initialized').subscribe((v) => calls.push(v));
    hub.on('muteButtonClick').subscribe((v) => mutes.push(v));
    expect(calls).toEqual([VALID.initialized.value]);
    expect(mutes).toEqual([true]);
  });
});

describe('eventHub: shared by every copy of the library', () => {
  it('keeps its registry under a Symbol.for key on globalThis', () => {
    const p = recordingPlacement();
    eventHub(p).bind('muteButtonClick');
    const key = Symbol.for('b24-call-card-rx/session@4');
    const registry = (globalThis as Record<symbol, unknown>)[key];
    expect(registry).toBeInstanceOf(WeakMap);
    expect((registry as WeakMap<object, unknown>).has(p)).toBe(true);
    expect(Object.getOwnPropertyDescriptor(globalThis, key)?.enumerable).toBe(false);
  });

  it('binds once across two copies of the module, and both copies receive every event', async () => {
    const other = await secondCopy();
    expect(other.streams.hostEvent).not.toBe(streamsModule.hostEvent);
    const p = recordingPlacement();
    const seen: string[] = [];
    eventHub(p)
      .on('muteButtonClick')
      .subscribe((m) => seen.push(`first ${m}`));
    eventHub(p, other)
      .on('muteButtonClick')
      .subscribe((m) => seen.push(`second ${m}`));
    p.emit(hostEventName('muteButtonClick'), true);
    expect(p.bindCount(hostEventName('muteButtonClick'))).toBe(1);
    expect(seen).toEqual(['first true', 'second true']);
  });

  it('replays, in the second copy, an initialized that the first copy received', async () => {
    const other = await secondCopy();
    const p = recordingPlacement();
    eventHub(p).bind('initialized');
    p.emit(hostEventName('initialized'), VALID.initialized.raw);
    const seen: unknown[] = [];
    eventHub(p, other)
      .on('initialized')
      .subscribe((c) => seen.push(c));
    expect(seen).toEqual([VALID.initialized.value]);
    expect(eventHub(p, other).lifecycle()).toBe('open');
  });

  it('keeps host order across both copies when a subscriber re-enters', async () => {
    const other = await secondCopy();
    const p = recordingPlacement();
    const log: string[] = [];
    eventHub(p)
      .on('muteButtonClick')
      .subscribe(() => {
        log.push('first mute');
        p.emit(hostEventName('holdButtonClick'), true);
      });
    eventHub(p, other)
      .on('muteButtonClick')
      .subscribe(() => log.push('second mute'));
    eventHub(p, other)
      .on('holdButtonClick')
      .subscribe(() => log.push('second hold'));
    p.emit(hostEventName('muteButtonClick'), true);
    expect(log).toEqual(['first mute', 'second mute', 'second hold']);
  });
});
