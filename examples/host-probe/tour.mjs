// The host probe's scripted tour of a call card: numbered, named steps that send every command,
// walk the card through every UI state, try what the host should refuse, and ask the operator to
// click (or to answer a question about the timer with a click) where only a person can. Each step
// names the open questions of docs/host-behaviour.md it answers.
//
// It is RxJS on an injected scheduler and touches nothing but the placement and the card, so the
// same module runs in the portal (probe.mjs, real time) and in Node, where a spec replays a probe
// log against it in virtual time (spec/examples/host-probe.spec.ts).
import {
  EMPTY,
  Observable,
  catchError,
  concat,
  defer,
  filter,
  ignoreElements,
  map,
  merge,
  of,
  Subject,
  take,
  takeUntil,
  tap,
  timeout,
  timer,
} from 'rxjs';
import {
  UI_STATES,
  closeCard,
  getListUiStates,
  sendCommand,
  setCardTitle,
  setHold,
  setMute,
  setStatusText,
  setUiState,
  startTimer,
  stopTimer,
} from 'b24-call-card-rx';

/** The tour's timings, in ms; a probe log carries the ones it ran with. */
export const DEFAULT_PROBE_OPTIONS = Object.freeze({
  /** How long the probe waits for the operator to raise a card. */
  cardTimeoutMs: 600_000,
  /** How long it waits for one click (or answer) before it moves on without it. */
  clickTimeoutMs: 120_000,
  /** How long each state of the UI-state walk stays on the card. */
  dwellMs: 1500,
  /** How long a command has to answer before the probe counts it as unanswered. */
  silenceMs: 2000,
});

/** Most questions are answered on the dialpad: 1 for yes, 2 for no. */
const DIALPAD_YES = { type: 'dialpadButtonClick', payload: '1', label: 'dialpad 1' };
const DIALPAD_NO = { type: 'dialpadButtonClick', payload: '2', label: 'dialpad 2' };

/**
 * The questions the probe asks about what the card shows, and the click that answers yes or no.
 * `expected(card, sinceTimerCommandMs)` says what the answer must be for a host that follows
 * docs/host-behaviour.md (section 4), given the card as the simulator shows it (`SimulatorCard`)
 * and the ms since the last command that touched the timer; `probe:compare` checks it.
 */
export const QUESTIONS = Object.freeze({
  timerCounting: {
    text: 'Is the conversation timer shown and counting?',
    yes: DIALPAD_YES,
    no: DIALPAD_NO,
    expected: (card) => card.timer.status === 'running',
  },
  timerFrozen: {
    text: 'Is the timer stopped, still shown, with its value frozen?',
    yes: DIALPAD_YES,
    no: DIALPAD_NO,
    expected: (card) => card.timer.status === 'stopped',
  },
  timerResumed: {
    text: 'Does the timer count on from its frozen value (not from 00:00)?',
    yes: DIALPAD_YES,
    no: DIALPAD_NO,
    expected: (card, since) => card.timer.status === 'running' && card.timer.elapsedMs > since,
  },
  timerCountingInTransfer: {
    text: 'Is the timer still shown and counting?',
    yes: { type: 'completeTransferButtonClick', label: 'Complete transfer' },
    no: { type: 'cancelTransferButtonClick', label: 'Cancel transfer' },
    expected: (card) => card.timer.status === 'running',
  },
  timerHidden: {
    text: 'Is the timer hidden?',
    yes: DIALPAD_YES,
    no: DIALPAD_NO,
    expected: (card) => card.timer.status === 'hidden',
  },
  timerFromZero: {
    text: 'Is the timer shown and counting again from 00:00?',
    yes: DIALPAD_YES,
    no: DIALPAD_NO,
    expected: (card, since) => card.timer.status === 'running' && card.timer.elapsedMs <= since,
  },
});

/** The commands the host never answers in a browser (docs/host-behaviour.md, section 3). */
const SILENT_COMMANDS = ['CallCardStartTimer', 'CallCardStopTimer'];

