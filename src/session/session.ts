import type { SchedulerLike } from 'rxjs';
import type { CallCardActivity } from '../model/activity';
import type { CallCardCommand } from '../model/commands';
import type {
  CallCardError,
  CallCardPayloadError,
  CallCardUnavailableError,
} from '../model/errors';
import type { CallCardEventType } from '../model/events';
import type { CommandOutcome } from '../model/outcome';
import type { SessionLogCardCause } from '../model/session-log';
import type { CallCardSnapshot, Reduction } from '../model/snapshot';
import { createListeners } from '../internal/listeners';
import type { Listeners } from '../internal/listeners';
import { pageShared } from '../internal/page-registry';
import { createRunner } from '../internal/runner';
import type { Runner } from '../internal/runner';
import type { PlacementPort } from '../placement/placement-port';

// The per-placement session (internal) and everything it owns, typed here once: the event
// bindings, the card tracker, the command queue, the applied channel, the facades' live state and
// the tracers. The layers above implement the parts (the commands layer the queue, the state
// layer the live state); the session only keeps them. Plain data and functions only, no rxjs
// objects: the ESM and CJS builds of the library share one session, and each may bring its own
// rxjs.

/**
 * Where the placement's current card is in its life:
 * - `waiting`: no `initialized` nor Close click seen yet (a card may exist that this frame did
 *   not see raised);
 * - `open`: card `number` was `initialized` and has not ended;
 * - `closed`: card `number` ended (Close clicked, or `closeCard()` acknowledged).
 */
export type CardLifecycle = 'waiting' | 'open' | 'closed';

/**
 * Which card the host shows: counted once, here, by the event hub (and by an acknowledged
 * `closeCard()`), and read by everyone else: the queue, the transmissions, the live state.
 */
export interface CardTracker {
  /** How many `initialized` the host raised, readable or not: the current card's number. */
  number: number;
  lifecycle: CardLifecycle;
  /** How the current card ended, while `lifecycle` is `closed`. */
  closedBy: 'closeClick' | 'closeCommand' | undefined;
  /**
   * Card events (`initialized`, a Close click) the host raised while an earlier event was still
   * being delivered: the card is about to change, so nothing is sent until they are delivered.
   */
  coming: number;
  /** Told after every change of `number` or `lifecycle`, once the event's listeners ran. */
  readonly changed: Listeners<() => void>;
}

/** One host event's listeners and replay memory. */
export interface EventChannel {
  readonly session: Session;
  readonly type: CallCardEventType;
  /** Its subscribers (or anything with `next`), told each payload. */
  readonly listeners: Listeners<{ next(payload: unknown): void }>;
  /** Whether `bindEvent` was called (successfully) for this event. */
  bound: boolean;
  /**
   * The payload to replay (`initialized`, `entityChanged`), or `undefined` for none: a payload
   * of these events is never `undefined`.
   */
  last: unknown;
  /** The card when `last` came. */
  lastCard: number;
}

/**
 * A listener that sees every host event first, read or not (the live state): the payload, or the
 * error that refused it. The card an `initialized` opened is already counted in the tracker.
 */
export type EventTap = (
  type: CallCardEventType,
  payload: unknown,
  refused: CallCardPayloadError | undefined,
) => void;

/** A listener on every command the host applied, with the card it was sent to. */
export type AppliedTap = (command: CallCardCommand, card: number) => void;

/**
 * One thing that crossed between the library and the host, raw, as a tracer (a recorder) hears
 * it:
 * - `event`: a host event as delivered (`name` is the host's), before it is read;
 * - `call`: command `id` handed to the host, for card `card`;
 * - `reply`: an answer of the host to command `id`, every one, as the host sent it;
 * - `transportError`: the transport failed for command `id`;
 * - `card`: card `card` began or ended;
 * - `failure`: the library's own verdict on something the host did (`id`: the command it
 *   concerns).
 */
export type HostTrace =
  | { readonly kind: 'event'; readonly name: string; readonly raw: unknown }
  | {
      readonly kind: 'call';
      readonly id: number;
      readonly name: string;
      readonly params: Readonly<Record<string, unknown>>;
      readonly card: number;
    }
  | { readonly kind: 'reply'; readonly id: number; readonly raw: unknown }
  | { readonly kind: 'transportError'; readonly id: number; readonly error: unknown }
  | {
      readonly kind: 'card';
      readonly card: number;
      readonly lifecycle: 'open' | 'closed';
      readonly cause: SessionLogCardCause;
    }
  | { readonly kind: 'failure'; readonly error: CallCardError; readonly id: number | undefined };

/**
 * Whoever follows what crosses between the library and the host, as it happens (a recorder).
 * While none listens, tracing costs one length check per host event and call.
 */
export type HostTracer = (trace: HostTrace) => void;

/** The options of a sink or a send, checked, with defaults filled in. */
export interface CommandOptions {
  readonly timeoutMs: number;
  readonly scheduler: SchedulerLike;
  readonly waitForInitialized: boolean;
}

/** One subscriber of the sink (or one `send`) as the queue sees it. */
export interface QueueSink {
  readonly options: CommandOptions;
  /** False once the sink's subscriber is gone: its outcomes are dropped. */
  isActive(): boolean;
  receive(outcome: CommandOutcome): void;
}

