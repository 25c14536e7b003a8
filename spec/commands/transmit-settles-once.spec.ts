import { connectCallCard, setCardTitle, setStatusText, sendCommand } from 'b24-call-card-rx';
import { recordCallCard } from 'b24-call-card-rx';
import { callInfo, testScheduler } from '../support/fixtures';
import { recordingPlacement } from '../support/recording-placement';

// One host call ends once: the first of a reply, a transport error or the timeout decides it,
// is traced once (a failure entry for what the library raised itself), and whatever comes later
// is only traced as what the host did.
describe('a host call settles and is traced once', () => {
  const setup = () => {
    const placement = recordingPlacement(() => undefined);
    const recorder = recordCallCard(placement);
    const card = connectCallCard(placement, { timeoutMs: 100 });
    placement.emit('BackgroundCallCard::initialized', callInfo());
    const seen: string[] = [];
    const send = (title: string) =>
      card.send(setCardTitle(title)).subscribe({
        next: () => seen.push(`${title} next`),
        complete: () => seen.push(`${title} complete`),
        error: (e: Error & { errorCode?: string }) =>
          seen.push(`${title} ${e.name} ${e.errorCode ?? ''}`.trim()),
      });
    const kinds = () =>
      recorder
        .log()
        .entries.filter((e) => e.kind !== 'event' && e.kind !== 'card')
        .map((e) => e.kind);
    return { placement, recorder, card, seen, send, kinds };
  };

  it('a malformed reply: one failure entry, one error, a second reply only traced', () => {
    testScheduler().run(({ flush }) => {
      const { placement, recorder, card, seen, send, kinds } = setup();
      send('A');
      const call = placement.calls[0]!;
      // Reading the reply throws: the host's answer is malformed.
      const hostile = new Proxy([], {
        get() {
          throw new Error('unreadable');
        },
      });
      call.reply(hostile);
      call.reply([]);
      flush();
      expect(seen).toEqual(['A CallCardCommandError Malformed reply']);
      expect(kinds()).toEqual(['command', 'reply', 'failure', 'reply']);
      card.dispose();
      recorder.stop();
    });
  });

  it('a transport error: traced as such, no failure entry, one error, a later reply ignored', () => {
    testScheduler().run(({ flush }) => {
      const { placement, recorder, card, seen, send, kinds } = setup();
      send('A');
      placement.calls[0]!.fail(new Error('socket closed'));
      placement.calls[0]!.fail(new Error('again'));
      placement.calls[0]!.reply([]);
      flush();
      expect(seen).toEqual(['A CallCardCommandError Transport error']);
      expect(kinds()).toEqual(['command', 'transportError', 'transportError', 'reply']);
      expect(card.snapshot().title).toBe('');
      card.dispose();
      recorder.stop();
    });
  });

  it('a timeout: one failure entry, one error; the reply after it is traced, never settles', () => {
    testScheduler().run(({ flush }) => {
      const { placement, recorder, card, seen, send, kinds } = setup();
      send('A');
      flush();
      expect(seen).toEqual(['A CallCardTimeoutError']);
      placement.calls[0]!.reply([]);
      placement.calls[0]!.reply([{ result: 'error', errorCode: 'Late' }]);
      expect(seen).toEqual(['A CallCardTimeoutError']);
      expect(kinds()).toEqual(['command', 'failure', 'reply', 'reply']);
      card.dispose();
      recorder.stop();
    });
  });

  it('a host error reply: no failure entry of the library, one error, the next command still goes', () => {
    testScheduler().run(({ flush }) => {
      const { placement, recorder, card, seen, send, kinds } = setup();
      send('A');
      send('B');
      placement.calls[0]!.reply([{ result: 'error', errorCode: 'Busy' }]);
      placement.calls[1]!.reply([]);
      flush();
      expect(seen).toEqual(['A CallCardCommandError Busy', 'B next', 'B complete']);
      expect(kinds()).toEqual(['command', 'reply', 'command', 'reply']);
      card.dispose();
      recorder.stop();
    });
  });

  it('sendCommand: a timeout errors once; a reply after it changes nothing', () => {
    testScheduler().run(({ flush }) => {
      const placement = recordingPlacement(() => undefined);
      const errors: string[] = [];
      const sub = sendCommand(placement, setStatusText('x'), { timeoutMs: 50 }).subscribe({
        error: (e: Error) => errors.push(e.name),
      });
      placement.emit('BackgroundCallCard::initialized', callInfo());
      flush();
      placement.calls[0]?.reply([]);
      expect(errors).toEqual(['CallCardTimeoutError']);
      expect(sub.closed).toBe(true);
    });
  });
});
