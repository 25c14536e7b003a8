import type {
  CallCardDevToolsAction,
  ReduxDevToolsConnectOptions,
  ReduxDevToolsConnection,
  ReduxDevToolsExtension,
  ReduxDevToolsMessage,
} from '../../src/devtools';

/** One action as the extension's monitor keeps it (a "lifted" action). */
export interface LiftedAction {
  readonly type: 'PERFORM_ACTION';
  readonly action: { readonly type: string } & Partial<CallCardDevToolsAction>;
  readonly timestamp: number;
}

/**
 * The history the extension keeps for one instance, and saves as the export file: its
 * `actionsById` (id 0 is `@@INIT`), one computed state per staged action, and the base state
 * once `maxAge` committed older actions.
 */
export interface LiftedState {
  actionsById: Record<number, LiftedAction>;
  computedStates: { state: unknown }[];
  currentStateIndex: number;
  nextActionId: number;
  skippedActionIds: number[];
  stagedActionIds: number[];
  committedState?: unknown;
}

/** What the page did with a connection, in order. */
export type ConnectionCall =
  | { readonly call: 'init'; readonly state: unknown }
  | {
      readonly call: 'send';
      readonly action: CallCardDevToolsAction;
      readonly state: unknown;
      /** When the page sent it, on the fake's clock. */
      readonly at: number;
    }
  | { readonly call: 'error'; readonly message: string }
  | { readonly call: 'subscribe' }
  | { readonly call: 'stop listening' }
  | { readonly call: 'unsubscribe' };

/**
 * A fake of the Redux DevTools extension's page API (`window.__REDUX_DEVTOOLS_EXTENSION__`) for
 * the bridge's specs. Its connections record what the page calls and keep the history the way
 * the extension's monitor builds it from `init` and `send`: every value goes through JSON, as
 * the page script stringifies and the monitor parses; ids count from 1 after `@@INIT`; past
 * `maxAge` the oldest actions are committed into the base state. `exported()` is the file its
 * "export" button saves (`JSON.stringify` of that history: the extension's serializer writes
 * plain JSON for data without cycles).
 */
export interface FakeReduxDevTools extends ReduxDevToolsExtension {
  /** The options of each `connect`, in order. */
  readonly connects: ReduxDevToolsConnectOptions[];
  /** What the page called on the last connection. */
  readonly calls: ConnectionCall[];
  /** The last connection's history, as the monitor keeps it. */
  lifted(): LiftedState;
  /** The export file of the last connection. */
  exported(): string;
  /** Delivers a message of the extension to the last connection's listeners. */
  deliver(message: ReduxDevToolsMessage): void;
  /** How many listeners the last connection has. */
  listeners(): number;
}

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? null)) as T;

/** `now` tells the time of each send (default: always 0). */
export function fakeReduxDevTools(now: () => number = () => 0): FakeReduxDevTools {
  const connects: ReduxDevToolsConnectOptions[] = [];
  const calls: ConnectionCall[] = [];
  let listeners: ((message: ReduxDevToolsMessage) => void)[] = [];
  let lifted: LiftedState | undefined;
  let timestamp = 0;
  let maxAge = 0;

  /** The monitor's own commit of the oldest `excess` actions (id 0 stays: the base). */
  const commit = (state: LiftedState, excess: number): void => {
    const gone = state.stagedActionIds.slice(1, excess + 1);
    for (const id of gone) delete state.actionsById[id];
    state.skippedActionIds = state.skippedActionIds.filter((id) => !gone.includes(id));
    state.stagedActionIds = [0, ...state.stagedActionIds.slice(excess + 1)];
    state.committedState = state.computedStates[excess]!.state;
    state.computedStates = state.computedStates.slice(excess);
    state.currentStateIndex = Math.max(state.currentStateIndex - excess, 0);
  };

  const connection: ReduxDevToolsConnection = {
    init(state) {
      calls.push({ call: 'init', state: json(state) });
      lifted = {
        actionsById: {
          0: { type: 'PERFORM_ACTION', action: { type: '@@INIT' }, timestamp: ++timestamp },
        },
        computedStates: [{ state: json(state) }],
        currentStateIndex: 0,
        nextActionId: 1,
        skippedActionIds: [],
        stagedActionIds: [0],
      };
    },
    send(action, state) {
      calls.push({ call: 'send', action: json(action), state: json(state), at: now() });
      if (lifted === undefined) throw new Error('the fake extension got send before init');
      const id = lifted.nextActionId;
      if (lifted.currentStateIndex === lifted.stagedActionIds.length - 1)
        lifted.currentStateIndex += 1;
      lifted.actionsById[id] = {
        type: 'PERFORM_ACTION',
        action: json(action),
        timestamp: ++timestamp,
      };
      lifted.stagedActionIds.push(id);
      lifted.computedStates.push({ state: json(state) });
      lifted.nextActionId = id + 1;
      const excess = lifted.stagedActionIds.length - maxAge;
      if (excess > 0) commit(lifted, excess);
    },
    error(message) {
      calls.push({ call: 'error', message });
    },
    subscribe(listener) {
      calls.push({ call: 'subscribe' });
      listeners.push(listener);
      return () => {
        calls.push({ call: 'stop listening' });
        listeners = listeners.filter((l) => l !== listener);
      };
    },
    unsubscribe() {
      calls.push({ call: 'unsubscribe' });
      listeners = [];
    },
  };

  return {
    connects,
    calls,
    connect(options) {
      connects.push(options);
      maxAge = options.maxAge;
      return connection;
    },
    lifted() {
      if (lifted === undefined) throw new Error('nothing was sent to the fake extension');
      return lifted;
    },
    exported() {
      return JSON.stringify(this.lifted());
    },
    deliver(message) {
      for (const listener of [...listeners]) listener(message);
    },
    listeners: () => listeners.length,
  };
}
