import { COMMAND_REPLIES, isCallCardCommandName } from '../model/commands';
import { isRecord } from '../model/is-record';
import {
  CallCardTimeoutError,
  CallCardUnavailableError,
  describeThrow,
  describeValue,
} from '../model/errors';
import { fullMessages } from '../model/full-messages';
import { isThenable } from '../internal/is-thenable';
import type { PlacementPort } from './placement-port';
import { copyParams } from './copy-params';
import { sharedAdapter } from './shared-adapter';

/**
 * The placement manager of the official SDK `@bitrix24/b24jssdk` (`$b24.placement`), typed
 * structurally: the library never imports the SDK. Fake it in a test to drive `fromB24Frame`
 * without the SDK.
 */
export interface B24PlacementLike {
  /**
   * Sends a command; resolves with the host's reply, or `{isSafely: true}` after 900 ms of
   * silence.
   */
  call(command: string, params: Record<string, unknown>): PromiseLike<unknown>;
  /**
   * Binds a host event for good; `callback` receives each payload (`""` for no data). The promise
   * stays pending for 900 ms and may resolve with the first event instead of the callback.
   */
  bindEvent(eventName: string, callback: (payload: unknown) => void): PromiseLike<unknown>;
  /** Not used by the adapter; part of the SDK's shape. */
  getInterface?(): PromiseLike<unknown>;
}

/**
 * What `fromB24Frame` accepts: the SDK's frame (`await initializeB24Frame()`), or its placement
 * manager (`$b24.placement`). Name it where you hand the SDK's frame around (a factory, an
 * injection token).
 */
export type B24FrameLike = { readonly placement: B24PlacementLike } | B24PlacementLike;

const SUBJECT = 'fromB24Frame';

/**
 * How long the SDK waits for a reply before it resolves `{isSafely: true}` and forgets it.
 *
 * @internal
 */
export const SDK_SAFE_WINDOW_MS = 900;

/** Whether the host answers `command` at all (the timer commands and unknown ones never do). */
const expectsReply = (command: string): boolean =>
  isCallCardCommandName(command) && COMMAND_REPLIES[command] !== 'none';

function isFunction(value: unknown): value is (...args: never[]) => unknown {
  return typeof value === 'function';
}

function isPlacementLike(value: unknown): value is B24PlacementLike {
  if (typeof value !== 'object' || value === null) return false;
  try {
    const { call, bindEvent } = value as { call?: unknown; bindEvent?: unknown };
    return isFunction(call) && isFunction(bindEvent);
  } catch {
    // Unreadable (a revoked Proxy): no placement.
    return false;
  }
}

/**
 * The SDK's "no answer" value: every send resolves exactly `{isSafely: true}` when nothing came
 * back within its 900 ms window.
 */
function isNoAnswer(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const keys = Object.keys(value);
  return (
    keys.length === 1 &&
    keys[0] === 'isSafely' &&
    (value as { isSafely?: unknown }).isSafely === true
  );
}

function managerOf(x: unknown): B24PlacementLike {
  // The manager first: reading `placement` of a frame that is not initialised throws.
  if (isPlacementLike(x)) return x;
  if (typeof x !== 'object' || x === null)
    throw new CallCardUnavailableError(
      SUBJECT,
      fullMessages()
        ? `expected the frame from initializeB24Frame() or its placement, got ${describeValue(x)}`
        : 'not a frame or its placement',
    );
  let placement: unknown;
  try {
    placement = (x as { placement?: unknown }).placement;
  } catch (cause) {
    throw new CallCardUnavailableError(
      SUBJECT,
      fullMessages()
        ? `the frame's placement cannot be read (${describeThrow(cause)}); await initializeB24Frame() first`
        : "the frame's placement cannot be read",
    );
  }
  if (isPlacementLike(placement)) return placement;
  throw new CallCardUnavailableError(
    SUBJECT,
    fullMessages()
      ? 'no placement with call and bindEvent; pass the frame from await initializeB24Frame() ' +
          '(@bitrix24/b24jssdk) or its placement; for the classic BX24 script use fromBX24'
      : 'no placement with call and bindEvent',
  );
}

