import type { CallCardSessionLog } from 'b24-call-card-rx';
import type { ProbeOptions, ProbeStepResult, RawCall } from './tour.mjs';

/** A step as the probe file keeps it: times in ms on the log's clock. */
export type ProbeFileStep = Omit<ProbeStepResult, 'startedAt' | 'endedAt'> & {
  readonly at: number;
  readonly endedAt: number;
};

/** A frame of the app on the page, as the probe saw it. */
export interface ProbeFrame {
  readonly id: string;
  /** `tour`: it ran the tour; `waiting`: another frame did, it only recorded. */
  readonly role: 'tour' | 'waiting';
  /** Whether the browser let it take the probe's lock (`unavailable`: each frame runs a tour). */
  readonly lock: 'held' | 'waiting' | 'unavailable';
  readonly initialized: number;
}

/** The file the host probe saves. */
export interface ProbeFile {
  readonly probe: 1;
  readonly userAgent: string;
  readonly options: ProbeOptions;
  /** What the SDK's `getInterface()` answered. */
  readonly interface: {
    readonly command: readonly string[];
    readonly event: readonly string[];
  } | null;
  /** Per host event: how many reached the SDK callback, and how the bind's promise ended. */
  readonly sdkBindings: Readonly<
    Record<string, { readonly callbacks: number; readonly promise: string }>
  >;
  /** This frame and the other frames of the app it met: their role and `initialized` count. */
  readonly frames: {
    readonly self: ProbeFrame;
    readonly others: Readonly<Record<string, ProbeFrame>>;
  };
  /** Every message the portal posted to the frame, counted by its shape (keys, never values). */
  readonly wire: Readonly<Record<string, number>>;
  readonly steps: readonly ProbeFileStep[];
  /** The session log: `recordCallCard`'s, with the raw calls merged in. */
  readonly log: CallCardSessionLog;
}

export const PROBE_FILE_VERSION: 1;

/** `log` with `rawCalls` merged in as entries, in time order, commands numbered again. */
export function mergeRawCalls(
  log: CallCardSessionLog,
  rawCalls: readonly RawCall[],
): CallCardSessionLog;

/** What is wrong with `file` as a probe file: an empty list when nothing is. */
export function probeFileProblems(file: unknown): string[];
