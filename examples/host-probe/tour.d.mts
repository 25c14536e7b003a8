import type { Observable, SchedulerLike } from 'rxjs';
import type { CallCard, CallCardEventType, PlacementPort } from 'b24-call-card-rx';

/** The tour's timings, in ms. */
export interface ProbeOptions {
  readonly cardTimeoutMs: number;
  readonly clickTimeoutMs: number;
  readonly dwellMs: number;
  readonly silenceMs: number;
}

/** The defaults, for a person at a live portal. */
export const DEFAULT_PROBE_OPTIONS: ProbeOptions;

/** The card as the simulator shows it, as much of it as a question reads. */
export interface QuestionCard {
  readonly timer: { readonly status: 'hidden' | 'running' | 'stopped'; readonly elapsedMs: number };
}

/** A click that answers a question. */
export interface QuestionAnswer {
  readonly type: CallCardEventType;
  readonly payload?: string;
  readonly label: string;
}

/** A question the probe asks about what the card shows. */
export interface ProbeQuestion {
  readonly text: string;
  readonly yes: QuestionAnswer;
  readonly no: QuestionAnswer;
  /** The answer a host that follows docs/host-behaviour.md gives. */
  expected(card: QuestionCard, sinceTimerCommandMs: number): boolean;
}

export const QUESTIONS: Readonly<Record<string, ProbeQuestion>>;

/** One step of the tour (its `run` is internal). */
export interface ProbeStep {
  readonly id: string;
  readonly title: string;
  /** The open questions of docs/host-behaviour.md it answers. */
  readonly answers: readonly string[];
}

export const PROBE_STEPS: readonly ProbeStep[];

/** A command the probe sent straight to the host, and what came back (times: `scheduler.now()`). */
export interface RawCall {
  readonly at: number;
  readonly command: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly answers: ReadonlyArray<
    | { readonly at: number; readonly reply: unknown }
    | { readonly at: number; readonly error: string }
  >;
}

/** How one step went. */
export interface ProbeStepResult {
  /** Its number, from 1. */
  readonly n: number;
  readonly id: string;
  readonly outcome: 'done' | 'timedOut' | 'skipped';
  /** What happened, in order: each command's answer, each event's payload shape, each answer. */
  readonly notes: readonly string[];
  /** The operator's answers by question id: `null` when none came in time. */
  readonly answers: Readonly<Record<string, boolean | null>>;
  /** When it began and ended, `scheduler.now()`. */
  readonly startedAt: number;
  readonly endedAt: number;
}

/** What `runTour` needs. */
export interface TourContext {
  readonly placement: PlacementPort;
  readonly card: CallCard;
  readonly scheduler: SchedulerLike;
  readonly options: ProbeOptions;
  /** Where the commands sent past the library go (the tour pushes to it). */
  readonly rawCalls: RawCall[];
  /** The instruction for the operator now, `null` when nothing is asked. */
  readonly onInstruction?: (text: string | null) => void;
}

/** Runs the tour; emits each step's result as the step ends, then completes. */
export function runTour(context: TourContext): Observable<ProbeStepResult>;
