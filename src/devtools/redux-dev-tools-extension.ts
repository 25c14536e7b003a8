import type { SessionLogEntry } from '../model/session-log';

// The part of the Redux DevTools extension's page API that `connectReduxDevTools` uses, typed
// here in our own words (the library depends on no package of the extension): what the extension
// puts on `window.__REDUX_DEVTOOLS_EXTENSION__` in every frame, the hidden background frame of a
// placement included, and the connection its `connect(options)` returns.

/**
 * What `connectReduxDevTools` sends to the extension for each entry of the session: one action in
 * the extension's list. The state shown after it is the card's snapshot.
 */
export interface CallCardDevToolsAction {
  /**
   * The entry in words, for the list (and the extension's filter): `[event] muteButtonClick`,
   * `[command] CallCardSetMute`, `[reply] CallCardSetMute ok`, `[reply] CallCardSetUiState error
   * Invalid ui state`, `[transport error] CallCardSetMute`, `[card] 2 open`, `[card] 2 closed
   * (closeClick)`, `[failure] CallCardTimeoutError CallCardSetHold`.
   */
  readonly type: string;
  /**
   * The entry's number since the bridge started, from 1, with no gap: an export in which a number
   * is missing lost entries (recording paused, actions filtered out), and
   * `sessionLogFromDevTools` says so instead of rebuilding a session that never happened.
   */
  readonly seq: number;
  /** The entry itself, exactly as `recordCallCard` records it (after `redact`). */
  readonly payload: SessionLogEntry;
}

/** The options `connectReduxDevTools` hands the extension's `connect`. */
export interface ReduxDevToolsConnectOptions {
  /** The instance's name in the extension's list of instances. */
  readonly name: string;
  /** How many actions the extension keeps; older ones are committed into its base state. */
  readonly maxAge: number;
  /**
   * The monitor features allowed: only `export` (the extension saves its history as a file).
   * Time travel, skipping, reordering, dispatching, importing and pausing stay off: the host owns
   * the card, and an export with a gap could not be replayed.
   */
  readonly features: { readonly export: true };
}

/**
 * A message the extension sends to the page, as its connection's `subscribe` delivers it:
 * `START` and `STOP` (a monitor opened or closed), `DISPATCH` with a monitor action in `payload`
 * (`{ type: 'JUMP_TO_STATE', index }`, `{ type: 'COMMIT' }`, `{ type: 'IMPORT_STATE', ... }`,
 * `{ type: 'PAUSE_RECORDING', status }`, ...), `ACTION` (an action typed into its dispatcher).
 */
export interface ReduxDevToolsMessage {
  /** `START`, `STOP`, `DISPATCH`, `ACTION`, ... */
  readonly type: string;
  /** For `DISPATCH`, the monitor's action (`{ type: 'COMMIT' }`, ...); for `ACTION`, the action. */
  readonly payload?: unknown;
  /** The monitor's state of the instance, as JSON text, with some messages. */
  readonly state?: unknown;
}

/** One connection to the extension: what `connect(options)` returns. */
export interface ReduxDevToolsConnection {
  /** Starts (or restarts) the instance's history with `state` as its base. */
  init(state: unknown): void;
  /** Adds one action to the history, with the state after it. */
  send(action: CallCardDevToolsAction, state: unknown): void;
  /** Listens to the extension's messages; the extension returns a function that stops it. */
  subscribe(listener: (message: ReduxDevToolsMessage) => void): unknown;
  /** Stops every listener of this connection. */
  unsubscribe(): void;
  /** Shows `message` as an error in the extension's monitor. */
  error(message: string): void;
}

/**
 * The Redux DevTools extension as a page sees it, `window.__REDUX_DEVTOOLS_EXTENSION__`, or a
 * fake of it in tests: an object with `connect`.
 */
export interface ReduxDevToolsExtension {
  /** Opens one instance in the extension (one entry in its list of instances). */
  connect(options: ReduxDevToolsConnectOptions): ReduxDevToolsConnection;
}