/** Where a sink hands its commands: the session's queue, or the one a start-up's wait in. */
export interface SinkQueue {
  /**
   * Queues a command: `command` as the app gave it (its outcome carries it), `checked` what
   * `validateCommand` made of it (what is sent and applied). It reaches the host after every
   * command queued before it.
   */
  enqueue(sink: QueueSink, command: CallCardCommand, checked: CallCardCommand): void;
  /** Drops the sink's queued, unsent commands (a command already sent still runs to its end). */
  cancel(sink: QueueSink): void;
}

/** The serial command queue of one session, shared by every sink on it (commands layer). */
export interface CommandQueue extends SinkQueue {
  /**
   * Takes commands that waited while the placement started, in their order, as if each were
   * queued now: all for the card of this moment (none is sent before all are queued).
   */
  adopt(waiting: readonly WaitingCommand[]): void;
}

/** A command handed over while the placement started. */
export interface WaitingCommand {
  readonly sink: QueueSink;
  /** As the app gave it, for its outcome. */
  readonly command: CallCardCommand;
  /** What `validateCommand` made of it: what is sent and applied. */
  readonly checked: CallCardCommand;
}

/**
 * The live state of the session's card on one scheduler (state layer): `callCardState`'s reducer
 * over the activity it delivers, kept while any facade uses it.
 */
export interface LiveState {
  /** The state as of the last activity. */
  reduction: Reduction;
  /** The state as of the last activity delivered (what a `sync` carries). */
  delivered: Reduction;
  /** How many facades use it; the last one out stops it. */
  refs: number;
  /** Delivers activities and snapshots in order under re-entrancy. */
  readonly runner: Runner;
  readonly activity: Listeners<(activity: CallCardActivity) => void>;
  readonly state: Listeners<(snapshot: CallCardSnapshot) => void>;
  readonly malformed: Listeners<(error: CallCardPayloadError) => void>;
  stop(): void;
}

/**
 * The start-up of what a placement handed to the library leads to: for a host placement, its
 * session at once; for a deferred one (`deferPlacement`), `starting` until the real placement is
 * known, then the session of that placement (made, or joined when it already has one, however
 * many wrappers lead to it), or `failed`. Whoever needs the session while it is starting waits:
 * streams attach, live states switch and recorders start on `attach`; the commands handed over
 * meanwhile wait in order in `queue` and move on into the session's queue on `release`, after
 * everything attached, so no command can be applied before the state listens.
 */
export interface StartUp {
  /** The session, once the real placement is known. */
  session: Session | undefined;
  /** Why it never will be, once the start failed. */
  failure: CallCardUnavailableError | undefined;
  /** Told once, when `session` or `failure` is set: first these... */
  readonly attach: Listeners<() => void>;
  /** ...then these (the commands that waited). */
  readonly release: Listeners<() => void>;
  /** The queue the commands handed over while starting wait in (commands layer), made on use. */
  queue: SinkQueue | undefined;
}

/**
 * Everything the library keeps once per host placement, shared by every build of the library in
 * the page. Every public function finds it through the placement's start-up (`startUpOf`) and
 * works on it; each layer owns its part, and no part keeps a second view of another's.
 */
export interface Session {
  /** The host placement. */
  readonly placement: PlacementPort;
  /** Its start-up, started at once: what a function handed this very placement holds. */
  readonly startUp: StartUp;

  // --- host events (event hub) ---
  readonly channels: Map<CallCardEventType, EventChannel>;
  /** Run first for every event, before its own listeners. */
  readonly taps: Listeners<EventTap>;
  readonly malformed: Listeners<(error: CallCardPayloadError) => void>;
  /** Keeps host events in host order for every listener, across both builds. */
  readonly dispatch: Runner;

  // --- the card (event hub writes, everyone else reads) ---
  readonly tracker: CardTracker;

  // --- applied commands ---
  /** Run synchronously when the host applied a command: the library's own bookkeeping. */
  readonly appliedTaps: Listeners<AppliedTap>;
  /** Public listeners (`appliedCommands`), run in order after the taps. */
  readonly appliedListeners: Listeners<(command: CallCardCommand) => void>;
  readonly appliedRunner: Runner;
  /** The serial command queue, made on first use by the commands layer. */
  queue: CommandQueue | undefined;

  // --- the facades' live state, one per scheduler ---
  readonly stores: Map<SchedulerLike, LiveState>;

  // --- tracing (recorders) ---
  readonly tracers: Listeners<HostTracer>;
  /** How many commands were handed to the host: the id of the last one. */
  calls: number;
}

/** A start-up still starting. */
export function createStartUp(): StartUp {
  return {
    session: undefined,
    failure: undefined,
    attach: createListeners(),
    release: createListeners(),
    queue: undefined,
  };
}

/** The session of host placement `placement`, made on first use; the same for every build in the page. */
export function sessionOf(placement: PlacementPort): Session {
  return pageShared<Session>('session@4', placement, () => {
    const session: Session = {
      placement,
      startUp: createStartUp(),
      channels: new Map(),
      taps: createListeners(),
      malformed: createListeners(),
      dispatch: createRunner(),
      tracker: {
        number: 0,
        lifecycle: 'waiting',
        closedBy: undefined,
        coming: 0,
        changed: createListeners(),
      },
      appliedTaps: createListeners(),
      appliedListeners: createListeners(),
      appliedRunner: createRunner(),
      queue: undefined,
      stores: new Map(),
      tracers: createListeners(),
      calls: 0,
    };
    session.startUp.session = session;
    return session;
  });
}
