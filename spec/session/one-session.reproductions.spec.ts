import { asyncScheduler, of } from 'rxjs';
import type { Subscription } from 'rxjs';
import {
  CallCardUnavailableError,
  applyCommands,
  connectCallCard,
  deferPlacement,
  getListUiStates,
  sendCommand,
  setCardTitle,
  setMute,
  setStatusText,
} from 'b24-call-card-rx';
import type { CallCardError, PlacementPort } from 'b24-call-card-rx';
import { createCallCardSimulator, createTestPlacement } from 'b24-call-card-rx/testing';
import { callInfo, testScheduler } from '../support/fixtures';

// The reproductions of "one placement, one session": deferred start-up, two ways to one
// placement, and a host that raises events inside `placement.call`.

/**
 * A promise-like of `port` that fulfils at `ms` of (virtual) time: `deferPlacement` subscribes to
 * it at once, so the placement arrives inside the scheduler's flush, not in a later microtask.
 */
function arriving(port: PlacementPort, ms: number): PromiseLike<PlacementPort> {
  const waiting: Array<(port: PlacementPort) => unknown> = [];
  asyncScheduler.schedule(() => {
    for (const fulfil of waiting) fulfil(port);
  }, ms);
  return {
    then(onFulfilled) {
      if (onFulfilled) waiting.push(onFulfilled as (port: PlacementPort) => unknown);
      return this as never;
    },
  };
}

/** Every time two commands were at the host at once (the host answers each `delayMs` later). */
function overlaps(calls: readonly { readonly time: number }[], delayMs: number): number {
  let count = 0;
  for (let i = 1; i < calls.length; i++)
    if ((calls[i] as { time: number }).time < (calls[i - 1] as { time: number }).time + delayMs)
      count += 1;
  return count;
}

/** The simulator, raising `raise()` inside the first call of `command`, before it answers. */
function reentrantHost(
  command: string,
  raise: (host: ReturnType<typeof createCallCardSimulator>) => void,
) {
  const simulator = createCallCardSimulator();
  let raised = false;
  const port: PlacementPort = {
    bindEvent: (name, handler) => simulator.bindEvent(name, handler),
    call(name, params, onReply, onError) {
      if (name === command && !raised) {
        raised = true;
        raise(simulator);
      }
      simulator.call(name, params, onReply, onError);
    },
  };
  return { simulator, port };
}

