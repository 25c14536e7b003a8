import { getListUiStates, hostEventName, sendCommand } from 'b24-call-card-rx';
import type { PlacementPort } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';

/** A test placement whose `bindEvent` throws for the Close click only. */
const closeUnbindable = (): PlacementPort => {
  const inner = createTestPlacement();
  return {
    call: inner.call,
    bindEvent: (name, handler) => {
      if (name === hostEventName('closeButtonClick')) throw new Error('no such event');
      inner.bindEvent(name, handler);
    },
  };
};

// Promises broken: `sendCommand` rule 1 lists what it throws synchronously (`CallCardInputError`
// for a bad command or bad options, "before any host call"), rule 6 says a failing transport
// arrives as an error of the Observable, and `getListUiStates` "works even when no card is
// open". Since the first attack round, `sendCommand` binds `initialized` and `closeButtonClick`
// (`followCards`) when it is called, so a placement that cannot bind the Close click makes
// every `sendCommand` call throw a `CallCardUnavailableError` at the call site, even for the
// state list, which belongs to no card and needs neither event.
describe('sendCommand on a placement that cannot bind the Close click', () => {
  it('still asks for the state list (or fails through the Observable), without throwing at the call', () => {
    const placement = closeUnbindable();
    let result: unknown;
    let failure: unknown;
    expect(() =>
      sendCommand(placement, getListUiStates()).subscribe({
        next: (states) => (result = states),
        error: (e: unknown) => (failure = e),
      }),
    ).not.toThrow();
    expect(result ?? failure).toBeDefined();
  });
});
