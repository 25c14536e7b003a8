// sessionLogFromDevTools: the Redux DevTools extension's export of a connectReduxDevTools instance,
// rebuilt as a session log that replaySession plays back. The exports are made by the fake of the
// extension (spec/support/fake-redux-dev-tools.ts), which keeps and saves its history the way the
// extension's monitor does; every recording and replay runs in virtual time.
import { asyncScheduler } from 'rxjs';
import { CallCardInputError, connectCallCard, recordCallCard } from 'b24-call-card-rx';
import type { CallCardSessionLog, CallCardSnapshot } from 'b24-call-card-rx';
import { connectReduxDevTools } from 'b24-call-card-rx/devtools';
import { createCallCardSimulator, sessionLogFromDevTools } from 'b24-call-card-rx/testing';
import { fakeReduxDevTools } from '../support/fake-redux-dev-tools';
import type { FakeReduxDevTools, LiftedState } from '../support/fake-redux-dev-tools';
import { testScheduler } from '../support/fixtures';
import { callApp, commandsOf, playWholeCall, replayCall } from '../support/whole-call';

interface Recording {
  readonly fake: FakeReduxDevTools;
  /** What a recorder beside the bridge recorded: the reference. */
  readonly log: CallCardSessionLog;
  /** The app card's snapshot at the end. */
  readonly snapshot: CallCardSnapshot;
}

/**
 * A whole call on the simulator (replies 100 ms late) with the bridge on a fake extension: rings
 * at 1 s, answered at 3 s, mute at 5 s, hold at 6 s and off at 7 s, hang-up at 9 s; the export
 * and the reference log are taken at 12 s.
 */
function recordCall(options: { maxAge?: number; commitAtMs?: number } = {}): Recording {
  let recording!: Recording;
  testScheduler().run(({ hot }) => {
    const host = createCallCardSimulator({ replyDelayMs: 100 });
    const fake = fakeReduxDevTools();
    const devTools = connectReduxDevTools(
      host,
      options.maxAge === undefined
        ? { extension: fake }
        : { extension: fake, maxAge: options.maxAge },
    );
    const recorder = recordCallCard(host);
    const card = connectCallCard(host);
    card.apply(callApp(card));
    playWholeCall(host, hot);
    if (options.commitAtMs !== undefined)
      asyncScheduler.schedule(
        () => fake.deliver({ type: 'DISPATCH', payload: { type: 'COMMIT' } }),
        options.commitAtMs,
      );
    asyncScheduler.schedule(() => {
      recording = { fake, log: recorder.log(), snapshot: card.snapshot() };
      devTools.unsubscribe();
      card.dispose();
    }, 12_000);
  });
  return recording;
}

describe('sessionLogFromDevTools: the round trip through the extension', () => {
  const recorded = recordCall();
  const exported = recorded.fake.exported();

  it('rebuilds the session the bridge saw: the same entries as a recorder beside it, and the final snapshot', () => {
    const log = sessionLogFromDevTools(exported);
    expect(log.entries).toEqual(recorded.log.entries);
    expect(log.entries.length).toBeGreaterThan(20);
    expect(log).toMatchObject({
      version: 1,
      startedAt: 0,
      endedAt: recorded.log.entries.at(-1)!.at,
      card: 0,
      lifecycle: 'waiting',
      dropped: 0,
      redacted: false,
    });
    expect(log.snapshot).toEqual(recorded.snapshot);
    expect(log.snapshot).toMatchObject({ closed: true, statusText: 'Muted' });
  });

  it('replays against the same app with no mismatch, the same commands and the same final snapshot', () => {
    const log = sessionLogFromDevTools(exported);
    const { replay, snapshot } = replayCall(log);
    expect(replay.mismatches()).toEqual([]);
    expect(replay.sent().map((c) => `${c.at} ${c.command} ${JSON.stringify(c.params)}`)).toEqual(
      commandsOf(recorded.log),
    );
    expect(snapshot).toEqual(recorded.snapshot);
  });

  it('takes the export as text or as its parsed value alike', () => {
    expect(sessionLogFromDevTools(JSON.parse(exported) as unknown)).toEqual(
      sessionLogFromDevTools(exported),
    );
  });

  it('counts what maxAge dropped, keeps the rest in order, and the log still replays as a host', () => {
    const truncated = recordCall({ maxAge: 10 });
    const log = sessionLogFromDevTools(truncated.fake.exported());
    // The extension's maxAge counts its @@INIT: nine actions of the bridge are kept.
    expect(log.entries).toEqual(truncated.log.entries.slice(-9));
    expect(log.dropped).toBe(truncated.log.entries.length - 9);
    expect(log.snapshot).toEqual(truncated.snapshot);
    expect(() => replayCall(log)).not.toThrow();
  });

  it('counts what a COMMIT cleared from the history as dropped, and reads the card open before', () => {
    const committed = recordCall({ commitAtMs: 4000 });
    const log = sessionLogFromDevTools(committed.fake.exported());
    const before = committed.log.entries.filter((e) => e.at <= 4000).length;
    expect(log.dropped).toBe(before);
    expect(log.entries).toEqual(committed.log.entries.slice(before));
    expect(log).toMatchObject({ card: 1, lifecycle: 'open' });
    expect(log.snapshot).toEqual(committed.snapshot);
  });

  it('rebuilds an empty session from an export with no action yet', () => {
    let fake!: FakeReduxDevTools;
    testScheduler().run(() => {
      fake = fakeReduxDevTools();
      connectReduxDevTools(createCallCardSimulator(), { extension: fake });
    });
    expect(sessionLogFromDevTools(fake.exported())).toMatchObject({
      entries: [],
      dropped: 0,
      lifecycle: 'waiting',
      snapshot: { uiState: null, closed: false },
    });
  });
});

