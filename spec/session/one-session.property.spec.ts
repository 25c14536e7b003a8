import fc from 'fast-check';
import { Subject } from 'rxjs';
import type { VirtualTimeScheduler } from 'rxjs';
import {
  UI_STATES,
  callCardState,
  closeCard,
  connectCallCard,
  deferPlacement,
  setCardTitle,
  setMute,
  setStatusText,
  setUiState,
} from 'b24-call-card-rx';
import type {
  CallCard,
  CallCardCommand,
  CallCardSnapshot,
  HostUiState,
  PlacementPort,
} from 'b24-call-card-rx';
import { callInfo, collectUnhandledErrors, virtualClock } from '../support/fixtures';

// One placement, one session, as a property: a host that answers inside `placement.call` and
// raises card events there (before it takes the command), reached by one direct facade and two
// facades on deferred wrappers that arrive at random moments.
//
// After every step:
// 1. every host event is bound once, and the host never has two commands to answer at once;
// 2. no title or status text reaches the host once the card it was queued for ended;
// 3. every started facade shows the same state, equal to its `activity$` through
//    `callCardState`, and what it shows of the open card is what the host holds (an
//    independent model: the host takes each command on the card it shows when it takes it).

type Event = 'ring' | 'close' | 'mute' | 'unmute';
type Via = 'direct' | 'early' | 'late';

type Step =
  | { readonly kind: 'event'; readonly event: Event; readonly inCall: boolean }
  | {
      readonly kind: 'command';
      readonly command: 'title' | 'status' | 'mute' | 'state' | 'close';
      readonly on: boolean;
      readonly state: HostUiState;
      readonly via: Via;
      readonly send: boolean;
    }
  | { readonly kind: 'answers'; readonly later: boolean }
  | { readonly kind: 'arrive'; readonly which: 'early' | 'late' }
  | { readonly kind: 'wait'; readonly ms: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('event' as const),
      event: fc.constantFrom<Event>('ring', 'ring', 'close', 'mute', 'unmute'),
      inCall: fc.boolean(),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('command' as const),
      command: fc.constantFrom(
        'title' as const,
        'status' as const,
        'mute' as const,
        'state' as const,
        'close' as const,
      ),
      on: fc.boolean(),
      state: fc.constantFrom<HostUiState>('connected', 'incoming', 'transferring', 'redial'),
      via: fc.constantFrom<Via>('direct', 'early', 'late'),
      send: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.boolean().map((later) => ({ kind: 'answers', later }) as Step) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('early' as const, 'late' as const)
      .map((which) => ({ kind: 'arrive', which }) as Step),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(0, 50, 150).map((ms) => ({ kind: 'wait', ms }) as Step),
  },
);

interface HostCard {
  number: number;
  open: boolean;
  uiState: HostUiState | null;
  title: string;
  statusText: string;
  muted: boolean;
}

/** A synchronous host: it raises `pendingInCall` inside the next call, then takes the command. */
function reentrantHost(scheduler: VirtualTimeScheduler) {
  const handlers = new Map<string, Array<(raw: unknown) => void>>();
  const card: HostCard = {
    number: 0,
    open: false,
    uiState: null,
    title: '',
    statusText: '',
    muted: false,
  };
  const pendingInCall: Event[] = [];
  const violations: string[] = [];
  /** Who each unique text was queued for (the card, in the library's view when it was queued). */
  const ownerOf = new Map<string, number>();
  let answerLater = false;
  let unanswered = 0;

  const deliver = (name: string, raw: unknown): void => {
    for (const handler of handlers.get(`BackgroundCallCard::${name}`) ?? []) handler(raw);
  };
  const raise = (event: Event): void => {
    switch (event) {
      case 'ring':
        card.number += 1;
        Object.assign(card, {
          open: true,
          uiState: 'externalCard',
          title: '',
          statusText: '',
          muted: false,
        });
        return deliver('initialized', callInfo({ CALL_ID: `call-${card.number}` }));
      case 'close':
        // The host shows a Close button in these states only; a click is all the same to it.
        if (card.open) Object.assign(card, { open: false, uiState: null });
        return deliver('closeButtonClick', '');
      case 'mute':
      case 'unmute':
        if (card.open) card.muted = event === 'mute';
        return deliver('muteButtonClick', event === 'mute');
    }
  };
  /** What taking `command` does to the card: applied when the host answers (for the model). */
  const apply = (command: string, params: Readonly<Record<string, unknown>>): void => {
    switch (command) {
      case 'CallCardSetCardTitle':
        card.title = params['title'] as string;
        break;
      case 'CallCardSetStatusText':
        card.statusText = params['statusText'] as string;
        break;
      case 'CallCardSetMute':
        card.muted = params['muted'] as boolean;
        break;
      case 'CallCardSetUiState':
        card.uiState = params['uiState'] as HostUiState;
        break;
      case 'CallCardClose':
        Object.assign(card, { open: false, uiState: null });
        break;
    }
  };

  const port: PlacementPort = {
    bindEvent(name, handler) {
      handlers.set(name, [...(handlers.get(name) ?? []), handler]);
      if ((handlers.get(name) ?? []).length > 1) violations.push(`${name} bound twice`);
    },
    call(command, params, onReply) {
      if (unanswered > 0) violations.push(`${command} sent while another awaits its answer`);
      const text = (params['title'] ?? params['statusText']) as string | undefined;
      const owner = text === undefined ? undefined : ownerOf.get(text);
      if (owner !== undefined && !(owner === card.number && card.open))
        violations.push(
          `"${text}" of card ${owner} sent while card ${card.number} is ${card.open ? 'open' : 'closed'}`,
        );
      for (const event of pendingInCall.splice(0)) raise(event);
      // Taken now, on the card shown now; what it changes shows when the host answers, if that
      // card is still the one shown then (a later answer of an ended card changes nothing).
      const takenOn = card.open ? card.number : undefined;
      const reply =
        command === 'CallCardGetListUiStates'
          ? [...UI_STATES]
          : takenOn === undefined
            ? [{ result: 'error', errorCode: 'Call card is undefined' }]
            : [];
      const answer = (): void => {
        if (takenOn !== undefined && takenOn === card.number && card.open) apply(command, params);
        onReply(reply);
      };
      if (!answerLater) return answer();
      unanswered += 1;
      scheduler.schedule(() => {
        unanswered -= 1;
        answer();
      }, 100);
    },
  };
  return {
    port,
    card,
    violations,
    ownerOf,
    handlers,
    raise,
    pendingInCall,
    setAnswerLater: (later: boolean) => (answerLater = later),
  };
}