/** Every command with harmless params, as steps 1 and 24 send them with no card open. */
const EVERY_COMMAND = () => [
  getListUiStates(),
  setCardTitle('Host probe'),
  setStatusText('Host probe'),
  setUiState('incoming'),
  setMute(false),
  setHold(false),
  startTimer(),
  stopTimer(),
  closeCard(),
];

/** What a no-data click, or any payload, looks like in a note: its JSON type, never its value. */
function shape(payload) {
  if (payload === undefined) return 'nothing';
  if (payload === null) return 'null';
  if (Array.isArray(payload)) return `array(${payload.length})`;
  if (typeof payload === 'object')
    return `{${Object.entries(payload)
      .map(([k, v]) => `${k}: ${typeof v === 'object' ? shape(v) : typeof v}`)
      .join(', ')}}`;
  return typeof payload;
}

/**
 * How a failed command reads in a note. The official SDK gives up on a command after 900 ms and
 * the library reports a timeout; a replay of the log reports the same failure as a transport
 * error: both read "no reply or transport error", so a replay notes what the portal run noted.
 */
function failure(error) {
  if (error?.name === 'CallCardTimeoutError' || error?.errorCode === 'Transport error')
    return 'no reply or transport error';
  return error?.errorCode ?? error?.name ?? String(error);
}

/** A click step: put the card in `state` (when given), ask for the click, wait for its event. */
const click = (state, instruction, type) => (t) =>
  concat(state ? t.send(setUiState(state)) : EMPTY, t.click(instruction, type));

/**
 * The tour, in order. `answers` names the open questions of docs/host-behaviour.md ("Open on a
 * live portal") a step answers.
 */
