import { Subscription } from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import type { CallCard } from '../call-card';
import { connectCallCard } from '../call-card';
import { CallCardError, CallCardInputError, describeThrow } from '../model/errors';
import { fullMessages } from '../model/full-messages';
import { isRecord } from '../model/is-record';
import type { SessionLogEntry } from '../model/session-log';
import type { CallCardSnapshot } from '../model/snapshot';
import { checkOptions, checkScheduler } from '../internal/check-arguments';
import { reportError } from '../internal/report-error';
import { checkPlacement } from '../placement/check-placement';
import type { PlacementPort } from '../placement/placement-port';
import { checkRedact } from '../recorder/check-redact';
import { recordCallCard } from '../recorder/record-call-card';
import { redactSnapshot } from '../recorder/redact-snapshot';
import { actionType } from './action-type';
import type {
  CallCardDevToolsAction,
  ReduxDevToolsConnection,
  ReduxDevToolsExtension,
  ReduxDevToolsMessage,
} from './redux-dev-tools-extension';

/** Options of {@link connectReduxDevTools}. */
export interface ConnectReduxDevToolsOptions {
  /** The instance's name in the extension (default `'Bitrix24 call card'`). */
  readonly name?: string;
  /**
   * How many actions the extension keeps, a whole number from 2 (default 1000: some eight minutes
   * of a call whose status text changes every second). Older ones are committed into the
   * extension's base state; an export then rebuilds a session log whose `dropped` counts them.
   */
  readonly maxAge?: number;
  /**
   * The extension: an object with `connect` (a fake in tests). Default
   * `globalThis.__REDUX_DEVTOOLS_EXTENSION__`, which the extension sets in every frame of a page
   * it runs in.
   */
  readonly extension?: ReduxDevToolsExtension;
  /**
   * The app's card, whose `snapshot()` is the state shown after each action. Pass it when you
   * have it: the state is then exactly the app's. Default: a `connectCallCard(placement)` of the
   * bridge's own, disposed with it, which shows the same state when the bridge is connected
   * before anything happens on the placement (see rule 3).
   */
  readonly card?: CallCard;
  /**
   * Hides personal data from the extension, as `recordCallCard`'s `redact` does from a log (for
   * example `redactPersonalData`): each entry before it becomes an action; and, as in a redacted
   * log, the state shows the snapshot with its `call`, `entity`, `title` and `statusText`
   * hidden whole.
   */
  readonly redact?: (entry: SessionLogEntry) => SessionLogEntry;
  /**
   * The clock of the entries' times, and where an action waits for the library to act on its
   * entry (a task of its own, at 0 ms): an asynchronous scheduler (default `asyncScheduler`,
   * virtual inside `TestScheduler.run`). One that runs tasks at once (`queueScheduler`) sends an
   * action whose entry nothing follows before the card has changed.
   */
  readonly scheduler?: SchedulerLike;
}

const OPTION_KEYS: readonly string[] = [
  'name',
  'maxAge',
  'extension',
  'card',
  'redact',
  'scheduler',
];

const DEFAULT_NAME = 'Bitrix24 call card';
const DEFAULT_MAX_AGE = 1000;

/** How many sent commands the bridge remembers by id, to name the answers in the list. */
const NAMED_COMMANDS = 1000;

const WHERE = 'connectReduxDevTools';

