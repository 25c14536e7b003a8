/**
 * Formats a timer's elapsed time the way the card shows it: `MM:SS`, minutes not wrapped into
 * hours. Use it so your UI, logs or status text show the same duration as the card.
 *
 * 1. Seconds are floored: 59 999 ms is `00:59`.
 * 2. Minutes have at least two digits and grow past 59: 75 min 3 s is `75:03`.
 * 3. A negative, `NaN` or infinite value is `00:00`.
 *
 * ## Examples
 *
 * @example
 * ```ts
 * import { formatCallTimer } from 'b24-call-card-rx';
 *
 * console.log(formatCallTimer(0), formatCallTimer(61_999), formatCallTimer(4_503_000));
 * // Logs: 00:00 01:01 75:03
 * ```
 *
 * @param elapsedMs Elapsed time in milliseconds, as in `TimerStatus.elapsedMs`.
 * @returns The time as `MM:SS`.
 */
export function formatCallTimer(elapsedMs: number): string {
  const totalSeconds =
    Number.isFinite(elapsedMs) && elapsedMs > 0 ? Math.floor(elapsedMs / 1000) : 0;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}
