// Whether a file is a valid session log (what `recordCallCard(...).log()` returns, see
// `CallCardSessionLog`), for the examples' own tests: the demo's `--record` file, the
// playground's "Download session" file, the host probe's log and the Angular example's recorder.
// The package's own check does it: the one `replaySession` (testing entry) runs before it replays
// anything, whose error names the field that is wrong. Nothing is replayed here.
import { replaySession } from 'b24-call-card-rx/testing';

/**
 * What is wrong with `log` as a session log of format version 1: an empty list when nothing is,
 * else the check's message (it names the first field that is wrong).
 * @param {unknown} log
 * @returns {string[]}
 */
export function sessionLogProblems(log) {
  try {
    replaySession(/** @type {never} */ (log)).stop();
    return [];
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}