export const PROBE_STEPS = Object.freeze([
  {
    id: 'before-card',
    title: 'Every command before any card',
    answers: ['§1 commands before initialized', '§3 the state list without a card'],
    run: (t) => concat(...EVERY_COMMAND().map((command) => t.send(command))),
  },
  {
    id: 'wait-for-card',
    title: 'Raise a card (telephony.externalCall.register with SHOW)',
    answers: [
      '§2 entityChanged before initialized',
      '§2 the types of CRM_ENTITY_ID',
      '§1 a new card is idle',
    ],
    run: (t) =>
      t.during(
        t.waitFor(
          'Raise a test card: telephony.externalCall.register with SHOW',
          ['initialized'],
          t.options.cardTimeoutMs,
        ),
        t.watch('entityChanged'),
      ),
  },
  {
    id: 'state-list',
    title: 'The state list with a card',
    answers: ['§3 the 12 states in the documented order'],
    run: (t) => t.send(getListUiStates()),
  },
  {
    id: 'title-and-status',
    title: 'Title and status text',
    answers: ['§3 the setters answer []'],
    run: (t) => concat(t.send(setCardTitle('Host probe')), t.send(setStatusText('Host probe'))),
  },
  {
    id: 'internal-states',
    title: 'The internal states idle, sipPhoneError, externalCard',
    answers: ['§3 whether the internal states are accepted'],
    run: (t) =>
      concat(
        ...['idle', 'sipPhoneError', 'externalCard'].map((state) =>
          concat(t.send(setUiState(state)), t.pause(t.options.dwellMs)),
        ),
      ),
  },
  {
    id: 'invalid-commands',
    title: 'An invalid state, an unknown command, missing params',
    answers: [
      '§3 the reply to an invalid state',
      '§3 an unknown command gets no reply',
      "§3 which of the desktop client's answers reach a browser app",
    ],
    // Sent past the library, which refuses them: the host's own answer is the point. One at a
    // time, so the answers (and the notes) come in the same order on every run.
    run: (t) =>
      concat(
        t.raw('CallCardSetUiState', { uiState: 'probeUnknownState' }),
        t.raw('CallCardProbeUnknownCommand', {}),
        t.raw('CallCardSetMute', {}),
        t.raw('CallCardSetHold', {}),
      ),
  },
  {
    id: 'every-state',
    title: 'The 12 documented states, in order',
    answers: ['§3 every documented state is accepted'],
    run: (t) =>
      concat(
        t.say('Watch the card: it goes through the 12 states'),
        ...UI_STATES.map((state) => concat(t.send(setUiState(state)), t.pause(t.options.dwellMs))),
      ),
  },
  {
    id: 'answer',
    title: 'Answer (incoming)',
    answers: ['§2 answerButtonClick in incoming'],
    run: click('incoming', 'Click Answer', 'answerButtonClick'),
  },
  {
    id: 'make-call',
    title: 'Call (outgoing)',
    answers: ['§2 makeCallButtonClick in outgoing'],
    run: click('outgoing', 'Click Call', 'makeCallButtonClick'),
  },
  {
    id: 'next',
    title: 'Next (outgoing, call-list mode only)',
    answers: ['§2 nextButtonClick in call-list mode'],
    run: (t) =>
      t.card.snapshot().call?.CALL_LIST_MODE === true
        ? click('outgoing', 'Click Next', 'nextButtonClick')(t)
        : t.skip('the card is not in call-list mode'),
  },
  {
    id: 'timer-auto-start',
    title: 'connected starts the timer',
    answers: ['§4 connected starts the timer'],
    run: (t) => concat(t.send(setUiState('connected')), t.ask('timerCounting')),
  },
  {
    id: 'slider-frame',
    title: 'Another frame of the app while the card is open',
    answers: [
      '§1 how many worker frames a page has',
      '§1 whether a frame loaded after the card gets initialized',
    ],
    // What the other frames saw, the page keeps (the probe file's `frames`): a probe in each.
    run: (t) =>
      t.click(
        'Open a page in a slider (a contact, a deal), close it, then press 1 on the dialpad (0 if you cannot)',
        'dialpadButtonClick',
      ),
  },
  {
    id: 'mute-and-hold',
    title: 'Mute and hold: the clicks, and the silent setters',
    answers: ['§2 the setters change the card silently', '§2 the clicks report the NEW flag'],
    run: (t) =>
      concat(
        t.click('Click Mute', 'muteButtonClick'),
        t.click('Click Hold', 'holdButtonClick'),
        t.send(setMute(false)),
        t.send(setHold(false)),
        t.click('Click Mute again', 'muteButtonClick'),
        t.click('Click Resume (hold) again', 'holdButtonClick'),
      ),
  },
  {
    id: 'dialpad',
    title: 'Dialpad',
    answers: ['§2 the type of a dialpad key'],
    run: (t) => t.click('Press 5 on the dialpad', 'dialpadButtonClick'),
  },
  {
    id: 'quality',
    title: 'Quality rating',
    answers: ['§2 whether the card still offers the quality rating'],
    run: (t) =>
      t.click(
        'Rate the call quality (or press 0 on the dialpad if the card offers no rating)',
        'qualityMeterClick',
        'dialpadButtonClick',
      ),
  },
  {
    id: 'transfer',
    title: 'Transfer',
    answers: ['§2 the types of a transfer target'],
    run: (t) => t.click('Click Transfer and pick a colleague', 'transferButtonClick'),
  },
  {
    id: 'timer-stop-start',
    title: 'Stop, then start the timer',
    answers: ['§4 a stop freezes the timer', '§4 a start resumes from the first start'],
    run: (t) =>
      concat(
        t.send(stopTimer()),
        t.ask('timerFrozen'),
        t.send(startTimer()),
        t.pause(t.options.dwellMs),
        t.ask('timerResumed'),
      ),
  },
  {
    id: 'timer-in-transfer',
    title: 'A running timer in transferring',
    answers: ['§4 the transfer-state row'],
    run: (t) => concat(t.send(setUiState('transferring')), t.ask('timerCountingInTransfer')),
  },
  {
    id: 'timer-reset',
    title: 'connected with disableAutoStartTimer, then connected',
    answers: ['§4 disableAutoStartTimer hides and resets', '§4 connected starts from 00:00 then'],
    run: (t) =>
      concat(
        t.send(setUiState('connected', { disableAutoStartTimer: true })),
        t.ask('timerHidden'),
        t.send(setUiState('connected')),
        t.ask('timerFromZero'),
      ),
  },
  {
    id: 'hangup',
    title: 'Hang up (connected)',
    answers: ['§2 hangupButtonClick in connected'],
    run: click('connected', 'Click Hang up', 'hangupButtonClick'),
  },
  {
    id: 'notify-admin',
    title: 'Notify admin (moneyError)',
    answers: ['§2 notifyAdminButtonClick in moneyError'],
    run: click('moneyError', 'Click Notify admin', 'notifyAdminButtonClick'),
  },
  {
    id: 'comment',
    title: 'A comment from the CRM form (optional)',
    answers: ['§2 addCommentButtonClick'],
    run: (t) =>
      t.click(
        "Add a comment in the card's CRM form (or wait: the step times out)",
        'addCommentButtonClick',
      ),
  },
  {
    id: 'skip',
    title: 'Skip (incoming), and the card afterwards',
    answers: ['§2 skipButtonClick in incoming', 'whether Skip closes the card'],
    run: (t) =>
      concat(
        click('incoming', 'Click Skip', 'skipButtonClick')(t),
        t.send(setStatusText('After Skip')),
      ),
  },
  {
    id: 'close-click',
    title: 'Close (error): the host closes the card',
    answers: ['§2 closeButtonClick in error'],
    run: click('error', 'Click Close', 'closeButtonClick'),
  },
  {
    id: 'after-close',
    title: 'Every command after the Close click',
    answers: ['§1 commands after a close'],
    run: (t) => concat(...EVERY_COMMAND().map((command) => t.send(command))),
  },
  {
    id: 'close-command',
    title: 'A second card, closed by the app',
    answers: ['§3 CallCardClose answers [] and ends the card'],
    run: (t) =>
      concat(
        t.waitFor(
          'Raise a second test card (telephony.externalCall.register with SHOW)',
          ['initialized'],
          t.options.cardTimeoutMs,
        ),
        t.send(closeCard()),
        t.send(setStatusText('After closeCard')),
      ),
  },
]);

