/**
 * Whether `value` has a callable `then`: a Promise, or any promise-like the SDK hands back. False,
 * never a throw, for a value whose inspection throws (a revoked Proxy).
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  try {
    return typeof (value as { then?: unknown }).then === 'function';
  } catch {
    return false;
  }
}
