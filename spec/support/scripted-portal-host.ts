import { CALL_CARD_COMMAND_NAMES } from '../../src/model/commands';
import { CALL_CARD_EVENT_TYPES, hostEventName } from '../../src/model/events';

// The portal page for specs that run the real @bitrix24/b24jssdk under jsdom.

export const DOMAIN = 'portal.example.test';
export const HOST_ORIGIN = `https://${DOMAIN}`;
export const APP_SID = 'app-sid-42';
const NO_DATA = Symbol('no data');

export interface Received {
  readonly command: string;
  readonly params: unknown;
  readonly callbackId: string;
}

/**
 * The portal page, speaking the wire protocol of docs/host-behaviour.md, section 6 to the SDK in this window:
 * it receives `command:paramsJSON:callbackId:APP_SID` strings through `window.parent.postMessage`
 * and answers `callbackId:resultJSON` as message events from its own origin.
 */
export function scriptedHost() {
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
export const wait = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** A promise of the next value `record` receives. */
export function nextValue(): {
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
