import { CallCardUnavailableError } from '../model/errors';
import { addListener, notify, takeListeners } from '../internal/listeners';
import { pageShared } from '../internal/page-registry';
import { deferredStart } from '../placement/defer-placement';
import type { PlacementPort } from '../placement/placement-port';
import { createStartUp, sessionOf } from './session';
import type { Session, StartUp } from './session';

/**
 * The start-up of `placement` (internal; see `StartUp`): for a host placement, its session's,
 * started at once; for a deferred placement, one shared by every build of the library in the
 * page, which joins the session of the placement it arrives at (made on first use, or the one
 * that placement already has: a direct `connectCallCard`, another deferred wrapper, another
 * injector). A deferred placement that arrives at another deferred placement starts after it.
 */
export function startUpOf(placement: PlacementPort): StartUp {
  const deferred = deferredStart(placement);
  if (deferred === undefined) return sessionOf(placement).startUp;
  return pageShared<StartUp>('start-up@1', placement, () => {
    const startUp = createStartUp();
    // What a deferred placement arrives at is a host placement (one that arrives at another
    // deferred placement waits for that one's), so it starts here, in one step.
    deferred.settled(() => {
      const port = deferred.port();
      settle(startUp, port && sessionOf(port), deferred.failure());
    });
    return startUp;
  });
}

/** The start-up is over: `attach` first, then `release`; neither list is kept. */
function settle(
  startUp: StartUp,
  session: Session | undefined,
  failure: CallCardUnavailableError | undefined,
): void {
  startUp.session = session;
  startUp.failure = failure;
  // Told once: the lists are emptied before they run (a listener added meanwhile runs at once,
  // see onStarted), so nothing keeps what they hold.
  notify(takeListeners(startUp.attach));
  notify(takeListeners(startUp.release));
}

/**
 * Runs `started(session)` once `startUp` has its session (at once when it has), or `failed(error)`
 * once its start failed (at once when it did). `when` picks the moment: `attach` (streams, live
 * states, recorders) or `release` (after them: the commands that waited). Returns a cancel, after
 * which neither runs.
 */
export function onStarted(
  startUp: StartUp,
  started: (session: Session) => void,
  failed?: (failure: CallCardUnavailableError) => void,
  when: 'attach' | 'release' = 'attach',
): () => void {
  const settled = (): void => {
    if (startUp.session !== undefined) started(startUp.session);
    else if (startUp.failure !== undefined) failed?.(startUp.failure);
  };
  if (startUp.session === undefined && startUp.failure === undefined)
    return addListener(startUp[when], settled);
  settled();
  return noop;
}

/**
 * The error a command is refused with because `startUp` failed: its `reason` and `cause`, naming
 * the command.
 */
export function refusal(startUp: StartUp, command: string): CallCardUnavailableError {
  const failure = startUp.failure as CallCardUnavailableError;
  return new CallCardUnavailableError(command, failure.reason, { cause: failure.cause });
}

/**
 * Whether `error` is a refusal because `startUp` failed (the facade reports the failure once, not
 * once per command). Compared by fields, not `instanceof`: the refusal may come from the
 * library's other build.
 */
export function isRefusal(startUp: StartUp, error: unknown): boolean {
  const failure = startUp.failure;
  if (failure === undefined || typeof error !== 'object' || error === null) return false;
  const { cause, reason } = error as { cause?: unknown; reason?: unknown };
  return cause === failure.cause && reason === failure.reason;
}

function noop(): void {}
