import fc from 'fast-check';
import { Subject, VirtualAction, VirtualTimeScheduler } from 'rxjs';
import {
  callCardState,
  closeCard,
  connectCallCard,
  hostEventName,
  sendCommand,
  setCardTitle,
  setHold,
  setMute,
  setStatusText,
  setUiState,
  startTimer,
  stopTimer,
} from 'b24-call-card-rx';
import type {
  CallCard,
  CallCardCommand,
  CallCardSnapshot,
  HostUiState,
  PlacementPort,
} from 'b24-call-card-rx';
import { createTestPlacement } from 'b24-call-card-rx/testing';
import type { ReplyPolicy } from 'b24-call-card-rx/testing';
import { callInfo, collectUnhandledErrors } from '../support/fixtures';

// Two properties over random calls: cards raised and closed (by click and by closeCard()), late
// and lost replies, host errors, unreadable payloads, commands through the sink, through send()
// and around it (sendCommand).
//
// 1. One state path: `card.activity$.pipe(callCardState())` equals `card.snapshot()` after every
//    step, for a subscriber from the start and for one that joins late.
// 2. One card, one truth: no command of card N reaches the host once card N ended, and no reply
//    of card N changes card N+1 (an independent model of the host says what each card holds).

type Step =
  | { readonly kind: 'ring'; readonly readable: boolean }
  | { readonly kind: 'entity'; readonly readable: boolean }
  | {
      readonly kind: 'click';
      readonly button: 'mute' | 'hold' | 'close' | 'answer';
      readonly on: boolean;
    }
  | {
      readonly kind: 'command';
      readonly command: 'title' | 'status' | 'mute' | 'hold' | 'state' | 'close' | 'start' | 'stop';
      readonly on: boolean;
      readonly state: HostUiState;
      readonly via: 'apply' | 'send' | 'sendCommand';
    }
  | { readonly kind: 'policy'; readonly policy: ReplyPolicy }
  | { readonly kind: 'wait'; readonly ms: number }
  | { readonly kind: 'join' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    // Mostly readable; one in five cannot be read (the card exists all the same).
    arbitrary: fc
      .integer({ min: 0, max: 4 })
      .map((n) => ({ kind: 'ring', readable: n > 0 }) as Step),
  },
  { weight: 1, arbitrary: fc.boolean().map((readable) => ({ kind: 'entity', readable }) as Step) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('click' as const),
      button: fc.constantFrom(
        'mute' as const,
        'hold' as const,
        'close' as const,
        'answer' as const,
      ),
      on: fc.boolean(),
    }),
  },
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('command' as const),
      command: fc.constantFrom(
        'title' as const,
        'status' as const,
        'mute' as const,
        'hold' as const,
        'state' as const,
        'close' as const,
        'start' as const,
        'stop' as const,
      ),
      on: fc.boolean(),
      state: fc.constantFrom<HostUiState>('connected', 'incoming', 'transferring', 'error'),
      via: fc.constantFrom('apply' as const, 'send' as const, 'sendCommand' as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom<ReplyPolicy>(
        'ack',
        { delayMs: 100 },
        { delayMs: 300 },
        'silent',
        { error: 'busy' },
        'twice',
      )
      .map((policy) => ({ kind: 'policy', policy }) as Step),
  },
  {
    weight: 4,
    arbitrary: fc
      .constantFrom(0, 50, 100, 250, 400, 1500)
      .map((ms) => ({ kind: 'wait', ms }) as Step),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'join' } as Step) },
);

/** What the host holds, per an independent model driven by the same calls and replies. */
interface HostModel {
  card: number;
  open: boolean;
  uiState: HostUiState | null;
  title: string;
  statusText: string;
  muted: boolean;
  held: boolean;
}

/** Who each unique text was queued for, and which card each host call went to. */
interface Ledger {
  /** The card a text's command belonged to when it was queued (sink only). */
  readonly ownerOf: Map<string, number>;
  readonly violations: string[];
}

const isAck = (reply: unknown): boolean => Array.isArray(reply) && reply.length === 0;

function world(scheduler: VirtualTimeScheduler) {
  const host = createTestPlacement({ scheduler });
  const model: HostModel = {
    card: 0,
    open: false,
    uiState: null,
    title: '',
    statusText: '',
    muted: false,
    held: false,
  };
  const ledger: Ledger = { ownerOf: new Map(), violations: [] };

  // The port the library sees: the test placement, watched. Each call is checked against the
  // card it belongs to, and each reply updates the model of the card it was sent to.
  const port: PlacementPort = {
    bindEvent: (name, handler) => host.bindEvent(name, handler),
    call(command, params, onReply, onError) {
      const sentTo = model.card;
      const openAtSend = model.open;
      const text = (params['title'] ?? params['statusText']) as string | undefined;
      if (text !== undefined && ledger.ownerOf.has(text)) {
        const owner = ledger.ownerOf.get(text)!;
        if (!(owner === sentTo && openAtSend))
          ledger.violations.push(
            `${command} "${text}" of card ${owner} sent while card ${sentTo} is ${openAtSend ? 'open' : 'closed'}`,
          );
      }
      host.call(
        command,
        params,
        (reply) => {
          // The host applied it to the card it was sent to, if that card was open then.
          if (isAck(reply) && openAtSend && sentTo === model.card && model.open)
            apply(command, params);
          onReply(reply);
        },
        onError,
      );
    },
  };

  function apply(command: string, params: Readonly<Record<string, unknown>>): void {
    switch (command) {
      case 'CallCardSetCardTitle':
        model.title = params['title'] as string;
        return;
      case 'CallCardSetStatusText':
        model.statusText = params['statusText'] as string;
        return;
      case 'CallCardSetMute':
        model.muted = params['muted'] as boolean;
        return;
      case 'CallCardSetHold':
        model.held = params['held'] as boolean;
        return;
      case 'CallCardSetUiState':
        model.uiState = params['uiState'] as HostUiState;
        return;
      case 'CallCardClose':
        model.open = false;
        model.uiState = null;
        return;
    }
  }

  return { host, port, model, ledger };
}

