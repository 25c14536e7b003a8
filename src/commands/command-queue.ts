import { CARD_UNDEFINED_ERROR_CODE, SETTER_COMMANDS } from '../model/commands';
import type { CallCardCommand, CallCardCommandName } from '../model/commands';
import {
  CallCardCommandError,
  CallCardError,
  CallCardInputError,
  CallCardUnavailableError,
} from '../model/errors';
import { pageShared } from '../placement/page-registry';
import type { PlacementPort } from '../placement/placement-port';
import { eventHub } from '../streams/event-hub';
import type { CardLifecycle } from '../streams/event-hub';
import { appliedChannel } from './applied-channel';
import type { CommandOutcome } from './command-outcome';
import type { ResolvedCommandOptions } from './read-options';
import { sendCommand } from './send-command';
import { canCoalesce, isOrderBarrier, repeatKey } from './setter-rules';

/** One subscriber of `applyCommands` as the queue sees it. */
export interface QueueSink {
  readonly options: ResolvedCommandOptions;
  /** False once the sink's subscriber is gone: its outcomes are dropped. */
  isActive(): boolean;
  receive(outcome: CommandOutcome): void;
}

/** The serial command queue of one placement (internal), shared by every sink on it. */
export interface CommandQueue {
  /** Queues a valid command; it reaches the host after every command queued before it. */
  enqueue(sink: QueueSink, command: CallCardCommand): void;
  /** Drops the sink's queued, unsent commands (a command already sent still runs to its end). */
  cancel(sink: QueueSink): void;
  /**
   * Where the card is, as far as host events AND applied commands tell: `closed` also after an
   * acknowledged `CallCardClose`, which no host event reports.
   */
  card(): CardLifecycle;
}

/** Why a command fails fast on a closed card. */
const CLOSED_CARD_REASON = 'the call card is closed; commands fail until the next initialized';

interface Rider {
  readonly command: CallCardCommand;
  readonly sink: QueueSink;
}

/**
 * One future host call. Coalesced setters ride on the same entry, oldest first; the newest rider
 * (the carrier) is the one sent, and the others get its outcome marked `superseded`.
 */
interface Entry {
  readonly name: CallCardCommandName;
  riders: Rider[];
}

type Settlement =
  | { readonly ok: true; readonly value: unknown; readonly skipped?: true }
  | { readonly ok: false; readonly error: CallCardError };

const carrier = (entry: Entry): Rider => entry.riders[entry.riders.length - 1] as Rider;

function outcomeOf(command: CallCardCommand, settlement: Settlement, superseded: boolean) {
  const outcome = settlement.ok
    ? {
        command,
        ok: true as const,
        result: settlement.value,
        ...(settlement.skipped ? { skipped: true as const } : {}),
      }
    : { command, ok: false as const, error: settlement.error };
  return Object.freeze(superseded ? { ...outcome, superseded: true as const } : outcome);
}

