import { of } from 'rxjs';
import {
  applyCommands,
  connectCallCard,
  sendCommand,
  setMute,
  setStatusText,
} from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import { callInfo, describeOutcome } from '../support/fixtures';

// "When N ends, its commands not yet sent fail AT ONCE with CallCardUnavailableError", also when
// the app sends one (frozen, shareable) command object through sendCommand() too. This broke while
// the queue recognised "the host acknowledges my in-flight command" by object identity: the
// sendCommand() copy marked the queue as acknowledging, and a Close click then deferred the sweep
// until the in-flight command ended (up to its timeout).
describe('one command object sent both through sendCommand and through the sink', () => {
  it('fails the queued commands of the closed card at the Close click, not when the in-flight one ends', () => {
    const placement = createTestPlacement({ policy: 'silent' });
    const card = connectCallCard(placement);
    placement.emit('initialized', callInfo());
    const MUTE = setMute(true); // an app constant, as frozen commands invite
    const outcomes: string[] = [];
    // No timeout: a silent host would otherwise leave a real 10 s timer behind the test.
    of(MUTE, setStatusText('Talking'))
      .pipe(applyCommands(placement, { timeoutMs: Infinity }))
      .subscribe((o) => outcomes.push(`${o.command.name} ${describeOutcome(o)}`));
    sendCommand(placement, MUTE).subscribe();
    expect(placement.calls.map((c) => c.command)).toEqual(['CallCardSetMute', 'CallCardSetMute']);
    placement.calls[1]!.reply([]); // sendCommand's copy is acknowledged
    placement.emit('closeButtonClick');
    expect(outcomes).toEqual([
      expect.stringMatching(/^CallCardSetStatusText CallCardUnavailableError: .*closed/),
    ]);
    card.dispose();
  });
});
