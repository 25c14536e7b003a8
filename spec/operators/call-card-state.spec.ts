import { Subject, share, take } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import type { CallCardActivity } from '../../src/model/activity';
import { CallCardInputError } from '../../src/model/errors';
import { INITIAL_CALL_CARD_SNAPSHOT } from '../../src/model/snapshot';
import type { CallCardSnapshot } from '../../src/model/snapshot';
import { callCardState } from '../../src/operators/call-card-state';
import {
  call,
  closeCard,
  command,
  entity,
  event,
  initialized,
  openCard,
  setHold,
  setMute,
  snapshot,
  startTimer,
  stopTimer,
  uiState,
} from './activity-fixtures';
import { TIMER_RESETTING_STATES } from '../support/valid-payloads';
import { testScheduler } from '../support/fixtures';

const HIDDEN = { running: false, visible: false, startedAt: null, stoppedAt: null };
const running = (startedAt: number) => ({
  running: true,
  visible: true,
  startedAt,
  stoppedAt: null,
});
const stopped = (startedAt: number, stoppedAt: number) => ({
  running: false,
  visible: true,
  startedAt,
  stoppedAt,
});

describe('callCardState', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = testScheduler();
  });

  describe('the card', () => {
    it('emits the initial snapshot at once, then a fresh externalCard card on initialized', () => {
      const info = call('42', 'idle');
      scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const activity = hot('  --i--|', { i: initialized(info) });
        const subs = '          ^----!';
        const expected = '      s-t--|';
        expectObservable(activity.pipe(callCardState({ scheduler }))).toBe(expected, {
          s: INITIAL_CALL_CARD_SNAPSHOT,
          t: snapshot({ uiState: 'externalCard', call: info }),
        });
        expectSubscriptions(activity.subscriptions).toBe(subs);
      });
    });

    it('keeps the CALL_STATE of the initialized payload in call', () => {
      const source = new Subject<CallCardActivity>();
      const states: CallCardSnapshot[] = [];
      source.pipe(callCardState()).subscribe((s) => states.push(s));
      source.next(initialized(call('1', 'connected')));
      expect(states.at(-1)?.call?.CALL_STATE).toBe('connected');
      expect(states.at(-1)?.uiState).toBe('externalCard');
    });

    it('emits nothing for activity that changes nothing', () => {
      scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const activity = hot('  -a-m-n-g-l-|', {
          a: event('answerButtonClick'),
          m: setMute(false),
          n: event('muteButtonClick', false),
          g: command({ name: 'CallCardGetListUiStates', params: {} }),
          l: stopTimer(),
        });
        const subs = '          ^----------!';
        const expected = '      s----------|';
        expectObservable(activity.pipe(callCardState({ scheduler, initial: openCard() }))).toBe(
          expected,
          { s: openCard() },
        );
        expectSubscriptions(activity.subscriptions).toBe(subs);
      });
    });

    it('follows mute and hold from the clicks (the NEW state) and from applied commands', () => {
      const card = openCard({ uiState: 'connected' });
      scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const activity = hot('  -m-h-M-H-|', {
          m: event('muteButtonClick', true),
          h: event('holdButtonClick', true),
          M: setMute(false),
          H: setHold(false),
        });
        const subs = '          ^--------!';
        const expected = '      sa-b-c-d-|';
        expectObservable(activity.pipe(callCardState({ scheduler, initial: card }))).toBe(
          expected,
          {
            s: card,
            a: { ...card, muted: true },
            b: { ...card, muted: true, held: true },
            c: { ...card, muted: false, held: true },
            d: card,
          },
        );
        expectSubscriptions(activity.subscriptions).toBe(subs);
      });
    });

    it('follows the title and the status text from applied commands', () => {
      const card = openCard();
      scheduler.run(({ hot, expectObservable }) => {
        const activity = hot('  -t-x-|', {
          t: command({ name: 'CallCardSetCardTitle', params: { title: 'Ann' } }),
          x: command({ name: 'CallCardSetStatusText', params: { statusText: 'VIP' } }),
        });
        expectObservable(activity.pipe(callCardState({ scheduler, initial: card }))).toBe(
          'st-x-|',
          {
            s: card,
            t: { ...card, title: 'Ann' },
            x: { ...card, title: 'Ann', statusText: 'VIP' },
          },
        );
      });
    });

    it('starts a fresh card on a new initialized, also over an open one', () => {
      const first = call('1');
      const second = call('2');
      scheduler.run(({ hot, expectObservable }) => {
        const activity = hot('  -i-c-m-t-j-|', {
          i: initialized(first),
          c: uiState('connected'),
          m: setMute(true),
          t: command({ name: 'CallCardSetCardTitle', params: { title: 'Ann' } }),
          j: initialized(second),
        });
        const card = snapshot({ uiState: 'externalCard', call: first });
        expectObservable(activity.pipe(callCardState({ scheduler }))).toBe('si-c-m-t-j-|', {
          s: INITIAL_CALL_CARD_SNAPSHOT,
          i: card,
          c: { ...card, uiState: 'connected', timer: running(3) },
          m: { ...card, uiState: 'connected', timer: running(3), muted: true },
          t: { ...card, uiState: 'connected', timer: running(3), muted: true, title: 'Ann' },
          j: snapshot({ uiState: 'externalCard', call: second }),
        });
      });
    });
  });

  describe('the CRM entity', () => {
    it('keeps an entityChanged that came before initialized', () => {
      const info = call();
      const crm = entity(7);
      scheduler.run(({ hot, expectObservable }) => {
        const activity = hot('  -e-i-|', { e: event('entityChanged', crm), i: initialized(info) });
        expectObservable(activity.pipe(callCardState({ scheduler }))).toBe('se-i-|', {
          s: INITIAL_CALL_CARD_SNAPSHOT,
          e: snapshot({ entity: crm }),
          i: snapshot({ uiState: 'externalCard', call: info, entity: crm }),
        });
      });
    });

    it("drops the previous call's entity on the next initialized, but keeps one that came after the close", () => {
      const one = call('1');
      const two = call('2');
      const three = call('3');
      scheduler.run(({ hot, expectObservable }) => {
        const activity = hot('  -i-e-x-j-f-k-|', {
          i: initialized(one),
          e: event('entityChanged', entity(1)),
          x: closeCard(),
          j: initialized(two),
          f: event('entityChanged', entity(3)),
          k: initialized(three),
        });
        const states = activity.pipe(callCardState({ scheduler }));
        expectObservable(states).toBe('si-e-x-j-f-k-|', {
          s: INITIAL_CALL_CARD_SNAPSHOT,
          i: snapshot({ uiState: 'externalCard', call: one }),
          e: snapshot({ uiState: 'externalCard', call: one, entity: entity(1) }),
          x: snapshot({ uiState: null, closed: true, call: one, entity: entity(1) }),
          j: snapshot({ uiState: 'externalCard', call: two }),
          f: snapshot({ uiState: 'externalCard', call: two, entity: entity(3) }),
          // Arrived since the last initialized: it belongs to this next card (call-list mode).
          k: snapshot({ uiState: 'externalCard', call: three, entity: entity(3) }),
        });
      });
    });

    it('keeps an entity that arrives between a close and the next initialized', () => {
      const one = call('1');
      const two = call('2');
      scheduler.run(({ hot, expectObservable }) => {
        const activity = hot('  -i-e-x-f-j-|', {
          i: initialized(one),
          e: event('entityChanged', entity(1)),
          x: event('closeButtonClick'),
          f: event('entityChanged', entity(2)),
          j: initialized(two),
        });
        expectObservable(activity.pipe(callCardState({ scheduler }))).toBe('si-e-x-f-j-|', {
          s: INITIAL_CALL_CARD_SNAPSHOT,
          i: snapshot({ uiState: 'externalCard', call: one }),
          e: snapshot({ uiState: 'externalCard', call: one, entity: entity(1) }),
          x: snapshot({ uiState: null, closed: true, call: one, entity: entity(1) }),
          f: snapshot({ uiState: null, closed: true, call: one, entity: entity(2) }),
          j: snapshot({ uiState: 'externalCard', call: two, entity: entity(2) }),
        });
      });
    });

    it('emits nothing for an entityChanged equal to the current entity', () => {
      scheduler.run(({ hot, expectObservable }) => {
        const activity = hot('  -e-f-|', {
          e: event('entityChanged', entity(1)),
          f: event('entityChanged', entity(1)),
        });
        expectObservable(activity.pipe(callCardState({ scheduler }))).toBe('se---|', {
          s: INITIAL_CALL_CARD_SNAPSHOT,
          e: snapshot({ entity: entity(1) }),
        });
      });
    });
  });

  describe('closing', () => {
    it.each([
      ['a Close click', event('closeButtonClick')],
      ['an applied CallCardClose', closeCard()],
    ])('closes the card on %s: no UI state, timer hidden and reset', (_name, close) => {
      const card = openCard({ uiState: 'connected', muted: true, timer: running(0) });
      scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const activity = hot('  -x-|', { x: close });
        const subs = '          ^--!';
        expectObservable(activity.pipe(callCardState({ scheduler, initial: card }))).toBe('sx-|', {
          s: card,
          x: { ...card, uiState: null, closed: true, timer: HIDDEN },
        });
        expectSubscriptions(activity.subscriptions).toBe(subs);
      });
    });

    it('ignores commands and clicks while no card exists: before the first, after a close', () => {
      const info = call();
      scheduler.run(({ hot, expectObservable }) => {
        const activity = hot('  -c-m-i-x-C-M-S-|', {
          c: uiState('connected'),
          m: event('muteButtonClick', true),
          i: initialized(info),
          x: closeCard(),
          C: uiState('connected'),
          M: setMute(true),
          S: startTimer(),
        });
        expectObservable(activity.pipe(callCardState({ scheduler }))).toBe('s----i-x-------|', {
          s: INITIAL_CALL_CARD_SNAPSHOT,
          i: snapshot({ uiState: 'externalCard', call: info }),
          x: snapshot({ uiState: null, closed: true, call: info }),
        });
      });
    });
  });

  describe('the timer (docs/host-behaviour.md, section 4, raw state)', () => {
    it('connected starts it at now, and 0 is a valid start time that a resume keeps', () => {
      const card = openCard();
      const connected = { ...card, uiState: 'connected' as const };
      scheduler.run(({ hot, expectObservable }) => {
        const activity = hot('  c     9ms x 9ms a 9ms |', {
          c: uiState('connected'),
          x: stopTimer(),
          a: startTimer(),
        });
        const expected = '      (sc) 6ms x 9ms a 9ms |';
        expectObservable(activity.pipe(callCardState({ scheduler, initial: card }))).toBe(
          expected,
          {
            s: card,
            c: { ...connected, timer: running(0) },
            x: { ...connected, timer: stopped(0, 10) },
            a: { ...connected, timer: running(0) },
          },
        );
      });
    });

    it('re-entering connected while running changes nothing', () => {
      const card = openCard({ uiState: 'connected', timer: running(0) });
      scheduler.run(({ hot, expectObservable }) => {
        const activity = hot('  --c-|', { c: uiState('connected') });
        expectObservable(activity.pipe(callCardState({ scheduler, initial: card }))).toBe('s---|', {
          s: card,
        });
      });
    });

    it('connected with disableAutoStartTimer stops, hides and resets it', () => {
      const card = openCard({ uiState: 'connected', timer: running(0) });
      scheduler.run(({ hot, expectObservable }) => {
        const activity = hot('  --d-c-|', {
          d: uiState('connected', true),
          c: uiState('connected'),
        });
        expectObservable(activity.pipe(callCardState({ scheduler, initial: card }))).toBe(
          's-d-c-|',
          {
            s: card,
            d: { ...card, timer: HIDDEN },
            // Reset: the next start begins at its own now, not at 0.
            c: { ...card, timer: running(4) },
          },
        );
      });
    });

    it.each(['transferring', 'transferFailed', 'transferConnected', 'externalCard'] as const)(
      '%s keeps a running timer counting, and hides and resets one that is not running',
      (state) => {
        const card = openCard({ uiState: 'connected', timer: running(0) });
        scheduler.run(({ hot, expectObservable }) => {
          const activity = hot('  -t-c-x-t-s-|', {
            t: uiState(state),
            c: uiState('connected'),
            x: stopTimer(),
            s: startTimer(),
          });
          expectObservable(activity.pipe(callCardState({ scheduler, initial: card }))).toBe(
            'st-c-x-u-v-|',
            {
              s: card,
              t: { ...card, uiState: state },
              c: card,
              x: { ...card, timer: stopped(0, 5) },
              u: { ...card, uiState: state, timer: HIDDEN },
              v: { ...card, uiState: state, timer: running(9) },
            },
          );
        });
      },
    );

    it.each(TIMER_RESETTING_STATES)('%s stops, hides and resets it', (state) => {
      const card = openCard({ uiState: 'connected', timer: running(0) });
      scheduler.run(({ hot, expectObservable }) => {
        const activity = hot('  --o-|', { o: uiState(state) });
        expectObservable(activity.pipe(callCardState({ scheduler, initial: card }))).toBe('s-o-|', {
          s: card,
          o: { ...card, uiState: state, timer: HIDDEN },
        });
      });
    });

    it('CallCardStartTimer shows and starts it; a second start changes nothing', () => {
      const card = openCard({ uiState: 'incoming' });
      scheduler.run(({ hot, expectObservable }) => {
        const activity = hot('  --a-b-|', { a: startTimer(), b: startTimer() });
        expectObservable(activity.pipe(callCardState({ scheduler, initial: card }))).toBe(
          's-a---|',
          { s: card, a: { ...card, timer: running(2) } },
        );
      });
    });

    it('CallCardStopTimer freezes it visible at the stop; a start resumes from the first start', () => {
      const card = openCard({ uiState: 'connected', timer: running(0) });
      scheduler.run(({ hot, expectObservable }) => {
        const activity = hot('  --x-y-a-c-x-|', {
          x: stopTimer(),
          y: stopTimer(),
          a: startTimer(),
          c: uiState('connected'),
        });
        expectObservable(activity.pipe(callCardState({ scheduler, initial: card }))).toBe(
          's-x---a---z-|',
          {
            s: card,
            x: { ...card, timer: stopped(0, 2) },
            a: { ...card, timer: running(0) },
            z: { ...card, timer: stopped(0, 10) },
          },
        );
      });
    });

    it('CallCardStopTimer on a hidden timer changes nothing', () => {
      const card = openCard({ uiState: 'incoming' });
      scheduler.run(({ hot, expectObservable }) => {
        const activity = hot('  --x-|', { x: stopTimer() });
        expectObservable(activity.pipe(callCardState({ scheduler, initial: card }))).toBe('s---|', {
          s: card,
        });
      });
    });

    it('connected resumes a stopped timer from its first start', () => {
      const card = openCard({ uiState: 'connected', timer: stopped(0, 2) });
      scheduler.run(({ hot, expectObservable }) => {
        const activity = hot('  ---c-|', { c: uiState('connected') });
        expectObservable(activity.pipe(callCardState({ scheduler, initial: card }))).toBe(
          's--c-|',
          { s: card, c: { ...card, timer: running(0) } },
        );
      });
    });

    it('takes times from the scheduler when the activity arrives', () => {
      const card = openCard();
      scheduler.run(({ hot, expectObservable }) => {
        const activity = hot('  1500ms c 999ms x|', { c: uiState('connected'), x: stopTimer() });
        expectObservable(activity.pipe(callCardState({ scheduler, initial: card }))).toBe(
          's 1499ms c 999ms x|',
          {
            s: card,
            c: { ...card, uiState: 'connected', timer: running(1500) },
            x: { ...card, uiState: 'connected', timer: stopped(1500, 2500) },
          },
        );
      });
    });
  });

  describe('snapshots', () => {
    it('are frozen and reuse every unchanged sub-object', () => {
      const source = new Subject<CallCardActivity>();
      const states: CallCardSnapshot[] = [];
      source.pipe(callCardState()).subscribe((s) => states.push(s));
      source.next(event('entityChanged', entity(1)));
      source.next(initialized());
      source.next(event('entityChanged', entity(1)));
      source.next(command({ name: 'CallCardSetCardTitle', params: { title: 'Ann' } }));
      source.next(startTimer());
      source.next(setMute(true));

      expect(states).toHaveLength(6);
      const [, withEntity, card, titled, timed, muted] = states;
      for (const s of states) expect(Object.isFrozen(s) && Object.isFrozen(s.timer)).toBe(true);
      expect(card!.entity).toBe(withEntity!.entity);
      expect(titled!.call).toBe(card!.call);
      expect(titled!.timer).toBe(card!.timer);
      expect(timed!.entity).toBe(titled!.entity);
      expect(muted!.timer).toBe(timed!.timer);
      expect(muted!.call).toBe(timed!.call);
    });

    it('start from INITIAL_CALL_CARD_SNAPSHOT, which uses null, not 0, for unset times', () => {
      expect(INITIAL_CALL_CARD_SNAPSHOT).toEqual({
        uiState: null,
        title: '',
        statusText: '',
        muted: false,
        held: false,
        call: null,
        entity: null,
        closed: false,
        timer: HIDDEN,
      });
      expect(Object.isFrozen(INITIAL_CALL_CARD_SNAPSHOT)).toBe(true);
    });
  });

  describe('sharing and lifecycle', () => {
    it('keeps one state per subscription, so one operator can serve several sources', () => {
      const operator = callCardState();
      const a = new Subject<CallCardActivity>();
      const b = new Subject<CallCardActivity>();
      const lastA: CallCardSnapshot[] = [];
      const lastB: CallCardSnapshot[] = [];
      a.pipe(operator).subscribe((s) => lastA.push(s));
      b.pipe(operator).subscribe((s) => lastB.push(s));
      a.next(initialized());
      a.next(setMute(true));
      expect(lastA.at(-1)?.muted).toBe(true);
      expect(lastB).toEqual([INITIAL_CALL_CARD_SNAPSHOT]);
    });

    it('delivers activity that re-enters during a delivery afterwards, so shared subscribers agree', () => {
      const source = new Subject<CallCardActivity>();
      const state$ = source.pipe(callCardState(), share());
      const first: Array<HostState> = [];
      const second: Array<HostState> = [];
      state$.subscribe((s) => {
        first.push(s.uiState);
        // A subscriber whose command the host acknowledges synchronously.
        if (s.uiState === 'externalCard') source.next(uiState('incoming'));
      });
      state$.subscribe((s) => second.push(s.uiState));
      source.next(initialized());
      // Without the deferral the second subscriber would see 'incoming' before 'externalCard'
      // and end on the stale state.
      expect(first).toEqual([null, 'externalCard', 'incoming']);
      expect(second).toEqual(['externalCard', 'incoming']);
    });

    it('unsubscribes the source when the result is unsubscribed', () => {
      scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const activity = hot('  -i--m--|', { i: initialized(), m: setMute(true) });
        const unsub = '         ^--!';
        expectObservable(activity.pipe(callCardState({ scheduler })), unsub).toBe('si-', {
          s: INITIAL_CALL_CARD_SNAPSHOT,
          i: snapshot({ uiState: 'externalCard', call: call() }),
        });
        expectSubscriptions(activity.subscriptions).toBe(unsub);
      });
    });

    it('passes an error of the source through', () => {
      scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const activity = hot('  -i-#', { i: initialized() }, new Error('host gone'));
        const subs = '          ^--!';
        expectObservable(activity.pipe(callCardState({ scheduler }))).toBe(
          'si-#',
          { s: INITIAL_CALL_CARD_SNAPSHOT, i: snapshot({ uiState: 'externalCard', call: call() }) },
          new Error('host gone'),
        );
        expectSubscriptions(activity.subscriptions).toBe(subs);
      });
    });

    it('does not subscribe the source when the initial snapshot is all that is taken', () => {
      scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const activity = cold<CallCardActivity>('-i|', { i: initialized() });
        expectObservable(activity.pipe(callCardState({ scheduler }), take(1))).toBe('(s|)', {
          s: INITIAL_CALL_CARD_SNAPSHOT,
        });
        expectSubscriptions(activity.subscriptions).toBe([]);
      });
    });
  });

  describe('bad options', () => {
    it('throws CallCardInputError at once for an initial snapshot with an unknown UI state', () => {
      expect(() =>
        callCardState({ initial: { ...INITIAL_CALL_CARD_SNAPSHOT, uiState: 'talking' as never } }),
      ).toThrow(CallCardInputError);
      expect(() =>
        callCardState({ initial: { ...INITIAL_CALL_CARD_SNAPSHOT, uiState: 'talking' as never } }),
      ).toThrow(/callCardState: options.initial was .*"talking".*; expected a CallCardSnapshot/);
    });

    it('throws CallCardInputError at once for a scheduler without now()', () => {
      expect(() => callCardState({ scheduler: {} as never })).toThrow(
        /callCardState: options.scheduler was \{\}; expected an rxjs SchedulerLike/,
      );
    });
  });
});

type HostState = CallCardSnapshot['uiState'];
