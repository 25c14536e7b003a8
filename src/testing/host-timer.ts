import type { HostUiState } from '../model/ui-states';
import type { TimerStatus } from '../operators/timer-status';
import { TIMER_KEEPING_STATES } from '../model/ui-states';

/**
 * The host's call timer (docs/host-behaviour.md, section 4): `startedAt` (`null` = unset; the host uses 0, but
 * 0 is a real time on a virtual clock), `running`, `visible`, plus the moment of the last stop so
 * a frozen value is exact rather than the last 1000 ms tick.
 *
 * @internal
 */
export interface HostTimer {
  readonly startedAt: number | null;
  readonly running: boolean;
  readonly visible: boolean;
  readonly stoppedAt: number | null;
}

/**
 * The simulated timer as a status: the library's `TimerStatus` (`hidden`, `running`, `stopped`;
 * `elapsedMs` is `now - startedAt` while running, `stop - startedAt` when stopped, 0 when hidden).
 */
export type SimulatorTimer = TimerStatus;

/**
 * A fresh card's timer: hidden, unset. Also the result of every reset.
 *
 * @internal
 */
export const RESET_TIMER: HostTimer = {
  startedAt: null,
  running: false,
  visible: false,
  stoppedAt: null,
};

const keeping: ReadonlySet<HostUiState> = new Set(TIMER_KEEPING_STATES);

/**
 * `CallCardStartTimer`, and the auto-start of `connected`: visible; resume or start.
 *
 * @internal
 */
export function startTimer(timer: HostTimer, now: number): HostTimer {
  if (timer.running) return timer.visible ? timer : { ...timer, visible: true };
  // Nothing is accumulated: a restart keeps the original start, so the stopped time counts.
  return { startedAt: timer.startedAt ?? now, running: true, visible: true, stoppedAt: null };
}

/**
 * `CallCardStopTimer`: not running; visibility and `startedAt` kept, the value frozen.
 *
 * @internal
 */
export function stopTimer(timer: HostTimer, now: number): HostTimer {
  return timer.running ? { ...timer, running: false, stoppedAt: now } : timer;
}

/**
 * `CallCardSetUiState`: the table of docs/host-behaviour.md, section 4, row by row.
 *
 * @internal
 */
export function timerOnUiState(
  timer: HostTimer,
  state: HostUiState,
  disableAutoStartTimer: boolean,
  now: number,
): HostTimer {
  if (state === 'connected') return disableAutoStartTimer ? RESET_TIMER : startTimer(timer, now);
  if (keeping.has(state)) return timer.running ? timer : RESET_TIMER;
  return RESET_TIMER;
}

/**
 * The timer's status at `now`.
 *
 * @internal
 */
export function timerStatusAt(timer: HostTimer, now: number): SimulatorTimer {
  if (!timer.visible || timer.startedAt === null) return { status: 'hidden', elapsedMs: 0 };
  if (timer.running) return { status: 'running', elapsedMs: Math.max(0, now - timer.startedAt) };
  const frozenAt = timer.stoppedAt ?? timer.startedAt;
  return { status: 'stopped', elapsedMs: Math.max(0, frozenAt - timer.startedAt) };
}
