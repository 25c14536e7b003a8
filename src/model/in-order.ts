/**
 * A runner that keeps deliveries in order under re-entrancy (internal). `run(work)` runs `work`
 * now, unless a `work` of this runner is already running: then it runs right after that one, still
 * synchronously inside the outermost call.
 *
 * Why: a subscriber may cause the next value while it is handling one (a command the host
 * acknowledges synchronously, a host event raised from a handler). Delivered at once, that value
 * would reach the subscribers after this one before the subscribers after this one saw the
 * current value, so different subscribers would see different orders. Queued, every subscriber
 * sees every value in the same order, with no artificial asynchrony.
 *
 * @internal
 */
export function inOrder(): (work: () => void) => void {
  const pending: Array<() => void> = [];
  let running = false;
  return (work) => {
    pending.push(work);
    if (running) return;
    running = true;
    try {
      for (let next = pending.shift(); next; next = pending.shift()) next();
    } finally {
      running = false;
    }
  };
}
