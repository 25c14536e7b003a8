import { reportError } from './report-error';
import type { HostTracer, Session } from './session';

/**
 * Tells every tracer of `session` (recorders) of one thing that crossed between the library and
 * the host (internal); a tracer that throws is reported and the others still hear it. Callers
 * check `isTraced` first, so an untraced session builds no arguments.
 */
export function trace<K extends keyof HostTracer>(
  session: Session,
  kind: K,
  ...args: Parameters<HostTracer[K]>
): void {
  const list = session.tracers.list;
  for (let i = 0; i < list.length; i++) {
    try {
      const tracer = list[i] as HostTracer;
      (tracer[kind] as (...values: unknown[]) => void).apply(tracer, args);
    } catch (error) {
      reportError(error);
    }
  }
}

/** Whether anyone traces `session`: one length check, the whole cost of tracing when none does. */
export function isTraced(session: Session): boolean {
  return session.tracers.list.length > 0;
}
