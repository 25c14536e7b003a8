import { Observable, Subject } from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import { CallCardInputError, describeThrow } from '../model/errors';
import type { CallCardError } from '../model/errors';
import { fullMessages } from '../model/full-messages';
import { SESSION_LOG_VERSION } from '../model/session-log';
import type { CallCardSessionLog, SessionLogEntry } from '../model/session-log';
import type { CallCardSnapshot } from '../model/snapshot';
import { checkOptions, checkScheduler } from '../internal/check-arguments';
import { addListener } from '../internal/listeners';
import { createRunner } from '../internal/runner';
import { checkPlacement } from '../placement/check-placement';
import type { PlacementPort } from '../placement/placement-port';
import type { CardLifecycle, HostTrace, Session } from '../session/session';
import { onStarted, startUpOf } from '../session/start-up';
import { liveSnapshot } from '../state/card-store';
import { checkRedact } from './check-redact';
import { logEntry } from './log-entry';
import { redactEntry } from './redact-entry';
import { redactSnapshot } from './redact-snapshot';
import { toJsonValue } from './to-json-value';

/**
 * Options of {@link recordCallCard}: how long the log may grow (`maxEntries`), what it must hide
 * (`redact`, e.g. `redactPersonalData`), and the scheduler its times come from.
 */
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
   * redacted log replays like the original. A hook that throws, or returns no entry of the same
   * kind, is reported (rxjs's unhandled-error path), and that entry keeps its raw values with
   * every string and number in them hidden, as `redactPersonalData` hides a payload
   * (`"[redacted]"`, `1`); recording and the host's delivery go on.
   *
   * With a hook, the log's `snapshot` goes through it too: its `call` and `entity` as the payloads
   * of an `initialized` and an `entityChanged` event, its `title` and `statusText` as the params
   * of their commands (`id: 0`), so it hides exactly what the entries hide and a redacted log
   * replays to its own snapshot.
   */
  readonly redact?: (entry: SessionLogEntry) => SessionLogEntry;
}

/**
 * What {@link recordCallCard} returns: a recording in progress, and its log. Keep it to take the
 * log (`log()`) when a user reports a problem, and `stop()` it when the page no longer needs it.
 */
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

const WHERE = 'recordCallCard';

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
 * 3. Raw values are deep-copied when they are recorded, through `JSON.stringify` and
 *    `JSON.parse`, so a host that later changes its objects changes nothing in the log. A value
 *    JSON cannot hold, such as `NaN`, a function or a `Date`, becomes
 *    `{ "unserializable": "<what>" }`; a raw value with a cycle or a getter that throws becomes
 *    one such marker as a whole.
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
  const port = checkPlacement(WHERE, placement);
  const given = checkOptions(WHERE, options, ['scheduler', 'maxEntries', 'redact']);
  const scheduler = checkScheduler(WHERE, given);
  // The default keeps about an hour of a call whose status text changes every second.
  const maxEntries = (given['maxEntries'] ?? 10_000) as number;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1)
    throw new CallCardInputError(
      WHERE,
      'options.maxEntries',
      maxEntries,
      fullMessages() ? 'a whole number of entries, at least 1' : '',
    );
  const redact = checkRedact(WHERE, given['redact']);
  const startUp = startUpOf(port);

  const startedAt = scheduler.now();
  // Known once the placement is: at once for a host placement, on arrival for a deferred one.
  let session: Session | undefined;
  let firstCard = 0;
  let firstLifecycle: CardLifecycle = 'waiting';
  // A ring of `maxEntries` slots: entry number `n` (from 0) is kept in slot `n % maxEntries`.
  const entries: SessionLogEntry[] = [];
  let count = 0;
  let final: CallCardSessionLog | undefined;
  const live = new Subject<SessionLogEntry>();
  // An entries$ subscriber that causes another entry (a command sent synchronously) gets it after
  // every subscriber has this one: all of them see the log's order.
  const emitter = createRunner();
  const emit = (entry: SessionLogEntry): void => live.next(entry);
  const since = (): number => scheduler.now() - startedAt;
  const kept = (fields: Readonly<Record<string, unknown>>): SessionLogEntry =>
    redact ? redactEntry(fields, redact) : logEntry(fields);

  const tracer = (trace: HostTrace): void => {
    // Stopped during a delivery that had already started: the log is final.
    if (final) return;
    // A trace is an entry under other names: `name` is an event's `event` or a command's
    // `command`, `raw` an event's `payload` or a reply's `reply`, an error is kept in words; the
    // rest (`id`, `params`, `card`, `lifecycle`, `cause`) is the same.
    const { kind, name, raw, error, ...same } = trace as Readonly<Record<string, unknown>> & {
      kind: HostTrace['kind'];
    };
    const event = kind === 'event';
    const entry = kept({
      kind: kind === 'call' ? 'command' : kind,
      at: since(),
      [event ? 'event' : 'command']: name,
      ...same,
      [event ? 'payload' : 'reply']: raw,
      error:
        kind === 'failure'
          ? logError(error as CallCardError)
          : kind === 'transportError'
            ? errorText(error)
            : undefined,
    });
    entries[count++ % maxEntries] = entry;
    if (live.observed) emitter.run(emit, entry, undefined);
  };
  let release: () => void = () => undefined;
  const stopWaiting = onStarted(startUp, (started) => {
    session = started;
    firstCard = started.tracker.number;
    firstLifecycle = started.tracker.lifecycle;
    release = addListener(started.tracers, tracer);
  });

  const takeLog = (): CallCardSessionLog => {
    const at = since();
    const oldest = count % maxEntries;
    const shown = session && liveSnapshot(session, scheduler);
    const snapshot = shown && toJsonValue(redact ? redactSnapshot(shown, redact) : shown, true);
    return Object.freeze({
      version: SESSION_LOG_VERSION,
      startedAt,
      endedAt: at,
      card: firstCard,
      lifecycle: firstLifecycle,
      dropped: count > maxEntries ? count - maxEntries : 0,
      redacted: redact !== undefined,
      snapshot: (snapshot ?? null) as CallCardSnapshot | null,
      entries: Object.freeze(entries.slice(oldest).concat(entries.slice(0, oldest))),
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

/** A transport failure in words: an error's message, anything else as `String` writes it. */
function errorText(error: unknown): string {
  return describeThrow(error instanceof Error ? error.message : error);
}

/**
 * A library error as a log keeps it: its name, message and the fields users branch on. A
 * `CallCardUnavailableError` traced about a command names it as its `subject`: its `command` here.
 * Fields it does not have are left out by `logEntry`.
 */
function logError(error: CallCardError): Readonly<Record<string, unknown>> {
  const fields = error as CallCardError & Readonly<Record<string, unknown>>;
  const { name, message, command = fields['subject'], event, errorCode } = fields;
  return { name, message, command, event, errorCode };
}
