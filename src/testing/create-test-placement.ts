import { asyncScheduler } from 'rxjs';
import type { Observable, SchedulerLike, Subscription } from 'rxjs';
import type { CallCardCommandName } from '../model/commands';
import { COMMAND_REPLIES } from '../model/commands';
import { CallCardInputError } from '../model/errors';
import type { CallCardEvent, CallCardEventMap, CallCardEventType } from '../model/events';
import { hostEventName, isCallCardEventType } from '../model/events';
import type { PlacementPort } from '../placement/placement-port';
import type { TestPlacementBinding } from './host-bindings';
import { createBindingTable } from './host-bindings';
import { errorReply, uiStatesReply } from './host-replies';
import type { NoDataStyle } from './raw-payload';
import { checkNoDataStyle, toRawPayload } from './raw-payload';
import type { ReplyPolicy } from './reply-policy';
import { checkReplyPolicy } from './reply-policy';

/** A command name: one of the 9, or any other string (the host ignores unknown commands). */
export type CommandNameOrString = CallCardCommandName | (string & Record<never, never>);

/** Options of `createTestPlacement`. */
export interface TestPlacementOptions {
  /** Clock for recorded times and `{delayMs}` replies. Default `asyncScheduler` (virtual inside `TestScheduler.run`). */
  readonly scheduler?: SchedulerLike;
  /**
   * The policy for every command without its own entry in `policies`. Without it, the test
   * placement answers like the browser host: `'ack'` for the 9 commands except
   * `CallCardStartTimer` and `CallCardStopTimer`, which stay `'silent'`, as do unknown commands.
   */
  readonly policy?: ReplyPolicy;
  /** A policy per command name; wins over `policy`. */
  readonly policies?: Readonly<Partial<Record<CommandNameOrString, ReplyPolicy>>>;
  /** How `emit` sends a no-data event: `''` (SDK, default) or `'[]'` (classic BX24). */
  readonly noDataAs?: NoDataStyle;
  /**
   * Reproduces the official SDK's lost first event: within 900 ms (scheduler time) of each
   * `bindEvent`, the first event under that binding does not reach its handler; it is recorded in
   * `lostEvents` instead. See `createTestPlacement` for what this can and cannot model.
   */
  readonly sdkLostFirstEvent?: boolean;
}

/** One answer a recorded call received, with its scheduler time. */
export type TestPlacementAnswer =
  | { readonly kind: 'reply'; readonly time: number; readonly value: unknown }
  | { readonly kind: 'transportError'; readonly time: number; readonly error: unknown };

/** One `call` the test placement received. */
export interface TestPlacementCall {
  readonly command: string;
  /** A shallow copy of the params as sent. */
  readonly params: Readonly<Record<string, unknown>>;
  /** Scheduler time of the call. */
  readonly time: number;
  /** The policy that answered it (resolved when the call arrived). */
  readonly policy: ReplyPolicy;
  /** Every answer so far, in order; grows when a delayed or manual answer arrives. */
  readonly answers: readonly TestPlacementAnswer[];
  /** Answers this call by hand (e.g. a `'silent'` one, later): runs `onReply(value)`. */
  reply(value: unknown): void;
  /** Fails this call by hand: runs `onError(error)`, as a rejected SDK promise would. */
  fail(error: unknown): void;
}

export type { TestPlacementBinding };

/** One event the test drove into the placement, and what became of it. */
export interface TestPlacementEmission {
  readonly hostEventName: string;
  /** The raw value the handlers received. */
  readonly raw: unknown;
  readonly time: number;
  /** How many handlers ran (one per binding of the name: a double binding counts twice). */
  readonly delivered: number;
  /** How many bindings lost it to the SDK quirk (`sdkLostFirstEvent`). */
  readonly lost: number;
}

/** An event a binding lost to the SDK's pending `bindEvent` promise (`sdkLostFirstEvent`). */
export interface TestPlacementLostEvent {
  readonly hostEventName: string;
  readonly raw: unknown;
  readonly time: number;
  /** The binding whose handler did not receive it. */
  readonly binding: TestPlacementBinding;
}

/** A raw host event for `emitFrom`: any name, any payload (quirks and garbage). */
export interface RawHostEvent {
  readonly hostEventName: string;
  readonly raw: unknown;
}

/** The payload argument of `emit(type, ...)`: optional for no-data events, required otherwise. */
export type EmitPayloadArgs<T extends CallCardEventType> = undefined extends CallCardEventMap[T]
  ? [payload?: undefined]
  : [payload: CallCardEventMap[T]];

