import { asyncScheduler, map } from 'rxjs';
import { UI_STATES } from '../../src/model/ui-states';
import { CallCardInputError } from '../../src/model/errors';
import type { CallCardEvent } from '../../src/model/events';
import { createTestPlacement } from '../../src/testing/create-test-placement';
import type { RawHostEvent } from '../../src/testing/create-test-placement';
import { hostError, listenAll, send } from './host-probe';
import { testScheduler } from '../support/fixtures';

describe('test placement: reply policies', () => {
  it("'ack' replies [] once, and the 12 states for CallCardGetListUiStates", () => {
    const placement = createTestPlacement({ policy: 'ack' });
    expect(send(placement, 'CallCardSetCardTitle', { title: 'A' })).toEqual([[]]);
    expect(send(placement, 'CallCardStartTimer')).toEqual([[]]);
    expect(send(placement, 'CallCardGetListUiStates')).toEqual([[...UI_STATES]]);
  });

  it('{error} replies the host error array in the success channel', () => {
    const placement = createTestPlacement({
      policies: { CallCardSetUiState: { error: 'Invalid ui state' } },
    });
    const failures: unknown[] = [];
    const replies: unknown[] = [];
    placement.call(
      'CallCardSetUiState',
      { uiState: 'x' },
      (r) => replies.push(r),
      (e) => failures.push(e),
    );
    expect(replies).toEqual([hostError('Invalid ui state')]);
    expect(failures).toEqual([]);
  });

  it("'silent' never replies", () => {
    testScheduler().run(({ flush }) => {
      const placement = createTestPlacement({ policy: 'silent' });
      const replies = send(placement, 'CallCardSetMute', { muted: true });
      flush();
      expect(replies).toEqual([]);
      expect(placement.calls[0]?.answers).toEqual([]);
    });
  });

  it('{delayMs, then} answers on the scheduler after the delay, then by the inner policy', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const placement = createTestPlacement({
        policies: {
          CallCardSetCardTitle: { delayMs: 300 },
          CallCardSetStatusText: { delayMs: 100, then: { delayMs: 100, then: { error: 'e' } } },
        },
      });
      const replies: unknown[] = [];
      const steps$ = cold<() => void>('a 249ms b 149ms (c|)', {
        a: () => {
          placement.call('CallCardSetCardTitle', { title: 'A' }, (r) => replies.push(['t', r]));
          placement.call('CallCardSetStatusText', { statusText: 'S' }, (r) =>
            replies.push(['s', r]),
          );
        },
        b: () => undefined,
        c: () => undefined,
      });
      const seen$ = steps$.pipe(
        map((step) => {
          step();
          return [...replies];
        }),
      );
      expectObservable(seen$).toBe('a 249ms b 149ms (c|)', {
        a: [],
        b: [['s', hostError('e')]],
        c: [
          ['s', hostError('e')],
          ['t', []],
        ],
      });
      expectSubscriptions(steps$.subscriptions).toBe('^ 399ms !');
    });
  });

  it("'twice' replies two times, like the desktop client", () => {
    const placement = createTestPlacement({ policies: { CallCardSetHold: 'twice' } });
    expect(send(placement, 'CallCardSetHold', {})).toEqual([[], []]);
    expect(placement.calls[0]?.answers.map((a) => a.kind)).toEqual(['reply', 'reply']);
  });

  it('{reply} replies the raw value as given, e.g. a bare object', () => {
    const bare = { result: 'ok' };
    const placement = createTestPlacement({ policies: { CallCardSetMute: { reply: bare } } });
    const replies = send(placement, 'CallCardSetMute', { muted: true });
    expect(replies).toEqual([bare]);
    expect(replies[0]).toBe(bare);
  });

  it('{transportError} fails the call through onError', () => {
    const boom = new Error('rejected');
    const placement = createTestPlacement({ policy: { transportError: boom } });
    const failures: unknown[] = [];
    placement.call(
      'CallCardClose',
      {},
      () => failures.push('reply'),
      (e) => failures.push(e),
    );
    expect(failures).toEqual([boom]);
    expect(placement.calls[0]?.answers).toEqual([
      { kind: 'transportError', time: expect.any(Number), error: boom },
    ]);
  });

  it('defaults to the browser host: ack, but silence for the timer commands and unknown ones', () => {
    const placement = createTestPlacement();
    expect(send(placement, 'CallCardSetStatusText', { statusText: 'x' })).toEqual([[]]);
    expect(send(placement, 'CallCardClose')).toEqual([[]]);
    expect(send(placement, 'CallCardGetListUiStates')).toEqual([[...UI_STATES]]);
    expect(send(placement, 'CallCardStartTimer')).toEqual([]);
    expect(send(placement, 'CallCardStopTimer')).toEqual([]);
    expect(send(placement, 'CallCardDance')).toEqual([]);
    expect(placement.calls.map((c) => c.policy)).toEqual([
      'ack',
      'ack',
      'ack',
      'silent',
      'silent',
      'silent',
    ]);
  });

  it('takes a policy for a command name the library does not know', () => {
    const placement = createTestPlacement({ policies: { CallCardDance: { reply: 'ok' } } });
    expect(send(placement, 'CallCardDance')).toEqual(['ok']);
  });

  it('lets a per-command policy win over the default one', () => {
    const placement = createTestPlacement({
      policy: { error: 'down' },
      policies: { CallCardSetMute: 'ack' },
    });
    expect(send(placement, 'CallCardSetMute', { muted: true })).toEqual([[]]);
    expect(send(placement, 'CallCardSetHold', { held: true })).toEqual([hostError('down')]);
    expect(send(placement, 'CallCardStartTimer')).toEqual([hostError('down')]);
  });

  it('changes policies at runtime; a call keeps the policy it arrived under', () => {
    testScheduler().run(({ flush }) => {
      const placement = createTestPlacement({ policies: { CallCardSetMute: { delayMs: 10 } } });
      const first = send(placement, 'CallCardSetMute', { muted: true });
      placement.setPolicy('CallCardSetMute', { error: 'busy' });
      const second = send(placement, 'CallCardSetMute', { muted: true });
      placement.setDefaultPolicy('silent');
      const third = send(placement, 'CallCardSetHold', { held: true });
      flush();
      expect([first, second, third]).toEqual([[[]], [hostError('busy')], []]);
    });
  });

  it('refuses a malformed policy where it is set, naming it', () => {
    expect(() => createTestPlacement({ policy: 'ok' as never })).toThrow(CallCardInputError);
    expect(() => createTestPlacement({ policy: 'ok' as never })).toThrow(
      /^createTestPlacement: options.policy was "ok"; expected a reply policy: 'ack', 'silent'/,
    );
    expect(() => createTestPlacement({ policies: { CallCardSetMute: { delayMs: -5 } } })).toThrow(
      'createTestPlacement: options.policies.CallCardSetMute.delayMs was -5; expected a finite number >= 0',
    );
    expect(() =>
      createTestPlacement({ policies: { CallCardSetMute: { delayMs: 5, then: 'nope' as never } } }),
    ).toThrow(/options.policies.CallCardSetMute.then was "nope"/);
    const placement = createTestPlacement();
    expect(() => placement.setPolicy('CallCardSetHold', { error: 42 } as never)).toThrow(
      'setPolicy: CallCardSetHold.error was 42; expected an error code string',
    );
    expect(() => createTestPlacement({ noDataAs: 'none' as never })).toThrow(CallCardInputError);
  });

  it('lets a test answer or fail a silent call by hand', () => {
    const placement = createTestPlacement({ policy: 'silent' });
    const log: unknown[] = [];
    placement.call(
      'CallCardSetCardTitle',
      { title: 'A' },
      (r) => log.push(r),
      (e) => log.push(e),
    );
    const [call] = placement.calls;
    call!.reply([]);
    call!.fail('gone');
    expect(log).toEqual([[], 'gone']);
    expect(call!.answers.map((a) => a.kind)).toEqual(['reply', 'transportError']);
  });
});

