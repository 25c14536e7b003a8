import { fullMessages } from '../model/full-messages';
import type { CallCardCommand } from '../model/commands';
import { CallCardUnavailableError } from '../model/errors';
import type { CallCardError } from '../model/errors';
import { createRunner } from '../internal/runner';
import { canSendTo, cardFor, endOf, hasEnded } from '../session/card-tracker';
import { followCards, onCardChange } from '../session/event-hub';
import type { CommandQueue, Session, SinkQueue, StartUp, WaitingCommand } from '../session/session';
import { isTraced, trace } from '../session/trace';
import { tapApplied } from '../session/applied-channel';
import { addRider, carrier, dropRiders } from './queue-entries';
import type { Entry, Rider } from './queue-entries';
import { outcomeOf } from './outcome-of';
import type { Ending } from './outcome-of';
import { createRepeatMemory } from './repeat-memory';
import { transmit } from './transmit';
import type { Settlement } from './transmit';
import { waitingQueue } from './waiting-queue';

/** The ending of every skipped repeat: one object for all (pure, so unused it is dropped). */
const SKIPPED: Ending = /* @__PURE__ */ Object.freeze({
  ok: true,
  value: undefined,
  skipped: true,
});

/**
 * The serial command queue of one session (internal): it sends the head entry when its card may
 * receive it (see the card tracker), skips repeats, and fails the entries of a card that ended.
 * Every change runs through one runner: a sink emitting more commands from an outcome handler, or
 * a host answering synchronously, only queues its work behind the current one, so outcomes and
 * host calls keep their order, all synchronously (no artificial asynchrony).
 */
