import { hostEventName } from '../model/events';
import type { JsonValue, SessionLogEntry } from '../model/session-log';
import type { CallCardSnapshot } from '../model/snapshot';
import { redactEntry } from './redact-entry';

/**
 * A snapshot as a redacted log or view shows it (internal): what came from the host or the app
 * goes through the `redact` hook as the entries it came from (the call as an `initialized`
 * payload, the entity as an `entityChanged` one, the title and the status text as the params of
 * their commands, `id: 0`), so the snapshot hides exactly what the log hides, and a redacted log
 * replays to its own snapshot. A hook that fails hides those values (see `redactEntry`).
 */
export function redactSnapshot(
  snapshot: CallCardSnapshot,
  redact: (entry: SessionLogEntry) => SessionLogEntry,
): CallCardSnapshot {
  const through = (fields: Record<string, unknown>): Record<string, JsonValue> =>
    redactEntry(fields, redact) as unknown as Record<string, JsonValue>;
  const event = (type: 'initialized' | 'entityChanged', payload: object | null): JsonValue =>
    payload &&
    (through({ kind: 'event', at: 0, event: hostEventName(type), payload })['payload'] ?? null);
  const param = (command: string, key: string, value: string): JsonValue =>
    (
      through({ kind: 'command', at: 0, id: 0, command, params: { [key]: value }, card: 0 })[
        'params'
      ] as Record<string, JsonValue>
    )[key] ?? '';
  return {
    ...snapshot,
    call: event('initialized', snapshot.call),
    entity: event('entityChanged', snapshot.entity),
    title: param('CallCardSetCardTitle', 'title', snapshot.title),
    statusText: param('CallCardSetStatusText', 'statusText', snapshot.statusText),
  } as unknown as CallCardSnapshot;
}
