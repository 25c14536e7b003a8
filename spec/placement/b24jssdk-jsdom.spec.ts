/**
 * @jest-environment jsdom
 */
import { initializeB24Frame, type B24Frame } from '@bitrix24/b24jssdk';
import { CALL_CARD_COMMAND_NAMES } from '../../src/model/commands';
import { CALL_CARD_EVENT_TYPES, hostEventName } from '../../src/model/events';
import { APP_SID, DOMAIN, nextValue, scriptedHost, wait } from '../support/scripted-portal-host';
import { fromB24Frame } from '../../src/placement/from-b24-frame';
import type { PlacementPort } from '../../src/placement/placement-port';

// The SDK's CommonJS build requires the ESM-only `qs-esm`, which only its REST batch code uses.
jest.mock('qs-esm', () => jest.requireActual('../support/qs-esm-stub'));

describe('fromB24Frame over the real @bitrix24/b24jssdk under jsdom', () => {
  const host = scriptedHost();
  let $b24: B24Frame;
  let port: PlacementPort;

  beforeAll(async () => {
    window.name = `${DOMAIN}|1|${APP_SID}`;
    // jsdom's top window is its own parent; the SDK posts to `parent`, so give it the host.
    Object.defineProperty(window, 'parent', { value: host.parent, configurable: true });
    $b24 = await initializeB24Frame();
    port = fromB24Frame($b24);
  });

  afterAll(() => {
    $b24?.destroy();
  });

  it('completes the getInitData handshake and reads the interface', async () => {
    expect(host.received[0]).toMatchObject({ command: 'getInitData' });
    expect($b24.placement.placement).toBe('PAGE_BACKGROUND_WORKER');
    await expect($b24.placement.getInterface()).resolves.toEqual({
      command: [...CALL_CARD_COMMAND_NAMES],
      event: CALL_CARD_EVENT_TYPES.map(hostEventName),
    });
  });

  it('accepts the initialised frame and its placement as the same port', () => {
    expect(fromB24Frame($b24.placement)).toBe(port);
  });

  it('round-trips a command: `[]` reaches onReply, and the SDK adds isRawValue on the wire', async () => {
    const reply = nextValue();
    const errors: unknown[] = [];
    port.call('CallCardSetCardTitle', { title: 'Call: 8 (800) 555-35-35' }, reply.record, (e) =>
      errors.push(e),
    );
    await expect(reply.next).resolves.toEqual([]);
    expect(errors).toEqual([]);
    expect(host.received.at(-1)).toMatchObject({
      command: 'CallCardSetCardTitle',
      params: { title: 'Call: 8 (800) 555-35-35', isRawValue: false },
    });
  });

  it('passes a host error array to onReply unchanged', async () => {
    const errorReply = [{ result: 'error', errorCode: 'Call card is undefined' }];
    host.replies.set('CallCardClose', errorReply);
    const reply = nextValue();
    port.call('CallCardClose', {}, reply.record);
    await expect(reply.next).resolves.toEqual(errorReply);
  });

  it('recovers an event raised 50 ms after bindEvent (inside the SDK window) and delivers later ones', async () => {
    const HOLD = hostEventName('holdButtonClick');
    const first = nextValue();
    port.bindEvent(HOLD, first.record);
    await wait(10);
    expect(host.bindCount(HOLD)).toBe(1);
    await wait(40);
    host.raise(HOLD, true);
    await expect(first.next).resolves.toBe(true);
    await wait(1000); // the SDK's window is over: later events go to the callback
    host.raise(HOLD, false);
    await wait(20);
    expect(first.values).toEqual([true, false]);
  });

  it('shows the quirk it absorbs: the bare SDK callback misses that first event', async () => {
    const MUTE = hostEventName('muteButtonClick');
    const callback: unknown[] = [];
    const binding = $b24.placement.bindEvent(MUTE, (payload: unknown) => callback.push(payload));
    await wait(50);
    host.raise(MUTE, true);
    await expect(binding).resolves.toBe(true);
    expect(callback).toEqual([]);
  });

  it('passes a no-data event as `""`', async () => {
    const HANGUP = hostEventName('hangupButtonClick');
    const seen = nextValue();
    port.bindEvent(HANGUP, seen.record);
    await wait(50);
    host.raise(HANGUP);
    await expect(seen.next).resolves.toBe('');
  });

  it('never calls onReply for the silent CallCardStartTimer, even after the SDK gives up', async () => {
    const replies: unknown[] = [];
    const errors: unknown[] = [];
    port.call(
      'CallCardStartTimer',
      {},
      (r) => replies.push(r),
      (e) => errors.push(e),
    );
    const raw = $b24.placement.call('CallCardStartTimer', {});
    await expect(raw).resolves.toEqual({ isSafely: true }); // the SDK resolved after its 900 ms
    await wait(20);
    expect(host.received.filter((r) => r.command === 'CallCardStartTimer')).toHaveLength(2);
    expect(replies).toEqual([]);
    expect(errors).toEqual([]);
  });
});
