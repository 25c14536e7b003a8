import { CallCardError, CallCardUnavailableError } from '../../src/model/errors';
import { fromBX24, type Bx24Like } from '../../src/placement/from-bx24';
import type { PlacementPort } from '../../src/placement/placement-port';
import { fromCallCardEvent } from '../../src/streams/from-call-card-event';

type Callback = (...args: unknown[]) => void;

interface ReceivedCall {
  readonly command: string;
  readonly params: Record<string, unknown>;
  readonly callback: Callback;
}

/**
 * A hand-written classic `BX24`, behaving as docs/host-behaviour.md, section 5 describes: callback-style
 * `placement.call` / `placement.bindEvent`, `[]` when the host sent nothing, bindings that stack.
 * `answer` decides what `call` does (default: answers `[]` synchronously).
 */
function fakeBx24(answer: (call: ReceivedCall) => void = (call) => call.callback([])): Bx24Like & {
  readonly calls: ReceivedCall[];
  emit(hostEventName: string, ...args: unknown[]): void;
} {
  const bindings = new Map<string, Callback[]>();
  const calls: ReceivedCall[] = [];
  return {
    calls,
    placement: {
      call(command: string, params: Record<string, unknown>, callback: Callback) {
        const call = { command, params, callback };
        calls.push(call);
        answer(call);
      },
      bindEvent(name: string, callback: Callback) {
        bindings.set(name, [...(bindings.get(name) ?? []), callback]);
      },
    },
    emit(name, ...args) {
      for (const callback of bindings.get(name) ?? []) callback(...args);
    },
  };
}

function recordReplies(port: PlacementPort, command = 'CallCardSetCardTitle') {
  const replies: unknown[] = [];
  const errors: unknown[] = [];
  port.call(
    command,
    { title: 'A' },
    (reply) => replies.push(reply),
    (error) => errors.push(error),
  );
  return { replies, errors };
}

