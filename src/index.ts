/**
 * The core entry: the call card's vocabulary and errors, the adapters over the two client
 * libraries, the event streams, the command creators and the serial sink, the pure operators,
 * and the `connectCallCard` facade that wires them for one placement.
 *
 * Most apps need a placement and the facade; the other groups are its parts, for code that needs
 * one part alone, and for tests. The groups, and what each is for:
 *
 * - **Facade**: {@link connectCallCard} wires one placement's card into one {@link CallCard}:
 *   events, state, timer, commands, errors. Start here.
 * - **Placement**: how the library reaches the host. {@link fromBX24} for the portal's classic
 *   `BX24` script, {@link fromB24Frame} for the official SDK, {@link deferPlacement} for a
 *   placement that starts asynchronously, {@link isInPortalFrame} to check that a portal is there
 *   at all; {@link PlacementPort} to wrap a port or write your own.
 * - **Streams**: the card's events as typed Observables, to listen without the facade:
 *   {@link callCardEvents}, {@link fromCallCardEvent}.
 * - **Commands**: what your logic asks of the card, as plain data ({@link setUiState},
 *   {@link setStatusText}, {@link setMute}, ...), and the ways to send it: {@link applyCommands}
 *   (the serial sink), {@link sendCommand} (one call), {@link appliedCommands} (what reached the
 *   card); {@link CommandOutcome} says what became of each command.
 * - **Operators**: pure derivations for your pipelines and marble tests: {@link callCardState}
 *   (the card's state), {@link timerStatus} and {@link formatCallTimer} (the call timer),
 *   {@link whenUiState}, {@link ofType}, {@link dialpadDigits}, {@link callSessions}.
 * - **Field**: {@link recordCallCard} records what the library and the host say to each other as
 *   a JSON log for a support ticket; {@link redactPersonalData} hides the caller's data in it.
 * - **Model**: the vocabulary everything is typed with, for your own code, tests and fakes: UI
 *   states ({@link UI_STATES}), events and their payloads ({@link CallCardEventMap}), commands
 *   ({@link CallCardCommandMap}, {@link COMMAND_REPLIES}), buttons per state
 *   ({@link BUTTON_EVENTS_BY_STATE}), the snapshot ({@link CallCardSnapshot}), the error codes.
 * - **Errors**: one class per kind, all caught by `instanceof` {@link CallCardError}: bad input,
 *   an unreadable payload, a host error, a timeout, something missing. Branch on the class.
 *
 * The fakes (`createCallCardSimulator`, `createTestPlacement`) and `replaySession` are in the
 * `b24-call-card-rx/testing` entry; Angular's `provideCallCard` and `injectCallCard` in
 * `b24-call-card-rx/angular`.
 *
 * @module b24-call-card-rx
 */

// Model: the call card's vocabulary.
export { UI_STATES, INTERNAL_UI_STATES, isUiState, isHostUiState } from './model/ui-states';
export type { UiState, InternalUiState, HostUiState } from './model/ui-states';
export { CALL_CARD_EVENT_TYPES, hostEventName, isCallCardEventType } from './model/events';
export type {
  CallCardEventMap,
  CallCardEventType,
  CallCardEvent,
  HostEventName,
  CallInfo,
  CrmEntity,
  CrmEntityType,
  CrmBinding,
  CallDirection,
  CallState,
  TransferTarget,
  DialpadKey,
  QualityGrade,
} from './model/events';
export { BUTTON_EVENTS, BUTTON_EVENTS_BY_STATE } from './model/buttons';
export type { ButtonName, ButtonEventType } from './model/buttons';
export {
  COMMAND_REPLIES,
  CALL_CARD_COMMAND_NAMES,
  isCallCardCommandName,
  CARD_UNDEFINED_ERROR_CODE,
  INVALID_UI_STATE_ERROR_CODE,
  TRANSPORT_ERROR_CODE,
  MALFORMED_REPLY_ERROR_CODE,
} from './model/commands';
export type {
  CallCardCommandMap,
  CallCardCommandName,
  CallCardCommand,
  CallCardCommandResult,
  CommandReplyKind,
} from './model/commands';
export type { CallCardActivity } from './model/activity';
export { INITIAL_CALL_CARD_SNAPSHOT } from './model/snapshot';
export type { CallCardSnapshot, CallCardTimerState } from './model/snapshot';
export { readEventPayload } from './model/validate';
export type { PayloadResult } from './model/validate';