function commandOf(step: Extract<Step, { kind: 'command' }>, text: string): CallCardCommand {
  switch (step.command) {
    case 'title':
      return setCardTitle(text);
    case 'status':
      return setStatusText(text);
    case 'mute':
      return setMute(step.on);
    case 'hold':
      return setHold(step.on);
    case 'state':
      return setUiState(step.state);
    case 'close':
      return closeCard();
    case 'start':
      return startTimer();
    case 'stop':
      return stopTimer();
  }
}

function run(steps: readonly Step[]): void {
  const scheduler = new VirtualTimeScheduler(VirtualAction, Infinity);
  const { host, port, model, ledger } = world(scheduler);
  const card: CallCard = connectCallCard(port, { scheduler, timeoutMs: 1000 });
  const fromStart: CallCardSnapshot[] = [];
  card.activity$.pipe(callCardState({ scheduler })).subscribe((s) => fromStart.push(s));
  let joined: CallCardSnapshot[] | undefined;
  card.errors$.subscribe(); // failures are expected; they must not be unhandled
  const commands = new Subject<CallCardCommand>();
  card.apply(commands);
  let unique = 0;

  const advance = (ms: number): void => {
    const until = scheduler.frame + ms;
    scheduler.maxFrames = until;
    scheduler.flush();
    scheduler.frame = until;
  };
  const check = (where: string): void => {
    const snapshot = card.snapshot();
    expect({ where, state: fromStart[fromStart.length - 1] }).toEqual({ where, state: snapshot });
    if (joined)
      expect({ where, joined: joined[joined.length - 1] }).toEqual({ where, joined: snapshot });
    expect(ledger.violations).toEqual([]);
    // What the state shows of the current card is what the host holds for that very card.
    if (model.card > 0) {
      expect({ where, closed: snapshot.closed }).toEqual({ where, closed: !model.open });
      if (model.open)
        expect({
          where,
          uiState: snapshot.uiState,
          title: snapshot.title,
          statusText: snapshot.statusText,
          muted: snapshot.muted,
          held: snapshot.held,
        }).toEqual({
          where,
          uiState: model.uiState,
          title: model.title,
          statusText: model.statusText,
          muted: model.muted,
          held: model.held,
        });
    }
  };

  steps.forEach((step, index) => {
    const where = `step ${index} ${JSON.stringify(step)}`;
    switch (step.kind) {
      case 'ring':
        model.card += 1;
        Object.assign(model, {
          open: true,
          uiState: 'externalCard',
          title: '',
          statusText: '',
          muted: false,
          held: false,
        });
        host.emitRaw(
          hostEventName('initialized'),
          step.readable ? callInfo({ CALL_ID: `call-${model.card}` }) : { CALL_ID: 7 },
        );
        break;
      case 'entity':
        host.emitRaw(
          hostEventName('entityChanged'),
          step.readable ? { PHONE_NUMBER: '+1', CRM_ENTITY_TYPE: 'LEAD', CRM_ENTITY_ID: 3 } : {},
        );
        break;
      case 'click':
        if (step.button === 'close') {
          if (model.open) Object.assign(model, { open: false, uiState: null });
          host.emit('closeButtonClick');
        } else if (step.button === 'mute') {
          if (model.open) model.muted = step.on;
          host.emit('muteButtonClick', step.on);
        } else if (step.button === 'hold') {
          if (model.open) model.held = step.on;
          host.emit('holdButtonClick', step.on);
        } else host.emit('answerButtonClick');
        break;
      case 'command': {
        unique += 1;
        const text = `text-${unique}`;
        const command = commandOf(step, text);
        if (step.via === 'sendCommand') {
          sendCommand(port, command, { scheduler, timeoutMs: 1000 }).subscribe({
            error: () => undefined,
          });
          break;
        }
        // Queued now: it belongs to the open card, or to the next one.
        ledger.ownerOf.set(text, model.open ? model.card : model.card + 1);
        if (step.via === 'apply') commands.next(command);
        else card.send(command).subscribe({ error: () => undefined });
        break;
      }
      case 'policy':
        host.setDefaultPolicy(step.policy);
        break;
      case 'wait':
        advance(step.ms);
        break;
      case 'join':
        if (!joined) {
          const late: CallCardSnapshot[] = [];
          joined = late;
          card.activity$.pipe(callCardState({ scheduler })).subscribe((s) => late.push(s));
        }
        break;
    }
    check(where);
  });
  advance(20_000);
  check('end');
  card.dispose();
}

describe('one card, one truth (property)', () => {
  const unhandled = collectUnhandledErrors();
  afterEach(() => expect(unhandled).toEqual([]));

  it('keeps activity$ through callCardState equal to snapshot(), and every command and reply on its own card', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 40 }), (steps) => run(steps)),
      { numRuns: 300 },
    );
  });
});
