import { Subject } from 'rxjs';
import { applyCommands, CallCardInputError, setCardTitle } from 'b24-call-card-rx';
import type { CommandOutcome } from 'b24-call-card-rx';
import { callInfo } from '../support/fixtures';
import { recordingPlacement } from '../support/recording-placement';

// A value that is not a valid command becomes an outcome at once and never reaches the queue;
// the sink lives on.
describe('a refused value', () => {
  it.each([
    ['a bare object', { name: 'CallCardSetCardTitle' }, 'CallCardSetCardTitle'],
    ['null', null, 'applyCommands'],
    ['an unknown command', { name: 'CallCardFly', params: {} }, 'applyCommands'],
    [
      'a command with a bad value',
      { name: 'CallCardSetCardTitle', params: { title: 42 } },
      'CallCardSetCardTitle',
    ],
  ])('%s: an outcome with the value, the input error and nothing else', (_name, value, named) => {
    const placement = recordingPlacement();
    const sink = applyCommands(placement);
    placement.emit('BackgroundCallCard::initialized', callInfo());
    const commands = new Subject<unknown>();
    const outcomes: CommandOutcome[] = [];
    const sub = commands.pipe(sink as never).subscribe((o) => outcomes.push(o as CommandOutcome));
    commands.next(value);
    expect(outcomes).toHaveLength(1);
    const outcome = outcomes[0] as CommandOutcome & { error: CallCardInputError };
    expect(Object.keys(outcome)).toEqual(['command', 'ok', 'error']);
    expect(outcome.command).toBe(value);
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toBeInstanceOf(CallCardInputError);
    expect(outcome.error.command).toBe(named);
    expect(placement.calls).toEqual([]);

    commands.next(setCardTitle('A'));
    expect(outcomes.map((o) => o.ok)).toEqual([false, true]);
    expect(placement.calls.map((c) => c.command)).toEqual(['CallCardSetCardTitle']);
    sub.unsubscribe();
    commands.next(setCardTitle('B'));
    expect(placement.calls).toHaveLength(1);
    expect(commands.observed).toBe(false);
  });
});
