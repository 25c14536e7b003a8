import type { CallCardSnapshot } from 'b24-call-card-rx';
import type { ReplayMismatch } from 'b24-call-card-rx/testing';
import type { ProbeFile } from './probe-file.mjs';
import type { ProbeStepResult } from './tour.mjs';

/** A step result without its times. */
export type UntimedStep = Omit<ProbeStepResult, 'startedAt' | 'endedAt'>;

/** A step without its times (real ones in the portal, exact ones in a replay). */
export function untimed(step: object): UntimedStep;

/** Replays `file.log` with the tour under `TestScheduler.run`. */
export function replayProbeFile(file: ProbeFile): {
  readonly mismatches: readonly ReplayMismatch[];
  readonly steps: readonly UntimedStep[];
  readonly snapshot: CallCardSnapshot;
};
