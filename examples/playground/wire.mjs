// The host side of the wire protocol between a Bitrix24 portal page and an app iframe
// (docs/host-behaviour.md, section 6), as pure functions: the host page (host.mjs) uses them,
// and so could a Node test. No DOM, no library code.
import { CALL_CARD_COMMAND_NAMES, CALL_CARD_EVENT_TYPES, hostEventName } from 'b24-call-card-rx';

/** The placement the playground's app runs in. */
export const PLACEMENT = 'PAGE_BACKGROUND_WORKER';

/**
 * The iframe's `window.name`: `DOMAIN|PROTOCOL|APP_SID`. The SDK derives the host's origin
 * (`http(s)://DOMAIN`) from it and posts only there, so DOMAIN carries the host page's port.
 *
 * @param {URL | Location} hostLocation the host page's location
 * @param {string} appSid
 */
export function frameName(hostLocation, appSid) {
  const protocol = hostLocation.protocol === 'https:' ? 1 : 0;
  return `${hostLocation.host}|${protocol}|${appSid}`;
}

/**
 * Reads one message from the app: the string form `command:paramsJSON:callbackId:APP_SID`
 * (params omitted when there are none) or the object form `{method, params, callback, appSid}`.
 * The LAST two segments of the string are the callback id and the sid, so params JSON holding
 * `:` is read correctly. Returns `null` for anything else (the host ignores it).
 *
 * @param {unknown} data
 * @returns {{ command: string, params: unknown, callbackId: string, appSid: string } | null}
 */
export function parseAppMessage(data) {
  if (typeof data === 'object' && data !== null) {
    const { method, params, callback, appSid } = /** @type {Record<string, unknown>} */ (data);
    if (typeof method !== 'string' || typeof callback !== 'string' || typeof appSid !== 'string')
      return null;
    return {
      command: method,
      params: params === '' ? undefined : params,
      callbackId: callback,
      appSid,
    };
  }
  if (typeof data !== 'string') return null;
  const parts = data.split(':');
  if (parts.length < 3) return null;
  const appSid = /** @type {string} */ (parts.pop());
  const callbackId = /** @type {string} */ (parts.pop());
  const command = /** @type {string} */ (parts.shift());
  const paramsText = parts.join(':');
  let params;
  try {
    params = paramsText === '' ? undefined : JSON.parse(paramsText);
  } catch {
    return null;
  }
  if (command === '' || callbackId === '') return null;
  return { command, params, callbackId, appSid };
}

/**
 * A host-to-app message: `callbackId:resultJSON`. "No data" (`undefined`, or the `''` the
 * simulator hands an SDK-style handler) goes as nothing after the colon, as the portal sends it.
 *
 * @param {string} callbackId
 * @param {unknown} result
 */
export function formatHostMessage(callbackId, result) {
  return `${callbackId}:${result === undefined || result === '' ? '' : JSON.stringify(result)}`;
}

/**
 * The `getInitData` answer of a portal page at `hostLocation`.
 *
 * @param {URL | Location} hostLocation
 */
export function initData(hostLocation) {
  return {
    LANG: 'en',
    DOMAIN: hostLocation.host,
    PROTOCOL: hostLocation.protocol === 'https:' ? 1 : 0,
    PATH: '/rest/',
    AUTH_ID: 'playground-auth',
    AUTH_EXPIRES: 3600,
    REFRESH_ID: 'playground-refresh',
    MEMBER_ID: 'playground-member',
    FIRST_RUN: false,
    IS_ADMIN: false,
    INSTALL: false,
    USER_OPTIONS: [],
    APP_OPTIONS: [],
    PLACEMENT,
    PLACEMENT_OPTIONS: { ID: '1', URI: '/crm/' },
  };
}

/** The `getInterface` answer of the call-card placement: 9 commands, 17 host event names. */
export function placementInterface() {
  return {
    command: [...CALL_CARD_COMMAND_NAMES],
    event: CALL_CARD_EVENT_TYPES.map(hostEventName),
  };
}
