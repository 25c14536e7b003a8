import type { CallCardError } from '../model/errors';
import type { CommandQueue, Session, SinkQueue, StartUp, WaitingCommand } from '../session/session';
import { onStarted, refusal } from '../session/start-up';
import { outcomeOf } from './outcome-of';

/**
 * The queue of a deferred placement while it starts (internal): commands wait here in the order
 * they were handed over, across every sink on it, and nothing is sent and no timeout runs. When
 * the placement is known they move on, in that order, into the queue of its session (the one queue
 * of that placement), once every stream and live state attached; a sink that left meanwhile has
 * nothing moved. If the start fails, each fails with a `CallCardUnavailableError` naming it and
 * carrying the failure, and so does every command handed over later. Afterwards it passes
 * everything on to the session's queue.
 */
export function waitingQueue(
  startUp: StartUp,
  queueOf: (session: Session) => CommandQueue,
): SinkQueue {
  let waiting: WaitingCommand[] | undefined = [];
  let target: CommandQueue | undefined;
  /** Why nothing can be sent, once the start failed or the placement cannot follow its cards. */
  let failure: ((name: string) => CallCardError) | undefined;

  const refuse = (item: WaitingCommand): void => {
    if (!item.sink.isActive()) return;
    const error = (failure as (name: string) => CallCardError)(item.checked.name);
    item.sink.receive(outcomeOf(item.command, { ok: false, error }, false));
  };
  const refuseAll = (why: (name: string) => CallCardError): void => {
    const list = waiting as WaitingCommand[];
    waiting = undefined;
    failure = why;
    for (const item of list) refuse(item);
  };

  onStarted(
    startUp,
    (session) => {
      let queue: CommandQueue;
      try {
        queue = queueOf(session);
      } catch (error) {
        // The placement arrived but cannot follow its cards: nothing can be sent to it.
        refuseAll(() => error as CallCardError);
        return;
      }
      // All queued at once, for the card of this moment; commands handed over meanwhile (a host
      // that answers at once, an outcome handler that sends the next) queue behind them.
      const list = waiting as WaitingCommand[];
      waiting = undefined;
      target = queue;
      queue.adopt(list);
    },
    () => refuseAll((name) => refusal(startUp, name)),
    'release',
  );

  return {
    enqueue(sink, command, checked) {
      if (target) target.enqueue(sink, command, checked);
      else if (waiting) waiting.push({ sink, command, checked });
      else refuse({ sink, command, checked });
    },
    cancel(sink) {
      if (target) target.cancel(sink);
      // Dropped now, a sink that left is not kept alive by a placement that may never start.
      else if (waiting) waiting = waiting.filter((item) => item.sink !== sink);
    },
  };
}
