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
 * Calls every listener with the values given, in order: the one loop of the library that tells
 * listeners something. A listener that throws is reported (`reportError`) and the others still
 * run; listeners added or removed meanwhile do not change this delivery.
 */
export function notify(listeners: Listeners<() => void>): void;
export function notify<A>(listeners: Listeners<(a: A) => void>, a: A): void;
export function notify<A, B>(listeners: Listeners<(a: A, b: B) => void>, a: A, b: B): void;
export function notify<A, B, C>(
  listeners: Listeners<(a: A, b: B, c: C) => void>,
  a: A,
  b: B,
  c: C,
): void;
export function notify(
  listeners: Listeners<(a?: unknown, b?: unknown, c?: unknown) => void>,
  a?: unknown,
  b?: unknown,
  c?: unknown,
): void {
  const list = listeners.list;
  for (let i = 0; i < list.length; i++) {
    try {
      (list[i] as (a?: unknown, b?: unknown, c?: unknown) => void)(a, b, c);
    } catch (error) {
      reportError(error);
    }
  }
}

/**
 * `notify` for listeners that are objects with a `next` (rxjs subscribers, on the hot path of
 * every host event): each one's own `next` is called, with no function of ours wrapped around
 * it per listener. `list` is the array a delivery started with.
 */
export function notifyNext<T>(list: readonly { next(value: T): void }[], value: T): void {
  for (let i = 0; i < list.length; i++) {
    try {
      (list[i] as { next(value: T): void }).next(value);
    } catch (error) {
      reportError(error);
    }
  }
}

/** Empties `listeners` and returns what it held (to tell them once, and never again). */
export function takeListeners<L>(listeners: Listeners<L>): Listeners<L> {
  const taken = { list: listeners.list };
  listeners.list = NONE;
  return taken;
}
