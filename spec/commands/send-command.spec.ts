import { Observable, catchError, map, of } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { appliedCommands } from '../../src/commands/applied-commands';
import { closeCard } from '../../src/commands/creators/close-card';
import { getListUiStates } from '../../src/commands/creators/get-list-ui-states';
import { setCardTitle } from '../../src/commands/creators/set-card-title';
import { setHold } from '../../src/commands/creators/set-hold';
import { setMute } from '../../src/commands/creators/set-mute';
import { setUiState } from '../../src/commands/creators/set-ui-state';
import { startTimer } from '../../src/commands/creators/start-timer';
import { stopTimer } from '../../src/commands/creators/stop-timer';
import { sendCommand } from '../../src/commands/send-command';
import type { CallCardCommand } from '../../src/model/commands';
import {
  CallCardCommandError,
  CallCardInputError,
  CallCardUnavailableError,
} from '../../src/model/errors';
import { UI_STATES } from '../../src/model/ui-states';
import { commandHost, errorShape } from './command-host';
import { testScheduler } from '../support/fixtures';

const card = (code: string) => [{ result: 'error', errorCode: code }];

describe('sendCommand', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = testScheduler();
  });

  /** The outcome as marble values: results, or the error's plain shape. */
  const settled = <T>(source: Observable<T>) =>
    source.pipe(catchError((error: unknown) => of(errorShape(error))));

  it('emits the list of state names for getListUiStates, then completes', () => {
    scheduler.run(({ expectObservable }) => {
      const host = commandHost(scheduler, 3);
      expectObservable(sendCommand(host, getListUiStates())).toBe('---(a|)', {
        a: [...UI_STATES],
      });
    });
  });

  it('emits undefined once for a command the host acknowledges with []', () => {
    scheduler.run(({ expectObservable }) => {
      const host = commandHost(scheduler, 2);
      expectObservable(sendCommand(host, setMute(true))).toBe('--(u|)', { u: undefined });
    });
  });

  it('makes one host call per subscription, and none without one', () => {
    const host = commandHost(scheduler, 1);
    scheduler.run(({ expectObservable }) => {
      const title$ = sendCommand(host, setCardTitle('A'));
      expect(host.calls).toHaveLength(0);
      expectObservable(title$).toBe('-(u|)', { u: undefined });
      expectObservable(title$, '--^').toBe('---(u|)', { u: undefined });
    });
    expect(host.log).toEqual([
      '0 CallCardSetCardTitle {"title":"A"}',
      '2 CallCardSetCardTitle {"title":"A"}',
    ]);
  });

  it('sends the params on the wire without undefined values', () => {
    const host = commandHost(scheduler, 0);
    sendCommand(host, {
      name: 'CallCardSetUiState',
      params: { uiState: 'connected', disableAutoStartTimer: undefined },
    } as unknown as CallCardCommand).subscribe();
    expect(host.calls[0]!.params).toEqual({ uiState: 'connected' });
    expect(Object.keys(host.calls[0]!.params)).toEqual(['uiState']);
  });

  it.each([
    ['Call card is undefined', setCardTitle('A')],
    ['Invalid ui state', setUiState('idle')],
  ])('turns the host error array "%s" into CallCardCommandError', (code, command) => {
    scheduler.run(({ expectObservable }) => {
      const host = commandHost(scheduler, 2, () => card(code));
      expectObservable(settled(sendCommand(host, command))).toBe('--(e|)', {
        e: {
          type: 'CallCardCommandError',
          errorCode: code,
          message: `${command.name}: the host answered with error "${code}"`,
        },
      });
    });
  });

  it('turns a bare error object (desktop client) into CallCardCommandError', () => {
    scheduler.run(({ expectObservable }) => {
      const host = commandHost(scheduler, 1, () => ({
        result: 'error',
        errorCode: 'Call card is undefined',
      }));
      expectObservable(settled(sendCommand(host, closeCard()))).toBe('-(e|)', {
        e: expect.objectContaining({ errorCode: 'Call card is undefined' }),
      });
    });
  });

  it('reads a bare object of names as the state list, and refuses anything else', () => {
    scheduler.run(({ expectObservable }) => {
      const bare = commandHost(scheduler, 1, () => ({ 0: 'incoming', 1: 'connected' }));
      expectObservable(sendCommand(bare, getListUiStates())).toBe('-(a|)', {
        a: ['incoming', 'connected'],
      });
      const odd = commandHost(scheduler, 1, () => 'incoming');
      expectObservable(settled(sendCommand(odd, getListUiStates()))).toBe('-(e|)', {
        e: expect.objectContaining({ type: 'CallCardCommandError', errorCode: 'Malformed reply' }),
      });
    });
  });

  it('errors with CallCardTimeoutError when the host does not answer in time', () => {
    scheduler.run(({ expectObservable }) => {
      const host = commandHost(scheduler, 8);
      expectObservable(settled(sendCommand(host, setHold(true), { timeoutMs: 5 }))).toBe(
        '-----(e|)',
        {
          e: {
            type: 'CallCardTimeoutError',
            message: 'CallCardSetHold: no reply from the host within 5 ms',
          },
        },
      );
    });
  });

  it('ignores a reply that arrives after the timeout, also on appliedCommands', () => {
    scheduler.run(({ expectObservable }) => {
      const host = commandHost(scheduler, 8);
      expectObservable(appliedCommands(host)).toBe('');
      expectObservable(settled(sendCommand(host, setHold(true), { timeoutMs: 5 }))).toBe(
        '-----(e|)',
        { e: expect.objectContaining({ type: 'CallCardTimeoutError' }) },
      );
    });
  });

  it('completes the silent timer commands once sent, without waiting for a reply', () => {
    scheduler.run(({ expectObservable }) => {
      const host = commandHost(scheduler, 5);
      expectObservable(sendCommand(host, startTimer(), { timeoutMs: 1 })).toBe('(u|)', {
        u: undefined,
      });
      expectObservable(sendCommand(host, stopTimer())).toBe('(u|)', { u: undefined });
    });
  });

  it('takes only the first of two replies', () => {
    scheduler.run(({ expectObservable }) => {
      const host = commandHost(scheduler, 2, () => undefined);
      const answerTwice = scheduler.createColdObservable('--a--b');
      answerTwice.subscribe((step) =>
        host.calls[0]!.reply(step === 'a' ? [] : card('Call card is undefined')),
      );
      expectObservable(appliedCommands(host).pipe(map((c) => c.name))).toBe('--a', {
        a: 'CallCardSetHold',
      });
      expectObservable(settled(sendCommand(host, setHold(false)))).toBe('--(u|)', {
        u: undefined,
      });
    });
  });

  it('wraps a transport failure in CallCardCommandError with the cause', () => {
    const host = commandHost(scheduler, 0, () => undefined);
    const failure = new Error('postMessage failed');
    let caught: unknown;
    sendCommand(host, setMute(true)).subscribe({ error: (e: unknown) => (caught = e) });
    host.calls[0]!.fail(failure);
    expect(caught).toBeInstanceOf(CallCardCommandError);
    expect(caught).toMatchObject({ errorCode: 'Transport error', cause: failure });
  });

  it('passes a CallCardError from the transport through unchanged', () => {
    const host = commandHost(scheduler, 0, () => undefined);
    const failure = new CallCardUnavailableError('fromB24Frame', 'the frame is gone');
    let caught: unknown;
    sendCommand(host, setMute(true)).subscribe({ error: (e: unknown) => (caught = e) });
    host.calls[0]!.fail(failure);
    expect(caught).toBe(failure);
  });

  it('turns a throwing placement.call into an error, not a throw', () => {
    const host = commandHost(scheduler, 0);
    host.call = () => {
      throw new TypeError('BX24 is not ready');
    };
    let caught: unknown;
    sendCommand(host, setMute(true)).subscribe({ error: (e: unknown) => (caught = e) });
    expect(caught).toMatchObject({ errorCode: 'Transport error' });
  });

  it('delivers nothing after unsubscribing, yet publishes the late acknowledgement', () => {
    scheduler.run(({ expectObservable }) => {
      const host = commandHost(scheduler, 4);
      expectObservable(appliedCommands(host).pipe(map((c) => c.name))).toBe('----a', {
        a: 'CallCardSetCardTitle',
      });
      expectObservable(sendCommand(host, setCardTitle('A')), '^-!').toBe('---');
    });
  });

  it('throws CallCardInputError for a hand-made object that is not a valid command, before any host call', () => {
    const host = commandHost(scheduler, 0);
    const bad: unknown[] = [
      null,
      'CallCardClose',
      { name: 'CallCardDial', params: {} },
      { name: 'CallCardSetMute', params: { muted: 'yes' } },
      { name: 'CallCardSetMute', params: { muted: true, isRawValue: true } },
      { name: 'CallCardSetCardTitle' },
      { name: 'CallCardSetUiState', params: { uiState: 'talking' } },
    ];
    for (const command of bad)
      expect(() => sendCommand(host, command as CallCardCommand)).toThrow(CallCardInputError);
    expect(() => sendCommand(host, { name: 'CallCardDial', params: {} } as never)).toThrow(
      /^sendCommand: command.name was "CallCardDial"; expected one of the 9 command names/,
    );
    expect(() =>
      sendCommand(host, { name: 'CallCardSetMute', params: { muted: 'yes' } } as never),
    ).toThrow('CallCardSetMute: muted was "yes"; expected a boolean');
    expect(host.calls).toHaveLength(0);
  });

  it('throws CallCardInputError for bad options', () => {
    const host = commandHost(scheduler, 0);
    expect(() => sendCommand(host, closeCard(), { timeoutMs: -1 })).toThrow(
      'sendCommand: options.timeoutMs was -1; expected a number of ms above 0 and at most 2147483647, or Infinity (no limit)',
    );
    expect(() => sendCommand(host, closeCard(), { retries: 3 } as never)).toThrow(
      /unknown option "retries"/,
    );
    expect(() => sendCommand(host, closeCard(), { scheduler: {} } as never)).toThrow(
      /options.scheduler/,
    );
  });

  it('types the result by command', () => {
    const host = commandHost(scheduler, 0);
    const states$: Observable<readonly string[]> = sendCommand(host, getListUiStates());
    const ack$: Observable<undefined> = sendCommand(host, setMute(true));
    // @ts-expect-error an ack command has no list result
    const wrong$: Observable<readonly string[]> = sendCommand(host, setMute(true));
    const mutate = () =>
      // @ts-expect-error the list is read-only
      sendCommand(host, getListUiStates()).subscribe((states) => states.push('x'));
    expect([states$, ack$, wrong$, mutate]).toHaveLength(4);
  });
});
