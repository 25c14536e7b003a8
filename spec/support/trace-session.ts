import type { SchedulerLike } from 'rxjs';
import type { CallCardSnapshot } from '../../src/model/snapshot';
import type {
  CallCardSessionLog,
  JsonValue,
  SessionLogEntry,
  SessionLogError,
} from '../../src/model/session-log';
import { addListener } from '../../src/internal/listeners';
import { sessionOf } from '../../src/internal/session';
import type { HostTracer } from '../../src/internal/session';
import type { PlacementPort } from '../../src/placement/placement-port';

/** A session log taken by `traceSession`, and how to stop taking it. */
export interface SessionTrace {
  /** The log so far, with `snapshot` as given (what the app's card showed at the end). */
  log(snapshot?: CallCardSnapshot | null): CallCardSessionLog;
  stop(): void;
}

/** A raw host value as JSON keeps it; `undefined` stays absent. */
function toJson(raw: unknown): JsonValue | undefined {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(JSON.stringify(raw)) as JsonValue;
  } catch {
    return { unserializable: String(raw) };
  }
}

/**
 * Records what the session of `placement` sees, as a session log, through a `HostTracer`
 * registered on the session: what a recorder does, kept small for the replay's specs.
 */
export function traceSession(placement: PlacementPort, scheduler: SchedulerLike): SessionTrace {
  const session = sessionOf(placement);
  const startedAt = scheduler.now();
  const card = session.card;
  const lifecycle = session.lifecycle;
  const entries: SessionLogEntry[] = [];
  const at = (): number => scheduler.now() - startedAt;

  const tracer: HostTracer = {
    event(name, raw) {
      const payload = toJson(raw);
      entries.push(
        payload === undefined
          ? { kind: 'event', at: at(), event: name }
          : { kind: 'event', at: at(), event: name, payload },
      );
    },
    call(id, name, params, sentTo) {
      const json = toJson(params) as { [key: string]: JsonValue };
      entries.push({ kind: 'command', at: at(), id, command: name, params: json, card: sentTo });
    },
    reply(id, raw) {
      const reply = toJson(raw);
      entries.push(
        reply === undefined
          ? { kind: 'reply', at: at(), id }
          : { kind: 'reply', at: at(), id, reply },
      );
    },
    transportError(id, error) {
      const message = error instanceof Error ? error.message : String(error);
      entries.push({ kind: 'transportError', at: at(), id, error: message });
    },
    card(number, state, cause) {
      entries.push({ kind: 'card', at: at(), card: number, lifecycle: state, cause });
    },
    failure(error, id) {
      const kept: { -readonly [K in keyof SessionLogError]: SessionLogError[K] } = {
        name: error.name,
        message: error.message,
      };
      for (const field of ['command', 'event', 'errorCode'] as const) {
        const value = (error as unknown as Record<string, unknown>)[field];
        if (typeof value === 'string') kept[field] = value;
      }
      entries.push(
        id === undefined
          ? { kind: 'failure', at: at(), error: kept }
          : { kind: 'failure', at: at(), id, error: kept },
      );
    },
  };
  const remove = addListener(session.tracers, tracer);

  return {
    log: (snapshot = null) => ({
      version: 1,
      startedAt,
      endedAt: at(),
      card,
      lifecycle,
      dropped: 0,
      redacted: false,
      snapshot: toJson(snapshot) as CallCardSnapshot | null,
      entries: entries.map((entry) => ({ ...entry })),
    }),
    stop: remove,
  };
}
