import type { JsonValue } from '../model/session-log';
import type { CallCardSnapshot } from '../model/snapshot';
import { hideValues } from './hide-values';

/**
 * A snapshot as a redacted log or view shows it (internal): its UI state, flags and timer stay;
 * what came from the host or the app (the call, the entity, the title and the status text) is
 * hidden whole, whatever a `redact` hook would let through.
 */
export function hideSnapshot(snapshot: CallCardSnapshot): CallCardSnapshot {
  return hideValues(
    snapshot as unknown as JsonValue,
    /^(uiState|timer)$/,
  ) as unknown as CallCardSnapshot;
}
