import { hostEventName } from '../model/events';
import type { CallCardSessionLog, JsonValue, SessionLogEntry } from '../model/session-log';

/**
 * One answer the host gave a recorded command.
 *
 * @internal
 */
export type ScriptAnswer = {
  /** Its index in the log: orders what is due at the same time as the log does. */
  readonly index: number;
  /** How long after the command it came. */
  readonly delayMs: number;
  /**
   * Whether the host gave it inside `call`: at the command's own time, with no host event in
   * between (a host that answers at once).
   */
  readonly sync: boolean;
} & (
  | { readonly kind: 'reply'; readonly reply: JsonValue | undefined }
  | { readonly kind: 'transportError'; readonly error: string }
);

/**
 * One recorded command, with every answer it got.
 *
 * @internal
 */
export interface ScriptCommand {
  readonly id: number;
  readonly at: number;
  readonly card: number;
  readonly command: string;
  readonly params: { readonly [key: string]: JsonValue };
  readonly answers: readonly ScriptAnswer[];
}

/**
 * One recorded host event; `opens` is true for `initialized`, which starts the next card.
 *
 * @internal
 */
export interface ScriptEvent {
  readonly index: number;
  readonly at: number;
  readonly event: string;
  readonly payload: JsonValue | undefined;
  readonly opens: boolean;
}

/**
 * A recorded card: the commands sent between one `initialized` and the next (the first card:
 * those before the first `initialized` of the log).
 *
 * @internal
 */
export interface ScriptCard {
  /** The session's number of the card (see `CallCardSessionLog`). */
  readonly card: number;
  readonly commands: readonly ScriptCommand[];
}

/**
 * A checked session log, arranged for playing it back (internal).
 *
 * @internal
 */
export interface ReplayScript {
  readonly endedAt: number;
  /** Every entry of the log: the rank of what is due at its end. */
  readonly length: number;
  readonly events: readonly ScriptEvent[];
  /** Index k: the commands sent after the k-th `initialized` of the log. */
  readonly cards: readonly ScriptCard[];
}

const INITIALIZED = hostEventName('initialized');

/**
 * Arranges a checked log for the replay (internal): its events, and its commands by card with
 * their answers.
 *
 * Cards follow the log's `initialized` events, as the session counts them. The first card is the
 * one of the first command before any `initialized` (the log's `card` otherwise: with `dropped`
 * entries, the log may begin later than the recording did); each `initialized` starts the card
 * its `card` entry names (the next number when the log has none).
 *
 * @internal
 */
export function replayScript(log: CallCardSessionLog): ReplayScript {
  const entries = log.entries;
  const events: ScriptEvent[] = [];
  const byId = new Map<
    number,
    { readonly command: SessionLogEntry; readonly index: number; readonly answers: ScriptAnswer[] }
  >();
  const cards: { card: number; commands: SessionLogEntry[] }[] = [
    { card: firstCard(log), commands: [] },
  ];

  entries.forEach((entry, index) => {
    if (entry.kind === 'event') {
      const opens = entry.event === INITIALIZED;
      events.push({ index, at: entry.at, event: entry.event, payload: entry.payload, opens });
      if (opens) {
        const previous = (cards[cards.length - 1] as { card: number }).card;
        cards.push({ card: openedCard(entries, index) ?? previous + 1, commands: [] });
      }
    } else if (entry.kind === 'command') {
      byId.set(entry.id, { command: entry, index, answers: [] });
      (cards[cards.length - 1] as { commands: SessionLogEntry[] }).commands.push(entry);
    } else if (entry.kind === 'reply' || entry.kind === 'transportError') {
      const sent = byId.get(entry.id);
      // An answer whose command was dropped (`dropped`) has nothing to answer in a replay.
      if (sent === undefined) return;
      const timing = {
        index,
        delayMs: entry.at - sent.command.at,
        // Times are equal only within one ms of the recorder's clock: what lies between tells
        // a host that answered inside `call` from one that answered later in that ms.
        sync: entry.at === sent.command.at && !hasEventBetween(entries, sent.index, index),
      };
      sent.answers.push(
        entry.kind === 'reply'
          ? { ...timing, kind: 'reply', reply: entry.reply }
          : { ...timing, kind: 'transportError', error: entry.error },
      );
    }
  });

  return {
    endedAt: log.endedAt,
    length: entries.length,
    events,
    cards: cards.map(({ card, commands }) => ({
      card,
      commands: commands.map((entry) => {
        const command = entry as Extract<SessionLogEntry, { kind: 'command' }>;
        return {
          id: command.id,
          at: command.at,
          card: command.card,
          command: command.command,
          params: command.params,
          answers: (byId.get(command.id) as { answers: ScriptAnswer[] }).answers,
        };
      }),
    })),
  };
}

/** The card open when the log begins. */
function firstCard(log: CallCardSessionLog): number {
  for (const entry of log.entries) {
    if (entry.kind === 'command') return entry.card;
    if (entry.kind === 'event' && entry.event === INITIALIZED) break;
  }
  return log.card;
}

/** The card the `initialized` at `index` opened, as its `card` entry (before the next event) says. */
function openedCard(entries: readonly SessionLogEntry[], index: number): number | undefined {
  for (let i = index + 1; i < entries.length; i++) {
    const entry = entries[i] as SessionLogEntry;
    if (entry.kind === 'event') return undefined;
    if (entry.kind === 'card' && entry.lifecycle === 'open') return entry.card;
  }
  return undefined;
}

function hasEventBetween(entries: readonly SessionLogEntry[], from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++)
    if ((entries[i] as SessionLogEntry).kind === 'event') return true;
  return false;
}
