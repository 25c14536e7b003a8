import type { ProbeFile } from './probe-file.mjs';

/** One place where the simulator did not do what the portal did. */
export interface Disagreement {
  /** ms on the log's clock. */
  readonly at: number;
  /** The probe step running then: `14 quality`. */
  readonly step: string;
  /** The command (with its params), event or question. */
  readonly what: string;
  readonly portal: string;
  readonly simulator: string;
}

/** What `compareWithSimulator` found, and how much it compared. */
export interface Comparison {
  readonly rows: readonly Disagreement[];
  readonly compared: {
    readonly replies: number;
    readonly events: number;
    readonly answers: number;
  };
}

/** Replays `file` against the simulator and lists where it disagrees with the portal. */
export function compareWithSimulator(file: ProbeFile): Comparison;

/** The comparison as a text table, or a line saying that nothing disagreed. */
export function formatComparison(comparison: Comparison): string;
