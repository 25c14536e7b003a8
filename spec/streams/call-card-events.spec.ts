import type { Subscription } from 'rxjs';
import { map } from 'rxjs';
import { CALL_CARD_EVENT_TYPES, hostEventName } from '../../src/model/events';
import type { CallCardEvent } from '../../src/model/events';
import { callCardEvents } from '../../src/streams/call-card-events';
import { fromCallCardEvent } from '../../src/streams/from-call-card-event';
import { recordingPlacement } from '../support/recording-placement';
import { collectUnhandledErrors, testScheduler } from '../support/fixtures';
import { settled } from '../support/later';
import { host, playHost } from './host-script';
import { CLICK_TYPES, FIELD_OF, VALID } from '../support/valid-payloads';

const MUTE = hostEventName('muteButtonClick');

describe('callCardEvents: binding', () => {
  it('returns the same object for the same placement, and one binding per event', () => {
    const placement = recordingPlacement();
    const first = callCardEvents(placement);
    const second = callCardEvents(placement);
    expect(second).toBe(first);
    first.mute$.subscribe();
    second.mute$.subscribe();
    callCardEvents(placement).on('muteButtonClick').subscribe();
    expect(placement.bindCount(MUTE)).toBe(1);
  });

  it('binds initialized and entityChanged at creation and nothing else until subscribed', () => {
    const placement = recordingPlacement();
    callCardEvents(placement);
    expect(placement.binds).toEqual([hostEventName('initialized'), hostEventName('entityChanged')]);
  });

  it('binds a host event once for 1,000 subscribers, and still once after all resubscribe', () => {
    const placement = recordingPlacement();
    const { mute$ } = callCardEvents(placement);
    const received: boolean[][] = [[], []];
    const round = (log: boolean[]): Subscription[] =>
      Array.from({ length: 1000 }, () => mute$.subscribe((muted) => log.push(muted)));

    const first = round(received[0]!);
    placement.emit(MUTE, true);
    for (const s of first) s.unsubscribe();
    placement.emit(MUTE, false); // nobody listens: muted, not unbound
    const second = round(received[1]!);
    placement.emit(MUTE, true);

    expect(placement.bindCount(MUTE)).toBe(1);
    expect(received[0]).toEqual(Array.from({ length: 1000 }, () => true));
    expect(received[1]).toEqual(Array.from({ length: 1000 }, () => true));
    for (const s of second) s.unsubscribe();
  });

  it('binds each of the 17 host events exactly once for all$, however often it is used', () => {
    const placement = recordingPlacement();
    const events = callCardEvents(placement);
    const subs = [events.all$.subscribe(), events.all$.subscribe(), events.mute$.subscribe()];
    for (const s of subs) s.unsubscribe();
    events.all$.subscribe();
    callCardEvents(placement).all$.subscribe();

    expect(placement.binds).toHaveLength(17);
    for (const type of CALL_CARD_EVENT_TYPES)
      expect(placement.bindCount(hostEventName(type))).toBe(1);
  });

  it('shares its bindings with fromCallCardEvent for the same placement', () => {
    const placement = recordingPlacement();
    const seen: boolean[] = [];
    fromCallCardEvent(placement, 'muteButtonClick').subscribe((m) => seen.push(m));
    callCardEvents(placement).mute$.subscribe((m) => seen.push(m));
    placement.emit(MUTE, true);
    expect(placement.bindCount(MUTE)).toBe(1);
    expect(seen).toEqual([true, true]);
  });

  it('gives every event type its own field, the same Observable as on(type)', () => {
    const events = callCardEvents(recordingPlacement());
    for (const type of CALL_CARD_EVENT_TYPES) expect(events.on(type)).toBe(events[FIELD_OF[type]]);
  });

  it('hands out a frozen object, so one part of the app cannot swap a stream for the others', () => {
    const events = callCardEvents(recordingPlacement());
    expect(Object.isFrozen(events)).toBe(true);
  });
});

