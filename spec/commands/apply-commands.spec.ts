import { Observable, Subject, concatMap, from, map, of, toArray } from 'rxjs';
import type { OperatorFunction } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { applyCommands } from '../../src/commands/apply-commands';
import type { ApplyCommandsOptions } from '../../src/commands/apply-commands';
import { appliedCommands } from '../../src/commands/applied-commands';
import type { CommandOutcome } from '../../src/model/outcome';
import { closeCard } from '../../src/commands/creators/close-card';
import { getListUiStates } from '../../src/commands/creators/get-list-ui-states';
import { setCardTitle } from '../../src/commands/creators/set-card-title';
import { setHold } from '../../src/commands/creators/set-hold';
import { setMute } from '../../src/commands/creators/set-mute';
import { setStatusText } from '../../src/commands/creators/set-status-text';
import { setUiState } from '../../src/commands/creators/set-ui-state';
import { startTimer } from '../../src/commands/creators/start-timer';
import { stopTimer } from '../../src/commands/creators/stop-timer';
import type { CallCardCommand } from '../../src/model/commands';
import { CallCardInputError } from '../../src/model/errors';
import { commandHost, hostReply } from './command-host';
import type { CommandHost } from './command-host';
import { commandLabel, outcomeLabel } from './outcome-label';
import { testScheduler } from '../support/fixtures';

const A = setCardTitle('A');
const B = setCardTitle('B');
const C = setCardTitle('C');
const CONNECTED = setUiState('connected');
const RESET = setUiState('connected', { disableAutoStartTimer: true });
const errorReply = (code: string) => [{ result: 'error', errorCode: code }];

/** The sink, with outcomes as readable labels. */
const sink =
  (host: CommandHost, options?: ApplyCommandsOptions): OperatorFunction<CallCardCommand, string> =>
  (source) =>
    source.pipe(applyCommands(host, options), map(outcomeLabel));

