// The hand-written baseline of the coalescing benchmark: the latest-wins sender a user writes for
// a stream of status texts when the host is slow. It remembers the latest text, sends it when no
// call is in flight, and on each reply sends the one still pending, if any: one call in flight at
// a time, the last text always sent, nothing else (no queue, no other commands, no timeout).

const hostError = (reply) =>
  Array.isArray(reply) &&
  reply.length > 0 &&
  typeof reply[0] === 'object' &&
  reply[0] !== null &&
  reply[0].result === 'error';

/**
 * @param {{ placement: { call: Function } }} bx24 a classic `BX24`
 * @param {(text: string, ok: boolean) => void} onReply called with each text the host answered
 * @returns {(text: string) => void} the function to give each new text to
 */
export function latestWinsSender(bx24, onReply) {
  let inFlight = false;
  let pending;
  let hasPending = false;

  const send = (text) => {
    inFlight = true;
    bx24.placement.call('CallCardSetStatusText', { statusText: text }, (reply) => {
      inFlight = false;
      onReply(text, !hostError(reply));
      if (hasPending) {
        hasPending = false;
        send(pending);
      }
    });
  };

  return (text) => {
    if (inFlight) {
      pending = text;
      hasPending = true;
    } else send(text);
  };
}
