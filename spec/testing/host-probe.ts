import { CALL_CARD_EVENT_TYPES, hostEventName } from '../../src/model/events';
import type { CallCardEventType } from '../../src/model/events';
import type { PlacementPort } from '../../src/placement/placement-port';

/** One raw delivery a probe received. */
export interface Heard {
  readonly type: CallCardEventType;
  readonly raw: unknown;
}

/** Binds all 17 host events once and records every raw delivery, in order. */
export function listenAll(port: PlacementPort): Heard[] {
  const heard: Heard[] = [];
  for (const type of CALL_CARD_EVENT_TYPES)
    port.bindEvent(hostEventName(type), (raw) => heard.push({ type, raw }));
  return heard;
}

/** Sends one command and returns the live list of replies it gets. */
export function send(
  port: PlacementPort,
  command: string,
  params: Readonly<Record<string, unknown>> = {},
): unknown[] {
  const replies: unknown[] = [];
  port.call(command, params, (reply) => replies.push(reply));
  return replies;
}

/** The host's error reply. */
export const hostError = (errorCode: string): unknown[] => [{ result: 'error', errorCode }];
