/**
 * @jest-environment jsdom
 */
import { initializeB24Frame, type B24Frame } from '@bitrix24/b24jssdk';
import { CALL_CARD_COMMAND_NAMES } from '../../src/model/commands';
import { CALL_CARD_EVENT_TYPES, hostEventName } from '../../src/model/events';
import { fromB24Frame } from '../../src/placement/from-b24-frame';
import type { PlacementPort } from '../../src/placement/placement-port';

// The SDK's CommonJS build requires `qs-esm`, an ESM-only package jest cannot `require` on
// Node 20. Only the REST batch code uses it, never the frame messaging tested here, so a stub
// that fails loudly if that ever changes keeps the rest of the SDK real.
jest.mock('qs-esm', () => {
  const unused = (): never => {
    throw new Error('qs-esm is stubbed in this spec: the frame protocol should not need it');
  };
  return {
    __esModule: true,
    stringify: unused,
    parse: unused,
    default: { stringify: unused, parse: unused },
  };
});

const DOMAIN = 'portal.example.test';
const HOST_ORIGIN = `https://${DOMAIN}`;
const APP_SID = 'app-sid-42';
const NO_DATA = Symbol('no data');

interface Received {
  readonly command: string;
  readonly params: unknown;
  readonly callbackId: string;
}

/**
 * The portal page, speaking the wire protocol of docs/host-behaviour.md, section 6 to the SDK in this window:
 * it receives `command:paramsJSON:callbackId:APP_SID` strings through `window.parent.postMessage`
 * and answers `callbackId:resultJSON` as message events from its own origin.
 */
function scriptedHost() {
  const received: Received[] = [];
  const bindings = new Map<string, string[]>();
  /** Replies per command; a command without one (the timer commands) is never answered. */
  const replies = new Map<string, unknown>([
    ['CallCardSetCardTitle', []],
    ['CallCardClose', []],
  ]);

  const post = (callbackId: string, result: unknown): void => {
    const data = `${callbackId}:${result === NO_DATA ? '' : JSON.stringify(result)}`;
    // Asynchronous, like a real postMessage between frames.
    setTimeout(() =>
      window.dispatchEvent(new MessageEvent('message', { data, origin: HOST_ORIGIN })),
    );
  };

  const answer = (command: string, params: unknown, callbackId: string): void => {
    if (command === 'getInitData')
      post(callbackId, {
        LANG: 'en',
        DOMAIN,
        PROTOCOL: 1,
        PATH: '/rest/',
        AUTH_ID: 'auth',
        AUTH_EXPIRES: 3600,
        REFRESH_ID: 'refresh',
        MEMBER_ID: 'member',
        FIRST_RUN: false,
        IS_ADMIN: false,
        INSTALL: false,
        USER_OPTIONS: [],
        APP_OPTIONS: [],
        PLACEMENT: 'PAGE_BACKGROUND_WORKER',
        PLACEMENT_OPTIONS: { ID: '1', URI: '/crm/' },
      });
    else if (command === 'getInterface')
      post(callbackId, {
        command: [...CALL_CARD_COMMAND_NAMES],
        event: CALL_CARD_EVENT_TYPES.map(hostEventName),
      });
    else if (command === 'placementBindEvent') {
      // Not acknowledged: later events are posted under this callback id.
      const event = (params as { event: string }).event;
      bindings.set(event, [...(bindings.get(event) ?? []), callbackId]);
    } else if (replies.has(command)) post(callbackId, replies.get(command));
  };

  const parent = {
    postMessage(message: unknown, targetOrigin: string): void {
      if (targetOrigin !== HOST_ORIGIN || typeof message !== 'string') return;
      const parts = message.split(':');
      // The LAST two segments are the callback id and the app sid: params JSON may hold ':'.
      const appSid = parts.pop();
      const callbackId = parts.pop();
      const command = parts.shift();
      if (appSid !== APP_SID || !callbackId || !command) return;
      const paramsText = parts.join(':');
      const params: unknown = paramsText === '' ? undefined : JSON.parse(paramsText);
      received.push({ command, params, callbackId });
      answer(command, params, callbackId);
    },
  };

  return {
    parent,
    received,
    replies,
    /** The host raises `BackgroundCallCard::<type>` to every binding of it. */
    raise(hostEvent: string, payload: unknown = NO_DATA): void {
      for (const callbackId of bindings.get(hostEvent) ?? []) post(callbackId, payload);
    },
    bindCount: (hostEvent: string): number => bindings.get(hostEvent)?.length ?? 0,
  };
}

/** Waits real time: the 900 ms window is the SDK's own timer. */
const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A promise of the next value `record` receives. */
function nextValue(): {
  record: (value: unknown) => void;
  values: unknown[];
  next: Promise<unknown>;
} {
  const values: unknown[] = [];
  let resolveNext: (value: unknown) => void = () => undefined;
  const next = new Promise<unknown>((resolve) => {
    resolveNext = resolve;
  });
  return {
    values,
    next,
    record: (value) => {
      values.push(value);
      resolveNext(value);
    },
  };
}

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
