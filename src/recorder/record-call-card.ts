import { Observable, Subject, asyncScheduler } from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import { CallCardError, CallCardInputError, describeThrow, describeValue } from '../model/errors';
import { SESSION_LOG_VERSION } from '../model/session-log';
import type { CallCardSessionLog, JsonValue, SessionLogEntry } from '../model/session-log';
import type { CallCardSnapshot } from '../model/snapshot';
import { checkOptions, checkScheduler } from '../internal/check-arguments';
import { addListener } from '../internal/listeners';
import { reportError } from '../internal/report-error';
import { createRunner } from '../internal/runner';
import { checkPlacement } from '../placement/check-placement';
import type { PlacementPort } from '../placement/placement-port';
import type { CardLifecycle, HostTrace, Session } from '../session/session';
import { onStarted, startUpOf } from '../session/start-up';
import { liveSnapshot } from '../state/card-store';
import { redactEntry } from './redact-entry';
import { redactSnapshot } from './redact-snapshot';
import { toJsonValue } from './to-json-value';
import { toSessionLogError } from './to-session-log-error';

/** Options of {@link recordCallCard}. */
export interface RecordCallCardOptions {
  /**
   * Where the log's times come from (`startedAt`, each entry's `at`). Default `asyncScheduler`;
   * under `TestScheduler.run` the times are virtual.
   */
  readonly scheduler?: SchedulerLike;
  /**
   * How many entries the log keeps, at least 1 (default 10 000: about an hour of a call whose
   * status text changes every second, some 1 MB of JSON). When it is full, each new entry drops
   * the oldest one, and the log's `dropped` counts them.
   */
  readonly maxEntries?: number;
  /**
   * Hides what a log must not carry (phone numbers, CRM ids, ...) before an entry is kept: it
   * gets a copy of each entry and returns the entry to keep, changed as it likes (in place or
   * as a new object). `redactPersonalData` is a ready-made one.
   *
   * Only the entry's raw values are taken from what it returns (`payload`, `params`, `reply`,
   * `error`, made JSON-safe again); the kind, time, ids, card and names stay as recorded, so a
   * redacted log replays like the original. The log's `snapshot` goes through it too: its
   * `call` and `entity` as the payloads of an `initialized` and an `entityChanged` event, its
   * `title` and `statusText` as the params of a `CallCardSetCardTitle` and a
   * `CallCardSetStatusText` command with `id: 0`. A hook that throws or returns no entry of the
   * same kind is reported (rxjs's unhandled-error path) and that entry keeps no raw value
   * (each becomes `{ "unserializable": "withheld: ..." }`); recording and the host's delivery go
   * on.
   */
  readonly redact?: (entry: SessionLogEntry) => SessionLogEntry;
}

/** What {@link recordCallCard} returns: a recording in progress, and its log. */
export interface CallCardRecorder {
  /**
   * The session so far (after `stop()`, as it was then): plain, frozen JSON data, the same
   * after `JSON.parse(JSON.stringify(log))`. Each call makes a new log; the entries are shared.
   */
  log(): CallCardSessionLog;
  /**
   * Stops recording: releases the session's tracer, completes `entries$` and fixes the log
   * (`endedAt`, `snapshot`). A second call does nothing.
   */
  stop(): void;
  /** Whether `stop()` was called. */
  readonly stopped: boolean;
  /**
   * Each entry as it is recorded (after `redact`), for live tools: hot, nothing replayed,
   * completes on `stop()` (at once for a subscriber that comes later). Entries dropped by
   * `maxEntries` were emitted all the same.
   */
  readonly entries$: Observable<SessionLogEntry>;
}

/** The default of `maxEntries`. */
const DEFAULT_MAX_ENTRIES = 10_000;

const OPTION_KEYS: readonly string[] = ['scheduler', 'maxEntries', 'redact'];

