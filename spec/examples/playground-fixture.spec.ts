import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { filter, map, merge } from 'rxjs';
import { connectCallCard, setStatusText } from 'b24-call-card-rx';
import type { CallCard, CallCardCommand, CallCardSessionLog } from 'b24-call-card-rx';
import { replaySession } from 'b24-call-card-rx/testing';
import type { ReplayMismatch } from 'b24-call-card-rx/testing';
import type { Observable } from 'rxjs';
import { callLogic } from '../../examples/playground/call-logic.mjs';
import { testScheduler } from '../support/fixtures';

// A call recorded in the browser playground (headless Chromium, the official SDK, the built
// package across a cross-origin iframe; `npm run fixture:record`), replayed here in virtual time
// against the very module the playground's app runs (examples/playground/call-logic.mjs).
// docs/from-log-to-test.md walks through this file.
const FIXTURES = join(__dirname, '..', 'fixtures');
const readLog = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

/** What a replay of `log` against `app` ends with. */
interface Replayed {
  readonly mismatches: readonly ReplayMismatch[];
  readonly done: readonly ReplayMismatch[][];
  readonly sent: readonly string[];
  readonly sentAt: readonly number[];
  readonly snapshot: ReturnType<CallCard['snapshot']>;
}

/** Replays `logText` under `TestScheduler.run` with `app` wired to the card, as in the browser. */
function replay(logText: string, app: (card: CallCard) => Observable<CallCardCommand>): Replayed {
  let result: Replayed | undefined;
  testScheduler().run(({ flush }) => {
    const placement = replaySession(logText);
    const done: ReplayMismatch[][] = [];
    placement.done$.subscribe((final) => done.push([...final]));
    const card = connectCallCard(placement);
    card.apply(app(card));
    flush(); // the whole recorded session, in virtual time
    result = {
      mismatches: placement.mismatches(),
      done,
      sent: placement.sent().map((c) => `${c.command} ${JSON.stringify(c.params)}`),
      sentAt: placement.sent().map((c) => c.at),
      snapshot: card.snapshot(),
    };
    card.dispose();
  });
  return result as Replayed;
}

const recordedCommands = (log: CallCardSessionLog) =>
  log.entries.flatMap((e) => (e.kind === 'command' ? [e] : []));