/** A `PlacementPort` that records everything and that a test drives. */
export interface TestPlacement extends PlacementPort {
  /** Every call received, in order (live array). */
  readonly calls: readonly TestPlacementCall[];
  /** Every binding received, in order, duplicates included (live array). */
  readonly bindings: readonly TestPlacementBinding[];
  /** Every event emitted, in order (live array). */
  readonly emitted: readonly TestPlacementEmission[];
  /** Emitted events nobody had bound: like the host, nothing was delivered. */
  readonly dropped: readonly TestPlacementEmission[];
  /** Events lost to the SDK quirk (only with `sdkLostFirstEvent`). */
  readonly lostEvents: readonly TestPlacementLostEvent[];
  /** How many times the event was bound: an event type (`'hangupButtonClick'`) or a host name. */
  bindCount(typeOrHostEventName: CallCardEventType | (string & Record<never, never>)): number;
  /** The calls of one command, in order. */
  callsOf(command: CommandNameOrString): readonly TestPlacementCall[];
  /** Emits a typed event to every binding of its host name. */
  emit<T extends CallCardEventType>(type: T, ...payload: EmitPayloadArgs<T>): void;
  /** Emits any raw value under any host name, as given (quirks, garbage, unknown names). */
  emitRaw(hostEventName: string, raw?: unknown): void;
  /**
   * Emits every value of `source$` (a typed event or a `RawHostEvent`) when it arrives; made for
   * `hot`/`cold` marbles. Unsubscribe to stop.
   */
  emitFrom(source$: Observable<CallCardEvent | RawHostEvent>): Subscription;
  /** Sets the policy of one command from now on (calls already made keep theirs). */
  setPolicy(command: CommandNameOrString, policy: ReplyPolicy): void;
  /** Sets the policy of every command without its own entry from now on. */
  setDefaultPolicy(policy: ReplyPolicy): void;
}

/** The SDK's "safe" window: how long its `bindEvent` promise stays pending. */
const SDK_SAFE_WINDOW_MS = 900;

const FACTORY = 'createTestPlacement';

function browserPolicy(command: string): ReplyPolicy {
  const kind = (COMMAND_REPLIES as Readonly<Record<string, string>>)[command];
  return kind === undefined || kind === 'none' ? 'silent' : 'ack';
}

function ackValue(command: string): unknown {
  return command === 'CallCardGetListUiStates' ? uiStatesReply() : [];
}

function hostName(typeOrName: string): string {
  return isCallCardEventType(typeOrName) ? hostEventName(typeOrName) : typeOrName;
}

/**
 * A fake `PlacementPort` for your tests: it records every command and binding, answers commands by
 * policy, and lets the test emit any host event, typed or raw, directly or from marbles.
 *
 * Rules:
 * 1. Commands: each `call` is recorded (`calls`, `callsOf`) with its scheduler time and answered
 *    by the policy of its name (`policies`, then `policy`, then the browser host's default: ack
 *    all 9 commands except the two timer commands, which never answer; unknown commands never
 *    answer either). Every answer is recorded on the call (`answers`), and a call can also be
 *    answered or failed by hand (`calls[0].reply([])`).
 * 2. Bindings: kept forever, like the host's. `emit` delivers to each binding of the host name, so
 *    a name bound twice gets the event twice; an event nobody bound reaches nobody and is listed
 *    in `dropped`.
 * 3. `emit(type, payload)` is typed by `CallCardEventMap` and sends no-data events as `''` (or
 *    `[]` with `noDataAs: '[]'`); `emitRaw` sends anything under any name.
 * 4. Lost first event (`sdkLostFirstEvent: true`): within 900 ms of a `bindEvent`, the first event
 *    under that binding is not delivered; it goes to `lostEvents`. The real SDK hands such an
 *    event to the `bindEvent` promise, and an adapter over the SDK can recover it from there. A
 *    `PlacementPort` has no promise, so this fake cannot hand it back: it shows what an app sees
 *    when nothing recovers the event (use it to prove your logic survives a missed click), and
 *    `lostEvents` tells the test what was swallowed.
 *
 * @example
 * ```ts
 * import { TestScheduler } from 'rxjs/testing';
 * import { createTestPlacement } from 'b24-call-card-rx/testing';
 *
 * new TestScheduler((a, e) => expect(a).toEqual(e)).run(({ hot, flush }) => {
 *   const placement = createTestPlacement({ policies: { CallCardSetMute: { error: 'busy' } } });
 *   placement.bindEvent('BackgroundCallCard::muteButtonClick', (raw) => console.log(raw));
 *   placement.emitFrom(hot('--m', { m: { type: 'muteButtonClick', payload: true } }));
 *   flush();
 *   // Logs: true
 *   placement.call('CallCardSetMute', { muted: true }, (reply) => console.log(reply));
 *   // Logs: [{ result: 'error', errorCode: 'busy' }]
 * });
 * ```
 */