/**
 * Records what the library and the host say to each other on `placement`, as a versioned JSON log
 * a user can attach to a support ticket, and a test can replay.
 *
 * 1. It records the session of `placement`, the one every stream, sink and facade of that
 *    placement shares (also across the ESM and CJS builds), without wrapping the placement:
 *    from the moment it is called, every raw host event as delivered (name and payload, read or
 *    not), every command handed to the host (name, params, the card it was sent to), every
 *    reply (late and second ones too; a command without one got none), transport errors, card
 *    boundaries, and the library's own verdicts (unreadable payloads and replies, timeouts,
 *    commands not sent because their card ended). It binds no host event itself: it hears the
 *    events the app's streams bound. Pass the same object the app connects (a `deferPlacement`
 *    one included).
 * 2. Times are `scheduler.now()`: the log's `startedAt`, and each entry's `at` in ms since then.
 * 3. Raw values are deep-copied when they are recorded, into what JSON can hold (a value it
 *    cannot, such as `NaN`, a function or a cycle, becomes `{ "unserializable": "<what>" }`), so
 *    a host that later changes its objects changes nothing in the log.
 * 4. Bounded: it keeps the last `maxEntries` entries; `dropped` counts the ones let go.
 * 5. `redact` runs over each entry before it is kept (see {@link RecordCallCardOptions}).
 * 6. `log()` is `{ version: 1, startedAt, endedAt, card, lifecycle, dropped, redacted, snapshot,
 *    entries }` (see `CallCardSessionLog`): `card` and `lifecycle` are the session's card when
 *    recording started (a recorder started mid-call says which card was open); `snapshot` is
 *    what the card shows when the log is taken, if a `connectCallCard` keeps the state of this
 *    placement (the one on this scheduler, else any), and `null` otherwise.
 * 7. Several recorders on one placement are independent. While none records, the library pays
 *    one length check per host event and command.
 * 8. Nothing of the recorder throws into the host's callbacks or the app's sends.
 *
 * Bad `placement` or `options` throw `CallCardInputError`.
 *
 * @example
 * Record from start-up, and offer the log for download when something goes wrong:
 * ```ts
 * import { connectCallCard, fromBX24, recordCallCard, redactPersonalData } from 'b24-call-card-rx';
 *
 * const placement = fromBX24();
 * const recorder = recordCallCard(placement, { redact: redactPersonalData });
 * const card = connectCallCard(placement);
 *
 * // Later, e.g. from a "Report a problem" button:
 * const json = JSON.stringify(recorder.log(), null, 2);
 * const link = document.createElement('a');
 * link.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
 * link.download = 'call-card-session.json';
 * link.click();
 * ```
 *
 * @example
 * Watch entries live (a debugging panel, a bridge to another tool):
 * ```ts
 * import { recordCallCard } from 'b24-call-card-rx';
 *
 * const recorder = recordCallCard(placement, { maxEntries: 500 });
 * recorder.entries$.subscribe((entry) => console.debug(entry.kind, entry.at, entry));
 * // Logs: event 0 { kind: 'event', at: 0, event: 'BackgroundCallCard::initialized', payload: {...} }
 * recorder.stop(); // entries$ completes; recorder.log() stays readable
 * ```
 */