describe('test placement: recording', () => {
  it('records calls with command, params copy, scheduler time, policy and answers', () => {
    testScheduler().run(({ cold, expectSubscriptions, flush }) => {
      const placement = createTestPlacement();
      const params = { title: 'A' };
      const steps$ = cold('a 9ms (b|)', {
        a: () => send(placement, 'CallCardSetCardTitle', params),
        b: () => send(placement, 'CallCardStartTimer'),
      });
      steps$.subscribe((step) => step());
      flush();
      expectSubscriptions(steps$.subscriptions).toBe('^ 9ms !');
      params.title = 'changed later';
      expect(placement.calls).toEqual([
        expect.objectContaining({
          command: 'CallCardSetCardTitle',
          params: { title: 'A' },
          time: 0,
          policy: 'ack',
          answers: [{ kind: 'reply', time: 0, value: [] }],
        }),
        expect.objectContaining({ command: 'CallCardStartTimer', time: 10, answers: [] }),
      ]);
      expect(placement.callsOf('CallCardStartTimer')).toHaveLength(1);
      expect(placement.callsOf('CallCardClose')).toEqual([]);
    });
  });

  it('records bindings with host name and time, and counts them by type or host name', () => {
    testScheduler().run(({ cold, expectSubscriptions, flush }) => {
      const placement = createTestPlacement();
      const bind$ = cold('a 4ms (b|)', {
        a: 'BackgroundCallCard::hangupButtonClick',
        b: 'BackgroundCallCard::hangupButtonClick',
      });
      bind$.subscribe((name) => placement.bindEvent(name, () => undefined));
      flush();
      expectSubscriptions(bind$.subscriptions).toBe('^ 4ms !');
      expect(placement.bindings).toEqual([
        { hostEventName: 'BackgroundCallCard::hangupButtonClick', time: 0 },
        { hostEventName: 'BackgroundCallCard::hangupButtonClick', time: 5 },
      ]);
      expect(placement.bindCount('hangupButtonClick')).toBe(2);
      expect(placement.bindCount('BackgroundCallCard::hangupButtonClick')).toBe(2);
      expect(placement.bindCount('muteButtonClick')).toBe(0);
    });
  });

  it('records calls before answering, so re-entrant commands stay in order', () => {
    const placement = createTestPlacement();
    placement.call('CallCardSetUiState', { uiState: 'connected' }, () =>
      send(placement, 'CallCardSetStatusText', { statusText: 'Talking' }),
    );
    expect(placement.calls.map((c) => c.command)).toEqual([
      'CallCardSetUiState',
      'CallCardSetStatusText',
    ]);
  });
});

