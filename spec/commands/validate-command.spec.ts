import { CallCardInputError, sendCommand, setMute } from 'b24-call-card-rx';
import type { PlacementPort } from 'b24-call-card-rx';

// "Errors the user causes (bad input) are thrown synchronously ... before any host call", also
// for a value that is no command at all. This broke for `undefined` while no creator had made
// eight commands yet: the memory of recently made commands (which need no second check) started
// out holding `undefined`, so `undefined` passed as a command made by a creator. These tests run
// first in a fresh module registry, before any creator has made a command.
describe('a value that is no command', () => {
  const port = (): PlacementPort & { calls: string[] } => {
    const calls: string[] = [];
    return { calls, call: (command) => void calls.push(command), bindEvent: () => undefined };
  };

  it('is refused with a CallCardInputError before any creator has made a command', () => {
    const placement = port();
    for (const value of [undefined, null, 0, '']) {
      const run = (): unknown => sendCommand(placement, value as never);
      expect(run).toThrow(CallCardInputError);
      expect(run).toThrow(
        /^sendCommand: command was .*; expected a command object \{name, params\}, made by a creator/,
      );
    }
    expect(placement.calls).toEqual([]);
  });

  it('is refused after creators have made commands, and their commands still pass', () => {
    const placement = port();
    const made = Array.from({ length: 10 }, (_, i) => setMute(i % 2 === 0));
    expect(() => sendCommand(placement, undefined as never)).toThrow(CallCardInputError);
    // Checked when called, sent only when subscribed: nothing reaches the host here.
    for (const command of made) expect(() => sendCommand(placement, command)).not.toThrow();
    expect(placement.calls).toEqual([]);
  });
});
