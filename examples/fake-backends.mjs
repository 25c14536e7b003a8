// Stand-ins for the app's own services, scripted and timed on the demo's clock: a softphone (the
// SIP side of the call) and a CRM directory behind an HTTP-like lookup. Every answer is a cold
// Observable delayed on `scheduler`, so the demo's virtual clock decides when it arrives.
import { defer, map, timer } from 'rxjs';

/**
 * @typedef {object} Softphone
 * @property {() => import('rxjs').Observable<'connected'>} answer picks up an incoming call
 * @property {(number: string) => import('rxjs').Observable<'answered' | 'noAnswer'>} dial
 *   calls out; each call takes the next scripted result
 * @property {(target: number | string) => import('rxjs').Observable<{ok: true} | {ok: false, reason: string}>} transfer
 *   tries to hand the call to a colleague
 */

/**
 * @typedef {object} SoftphoneScript
 * @property {number} answerMs how long picking up takes
 * @property {ReadonlyArray<{afterMs: number, result: 'answered' | 'noAnswer'}>} dials one per call made
 * @property {{afterMs: number, ok: boolean, reason?: string}} transfer what a transfer attempt gives
 */

/**
 * A softphone that follows `script`.
 *
 * @param {import('rxjs').SchedulerLike} scheduler
 * @param {SoftphoneScript} script
 * @returns {Softphone}
 */
export function createSoftphone(scheduler, script) {
  let dials = 0;
  return {
    answer: () =>
      timer(script.answerMs, scheduler).pipe(map(() => /** @type {const} */ ('connected'))),
    dial: () =>
      defer(() => {
        const step = script.dials[dials] ?? script.dials[script.dials.length - 1];
        dials += 1;
        if (step === undefined) throw new Error('softphone: no dial result scripted');
        return timer(step.afterMs, scheduler).pipe(map(() => step.result));
      }),
    transfer: () =>
      timer(script.transfer.afterMs, scheduler).pipe(
        map(() =>
          script.transfer.ok
            ? { ok: true }
            : { ok: false, reason: script.transfer.reason ?? 'no answer' },
        ),
      ),
  };
}

/**
 * @typedef {object} Crm
 * @property {(entityType: string, entityId: number) => import('rxjs').Observable<string | undefined>} lookupName
 *   the display name of a CRM entity, `undefined` when unknown
 */

/**
 * A CRM directory keyed `TYPE:ID`, answering after `latencyMs` like an HTTP call would.
 *
 * @param {import('rxjs').SchedulerLike} scheduler
 * @param {Readonly<Record<string, string>>} directory
 * @param {number} [latencyMs]
 * @returns {Crm}
 */
export function createCrm(scheduler, directory, latencyMs = 400) {
  return {
    lookupName: (entityType, entityId) =>
      timer(latencyMs, scheduler).pipe(map(() => directory[`${entityType}:${entityId}`])),
  };
}
