import type { B24Frame, PlacementManager } from '@bitrix24/b24jssdk';
import { CallCardTimeoutError, CallCardUnavailableError } from '../../src/model/errors';
import {
  fromB24Frame,
  type B24FrameLike,
  type B24PlacementLike,
} from '../../src/placement/from-b24-frame';
import { fromCallCardEvent } from '../../src/streams/from-call-card-event';

// Type-level: the real SDK objects fit the structural types (checked by tsc).
const _frameFits = (frame: B24Frame): B24FrameLike => frame;
const _managerFits = (manager: PlacementManager): B24PlacementLike => manager;
void _frameFits;
void _managerFits;
// @ts-expect-error a string is neither a frame nor a placement
const _stringRejected = (): B24FrameLike => 'placement';
void _stringRejected;

const NO_ANSWER = { isSafely: true } as const;

interface SentCommand {
  readonly command: string;
  readonly params: Record<string, unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Binding {
  readonly event: string;
  readonly callback: (payload: unknown) => void;
  /** The pending `bindEvent` promise while the SDK's 900 ms window is open. */
  window: { resolve(value: unknown): void; reject(error: unknown): void } | undefined;
}

/**
 * A hand-written SDK placement manager with the quirks of docs/host-behaviour.md, section 5: commands return
 * promises that the test settles (`{isSafely: true}` for "no answer"); the SDK adds `isSafely` /
 * `isRawValue` to its own copy of the params; `bindEvent` keeps its promise pending, and an event
 * raised while it is pending resolves that promise instead of reaching the callback.
 */
function fakeSdkPlacement() {
  const sent: SentCommand[] = [];
  const bindings: Binding[] = [];
  const manager = {
    placement: 'PAGE_BACKGROUND_WORKER',
    call(command: string, params: Record<string, unknown> = {}): Promise<unknown> {
      return new Promise((resolve, reject) => {
        sent.push({
          command,
          params: { ...params, isSafely: true, isRawValue: false },
          resolve,
          reject,
        });
      });
    },
    bindEvent(event: string, callback: (payload: unknown) => void): Promise<unknown> {
      return new Promise((resolve, reject) => {
        bindings.push({ event, callback, window: { resolve, reject } });
      });
    },
    getInterface(): Promise<unknown> {
      return Promise.resolve({ command: [], event: [] });
    },
  };
  return {
    manager,
    sent,
    bindings,
    /** The host raises an event: the SDK routes it by callback id. */
    raise(event: string, payload: unknown): void {
      for (const binding of bindings.filter((b) => b.event === event)) {
        if (binding.window) {
          binding.window.resolve(payload); // the quirk: the first event is swallowed by the promise
          binding.window = undefined;
        } else binding.callback(payload);
      }
    },
    /** The SDK's 900 ms window ends for every pending binding. */
    closeWindows(): void {
      for (const binding of bindings) {
        binding.window?.resolve(NO_ANSWER);
        binding.window = undefined;
      }
    },
  };
}

/** Lets every settled promise run its reactions. */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function recordCall(port: ReturnType<typeof fromB24Frame>, command: string, params = {}) {
  const replies: unknown[] = [];
  const errors: unknown[] = [];
  port.call(
    command,
    params,
    (r) => replies.push(r),
    (e) => errors.push(e),
  );
  return { replies, errors };
}

describe('fromB24Frame', () => {
  describe('accepted inputs', () => {
    it('accepts the frame and its placement, giving the same port for both', () => {
      const sdk = fakeSdkPlacement();
      const frame = { placement: sdk.manager };
      const port = fromB24Frame(frame);
      expect(fromB24Frame(sdk.manager)).toBe(port);
      expect(fromB24Frame(frame)).toBe(port);
      expect(fromB24Frame(fakeSdkPlacement().manager)).not.toBe(port);
    });

    it('throws CallCardUnavailableError for something that is no frame and no placement', () => {
      expect(() => fromB24Frame(undefined as unknown as B24FrameLike)).toThrow(
        'fromB24Frame: expected the frame from initializeB24Frame() or its placement, got undefined',
      );
      expect(() => fromB24Frame({} as B24FrameLike)).toThrow(CallCardUnavailableError);
      expect(() => fromB24Frame({} as B24FrameLike)).toThrow(
        /no placement with call and bindEvent; pass the frame from await initializeB24Frame\(\)/,
      );
    });

    it('takes only objects for the frame and its placement: functions with call and bindEvent are neither', () => {
      const manager = fakeSdkPlacement().manager;
      const asFunction = Object.assign(() => undefined, { bindEvent: manager.bindEvent });
      expect(() => fromB24Frame(asFunction as unknown as B24FrameLike)).toThrow(
        /fromB24Frame: expected the frame from initializeB24Frame\(\) or its placement, got /,
      );
      expect(() => fromB24Frame({ placement: asFunction } as unknown as B24FrameLike)).toThrow(
        /fromB24Frame: no placement with call and bindEvent/,
      );
      const unreadable = new Proxy(
        {},
        {
          get() {
            throw new Error('revoked');
          },
        },
      );
      expect(() => fromB24Frame({ placement: unreadable } as unknown as B24FrameLike)).toThrow(
        /fromB24Frame: no placement with call and bindEvent/,
      );
    });

    it('throws CallCardUnavailableError for a frame that is not initialised yet', () => {
      const frame = {
        get placement(): B24PlacementLike {
          throw new Error('B24Frame is not initialized');
        },
      };
      expect(() => fromB24Frame(frame)).toThrow(
        /fromB24Frame: the frame's placement cannot be read \(Error: B24Frame is not initialized\); await initializeB24Frame\(\) first/,
      );
    });
  });

  describe('commands', () => {
    it('passes the reply to onReply unchanged: `[]`, an error array, `""`', async () => {
      const sdk = fakeSdkPlacement();
      const port = fromB24Frame(sdk.manager);
      const ack = recordCall(port, 'CallCardSetCardTitle', { title: 'A' });
      const refused = recordCall(port, 'CallCardSetUiState', { uiState: 'talking' });
      const empty = recordCall(port, 'CallCardClose');
      const errorReply = [{ result: 'error', errorCode: 'Invalid ui state' }];
      sdk.sent[0]?.resolve([]);
      sdk.sent[1]?.resolve(errorReply);
      sdk.sent[2]?.resolve('');
      await flush();
      expect(ack).toEqual({ replies: [[]], errors: [] });
      expect(refused).toEqual({ replies: [errorReply], errors: [] });
      expect(refused.replies[0]).toBe(errorReply);
      expect(empty).toEqual({ replies: [''], errors: [] });
    });

    it('never calls onReply when the SDK resolves `{isSafely: true}` (the host did not answer)', async () => {
      const sdk = fakeSdkPlacement();
      const timer = recordCall(fromB24Frame(sdk.manager), 'CallCardStartTimer');
      sdk.sent[0]?.resolve({ isSafely: true });
      await flush();
      expect(timer).toEqual({ replies: [], errors: [] });
    });

    it('reports a timeout at once when the SDK gives up on a command the host does answer', async () => {
      const sdk = fakeSdkPlacement();
      const port = fromB24Frame(sdk.manager);
      const title = recordCall(port, 'CallCardSetCardTitle', { title: 'A' });
      const states = recordCall(port, 'CallCardGetListUiStates');
      const unknown = recordCall(port, 'CallCardDance');
      sdk.sent[0]?.resolve({ isSafely: true });
      sdk.sent[1]?.resolve({ isSafely: true });
      sdk.sent[2]?.resolve({ isSafely: true });
      await flush();
      expect(title.replies).toEqual([]);
      expect(title.errors).toEqual([expect.any(CallCardTimeoutError)]);
      expect((title.errors[0] as Error).message).toBe(
        'CallCardSetCardTitle: no reply from the host within 900 ms',
      );
      expect(states.errors).toEqual([expect.any(CallCardTimeoutError)]);
      // The host never answers an unknown command: that stays the port's "no reply".
      expect(unknown).toEqual({ replies: [], errors: [] });
    });

    it('treats an object that merely contains isSafely as a reply', async () => {
      const sdk = fakeSdkPlacement();
      const call = recordCall(fromB24Frame(sdk.manager), 'CallCardSetCardTitle');
      sdk.sent[0]?.resolve({ isSafely: true, result: 'ok' });
      await flush();
      expect(call.replies).toEqual([{ isSafely: true, result: 'ok' }]);
    });

    it('routes a rejection to onError, and ignores it quietly without onError', async () => {
      const sdk = fakeSdkPlacement();
      const port = fromB24Frame(sdk.manager);
      const failure = new Error('JSSDK_FRAME_DISPOSED');
      const call = recordCall(port, 'CallCardSetCardTitle');
      port.call('CallCardClose', {}, () => undefined);
      sdk.sent[0]?.reject(failure);
      sdk.sent[1]?.reject(failure);
      await flush();
      expect(call).toEqual({ replies: [], errors: [failure] });
    });

    it('routes a synchronous throw to onError, never out of call', () => {
      const failure = new TypeError('bad command');
      const manager: B24PlacementLike = {
        call: () => {
          throw failure;
        },
        bindEvent: () => Promise.resolve(NO_ANSWER),
      };
      const port = fromB24Frame(manager);
      let call: { replies: unknown[]; errors: unknown[] } | undefined;
      expect(() => {
        call = recordCall(port, 'CallCardSetCardTitle');
      }).not.toThrow();
      expect(call).toEqual({ replies: [], errors: [failure] });
      expect(() => port.call('CallCardClose', {}, () => undefined)).not.toThrow();
    });

    it('reports a placement whose call returns no promise (the classic BX24 by mistake)', () => {
      const manager = {
        call: () => undefined,
        bindEvent: () => undefined,
      } as unknown as B24PlacementLike;
      const call = recordCall(fromB24Frame(manager), 'CallCardSetCardTitle');
      expect(call.replies).toEqual([]);
      expect(call.errors).toHaveLength(1);
      expect(call.errors[0]).toBeInstanceOf(CallCardUnavailableError);
      expect(String(call.errors[0])).toBe(
        'CallCardUnavailableError: fromB24Frame: placement.call("CallCardSetCardTitle") returned undefined, not a promise; for the classic BX24 script use fromBX24',
      );
    });

    it('sends a plain copy of the params: frozen params are safe and the SDK keys stay out of ours', async () => {
      const sdk = fakeSdkPlacement();
      const params = Object.freeze({ title: 'A' });
      const replies: unknown[] = [];
      fromB24Frame(sdk.manager).call('CallCardSetCardTitle', params, (r) => replies.push(r));
      sdk.sent[0]?.resolve([]);
      await flush();
      expect(sdk.sent[0]?.params).toEqual({ title: 'A', isSafely: true, isRawValue: false });
      expect(params).toEqual({ title: 'A' });
      expect(replies).toEqual([[]]);
    });
  });

  describe('events', () => {
    const HANGUP = 'BackgroundCallCard::hangupButtonClick';
    const DIALPAD = 'BackgroundCallCard::dialpadButtonClick';

    it('recovers the first event the SDK swallowed into the bindEvent promise, in host order', async () => {
      const sdk = fakeSdkPlacement();
      const seen: unknown[] = [];
      fromB24Frame(sdk.manager).bindEvent(DIALPAD, (p) => seen.push(p));
      sdk.raise(DIALPAD, '1'); // inside the 900 ms window: resolves the bindEvent promise
      await flush();
      sdk.raise(DIALPAD, '2'); // after: reaches the callback
      expect(seen).toEqual(['1', '2']);
    });

    it('delivers nothing extra when the window closes with `{isSafely: true}`', async () => {
      const sdk = fakeSdkPlacement();
      const seen: unknown[] = [];
      fromB24Frame(sdk.manager).bindEvent(DIALPAD, (p) => seen.push(p));
      sdk.closeWindows();
      await flush();
      sdk.raise(DIALPAD, '#');
      expect(seen).toEqual(['#']);
    });

    it('passes `""` no-data payloads raw, in the window and after it', async () => {
      const sdk = fakeSdkPlacement();
      const seen: unknown[] = [];
      fromB24Frame(sdk.manager).bindEvent(HANGUP, (p) => seen.push(p));
      sdk.raise(HANGUP, '');
      await flush();
      sdk.raise(HANGUP, '');
      expect(seen).toEqual(['', '']);
    });

    it('ignores a bindEvent rejection: no throw, no unhandled rejection, later events still arrive', async () => {
      const sdk = fakeSdkPlacement();
      const seen: unknown[] = [];
      let rejectionHandled = false;
      const manager: B24PlacementLike = {
        call: (c, p) => sdk.manager.call(c, p),
        bindEvent(event, callback) {
          const pending = sdk.manager.bindEvent(event, callback);
          // Record whether the adapter attaches a rejection handler.
          return {
            then(onFulfilled, onRejected) {
              rejectionHandled = typeof onRejected === 'function';
              return pending.then(onFulfilled, onRejected);
            },
          };
        },
      };
      expect(() => fromB24Frame(manager).bindEvent(HANGUP, (p) => seen.push(p))).not.toThrow();
      sdk.bindings[0]?.window?.reject(new Error('JSSDK_FRAME_BAD_PAYLOAD'));
      if (sdk.bindings[0]) sdk.bindings[0].window = undefined;
      await flush();
      sdk.raise(HANGUP, '');
      expect(rejectionHandled).toBe(true);
      expect(seen).toEqual(['']);
    });

    it('feeds the streams layer: a swallowed first click still reaches subscribers as a typed event', async () => {
      const sdk = fakeSdkPlacement();
      const port = fromB24Frame({ placement: sdk.manager });
      const hangups: unknown[] = [];
      const mutes: unknown[] = [];
      const a = fromCallCardEvent(port, 'hangupButtonClick').subscribe((v) => hangups.push(v));
      const b = fromCallCardEvent(port, 'muteButtonClick').subscribe((v) => mutes.push(v));
      sdk.raise(HANGUP, '');
      sdk.raise('BackgroundCallCard::muteButtonClick', true);
      await flush();
      sdk.raise(HANGUP, '');
      a.unsubscribe();
      b.unsubscribe();
      expect(hangups).toEqual([undefined, undefined]);
      expect(mutes).toEqual([true]);
    });
  });
});
