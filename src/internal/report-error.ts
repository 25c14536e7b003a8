import { asyncScheduler, throwError } from 'rxjs';

/**
 * Reports an error no caller can receive (a throwing listener, a failing internal step) through
 * rxjs's own unhandled-error path (`config.onUnhandledError`, or a throw in a later task),
 * asynchronously (internal).
 *
 * Why: a report must never throw back into the host's callback or into the code that caused it,
 * and going through rxjs's timeout provider keeps it virtual under `TestScheduler.run`.
 */
export function reportError(error: unknown): void {
  try {
    throwError(() => error).subscribe();
  } catch {
    // `useDeprecatedSynchronousErrorHandling` rethrows synchronously: throw it in a later task
    // instead, off the caller's stack.
    asyncScheduler.schedule(() => {
      throw error;
    });
  }
}
