/** One `bindEvent` a fake host received (`TestPlacement.bindings`). */
export interface TestPlacementBinding {
  /** The name as the app passed it, e.g. `'BackgroundCallCard::hangupButtonClick'`. */
  readonly hostEventName: string;
  /** Scheduler time of the `bindEvent` call. */
  readonly time: number;
}

/**
 * What one delivery did: how many handlers ran, which bindings lost the event, and what the
 * handlers threw (the caller rethrows the first once it has recorded the delivery).
 *
 * @internal
 */
export interface Delivery {
  readonly delivered: number;
  readonly lost: readonly TestPlacementBinding[];
  readonly errors: readonly unknown[];
}

/**
 * The bindings of a fake host: kept forever, delivered in binding order, duplicates included.
 *
 * @internal
 */
export interface BindingTable {
  readonly records: readonly TestPlacementBinding[];
  bind(hostEventName: string, handler: (payload: unknown) => void): TestPlacementBinding;
  /** Runs every handler bound to the name with a fresh raw value from `raw()`. */
  deliver(hostEventName: string, raw: () => unknown): Delivery;
  count(hostEventName: string): number;
}

interface Live {
  readonly record: TestPlacementBinding;
  readonly handler: (payload: unknown) => void;
  /** Whether the SDK's pending `bindEvent` promise would still swallow the next event. */
  armed: boolean;
}

/**
 * Makes the binding table both fakes share.
 *
 * `lostWindowMs` reproduces the official SDK's lost first event: for that long after each
 * `bindEvent`, the first event under it resolves the SDK's pending promise instead of reaching
 * the handler. `null` turns the quirk off.
 *
 * @internal
 */
export function createBindingTable(now: () => number, lostWindowMs: number | null): BindingTable {
  const records: TestPlacementBinding[] = [];
  const byName = new Map<string, Live[]>();
  return {
    records,
    bind(hostEventName, handler) {
      const record: TestPlacementBinding = { hostEventName, time: now() };
      records.push(record);
      const list = byName.get(hostEventName) ?? [];
      list.push({ record, handler, armed: lostWindowMs !== null });
      byName.set(hostEventName, list);
      return record;
    },
    deliver(hostEventName, raw) {
      // A snapshot: a handler that binds again must not receive the event it is handling.
      const list = [...(byName.get(hostEventName) ?? [])];
      const lost: TestPlacementBinding[] = [];
      const errors: unknown[] = [];
      let delivered = 0;
      const time = now();
      for (const live of list) {
        if (live.armed) {
          live.armed = false;
          if (lostWindowMs !== null && time - live.record.time < lostWindowMs) {
            lost.push(live.record);
            continue;
          }
        }
        delivered += 1;
        // Each host message is dispatched on its own: one throwing handler does not starve the
        // others.
        try {
          live.handler(raw());
        } catch (error) {
          errors.push(error);
        }
      }
      return { delivered, lost, errors };
    },
    count(hostEventName) {
      return byName.get(hostEventName)?.length ?? 0;
    },
  };
}
