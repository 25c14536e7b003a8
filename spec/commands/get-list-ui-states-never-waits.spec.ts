import { of } from 'rxjs';
import { connectCallCard, getListUiStates, setStatusText } from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';

// applyCommands rule 4, "`getListUiStates()` belongs to no card and never waits" (and
// docs/driving-the-card.md: `card.send(getListUiStates())` "works without" a card), also behind a
// command that waits for `initialized`. This broke while, queued behind such a command, it waited
// too, for ever if no card came.
describe('getListUiStates() behind a command that waits for a card', () => {
  it('is answered before any card is initialized', () => {
    const placement = createTestPlacement();
    const card = connectCallCard(placement);
    card.apply(of(setStatusText('Ringing'))); // waits for the first card
    let states: readonly string[] | undefined;
    card.send(getListUiStates()).subscribe((s) => (states = s));
    expect(placement.calls.map((c) => c.command)).toEqual(['CallCardGetListUiStates']);
    expect(states).toHaveLength(12);
    card.dispose();
  });
});
