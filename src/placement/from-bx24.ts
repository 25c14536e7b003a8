import { CallCardUnavailableError, describeThrow } from '../model/errors';
import { fullMessages } from '../model/full-messages';
import type { PlacementPort } from './placement-port';
import { copyParams } from './copy-params';
import { sharedAdapter } from './shared-adapter';

/**
 * The part of the classic `BX24` object (the portal's script) the adapter uses: its callback-style
 * `placement`. Typed structurally, so any `BX24` typing (or none) fits. Name it where you pass a
 * `BX24` object around, or fake one in a test.
 */
export interface Bx24Like {
  /** `BX24.placement`: the two functions the adapter calls. */
  readonly placement: {
    /** Sends a command; `callback` receives the host's reply (`[]` for a bare acknowledgement). */
    call(
      command: string,
      params: Record<string, unknown>,
      callback: (reply: unknown) => void,
    ): unknown;
    /** Binds a host event for good; `callback` receives each payload (`[]` for no data). */
    bindEvent(eventName: string, callback: (payload: unknown) => void): unknown;
  };
}

type Bx24Placement = Bx24Like['placement'];

const SUBJECT = 'fromBX24';
// What to do about a missing BX24, in the full messages only.
const HINT =
  "the app is not running inside a Bitrix24 portal frame, or the portal's BX24 script " +
  '(//api.bitrix24.com/api/v1/) is not loaded yet; load it first, or use fromB24Frame with ' +
  '@bitrix24/b24jssdk';

function noPlacement(what: string): never {
  throw new CallCardUnavailableError(
    SUBJECT,
    fullMessages() ? `no BX24.placement (${what}): ${HINT}` : `no BX24.placement (${what})`,
  );
}

function placementOf(bx24: unknown): Bx24Placement {
  if (bx24 === undefined || bx24 === null) noPlacement(`BX24 is ${String(bx24)}`);
  if (typeof bx24 !== 'object' && typeof bx24 !== 'function')
    noPlacement(`BX24 is a ${typeof bx24}, not the BX24 object`);
  let placement: unknown;
  let call: unknown;
  let bindEvent: unknown;
  try {
    placement = (bx24 as { placement?: unknown }).placement;
    if (typeof placement === 'object' && placement !== null)
      ({ call, bindEvent } = placement as { call?: unknown; bindEvent?: unknown });
  } catch (cause) {
    throw new CallCardUnavailableError(
      SUBJECT,
      fullMessages()
        ? `BX24 cannot be read (${describeThrow(cause)}): ${HINT}`
        : 'BX24 cannot be read',
      { cause },
    );
  }
  if (typeof placement !== 'object' || placement === null)
    noPlacement('BX24 has no placement object');
  if (typeof call !== 'function' || typeof bindEvent !== 'function')
    noPlacement('BX24.placement has no call and bindEvent functions');
  return placement as Bx24Placement;
}

function readGlobalBx24(): Bx24Like | undefined {
  return (globalThis as { BX24?: Bx24Like }).BX24;
}

/**
 * A `PlacementPort` over the classic `BX24.placement` of the portal's script. Use it when the app
 * loads that script; with the official SDK, use `fromB24Frame`.
 *
 * 1. `bx24` defaults to `globalThis.BX24`, read when `fromBX24` is called. Without a `BX24` whose
 *    `placement` has `call` and `bindEvent`, it throws `CallCardUnavailableError` at once.
 * 2. The same `BX24.placement` always gives the same port (shared by every build of the library
 *    in the page), so the event hub's "bind each host event once" holds however often this runs.
 * 3. `call` hands every reply to `onReply` exactly as `BX24` passes it (`[]`, an error array, a
 *    bare object) and as often as it comes (the desktop client may answer twice): reading
 *    replies is `sendCommand`'s job. A command the host never answers never calls `onReply`.
 * 4. A synchronous throw from `BX24.placement.call` goes to `onError`; `call` itself never throws
 *    for it. (A throw from your own `onReply` is yours and propagates unchanged.)
 * 5. `bindEvent` passes each payload raw, `[]` for "no data" included (the streams layer
 *    normalises it). Params are copied before they reach `BX24`, so frozen params are safe.
 *
 * TypeScript: naming the global `BX24` (`BX24.init`, `fromBX24(BX24)`) needs its declaration,
 * which the package ships as `b24-call-card-rx/bx24-global` (types only); `fromBX24()` does not.
 *
 * @example
 * ```ts
 * /// <reference types="b24-call-card-rx/bx24-global" />
 * import { connectCallCard, fromBX24 } from 'b24-call-card-rx';
 * // In the PAGE_BACKGROUND_WORKER iframe, after the portal's BX24 script has loaded:
 * BX24.init(() => {
 *   const card = connectCallCard(fromBX24());
 *   card.events.hangup$.subscribe(() => console.log('hang up'));
 * });
 * ```
 */
export function fromBX24(bx24: Bx24Like | null | undefined = readGlobalBx24()): PlacementPort {
  const placement = placementOf(bx24);
  return sharedAdapter('bx24', placement, () => ({
    call(command, params, onReply, onError) {
      let replyFailure: { readonly error: unknown } | undefined;
      const reply = (value: unknown): void => {
        try {
          onReply(value);
        } catch (error) {
          // Remembered so the catch below can tell the consumer's throw (when BX24 answers
          // synchronously) from a failure of BX24 itself.
          replyFailure = { error };
          throw error;
        }
      };
      try {
        placement.call(command, copyParams(params), reply);
      } catch (error) {
        if (replyFailure && replyFailure.error === error) throw error;
        onError?.(error);
      }
    },
    bindEvent(hostEventName, handler) {
      // Only the first argument is the payload; a wrapper keeps BX24 from passing more.
      placement.bindEvent(hostEventName, (payload: unknown) => handler(payload));
    },
  }));
}
