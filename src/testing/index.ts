/**
 * The testing entry: two fakes of the Bitrix24 host for specs and demos, both a `PlacementPort`.
 * `createTestPlacement` is a recorder a test drives (from marbles, too); `createCallCardSimulator`
 * is a faithful in-memory card with states, buttons, a timer and the host's replies.
 *
 * @module b24-call-card-rx/testing
 */

// Port: what both fakes implement.
export type { PlacementPort } from '../placement/placement-port';

// Test placement: a recorder you drive from code or marbles, answering commands by policy.
export { createTestPlacement } from './create-test-placement';
export type {
  TestPlacement,
  TestPlacementOptions,
  TestPlacementCall,
  TestPlacementAnswer,
  TestPlacementBinding,
  TestPlacementEmission,
  TestPlacementLostEvent,
  RawHostEvent,
  EmitPayloadArgs,
  CommandNameOrString,
} from './create-test-placement';
export type { ReplyPolicy } from './reply-policy';
export type { NoDataStyle } from './raw-payload';

// Simulator: a faithful in-memory host with buttons, timer and text view.
export { createCallCardSimulator } from './create-call-card-simulator';
export type {
  CallCardSimulator,
  SimulatorOptions,
  RingOptions,
  EntityChange,
  SimulatorLogEntry,
  SimulatorRaisedEvent,
  PressPayloads,
  PressArgs,
} from './create-call-card-simulator';
export type { SimulatorCard, SimulatorCrm } from './simulator-card';
export type { SimulatorTimer } from './host-timer';

// Replay: a recorded session played back as a host, reporting how the app differed.
export { replaySession } from './replay-session';
export type {
  ReplayPlacement,
  ReplaySessionOptions,
  ReplaySentCommand,
  ReplayMismatch,
} from './replay-session';

// Redux DevTools: an export of the devtools entry's bridge, rebuilt as a session log to replay.
export { sessionLogFromDevTools } from './session-log-from-dev-tools';
