import {
  CallCardCommandError,
  CallCardError,
  CallCardInputError,
  getListUiStates,
  sendCommand,
} from 'b24-call-card-rx';
import type { PlacementPort } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import { collectUnhandledErrors } from '../support/fixtures';

/** An error seen through a Proxy whose property reads throw (a membrane, a hostile port). */
const unreadableError = (): Error =>
  new Proxy(new Error('transport down'), {
    get: () => {
      throw new Error('no reading');
    },
  });

// Promises broken: the error classes' `instanceof` is "by ordinary `instanceof` rules" for
// anything that is not one of the library's errors (errors.ts, `isInstance`), and a transport
// failure "(the placement's `onError`, or `call` throwing) errors with ... a
// `CallCardCommandError` whose `errorCode` is `'Transport error'`" (`sendCommand` rule 6,
// `transmit` rule 2). `Symbol.hasInstance` reads the page-wide kind symbol off the value before
// anything else, so `value instanceof CallCardError` throws where ordinary `instanceof` answers
// false. `toCommandError` asks exactly that of the transport's error, inside the transmission's
// `onError`: the throw is swallowed there, the command never settles, and it ends as a timeout
// (or never, with `timeoutMs: Infinity`).
describe('instanceof on a value whose reads throw', () => {
  collectUnhandledErrors({ settleMs: 10 });

  it('answers false, as ordinary instanceof does, instead of throwing', () => {
    const value = unreadableError();
    expect(value instanceof Error).toBe(true);
    expect(() => value instanceof CallCardError).not.toThrow();
    expect(() => value instanceof CallCardInputError).not.toThrow();
  });

  it('fails a command whose transport reports such an error with a Transport error, at once', () => {
    const inner = createTestPlacement();
    const placement: PlacementPort = {
      call: (_command, _params, _onReply, onError) => onError?.(unreadableError()),
      bindEvent: inner.bindEvent,
    };
    const errors: unknown[] = [];
    sendCommand(placement, getListUiStates(), { timeoutMs: Infinity }).subscribe({
      error: (e: unknown) => errors.push(e),
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(CallCardCommandError);
    expect((errors[0] as CallCardCommandError).errorCode).toBe('Transport error');
  });
});