/**
 * Shows the call card of `placement` in the Redux DevTools browser extension, for development:
 * each host event, command, reply and failure as an action, and the card's snapshot as the state
 * after it. Nothing of the extension is a dependency: it speaks the extension's page API
 * (`window.__REDUX_DEVTOOLS_EXTENSION__.connect(...)`), and does nothing where it is absent.
 *
 * 1. It records the placement's session with its own `recordCallCard` (on `options.scheduler`,
 *    through `options.redact`), from now on, and sends each entry as one action
 *    (`CallCardDevToolsAction`: `{ type, seq, payload }`, `payload` being the entry): its `type`
 *    reads `[event] muteButtonClick`, `[command] CallCardSetMute`, `[reply] CallCardSetMute ok`,
 *    `[reply] CallCardSetUiState error Invalid ui state`, `[card] 1 closed (closeClick)`,
 *    `[failure] CallCardTimeoutError CallCardSetHold`.
 * 2. The state after each action is the card's snapshot once the library has acted on the entry:
 *    an event's action shows the state with the event in it, a reply's the state with its command
 *    applied, a command's the state before its reply. So each action waits for the next entry,
 *    or at the latest for a task of `options.scheduler` right after its own (0 ms): the
 *    extension gets it within the same task or ms as it happened.
 * 3. The snapshot is `options.card`'s, else that of a `connectCallCard(placement)` the bridge
 *    makes (and disposes): every card on one placement and scheduler shares its state, and one
 *    made at the same time as the app's sees the same; one made mid-call knows only what the
 *    host's latest `initialized` and `entityChanged` say. Connect the bridge where the placement
 *    is made, or pass the app's card.
 * 4. The extension's monitor is given `name`, `maxAge` and the one feature the bridge supports,
 *    `export` (its history saved as a file, which `sessionLogFromDevTools` from
 *    `b24-call-card-rx/testing` turns into a session log for `replaySession`). The host owns the
 *    card, so nothing in the monitor can change it: a `COMMIT` restarts the monitor's history at
 *    the current state; every other request (jump to a state or an action, skip, reorder, sweep,
 *    reset, rollback, import, lock, pause, a dispatched action) is answered with an error in the
 *    monitor saying why it is not done.
 * 5. Where the extension is absent (production, another browser, Node), it connects nothing,
 *    records nothing, says so once on the console (`console.info`) and returns a closed
 *    Subscription. An extension whose `connect` throws is reported (rxjs's unhandled-error path)
 *    and treated the same; one that throws later, on a send, is reported once and sent on.
 * 6. The returned Subscription releases everything: it sends the actions still waiting, stops
 *    the bridge's recorder (its tracer leaves the session), disposes its own card, and
 *    unsubscribes from the extension's connection.
 *
 * Bad `placement` or `options` throw `CallCardInputError`.
 *
 * @example
 * Turn it on in development only, where the placement is made (an Angular environment file, a
 * `if (import.meta.env.DEV)` branch), before the app connects its card:
 * ```ts
 * import { connectCallCard, fromBX24, redactPersonalData } from 'b24-call-card-rx';
 * import { connectReduxDevTools } from 'b24-call-card-rx/devtools';
 *
 * const placement = fromBX24();
 * connectReduxDevTools(placement, { name: 'Call card', redact: redactPersonalData });
 * const card = connectCallCard(placement);
 * // The extension now lists "[event] initialized", "[command] CallCardSetUiState", ...
 * ```
 *
 * @example
 * With the app's own card, stopped when the card is:
 * ```ts
 * import { connectCallCard } from 'b24-call-card-rx';
 * import { connectReduxDevTools } from 'b24-call-card-rx/devtools';
 *
 * const card = connectCallCard(placement);
 * const devTools = connectReduxDevTools(placement, { card });
 * // later:
 * devTools.unsubscribe();
 * card.dispose();
 * ```
 */
export function connectReduxDevTools(
  placement: PlacementPort,
  options?: ConnectReduxDevToolsOptions,
): Subscription {
  const port = checkPlacement(WHERE, placement);
  const given = checkOptions(WHERE, options, OPTION_KEYS);
  const name = checkName(given['name']);
  const maxAge = checkMaxAge(given['maxAge']);
  const extension = checkExtension(given['extension']);
  const appCard = checkCard(given['card']);
  const redact = checkRedact(WHERE, given['redact']);
  const scheduler = checkScheduler(WHERE, given);

  if (extension === undefined) {
    say(
      `${WHERE}: the Redux DevTools extension is not in this frame ` +
        '(globalThis.__REDUX_DEVTOOLS_EXTENSION__); the call card is not shown',
    );
    return Subscription.EMPTY;
  }
  let connection: ReduxDevToolsConnection;
  try {
    connection = extension.connect({ name, maxAge, features: { export: true } });
  } catch (cause) {
    reportError(
      new CallCardError(
        `${WHERE}: the extension's connect threw (${describeThrow(cause)}); the call card is not shown`,
        { cause },
      ),
    );
    return Subscription.EMPTY;
  }

  let reported = false;
  /** Calls the extension, which must never break the app: its first failure is reported. */
  const tell = (what: string, call: () => unknown): unknown => {
    try {
      return call();
    } catch (cause) {
      if (!reported) {
        reported = true;
        reportError(
          new CallCardError(
            `${WHERE}: the extension's ${what} threw (${describeThrow(cause)}); later failures are not reported`,
            { cause },
          ),
        );
      }
      return undefined;
    }
  };

  const recorder = recordCallCard(port, redact ? { scheduler, redact } : { scheduler });
  const ownCard = appCard ? undefined : connectCallCard(port, { scheduler });
  const card = (appCard ?? ownCard) as CallCard;

  // The snapshot as shown: with `redact`, hidden as a redacted log hides it (redone only when it
  // changed).
  let shownFrom: CallCardSnapshot | undefined;
  let shown: CallCardSnapshot | undefined;
  const state = (): CallCardSnapshot => {
    const snapshot = card.snapshot();
    if (!redact) return snapshot;
    if (snapshot !== shownFrom) {
      shownFrom = snapshot;
      shown = redactSnapshot(snapshot, redact);
    }
    return shown as CallCardSnapshot;
  };

  // Sent commands by id, the oldest first, to name their answers.
  const names = new Map<number, string>();
  const commandOf = (id: number): string | undefined => names.get(id);

  let seq = 0;
  const pending: CallCardDevToolsAction[] = [];
  let later: Subscription | undefined;
  const flush = (): void => {
    if (pending.length === 0) return;
    // Taken out first: a send that leads to another entry must not send these twice.
    const actions = pending.splice(0);
    const after = state();
    for (const action of actions) tell('send', () => connection.send(action, after));
  };
  const onEntry = (entry: SessionLogEntry): void => {
    // The library has acted on every entry before this one: their state is known.
    flush();
    if (entry.kind === 'command') {
      names.set(entry.id, entry.command);
      if (names.size > NAMED_COMMANDS) names.delete(names.keys().next().value as number);
    }
    pending.push({ type: actionType(entry, commandOf), seq: ++seq, payload: entry });
    if (later === undefined) {
      let ran = false;
      const task = scheduler.schedule(() => {
        ran = true;
        later = undefined;
        flush();
      });
      // A scheduler that ran it at once (queueScheduler) left nothing to wait for.
      if (!ran) later = task;
    }
  };

  tell('init', () => connection.init(state()));
  const entries = recorder.entries$.subscribe(onEntry);

  const onMessage = (message: ReduxDevToolsMessage): void => {
    const refusal = refusalOf(message);
    if (refusal === 'commit') {
      flush();
      tell('init', () => connection.init(state()));
    } else if (refusal !== undefined) tell('error', () => connection.error(refusal));
  };
  const stopListening = tell('subscribe', () => connection.subscribe(onMessage));

  return new Subscription(() => {
    later?.unsubscribe();
    later = undefined;
    flush();
    entries.unsubscribe();
    recorder.stop();
    ownCard?.dispose();
    if (typeof stopListening === 'function') tell('unsubscribe', () => stopListening());
    tell('unsubscribe', () => connection.unsubscribe());
  });
}