describe('the call recorded in the browser playground (spec/fixtures/playground-call.json)', () => {
  const text = readLog('playground-call.json');
  const log = JSON.parse(text) as CallCardSessionLog;

  it('is the scripted call, as the official SDK delivered it', () => {
    expect(recordedCommands(log).map((c) => `${c.command} ${JSON.stringify(c.params)}`)).toEqual([
      'CallCardSetUiState {"uiState":"incoming"}',
      'CallCardSetCardTitle {"title":"Call from +1 555 0100"}',
      'CallCardSetUiState {"uiState":"connected"}',
      'CallCardSetStatusText {"statusText":"Talking 00:00"}',
      'CallCardSetStatusText {"statusText":"Talking 00:01"}',
      'CallCardSetStatusText {"statusText":"Talking 00:02"}',
      'CallCardSetStatusText {"statusText":"Talking 00:02 · muted"}',
      'CallCardSetStatusText {"statusText":"Talking 00:03 · muted"}',
      'CallCardClose {}',
    ]);
    // The SDK hands a click without data over as "" (classic BX24 would give []).
    const events = log.entries.flatMap((e) => (e.kind === 'event' ? [e] : []));
    expect(events.map((e) => [e.event, e.payload === '' ? '""' : typeof e.payload])).toEqual([
      ['BackgroundCallCard::initialized', 'object'],
      ['BackgroundCallCard::answerButtonClick', '""'],
      ['BackgroundCallCard::muteButtonClick', 'boolean'],
      ['BackgroundCallCard::hangupButtonClick', '""'],
    ]);
    expect(log.redacted).toBe(false);
  });

  it('replays against the playground app to the same snapshot and commands, with no mismatch', () => {
    const replayed = replay(text, callLogic);
    expect(replayed.mismatches).toEqual([]);
    expect(replayed.done).toEqual([[]]);
    expect(replayed.sent).toEqual(
      recordedCommands(log).map((c) => `${c.command} ${JSON.stringify(c.params)}`),
    );
    expect(replayed.snapshot).toEqual(log.snapshot);
    // In virtual time nothing waits for a browser: each command goes out no later than the
    // portal received it (the timer's ticks are exact, the browser's a few ms late).
    recordedCommands(log).forEach((recorded, i) =>
      expect(replayed.sentAt[i]).toBeLessThanOrEqual(recorded.at),
    );
  });

  it('reports exactly the one command an app changed to send one more sends', () => {
    // The new version also shows the line on a ringing card.
    const changedApp = (card: CallCard) =>
      merge(
        callLogic(card),
        card.events.initialized$.pipe(map((call) => setStatusText(`Line ${call.LINE_NAME}`))),
      );
    const replayed = replay(text, changedApp);
    const answeredAt = log.entries.find(
      (e) => e.kind === 'event' && e.event === 'BackgroundCallCard::answerButtonClick',
    )!.at;
    expect(replayed.mismatches).toEqual([
      {
        kind: 'extraCommand',
        at: expect.any(Number),
        card: 1,
        command: 'CallCardSetStatusText',
        params: { statusText: 'Line Sales' },
      },
    ]);
    // Sent while the card rang, and every other command still lined up and was answered as
    // recorded, so the call ends as it did.
    expect(replayed.mismatches[0]!.at).toBeLessThan(answeredAt);
    expect(replayed.done).toEqual([replayed.mismatches]);
    expect(replayed.snapshot).toEqual(log.snapshot);
  });

  it('reports the command an app changed to send one fewer no longer sends', () => {
    // The new version does not title the card.
    const withoutTitle = (card: CallCard) =>
      callLogic(card).pipe(filter((command) => command.name !== 'CallCardSetCardTitle'));
    const replayed = replay(text, withoutTitle);
    const title = recordedCommands(log)[1]!;
    expect(replayed.mismatches).toEqual([
      {
        kind: 'missingCommand',
        at: title.at,
        card: 1,
        command: 'CallCardSetCardTitle',
        params: { title: 'Call from +1 555 0100' },
        id: title.id,
      },
    ]);
    expect(replayed.snapshot).toEqual({ ...log.snapshot, title: '' });
  });
});

describe('the same call recorded with redactPersonalData (playground-call-redacted.json)', () => {
  const text = readLog('playground-call-redacted.json');
  const log = JSON.parse(text) as CallCardSessionLog;

  /** A difference redaction explains: where the params differ, the log hid the text. */
  const hiddenByRedaction = (m: ReplayMismatch): boolean =>
    m.kind === 'otherParams' &&
    Object.entries(m.recordedParams).every(([k, v]) => v === m.params[k] || v === '[redacted]');

  it('replays with the texts that quoted personal data as the only differences', () => {
    expect(log.redacted).toBe(true);
    const replayed = replay(text, callLogic);
    // The app builds its texts from the redacted number ("Call from [redacted]"), the log hid
    // them whole ("[redacted]"): the title and the five status texts.
    expect(
      replayed.mismatches.map((m) => `${m.kind} ${'command' in m ? m.command : m.event}`),
    ).toEqual([
      'otherParams CallCardSetCardTitle',
      ...Array<string>(5).fill('otherParams CallCardSetStatusText'),
    ]);
    expect(replayed.mismatches.every(hiddenByRedaction)).toBe(true);
    expect(replayed.mismatches[0]).toMatchObject({
      params: { title: 'Call from [redacted]' },
      recordedParams: { title: '[redacted]' },
    });
    // Everything else lines up: the same commands in the same order, the same card at the end.
    expect(replayed.sent.map((line) => line.split(' ')[0])).toEqual(
      recordedCommands(log).map((c) => c.command),
    );
    expect({ ...replayed.snapshot, title: '[redacted]', statusText: '[redacted]' }).toEqual(
      log.snapshot,
    );
  });
});
