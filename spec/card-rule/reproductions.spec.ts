import { of } from 'rxjs';
import {
  CallCardUnavailableError,
  applyCommands,
  closeCard,
  connectCallCard,
  sendCommand,
  setCardTitle,
  setMute,
  setStatusText,
  setUiState,
} from 'b24-call-card-rx';
import type { CommandOutcome } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import { at, callInfo, testScheduler } from '../support/fixtures';

// The four reproductions of "one card, one truth": a host that answers every command after
// 300 ms, an operator who closes one call and takes the next.

const slowHost = () => createTestPlacement({ policy: { delayMs: 300 } });

describe('one card, one truth: the reproductions', () => {
  it('never sends the commands of a card the user closed to the next card', () => {
    testScheduler().run(({ flush }) => {
      const placement = slowHost();
      const card = connectCallCard(placement);
      const failures: string[] = [];
      card.errors$.subscribe((e) => failures.push(`${e.constructor.name}: ${e.message}`));
      placement.emit('initialized', callInfo({ CALL_ID: 'call-1' }));
      card.apply(of(setStatusText('Call failed'), setUiState('error'), closeCard()));
      at(100, () => {
        placement.emit('closeButtonClick');
        placement.emit('initialized', callInfo({ CALL_ID: 'call-2' }));
      });
      flush();
      expect(placement.calls.map((c) => `${c.time} ${c.command}`)).toEqual([
        '0 CallCardSetStatusText',
      ]);
      expect(failures).toEqual([
        expect.stringMatching(/^CallCardUnavailableError: CallCardSetUiState: .*closed/),
        expect.stringMatching(/^CallCardUnavailableError: CallCardClose: .*closed/),
      ]);
      expect(card.snapshot()).toMatchObject({
        uiState: 'externalCard',
        closed: false,
        statusText: '',
        call: { CALL_ID: 'call-2' },
      });
      card.dispose();
    });
  });

  it('does not let a late closeCard() acknowledgement close the next card', () => {
    testScheduler().run(({ flush }) => {
      const placement = slowHost();
      const card = connectCallCard(placement);
      placement.emit('initialized', callInfo({ CALL_ID: 'call-1' }));
      card.send(closeCard());
      at(100, () => placement.emit('initialized', callInfo({ CALL_ID: 'call-2' })));
      const results: unknown[] = [];
      at(400, () => {
        card.send(setStatusText('Talking')).subscribe({
          next: () => results.push('ok'),
          error: (e: unknown) => results.push(e),
        });
      });
      flush();
      expect(card.snapshot()).toMatchObject({ closed: false, statusText: 'Talking' });
      expect(results).toEqual(['ok']);
      expect(placement.calls.map((c) => `${c.time} ${c.command}`)).toEqual([
        '0 CallCardClose',
        '400 CallCardSetStatusText',
      ]);
      card.dispose();
    });
  });

  it('does not let a late setMute acknowledgement of the first card mute the next one', () => {
    testScheduler().run(({ flush }) => {
      const placement = slowHost();
      const card = connectCallCard(placement);
      placement.emit('initialized', callInfo({ CALL_ID: 'call-1' }));
      card.send(setMute(true));
      at(100, () => placement.emit('initialized', callInfo({ CALL_ID: 'call-2' })));
      flush();
      expect(card.snapshot()).toMatchObject({ muted: false, call: { CALL_ID: 'call-2' } });
      card.dispose();
    });
  });

  it('does not skip a value on the next card because the first card acknowledged it late', () => {
    testScheduler().run(({ flush }) => {
      const placement = slowHost();
      const outcomes: CommandOutcome[] = [];
      const card = connectCallCard(placement);
      placement.emit('initialized', callInfo({ CALL_ID: 'call-1' }));
      sendCommand(placement, setCardTitle('Ann Lee')).subscribe();
      at(100, () => {
        placement.emit('initialized', callInfo({ CALL_ID: 'call-2' }));
        card.apply(of(setStatusText('Ringing')));
      });
      at(500, () => {
        of(setCardTitle('Ann Lee'))
          .pipe(applyCommands(placement))
          .subscribe((o) => outcomes.push(o));
      });
      flush();
      expect(outcomes).toEqual([{ command: setCardTitle('Ann Lee'), ok: true, result: undefined }]);
      expect(outcomes[0]).not.toHaveProperty('skipped');
      expect(placement.callsOf('CallCardSetCardTitle').map((c) => c.time)).toEqual([0, 500]);
      expect(card.snapshot().title).toBe('Ann Lee');
      card.dispose();
    });
  });

  it('names the command and the reason when a command of an ended card fails', () => {
    testScheduler().run(({ flush }) => {
      const placement = slowHost();
      const card = connectCallCard(placement);
      placement.emit('initialized', callInfo({ CALL_ID: 'call-1' }));
      const outcomes: CommandOutcome[] = [];
      of(setStatusText('a'), setCardTitle('b'))
        .pipe(applyCommands(placement))
        .subscribe((o) => outcomes.push(o));
      at(100, () => placement.emit('initialized', callInfo({ CALL_ID: 'call-2' })));
      flush();
      const failed = outcomes.find((o) => !o.ok);
      expect(failed).toBeDefined();
      if (failed && !failed.ok) {
        expect(failed.error).toBeInstanceOf(CallCardUnavailableError);
        expect(failed.error.message).toMatch(/^CallCardSetCardTitle: .*next card/);
      }
      card.dispose();
    });
  });

  it('behaves as the marble diagram of docs/driving-the-card.md shows', () => {
    testScheduler().run(({ hot, expectObservable, flush }) => {
      const placement = createTestPlacement({ policy: { delayMs: 5 } });
      const card = connectCallCard(placement);
      const host = hot('i---xi--------', {
        i: { type: 'initialized', payload: callInfo({ CALL_ID: 'call' }) },
        x: { type: 'closeButtonClick', payload: undefined },
      } as const);
      placement.emitFrom(host);
      const a = setStatusText('a');
      const b = setCardTitle('b');
      const d = setStatusText('d');
      const commands = hot('-ab----d------', { a, b, d });
      expectObservable(commands.pipe(applyCommands(placement)), '^-------------!').toBe(
        '----B-A-----D-',
        {
          A: { command: a, ok: true, result: undefined },
          B: {
            command: b,
            ok: false,
            error: expect.objectContaining({
              name: 'CallCardUnavailableError',
              message: expect.stringMatching(/^CallCardSetCardTitle: not sent/),
            }),
          },
          D: { command: d, ok: true, result: undefined },
        },
      );
      flush();
      expect(placement.calls.map((c) => `${c.time} ${String(Object.values(c.params)[0])}`)).toEqual(
        ['1 a', '7 d'],
      );
      // The first card's late reply changed nothing of the second card.
      expect(card.snapshot()).toMatchObject({ statusText: 'd', title: '', closed: false });
      card.dispose();
    });
  });
});