describe('one placement, one session: the reproductions', () => {
  describe('1. time spent waiting for a deferred placement is not the host reply time', () => {
    it('sends the commands one at a time once the placement arrives, with no timeout', () => {
      testScheduler().run(({ flush }) => {
        const host = createTestPlacement({ policy: { delayMs: 50 } });
        const card = connectCallCard(deferPlacement(arriving(host, 400)), {
          timeoutMs: 100,
          waitForInitialized: false,
        });
        const failures: CallCardError[] = [];
        card.errors$.subscribe((e) => failures.push(e));
        const outcomes: string[] = [];
        card.apply(of(setCardTitle('Ann'), setStatusText('VIP'), setMute(true)));
        of(setStatusText('again'))
          .pipe(applyCommands(host, { timeoutMs: 100, waitForInitialized: false }))
          .subscribe((o) => outcomes.push(`${o.command.name} ${o.ok}`));
        flush();
        expect(failures).toEqual([]);
        expect(host.calls.map((c) => `${c.time} ${c.command}`)).toEqual([
          // The direct sink's command was queued at 0 on the placement itself: it goes first.
          '0 CallCardSetStatusText',
          '400 CallCardSetCardTitle',
          '450 CallCardSetStatusText',
          '500 CallCardSetMute',
        ]);
        expect(outcomes).toEqual(['CallCardSetStatusText true']);
        card.dispose();
      });
    });

    it('never sends a command that timed out, nor two at once (getListUiStates, default options)', () => {
      testScheduler().run(({ flush }) => {
        const host = createTestPlacement({ policy: { delayMs: 50 } });
        const card = connectCallCard(deferPlacement(arriving(host, 15_000)));
        const results: string[] = [];
        const report = (what: string) => ({
          next: (states: readonly string[]) => results.push(`${what} ${states.length}`),
          error: (e: CallCardError) => results.push(`${what} ${e.name}`),
        });
        card.send(getListUiStates()).subscribe(report('first'));
        card.send(getListUiStates()).subscribe(report('second'));
        flush();
        expect(results).toEqual(['first 12', 'second 12']);
        expect(host.calls.map((c) => `${c.time} ${c.command}`)).toEqual([
          '15000 CallCardGetListUiStates',
          '15050 CallCardGetListUiStates',
        ]);
        card.dispose();
      });
    });
  });

  describe('2. deferred and direct placements of one page are one session', () => {
    it('binds every event once, sends one command at a time, and both cards agree', () => {
      testScheduler().run(({ flush }) => {
        const host = createTestPlacement({ policy: { delayMs: 50 } });
        const early = connectCallCard(deferPlacement(arriving(host, 100)));
        const direct = connectCallCard(host);
        const other = connectCallCard(deferPlacement(arriving(host, 200)));
        early.apply(of(setMute(true), setCardTitle('Ann')));
        other.apply(of(setStatusText('VIP')));
        asyncScheduler.schedule(() => host.emit('initialized', callInfo({ CALL_ID: 'c-1' })), 300);
        asyncScheduler.schedule(() => direct.apply(of(setMute(false))), 310);
        flush();
        for (const binding of new Set(host.bindings.map((b) => b.hostEventName)))
          expect(host.bindings.filter((b) => b.hostEventName === binding)).toHaveLength(1);
        expect(overlaps(host.calls, 50)).toBe(0);
        expect(host.calls.map((c) => c.command)).toEqual([
          'CallCardSetMute',
          'CallCardSetCardTitle',
          'CallCardSetStatusText',
          'CallCardSetMute',
        ]);
        const shown = {
          muted: false,
          title: 'Ann',
          statusText: 'VIP',
          call: callInfo({ CALL_ID: 'c-1' }),
        };
        expect(early.snapshot()).toMatchObject(shown);
        expect(direct.snapshot()).toBe(early.snapshot());
        expect(other.snapshot()).toBe(early.snapshot());
        for (const card of [early, direct, other]) card.dispose();
      });
    });
  });

  describe('3. a host that raises events inside placement.call', () => {
    it("never sends card 1's commands to card 2 raised during the first one's call", () => {
      const { simulator, port } = reentrantHost('CallCardSetMute', (host) => host.ring());
      const card = connectCallCard(port);
      const failures: string[] = [];
      card.errors$.subscribe((e) => failures.push(`${e.name}: ${e.message}`));
      card.apply(of(setMute(true), setStatusText('VIP'), setCardTitle('Ann')));
      simulator.ring();
      // The host raised the second card before it took the mute: the mute is the second card's.
      expect(simulator.log.map((e) => e.command)).toEqual(['CallCardSetMute']);
      expect(failures).toEqual([
        expect.stringMatching(
          /^CallCardUnavailableError: CallCardSetStatusText: not sent: its call card ended \(the next card/,
        ),
        expect.stringMatching(/^CallCardUnavailableError: CallCardSetCardTitle: not sent/),
      ]);
      expect(simulator.card()).toMatchObject({ muted: true, statusText: '', title: '' });
      expect(card.snapshot()).toMatchObject({ muted: true, statusText: '', title: '' });
      expect(card.snapshot().call?.CALL_ID).toBe(simulator.card().call?.CALL_ID);
      card.dispose();
    });

    it('fails the commands behind a Close click raised during a call, unsent', () => {
      const { simulator, port } = reentrantHost('CallCardSetMute', (host) => host.press('close'));
      const card = connectCallCard(port);
      const failures: string[] = [];
      card.errors$.subscribe((e) => failures.push(`${e.name}: ${e.message}`));
      card.apply(of(setMute(true), setStatusText('VIP')));
      simulator.ring();
      expect(simulator.log.map((e) => e.command)).toEqual(['CallCardSetMute']);
      expect(failures).toEqual([
        // The host closed the card before it took the mute: its own answer.
        'CallCardCommandError: CallCardSetMute: the host answered with error "Call card is undefined"',
        expect.stringMatching(
          /^CallCardUnavailableError: CallCardSetStatusText: not sent: its call card ended \(the user closed it/,
        ),
      ]);
      expect(card.snapshot()).toMatchObject({ uiState: null, closed: true });
      card.dispose();
    });

    it('sends nothing to a card while a card event the host raised is still on its way', () => {
      // A listener of one event makes the host raise the next card (through a call of its own,
      // bypassing the queue), then queues a command for the card it knows: that command must
      // wait for the new card's delivery, and so fail unsent.
      const { simulator, port } = reentrantHost('CallCardGetListUiStates', (host) => host.ring());
      const card = connectCallCard(port);
      const failures: string[] = [];
      card.errors$.subscribe((e) => failures.push(`${e.name}: ${e.message}`));
      let first = true;
      card.events.initialized$.subscribe(() => {
        if (!first) return;
        first = false;
        sendCommand(port, getListUiStates()).subscribe();
        card.send(setStatusText('for the first call')).subscribe({ error: () => undefined });
      });
      simulator.ring();
      expect(simulator.log.map((e) => e.command)).toEqual(['CallCardGetListUiStates']);
      expect(failures).toEqual([
        expect.stringMatching(/^CallCardUnavailableError: CallCardSetStatusText: not sent/),
      ]);
      card.dispose();
    });
  });

  describe('found by the property test', () => {
    it('delivers a click the host raised inside a call before that call is acknowledged', () => {
      // The user clicks "unmute" while the ring is still being delivered; the host raises the click
      // inside the mute's call, then takes the mute: the card ends muted.
      const host = createTestPlacement();
      const port: PlacementPort = {
        bindEvent: (name, handler) => host.bindEvent(name, handler),
        call(name, params, onReply, onError) {
          if (name === 'CallCardSetMute') host.emit('muteButtonClick', false);
          host.call(name, params, onReply, onError);
        },
      };
      const card = connectCallCard(port);
      card.apply(of(setMute(true)));
      host.emit('initialized', callInfo({ CALL_ID: 'c-1' }));
      expect(host.calls.map((c) => c.command)).toEqual(['CallCardSetMute']);
      expect(card.snapshot().muted).toBe(true);
      card.dispose();
    });

    it('gives every command that waited for a deferred placement to the card open when it arrives', () => {
      testScheduler().run(({ flush }) => {
        const { simulator, port } = reentrantHost('CallCardSetCardTitle', (host) => host.ring());
        const card = connectCallCard(deferPlacement(arriving(port, 100)));
        const failures: string[] = [];
        card.errors$.subscribe((e) => failures.push(e.message));
        card.apply(of(setCardTitle('Ann'), setStatusText('VIP')));
        // A card is open before the placement arrives: both commands are that card's.
        const directly = connectCallCard(port);
        simulator.ring();
        flush();
        expect(simulator.log.map((e) => e.command)).toEqual(['CallCardSetCardTitle']);
        expect(failures).toEqual([
          expect.stringMatching(
            /^CallCardSetStatusText: not sent: its call card ended \(the next card/,
          ),
        ]);
        expect(card.snapshot()).toBe(directly.snapshot());
        expect(card.snapshot()).toMatchObject({ title: 'Ann', statusText: '' });
        card.dispose();
        directly.dispose();
      });
    });
  });

  describe('4. dispose while the deferred placement is pending', () => {
    it('never sends what the disposed card had queued', () => {
      testScheduler().run(({ flush }) => {
        const host = createTestPlacement();
        const card = connectCallCard(deferPlacement(arriving(host, 100)), {
          waitForInitialized: false,
        });
        const results: string[] = [];
        card.send(setCardTitle('Ann')).subscribe({
          next: () => results.push('sent'),
          error: (e: CallCardError) => results.push(e.message),
        });
        const sink: Subscription = card.apply(of(setMute(true)));
        card.dispose();
        flush();
        expect(sink.closed).toBe(true);
        expect(results).toEqual([
          'callCard.send: the call card was disposed before the command finished',
        ]);
        expect(host.calls).toEqual([]);
      });
    });
  });

  it('a failed start refuses the waiting commands with the failure, never sends them', async () => {
    const card = connectCallCard(deferPlacement(Promise.reject(new Error('no portal'))));
    const results: unknown[] = [];
    card.send(setCardTitle('Ann')).subscribe({ error: (e: unknown) => results.push(e) });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(results).toEqual([expect.any(CallCardUnavailableError)]);
    expect((results[0] as CallCardUnavailableError).message).toBe(
      'CallCardSetCardTitle: the placement failed to start: no portal',
    );
    card.dispose();
  });
});
