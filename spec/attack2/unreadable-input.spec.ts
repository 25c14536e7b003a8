import {
  CallCardInputError,
  CallCardUnavailableError,
  applyCommands,
  callCardState,
  connectCallCard,
  deferPlacement,
  dialpadDigits,
  fromB24Frame,
  fromBX24,
  sendCommand,
  setMute,
  setUiState,
  timerStatus,
} from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';

/** A revoked Proxy: every operation on it throws a TypeError, `Array.isArray` included. */
const revoked = (): never => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy as never;
};

/** A Proxy that reads fine but throws when asked whether it is extensible (`Object.isFrozen`). */
const notInspectable = <T extends object>(target: T): T =>
  new Proxy(target, {
    isExtensible: () => {
      throw new Error('isExtensible trap');
    },
  });

// Promise broken (issue 10, "Faults"; DESIGN: "Bad input → a clear `CallCardInputError` naming
// the function"): "creators given a value whose reading throws (a Proxy) throw
// `CallCardInputError`, never a bare `TypeError`/`Error`". The fix guarded property reads only:
// `isRecord` (`Array.isArray`) runs before any `try`, as do `isThenable` (deferPlacement), the
// adapters' destructuring and `Object.isFrozen` in `checkCommandParams`, so a revoked Proxy, or
// one that refuses `isExtensible`, still escapes as the engine's own error.
describe('input whose inspection throws', () => {
  const placement = createTestPlacement();

  it.each([
    ['setUiState options', () => setUiState('connected', revoked())],
    ['connectCallCard options', () => connectCallCard(placement, revoked())],
    ['applyCommands options', () => applyCommands(placement, revoked())],
    ['sendCommand command', () => sendCommand(placement, revoked())],
    ['sendCommand options', () => sendCommand(placement, setMute(true), revoked())],
    [
      'sendCommand params',
      () => sendCommand(placement, { name: 'CallCardSetMute', params: revoked() }),
    ],
    ['callCardState options', () => callCardState(revoked())],
    ['timerStatus options', () => timerStatus(revoked())],
    ['dialpadDigits options', () => dialpadDigits(revoked())],
    ['deferPlacement source', () => deferPlacement(revoked())],
    ['callCard.send command', () => connectCallCard(createTestPlacement()).send(revoked())],
  ])('%s: throws CallCardInputError', (_what, run) => {
    expect(run).toThrow(CallCardInputError);
  });

  it('reads params that refuse isExtensible as the data they hold, without a bare error', () => {
    const host = createTestPlacement();
    const replies: unknown[] = [];
    expect(() =>
      sendCommand(host, {
        name: 'CallCardSetMute',
        params: notInspectable({ muted: true }),
      }).subscribe({ next: (v) => replies.push(v), error: (e: unknown) => replies.push(e) }),
    ).not.toThrow();
    expect(host.callsOf('CallCardSetMute').map((c) => c.params)).toEqual([{ muted: true }]);
  });

  it.each([
    ['fromBX24', () => fromBX24(revoked())],
    ['fromB24Frame', () => fromB24Frame(revoked())],
  ])('%s: throws CallCardUnavailableError for an unreadable host object', (_what, run) => {
    expect(run).toThrow(CallCardUnavailableError);
  });
});