/** A promise-like of `port` that arrives when `arrive()` is called. */
function manualArrival(port: PlacementPort) {
  const waiting: Array<(port: PlacementPort) => unknown> = [];
  return {
    promise: {
      then(onFulfilled?: ((port: PlacementPort) => unknown) | null) {
        if (onFulfilled) waiting.push(onFulfilled);
        return this as never;
      },
    } as PromiseLike<PlacementPort>,
    arrive: () => {
      for (const fulfil of waiting.splice(0)) fulfil(port);
    },
  };
}

function commandOf(step: Extract<Step, { kind: 'command' }>, text: string): CallCardCommand {
  switch (step.command) {
    case 'title':
      return setCardTitle(text);
    case 'status':
      return setStatusText(text);
    case 'mute':
      return setMute(step.on);
    case 'state':
      return setUiState(step.state);
    case 'close':
      return closeCard();
  }
}

function run(steps: readonly Step[]): void {
  const clock = virtualClock();
  const scheduler = clock.scheduler;
  const host = reentrantHost(scheduler);
  const arrivals = { early: manualArrival(host.port), late: manualArrival(host.port) };
  const options = { scheduler, timeoutMs: 1000 };
  const cards: Record<Via, CallCard> = {
    early: connectCallCard(deferPlacement(arrivals.early.promise), options),
    direct: connectCallCard(host.port, options),
    late: connectCallCard(deferPlacement(arrivals.late.promise), options),
  };
  const started: Record<Via, boolean> = { early: false, direct: true, late: false };
  /** Texts queued through a facade still starting: their card is known when it arrives. */
  const unowned: Record<Via, string[]> = { early: [], direct: [], late: [] };
  const sinks = {} as Record<Via, Subject<CallCardCommand>>;
  const reduced = {} as Record<Via, CallCardSnapshot[]>;
  for (const via of ['early', 'direct', 'late'] as const) {
    sinks[via] = new Subject<CallCardCommand>();
    cards[via].apply(sinks[via]);
    cards[via].errors$.subscribe(); // failures are expected; they must not be unhandled
    const seen: CallCardSnapshot[] = [];
    reduced[via] = seen;
    cards[via].activity$.pipe(callCardState({ scheduler })).subscribe((s) => seen.push(s));
  }
  let unique = 0;
  const nextOwner = (): number => (host.card.open ? host.card.number : host.card.number + 1);

  const check = (where: string): void => {
    expect({ where, violations: host.violations }).toEqual({ where, violations: [] });
    const shown = cards.direct.snapshot();
    for (const via of ['early', 'direct', 'late'] as const) {
      const snapshot = cards[via].snapshot();
      expect({ where, via, reduced: reduced[via].at(-1) }).toEqual({
        where,
        via,
        reduced: snapshot,
      });
      if (started[via])
        expect({ where, via, same: snapshot === shown }).toEqual({ where, via, same: true });
    }
    if (host.card.number > 0) {
      expect({ where, closed: shown.closed }).toEqual({ where, closed: !host.card.open });
      if (host.card.open)
        expect({
          where,
          uiState: shown.uiState,
          title: shown.title,
          statusText: shown.statusText,
          muted: shown.muted,
        }).toEqual({
          where,
          uiState: host.card.uiState,
          title: host.card.title,
          statusText: host.card.statusText,
          muted: host.card.muted,
        });
    }
  };

  steps.forEach((step, index) => {
    const where = `step ${index} ${JSON.stringify(step)}`;
    switch (step.kind) {
      case 'event':
        if (step.inCall) host.pendingInCall.push(step.event);
        else host.raise(step.event);
        break;
      case 'command': {
        unique += 1;
        const text = `text-${unique}`;
        if (started[step.via]) host.ownerOf.set(text, nextOwner());
        else unowned[step.via].push(text);
        const command = commandOf(step, text);
        if (step.send) cards[step.via].send(command).subscribe({ error: () => undefined });
        else sinks[step.via].next(command);
        break;
      }
      case 'answers':
        host.setAnswerLater(step.later);
        break;
      case 'arrive':
        if (!started[step.which]) {
          // The waiting commands join the session's queue now: their card is decided now.
          for (const text of unowned[step.which].splice(0)) host.ownerOf.set(text, nextOwner());
          started[step.which] = true;
          arrivals[step.which].arrive();
        }
        break;
      case 'wait':
        clock.advanceTo(scheduler.frame + step.ms);
        break;
    }
    check(where);
  });
  scheduler.maxFrames = Infinity;
  scheduler.flush();
  check('end');
  for (const card of Object.values(cards)) card.dispose();
}

describe('one placement, one session (property)', () => {
  const unhandled = collectUnhandledErrors();
  afterEach(() => expect(unhandled).toEqual([]));

  it('keeps one binding, one command at a time and one state across direct and deferred facades, with a host that raises events inside call', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 40 }), (steps) => run(steps)),
      { numRuns: 300 },
    );
  });
});
