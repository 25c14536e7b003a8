import { map } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { applyCommands } from '../../src/commands/apply-commands';
import { appliedCommands } from '../../src/commands/applied-commands';
import { setCardTitle } from '../../src/commands/creators/set-card-title';
import { setMute } from '../../src/commands/creators/set-mute';
import { setStatusText } from '../../src/commands/creators/set-status-text';
import { startTimer } from '../../src/commands/creators/start-timer';
import { sendCommand } from '../../src/commands/send-command';
import { recordingPlacement } from '../support/recording-placement';
import { commandHost, hostReply } from './command-host';
import { commandLabel } from './outcome-label';
import { testScheduler } from '../support/fixtures';

describe('appliedCommands', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = testScheduler();
  });

  it('publishes what the host applied through the sink and sendCommand, hot and without replay', () => {
    const host = commandHost(scheduler, 1);
    host.initialize();
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-ab---|', { a: setCardTitle('A'), b: setMute(true) });
      source.pipe(applyCommands(host)).subscribe();
      scheduler.schedule(() => sendCommand(host, startTimer()).subscribe(), 5);
      expectObservable(appliedCommands(host).pipe(map(commandLabel))).toBe('--ab-t', {
        a: 'SetCardTitle("A")',
        b: 'SetMute(true)',
        t: 'StartTimer()',
      });
      // A late subscriber sees only what comes after it.
      expectObservable(appliedCommands(host).pipe(map(commandLabel)), '----^').toBe('-----t', {
        t: 'StartTimer()',
      });
      expectSubscriptions(source.subscriptions).toBe('^-----!');
    });
  });

  it('leaves out failed, skipped and superseded commands: the host did not apply them', () => {
    const host = commandHost(scheduler, 2, (command, params) =>
      params['statusText'] === 'fails'
        ? [{ result: 'error', errorCode: 'Call card is undefined' }]
        : hostReply(command),
    );
    host.initialize();
    scheduler.run(({ hot, expectObservable }) => {
      const source = hot('-aaxyf|', {
        a: setCardTitle('A'),
        x: setStatusText('x'),
        y: setStatusText('y'),
        f: setStatusText('fails'),
      });
      // A repeats (skipped), y is replaced by "fails" while x is in flight, "fails" fails.
      source.pipe(applyCommands(host)).subscribe();
      expectObservable(appliedCommands(host).pipe(map(commandLabel))).toBe('---a-x', {
        a: 'SetCardTitle("A")',
        x: 'SetStatusText("x")',
      });
    });
    expect(host.calls.map((c) => c.params)).toEqual([
      { title: 'A' },
      { statusText: 'x' },
      { statusText: 'fails' },
    ]);
  });

  it('delivers in host order to every listener when a listener makes the host apply another', () => {
    const placement = recordingPlacement(); // answers every command synchronously
    const first: string[] = [];
    const second: string[] = [];
    appliedCommands(placement).subscribe((command) => {
      first.push(commandLabel(command));
      // Re-entrant: the host applies this one while the title is still being announced.
      if (command.name === 'CallCardSetCardTitle')
        sendCommand(placement, setStatusText('Ringing')).subscribe();
    });
    appliedCommands(placement).subscribe((command) => second.push(commandLabel(command)));
    sendCommand(placement, setCardTitle('A')).subscribe();
    const expected = ['SetCardTitle("A")', 'SetStatusText("Ringing")'];
    expect(first).toEqual(expected);
    expect(second).toEqual(expected);
  });

  it('keeps placements apart', () => {
    const one = commandHost(scheduler, 0);
    const other = commandHost(scheduler, 0);
    const seen: string[] = [];
    appliedCommands(other).subscribe((c) => seen.push(commandLabel(c)));
    sendCommand(one, setMute(true)).subscribe();
    sendCommand(other, setMute(false)).subscribe();
    expect(seen).toEqual(['SetMute(false)']);
  });
});
