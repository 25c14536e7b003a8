import { asyncScheduler } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { CallInfo } from 'b24-call-card-rx';

/** A readable `initialized` payload for call `id`. */
export const call = (id: string): CallInfo => ({
  CALL_ID: id,
  CRM_ENTITY_TYPE: '',
  CRM_ENTITY_ID: 0,
  CRM_BINDINGS: [],
  CALL_DIRECTION: 'incoming',
  CALL_STATE: 'idle',
  CALL_LIST_MODE: false,
});

export const testScheduler = (): TestScheduler =>
  new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** Runs `work` at `ms` of (virtual, inside `TestScheduler.run`) time. */
export const at = (ms: number, work: () => void): void => {
  asyncScheduler.schedule(work, ms);
};

/** `name: message` of an outcome's error, or `ok`. */
export const describeOutcome = (outcome: {
  readonly ok: boolean;
  readonly error?: Error;
}): string => (outcome.ok ? 'ok' : `${outcome.error?.name}: ${outcome.error?.message}`);