export function recordCallCard(
  placement: PlacementPort,
  options?: RecordCallCardOptions,
): CallCardRecorder {
  const port = checkPlacement('recordCallCard', placement);
  const given = checkOptions('recordCallCard', options, OPTION_KEYS);
  const scheduler = checkScheduler(
    'recordCallCard',
    'options.scheduler',
    given['scheduler'],
    asyncScheduler,
  );
  const maxEntries = checkMaxEntries(given['maxEntries']);
  const redact = checkRedact(given['redact']);
  const startUp = startUpOf(port);

  const startedAt = scheduler.now();
  // Known once the placement is: at once for a host placement, on arrival for a deferred one.
  let session: Session | undefined;
  let firstCard = 0;
  let firstLifecycle: CardLifecycle = 'waiting';
  // A ring: `entries` grows to `maxEntries`, then `next` is where the oldest one is overwritten.
  const entries: SessionLogEntry[] = [];
  let next = 0;
  let dropped = 0;
  let final: CallCardSessionLog | undefined;
  const live = new Subject<SessionLogEntry>();
  // An entries$ subscriber that causes another entry (a command sent synchronously) gets it after
  // every subscriber has this one: all of them see the log's order.
  const emitter = createRunner();
  const emit = (entry: SessionLogEntry): void => live.next(entry);

  const keep = (recorded: SessionLogEntry): void => {
    // Stopped during a delivery that had already started: the log is final.
    if (final) return;
    const entry = redact ? redactEntry(recorded, redact) : recorded;
    if (entries.length < maxEntries) entries.push(entry);
    else {
      entries[next] = entry;
      next = next + 1 === maxEntries ? 0 : next + 1;
      dropped += 1;
    }
    if (live.observed) emitter.run(emit, entry, undefined);
  };
  const since = (): number => scheduler.now() - startedAt;

  const tracer = (trace: HostTrace): void => {
    const at = since();
    switch (trace.kind) {
      case 'event': {
        const payload = toJsonValue(trace.raw, true);
        return keep(
          Object.freeze(
            payload === undefined
              ? { kind: 'event', at, event: trace.name }
              : { kind: 'event', at, event: trace.name, payload },
          ),
        );
      }
      case 'call':
        return keep(
          Object.freeze({
            kind: 'command',
            at,
            id: trace.id,
            command: trace.name,
            params: (toJsonValue(trace.params, true) ?? EMPTY) as {
              readonly [key: string]: JsonValue;
            },
            card: trace.card,
          }),
        );
      case 'reply': {
        const reply = toJsonValue(trace.raw, true);
        const id = trace.id;
        return keep(
          Object.freeze(
            reply === undefined ? { kind: 'reply', at, id } : { kind: 'reply', at, id, reply },
          ),
        );
      }
      case 'transportError':
        return keep(
          Object.freeze({
            kind: 'transportError',
            at,
            id: trace.id,
            error: errorText(trace.error),
          }),
        );
      case 'card':
        return keep(
          Object.freeze({
            kind: 'card',
            at,
            card: trace.card,
            lifecycle: trace.lifecycle,
            cause: trace.cause,
          }),
        );
      case 'failure': {
        const logged = toSessionLogError(trace.error);
        return keep(
          Object.freeze(
            trace.id === undefined
              ? { kind: 'failure', at, error: logged }
              : { kind: 'failure', at, id: trace.id, error: logged },
          ),
        );
      }
    }
  };
  let release: () => void = () => undefined;
  const stopWaiting = onStarted(startUp, (started) => {
    session = started;
    firstCard = started.tracker.number;
    firstLifecycle = started.tracker.lifecycle;
    release = addListener(started.tracers, tracer);
  });

  const takeLog = (): CallCardSessionLog => {
    const endedAt = since();
    const ordered =
      next === 0 ? entries.slice() : [...entries.slice(next), ...entries.slice(0, next)];
    const shown = session ? liveSnapshot(session, scheduler) : null;
    const copied = shown && (toJsonValue(shown, true) as unknown as CallCardSnapshot);
    return Object.freeze({
      version: SESSION_LOG_VERSION,
      startedAt,
      endedAt,
      card: firstCard,
      lifecycle: firstLifecycle,
      dropped,
      redacted: redact !== undefined,
      snapshot:
        copied && redact
          ? redactedSnapshot(copied, redact, endedAt, session?.tracker.number ?? 0)
          : copied,
      entries: Object.freeze(ordered),
    });
  };

  return {
    log: () => final ?? takeLog(),
    stop() {
      if (final) return;
      stopWaiting();
      release();
      final = takeLog();
      live.complete();
    },
    get stopped() {
      return final !== undefined;
    },
    entries$: live.asObservable(),
  };
}

const EMPTY: { readonly [key: string]: JsonValue } = /* @__PURE__ */ Object.freeze({});

/** A transport failure in words: an error's message, a string as it is, or the value described. */
function errorText(error: unknown): string {
  if (typeof error === 'string') return error;
  try {
    if (error instanceof Error && typeof error.message === 'string') return error.message;
  } catch {
    // A hostile value (a Proxy whose prototype trap throws): described below.
  }
  return describeValue(error);
}

/** The log's snapshot through `redact`; a hook that throws is reported and the log gets none. */
function redactedSnapshot(
  snapshot: CallCardSnapshot,
  redact: (entry: SessionLogEntry) => SessionLogEntry,
  at: number,
  card: number,
): CallCardSnapshot | null {
  try {
    return redactSnapshot(snapshot, redact, at, card);
  } catch (cause) {
    reportError(
      new CallCardError(
        `recordCallCard: options.redact threw on the log's snapshot (${describeThrow(cause)}); the log has no snapshot`,
        { cause },
      ),
    );
    return null;
  }
}

/** Checks `options.maxEntries`: a whole number, at least 1. */
function checkMaxEntries(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_ENTRIES;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    throw new CallCardInputError(
      'recordCallCard',
      'options.maxEntries',
      value,
      'a whole number of entries, at least 1',
    );
  return value;
}

/** Checks `options.redact`: a function, or nothing. */
function checkRedact(value: unknown): ((entry: SessionLogEntry) => SessionLogEntry) | undefined {
  if (value === undefined || typeof value === 'function')
    return value as ((entry: SessionLogEntry) => SessionLogEntry) | undefined;
  throw new CallCardInputError(
    'recordCallCard',
    'options.redact',
    value,
    'a function (entry) => entry, or nothing',
  );
}
