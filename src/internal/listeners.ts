import { reportError } from './report-error';

/**
 * A list of listeners, copied on change (internal): a listener added or removed during a delivery
 * does not disturb it (the delivery walks the list it started with), a delivery allocates
 * nothing, and an empty list costs one shared array. Plain data, so the ESM and CJS builds can
 * share one.
 */
export interface Listeners<L> {
  list: readonly L[];
}

const NONE: readonly never[] = /* @__PURE__ */ Object.freeze([]);

/** An empty listener list. */
export function createListeners<L>(): Listeners<L> {
  return { list: NONE };
}

/** Adds `listener` at the end; returns its removal (which does nothing the second time). */
export function addListener<L>(listeners: Listeners<L>, listener: L): () => void {
  listeners.list = [...listeners.list, listener];
  let added = true;
  return () => {
    if (!added) return;
    added = false;
    const list = listeners.list;
    const at = list.indexOf(listener);
    if (at !== -1)
      listeners.list = list.length === 1 ? NONE : [...list.slice(0, at), ...list.slice(at + 1)];
  };
}

/**
 * Calls every listener with `value`, in order; a listener that throws is reported
 * (`reportError`) and the others still run.
 */
export function notify<T>(listeners: Listeners<(value: T) => void>, value: T): void {
  const list = listeners.list;
  for (let i = 0; i < list.length; i++) {
    try {
      (list[i] as (value: T) => void)(value);
    } catch (error) {
      reportError(error);
    }
  }
}
