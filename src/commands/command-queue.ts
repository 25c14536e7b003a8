import { CARD_UNDEFINED_ERROR_CODE, SETTER_COMMANDS } from '../model/commands';
import type { CallCardCommand, CallCardCommandName } from '../model/commands';
import { CallCardCommandError, CallCardUnavailableError } from '../model/errors';
import type { CallCardError } from '../model/errors';
import type { CommandOutcome } from '../model/outcome';
import { createRunner } from '../internal/runner';
import { isTraced, trace } from '../internal/trace';
import type { Session } from '../internal/session';
import { isDeferredPlacement, startUpFailure } from '../placement/defer-placement';
import type { PlacementPort } from '../placement/placement-port';
import { followCards, onCardChange } from '../streams/event-hub';
import { tapApplied } from './applied-channel';
import type { CommandOptions } from './command-options';
import { canCoalesce, isOrderBarrier, repeatKey } from './setter-rules';
import { transmit } from './transmit';
import type { Settlement } from './transmit';

/** One subscriber of the sink as the queue sees it. */
export interface QueueSink {
  readonly options: CommandOptions;
  /** False once the sink's subscriber is gone: its outcomes are dropped. */
  isActive(): boolean;
  receive(outcome: CommandOutcome): void;
}

/** The serial command queue of one placement (internal), shared by every sink on it. */
export interface CommandQueue {
  /**
   * Queues a command: `command` as the app gave it (its outcome carries it), `checked` what
   * `validateCommand` made of it (what is sent and applied). It reaches the host after every
   * command queued before it.
   */
  enqueue(sink: QueueSink, command: CallCardCommand, checked: CallCardCommand): void;
  /** Drops the sink's queued, unsent commands (a command already sent still runs to its end). */
  cancel(sink: QueueSink): void;
}

interface Rider {
  /** The command as the app gave it, for its outcome. */
  readonly command: CallCardCommand;
  /** The checked, frozen command: what is sent, coalesced, skipped and applied. */
  readonly checked: CallCardCommand;
  readonly sink: QueueSink;
}

/**
 * One future host call. Coalesced setters ride on the same entry, oldest first; the newest rider
 * (the carrier) is the one sent, and the others get its outcome marked `superseded`.
 */
interface Entry {
  readonly name: CallCardCommandName;
  /**
   * The card the entry belongs to (see `ownerOf`), or `undefined` for `CallCardGetListUiStates`,
   * which the host answers with or without a card.
   */
  readonly owner: number | undefined;
  riders: Rider[];
}

type Ending = Settlement | { readonly ok: true; readonly value: undefined; readonly skipped: true };

const carrier = (entry: Entry): Rider => entry.riders[entry.riders.length - 1] as Rider;

const SKIPPED: Ending = Object.freeze({ ok: true, value: undefined, skipped: true });

/**
 * The outcome of one command, built as a fixed-shape literal per case. Not frozen: each outcome
 * is a fresh object for the one sink that receives it, and the library never reads it again.
 */
function outcomeOf(command: CallCardCommand, ending: Ending, superseded: boolean): CommandOutcome {
  let outcome;
  if (!ending.ok)
    outcome = superseded
      ? { command, ok: false, error: ending.error, superseded: true }
      : { command, ok: false, error: ending.error };
  else if ('skipped' in ending)
    outcome = superseded
      ? { command, ok: true, result: undefined, skipped: true, superseded: true }
      : { command, ok: true, result: undefined, skipped: true };
  else
    outcome = superseded
      ? { command, ok: true, result: ending.value, superseded: true }
      : { command, ok: true, result: ending.value };
  return outcome as CommandOutcome;
}

