// Plain activity data for the operator specs: what the hub and the sink hand to the operators.
import type { CallCardActivity } from '../../src/model/activity';
import type { CallCardCommand } from '../../src/model/commands';
import type {
  CallCardEvent,
  CallCardEventMap,
  CallCardEventType,
  CallInfo,
  CrmEntity,
} from '../../src/model/events';
import type { HostUiState } from '../../src/model/ui-states';
import { INITIAL_CALL_CARD_SNAPSHOT } from '../../src/model/snapshot';
import type { CallCardSnapshot } from '../../src/model/snapshot';
import { callInfo, crmEntity } from '../support/fixtures';

export function event<T extends CallCardEventType>(
  type: T,
  ...payload: CallCardEventMap[T] extends undefined ? [] : [CallCardEventMap[T]]
): CallCardActivity {
  // The rest-tuple ties the payload to the type; TypeScript cannot see it inside the body.
  return { kind: 'event', event: { type, payload: payload[0] } as CallCardEvent };
}

export function command(command: CallCardCommand): CallCardActivity {
  return { kind: 'command', command };
}

/** Call `id` in `state`, short enough for a marble's value map. */
export const call = (id = '1', state: CallInfo['CALL_STATE'] = 'idle'): CallInfo =>
  callInfo({ CALL_ID: id, PHONE_NUMBER: '+100200', CALL_STATE: state });

/** Contact `id`, short enough for a marble's value map. */
export const entity = (id = 7): CrmEntity =>
  crmEntity({ PHONE_NUMBER: '+100200', CRM_ENTITY_ID: id });

export const initialized = (info: CallInfo = call()): CallCardActivity =>
  event('initialized', info);
export const uiState = (state: HostUiState, disableAutoStartTimer?: boolean): CallCardActivity =>
  command({
    name: 'CallCardSetUiState',
    params:
      disableAutoStartTimer === undefined
        ? { uiState: state }
        : { uiState: state, disableAutoStartTimer },
  });
export const startTimer = (): CallCardActivity =>
  command({ name: 'CallCardStartTimer', params: {} });
export const stopTimer = (): CallCardActivity => command({ name: 'CallCardStopTimer', params: {} });
export const closeCard = (): CallCardActivity => command({ name: 'CallCardClose', params: {} });
export const setMute = (muted: boolean): CallCardActivity =>
  command({ name: 'CallCardSetMute', params: { muted } });
export const setHold = (held: boolean): CallCardActivity =>
  command({ name: 'CallCardSetHold', params: { held } });

/** A card that exists (after `initialized`), for specs that start mid-call. */
export const openCard = (patch: Partial<CallCardSnapshot> = {}): CallCardSnapshot => ({
  ...INITIAL_CALL_CARD_SNAPSHOT,
  uiState: 'externalCard',
  call: call(),
  ...patch,
});

/** The initial snapshot with some fields changed: for expected values. */
export const snapshot = (patch: Partial<CallCardSnapshot> = {}): CallCardSnapshot => ({
  ...INITIAL_CALL_CARD_SNAPSHOT,
  ...patch,
});
