import type { CallCardCommand } from '../model/commands';
import { inOrder } from '../model/in-order';
import { pageShared } from '../placement/page-registry';
import type { PlacementPort } from '../placement/placement-port';

type Listener = (command: CallCardCommand) => void;

/** Where the commands the host applied on one placement are announced (internal). */
export interface AppliedChannel {
  /** Announces a command the host applied: taps first, then listeners. */
  publish(command: CallCardCommand): void;
  /**
   * The library's own bookkeeping (the sink's memory of acknowledged values): runs synchronously
   * inside `publish`, before any listener and before the command's outcome is emitted, so the
   * next command is judged against what the host really holds.
   */
  tap(listener: Listener): () => void;
  /** Public listeners (`appliedCommands`); see `publish` for the order they are called in. */
  listen(listener: Listener): () => void;
  /** How many public listeners are attached (for leak checks). */
  listenerCount(): number;
}

function createChannel(): AppliedChannel {
  const taps = new Set<Listener>();
  const listeners = new Set<Listener>();
  // A command applied while another is being delivered (a listener that makes a synchronous
  // host answer) waits its turn, so every listener sees host order.
  const run = inOrder();
  return {
    publish(command) {
      for (const tap of [...taps]) tap(command);
      run(() => {
        for (const listener of [...listeners]) listener(command);
      });
    },
    tap(listener) {
      taps.add(listener);
      return () => taps.delete(listener);
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    listenerCount: () => listeners.size,
  };
}

/**
 * The applied-commands channel of `placement`, created on first use and shared by every build of
 * the library in the page (plain functions only), so a facade of one build learns what a sink of
 * the other applied.
 */
export function appliedChannel(placement: PlacementPort): AppliedChannel {
  return pageShared('applied-commands@1', placement, createChannel);
}