describe('applyCommands', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = testScheduler();
  });

  describe('order', () => {
    it('sends commands in emission order across sinks, each sink receiving its own outcomes', () => {
      const host = commandHost(scheduler, 3);
      host.initialize();
      scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const first = hot('  -a-b----|', { a: A, b: setStatusText('B') });
        const second = hot(' --m------|', { m: setMute(true) });
        expectObservable(first.pipe(sink(host))).toBe('----a-----(b|)', {
          a: 'SetCardTitle("A") ok',
          b: 'SetStatusText("B") ok',
        });
        expectObservable(second.pipe(sink(host))).toBe('-------m-|', {
          m: 'SetMute(true) ok',
        });
        expectSubscriptions(first.subscriptions).toBe(' ^-------!');
        expectSubscriptions(second.subscriptions).toBe('^--------!');
      });
      expect(host.log).toEqual([
        '1 CallCardSetCardTitle {"title":"A"}',
        '4 CallCardSetMute {"muted":true}',
        '7 CallCardSetStatusText {"statusText":"B"}',
      ]);
    });

    it('keeps order when an outcome handler emits the next command synchronously', () => {
      const host = commandHost(scheduler, 0);
      host.initialize();
      const commands = new Subject<CallCardCommand>();
      const seen: string[] = [];
      commands.pipe(applyCommands(host)).subscribe((outcome) => {
        seen.push(outcomeLabel(outcome));
        if (outcome.command === A) commands.next(setStatusText('after A'));
      });
      commands.next(A);
      commands.next(B);
      expect(seen).toEqual([
        'SetCardTitle("A") ok',
        'SetStatusText("after A") ok',
        'SetCardTitle("B") ok',
      ]);
      expect(host.calls.map((c) => c.command)).toEqual([
        'CallCardSetCardTitle',
        'CallCardSetStatusText',
        'CallCardSetCardTitle',
      ]);
    });
  });

  describe('no artificial asynchrony', () => {
    it('sends and emits outcomes synchronously with a host that answers synchronously', () => {
      const host = commandHost(scheduler, 0);
      host.initialize();
      const applied: string[] = [];
      appliedCommands(host).subscribe((command) => applied.push(commandLabel(command)));
      const seen: string[] = [];
      let completed = false;
      of(A, setMute(true), startTimer())
        .pipe(applyCommands(host))
        .subscribe({
          next: (outcome) => {
            // The applied stream already knows: a snapshot read here is current.
            expect(applied[applied.length - 1]).toBe(commandLabel(outcome.command));
            seen.push(outcomeLabel(outcome));
          },
          complete: () => (completed = true),
        });
      expect(seen).toEqual(['SetCardTitle("A") ok', 'SetMute(true) ok', 'StartTimer() ok']);
      expect(completed).toBe(true);
      expect(host.calls).toHaveLength(3);
    });
  });

  describe('coalescing under a slow host', () => {
    it('turns a burst of 1,000 status texts into two host calls, and the last text lands', () => {
      const host = commandHost(scheduler, 5);
      host.initialize();
      const texts = Array.from({ length: 1000 }, (_, i) => setStatusText(`t${i}`));
      scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const trigger = hot('-t-|');
        const burst = trigger.pipe(concatMap(() => from(texts)));
        expectObservable(burst.pipe(sink(host), toArray())).toBe('-----------(a|)', {
          a: [
            'SetStatusText("t0") ok',
            ...texts.slice(1, 999).map((t) => `${commandLabel(t)} ok superseded`),
            'SetStatusText("t999") ok',
          ],
        });
        expectSubscriptions(trigger.subscriptions).toBe('^--!');
      });
      expect(host.log).toEqual([
        '1 CallCardSetStatusText {"statusText":"t0"}',
        '6 CallCardSetStatusText {"statusText":"t999"}',
      ]);
    });

    it('coalesces across sinks, each superseded command reporting to its own sink', () => {
      const host = commandHost(scheduler, 4);
      host.initialize();
      scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const first = hot(' -ta-----', { t: A, a: setStatusText('a') });
        const second = hot('----b---', { b: setStatusText('b') });
        expectObservable(first.pipe(sink(host))).toBe('-----t---a', {
          t: 'SetCardTitle("A") ok',
          a: 'SetStatusText("a") ok superseded',
        });
        expectObservable(second.pipe(sink(host))).toBe('---------b', {
          b: 'SetStatusText("b") ok',
        });
        expectSubscriptions(first.subscriptions).toBe(' ^');
        expectSubscriptions(second.subscriptions).toBe('^');
      });
      expect(host.log.map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual([
        '1 CallCardSetCardTitle',
        '5 CallCardSetStatusText',
      ]);
      expect(host.calls[1]!.params).toEqual({ statusText: 'b' });
    });

    it('sends the older value when the sink of the newer one unsubscribes before it is sent', () => {
      const host = commandHost(scheduler, 6);
      host.initialize();
      scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const first = hot(' -ta-----------', { t: A, a: setStatusText('a') });
        const second = hot('----b---------', { b: setStatusText('b') });
        expectObservable(first.pipe(sink(host))).toBe('-------t-----a', {
          t: 'SetCardTitle("A") ok',
          a: 'SetStatusText("a") ok',
        });
        expectObservable(second.pipe(sink(host)), '^----!').toBe('------');
        expectSubscriptions(first.subscriptions).toBe(' ^');
        expectSubscriptions(second.subscriptions).toBe('^----!');
      });
      expect(host.calls[1]!.params).toEqual({ statusText: 'a' });
    });

    it('gives a superseded command the failure of the command that replaced it', () => {
      const host = commandHost(scheduler, 2, (command) =>
        command === 'CallCardSetStatusText' ? errorReply('Call card is undefined') : [],
      );
      host.initialize();
      scheduler.run(({ hot, expectObservable }) => {
        const source = hot('-txy|', { t: A, x: setStatusText('x'), y: setStatusText('y') });
        expectObservable(source.pipe(sink(host))).toBe('---t-(xy|)', {
          t: 'SetCardTitle("A") ok',
          x: 'SetStatusText("x") failed CallCardCommandError(Call card is undefined) superseded',
          y: 'SetStatusText("y") failed CallCardCommandError(Call card is undefined)',
        });
      });
    });

    it('never coalesces a setter across a queued closeCard', () => {
      const host = commandHost(scheduler, 2);
      host.initialize();
      scheduler.run(({ hot, expectObservable }) => {
        const source = hot('-axcy|', {
          a: A,
          x: setStatusText('x'),
          c: closeCard(),
          y: setStatusText('y'),
        });
        expectObservable(source.pipe(sink(host))).toBe('---a-x-(cy|)', {
          a: 'SetCardTitle("A") ok',
          x: 'SetStatusText("x") ok',
          c: 'Close() ok',
          y: 'SetStatusText("y") failed CallCardUnavailableError',
        });
      });
      expect(host.calls.map((c) => c.command)).toEqual([
        'CallCardSetCardTitle',
        'CallCardSetStatusText',
        'CallCardClose',
      ]);
    });

    it('never coalesces a UI state across a queued timer command', () => {
      const host = commandHost(scheduler, 4);
      host.initialize();
      scheduler.run(({ hot, expectObservable }) => {
        const source = hot('-acsc|', { a: A, c: CONNECTED, s: stopTimer() });
        expectObservable(source.pipe(sink(host))).toBe('-----a---(cs)(c|)', {
          a: 'SetCardTitle("A") ok',
          s: 'StopTimer() ok',
          c: 'SetUiState("connected") ok',
        });
      });
      // connected, stop, connected: the second one restarts the stopped timer, so both go.
      expect(host.log).toEqual([
        '1 CallCardSetCardTitle {"title":"A"}',
        '5 CallCardSetUiState {"uiState":"connected"}',
        '9 CallCardStopTimer {}',
        '9 CallCardSetUiState {"uiState":"connected"}',
      ]);
    });

    it('never lets connected replace a queued state that resets the timer', () => {
      const host = commandHost(scheduler, 2);
      host.initialize();
      scheduler.run(({ hot, expectObservable }) => {
        const source = hot('-aic|', { a: A, i: setUiState('incoming'), c: CONNECTED });
        expectObservable(source.pipe(sink(host))).toBe('---a-i-(c|)', {
          a: 'SetCardTitle("A") ok',
          i: 'SetUiState("incoming") ok',
          c: 'SetUiState("connected") ok',
        });
      });
    });

    it('lets a state that resets the timer replace the queued state before it', () => {
      const host = commandHost(scheduler, 4);
      host.initialize();
      scheduler.run(({ hot, expectObservable }) => {
        const source = hot('-acr|', { a: A, c: CONNECTED, r: setUiState('redial') });
        expectObservable(source.pipe(sink(host))).toBe('-----a---(cr|)', {
          a: 'SetCardTitle("A") ok',
          c: 'SetUiState("connected") ok superseded',
          r: 'SetUiState("redial") ok',
        });
      });
      expect(host.log).toEqual([
        '1 CallCardSetCardTitle {"title":"A"}',
        '5 CallCardSetUiState {"uiState":"redial"}',
      ]);
    });
  });

  describe('skipping repeats', () => {
    const run = (host: CommandHost, commands: CallCardCommand[]): string[] => {
      const seen: string[] = [];
      from(commands)
        .pipe(applyCommands(host))
        .subscribe((o) => seen.push(outcomeLabel(o)));
      return seen;
    };

    it('skips a title, status text or UI state equal to the last acknowledged one', () => {
      const host = commandHost(scheduler, 0);
      host.initialize();
      expect(
        run(host, [A, A, B, A, setStatusText('s'), setStatusText('s'), CONNECTED, CONNECTED]),
      ).toEqual([
        'SetCardTitle("A") ok',
        'SetCardTitle("A") ok skipped',
        'SetCardTitle("B") ok',
        'SetCardTitle("A") ok',
        'SetStatusText("s") ok',
        'SetStatusText("s") ok skipped',
        'SetUiState("connected") ok',
        'SetUiState("connected") ok skipped',
      ]);
      expect(host.calls).toHaveLength(5);
    });

    it('never skips the connected + disableAutoStartTimer reset, nor connected after it', () => {
      const host = commandHost(scheduler, 0);
      host.initialize();
      expect(run(host, [CONNECTED, RESET, RESET, CONNECTED])).toEqual([
        'SetUiState("connected") ok',
        'SetUiState("connected",true) ok',
        'SetUiState("connected",true) ok',
        'SetUiState("connected") ok',
      ]);
    });

    it('sends a repeated UI state again after a timer command', () => {
      const host = commandHost(scheduler, 0);
      host.initialize();
      expect(run(host, [CONNECTED, stopTimer(), CONNECTED, startTimer(), CONNECTED])).toEqual([
        'SetUiState("connected") ok',
        'StopTimer() ok',
        'SetUiState("connected") ok',
        'StartTimer() ok',
        'SetUiState("connected") ok',
      ]);
    });

    it('never skips mute and hold: the user may have flipped them on the card', () => {
      const host = commandHost(scheduler, 0);
      host.initialize();
      expect(run(host, [setMute(true), setMute(true), setHold(false), setHold(false)])).toEqual([
        'SetMute(true) ok',
        'SetMute(true) ok',
        'SetHold(false) ok',
        'SetHold(false) ok',
      ]);
    });

    it('forgets acknowledged values on a new initialized, after close, and after a failure', () => {
      const host = commandHost(scheduler, 0, (command, params) =>
        params['title'] === 'fails' ? errorReply('Invalid ui state') : hostReply(command),
      );
      host.initialize();
      expect(run(host, [A])).toEqual(['SetCardTitle("A") ok']);
      host.initialize();
      expect(run(host, [A])).toEqual(['SetCardTitle("A") ok']);
      expect(run(host, [closeCard()])).toEqual(['Close() ok']);
      host.initialize();
      expect(run(host, [A, setCardTitle('fails'), A])).toEqual([
        'SetCardTitle("A") ok',
        'SetCardTitle("fails") failed CallCardCommandError(Invalid ui state)',
        'SetCardTitle("A") ok',
      ]);
      expect(host.calls.filter((c) => c.params['title'] === 'A')).toHaveLength(4);
    });
  });

  describe('the card’s life', () => {
    it('holds the first host call until initialized', () => {
      const host = commandHost(scheduler, 1);
      scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        scheduler.schedule(() => host.initialize(), 4);
        const source = hot('-la---|', { l: getListUiStates(), a: A });
        expectObservable(source.pipe(sink(host))).toBe('--l--a|', {
          l: 'GetListUiStates() ok [12]',
          a: 'SetCardTitle("A") ok',
        });
        expectSubscriptions(source.subscriptions).toBe('^-----!');
      });
      expect(host.log).toEqual([
        '1 CallCardGetListUiStates {}',
        '4 CallCardSetCardTitle {"title":"A"}',
      ]);
    });

    it('sends at once with waitForInitialized: false', () => {
      const host = commandHost(scheduler, 1, () => errorReply('Call card is undefined'));
      scheduler.run(({ hot, expectObservable }) => {
        const source = hot('-a|', { a: A });
        expectObservable(source.pipe(sink(host, { waitForInitialized: false }))).toBe('--(a|)', {
          a: 'SetCardTitle("A") failed CallCardCommandError(Call card is undefined)',
        });
      });
    });

    it('keeps a command queued after an acknowledged closeCard for the next card', () => {
      const host = commandHost(scheduler, 1);
      host.initialize();
      scheduler.run(({ hot, expectObservable }) => {
        scheduler.schedule(() => host.initialize(), 5);
        const source = hot('-c-a-b-d|', { c: closeCard(), a: A, b: getListUiStates(), d: B });
        expectObservable(source.pipe(sink(host))).toBe('--c---ab(d|)', {
          c: 'Close() ok',
          a: 'SetCardTitle("A") ok',
          b: 'GetListUiStates() ok [12]',
          d: 'SetCardTitle("B") ok',
        });
      });
      // Nothing reached the host between the close and the next card's initialized.
      expect(host.log.map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual([
        '1 CallCardClose',
        '5 CallCardSetCardTitle',
        '6 CallCardGetListUiStates',
        '7 CallCardSetCardTitle',
      ]);
    });

    it('fails the unsent commands of a card the user closed, never sending them to the next card', () => {
      const host = commandHost(scheduler, 2);
      host.initialize();
      const outcomes: CommandOutcome[] = [];
      scheduler.run(({ hot }) => {
        scheduler.schedule(() => host.pressClose(), 2);
        scheduler.schedule(() => host.initialize(), 3);
        hot('ab--c', { a: A, b: B, c: C })
          .pipe(applyCommands(host))
          .subscribe((o) => outcomes.push(o));
      });
      expect(outcomes.map(outcomeLabel)).toEqual([
        'SetCardTitle("B") failed CallCardUnavailableError',
        'SetCardTitle("A") ok',
        'SetCardTitle("C") ok',
      ]);
      const failed = outcomes[0]!;
      expect(!failed.ok && failed.error.message).toBe(
        'CallCardSetCardTitle: not sent: its call card ended (the user closed it (Close clicked)); a command is never sent to another card',
      );
      expect(host.log.map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
        '0 CallCardSetCardTitle {"title":"A"}',
        '4 CallCardSetCardTitle {"title":"C"}',
      ]);
    });
  });

  describe('failures never end the sink', () => {
    it.each(['Call card is undefined', 'Invalid ui state'])(
      'yields the host error "%s" as an outcome and runs the next command',
      (code) => {
        const host = commandHost(scheduler, 1, (command) =>
          command === 'CallCardSetUiState' ? errorReply(code) : hostReply(command),
        );
        host.initialize();
        scheduler.run(({ hot, expectObservable }) => {
          const source = hot('-sa|', { s: setUiState('idle'), a: A });
          expectObservable(source.pipe(sink(host))).toBe('--s(a|)', {
            s: `SetUiState("idle") failed CallCardCommandError(${code})`,
            a: 'SetCardTitle("A") ok',
          });
        });
      },
    );

    it('yields CallCardTimeoutError when the host stays silent, then runs the next command', () => {
      const host = commandHost(scheduler, 1, (command) =>
        command === 'CallCardSetCardTitle' ? undefined : hostReply(command),
      );
      host.initialize();
      scheduler.run(({ hot, expectObservable }) => {
        const source = hot('-am|', { a: A, m: setMute(false) });
        expectObservable(source.pipe(sink(host, { timeoutMs: 5 }))).toBe('------a(m|)', {
          a: 'SetCardTitle("A") failed CallCardTimeoutError',
          m: 'SetMute(false) ok',
        });
      });
    });

    it('counts the silent timer commands as done once sent', () => {
      const host = commandHost(scheduler, 3);
      host.initialize();
      scheduler.run(({ hot, expectObservable }) => {
        const source = hot('-ab|', { a: startTimer(), b: stopTimer() });
        expectObservable(appliedCommands(host).pipe(map(commandLabel))).toBe('-ab', {
          a: 'StartTimer()',
          b: 'StopTimer()',
        });
        expectObservable(source.pipe(sink(host))).toBe('-ab|', {
          a: 'StartTimer() ok',
          b: 'StopTimer() ok',
        });
      });
    });

    it('takes the first of two replies and reads bare-object replies', () => {
      const host = commandHost(scheduler, 1, (command) =>
        command === 'CallCardGetListUiStates'
          ? { 0: 'incoming', 1: 'connected' }
          : command === 'CallCardSetMute'
            ? { result: 'error', errorCode: 'Call card is undefined' }
            : [],
      );
      host.initialize();
      scheduler.run(({ hot, expectObservable }) => {
        const source = hot('-hlm|', { h: setHold(true), l: getListUiStates(), m: setMute(true) });
        scheduler.schedule(() => host.calls[0]!.reply([]), 3);
        expectObservable(source.pipe(sink(host))).toBe('--hl(m|)', {
          h: 'SetHold(true) ok',
          l: 'GetListUiStates() ok [2]',
          m: 'SetMute(true) failed CallCardCommandError(Call card is undefined)',
        });
      });
    });

    it('yields CallCardInputError for a value that is not a valid command, at once', () => {
      const host = commandHost(scheduler, 2);
      host.initialize();
      const bad = {
        name: 'CallCardSetMute',
        params: { muted: 'yes' },
      } as unknown as CallCardCommand;
      const outcomes: CommandOutcome[] = [];
      scheduler.run(({ hot }) => {
        hot('-ab', { a: A, b: bad })
          .pipe(applyCommands(host))
          .subscribe((o) => outcomes.push(o));
      });
      expect(outcomes.map((o) => o.ok)).toEqual([false, true]);
      const failed = outcomes[0]!;
      expect(failed.command).toBe(bad);
      expect(!failed.ok && failed.error).toBeInstanceOf(CallCardInputError);
      expect(host.calls).toHaveLength(1);
    });

    it('throws CallCardInputError for bad options when called', () => {
      const host = commandHost(scheduler, 0);
      expect(() => applyCommands(host, { waitForInitialized: 'no' as unknown as boolean })).toThrow(
        'applyCommands: options.waitForInitialized was "no"; expected a boolean',
      );
      expect(() => applyCommands(host, { timeout: 5 } as ApplyCommandsOptions)).toThrow(
        /unknown option "timeout"/,
      );
    });
  });

  describe('ending and teardown', () => {
    it('completes after the commands of the completed source have their outcomes', () => {
      const host = commandHost(scheduler, 3);
      host.initialize();
      scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const source = hot('-ab|', { a: A, b: setMute(true) });
        expectObservable(source.pipe(sink(host))).toBe('----a--(b|)', {
          a: 'SetCardTitle("A") ok',
          b: 'SetMute(true) ok',
        });
        expectSubscriptions(source.subscriptions).toBe('^--!');
      });
    });

    it('forwards a source error only after the accepted commands have their outcomes', () => {
      const host = commandHost(scheduler, 3);
      host.initialize();
      scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const source = hot('-ab#', { a: A, b: setMute(true) }, new Error('store failed'));
        expectObservable(source.pipe(sink(host))).toBe(
          '----a--(b#)',
          { a: 'SetCardTitle("A") ok', b: 'SetMute(true) ok' },
          new Error('store failed'),
        );
        expectSubscriptions(source.subscriptions).toBe('^--!');
      });
    });

    it('cancels queued commands on unsubscribe, yet publishes the in-flight one when acknowledged', () => {
      const host = commandHost(scheduler, 4);
      host.initialize();
      scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const source = hot('-abc', { a: A, b: setMute(true), c: startTimer() });
        const other = hot(' ----d|', { d: setHold(true) });
        expectObservable(source.pipe(sink(host)), '^--!').toBe('---');
        expectObservable(other.pipe(sink(host))).toBe('---------(d|)', { d: 'SetHold(true) ok' });
        expectObservable(appliedCommands(host).pipe(map(commandLabel))).toBe('-----a---d', {
          a: 'SetCardTitle("A")',
          d: 'SetHold(true)',
        });
        expectSubscriptions(source.subscriptions).toBe('^--!');
        expectSubscriptions(other.subscriptions).toBe(' ^----!');
      });
      expect(host.calls.map((c) => c.command)).toEqual(['CallCardSetCardTitle', 'CallCardSetHold']);
    });
  });

  it('is typed as an operator from commands to outcomes', () => {
    const host = commandHost(scheduler, 0);
    const outcomes$: Observable<CommandOutcome> = of(getListUiStates()).pipe(applyCommands(host));
    outcomes$.subscribe((outcome) => {
      if (outcome.ok) {
        const result: readonly string[] | undefined = outcome.result;
        expect(result).toHaveLength(12);
      }
    });
    // One command's outcome has that command's result type.
    const list = (o: CommandOutcome<'CallCardGetListUiStates'>): readonly string[] | undefined =>
      o.ok ? o.result : undefined;
    // @ts-expect-error an ack command's result is undefined
    const ack = (o: CommandOutcome<'CallCardSetMute'>): readonly string[] => o.ok && o.result;
    // @ts-expect-error the sink takes commands, not strings
    const wrong = of('CallCardClose').pipe(applyCommands(host));
    // @ts-expect-error timeoutMs is a number
    const badOption = () => applyCommands(host, { timeoutMs: '5' });
    expect([wrong, badOption, list, ack]).toHaveLength(4);
  });
});