describe('test placement: emitting events', () => {
  it('emits a typed event to each binding of its name: a double binding gets it twice', () => {
    const placement = createTestPlacement();
    const seen: unknown[] = [];
    placement.bindEvent('BackgroundCallCard::muteButtonClick', (raw) => seen.push(['1', raw]));
    placement.bindEvent('BackgroundCallCard::muteButtonClick', (raw) => seen.push(['2', raw]));
    placement.emit('muteButtonClick', true);
    expect(seen).toEqual([
      ['1', true],
      ['2', true],
    ]);
    expect(placement.emitted).toEqual([
      {
        hostEventName: 'BackgroundCallCard::muteButtonClick',
        raw: true,
        time: expect.any(Number),
        delivered: 2,
        lost: 0,
      },
    ]);
  });

  it("sends no-data events as '' by default and as [] with noDataAs '[]'", () => {
    const sdk = createTestPlacement();
    const bx24 = createTestPlacement({ noDataAs: '[]' });
    const heardSdk = listenAll(sdk);
    const heardBx24 = listenAll(bx24);
    sdk.emit('answerButtonClick');
    bx24.emit('answerButtonClick', undefined);
    expect(heardSdk).toEqual([{ type: 'answerButtonClick', raw: '' }]);
    expect(heardBx24).toEqual([{ type: 'answerButtonClick', raw: [] }]);
  });

  it('records an event nobody bound as dropped, delivering nothing', () => {
    const placement = createTestPlacement();
    const heard: unknown[] = [];
    placement.bindEvent('BackgroundCallCard::hangupButtonClick', (raw) => heard.push(raw));
    placement.emit('skipButtonClick');
    placement.emit('hangupButtonClick');
    expect(heard).toEqual(['']);
    expect(placement.dropped).toEqual([
      expect.objectContaining({
        hostEventName: 'BackgroundCallCard::skipButtonClick',
        delivered: 0,
      }),
    ]);
  });

  it('emits any raw value under any name with emitRaw', () => {
    const placement = createTestPlacement();
    const heard: unknown[] = [];
    placement.bindEvent('BackgroundCallCard::muteButtonClick', (raw) => heard.push(raw));
    placement.bindEvent('Custom::thing', (raw) => heard.push(raw));
    placement.emitRaw('BackgroundCallCard::muteButtonClick', 'yes');
    placement.emitRaw('Custom::thing', { any: 1 });
    placement.emitRaw('BackgroundCallCard::muteButtonClick');
    expect(heard).toEqual(['yes', { any: 1 }, undefined]);
  });

  it('refuses an unknown type in emit, pointing at emitRaw', () => {
    const placement = createTestPlacement();
    expect(() => (placement.emit as (type: string) => void)('hangup')).toThrow(
      /^emit: type was "hangup"; expected one of the 17 call-card event types.*emitRaw/,
    );
  });

  it('emits from marbles with emitFrom, until unsubscribed', () => {
    testScheduler().run(({ hot, expectSubscriptions, flush }) => {
      const placement = createTestPlacement();
      const heard = listenAll(placement);
      const values: Record<string, CallCardEvent | RawHostEvent> = {
        a: { type: 'answerButtonClick', payload: undefined },
        m: { type: 'muteButtonClick', payload: true },
        g: { hostEventName: 'BackgroundCallCard::dialpadButtonClick', raw: 7 },
        x: { type: 'hangupButtonClick', payload: undefined },
      };
      const source = hot('--a--m--g--x', values);
      const subscription = placement.emitFrom(source);
      // Unsubscribed at frame 9, before `x` at 11.
      asyncScheduler.schedule(() => subscription.unsubscribe(), 9);
      flush();
      expectSubscriptions(source.subscriptions).toBe('^--------!');
      expect(heard).toEqual([
        { type: 'answerButtonClick', raw: '' },
        { type: 'muteButtonClick', raw: true },
        { type: 'dialpadButtonClick', raw: 7 },
      ]);
      expect(placement.emitted.map((e) => e.time)).toEqual([2, 5, 8]);
    });
  });

  it('lists a re-entrant emit after the event whose handler raised it', () => {
    const placement = createTestPlacement();
    placement.bindEvent('BackgroundCallCard::answerButtonClick', () =>
      placement.emit('hangupButtonClick'),
    );
    placement.emit('answerButtonClick');
    expect(placement.emitted.map((e) => e.hostEventName)).toEqual([
      'BackgroundCallCard::answerButtonClick',
      'BackgroundCallCard::hangupButtonClick',
    ]);
  });
});

