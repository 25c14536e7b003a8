import { NEVER, of, Subject, Subscription } from 'rxjs';
import { connectCallCard, setCardTitle, setStatusText } from 'b24-call-card-rx';
import type { CallCardCommand } from 'b24-call-card-rx';
import { callInfo } from '../support/fixtures';
import { recordingPlacement } from '../support/recording-placement';

/** The subscriptions the facade holds for its `apply` and `send` calls (rxjs's own list). */
function heldByFacade(run: () => Subscription[]): { made: Subscription[]; held: () => unknown[] } {
  const parents = new Set<Subscription>();
  const add = jest.spyOn(Subscription.prototype, 'add');
  let made: Subscription[] = [];
  try {
    made = run();
  } finally {
    for (const [i, call] of add.mock.calls.entries())
      if (made.includes(call[0] as Subscription)) parents.add(add.mock.contexts[i] as Subscription);
    add.mockRestore();
  }
  const held = (): unknown[] =>
    [...parents].flatMap(
      (p) => (p as unknown as { _finalizers: unknown[] | null })._finalizers ?? [],
    );
  return { made, held };
}

// `apply` and `send` subscriptions end with the card, and the card holds each only while it is
// open: many commands over a long call keep nothing alive.
describe('the subscriptions of apply and send', () => {
  it('holds none of many applies that completed, and the one still open until dispose', () => {
    const placement = recordingPlacement();
    const card = connectCallCard(placement);
    placement.emit('BackgroundCallCard::initialized', callInfo());
    const open = new Subject<CallCardCommand>();
    const { made, held } = heldByFacade(() => [
      ...Array.from({ length: 20 }, (_, i) => card.apply(of(setCardTitle(`t${i}`)))),
      card.apply(open),
    ]);
    expect(made.slice(0, 20).every((s) => s.closed)).toBe(true);
    expect(held()).toEqual([made[20]]);
    open.next(setStatusText('x'));
    open.complete();
    expect(held()).toEqual([]);
    expect(placement.calls).toHaveLength(21);
    card.dispose();
  });

  it('disposing while an apply is running ends it and sends nothing it queued after', () => {
    const placement = recordingPlacement(() => undefined);
    const card = connectCallCard(placement);
    placement.emit('BackgroundCallCard::initialized', callInfo());
    const commands = new Subject<CallCardCommand>();
    const sub = card.apply(commands);
    commands.next(setCardTitle('A'));
    commands.next(setCardTitle('B'));
    commands.next(setStatusText('C'));
    expect(placement.calls.map((c) => c.command)).toEqual(['CallCardSetCardTitle']);
    card.dispose();
    expect(sub.closed).toBe(true);
    expect(commands.observed).toBe(false);
    placement.calls[0]!.reply([]);
    expect(placement.calls).toHaveLength(1);
    expect(() => card.apply(NEVER)).toThrow('callCard.apply');
  });

  it('an apply after another completed still works, and a sink that completed is not held', () => {
    const placement = recordingPlacement();
    const card = connectCallCard(placement);
    placement.emit('BackgroundCallCard::initialized', callInfo());
    const first = card.apply(of(setCardTitle('A')));
    expect(first.closed).toBe(true);
    const second = new Subject<CallCardCommand>();
    const sub = card.apply(second);
    second.next(setCardTitle('B'));
    expect(card.snapshot().title).toBe('B');
    sub.unsubscribe();
    expect(second.observed).toBe(false);
    card.dispose();
  });
});