/**
 * A `PlacementPort` over the official SDK `@bitrix24/b24jssdk` (2.x), which the library never
 * imports: pass the frame from `await initializeB24Frame()` or its `placement`. Use it when the app
 * starts with the SDK; wrap it in `deferPlacement` to wire the card while the SDK starts.
 *
 * The SDK's quirks, absorbed:
 * 1. A command the host does not answer resolves `{isSafely: true}` after 900 ms, and the SDK
 *    forgets its callback: a later reply can never arrive. For the commands the host never
 *    answers (`CallCardStartTimer`, `CallCardStopTimer`, unknown names) that is the normal "no
 *    reply", so `onReply` is not called. For every other command it is a timeout, reported at
 *    once on `onError` as `CallCardTimeoutError` (900 ms), so the serial sink does not stall for
 *    its own `timeoutMs` waiting for a reply the SDK has dropped. Any other resolution is the
 *    host's reply and reaches `onReply` unchanged (error arrays included; `sendCommand` reads
 *    them). A rejected promise, or a synchronous throw, goes to
 *    `onError`.
 * 2. `bindEvent` keeps its promise pending for 900 ms under the callback's own id, so an event
 *    that arrives in that window resolves the promise and never reaches the callback. A
 *    resolution other than `{isSafely: true}` is therefore that lost first event: it is handed to
 *    the handler. Payloads pass raw, `""` for "no data" included (the streams layer normalises it).
 * 3. A `bindEvent` rejection is ignored on purpose. The SDK rejects it only when the frame is
 *    destroyed (no event can come any more) or when the first event's payload is not JSON (the
 *    callback stays registered and later events still arrive); neither has a payload to deliver,
 *    and the port's `bindEvent` has no error channel.
 * 4. Params are copied into a plain object: the SDK adds `isSafely` and `isRawValue` to its own
 *    copy, and nothing here depends on those keys.
 * 5. The same SDK placement always gives the same port (shared by every build of the library in
 *    the page), so "bind each host event once" holds however often this runs.
 *
 * Throws `CallCardUnavailableError` when `frameOrPlacement` has no placement with `call` and
 * `bindEvent` (or the frame is not initialised yet).
 *
 * @example
 * ```ts
 * import { initializeB24Frame } from '@bitrix24/b24jssdk';
 * import { connectCallCard, fromB24Frame } from 'b24-call-card-rx';
 *
 * const $b24 = await initializeB24Frame();
 * const card = connectCallCard(fromB24Frame($b24));
 * card.events.initialized$.subscribe((call) => console.log('card for', call.CALL_ID));
 * ```
 */
export function fromB24Frame(frameOrPlacement: B24FrameLike): PlacementPort {
  const manager = managerOf(frameOrPlacement);
  return sharedAdapter('b24-frame', manager, () => ({
    call(command, params, onReply, onError) {
      let pending: unknown;
      try {
        pending = manager.call(command, copyParams(params));
      } catch (error) {
        onError?.(error);
        return;
      }
      if (!isThenable(pending)) {
        onError?.(
          new CallCardUnavailableError(
            SUBJECT,
            fullMessages()
              ? `placement.call("${command}") returned ${describeValue(pending)}, not a promise; ` +
                  'for the classic BX24 script use fromBX24'
              : `placement.call("${command}") returned no promise`,
          ),
        );
        return;
      }
      // Two-argument `then`: a throw from `onReply` is the consumer's, not a transport failure.
      pending.then(
        (reply) => {
          if (!isNoAnswer(reply)) onReply(reply);
          else if (expectsReply(command))
            onError?.(new CallCardTimeoutError(command, SDK_SAFE_WINDOW_MS));
        },
        (error: unknown) => onError?.(error),
      );
    },
    bindEvent(hostEventName, handler) {
      const binding = manager.bindEvent(hostEventName, (payload: unknown) => handler(payload));
      if (!isThenable(binding)) return;
      binding.then(
        (lostFirstEvent) => {
          if (!isNoAnswer(lostFirstEvent)) handler(lostFirstEvent);
        },
        () => {
          // Deliberately ignored: see rule 3 in the doc above.
        },
      );
    },
  }));
}
