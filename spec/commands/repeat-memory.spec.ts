import { of } from 'rxjs';
import {
  applyCommands,
  closeCard,
  getListUiStates,
  setCardTitle,
  setStatusText,
  setUiState,
  startTimer,
  stopTimer,
} from 'b24-call-card-rx';
import type { CallCardCommand } from 'b24-call-card-rx';
import { createRepeatMemory } from '../../src/commands/repeat-memory';
import { callInfo } from '../support/fixtures';
import { recordingPlacement } from '../support/recording-placement';

// The queue skips a setter that repeats what the host holds; what the host holds is forgotten
// across the same commands that stop coalescing (closeCard for all, the timer commands for the
// UI state).
describe('the repeat memory', () => {
  it('forgets everything at a close, and only the UI state at a timer command', () => {
    const memory = createRepeatMemory();
    const learnt = [setCardTitle('A'), setStatusText('S'), setUiState('connected')];
    for (const command of learnt) memory.learn(command);
    expect(learnt.map((c) => memory.isRepeat(c))).toEqual([true, true, true]);

    memory.learn(stopTimer());
    expect(learnt.map((c) => memory.isRepeat(c))).toEqual([true, true, false]);
    memory.learn(setUiState('connected'));
    memory.learn(startTimer());
    expect(learnt.map((c) => memory.isRepeat(c))).toEqual([true, true, false]);

    memory.learn(setUiState('connected'));
    memory.learn(getListUiStates());
    expect(learnt.map((c) => memory.isRepeat(c))).toEqual([true, true, true]);

    memory.learn(closeCard());
    expect(learnt.map((c) => memory.isRepeat(c))).toEqual([false, false, false]);
  });

  it('remembers a setter learnt after a barrier, and a changed value replaces the old one', () => {
    const memory = createRepeatMemory();
    memory.learn(closeCard());
    memory.learn(setCardTitle('A'));
    expect(memory.isRepeat(setCardTitle('A'))).toBe(true);
    memory.learn(setCardTitle('B'));
    expect(memory.isRepeat(setCardTitle('A'))).toBe(false);
    expect(memory.isRepeat(setCardTitle('B'))).toBe(true);
  });

  it('through the sink: connected after stopTimer is sent again, a repeated title is not', () => {
    const placement = recordingPlacement();
    const sink = applyCommands(placement);
    placement.emit('BackgroundCallCard::initialized', callInfo());
    const outcomes: string[] = [];
    const commands: CallCardCommand[] = [
      setCardTitle('A'),
      setUiState('connected'),
      setUiState('connected'),
      stopTimer(),
      setCardTitle('A'),
      setUiState('connected'),
    ];
    const sub = of(...commands)
      .pipe(sink)
      .subscribe((o) =>
        outcomes.push(`${o.command.name} ${o.ok && o.skipped ? 'skipped' : 'sent'}`),
      );
    expect(outcomes).toEqual([
      'CallCardSetCardTitle sent',
      'CallCardSetUiState sent',
      'CallCardSetUiState skipped',
      'CallCardStopTimer sent',
      'CallCardSetCardTitle skipped',
      'CallCardSetUiState sent',
    ]);
    expect(placement.calls.map((c) => c.command)).toEqual([
      'CallCardSetCardTitle',
      'CallCardSetUiState',
      'CallCardStopTimer',
      'CallCardSetUiState',
    ]);
    expect(sub.closed).toBe(true);
  });
});