function createQueue(session: Session, placement: PlacementPort): CommandQueue {
  const entries: Entry[] = [];
  let inFlight: Entry | undefined;
  /** The card (by `session.card`) that `acknowledged` belongs to. */
  let memoryCard = session.card;
  /** The value the host last acknowledged per setter (see `repeatKey`), on card `memoryCard`. */
  const acknowledged = new Map<CallCardCommandName, string>();
  // Every change of the queue runs through one runner: a sink emitting more commands from an
  // outcome handler, or a host answering synchronously, only queues its work behind the current
  // one, so outcomes and host calls keep their order, all synchronously (no artificial
  // asynchrony).
  const runner = createRunner();
  let pumping = false;
  /**
   * Set while the host acknowledges the in-flight command (transmit says so): a card change it
   * causes (the close it sent) sweeps after that command's own outcome, so outcomes read cause
   * before consequence, with a host that answers at once as with one that answers later.
   */
  let acknowledging = false;
  let sweepAfterOutcome = false;

  /** The memory of the current card: every new card starts with none. */
  const memory = (): Map<CallCardCommandName, string> => {
    if (memoryCard !== session.card) {
      memoryCard = session.card;
      acknowledged.clear();
    }
    return acknowledged;
  };

  /**
   * The card a command queued now belongs to: the open card, or, while none is open, the next
   * one (that is what waiting for `initialized` means). Before any `initialized` or Close click
   * was seen, a sink that does not wait gives its commands to card 0: the card that may have
   * been raised before this frame bound `initialized`.
   */
  const ownerOf = (rider: Rider): number | undefined => {
    if (rider.checked.name === 'CallCardGetListUiStates') return undefined;
    if (session.lifecycle === 'open') return session.card;
    return session.lifecycle === 'waiting' && !rider.sink.options.waitForInitialized
      ? session.card
      : session.card + 1;
  };

  /** Whether an entry of card `owner` may be sent now. */
  const canSend = (owner: number, rider: Rider): boolean =>
    owner === session.card &&
    (session.lifecycle === 'open' ||
      (session.lifecycle === 'waiting' && !rider.sink.options.waitForInitialized));

  /** Whether card `owner` has ended: closed, or replaced by a later card. */
  const hasEnded = (owner: number): boolean =>
    owner < session.card || (owner === session.card && session.lifecycle === 'closed');

  const endedError = (entry: Entry): CallCardError => {
    const error = new CallCardUnavailableError(
      entry.name,
      `not sent: its call card ended (${
        entry.owner === session.card ? session.closedBy : 'the next card replaced it (initialized)'
      }); a command is never sent to another card`,
    );
    if (isTraced(session)) trace(session, 'failure', error, undefined);
    return error;
  };

  const settle = (entry: Entry, ending: Ending): void => {
    const last = entry.riders.length - 1;
    for (let i = 0; i <= last; i++) {
      const rider = entry.riders[i] as Rider;
      if (rider.sink.isActive()) rider.sink.receive(outcomeOf(rider.command, ending, i < last));
    }
  };

  /** The host applied `command` on card `card`: remember what it holds, for that card only. */
  const learn = (command: CallCardCommand, card: number): void => {
    if (card !== session.card) return;
    const held = memory();
    switch (command.name) {
      case 'CallCardClose':
        held.clear();
        return;
      case 'CallCardStartTimer':
      case 'CallCardStopTimer':
        // `connected` after a stop restarts the timer: no longer a repeat.
        held.delete('CallCardSetUiState');
        return;
      default: {
        const key = repeatKey(command);
        if (key !== undefined) held.set(command.name, key);
        else held.delete(command.name);
      }
    }
  };

  /** A failed command leaves the host's value unknown (a timeout may still have landed). */
  const forget = (name: CallCardCommandName, error: CallCardError): void => {
    if (error instanceof CallCardCommandError && error.errorCode === CARD_UNDEFINED_ERROR_CODE)
      memory().clear();
    else memory().delete(name);
  };

  const finish = (entry: Entry, settlement: Settlement): void => {
    inFlight = undefined;
    acknowledging = false;
    if (!settlement.ok) forget(entry.name, settlement.error);
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
    transmit(session, placement, rider.checked, timeoutMs, scheduler, transmitted, acknowledge);
  };

  /** Handles the head of the queue; false when nothing can happen until something changes. */
  const step = (): boolean => {
    const entry = entries[0];
    if (inFlight || !entry) return false;
    // A sink that left (while an outcome was delivered, before its cancel ran) sends nothing more.
    if (!carrier(entry).sink.isActive()) {
      entry.riders = entry.riders.filter((rider) => rider.sink.isActive());
      if (entry.riders.length === 0) entries.shift();
      return true;
    }
    // A deferred placement that failed to start refuses every command, waiting or not.
    const refused = startUpFailure(placement);
    if (refused) {
      entries.shift();
      const { reason, cause } = refused;
      settle(entry, {
        ok: false,
        error: new CallCardUnavailableError(entry.name, reason, { cause }),
      });
      return true;
    }
    if (entry.owner === undefined) {
      send(0, entry);
      return true;
    }
    const rider = carrier(entry);
    if (hasEnded(entry.owner)) {
      entries.shift();
      settle(entry, { ok: false, error: endedError(entry) });
      return true;
    }
    if (!canSend(entry.owner, rider)) {
      // Waiting for a card: the state list, which needs none, need not wait behind it.
      const index = entries.findIndex((e) => e.owner === undefined && carrier(e).sink.isActive());
      if (index === -1) return false;
      send(index, entries[index] as Entry);
      return true;
    }
    const key = repeatKey(rider.checked);
    if (key !== undefined && memory().get(entry.name) === key) {
      entries.shift();
      settle(entry, SKIPPED);
      return true;
    }
    send(0, entry);
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
    const name = rider.checked.name;
    const owner = ownerOf(rider);
    if (SETTER_COMMANDS.has(name)) {
      // Only the newest queued entry of the same name and card can take it, and only if no
      // order barrier sits after that entry. The entry moves to the tail, so whatever is sent
      // still reaches the host in emission order.
      for (let index = entries.length - 1; index >= 0; index -= 1) {
        const entry = entries[index] as Entry;
        if (entry.owner !== owner) break;
        if (entry.name === name) {
          if (!canCoalesce(carrier(entry).checked, rider.checked)) break;
          entry.riders.push(rider);
          if (index !== entries.length - 1) {
            entries.splice(index, 1);
            entries.push(entry);
          }
          return;
        }
        if (isOrderBarrier(entry.name, name)) break;
      }
    }
    entries.push({ name, owner, riders: [rider] });
  };

  const cancel = (sink: QueueSink): void => {
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const entry = entries[index] as Entry;
      // When the carrier leaves, the newest remaining rider becomes the carrier: the values of
      // the sinks still subscribed must not be lost with it.
      entry.riders = entry.riders.filter((rider) => rider.sink !== sink);
      if (entry.riders.length === 0) entries.splice(index, 1);
    }
  };

  /** The card changed: the unsent commands of a card that ended fail now, in queue order. */
  const sweep = (): void => {
    for (let index = 0; index < entries.length;) {
      const entry = entries[index] as Entry;
      if (entry.owner !== undefined && hasEnded(entry.owner)) {
        entries.splice(index, 1);
        settle(entry, { ok: false, error: endedError(entry) });
      } else index += 1;
    }
  };

  tapApplied(session, learn);
  // The commands waiting for a card fail once a deferred placement's start-up fails.
  if (isDeferredPlacement(placement)) placement.ready.then(undefined, () => kick());
  onCardChange(session, () => {
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
      runner.run(cancel, sink, undefined);
      // The head may change: a command that no longer waits behind it may go now.
      kick();
    },
  };
}

/**
 * The command queue of `placement`, made on first use (binding `initialized` and
 * `closeButtonClick`) and kept for the placement's life in its session, so commands from sinks
 * of the ESM and CJS builds still reach the host one at a time, in order.
 */
export function commandQueue(session: Session, placement: PlacementPort): CommandQueue {
  if (session.queue === undefined) {
    // The queue follows the card whether or not anyone listens to these events; a placement
    // that cannot bind them throws here, before any command is queued.
    followCards(session, placement);
    session.queue = createQueue(session, placement);
  }
  return session.queue as CommandQueue;
}
