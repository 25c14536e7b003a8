// A prototype of src/streams/event-hub.ts, for measurement only (not shipped, not imported by
// the library). It is the same hub reduced to what dispatch needs (`on`), with the changes the
// dispatch benchmark suggests behind flags, so each one's effect can be measured alone and the
// all-off variant is a control that should match the library's own figure:
//
// - `directDispatch`: the bound handler dispatches at once when no dispatch is in progress,
//   instead of allocating a closure per event and passing it through the `pending` array. The
//   queue (and its closure) is kept for the re-entrant case only, so host order is unchanged.
// - `cachedListeners`: the listener copy taken for each delivery is kept on the channel and
//   dropped when a listener is added or removed (copy-on-write, as rxjs's Subject does with
//   `currentObservers`), instead of spreading the Set on every event.
// - `channelFlags`: whether the channel replays and which lifecycle it sets are decided once,
//   when the channel is made, not per event (two string compares and a Set lookup).
import { Observable, asyncScheduler } from 'rxjs';
import { hostEventName, readEventPayload } from 'b24-call-card-rx';

const REPLAYED = new Set(['initialized', 'entityChanged']);

export function protoHub(placement, flags = {}) {
  const { directDispatch = false, cachedListeners = false, channelFlags = false } = flags;
  const entry = { channels: new Map(), pending: [], dispatching: false, lifecycle: 'waiting' };

  const listenersOf = (channel) => {
    if (!cachedListeners) return [...channel.listeners];
    return (channel.snapshot ??= [...channel.listeners]);
  };
  const deliver = (channel, value) => {
    for (const listener of listenersOf(channel)) {
      try {
        listener(value);
      } catch (error) {
        asyncScheduler.schedule(() => {
          throw error;
        });
      }
    }
  };
  const dispatch = (channel, type, raw) => {
    if (channelFlags) {
      if (channel.lifecycle !== undefined) entry.lifecycle = channel.lifecycle;
    } else if (type === 'initialized') entry.lifecycle = 'open';
    else if (type === 'closeButtonClick') entry.lifecycle = 'closed';
    const read = readEventPayload(type, raw);
    if (!read.ok) return;
    if (channelFlags ? channel.replayed : REPLAYED.has(type)) {
      channel.has = true;
      channel.last = read.value;
    }
    deliver(channel, read.value);
  };
  const drain = () => {
    for (let next = entry.pending.shift(); next; next = entry.pending.shift()) {
      try {
        next();
      } catch (error) {
        asyncScheduler.schedule(() => {
          throw error;
        });
      }
    }
  };
  const schedule = (work) => {
    entry.pending.push(work);
    if (entry.dispatching) return;
    entry.dispatching = true;
    try {
      drain();
    } finally {
      entry.dispatching = false;
    }
  };
  const onHostEvent = (channel, type, raw) => {
    if (!directDispatch) return schedule(() => dispatch(channel, type, raw));
    if (entry.dispatching) {
      entry.pending.push(() => dispatch(channel, type, raw));
      return;
    }
    entry.dispatching = true;
    try {
      dispatch(channel, type, raw);
      drain();
    } finally {
      entry.dispatching = false;
    }
  };

  const channelOf = (type) => {
    let channel = entry.channels.get(type);
    if (!channel) {
      channel = {
        listeners: new Set(),
        snapshot: undefined,
        bound: false,
        has: false,
        last: undefined,
        replayed: REPLAYED.has(type),
        lifecycle:
          type === 'initialized' ? 'open' : type === 'closeButtonClick' ? 'closed' : undefined,
      };
      entry.channels.set(type, channel);
    }
    return channel;
  };

  return {
    on(type) {
      return new Observable((subscriber) => {
        const channel = channelOf(type);
        const listener = (value) => subscriber.next(value);
        channel.listeners.add(listener);
        channel.snapshot = undefined;
        if (channel.has) subscriber.next(channel.last);
        if (!channel.bound) {
          channel.bound = true;
          placement.bindEvent(hostEventName(type), (raw) => onHostEvent(channel, type, raw));
        }
        return () => {
          channel.listeners.delete(listener);
          channel.snapshot = undefined;
        };
      });
    },
  };
}
