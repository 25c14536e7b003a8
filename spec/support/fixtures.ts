// Shared fixtures for the specs: host payloads, the house TestScheduler, virtual clocks and the
// collection of what rxjs reports as unhandled. Types come from the package entry, so this file
// loads nothing of the library at run time.
import { asyncScheduler, config, VirtualAction, VirtualTimeScheduler } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { CallInfo, CrmEntity } from 'b24-call-card-rx';

/**
 * An `initialized` payload: call `call-1`, incoming and idle, bound to no CRM entity, not in
 * call-list mode, without a phone number (the host may leave it out). `patch` changes or adds
 * fields, so a spec shows exactly where its call differs.
 */
export const callInfo = (patch: Partial<CallInfo> = {}): CallInfo => ({
  CALL_ID: 'call-1',
  CRM_ENTITY_TYPE: '',
  CRM_ENTITY_ID: 0,
  CRM_BINDINGS: [],
  CALL_DIRECTION: 'incoming',
  CALL_STATE: 'idle',
  CALL_LIST_MODE: false,
  ...patch,
});

/**
 * An `initialized` payload of a call from `+4930123456` bound to contact 7 (otherwise as
 * {@link callInfo}); `patch` changes or adds fields.
 */
export const contactCall = (patch: Partial<CallInfo> = {}): CallInfo =>
  callInfo({
    PHONE_NUMBER: '+4930123456',
    CRM_ENTITY_TYPE: 'CONTACT',
    CRM_ENTITY_ID: 7,
    CRM_BINDINGS: [{ ENTITY_TYPE: 'CONTACT', ENTITY_ID: 7 }],
    ...patch,
  });

/** An `entityChanged` payload: contact 7 at `+4912345`; `patch` changes fields. */
export const crmEntity = (patch: Partial<CrmEntity> = {}): CrmEntity => ({
  PHONE_NUMBER: '+4912345',
  CRM_ENTITY_TYPE: 'CONTACT',
  CRM_ENTITY_ID: 7,
  ...patch,
});

/** The house TestScheduler: deep equality through jest. */
export const testScheduler = (): TestScheduler =>
  new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** Runs `work` at `ms` of (virtual, inside `TestScheduler.run`) time. */
export const at = (ms: number, work: () => void): void => {
  asyncScheduler.schedule(work, ms);
};

/** A virtual clock of a spec's own, so its pending actions are only the card's. */
export function virtualClock() {
  const scheduler = new VirtualTimeScheduler(VirtualAction, Infinity);
  return {
    scheduler,
    /** Runs everything due up to `ms` of virtual time. */
    advanceTo(ms: number): void {
      scheduler.maxFrames = ms;
      scheduler.flush();
      // The virtual clock only moves when an action runs: move it to `ms` even if none was due.
      scheduler.frame = Math.max(scheduler.frame, ms);
    },
    /** Scheduled actions not yet run nor cancelled. */
    live: (): number => scheduler.actions.filter((a) => !a.closed).length,
  };
}

/**
 * Collects what rxjs reports through `config.onUnhandledError` during each test of the calling
 * `describe` (or file), instead of rxjs throwing it later, and restores rxjs's default after each
 * test. With `settleMs`, it first waits that long for reports that arrive in a later task. The
 * returned list is emptied before each test.
 */
export function collectUnhandledErrors(options: { readonly settleMs?: number } = {}): unknown[] {
  const reported: unknown[] = [];
  beforeEach(() => {
    reported.length = 0;
    config.onUnhandledError = (error) => reported.push(error);
  });
  afterEach(async () => {
    const { settleMs } = options;
    if (settleMs !== undefined) await new Promise((resolve) => setTimeout(resolve, settleMs));
    config.onUnhandledError = null;
  });
  return reported;
}

/** `name: message` of an outcome's error, or `ok`. */
export const describeOutcome = (outcome: {
  readonly ok: boolean;
  readonly error?: Error;
}): string => (outcome.ok ? 'ok' : `${outcome.error?.name}: ${outcome.error?.message}`);