describe('fromBX24', () => {
  describe('when there is no usable BX24', () => {
    afterEach(() => {
      delete (globalThis as { BX24?: unknown }).BX24;
    });

    it('throws CallCardUnavailableError naming the missing BX24.placement and the fix', () => {
      expect(() => fromBX24()).toThrow(CallCardUnavailableError);
      expect(() => fromBX24()).toThrow(
        /^fromBX24: no BX24\.placement \(BX24 is undefined\): the app is not running inside a Bitrix24 portal frame, or the portal's BX24 script .* is not loaded/,
      );
    });

    it('throws for null, for a BX24 without placement, and for a placement without call/bindEvent', () => {
      expect(() => fromBX24(null)).toThrow(/no BX24\.placement \(BX24 is null\)/);
      expect(() => fromBX24({} as Bx24Like)).toThrow(/BX24 has no placement object/);
      expect(() =>
        fromBX24({ placement: { call: () => undefined } } as unknown as Bx24Like),
      ).toThrow(/BX24\.placement has no call and bindEvent functions/);
      expect(() => fromBX24('BX24' as unknown as Bx24Like)).toThrow(/BX24 is a string/);
    });

    it('throws an error that is a CallCardError with a name', () => {
      let caught: unknown;
      try {
        fromBX24(null);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(CallCardError);
      expect(caught).toBeInstanceOf(Error);
      expect((caught as Error).name).toBe('CallCardUnavailableError');
      expect((caught as CallCardUnavailableError).subject).toBe('fromBX24');
    });

    it('reads globalThis.BX24 when called without an argument', () => {
      const bx24 = fakeBx24();
      (globalThis as { BX24?: unknown }).BX24 = bx24;
      const { replies } = recordReplies(fromBX24());
      expect(bx24.calls.map((c) => c.command)).toEqual(['CallCardSetCardTitle']);
      expect(replies).toEqual([[]]);
    });
  });

  describe('commands', () => {
    it('passes the `[]` acknowledgement to onReply as `[]`, not as "no data"', () => {
      const { replies, errors } = recordReplies(fromBX24(fakeBx24()));
      expect(replies).toEqual([[]]);
      expect(errors).toEqual([]);
    });

    it('passes a host error array to onReply unchanged', () => {
      const errorReply = [{ result: 'error', errorCode: 'Call card is undefined' }];
      const { replies, errors } = recordReplies(fromBX24(fakeBx24((c) => c.callback(errorReply))));
      expect(replies).toEqual([errorReply]);
      expect(replies[0]).toBe(errorReply);
      expect(errors).toEqual([]);
    });

    it('passes both replies of a desktop client that answers twice', () => {
      const { replies } = recordReplies(
        fromBX24(
          fakeBx24((c) => {
            c.callback([]);
            c.callback([{ result: 'error', errorCode: 'held is required' }]);
          }),
        ),
        'CallCardSetHold',
      );
      expect(replies).toEqual([[], [{ result: 'error', errorCode: 'held is required' }]]);
    });

    it('passes a bare object reply as it came', () => {
      const { replies } = recordReplies(fromBX24(fakeBx24((c) => c.callback({ result: 'ok' }))));
      expect(replies).toEqual([{ result: 'ok' }]);
    });

    it('passes only the first callback argument', () => {
      const { replies } = recordReplies(fromBX24(fakeBx24((c) => c.callback([], 'extra'))));
      expect(replies).toEqual([[]]);
    });

    it('delivers a reply that comes later, and never calls onReply for a command the host ignores', () => {
      const bx24 = fakeBx24(() => undefined);
      const port = fromBX24(bx24);
      const title = recordReplies(port, 'CallCardSetCardTitle');
      const timer = recordReplies(port, 'CallCardStartTimer');
      expect(title.replies).toEqual([]);
      bx24.calls[0]?.callback([]);
      expect(title.replies).toEqual([[]]);
      expect(timer.replies).toEqual([]);
      expect(timer.errors).toEqual([]);
    });

    it('sends a copy of the params, so frozen params are safe and BX24 cannot change ours', () => {
      const bx24 = fakeBx24((c) => {
        c.params['isRawValue'] = false;
        c.callback([]);
      });
      const params = Object.freeze({ title: 'A' });
      const replies: unknown[] = [];
      fromBX24(bx24).call('CallCardSetCardTitle', params, (r) => replies.push(r));
      expect(replies).toEqual([[]]);
      expect(bx24.calls[0]?.params).toEqual({ title: 'A', isRawValue: false });
      expect(params).toEqual({ title: 'A' });
    });

    it('routes a synchronous throw of BX24.placement.call to onError, never out of call', () => {
      const failure = new Error('BX24 is not initialised');
      const port = fromBX24(
        fakeBx24(() => {
          throw failure;
        }),
      );
      let result: { replies: unknown[]; errors: unknown[] } | undefined;
      expect(() => {
        result = recordReplies(port);
      }).not.toThrow();
      expect(result).toEqual({ replies: [], errors: [failure] });
      expect(() => port.call('CallCardClose', {}, () => undefined)).not.toThrow();
    });

    it('lets a throw from the consumer onReply propagate instead of reporting it as a host failure', () => {
      const port = fromBX24(fakeBx24());
      const consumerBug = new Error('consumer bug');
      const errors: unknown[] = [];
      expect(() =>
        port.call(
          'CallCardClose',
          {},
          () => {
            throw consumerBug;
          },
          (e) => errors.push(e),
        ),
      ).toThrow(consumerBug);
      expect(errors).toEqual([]);
    });
  });

  describe('events', () => {
    it('passes `[]` (no data) and payloads raw to the handler', () => {
      const bx24 = fakeBx24();
      const port = fromBX24(bx24);
      const hangups: unknown[] = [];
      const mutes: unknown[] = [];
      port.bindEvent('BackgroundCallCard::hangupButtonClick', (p) => hangups.push(p));
      port.bindEvent('BackgroundCallCard::muteButtonClick', (p) => mutes.push(p));
      bx24.emit('BackgroundCallCard::hangupButtonClick', []);
      bx24.emit('BackgroundCallCard::muteButtonClick', true, 'extra');
      expect(hangups).toEqual([[]]);
      expect(mutes).toEqual([true]);
    });

    it('lets the streams layer read `[]` as a no-data click', () => {
      const bx24 = fakeBx24();
      const seen: unknown[] = [];
      const sub = fromCallCardEvent(fromBX24(bx24), 'hangupButtonClick').subscribe((p) =>
        seen.push(p),
      );
      bx24.emit('BackgroundCallCard::hangupButtonClick', []);
      sub.unsubscribe();
      expect(seen).toEqual([undefined]);
    });
  });

  describe('identity', () => {
    it('returns the same port for the same BX24.placement, so events are bound once', () => {
      const bx24 = fakeBx24();
      const first = fromBX24(bx24);
      expect(fromBX24(bx24)).toBe(first);
      expect(fromBX24({ placement: bx24.placement })).toBe(first);

      const binds: string[] = [];
      const bindEvent = bx24.placement.bindEvent.bind(bx24.placement);
      bx24.placement.bindEvent = (name, cb) => {
        binds.push(name);
        return bindEvent(name, cb);
      };
      const seen: unknown[] = [];
      const a = fromCallCardEvent(fromBX24(bx24), 'muteButtonClick').subscribe((v) => seen.push(v));
      const b = fromCallCardEvent(fromBX24(bx24), 'muteButtonClick').subscribe((v) => seen.push(v));
      bx24.emit('BackgroundCallCard::muteButtonClick', true);
      a.unsubscribe();
      b.unsubscribe();
      expect(binds).toEqual(['BackgroundCallCard::muteButtonClick']);
      expect(seen).toEqual([true, true]);
    });

    it('returns different ports for different BX24 placements', () => {
      expect(fromBX24(fakeBx24())).not.toBe(fromBX24(fakeBx24()));
    });
  });
});