describe('sessionLogFromDevTools: what is not such an export', () => {
  const recorded = recordCall();
  /** A copy of the export, changed by `change`. */
  const changed = (change: (lifted: LiftedState) => void): LiftedState => {
    const lifted = JSON.parse(recorded.fake.exported()) as LiftedState;
    change(lifted);
    return lifted;
  };

  function refusal(exported: unknown): CallCardInputError {
    let thrown: unknown;
    try {
      sessionLogFromDevTools(exported);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CallCardInputError);
    expect(thrown).toMatchObject({ command: 'sessionLogFromDevTools' });
    return thrown as CallCardInputError;
  }

  it.each([
    ['a number', 42, 'exported'],
    ['text that is no JSON', '{"actionsById":', 'exported'],
    [
      'an object without actionsById',
      { stagedActionIds: [], computedStates: [] },
      'exported.actionsById',
    ],
    [
      'stagedActionIds that are no array',
      { actionsById: {}, stagedActionIds: 'x', computedStates: [] },
      'exported.stagedActionIds',
    ],
    [
      'computedStates that are no array',
      { actionsById: {}, stagedActionIds: [], computedStates: null },
      'exported.computedStates',
    ],
  ])('refuses %s, naming it', (_, exported, field) => {
    expect(refusal(exported).field).toBe(field);
  });

  it('refuses a history whose states do not match its actions', () => {
    const error = refusal(changed((lifted) => lifted.computedStates.pop()));
    expect(error.field).toBe('exported.computedStates');
    expect(error.message).toMatch(/expected one state per staged action/);
  });

  it("refuses an action that is not the bridge's (another store's history)", () => {
    const error = refusal(
      changed((lifted) => {
        lifted.actionsById[2] = {
          type: 'PERFORM_ACTION',
          action: { type: 'INCREMENT' },
          timestamp: 1,
        };
      }),
    );
    expect(error.field).toBe('exported.actionsById["2"].action');
    expect(error.message).toMatch(
      /expected an action of connectReduxDevTools: \{type, seq, payload\}/,
    );
  });

  it('refuses a history with a gap: entries were lost while recording was paused or filtered', () => {
    const error = refusal(
      changed((lifted) => {
        lifted.stagedActionIds.splice(3, 2);
        lifted.computedStates.splice(3, 2);
      }),
    );
    expect(error.field).toBe('exported.actionsById');
    expect(error.message).toMatch(
      /expected every seq from 3 to 4 as well: those entries are missing \(recording paused, or actions filtered out\)/,
    );
  });

  it('refuses a history with one seq twice', () => {
    const error = refusal(
      changed((lifted) => {
        (lifted.actionsById[3]!.action as { seq: number }).seq = 2;
      }),
    );
    expect(error.message).toMatch(/one action per seq \(seq 2 is there twice\)/);
  });

  it("names a broken entry as the rebuilt log's, as replaySession would", () => {
    const error = refusal(
      changed((lifted) => {
        (lifted.actionsById[2]!.action.payload as { kind: string }).kind = 'click';
      }),
    );
    expect(error.field).toBe('log.entries[1].kind');
  });

  it('refuses a value whose reads throw, without throwing anything else', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('revoked');
        },
      },
    );
    expect(refusal(hostile).field).toBe('exported');
  });
});