describe('callCardEvents: hot streams and replay', () => {
  const call1 = VALID.initialized;
  const call2 = {
    raw: { ...(VALID.initialized.raw as object), CALL_ID: 'externalCall.43' },
    value: { ...VALID.initialized.value, CALL_ID: 'externalCall.43' },
  };

  it('replays the latest initialized to late subscribers, and delivers later ones live', () => {
    testScheduler().run((helpers) => {
      const { expectObservable, expectSubscriptions } = helpers;
      const p = recordingPlacement();
      const events = callCardEvents(p);
      const script = playHost(helpers, p, '-a---b|', {
        a: host('initialized', call1.raw),
        b: host('initialized', call2.raw),
      });
      expectObservable(events.initialized$, '^-----').toBe('-a---b', {
        a: call1.value,
        b: call2.value,
      });
      expectObservable(events.initialized$, '---^--').toBe('---a-b', {
        a: call1.value,
        b: call2.value,
      });
      expectObservable(events.initialized$, '-------^').toBe('-------b', { b: call2.value });
      expectSubscriptions(script.subscriptions).toBe('^-----!');
    });
  });

  it('replays entityChanged that came before initialized, each to its own late subscribers', () => {
    testScheduler().run((helpers) => {
      const { expectObservable, expectSubscriptions } = helpers;
      const p = recordingPlacement();
      const events = callCardEvents(p);
      const script = playHost(helpers, p, '-e-i|', {
        e: host('entityChanged', VALID.entityChanged.raw),
        i: host('initialized', call1.raw),
      });
      expectObservable(events.entityChanged$, '---^').toBe('---e', {
        e: VALID.entityChanged.value,
      });
      expectObservable(events.initialized$, '-----^').toBe('-----i', { i: call1.value });
      expectSubscriptions(script.subscriptions).toBe('^---!');
    });
  });

  it('keeps the replayed value after every subscriber left', () => {
    testScheduler().run((helpers) => {
      const { expectObservable, expectSubscriptions } = helpers;
      const p = recordingPlacement();
      const events = callCardEvents(p);
      const script = playHost(helpers, p, '-a|', { a: host('initialized', call1.raw) });
      expectObservable(events.initialized$, '^--!').toBe('-a', { a: call1.value });
      expectObservable(events.initialized$, '-----^').toBe('-----a', { a: call1.value });
      expectSubscriptions(script.subscriptions).toBe('^-!');
    });
  });

  it('catches an initialized that arrived before anyone subscribed (bound at creation)', () => {
    const p = recordingPlacement();
    const events = callCardEvents(p);
    p.emit(hostEventName('initialized'), call1.raw);
    const seen: unknown[] = [];
    events.initialized$.subscribe((call) => seen.push(call));
    expect(seen).toEqual([call1.value]);
  });

  it.each(CLICK_TYPES)('does not replay %s to late subscribers', (type) => {
    testScheduler().run((helpers) => {
      const { expectObservable, expectSubscriptions } = helpers;
      const p = recordingPlacement();
      const stream$ = callCardEvents(p).on(type);
      const script = playHost(helpers, p, '-a---a|', { a: host(type, VALID[type].raw) });
      const v = { a: VALID[type].value };
      expectObservable(stream$, '^-!').toBe('-a', v);
      expectObservable(stream$, '--^---').toBe('-----a', v);
      expectObservable(stream$, '------^').toBe('', v);
      expectSubscriptions(script.subscriptions).toBe('^-----!');
    });
  });

  it('does not replay on all$: late subscribers see only later events, initialized$ replays', () => {
    testScheduler().run((helpers) => {
      const { expectObservable, expectSubscriptions } = helpers;
      const p = recordingPlacement();
      const events = callCardEvents(p);
      const script = playHost(helpers, p, '-i-m--|', {
        i: host('initialized', call1.raw),
        m: host('muteButtonClick', true),
      });
      const all = {
        i: { type: 'initialized', payload: call1.value },
        m: { type: 'muteButtonClick', payload: true },
      };
      expectObservable(events.all$, '^------').toBe('-i-m---', all);
      expectObservable(events.all$, '--^----').toBe('---m---', all);
      expectObservable(events.all$, '----^--').toBe('-------', all);
      expectObservable(events.initialized$, '----^--').toBe('----i--', { i: call1.value });
      expectSubscriptions(script.subscriptions).toBe('^-----!');
    });
  });

  it('stops delivering to a subscriber that unsubscribed while others keep receiving', () => {
    testScheduler().run((helpers) => {
      const { expectObservable, expectSubscriptions } = helpers;
      const p = recordingPlacement();
      const { dialpad$ } = callCardEvents(p);
      const script = playHost(helpers, p, '-a-b-c|', {
        a: host('dialpadButtonClick', '1'),
        b: host('dialpadButtonClick', '2'),
        c: host('dialpadButtonClick', '3'),
      });
      expectObservable(dialpad$, '^-!').toBe('-a', { a: '1' });
      expectObservable(dialpad$).toBe('-a-b-c', { a: '1', b: '2', c: '3' });
      expectSubscriptions(script.subscriptions).toBe('^-----!');
    });
  });
});

