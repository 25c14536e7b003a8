import { deferPlacement, deferredStart } from '../../src/placement/defer-placement';
import type { PlacementPort } from '../../src/placement/placement-port';
import { CallCardInputError, CallCardUnavailableError } from '../../src/model/errors';
import { recordingPlacement } from '../support/recording-placement';
import type { RecordingPlacement } from '../support/recording-placement';
import { later, settled } from '../support/later';

/** A placement that logs every bind and call into one list, so their order can be compared. */
function orderLog(): { port: RecordingPlacement; log: string[] } {
  const log: string[] = [];
  const inner = recordingPlacement();
  const port: RecordingPlacement = {
    ...inner,
    bindEvent(name, handler) {
      log.push(`bind ${name}`);
      inner.bindEvent(name, handler);
    },
    call(command, params, onReply, onError) {
      log.push(`call ${command} ${JSON.stringify(params)}`);
      inner.call(command, params, onReply, onError);
    },
  };
  return { port, log };
}

describe('deferPlacement', () => {
  describe('before the real port arrives', () => {
    it('returns a pending port at once, without binding or calling anything yet', () => {
      const source = later<PlacementPort>();
      const deferred = deferPlacement(source.promise);
      deferred.bindEvent('BackgroundCallCard::initialized', () => undefined);
      deferred.call('CallCardSetCardTitle', { title: 'A' }, () => undefined);
      expect(deferred.status()).toBe('pending');
      expect(deferredStart(deferred)).toBeDefined();
    });

    it('replays binds and calls on the real port in the order they were made', async () => {
      const source = later<PlacementPort>();
      const { port, log } = orderLog();
      const deferred = deferPlacement(source.promise);
      deferred.bindEvent('BackgroundCallCard::initialized', () => undefined);
      deferred.call('CallCardSetCardTitle', { title: 'A' }, () => undefined);
      deferred.bindEvent('BackgroundCallCard::answerButtonClick', () => undefined);
      deferred.call('CallCardSetStatusText', { statusText: 'B' }, () => undefined);
      expect(log).toEqual([]);

      source.resolve(port);
      await expect(deferred.ready).resolves.toBe(port);
      expect(log).toEqual([
        'bind BackgroundCallCard::initialized',
        'call CallCardSetCardTitle {"title":"A"}',
        'bind BackgroundCallCard::answerButtonClick',
        'call CallCardSetStatusText {"statusText":"B"}',
      ]);
      expect(deferred.status()).toBe('ready');
    });

    it("delivers the real port's replies and events to the handlers given before it arrived", async () => {
      const source = later<PlacementPort>();
      const port = recordingPlacement(() => ['ok']);
      const deferred = deferPlacement(source.promise);
      const seen: unknown[] = [];
      deferred.bindEvent('BackgroundCallCard::muteButtonClick', (payload) => seen.push(payload));
      deferred.call('CallCardSetMute', { muted: true }, (reply) => seen.push(reply));
      source.resolve(port);
      await deferred.ready;
      port.emit('BackgroundCallCard::muteButtonClick', true);
      expect(seen).toEqual([['ok'], true]);
    });

    it('queues a call made while replaying (a reply that sends the next command) behind the rest', async () => {
      const source = later<PlacementPort>();
      const { port, log } = orderLog();
      const deferred = deferPlacement(source.promise);
      // The recording placement answers synchronously, inside the replay.
      deferred.call('CallCardSetCardTitle', { title: 'A' }, () =>
        deferred.call('CallCardSetStatusText', { statusText: 'from the reply' }, () => undefined),
      );
      deferred.call('CallCardSetCardTitle', { title: 'B' }, () => undefined);
      source.resolve(port);
      await deferred.ready;
      expect(log).toEqual([
        'call CallCardSetCardTitle {"title":"A"}',
        'call CallCardSetCardTitle {"title":"B"}',
        'call CallCardSetStatusText {"statusText":"from the reply"}',
      ]);
    });

    it("hands a replayed call's synchronous throw to its onError and still replays the rest", async () => {
      const source = later<PlacementPort>();
      const { port, log } = orderLog();
      const broken = new Error('adapter bug');
      const throwing: PlacementPort = {
        bindEvent: port.bindEvent,
        call(command, params, onReply, onError) {
          if (command === 'CallCardSetMute') throw broken;
          port.call(command, params, onReply, onError);
        },
      };
      const deferred = deferPlacement(source.promise);
      const errors: unknown[] = [];
      deferred.call(
        'CallCardSetMute',
        { muted: true },
        () => undefined,
        (e) => errors.push(e),
      );
      deferred.call('CallCardSetHold', { held: true }, () => undefined);
      source.resolve(throwing);
      await deferred.ready;
      expect(errors).toEqual([broken]);
      expect(log).toEqual(['call CallCardSetHold {"held":true}']);
    });
  });

  describe('after the real port arrived', () => {
    it('passes binds and calls straight through, synchronously', async () => {
      const { port, log } = orderLog();
      const deferred = deferPlacement(Promise.resolve(port));
      await deferred.ready;
      const replies: unknown[] = [];
      deferred.call('CallCardSetCardTitle', { title: 'A' }, (r) => replies.push(r));
      expect(log).toEqual(['call CallCardSetCardTitle {"title":"A"}']);
      expect(replies).toEqual([[]]);
      const seen: unknown[] = [];
      deferred.bindEvent('BackgroundCallCard::holdButtonClick', (p) => seen.push(p));
      port.emit('BackgroundCallCard::holdButtonClick', true);
      expect(seen).toEqual([true]);
    });

    it('is ready at once when the factory returns the port synchronously', async () => {
      const { port, log } = orderLog();
      const deferred = deferPlacement(() => port);
      expect(deferred.status()).toBe('ready');
      deferred.bindEvent('BackgroundCallCard::initialized', () => undefined);
      expect(log).toEqual(['bind BackgroundCallCard::initialized']);
      await expect(deferred.ready).resolves.toBe(port);
    });

    it('accepts a factory returning a promise', async () => {
      const { port } = orderLog();
      const deferred = deferPlacement(() => Promise.resolve(port));
      expect(deferred.status()).toBe('pending');
      await expect(deferred.ready).resolves.toBe(port);
      expect(deferred.status()).toBe('ready');
    });
  });

  describe('when the start fails', () => {
    const cause = new Error('JSSDK_CLIENT_SIDE_WARNING: no portal frame');

    it('fails every pending call with CallCardUnavailableError naming the command, the failure as cause', async () => {
      const source = later<PlacementPort>();
      const deferred = deferPlacement(source.promise);
      const errors: unknown[] = [];
      const replies: unknown[] = [];
      deferred.call(
        'CallCardSetCardTitle',
        { title: 'A' },
        (r) => replies.push(r),
        (e) => errors.push(e),
      );
      deferred.call(
        'CallCardSetMute',
        { muted: true },
        (r) => replies.push(r),
        (e) => errors.push(e),
      );
      source.reject(cause);
      await expect(deferred.ready).rejects.toBeInstanceOf(CallCardUnavailableError);
      expect(replies).toEqual([]);
      expect(errors).toHaveLength(2);
      const [first, second] = errors as CallCardUnavailableError[];
      expect(first).toBeInstanceOf(CallCardUnavailableError);
      expect(first!.subject).toBe('CallCardSetCardTitle');
      expect(first!.message).toBe(
        'CallCardSetCardTitle: the placement failed to start: JSSDK_CLIENT_SIDE_WARNING: no portal frame',
      );
      expect(first!.cause).toBe(cause);
      expect(second!.subject).toBe('CallCardSetMute');
      expect(deferred.status()).toBe('failed');
    });

    it('fails later calls at once and ignores later binds', async () => {
      const deferred = deferPlacement(Promise.reject(cause));
      await deferred.ready.catch(() => undefined);
      const errors: CallCardUnavailableError[] = [];
      deferred.call(
        'CallCardSetHold',
        { held: true },
        () => undefined,
        (e) => errors.push(e as CallCardUnavailableError),
      );
      expect(errors.map((e) => [e.subject, e.cause])).toEqual([['CallCardSetHold', cause]]);
      expect(() =>
        deferred.bindEvent('BackgroundCallCard::initialized', () => undefined),
      ).not.toThrow();
    });

    it('rejects ready with CallCardUnavailableError carrying the failure, never unhandled', async () => {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown): void => {
        unhandled.push(reason);
      };
      process.on('unhandledRejection', onUnhandled);
      try {
        const deferred = deferPlacement(Promise.reject(cause));
        await settled();
        await settled();
        expect(unhandled).toEqual([]);
        const failure = await deferred.ready.then(
          () => null,
          (e: unknown) => e,
        );
        expect(failure).toBeInstanceOf(CallCardUnavailableError);
        expect(failure).toMatchObject({
          subject: 'deferPlacement',
          message:
            'deferPlacement: the placement failed to start: JSSDK_CLIENT_SIDE_WARNING: no portal frame',
          cause,
        });
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
    });

    it('treats a throwing factory as a failed start', async () => {
      const deferred = deferPlacement(() => {
        throw cause;
      });
      expect(deferred.status()).toBe('failed');
      await expect(deferred.ready).rejects.toMatchObject({ cause });
    });

    it('treats a value that is not a port as a failed start, naming the value', async () => {
      const deferred = deferPlacement(
        Promise.resolve({ call: 'nope' } as unknown as PlacementPort),
      );
      const errors: unknown[] = [];
      deferred.call(
        'CallCardSetCardTitle',
        { title: 'A' },
        () => undefined,
        (e) => errors.push(e),
      );
      const failure = await deferred.ready.then(
        () => null,
        (e: CallCardUnavailableError) => e,
      );
      expect(failure?.cause).toBeInstanceOf(CallCardInputError);
      expect(failure?.message).toMatch(/placement was \{"call":"nope"\}; expected a PlacementPort/);
      expect(errors).toHaveLength(1);
    });

    it('describes a failure that is not an Error', async () => {
      const deferred = deferPlacement(Promise.reject('timeout'));
      await expect(deferred.ready).rejects.toThrow(
        'deferPlacement: the placement failed to start: "timeout"',
      );
    });
  });

  describe('bad input', () => {
    it.each([
      ['undefined', undefined],
      ['a port itself', recordingPlacement()],
      ['a string', 'BX24'],
    ])('throws CallCardInputError at once for %s', (_, source) => {
      expect(() => deferPlacement(source as never)).toThrow(CallCardInputError);
      expect(() => deferPlacement(source as never)).toThrow(
        /^deferPlacement: source was .*; expected a Promise of a PlacementPort, or a function/,
      );
    });
  });
});