// Errors: one class per kind, all extending CallCardError.
export {
  CallCardError,
  CallCardInputError,
  CallCardPayloadError,
  CallCardCommandError,
  CallCardTimeoutError,
  CallCardUnavailableError,
} from './model/errors';

// Placement: the one interface to the host, adapters over the two client libraries, async start-up.
export type { PlacementPort } from './placement/placement-port';
export { fromBX24 } from './placement/from-bx24';
export type { Bx24Like } from './placement/from-bx24';
export { fromB24Frame } from './placement/from-b24-frame';
export type { B24FrameLike, B24PlacementLike } from './placement/from-b24-frame';
export { deferPlacement } from './placement/defer-placement';
export type { DeferredPlacement } from './placement/defer-placement';
export { isInPortalFrame } from './placement/is-in-portal-frame';
export type { PortalFrameWindowLike } from './placement/is-in-portal-frame';

// Streams: the call card's events as hot typed Observables.
export { callCardEvents } from './streams/call-card-events';
export type { CallCardEvents } from './streams/call-card-events';
export { fromCallCardEvent } from './streams/from-call-card-event';

// Commands: creators (pure, validated data), one-shot sends and the serial sink.
export { setCardTitle } from './commands/creators/set-card-title';
export { setStatusText } from './commands/creators/set-status-text';
export { setUiState } from './commands/creators/set-ui-state';
export type { SetUiStateOptions } from './commands/creators/set-ui-state';
export { setMute } from './commands/creators/set-mute';
export { setHold } from './commands/creators/set-hold';
export { startTimer } from './commands/creators/start-timer';
export { stopTimer } from './commands/creators/stop-timer';
export { closeCard } from './commands/creators/close-card';
export { getListUiStates } from './commands/creators/get-list-ui-states';
export { sendCommand } from './commands/send-command';
export type { SendCommandOptions } from './commands/send-command';
export { applyCommands } from './commands/apply-commands';
export type { ApplyCommandsOptions } from './commands/apply-commands';
export type { CommandOutcome } from './model/outcome';
export { appliedCommands } from './commands/applied-commands';

// Operators: pure derivations over events and applied commands.
export { ofType } from './operators/of-type';
export { callCardState } from './operators/call-card-state';
export type { CallCardStateOptions } from './operators/call-card-state';
export { timerStatus } from './operators/timer-status';
export type { TimerStatus, TimerStatusOptions } from './operators/timer-status';
export { formatCallTimer } from './operators/format-call-timer';
export { whenUiState } from './operators/when-ui-state';
export { dialpadDigits } from './operators/dialpad-digits';
export type { DialpadDigitsOptions } from './operators/dialpad-digits';
export { callSessions } from './operators/call-sessions';

// Facade: one placement's call card, wired.
export { connectCallCard } from './call-card';
export type { CallCard, ConnectCallCardOptions } from './call-card';

// Field: record what the session sees, as a versioned JSON log (a support ticket, a replay).
export { recordCallCard } from './recorder/record-call-card';
export type { CallCardRecorder, RecordCallCardOptions } from './recorder/record-call-card';
export { redactPersonalData } from './recorder/redact-personal-data';
export { SESSION_LOG_VERSION } from './model/session-log';
export type {
  CallCardSessionLog,
  SessionLogEntry,
  SessionLogError,
  SessionLogCardCause,
  JsonValue,
} from './model/session-log';