describe('callCardEvents: ordering', () => {
  it('delivers synchronously within the host callback', () => {
    const p = recordingPlacement();
    const events = callCardEvents(p);
    const seen: string[] = [];
    events.mute$.subscribe((m) => seen.push(`mute ${m}`));
    events.all$.subscribe((e) => seen.push(`all ${e.type}`));
    p.emit(MUTE, true);
    expect(seen).toEqual(['mute true', 'all muteButtonClick']);
  });

  it('keeps host order for every subscriber when a subscriber raises a host event re-entrantly', () => {
    testScheduler().run((helpers) => {
      const { expectObservable, expectSubscriptions } = helpers;
      const p = recordingPlacement();
      const events = callCardEvents(p);
      const log: string[] = [];
      // First subscriber: muting makes the host raise hold, then hold raises a dialpad key,
      // both synchronously inside the host callbacks.
      events.mute$.subscribe((muted) => {
        log.push(`A mute ${muted}`);
        p.emit(hostEventName('holdButtonClick'), true);
      });
      events.hold$.subscribe((held) => {
        log.push(`A hold ${held}`);
        p.emit(hostEventName('dialpadButtonClick'), '5');
      });
      events.all$.subscribe((e) => log.push(`B ${e.type}`));
      events.mute$.subscribe((muted) => log.push(`C mute ${muted}`));
      events.hold$.subscribe((held) => log.push(`C hold ${held}`));

      const script = playHost(helpers, p, '-m|', { m: host('muteButtonClick', true) });
      expectObservable(events.all$).toBe('-(mhd)', {
        m: { type: 'muteButtonClick', payload: true },
        h: { type: 'holdButtonClick', payload: true },
        d: { type: 'dialpadButtonClick', payload: '5' },
      });
      expectSubscriptions(script.subscriptions).toBe('^-!');
      helpers.flush();
      expect(log).toEqual([
        'A mute true',
        'B muteButtonClick',
        'C mute true',
        'A hold true',
        'B holdButtonClick',
        'C hold true',
        'B dialpadButtonClick',
      ]);
    });
  });

  it('lets a subscriber subscribe re-entrantly and see only later events, once each', () => {
    const p = recordingPlacement();
    const events = callCardEvents(p);
    const seen: string[] = [];
    events.initialized$.subscribe(() => {
      events.initialized$.subscribe((c) => seen.push(`late ${c.CALL_ID}`));
    });
    p.emit(hostEventName('initialized'), VALID.initialized.raw);
    expect(seen).toEqual(['late externalCall.42']);
  });
});

describe('callCardEvents: error isolation', () => {
  const reported = collectUnhandledErrors();

  it('keeps delivering to healthy subscribers and later events when one subscriber throws', () => {
    testScheduler().run((helpers) => {
      const { expectObservable, expectSubscriptions } = helpers;
      const p = recordingPlacement();
      const events = callCardEvents(p);
      const boom = new Error('subscriber bug');
      events.mute$.subscribe(() => {
        throw boom;
      });
      events.all$.subscribe(() => {
        throw boom;
      });
      const script = playHost(helpers, p, '-a-b|', {
        a: host('muteButtonClick', true),
        b: host('muteButtonClick', false),
      });
      expectObservable(events.mute$).toBe('-a-b', { a: true, b: false });
      expectObservable(events.all$).toBe('-a-b', {
        a: { type: 'muteButtonClick', payload: true },
        b: { type: 'muteButtonClick', payload: false },
      });
      expectSubscriptions(script.subscriptions).toBe('^---!');
      helpers.flush();
      // Both throwing subscribers stay subscribed and are reported for each event.
      expect(reported).toEqual([boom, boom, boom, boom]);
    });
  });

  it('never throws a subscriber error back into the host callback, and reports it later', async () => {
    const p = recordingPlacement();
    const boom = new Error('subscriber bug');
    callCardEvents(p).close$.subscribe(() => {
      throw boom;
    });
    expect(() => p.emit(hostEventName('closeButtonClick'), '')).not.toThrow();
    expect(reported).toEqual([]);
    await settled();
    expect(reported).toEqual([boom]);
  });

  it('ends only the failing chain when an operator in one subscriber chain throws', () => {
    const p = recordingPlacement();
    const events = callCardEvents(p);
    const chainErrors: unknown[] = [];
    const seen: CallCardEvent[] = [];
    events.all$
      .pipe(
        map(() => {
          throw new Error('chain bug');
        }),
      )
      .subscribe({ error: (e: unknown) => chainErrors.push(e) });
    events.all$.subscribe((e) => seen.push(e));
    p.emit(MUTE, true);
    p.emit(MUTE, false);
    expect(chainErrors).toEqual([new Error('chain bug')]);
    expect(seen.map((e) => e.payload)).toEqual([true, false]);
    expect(reported).toEqual([]);
  });
});
