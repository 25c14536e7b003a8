import type { SchedulerLike } from 'rxjs';
import { COMMAND_REPLIES } from '../../src/model/commands';
import { UI_STATES } from '../../src/model/ui-states';
import { sessionOf } from '../../src/session/session';
import { bindHostEvent } from '../../src/session/event-hub';
import { recordingPlacement } from '../support/recording-placement';
import type { RecordingPlacement } from '../support/recording-placement';
import { callInfo } from '../support/fixtures';

/** A valid `initialized` payload. */
const CALL = callInfo({ PHONE_NUMBER: '+15550100' });

/** What a browser host answers to a command on an open card (`undefined`: no answer at all). */
export function hostReply(command: string): unknown {
  if (command === 'CallCardGetListUiStates') return [...UI_STATES];
  return COMMAND_REPLIES[command as keyof typeof COMMAND_REPLIES] === 'none' ? undefined : [];
}

export interface CommandHost extends RecordingPlacement {
  /** Every call as `frame command params`, e.g. `3 CallCardSetStatusText {"statusText":"a"}`. */
  readonly log: string[];
  /** The host raises `initialized` (a new card). */
  initialize(): void;
  /** The user presses the card's Close button. */
  pressClose(): void;
}

/**
 * A fake host for the command specs. It answers each call `delay` frames later on `scheduler`
 * (synchronously when `delay` is 0) with `reply(command, params)`; `undefined` means never.
 */
export function commandHost(
  scheduler: SchedulerLike,
  delay: number,
  reply: (command: string, params: Readonly<Record<string, unknown>>) => unknown = hostReply,
): CommandHost {
  const log: string[] = [];
  const placement: RecordingPlacement = recordingPlacement((command, params) => {
    const call = placement.calls[placement.calls.length - 1]!;
    log.push(`${scheduler.now()} ${command} ${JSON.stringify(params)}`);
    const value = reply(command, params);
    if (value === undefined) return undefined;
    if (delay === 0) return value;
    scheduler.schedule(() => call.reply(value), delay);
    return undefined;
  });
  return Object.assign(placement, {
    log,
    initialize: () => {
      // Bound first, as the facade does at creation: an unbound event is lost.
      bindHostEvent(sessionOf(placement), 'initialized');
      placement.emit('BackgroundCallCard::initialized', CALL);
    },
    pressClose: () => {
      bindHostEvent(sessionOf(placement), 'closeButtonClick');
      placement.emit('BackgroundCallCard::closeButtonClick', '');
    },
  });
}

/** A plain shape of an error, for marble comparisons. */
export function errorShape(error: unknown): Record<string, unknown> {
  const e = error as Error & { errorCode?: unknown };
  return {
    type: e.constructor.name,
    message: e.message,
    ...(e.errorCode === undefined ? {} : { errorCode: e.errorCode }),
  };
}
