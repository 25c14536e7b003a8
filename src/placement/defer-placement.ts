import { CallCardInputError, CallCardUnavailableError, clip, describeValue } from '../model/errors';
import { fullMessages } from '../model/full-messages';
import { NOT_A_PORT, isPlacementPort } from './check-placement';
import { isThenable } from '../internal/is-thenable';
import { reportError } from '../internal/report-error';
import type { PlacementPort } from './placement-port';

/**
 * A `PlacementPort` handed out before the real one exists. Made by {@link deferPlacement}. Its
 * `ready` and `status()` tell code of your own (a start-up screen, an error page) when the real
 * placement arrived or failed.
 */
export interface DeferredPlacement extends PlacementPort {
  /** Resolves with the real port; rejects with a `CallCardUnavailableError` whose `cause` is the failure. */
  readonly ready: Promise<PlacementPort>;
  /** `'pending'` until the real port arrives, then `'ready'`; `'failed'` if it never will. */
  status(): 'pending' | 'ready' | 'failed';
}

const SUBJECT = 'deferPlacement';

// A brand under a page-wide symbol rather than a module-level WeakSet: the ESM and CJS builds of
// the library, loaded side by side, both recognise a deferred placement made by the other.
const BRAND = Symbol.for('b24-call-card-rx/deferred-placement@2');

/**
 * What the library reads of a deferred placement (internal): the library never calls its `call`
 * or `bindEvent` (those buffer, for code that uses it as a plain port); it waits for the real
 * port and works on that placement's session.
 */
export interface DeferredStart {
  /** The real port, once it arrived. */
  port(): PlacementPort | undefined;
  /** The error `ready` rejected with, once the start-up failed. */
  failure(): CallCardUnavailableError | undefined;
  /**
   * Runs `listener` once, synchronously, when the port arrives or the start fails (before `ready`
   * settles); at once if that already happened. A `follower` (another deferred placement that
   * arrived at this one) runs after every other listener: whatever uses this placement itself
   * starts first.
   */
  settled(listener: () => void, follower?: boolean): void;
}

type Branded = PlacementPort & { readonly [BRAND]?: DeferredStart };

/** What a plain-port use of it waits with: run on the real port, or refused when none comes. */
type Pending = readonly [run: (port: PlacementPort) => void, refuse: () => void];

/**
 * A `PlacementPort` at once, for a placement that exists only later: the official SDK's
 * `initializeB24Frame()` is asynchronous, yet an app wants to wire its call card (and subscribe
 * to its first `initialized`) while the SDK starts.
 *
 * 1. `source` is a promise of the real port, or a function returning the port or a promise of
 *    one (run at once; a port it returns synchronously makes the placement ready at once).
 * 2. Used as a port by code of your own: until the real port arrives, `bindEvent` and `call`
 *    are recorded; when it arrives they are replayed on it in the order they were made (calls
 *    made while replaying queue behind them). Afterwards both pass straight through. (Wrap the
 *    real port, not the deferred one: `deferPlacement(start().then((p) => logging(p)))`.)
 * 3. If the start fails (the promise rejects, the function throws, what arrives is not a
 *    `PlacementPort`, or it is this deferred placement again, directly or through others), every recorded and later `call` runs its `onError` with a
 *    `CallCardUnavailableError` naming the command, whose `cause` is the failure; recorded and
 *    later `bindEvent`s do nothing (no event can come). `ready` rejects with the same kind of
 *    error, never as an unhandled rejection.
 * 4. Handed to the library (`connectCallCard`, `callCardEvents`, `applyCommands`,
 *    `sendCommand`, `provideCallCard`), it is not used as a port: the library waits for the real
 *    placement and then works on that placement's one session, shared with everything else that
 *    reaches it (the placement itself, other deferred wrappers of it, the other build of the
 *    library). Until then streams wait, the card's state is `uiState: null`, and commands wait in
 *    order without a timeout: `timeoutMs` counts from the moment a command is handed to the host.
 *    A command whose sink left or whose card was disposed meanwhile is never sent. A failed start
 *    is reported once on `errors$`, and every waiting and later command fails with it.
 *
 * Throws `CallCardInputError` when `source` is neither a promise nor a function.
 *
 * @example
 * ```ts
 * import { initializeB24Frame } from '@bitrix24/b24jssdk';
 * import { connectCallCard, deferPlacement, fromB24Frame } from 'b24-call-card-rx';
 *
 * // Wired now; the SDK's handshake finishes later.
 * const card = connectCallCard(deferPlacement(initializeB24Frame().then(fromB24Frame)));
 * card.events.initialized$.subscribe((call) => console.log('card for', call.CALL_ID));
 * card.errors$.subscribe((e) => console.warn(e.message)); // e.g. the SDK found no portal
 * ```
 */