/**
 * What to do about a message of the extension: `'commit'`, an error text to show in the
 * monitor, or nothing (`START`, `STOP`, a resumed recording, anything unknown).
 */
function refusalOf(message: unknown): 'commit' | string | undefined {
  if (!isRecord(message)) return undefined;
  if (message['type'] === 'ACTION')
    return (
      'The call card takes no actions from DevTools: the Bitrix24 host owns the card. ' +
      'Send commands from the app (card.send(...), card.apply(...)).'
    );
  if (message['type'] !== 'DISPATCH') return undefined;
  const payload = message['payload'];
  const type = isRecord(payload) ? payload['type'] : undefined;
  if (type === 'COMMIT') return 'commit';
  if (type === 'PAUSE_RECORDING')
    return (payload as Readonly<Record<string, unknown>>)['status'] === true
      ? 'Paused: the call card entries that come while recording is paused are not shown, and ' +
          'an export with such a gap cannot be turned into a session log.'
      : undefined;
  return (
    `${typeof type === 'string' ? type : 'That request'} is not done: the Bitrix24 host owns the ` +
    'call card, so no state can be set and no action undone or replayed from here. Select an ' +
    'action to see the state after it; to replay a session, export it and turn it into a ' +
    'session log with sessionLogFromDevTools (b24-call-card-rx/testing) for replaySession.'
  );
}

/** A note on the console, where there is one (the library declares no DOM or Node globals). */
function say(text: string): void {
  const console = (globalThis as { console?: { info?: (text: string) => void } }).console;
  if (typeof console?.info === 'function') console.info(text);
}

function checkName(value: unknown): string {
  if (value === undefined) return DEFAULT_NAME;
  if (typeof value !== 'string' || value.trim() === '')
    throw new CallCardInputError(
      WHERE,
      'options.name',
      value,
      fullMessages() ? "a non-empty string (the instance's name in the extension)" : '',
    );
  return value;
}

function checkMaxAge(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_AGE;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 2)
    throw new CallCardInputError(
      WHERE,
      'options.maxAge',
      value,
      fullMessages() ? 'a whole number of actions, at least 2' : '',
    );
  return value;
}

/** `options.extension`, else the global one; `undefined` when there is none to connect to. */
function checkExtension(value: unknown): ReduxDevToolsExtension | undefined {
  if (value === undefined) {
    const global = (globalThis as { __REDUX_DEVTOOLS_EXTENSION__?: unknown })
      .__REDUX_DEVTOOLS_EXTENSION__;
    return hasConnect(global) ? global : undefined;
  }
  if (!hasConnect(value))
    throw new CallCardInputError(
      WHERE,
      'options.extension',
      value,
      fullMessages()
        ? 'the Redux DevTools extension, an object with connect(options) (or nothing: the global one)'
        : '',
    );
  return value;
}

function hasConnect(value: unknown): value is ReduxDevToolsExtension {
  try {
    return (
      (typeof value === 'object' || typeof value === 'function') &&
      value !== null &&
      typeof (value as { connect?: unknown }).connect === 'function'
    );
  } catch {
    // A Proxy whose reads throw has no usable connect.
    return false;
  }
}

function checkCard(value: unknown): CallCard | undefined {
  if (value === undefined) return undefined;
  let ok = false;
  try {
    ok = isRecord(value) && typeof value['snapshot'] === 'function';
  } catch {
    // A Proxy whose reads throw is no card.
  }
  if (!ok)
    throw new CallCardInputError(
      WHERE,
      'options.card',
      value,
      fullMessages() ? "the app's CallCard (connectCallCard(placement)), or nothing" : '',
    );
  return value as CallCard;
}
