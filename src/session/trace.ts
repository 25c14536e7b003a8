import { notify } from '../internal/listeners';
import type { HostTrace, Session } from './session';

/**
 * Tells every tracer of `session` (recorders) of one thing that crossed between the library and
 * the host (internal). Callers check `isTraced` first, so an untraced session builds no record.
 */
export function trace(session: Session, record: HostTrace): void {
  notify(session.tracers, record);
}

/** Whether anyone traces `session`: one length check, the whole cost of tracing when none does. */
export function isTraced(session: Session): boolean {
  return session.tracers.list.length > 0;
}
