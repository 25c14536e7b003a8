/**
 * The devtools entry, for development builds only: the call card in the Redux DevTools browser
 * extension. It speaks the extension's page API itself (no dependency) and uses only the core
 * entry, so an app that never imports it pays nothing for it.
 *
 * @module b24-call-card-rx/devtools
 */

// Bridge: the session's entries as DevTools actions, the card's snapshot as the state.
export { connectReduxDevTools } from './connect-redux-dev-tools';
export type { ConnectReduxDevToolsOptions } from './connect-redux-dev-tools';

// Protocol: the part of the extension's page API the bridge uses, and the actions it sends.
export type {
  CallCardDevToolsAction,
  ReduxDevToolsExtension,
  ReduxDevToolsConnection,
  ReduxDevToolsConnectOptions,
  ReduxDevToolsMessage,
} from './redux-dev-tools-extension';