function createQueue(session: Session): CommandQueue {
  const tracker = session.tracker;
  const entries: Entry[] = [];
  let inFlight: Entry | undefined;
  const memory = createRepeatMemory();
  const runner = createRunner();
  let pumping = false;
  /**
   * Set while the host acknowledges the in-flight command (transmit says so): a card change it
   * causes (the close it sent) sweeps after that command's own outcome, so outcomes read cause
   * before consequence, with a host that answers at once as with one that answers later.
   */
  let acknowledging = false;
  let sweepAfterOutcome = false;

  const endedError = (entry: Entry): CallCardError => {
    const error = new CallCardUnavailableError(
      entry.name,
      fullMessages()
        ? `not sent: its call card ended (${endOf(tracker, entry.owner as number)}); a command is never sent to another card`
        : 'not sent: its call card ended',
    );
    if (isTraced(session)) trace(session, { kind: 'failure', error, id: undefined });
    return error;
  };

  const settle = (entry: Entry, ending: Ending): void => {
    const last = entry.riders.length - 1;
    for (let i = 0; i <= last; i++) {
      const rider = entry.riders[i] as Rider;
      if (rider.sink.isActive()) rider.sink.receive(outcomeOf(rider.command, ending, i < last));
    }
  };

  const finish = (entry: Entry, settlement: Settlement): void => {
    inFlight = undefined;
    acknowledging = false;
    if (!settlement.ok) memory.forget(entry.name, settlement.error);
    runner.run(settle, entry, settlement);
    if (sweepAfterOutcome) {
      sweepAfterOutcome = false;
      runner.run(sweep, undefined, undefined);
    }
    kick();
  };

  // One pair of callbacks for every transmission: only one is in flight at a time.
  const transmitted = (settlement: Settlement): void => finish(inFlight as Entry, settlement);
  const acknowledge = (): void => {
    acknowledging = true;
  };

  const send = (index: number, entry: Entry): void => {
    if (index === 0) entries.shift();
    else entries.splice(index, 1);
    inFlight = entry;
    const rider = carrier(entry);
    const { timeoutMs, scheduler } = rider.sink.options;
    transmit(session, rider.checked, timeoutMs, scheduler, transmitted, acknowledge);
  };

  /** Handles the head of the queue; false when nothing can happen until something changes. */
  const step = (): boolean => {
    const entry = entries[0];
    if (inFlight || !entry) return false;
    const rider = carrier(entry);
    // A sink that left (while an outcome was delivered, before its cancel ran) sends nothing more.
    if (!rider.sink.isActive()) dropRiders(entries, rider.sink);
    else if (entry.owner === undefined) send(0, entry);
    else if (hasEnded(tracker, entry.owner)) sweep();
    else if (!canSendTo(tracker, entry.owner, rider.sink.options.waitForInitialized)) {
      // Waiting for a card: the state list, which needs none, need not wait behind it.
      const index = entries.findIndex((e) => e.owner === undefined && carrier(e).sink.isActive());
      if (index === -1) return false;
      send(index, entries[index] as Entry);
    } else if (memory.isRepeat(rider.checked)) {
      entries.shift();
      settle(entry, SKIPPED);
    } else send(0, entry);
    return true;
  };

  const pump = (): void => {
    pumping = false;
    if (step()) kick();
  };
  /** Tries the head once more after the work in progress (one pending try at a time). */
  const kick = (): void => {
    if (pumping) return;
    pumping = true;
    runner.run(pump, undefined, undefined);
  };

  const enqueue = (rider: Rider): void => {
    const owner =
      rider.checked.name === 'CallCardGetListUiStates'
        ? undefined
        : cardFor(tracker, rider.sink.options.waitForInitialized);
    addRider(entries, rider, owner);
  };

  const adopt = (waiting: readonly WaitingCommand[]): void => {
    for (const rider of waiting) if (rider.sink.isActive()) enqueue(rider);
  };

  /** The card changed: the unsent commands of a card that ended fail now, in queue order. */
  const sweep = (): void => {
    for (let index = 0; index < entries.length;) {
      const entry = entries[index] as Entry;
      if (entry.owner !== undefined && hasEnded(tracker, entry.owner)) {
        entries.splice(index, 1);
        settle(entry, { ok: false, error: endedError(entry) });
      } else index += 1;
    }
  };

  // The host applied a command: remember what it holds, for the card it holds it on only.
  tapApplied(session, (command: CallCardCommand, card: number) => {
    if (card === tracker.number) memory.learn(command);
  });
  onCardChange(session, () => {
    // Every card starts with nothing known; a closed one receives nothing more.
    memory.clear();
    // The close being acknowledged sweeps after its own outcome (see `finish`).
    if (acknowledging) sweepAfterOutcome = true;
    else {
      runner.run(sweep, undefined, undefined);
      kick();
    }
  });

  return {
    enqueue(sink, command, checked) {
      runner.run(enqueue, { command, checked, sink }, undefined);
      kick();
    },
    cancel(sink) {
      runner.run(dropRiders, entries, sink);
      // The head may change: a command that no longer waits behind it may go now.
      kick();
    },
    adopt(waiting) {
      runner.run(adopt, waiting, undefined);
      kick();
    },
  };
}

/**
 * The command queue of `session`, made on first use (binding `initialized` and
 * `closeButtonClick`) and kept for the placement's life, so commands from sinks of the ESM and
 * CJS builds still reach the host one at a time, in order. A placement that cannot bind those
 * events throws here, before any command is queued.
 */
function sessionQueue(session: Session): CommandQueue {
  if (session.queue === undefined) {
    followCards(session);
    session.queue = createQueue(session);
  }
  return session.queue;
}

/**
 * The one queue commands handed to `startUp` go through: its session's, or, while a deferred
 * placement starts, the queue they wait in until they move on into the session's (see
 * `waitingQueue`).
 */
export function commandQueue(startUp: StartUp): SinkQueue {
  if (startUp.queue !== undefined) return startUp.queue;
  if (startUp.session !== undefined) return sessionQueue(startUp.session);
  return (startUp.queue = waitingQueue(startUp, sessionQueue));
}
