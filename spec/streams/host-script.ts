import type { RunHelpers } from 'rxjs/testing';
import type { CallCardEventType } from '../../src/model/events';
import { hostEventName } from '../../src/model/events';
import type { RecordingPlacement } from '../support/recording-placement';

/** One raw host event: what the host would pass to the bound callback. */
export interface HostEvent {
  readonly type: CallCardEventType;
  readonly raw?: unknown;
}

/** Shorthand for a host event value in a marble's value map. */
export const host = (type: CallCardEventType, raw?: unknown): HostEvent => ({ type, raw });

/**
 * Plays `marble` as host events on `placement`, inside `TestScheduler.run`: each value is
 * emitted through the placement's bound callbacks at its frame. Returns the cold script so the
 * test can check its subscription marble.
 */
export function playHost(
  helpers: Pick<RunHelpers, 'cold'>,
  placement: RecordingPlacement,
  marble: string,
  values: Record<string, HostEvent>,
) {
  const script = helpers.cold(marble, values);
  script.subscribe(({ type, raw }) => placement.emit(hostEventName(type), raw));
  return script;
}
