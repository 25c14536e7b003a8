import { AsyncSubject } from 'rxjs';
import type { Observable, SchedulerLike } from 'rxjs';
import type { CallCardSessionLog, JsonValue } from '../model/session-log';
import { checkOptions, checkScheduler } from '../internal/check-arguments';
import { reportError } from '../internal/report-error';
import type { PlacementPort } from '../placement/placement-port';
import { checkSessionLog } from './check-session-log';
import { createCommandAlignment } from './command-alignment';
import type { CommandAlignment } from './command-alignment';
import { successReply } from './host-replies';
import { overTheWire } from './over-the-wire';
import { replayScript } from './replay-script';
import type { ScriptAnswer, ScriptCard, ScriptEvent } from './replay-script';
import { createTimeline } from './replay-timeline';

/** Options of `replaySession`. */
export interface ReplaySessionOptions {
  /**
   * The clock the replay plays on. Default `asyncScheduler` (virtual inside `TestScheduler.run`);
   * a `VirtualTimeScheduler` plays it on its own virtual time.
   */
  readonly scheduler?: SchedulerLike;
}

/** One command the app sent to a replay. */
export interface ReplaySentCommand {
  /** When, in ms since the replay was made (the recording's clock). */
  readonly at: number;
  /** The recording's card open then (cards count the recorded `initialized` events). */
  readonly card: number;
  /** The command's name, e.g. `CallCardSetMute`. */
  readonly command: string;
  /** A shallow copy of the params as sent. */
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * One way the replayed app differed from the recording. `at` is in ms since the replay was made,
 * which is the recording's clock; `card` is the recording's card then.
 *
 * - `extraCommand`: the app sent a command the recording does not have.
 * - `missingCommand`: the recording has a command (log `id`, sent at `at`) the app did not send.
 * - `otherParams`: the app sent a recorded command (log `id`) with other params.
 * - `unboundEvent`: the recording has a host event the app had not bound when it came, so, as on
 *   a real host, nobody received it.
 */
export type ReplayMismatch =
  | {
      readonly kind: 'extraCommand';
      readonly at: number;
      readonly card: number;
      readonly command: string;
      /** The params as sent. */
      readonly params: Readonly<Record<string, unknown>>;
    }
  | {
      readonly kind: 'missingCommand';
      /** When the recording sent it. */
      readonly at: number;
      readonly card: number;
      readonly command: string;
      /** The params as recorded. */
      readonly params: { readonly [key: string]: JsonValue };
      /** Its `id` in the log. */
      readonly id: number;
    }
  | {
      readonly kind: 'otherParams';
      /** When the app sent it. */
      readonly at: number;
      readonly card: number;
      readonly command: string;
      /** The params as sent. */
      readonly params: Readonly<Record<string, unknown>>;
      /** The params as recorded. */
      readonly recordedParams: { readonly [key: string]: JsonValue };
      /** Its `id` in the log. */
      readonly id: number;
    }
  | {
      readonly kind: 'unboundEvent';
      readonly at: number;
      readonly card: number;
      /** The host's event name, `BackgroundCallCard::...`. */
      readonly event: string;
      /** The raw payload as recorded (absent: `undefined`). */
      readonly payload?: JsonValue;
    };

/** A recorded session played back as a host: a `PlacementPort` that reports how the app differed. */
export interface ReplayPlacement extends PlacementPort {
  /**
   * How the app differed from the recording so far, in time order. A recorded command counts as
   * missing once the replay's clock has passed its recorded ms without the app sending it, so
   * read this once the replay is over (`done$`), or after `flush()` under a test scheduler.
   */
  mismatches(): readonly ReplayMismatch[];
  /** Every command the app sent, in order. */
  sent(): readonly ReplaySentCommand[];
  /**
   * Emits the final `mismatches()` when the replay's clock reaches the log's `endedAt`, then
   * completes; replays that to later subscribers. After `stop()` before the end, it completes
   * without a value.
   */
  readonly done$: Observable<readonly ReplayMismatch[]>;
  /**
   * Stops the replay now: no more events are played and no more answers given (also to commands
   * sent later), and nothing stays scheduled. `mismatches()` then reports as of the stop.
   */
  stop(): void;
}

const WHERE = 'replaySession';

/**
 * Plays a recorded session (`recordCallCard(...).log()`, or its JSON text) back as a host: a
 * `PlacementPort` to hand to the app under test instead of `fromBX24(...)`. It plays the
 * recorded host events, answers the app's commands as the host answered them, and reports every
 * way the app differed (`mismatches()`). Under `TestScheduler.run` (or with a
 * `VirtualTimeScheduler`) the whole session runs in virtual time, with every time as recorded.
 *
 * 1. The log is checked first: anything that is not a valid session log throws
 *    `CallCardInputError` naming the field (`log.entries[3].at`), the bad value and what was
 *    expected, and nothing is played.
 * 2. Events: each recorded host event is delivered at its recorded time (in ms after this call,
 *    on `scheduler`), with its raw payload as recorded (a fresh copy per handler), to every
 *    handler bound to its name then, as the host does. An event whose name nobody had bound
 *    reaches nobody and is reported (`unboundEvent`).
 * 3. Commands are lined up with the recorded ones card by card (the commands sent between two
 *    `initialized` events), in order and with the fewest mismatches: an app that sends one
 *    command more, or one fewer, or one with other params, gets exactly that one mismatch, and
 *    its other commands line up as recorded. Each command is lined up when it is sent, with a
 *    recorded one rather than none where both cost the same (an identical one first, then one
 *    with other params): so after one command fewer the next is answered as recorded, and an
 *    extra command identical to the one recorded next is taken for it (and answered as it was)
 *    until the next command shows which of the two was extra.
 * 4. A command lined up with a recorded one (the same name; the same params, or other params) is
 *    answered as that one was: every recorded reply (a second one too), the recorded transport
 *    error through `onError` (an `Error` with the recorded message), each the same time after
 *    the send as recorded, and nothing at all where the recording had no answer (so the app's
 *    timeout fires when it did). An answer recorded in the same ms as its command, with no host
 *    event between them, is given inside `call`, as a host that answers at once does.
 * 5. A command lined up with none is answered as the host documents success, inside `call`:
 *    `[]`, the 12 UI states for `CallCardGetListUiStates`, and nothing for
 *    `CallCardStartTimer`, `CallCardStopTimer` and unknown commands. One extra command thus
 *    changes nothing else in the session. (After two or more recorded commands skipped in a row,
 *    the next command is answered so too; the report still lines it up.)
 * 6. A recorded command nothing lines up with counts as missing once the replay's clock has
 *    passed its recorded ms, and once the replay is over.
 * 7. At the log's `endedAt`, `done$` emits the final mismatches and completes; nothing is
 *    scheduled after that but answers still due to commands sent late. `stop()` ends it at once.
 *
 * @example
 * ```ts
 * import { TestScheduler } from 'rxjs/testing';
 * import { connectCallCard, setUiState } from 'b24-call-card-rx';
 * import type { CallCardSessionLog } from 'b24-call-card-rx';
 * import { replaySession } from 'b24-call-card-rx/testing';
 * import { map } from 'rxjs';
 *
 * declare const log: CallCardSessionLog; // recordCallCard(placement).log(), saved as JSON
 *
 * new TestScheduler((a, e) => expect(a).toEqual(e)).run(({ flush }) => {
 *   const replay = replaySession(log);
 *   const card = connectCallCard(replay);
 *   card.apply(card.events.answer$.pipe(map(() => setUiState('connected'))));
 *   flush();
 *   expect(replay.mismatches()).toEqual([]);
 *   expect(card.snapshot()).toEqual(log.snapshot);
 *   card.dispose();
 * });
 * ```
 */
export function replaySession(
  log: CallCardSessionLog | string,
  options?: ReplaySessionOptions,
): ReplayPlacement {
  const given = checkOptions(WHERE, options, ['scheduler']);
  const scheduler = checkScheduler(WHERE, given);
  const script = replayScript(checkSessionLog(WHERE, log));

  const start = scheduler.now();
  const timeline = createTimeline(scheduler);
  const done = new AsyncSubject<readonly ReplayMismatch[]>();
  const bindings = new Map<string, ((payload: unknown) => void)[]>();
  const alignments: CommandAlignment[] = script.cards.map((c) =>
    createCommandAlignment(
      c.commands.map((r) => ({ name: r.command, params: r.params, at: r.at })),
    ),
  );
  const sentByCard: ReplaySentCommand[][] = script.cards.map(() => []);
  const sent: ReplaySentCommand[] = [];
  const unbound: ReplayMismatch[] = [];
  /** Index of the recording's card now: how many `initialized` were played. */
  let current = 0;
  let stoppedAt: number | undefined;
  let ended = false;

  const elapsed = (): number => (stoppedAt ?? scheduler.now()) - start;
  const cardOf = (k: number): ScriptCard => script.cards[k] as ScriptCard;

  function play(event: ScriptEvent): void {
    if (event.opens) current += 1;
    const handlers = bindings.get(event.event);
    if (handlers === undefined) {
      const { at, event: name, payload } = event;
      const card = cardOf(current).card;
      unbound.push(
        payload === undefined
          ? { kind: 'unboundEvent', at, card, event: name }
          : { kind: 'unboundEvent', at, card, event: name, payload },
      );
      return;
    }
    // A copy: a handler that binds again does not receive the event it is handling.
    for (const handler of [...handlers]) {
      try {
        handler(overTheWire(event.payload));
      } catch (error) {
        // Each host message is dispatched on its own: one throwing handler starves no other.
        reportError(error);
      }
    }
  }

  function answer(
    given: ScriptAnswer,
    onReply: (reply: unknown) => void,
    onError: ((error: unknown) => void) | undefined,
  ): void {
    // A stop inside an earlier answer (given at once, inside `call`) ends the rest too.
    if (stoppedAt !== undefined) return;
    if (given.kind === 'reply') onReply(overTheWire(given.reply));
    else onError?.(new Error(given.error));
  }

  function mismatches(): ReplayMismatch[] {
    // Once the replay is over, every recorded command is overdue, also one of its last ms.
    const now = ended ? Infinity : elapsed();
    const found: ReplayMismatch[] = [...unbound];
    script.cards.forEach((recorded, k) => {
      const list = sentByCard[k] as ReplaySentCommand[];
      const differences = (alignments[k] as CommandAlignment).differences(now);
      for (const j of differences.extra)
        found.push({ kind: 'extraCommand', ...(list[j] as ReplaySentCommand) });
      for (const i of differences.missing) {
        const r = recorded.commands[i] as (typeof recorded.commands)[number];
        found.push({
          kind: 'missingCommand',
          at: r.at,
          card: r.card,
          command: r.command,
          params: r.params,
          id: r.id,
        });
      }
      for (const [j, i] of differences.otherParams) {
        const s = list[j] as ReplaySentCommand;
        const r = recorded.commands[i] as (typeof recorded.commands)[number];
        found.push({ kind: 'otherParams', ...s, recordedParams: r.params, id: r.id });
      }
    });
    // Stable: at the same time, events first, then each card's commands in order.
    return found.sort((a, b) => a.at - b.at);
  }

  for (const event of script.events) timeline.at(start + event.at, event.index, () => play(event));
  timeline.at(start + script.endedAt, script.length, () => {
    ended = true;
    done.next(mismatches());
    done.complete();
  });

  return {
    call(command, params, onReply, onError) {
      const record: ReplaySentCommand = {
        at: elapsed(),
        card: cardOf(current).card,
        command,
        params: { ...params },
      };
      // Recorded before answering: a synchronous answer may send the next command re-entrantly.
      sent.push(record);
      (sentByCard[current] as ReplaySentCommand[]).push(record);
      const match = (alignments[current] as CommandAlignment).add(command, record.params);
      if (stoppedAt !== undefined) return;
      if (match === undefined) {
        const success = successReply(command);
        if (success !== undefined) onReply(success.reply);
        return;
      }
      const recorded = cardOf(current).commands[match.index] as ScriptCard['commands'][number];
      const sentAt = scheduler.now();
      for (const given of recorded.answers) {
        if (given.sync) answer(given, onReply, onError);
        else
          timeline.at(sentAt + given.delayMs, given.index, () => answer(given, onReply, onError));
      }
    },
    bindEvent(name, handler) {
      const list = bindings.get(name);
      if (list === undefined) bindings.set(name, [handler]);
      else list.push(handler);
    },
    mismatches,
    sent: () => [...sent],
    done$: done.asObservable(),
    stop() {
      if (stoppedAt !== undefined) return;
      stoppedAt = scheduler.now();
      timeline.stop();
      done.complete();
    },
  };
}
