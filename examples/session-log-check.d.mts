/** What is wrong with `log` as a session log of format version 1: an empty list when nothing is. */
export function sessionLogProblems(log: unknown): string[];