function createQueue(placement: PlacementPort): CommandQueue {
  const entries: Entry[] = [];
  let inFlight: Entry | undefined;
  const hub = eventHub(placement);
  /** The card (by the hub's count of `initialized`) that the memory below belongs to. */
  let memoryCard = hub.cards();
  /** The card an acknowledged `CallCardClose` closed, if any. */
  let closedCard: number | undefined;
  /** The value the host last acknowledged per setter (see `repeatKey`), for the current card. */
  const acknowledged = new Map<CallCardCommandName, string>();
  const tasks: Array<() => void> = [];
  let driving = false;

  /**
   * Runs `task`, then sends whatever can go. Re-entrant calls (a sink emitting more commands
   * from an outcome handler, a host answering synchronously) only add their task: it runs after
   * the current one, so outcomes and host calls keep their order, and all of it happens
   * synchronously inside the outermost call (no artificial asynchrony).
   */
  const drive = (task?: () => void): void => {
    if (task) tasks.push(task);
    if (driving) return;
    driving = true;
    try {
      for (;;) {
        const next = tasks.shift();
        if (next) next();
        else if (!step()) break;
      }
    } finally {
      driving = false;
    }
  };

  const settle = (entry: Entry, settlement: Settlement): void => {
    const last = entry.riders.length - 1;
    entry.riders.forEach((rider, index) => {
      if (rider.sink.isActive())
        rider.sink.receive(outcomeOf(rider.command, settlement, index < last) as CommandOutcome);
    });
  };

  /** The host applied `command` (through this queue or `sendCommand`): update what it holds. */
  const learn = (command: CallCardCommand): void => {
    switch (command.name) {
      case 'CallCardClose':
        closedCard = hub.cards();
        acknowledged.clear();
        return;
      case 'CallCardStartTimer':
      case 'CallCardStopTimer':
        // `connected` after a stop restarts the timer: no longer a repeat.
        acknowledged.delete('CallCardSetUiState');
        return;
      default: {
        const key = repeatKey(command);
        if (key !== undefined) acknowledged.set(command.name, key);
        else acknowledged.delete(command.name);
      }
    }
  };

  /** A failed command leaves the host's value unknown (a timeout may still have landed). */
  const forget = (name: CallCardCommandName, error: CallCardError): void => {
    if (error instanceof CallCardCommandError && error.errorCode === CARD_UNDEFINED_ERROR_CODE)
      acknowledged.clear();
    else acknowledged.delete(name);
  };

  const finish = (entry: Entry, settlement: Settlement): void => {
    if (inFlight === entry) inFlight = undefined;
    if (!settlement.ok) forget(entry.name, settlement.error);
    drive(() => settle(entry, settlement));
  };

  const send = (entry: Entry): void => {
    const { command, sink } = carrier(entry);
    inFlight = entry;
    let value: unknown;
    try {
      sendCommand(placement, command, {
        timeoutMs: sink.options.timeoutMs,
        scheduler: sink.options.scheduler,
      }).subscribe({
        next: (result) => {
          value = result;
        },
        error: (error: unknown) => finish(entry, { ok: false, error: error as CallCardError }),
        complete: () => finish(entry, { ok: true, value }),
      });
    } catch (error) {
      // Commands are validated before they are queued; this only guards the queue's life.
      finish(entry, {
        ok: false,
        error:
          error instanceof CallCardError
            ? error
            : new CallCardInputError(command.name, 'command', command, 'a valid command'),
      });
    }
  };

  /**
   * Read from the hub at the moment of use, not from its announcements: a command sent from a
   * subscriber of the new `initialized` must already see the new card open, though `lifecycle$`
   * announces it only after that event's subscribers.
   */
  const cardState = (): CardLifecycle => {
    const cards = hub.cards();
    // Every `initialized` is a new card: what the old one held is forgotten.
    if (cards !== memoryCard) {
      memoryCard = cards;
      acknowledged.clear();
    }
    const state = hub.lifecycle();
    return state === 'open' && closedCard === cards ? 'closed' : state;
  };

  /** Handles the head of the queue; false when nothing can happen until something changes. */
  const step = (): boolean => {
    const entry = entries[0];
    if (inFlight || !entry) return false;
    const { command, sink } = carrier(entry);
    // The host answers the state list even without a card.
    const needsCard = command.name !== 'CallCardGetListUiStates';
    const card = cardState();
    if (needsCard && card === 'waiting' && sink.options.waitForInitialized) return false;
    entries.shift();
    if (needsCard && card === 'closed') {
      settle(entry, {
        ok: false,
        error: new CallCardUnavailableError(command.name, CLOSED_CARD_REASON),
      });
      return true;
    }
    const key = repeatKey(command);
    if (key !== undefined && acknowledged.get(command.name) === key) {
      settle(entry, { ok: true, value: undefined, skipped: true });
      return true;
    }
    send(entry);
    return true;
  };

  const enqueue = (sink: QueueSink, command: CallCardCommand): void => {
    const rider: Rider = { command, sink };
    if (SETTER_COMMANDS.has(command.name)) {
      // Only the newest queued entry of the same name can take it, and only if no order barrier
      // sits after that entry. The entry moves to the tail, so whatever is sent still reaches the
      // host in emission order.
      for (let index = entries.length - 1; index >= 0; index -= 1) {
        const entry = entries[index] as Entry;
        if (entry.name === command.name) {
          if (!canCoalesce(carrier(entry).command, command)) break;
          entry.riders.push(rider);
          entries.splice(index, 1);
          entries.push(entry);
          return;
        }
        if (isOrderBarrier(entry.name, command.name)) break;
      }
    }
    entries.push({ name: command.name, riders: [rider] });
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

  appliedChannel(placement).tap(learn);
  // Binds `initialized` and `closeButtonClick`; each announcement may let waiting commands go.
  hub.lifecycle$.subscribe(() => drive());

  return {
    enqueue: (sink, command) => drive(() => enqueue(sink, command)),
    // The head may change: a command that no longer waits behind it may go now.
    cancel: (sink) => drive(() => cancel(sink)),
    card: cardState,
  };
}

/**
 * The command queue of `placement`, created on first use and kept for the placement's life. It is
 * shared by every build of the library in the page (its interface is plain functions and data), so
 * commands from sinks of the ESM and CJS builds still reach the host one at a time, in order.
 */
export function commandQueue(placement: PlacementPort): CommandQueue {
  return pageShared('command-queue@1', placement, () => createQueue(placement));
}