export function createTestPlacement(options: TestPlacementOptions = {}): TestPlacement {
  const scheduler = options.scheduler ?? asyncScheduler;
  const now = (): number => scheduler.now();
  const noDataAs = checkNoDataStyle(FACTORY, options.noDataAs);
  const table = createBindingTable(now, options.sdkLostFirstEvent ? SDK_SAFE_WINDOW_MS : null);
  const policies = new Map<string, ReplyPolicy>();
  let defaultPolicy =
    options.policy === undefined
      ? undefined
      : checkReplyPolicy(FACTORY, 'options.policy', options.policy);
  for (const [name, policy] of Object.entries(options.policies ?? {}))
    if (policy !== undefined)
      policies.set(name, checkReplyPolicy(FACTORY, `options.policies.${name}`, policy));

  const calls: TestPlacementCall[] = [];
  const emitted: TestPlacementEmission[] = [];
  const lostEvents: TestPlacementLostEvent[] = [];

  function answer(call: TestPlacementCall, policy: ReplyPolicy): void {
    if (policy === 'silent') return;
    if (policy === 'ack') return call.reply(ackValue(call.command));
    if (policy === 'twice') {
      call.reply(ackValue(call.command));
      call.reply(ackValue(call.command));
      return;
    }
    if ('error' in policy) return call.reply(errorReply(policy.error));
    if ('reply' in policy) return call.reply(policy.reply);
    if ('transportError' in policy) return call.fail(policy.transportError);
    const then = policy.then ?? 'ack';
    scheduler.schedule(() => answer(call, then), policy.delayMs);
  }

  function deliver(name: string, raw: unknown): void {
    const emission = { hostEventName: name, raw, time: now(), delivered: 0, lost: 0 };
    // Recorded before delivery: a handler that emits again must be listed after this one.
    emitted.push(emission);
    const result = table.deliver(name, () => raw);
    emission.delivered = result.delivered;
    emission.lost = result.lost.length;
    for (const binding of result.lost)
      lostEvents.push({ hostEventName: name, raw, time: emission.time, binding });
    if (result.errors.length > 0) throw result.errors[0];
  }

  function emitTyped(type: unknown, payload: unknown): void {
    if (!isCallCardEventType(type))
      throw new CallCardInputError(
        'emit',
        'type',
        type,
        'one of the 17 call-card event types, e.g. "hangupButtonClick" (emitRaw sends any name)',
      );
    deliver(hostEventName(type), toRawPayload(payload, noDataAs));
  }

  return {
    calls,
    bindings: table.records,
    emitted,
    get dropped() {
      return emitted.filter((e) => e.delivered === 0 && e.lost === 0);
    },
    lostEvents,
    call(command, params, onReply, onError) {
      const answers: TestPlacementAnswer[] = [];
      const call: TestPlacementCall = {
        command,
        params: { ...params },
        time: now(),
        policy: policies.get(command) ?? defaultPolicy ?? browserPolicy(command),
        answers,
        reply(value) {
          answers.push({ kind: 'reply', time: now(), value });
          onReply(value);
        },
        fail(error) {
          answers.push({ kind: 'transportError', time: now(), error });
          onError?.(error);
        },
      };
      // Recorded before answering: a synchronous reply may send the next command re-entrantly.
      calls.push(call);
      answer(call, call.policy);
    },
    bindEvent(name, handler) {
      table.bind(name, handler);
    },
    bindCount(typeOrName) {
      return table.count(hostName(typeOrName));
    },
    callsOf(command) {
      return calls.filter((c) => c.command === command);
    },
    emit(type, ...payload) {
      emitTyped(type, payload[0]);
    },
    emitRaw(name, raw) {
      deliver(name, raw);
    },
    emitFrom(source$) {
      return source$.subscribe((event) => {
        if ('hostEventName' in event) deliver(event.hostEventName, event.raw);
        else emitTyped(event.type, event.payload);
      });
    },
    setPolicy(command, policy) {
      policies.set(command, checkReplyPolicy('setPolicy', command, policy));
    },
    setDefaultPolicy(policy) {
      defaultPolicy = checkReplyPolicy('setDefaultPolicy', 'policy', policy);
    },
  };
}
