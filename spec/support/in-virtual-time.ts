import { at, testScheduler } from './fixtures';

/** Runs `body` inside `TestScheduler.run`, with `at(ms, fn)` to script the host, then flushes. */
export function inVirtualTime(body: (script: typeof at) => void): void {
  testScheduler().run(({ flush }) => {
    body(at);
    flush();
  });
}