describe('test placement: the SDK lost first event (sdkLostFirstEvent)', () => {
  it('swallows the first event within 900 ms of a binding into lostEvents; later ones arrive', () => {
    testScheduler().run(({ cold, expectSubscriptions, flush }) => {
      const placement = createTestPlacement({ sdkLostFirstEvent: true });
      const heard = listenAll(placement);
      const steps$ = cold('a 99ms b 99ms (c|)', {
        a: () => placement.emit('muteButtonClick', true),
        b: () => placement.emit('muteButtonClick', false),
        c: () => placement.emit('answerButtonClick'),
      });
      steps$.subscribe((step) => step());
      flush();
      expectSubscriptions(steps$.subscriptions).toBe('^ 199ms !');
      expect(heard).toEqual([{ type: 'muteButtonClick', raw: false }]);
      expect(placement.lostEvents).toEqual([
        {
          hostEventName: 'BackgroundCallCard::muteButtonClick',
          raw: true,
          time: 0,
          binding: { hostEventName: 'BackgroundCallCard::muteButtonClick', time: 0 },
        },
        {
          hostEventName: 'BackgroundCallCard::answerButtonClick',
          raw: '',
          time: 200,
          binding: { hostEventName: 'BackgroundCallCard::answerButtonClick', time: 0 },
        },
      ]);
      expect(placement.emitted.map((e) => [e.delivered, e.lost])).toEqual([
        [0, 1],
        [1, 0],
        [0, 1],
      ]);
      expect(placement.dropped).toEqual([]);
    });
  });

  it('delivers the first event once the 900 ms window has passed', () => {
    testScheduler().run(({ cold, expectSubscriptions, flush }) => {
      const placement = createTestPlacement({ sdkLostFirstEvent: true });
      const heard = listenAll(placement);
      const steps$ = cold('900ms (a|)', { a: () => placement.emit('muteButtonClick', true) });
      steps$.subscribe((step) => step());
      flush();
      expectSubscriptions(steps$.subscriptions).toBe('^ 899ms !');
      expect(heard).toEqual([{ type: 'muteButtonClick', raw: true }]);
      expect(placement.lostEvents).toEqual([]);
    });
  });

  it('loses per binding: a second binding still in its window loses its own first event', () => {
    testScheduler().run(({ cold, expectSubscriptions, flush }) => {
      const placement = createTestPlacement({ sdkLostFirstEvent: true });
      const heard: string[] = [];
      const steps$ = cold('a 999ms b 99ms (c|)', {
        a: () =>
          placement.bindEvent('BackgroundCallCard::hangupButtonClick', () => heard.push('old')),
        b: () =>
          placement.bindEvent('BackgroundCallCard::hangupButtonClick', () => heard.push('new')),
        c: () => placement.emit('hangupButtonClick'),
      });
      steps$.subscribe((step) => step());
      flush();
      expectSubscriptions(steps$.subscriptions).toBe('^ 1099ms !');
      expect(heard).toEqual(['old']);
      expect(placement.lostEvents.map((l) => l.binding.time)).toEqual([1000]);
    });
  });

  it('loses nothing without the option', () => {
    const placement = createTestPlacement();
    const heard = listenAll(placement);
    placement.emit('muteButtonClick', true);
    expect(heard).toHaveLength(1);
    expect(placement.lostEvents).toEqual([]);
  });
});

describe('test placement: types', () => {
  it('types emit by CallCardEventMap', () => {
    const placement = createTestPlacement();
    // @ts-expect-error: the mute flag is a boolean
    expect(() => placement.emit('muteButtonClick', 'x')).not.toThrow();
    // @ts-expect-error: the mute flag is required
    placement.emit('muteButtonClick');
    // @ts-expect-error: a no-data event takes no payload
    placement.emit('answerButtonClick', 'x');
    // @ts-expect-error: not an event type
    expect(() => placement.emit('muteButton', true)).toThrow(CallCardInputError);
    // @ts-expect-error: CALL_ID and the rest are required
    placement.emit('initialized', { PHONE_NUMBER: '+1' });
    placement.emit('dialpadButtonClick', '#');
    // @ts-expect-error: not a dialpad key
    placement.emit('dialpadButtonClick', 'A');
    placement.emit('transferButtonClick', { phoneNumber: '', target: 3 });
    placement.emit('answerButtonClick');
    // @ts-expect-error: a policy is one of the documented shapes
    expect(() => placement.setPolicy('CallCardSetMute', 'ok')).toThrow(CallCardInputError);
  });
});