export function deferPlacement(
  source: PromiseLike<PlacementPort> | (() => PlacementPort | PromiseLike<PlacementPort>),
): DeferredPlacement {
  if (typeof source !== 'function' && !isThenable(source))
    throw new CallCardInputError(
      SUBJECT,
      'source',
      source,
      fullMessages()
        ? 'a Promise of a PlacementPort, or a function returning a PlacementPort or a Promise of one'
        : '',
    );

  let port: PlacementPort | undefined;
  let failure: CallCardUnavailableError | undefined;
  /** Set while the plain-port uses that waited are replayed on the port that arrived. */
  let replaying = false;
  let pending: Pending[] = [];
  /** The library's start-ups, told first, then the deferred placements that follow this one. */
  let listeners: Array<() => void> | undefined = [];
  let followers: Array<() => void> = [];
  let settle!: [resolve: (port: PlacementPort) => void, reject: (error: unknown) => void];
  const ready = new Promise<PlacementPort>((resolve, reject) => {
    settle = [resolve, reject];
  });
  // `ready` is there to be awaited, not required: a failure nobody awaits is no unhandled rejection.
  ready.catch(() => undefined);

  const refusal = (command: string): CallCardUnavailableError =>
    new CallCardUnavailableError(command, (failure as CallCardUnavailableError).reason, {
      cause: failure?.cause,
    });

  /** The start is over: tell the library, then run (or refuse) what waited, in order. */
  const settled = (): void => {
    const told = [...(listeners as Array<() => void>), ...followers];
    listeners = undefined;
    followers = [];
    for (const listener of told) guarded(listener);
    replaying = true;
    // Uses made while replaying (a reply that sends the next command) queue behind the rest.
    for (let next = pending.shift(); next; next = pending.shift())
      if (port) guarded(next[0], port);
      else next[1]();
    pending = [];
    replaying = false;
  };

  const fail = (cause: unknown): void => {
    if (port || failure) return;
    failure = new CallCardUnavailableError(
      SUBJECT,
      fullMessages()
        ? `the placement failed to start: ${cause instanceof Error ? clip(cause.message) : describeValue(cause)}`
        : 'the placement failed to start',
      { cause },
    );
    settled();
    settle[1](failure);
  };

  const arrive = (value: unknown): void => {
    if (port || failure) return;
    if (!isPlacementPort(value) || leadsTo(value, deferred)) {
      fail(
        new CallCardInputError(
          SUBJECT,
          'placement',
          value,
          fullMessages()
            ? isPlacementPort(value)
              ? 'a placement that does not lead back to this deferred placement'
              : NOT_A_PORT
            : '',
        ),
      );
      return;
    }
    // Another deferred placement: this one starts when that one has, with its port or failure.
    const inner = deferredStart(value);
    if (inner)
      return inner.settled(() => {
        const arrived = inner.port();
        if (arrived) arrive(arrived);
        else fail(inner.failure());
      }, true);
    port = value;
    settled();
    settle[0](value);
  };

  /** Runs `use` on the port now, or once it arrives; `refuse` if it never will. */
  const whenReady = (use: (port: PlacementPort) => void, refuse: () => void): void => {
    if (failure) refuse();
    else if (port && !replaying) use(port);
    else pending.push([use, refuse]);
  };

  const deferred: Branded & DeferredPlacement = {
    ready,
    status: () => (failure ? 'failed' : port && !replaying ? 'ready' : 'pending'),
    bindEvent(name, handler) {
      // No event can come from a placement that failed to start.
      whenReady((on) => on.bindEvent(name, handler), noop);
    },
    call(command, params, onReply, onError) {
      whenReady(
        (on) => {
          try {
            on.call(command, params, onReply, onError);
          } catch (error) {
            if (!onError) throw error;
            onError(error);
          }
        },
        () => onError?.(refusal(command)),
      );
    },
  };
  const brand: DeferredStart = {
    port: () => port,
    failure: () => failure,
    settled(listener, follower) {
      if (!listeners) listener();
      else if (follower) followers.push(listener);
      else listeners.push(listener);
    },
  };
  Object.defineProperty(deferred, BRAND, { value: brand });

  let started: unknown;
  try {
    started = typeof source === 'function' ? source() : source;
  } catch (cause) {
    fail(cause);
    return deferred;
  }
  if (!isThenable(started)) arrive(started);
  else
    try {
      started.then(arrive, fail);
    } catch (cause) {
      // A promise-like whose `then` throws: the start failed, like a rejection.
      fail(cause);
    }
  return deferred;
}

/** Runs `work(value)`; what it throws is reported (nobody could receive it). */
function guarded<T>(work: (value: T) => void, value?: T): void {
  try {
    work(value as T);
  } catch (error) {
    reportError(error);
  }
}

function noop(): void {}

/**
 * How `placement` starts, when it is a deferred placement of any build of the library in the page
 * (internal); `undefined` for a host placement. False, never a throw, for a hostile value.
 */
export function deferredStart(placement: PlacementPort): DeferredStart | undefined {
  try {
    return (placement as Branded)[BRAND];
  } catch {
    return undefined;
  }
}

/** Whether `placement` is `target`, or a deferred placement that arrived at it, at any depth. */
function leadsTo(placement: PlacementPort, target: PlacementPort): boolean {
  for (
    let at: PlacementPort | undefined = placement;
    at !== undefined;
    at = deferredStart(at)?.port()
  )
    if (at === target) return true;
  return false;
}