/**
 * Runs the tour on `placement` (the app's placement) with `card` (`connectCallCard` of it), on
 * `scheduler`. Emits each step's result when the step ends, then completes. Commands go through
 * `sendCommand` (so they go out also before `initialized` and after a close, and the recorder
 * sees them); the few the library refuses to send go to `placement.call` directly, and each is
 * pushed to `rawCalls` with its answers, to be merged into the session log (probe-file.mjs).
 *
 * @param {import('./tour.d.mts').TourContext} context
 * @returns {Observable<import('./tour.d.mts').ProbeStepResult>}
 */
export function runTour({ placement, card, scheduler, options, rawCalls, onInstruction }) {
  const total = PROBE_STEPS.length;
  return concat(
    ...PROBE_STEPS.map((step, index) =>
      defer(() => {
        const result = {
          n: index + 1,
          id: step.id,
          outcome: 'done',
          notes: [],
          answers: {},
          startedAt: scheduler.now(),
          endedAt: 0,
        };
        const t = toolkit(result);
        const label = `${result.n}/${total} ${step.title}`;
        return concat(
          concat(
            t.hasCard() ? t.sendQuiet(setCardTitle(`Host probe ${label}`)) : EMPTY,
            step.run(t),
          ).pipe(ignoreElements()),
          defer(() => {
            result.endedAt = scheduler.now();
            return of(result);
          }),
        );
      }),
    ),
  );

  function toolkit(result) {
    const note = (text) => result.notes.push(text);
    const describe = (command) => `${command.name} ${JSON.stringify(command.params)}`;
    const hasCard = () => {
      const s = card.snapshot();
      return s.uiState !== null && !s.closed;
    };
    const sendQuiet = (command) =>
      sendCommand(placement, command, { scheduler, timeoutMs: options.silenceMs }).pipe(
        ignoreElements(),
        catchError(() => EMPTY),
      );
    const say = (text) =>
      defer(() => {
        onInstruction?.(text);
        return hasCard() ? sendQuiet(setStatusText(`${result.n}. ${text}`)) : EMPTY;
      });
    const waitFor = (instruction, types, ms) =>
      concat(
        say(instruction),
        card.events.all$.pipe(
          filter((event) => types.includes(event.type)),
          take(1),
          tap((event) => note(`${event.type} ${shape(event.payload)}`)),
          timeout({
            first: ms,
            scheduler,
            with: () => {
              result.outcome = 'timedOut';
              note(`no ${types.join(' or ')} within ${ms / 1000} s`);
              return EMPTY;
            },
          }),
        ),
        defer(() => {
          onInstruction?.(null);
          return EMPTY;
        }),
      );
    return {
      options,
      card,
      hasCard,
      sendQuiet,
      say,
      /** Sends `command` through the library and notes the host's answer. */
      send: (command) =>
        sendCommand(placement, command, { scheduler, timeoutMs: options.silenceMs }).pipe(
          tap((value) =>
            note(
              `${describe(command)}: ${
                SILENT_COMMANDS.includes(command.name)
                  ? 'sent (the host does not answer it)'
                  : `ok${value ? ` ${JSON.stringify(value)}` : ''}`
              }`,
            ),
          ),
          ignoreElements(),
          catchError((error) => {
            note(`${describe(command)}: ${failure(error)}`);
            return EMPTY;
          }),
        ),
      /** Sends `command` straight to the host and notes every answer within `silenceMs`. */
      raw: (command, params) =>
        new Observable((subscriber) => {
          const entry = { at: scheduler.now(), command, params, answers: [] };
          rawCalls.push(entry);
          const label = `${command} ${JSON.stringify(params)} (raw)`;
          placement.call(
            command,
            params,
            (reply) => {
              entry.answers.push({ at: scheduler.now(), reply });
              note(`${label}: ${JSON.stringify(reply)}`);
            },
            (error) => {
              entry.answers.push({ at: scheduler.now(), error: String(error?.message ?? error) });
              note(`${label}: no reply or transport error`);
            },
          );
          return timer(options.silenceMs, scheduler)
            .pipe(
              tap(() => {
                if (entry.answers.length === 0) note(`${label}: no reply`);
              }),
            )
            .subscribe(subscriber);
        }).pipe(ignoreElements()),
      pause: (ms) => timer(ms, scheduler).pipe(ignoreElements()),
      waitFor,
      /** Notes each `type` event, and whether a card was open when it came. */
      watch: (type) =>
        card.events.all$.pipe(
          filter((event) => event.type === type),
          tap((event) =>
            note(`${type} ${shape(event.payload)} ${hasCard() ? 'with a card' : 'before a card'}`),
          ),
          ignoreElements(),
        ),
      /** Runs `main$`, and `side$` until `main$` ends. */
      during: (main$, side$) =>
        defer(() => {
          const end = new Subject();
          return merge(main$.pipe(tap({ complete: () => end.next() })), side$.pipe(takeUntil(end)));
        }),
      click: (instruction, ...types) => waitFor(instruction, types, options.clickTimeoutMs),
      ask: (id) => {
        const q = QUESTIONS[id];
        const types = [...new Set([q.yes.type, q.no.type])];
        const answerOf = (event) =>
          [q.yes, q.no].find(
            (a) => a.type === event.type && (a.payload ?? event.payload) === event.payload,
          );
        return concat(
          say(`${q.text} ${q.yes.label} = yes, ${q.no.label} = no`),
          card.events.all$.pipe(
            filter((event) => types.includes(event.type) && answerOf(event) !== undefined),
            take(1),
            map((event) => answerOf(event) === q.yes),
            timeout({ first: options.clickTimeoutMs, scheduler, with: () => of(null) }),
            tap((answer) => {
              result.answers[id] = answer;
              if (answer === null) result.outcome = 'timedOut';
              note(`${id}: ${answer === null ? 'no answer' : answer ? 'yes' : 'no'}`);
            }),
          ),
          defer(() => {
            onInstruction?.(null);
            return EMPTY;
          }),
        );
      },
      skip: (reason) =>
        defer(() => {
          result.outcome = 'skipped';
          note(reason);
          return EMPTY;
        }),
    };
  }
}
