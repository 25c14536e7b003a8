// Diagnostics only, not needed by an app: shared by the playground's app and the host probe.

/**
 * Watches the SDK's own `bindEvent` (on `placement`, the SDK's placement manager) so a page can
 * show HOW each event arrived. The SDK keeps a bind's promise open for 900 ms; an event in that
 * window resolves the promise and never reaches the callback. The library recovers it from the
 * promise; this tap records that it happened, and calls `onLostEvent(text)` when it does. Install
 * it before the library binds anything.
 *
 * @returns {Record<string, { callbacks: number, promise: 'pending' | 'no event' | 'event' | 'rejected' }>}
 *   per host event name: how many events reached the callback, and how the bind's promise ended
 */
export function tapSdkBindings(placement, onLostEvent) {
  const taps = {};
  const bindEvent = placement.bindEvent.bind(placement);
  placement.bindEvent = (name, callback) => {
    const tap = { callbacks: 0, promise: 'pending' };
    taps[name] = tap;
    const binding = bindEvent(name, (payload) => {
      tap.callbacks += 1;
      callback(payload);
    });
    binding.then(
      (value) => {
        const noEvent = value?.isSafely === true && Object.keys(value).length === 1;
        tap.promise = noEvent ? 'no event' : 'event';
        if (!noEvent)
          onLostEvent?.(
            `${name}: arrived inside the bind window, so the SDK resolved the bind's promise with it and skipped the callback (the library recovers it)`,
          );
      },
      () => {
        tap.promise = 'rejected';
      },
    );
    return binding;
  };
  return taps;
}
