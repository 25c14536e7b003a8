import { SETTER_COMMANDS } from '../model/commands';
import type { CallCardCommandName } from '../model/commands';
import type { QueueSink, WaitingCommand } from '../session/session';
import { canCoalesce, isOrderBarrier } from './setter-rules';

// The queue's waiting line (internal): its entries and the coalescing rule, as plain data.

/**
 * One command as the queue holds it: as it was handed over (the app's command for its outcome,
 * the checked one that is sent, coalesced, skipped and applied, and its sink).
 */
export type Rider = WaitingCommand;

/**
 * One future host call. Coalesced setters ride on the same entry, oldest first; the newest rider
 * (the carrier) is the one sent, and the others get its outcome marked `superseded`.
 */
export interface Entry {
  readonly name: CallCardCommandName;
  /**
   * The card the entry belongs to (see `cardFor`), or `undefined` for `CallCardGetListUiStates`,
   * which the host answers with or without a card.
   */
  readonly owner: number | undefined;
  riders: Rider[];
}

/** The rider an entry sends: its newest. */
export const carrier = (entry: Entry): Rider => entry.riders[entry.riders.length - 1] as Rider;

/**
 * Adds `rider`, for card `owner`, at the tail of `entries`. A setter joins the newest queued
 * entry of the same name and card instead, when no order barrier sits after that entry and the
 * two may coalesce (see `canCoalesce`); that entry then moves to the tail, so whatever is sent
 * still reaches the host in emission order.
 */
export function addRider(entries: Entry[], rider: Rider, owner: number | undefined): void {
  const name = rider.checked.name;
  if (SETTER_COMMANDS.has(name)) {
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
}

/**
 * Drops `sink`'s riders; an entry left with none goes. When the carrier leaves, the newest
 * remaining rider becomes the carrier: the values of the sinks still subscribed must not be lost
 * with it.
 */
export function dropRiders(entries: Entry[], sink: QueueSink): void {
  for (let index = entries.length - 1; index >= 0; index -= 1) {
    const entry = entries[index] as Entry;
    entry.riders = entry.riders.filter((rider) => rider.sink !== sink);
    if (entry.riders.length === 0) entries.splice(index, 1);
  }
}
