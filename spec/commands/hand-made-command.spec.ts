import { of } from 'rxjs';
import { applyCommands, connectCallCard, fromBX24, setStatusText } from 'b24-call-card-rx';
import type { CallCardCommand, CommandOutcome, PlacementPort } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import {
  callInfo,
  collectUnhandledErrors,
  describeOutcome,
  testScheduler,
} from '../support/fixtures';

collectUnhandledErrors({ settleMs: 10 });

/** A card connected to a test placement (made with `options`) that raised `initialized`. */
const openCard = (options?: Parameters<typeof createTestPlacement>[0]) => {
  const placement = createTestPlacement(options);
  const card = connectCallCard(placement);
  placement.emit('initialized', callInfo());
  return { placement, card };
};

/** A getter that returns `value` the first time and throws on every later read. */
const readOnce = (value: string) => {
  let reads = 0;
  return (): string => {
    reads += 1;
    if (reads > 1) throw new Error('read twice');
    return value;
  };
};

/**
 * Applies `command` through one `applyCommands` sink, then a status text through another, and
 * collects each sink's outcomes.
 */
const applyBesideAnotherSink = (placement: PlacementPort, command: CallCardCommand) => {
  const outcomes: CommandOutcome[] = [];
  of(command)
    .pipe(applyCommands(placement))
    .subscribe((o) => outcomes.push(o));
  const later: CommandOutcome[] = [];
  of(setStatusText('Talking'))
    .pipe(applyCommands(placement))
    .subscribe((o) => later.push(o));
  return { outcomes, later };
};

// "The sink never dies: a failed command becomes an outcome and the next command still runs" and
// "a reply updates the card's state" with what the host applied, also for a command made by hand.
// This broke while such a command was checked once but the queue, the repeat memory and the state
// re-read the app's object later, after the app changed it or when reading it threw.
describe('a hand-made command is re-read after it was checked', () => {
  it('shows the title the host was sent, not what the app changed in its object afterwards', () => {
    testScheduler().run(({ flush }) => {
      const { placement, card } = openCard({ policy: { delayMs: 300 } });
      const command = { name: 'CallCardSetCardTitle', params: { title: 'Ann Lee' } };
      card.apply(of(command as CallCardCommand));
      command.params.title = 'Bob Stone'; // the app reuses its object
      flush();
      expect(placement.calls.map((c) => c.params)).toEqual([{ title: 'Ann Lee' }]);
      expect(card.snapshot().title).toBe('Ann Lee');
      card.dispose();
    });
  });

  it('does not stall the queue for every sink when reading the command a second time throws', () => {
    const { placement, card } = openCard();
    const params = Object.defineProperty({}, 'title', {
      enumerable: true,
      get: readOnce('Ann Lee'),
    });
    const { outcomes, later } = applyBesideAnotherSink(placement, {
      name: 'CallCardSetCardTitle',
      params,
    } as CallCardCommand);
    // The other sink's command is not held hostage by the hand-made one.
    expect(placement.callsOf('CallCardSetStatusText')).toHaveLength(1);
    expect(later.map(describeOutcome)).toEqual(['ok']);
    expect(outcomes).toHaveLength(1);
    card.dispose();
  });
});

// `validateCommand` "returns the command to send and apply: `value` itself when it is frozen data
// (a creator's), otherwise a frozen copy of what was checked, so an app that changes its object
// afterwards cannot make the library send one thing and show another"; and "the sink never dies",
// also for a frozen command. This broke while `Object.isFrozen` was taken for "frozen data": a
// frozen object may hold accessors (read again on every access) or non-enumerable keys (which the
// adapters' copy of the params skips), and such a hand-made command was passed through as it was,
// so the queue, the adapters, the repeat memory and the reducer read it again after it was checked.
describe('a frozen hand-made command with accessors is re-read after it was checked', () => {
  it('shows the title the host was sent', () => {
    const { placement, card } = openCard();
    let reads = 0;
    const params = Object.freeze({
      get title() {
        reads += 1;
        return `title ${reads}`;
      },
    });
    card.apply(of(Object.freeze({ name: 'CallCardSetCardTitle', params }) as CallCardCommand));
    expect(placement.calls).toHaveLength(1);
    expect(card.snapshot().title).toBe((placement.calls[0]!.params as { title: string }).title);
    card.dispose();
  });

  it('sends the command that was checked, not another one (a getter for name)', () => {
    const { placement, card } = openCard();
    let reads = 0;
    const command = Object.freeze({
      get name() {
        reads += 1;
        return reads === 1 ? 'CallCardSetMute' : 'CallCardClose';
      },
      params: Object.freeze({ muted: true }),
    });
    card.send(command as CallCardCommand).subscribe({ error: () => undefined });
    // Checked as a mute: the host must receive a mute, and the card must not be closed by it.
    expect(placement.calls.map((c) => c.command)).toEqual(['CallCardSetMute']);
    expect(card.snapshot().closed).toBe(false);
    card.dispose();
  });

  it('does not stall the queue for every sink when reading the command again throws', () => {
    const { placement, card } = openCard();
    const params = Object.freeze(
      Object.defineProperty({}, 'title', { enumerable: true, get: readOnce('Ann Lee') }),
    );
    const { outcomes, later } = applyBesideAnotherSink(
      placement,
      Object.freeze({ name: 'CallCardSetCardTitle', params }) as CallCardCommand,
    );
    // Each sink hears of its command, and the other sink's command reaches the host.
    expect(outcomes).toHaveLength(1);
    expect(later.map(describeOutcome)).toEqual(['ok']);
    expect(placement.callsOf('CallCardSetStatusText')).toHaveLength(1);
    card.dispose();
  });

  it('sends a key it checked (a non-enumerable param is dropped by the BX24 adapter)', () => {
    const handlers = new Map<string, (payload: unknown) => void>();
    const sent: Array<{ command: string; params: Record<string, unknown> }> = [];
    const bx24 = {
      placement: {
        call(command: string, params: Record<string, unknown>, reply: (r: unknown) => void) {
          sent.push({ command, params: { ...params } });
          reply([]);
        },
        bindEvent(name: string, handler: (payload: unknown) => void) {
          handlers.set(name, handler);
        },
      },
    };
    const card = connectCallCard(fromBX24(bx24));
    handlers.get('BackgroundCallCard::initialized')!(callInfo());
    const params = Object.freeze(
      Object.defineProperty({}, 'title', { value: 'Ann Lee', enumerable: false }),
    );
    card
      .send(Object.freeze({ name: 'CallCardSetCardTitle', params }) as CallCardCommand)
      .subscribe({ error: () => undefined });
    // The state says the host shows "Ann Lee": the host must have been sent that title.
    expect(card.snapshot().title).toBe('Ann Lee');
    expect(sent).toEqual([{ command: 'CallCardSetCardTitle', params: { title: 'Ann Lee' } }]);
    card.dispose();
  });
});
