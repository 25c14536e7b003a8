import fc from 'fast-check';
import { concatMap, from, map, tap, timer } from 'rxjs';
import type { CallCardActivity } from '../../src/model/activity';
import { INTERNAL_UI_STATES, UI_STATES, isHostUiState } from '../../src/model/ui-states';
import type { CallCardSnapshot } from '../../src/model/snapshot';
import { callCardState } from '../../src/operators/call-card-state';
import { timerStatus } from '../../src/operators/timer-status';
import type { TimerStatus } from '../../src/operators/timer-status';
import {
  call,
  closeCard,
  entity,
  event,
  initialized,
  setHold,
  setMute,
  startTimer,
  stopTimer,
  uiState,
} from './activity-fixtures';
import { testScheduler } from '../support/fixtures';

const activityArb: fc.Arbitrary<CallCardActivity> = fc.oneof(
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }).map((id) => initialized(call(`${id}`))) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 3 }).map((id) => event('entityChanged', entity(id))),
  },
  { weight: 2, arbitrary: fc.boolean().map((on) => event('muteButtonClick', on)) },
  { weight: 2, arbitrary: fc.boolean().map((on) => event('holdButtonClick', on)) },
  { weight: 2, arbitrary: fc.boolean().map(setMute) },
  { weight: 2, arbitrary: fc.boolean().map(setHold) },
  { weight: 1, arbitrary: fc.constant(event('closeButtonClick')) },
  { weight: 1, arbitrary: fc.constant(closeCard()) },
  { weight: 1, arbitrary: fc.constant(event('answerButtonClick')) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...UI_STATES, ...INTERNAL_UI_STATES),
        fc.option(fc.boolean(), { nil: undefined }),
      )
      .map(([state, disable]) => uiState(state, disable)),
  },
  { weight: 6, arbitrary: fc.constant(uiState('connected')) },
  { weight: 5, arbitrary: fc.constant(startTimer()) },
  { weight: 3, arbitrary: fc.constant(stopTimer()) },
);

// Most calls begin with a card: start with `initialized` half of the time, so timers run often.
const stepsArb = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.record({ gapMs: fc.integer({ min: 0, max: 10_000 }), activity: activityArb }), {
      maxLength: 30,
    }),
  )
  .map(([card, steps]) => (card ? [{ gapMs: 0, activity: initialized() }, ...steps] : steps));

interface Run {
  readonly arrivals: Array<{ at: number; activity: CallCardActivity }>;
  /** The latest snapshot right after each arrival was reduced (reduction is synchronous). */
  readonly after: CallCardSnapshot[];
  readonly snapshots: Array<{ at: number; snapshot: CallCardSnapshot }>;
  readonly statuses: Array<{ at: number; status: TimerStatus; timer: CallCardSnapshot['timer'] }>;
}

/** Plays the steps in virtual time through callCardState and timerStatus, recording everything. */
function play(steps: ReadonlyArray<{ gapMs: number; activity: CallCardActivity }>): Run {
  const run: Run = { arrivals: [], after: [], snapshots: [], statuses: [] };
  const scheduler = testScheduler();
  scheduler.run(() => {
    let latest: CallCardSnapshot | undefined;
    from(steps)
      .pipe(
        concatMap(({ gapMs, activity }) => timer(gapMs, scheduler).pipe(map(() => activity))),
        tap((activity) => {
          if (run.arrivals.length > 0) run.after.push(latest!);
          run.arrivals.push({ at: scheduler.now(), activity });
        }),
        callCardState({ scheduler }),
        tap((snapshot) => {
          latest = snapshot;
          run.snapshots.push({ at: scheduler.now(), snapshot });
        }),
        timerStatus({ scheduler }),
      )
      .subscribe({
        next: (status) => run.statuses.push({ at: scheduler.now(), status, timer: latest!.timer }),
        complete: () => {
          if (run.arrivals.length > 0) run.after.push(latest!);
        },
      });
  });
  return run;
}

/** The expected mute and hold flags after each activity: the last click or applied setter. */
function expectedFlags(arrivals: Run['arrivals']): Array<{ muted: boolean; held: boolean }> {
  let open = false;
  let muted = false;
  let held = false;
  return arrivals.map(({ activity }) => {
    if (activity.kind === 'event') {
      const e = activity.event;
      if (e.type === 'initialized') [open, muted, held] = [true, false, false];
      else if (open && e.type === 'muteButtonClick') muted = e.payload;
      else if (open && e.type === 'holdButtonClick') held = e.payload;
      else if (e.type === 'closeButtonClick') open = false;
    } else if (activity.kind === 'command') {
      const c = activity.command;
      if (open && c.name === 'CallCardSetMute') muted = c.params.muted;
      else if (open && c.name === 'CallCardSetHold') held = c.params.held;
      else if (c.name === 'CallCardClose') open = false;
    }
    return { muted, held };
  });
}

describe('callCardState and timerStatus over random activity (property)', () => {
  const runs = { numRuns: 200 };

  it('keeps uiState a host state or null, and emits only on change', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const { snapshots } = play(steps);
        for (const { snapshot } of snapshots)
          expect(snapshot.uiState === null || isHostUiState(snapshot.uiState)).toBe(true);
        for (let i = 1; i < snapshots.length; i++)
          expect(snapshots[i]!.snapshot).not.toEqual(snapshots[i - 1]!.snapshot);
      }),
      runs,
    );
  });

  it('keeps muted and held equal to the last click payload or applied command since initialized', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const { arrivals, after } = play(steps);
        const flags = expectedFlags(arrivals);
        expect(after.map((s) => ({ muted: s.muted, held: s.held }))).toEqual(flags);
      }),
      runs,
    );
  });

  it('never reports a negative elapsed time, never lets it decrease while running, and measures it from the start', () => {
    let ticks = 0;
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const { statuses } = play(steps);
        ticks += statuses.filter((s) => s.status.status === 'running').length;
        let previous: TimerStatus | undefined;
        for (const { at, status, timer } of statuses) {
          expect(status.elapsedMs).toBeGreaterThanOrEqual(0);
          if (status.status === 'running') {
            expect(status.elapsedMs).toBe(at - timer.startedAt!);
            if (previous?.status === 'running')
              expect(status.elapsedMs).toBeGreaterThanOrEqual(previous.elapsedMs);
          }
          if (status.status === 'stopped')
            expect(status.elapsedMs).toBe(timer.stoppedAt! - timer.startedAt!);
          if (status.status === 'hidden') expect(status.elapsedMs).toBe(0);
          if (previous) expect(status).not.toEqual(previous);
          previous = status;
        }
      }),
      runs,
    );
    // The generator must actually produce running timers, or this property proves nothing.
    expect(ticks).toBeGreaterThan(500);
  });
});
