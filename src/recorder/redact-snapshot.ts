import { hostEventName } from '../model/events';
import type { CallInfo, CrmEntity } from '../model/events';
import { isRecord } from '../model/is-record';
import type { SessionLogEntry } from '../model/session-log';
import type { CallCardSnapshot } from '../model/snapshot';
import { toJsonValue } from './to-json-value';

/**
 * A session log's `snapshot` through the log's `redact` hook (internal), so it hides what the
 * entries hide. Its fields that came from the host or the app are handed to the hook as the
 * entries they came from, at `at` and for card `card`:
 *
 * - `call` as the payload of an `initialized` event, `entity` of an `entityChanged` event;
 * - `title` as the params of a `CallCardSetCardTitle` command, `statusText` of a
 *   `CallCardSetStatusText` command (`id: 0`: no real command has it).
 *
 * What the hook returns there replaces each field (a `call` or `entity` that is no object
 * becomes `null`, a title that is no string `''`); the rest of the snapshot (UI state, flags,
 * timer) is kept. What the hook throws goes to the caller, which knows what to leave out
 * (`recordCallCard` the log's snapshot, `connectReduxDevTools` the state it shows).
 */
export function redactSnapshot(
  snapshot: CallCardSnapshot,
  redact: (entry: SessionLogEntry) => SessionLogEntry,
  at: number,
  card: number,
): CallCardSnapshot {
  const payloadOf = (
    type: 'initialized' | 'entityChanged',
    value: CallInfo | CrmEntity | null,
  ): unknown => {
    if (value === null) return null;
    const result: unknown = redact({
      kind: 'event',
      at,
      event: hostEventName(type),
      payload: toJsonValue(value, false) ?? null,
    });
    const payload = isRecord(result) ? result['payload'] : undefined;
    return isRecord(payload) ? toJsonValue(payload, true) : null;
  };
  const textOf = (
    command: 'CallCardSetCardTitle' | 'CallCardSetStatusText',
    key: 'title' | 'statusText',
    value: string,
  ): string => {
    const result: unknown = redact({
      kind: 'command',
      at,
      id: 0,
      command,
      params: { [key]: value },
      card,
    });
    const params = isRecord(result) ? result['params'] : undefined;
    const text = isRecord(params) ? params[key] : undefined;
    return typeof text === 'string' ? text : '';
  };
  return Object.freeze({
    uiState: snapshot.uiState,
    title: textOf('CallCardSetCardTitle', 'title', snapshot.title),
    statusText: textOf('CallCardSetStatusText', 'statusText', snapshot.statusText),
    muted: snapshot.muted,
    held: snapshot.held,
    call: payloadOf('initialized', snapshot.call) as CallInfo | null,
    entity: payloadOf('entityChanged', snapshot.entity) as CrmEntity | null,
    closed: snapshot.closed,
    timer: snapshot.timer,
  });
}
