import type { CallCardCommand } from '../model/commands';
import type { CallCardError, CallCardPayloadError } from '../model/errors';
import type { CallCardEventType } from '../model/events';
import type { SessionLogCardCause } from '../model/session-log';
import { createListeners } from './listeners';
import type { Listeners } from './listeners';
import { pageShared } from './page-registry';
import { createRunner } from './runner';
import type { Runner } from './runner';

/**
 * Where the placement's current card is in its life:
 * - `waiting`: no `initialized` nor Close click seen yet (a card may exist that this frame did
 *   not see raised);
 * - `open`: card `card` was `initialized` and has not ended;
 * - `closed`: card `card` ended (Close clicked, or `closeCard()` acknowledged).
 */
export type CardLifecycle = 'waiting' | 'open' | 'closed';

/** Whoever hears one event's payloads: an rxjs subscriber, or anything with `next`. */
export interface EventListener {
  next(payload: unknown): void;
}

/** One host event's listeners and replay memory. */
export interface EventChannel {
  readonly session: Session;
  readonly type: CallCardEventType;
  readonly listeners: Listeners<EventListener>;
  /** Whether `bindEvent` was called (successfully) for this event. */
  bound: boolean;
  /** Whether `last` holds a payload to replay (`initialized`, `entityChanged`). */
  has: boolean;
  last: unknown;
}

/**
 * A listener that sees every host event first, read or not (the facades' stores): the payload,
 * or the error that refused it.
 */
export type EventTap = (
  type: CallCardEventType,
  payload: unknown,
  refused: CallCardPayloadError | undefined,
) => void;

/**
 * Whoever follows what crosses between the library and the host, raw and as it happens (a
 * recorder). Told nothing, and costing one length check per host event and call, while none
 * listens.
 */
export interface HostTracer {
  /** A host event as delivered (`name` is the host's), before it is read. */
  event(name: string, raw: unknown): void;
  /** Command `id` handed to the host, for card `card`. */
  call(id: number, name: string, params: Readonly<Record<string, unknown>>, card: number): void;
  /** An answer of the host to command `id`, every one, as the host sent it. */
  reply(id: number, raw: unknown): void;
  /** The transport failed for command `id`. */
  transportError(id: number, error: unknown): void;
  /** Card `card` began or ended. */
  card(card: number, lifecycle: 'open' | 'closed', cause: SessionLogCardCause): void;
  /** The library's own verdict on something the host did (`id`: the command it concerns). */
  failure(error: CallCardError, id: number | undefined): void;
}

/** A listener on every command the host applied, with the card it was sent to. */
export type AppliedTap = (command: CallCardCommand, card: number) => void;

/**
 * Everything the library keeps once per host placement (internal), shared by every build of the
 * library in the page: the event bindings and their listeners, which card is open, the applied
 * commands' listeners and the serial command queue. Every public function looks the session up
 * once (`sessionOf`) and works on it; the layers own their parts (the streams layer the events
 * and the card, the commands layer the queue and the applied commands), and no part keeps a
 * second view of another's.
 *
 * Plain data and functions only, no rxjs objects: each build may bring its own rxjs.
 */
export interface Session {
  // --- host events (streams layer) ---
  readonly channels: Map<CallCardEventType, EventChannel>;
  /** Run first for every event, before its own listeners. */
  readonly taps: Listeners<EventTap>;
  readonly malformed: Listeners<(error: CallCardPayloadError) => void>;
  /** Keeps host events in host order for every listener, across both builds. */
  readonly dispatch: Runner;

  // --- the card (streams layer writes, everyone else reads) ---
  /** How many `initialized` the host raised, readable or not: the number of the current card. */
  card: number;
  lifecycle: CardLifecycle;
  /** Why the current card is `closed`, in words for error messages. */
  closedBy: string;
  /**
   * When the replayed `entityChanged` came: the card then (`card`), and whether that card was
   * open. A facade that takes over tells from these whether the entity belongs to the open card
   * or came before it.
   */
  entityCard: number;
  entityWhileOpen: boolean;
  /** Told after every change of `card` or `lifecycle`, once the event's listeners ran. */
  readonly cardListeners: Listeners<(nothing: undefined) => void>;

  // --- applied commands (commands layer) ---
  /** Run synchronously when the host applied a command: the library's own bookkeeping. */
  readonly appliedTaps: Listeners<AppliedTap>;
  /** Public listeners (`appliedCommands`), run in order after the taps. */
  readonly appliedListeners: Listeners<(command: CallCardCommand) => void>;
  readonly appliedRunner: Runner;
  /** The serial command queue, made on first use by the commands layer. */
  queue: object | undefined;

  // --- the facades' live state, one per scheduler (facade layer) ---
  readonly stores: Map<object, object>;

  // --- tracing (recorders) ---
  readonly tracers: Listeners<HostTracer>;
  /** How many commands were handed to the host: the id of the next one, less one. */
  calls: number;
}

/** The session of `placement`, made on first use; the same for every build in the page. */
export function sessionOf(placement: object): Session {
  return pageShared<Session>('session@3', placement, () => ({
    channels: new Map(),
    taps: createListeners(),
    malformed: createListeners(),
    dispatch: createRunner(),
    card: 0,
    lifecycle: 'waiting',
    closedBy: '',
    entityCard: 0,
    entityWhileOpen: false,
    cardListeners: createListeners(),
    appliedTaps: createListeners(),
    appliedListeners: createListeners(),
    appliedRunner: createRunner(),
    queue: undefined,
    stores: new Map(),
    tracers: createListeners(),
    calls: 0,
  }));
}
