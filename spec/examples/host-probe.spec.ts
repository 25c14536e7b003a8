import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CallCardSessionLog, SessionLogEntry } from 'b24-call-card-rx';
import { compareWithSimulator } from '../../examples/host-probe/compare.mjs';
import { mergeRawCalls, probeFileProblems } from '../../examples/host-probe/probe-file.mjs';
import type { ProbeFile } from '../../examples/host-probe/probe-file.mjs';
import { replayProbeFile, untimed } from '../../examples/host-probe/replay-probe.mjs';
import { PROBE_STEPS, QUESTIONS } from '../../examples/host-probe/tour.mjs';

// The host probe's tour recorded on the playground's emulated portal (headless Chromium, the
// official SDK, the bundled probe; `npm run fixture:record`), replayed against the tour itself,
// and compared with the simulator as `npm run probe:compare` does.
const root = resolve(__dirname, '../..');
const FIXTURE = join(root, 'spec', 'fixtures', 'host-probe-emulated.json');
const readFixture = (): ProbeFile => JSON.parse(readFileSync(FIXTURE, 'utf8')) as ProbeFile;

type Entry = SessionLogEntry;
/** A step as the comparison names it: its number and id (`15 quality`). */
const stepName = (id: string) => `${PROBE_STEPS.findIndex((s) => s.id === id) + 1} ${id}`;
const events = (file: ProbeFile, type: string): Entry[] =>
  file.log.entries.filter((e) => e.kind === 'event' && e.event === `BackgroundCallCard::${type}`);
const command = (file: ProbeFile, match: (e: Entry & { kind: 'command' }) => boolean) =>
  file.log.entries.find((e): e is Entry & { kind: 'command' } => e.kind === 'command' && match(e))!;

describe('the host probe log recorded on the emulated portal (host-probe-emulated.json)', () => {
  const file = readFixture();

  it('is whole: a valid session log inside, every step of the tour run and done', () => {
    expect(probeFileProblems(file)).toEqual([]);
    expect(file.steps.map((s) => s.id)).toEqual(PROBE_STEPS.map((s) => s.id));
    expect(file.steps.filter((s) => s.outcome !== 'done')).toEqual([]);
    expect(file.log.redacted).toBe(true);
  });

  it('holds the commands the library refuses to send, merged into the session log', () => {
    const invalid = command(file, (e) => e.params['uiState'] === 'probeUnknownState');
    expect(invalid).toMatchObject({ command: 'CallCardSetUiState', card: 1 });
    expect(file.log.entries.filter((e) => 'id' in e && e.id === invalid.id)).toEqual([
      invalid,
      expect.objectContaining({
        kind: 'reply',
        reply: [{ result: 'error', errorCode: 'Invalid ui state' }],
      }),
    ]);
    const unknown = command(file, (e) => e.command === 'CallCardProbeUnknownCommand');
    expect(file.log.entries.filter((e) => 'id' in e && e.id === unknown.id)).toEqual([unknown]);
  });

  it('replays against the tour with no mismatch, to the same steps and the same snapshot', () => {
    const replayed = replayProbeFile(file);
    expect(replayed.mismatches).toEqual([]);
    expect(replayed.steps).toEqual(file.steps.map(untimed));
    expect(replayed.snapshot).toEqual(file.log.snapshot);
  });

  it('replays with exactly the one mismatch where the tour and the log part', () => {
    // A log without the status text the tour sends after Skip (nor its reply).
    const afterSkip = command(file, (e) => e.params['statusText'] === 'After Skip');
    const changed = {
      ...file,
      log: {
        ...file.log,
        entries: file.log.entries.filter((e) => !('id' in e && e.id === afterSkip.id)),
      },
    };
    const replayed = replayProbeFile(changed);
    expect(replayed.mismatches).toEqual([
      {
        kind: 'extraCommand',
        at: expect.any(Number),
        card: 1,
        command: 'CallCardSetStatusText',
        params: { statusText: 'After Skip' },
      },
    ]);
    // Answered as the host documents success: the tour notes what it noted on the portal.
    expect(replayed.steps).toEqual(file.steps.map(untimed));
  });
});

describe('probe:compare', () => {
  const file = readFixture();

  it('finds nothing to disagree about on the emulated portal, whose card is the simulator', () => {
    const { rows, compared } = compareWithSimulator(file);
    expect(rows).toEqual([]);
    expect(compared).toEqual({
      replies: file.log.entries.filter((e) => e.kind === 'command').length,
      events: file.log.entries.filter((e) => e.kind === 'event').length,
      answers: Object.keys(QUESTIONS).length,
    });
  });

  /** The fixture as a portal that differs from the simulator in four ways would have sent it. */
  function handChanged(): ProbeFile {
    const changed = readFixture();
    const entries = changed.log.entries as Entry[];
    const at = (e: Entry) => entries.indexOf(e);
    // 1. The portal accepts an unknown state.
    const invalid = command(changed, (e) => e.params['uiState'] === 'probeUnknownState');
    const reply = entries.findIndex((e) => e.kind === 'reply' && e.id === invalid.id);
    entries[reply] = { kind: 'reply', at: entries[reply]!.at, id: invalid.id, reply: [] };
    // 2. Its initialized payload carries CRM_ACTIVITY_ID.
    const initialized = events(changed, 'initialized')[0] as Entry & { kind: 'event' };
    entries[at(initialized)] = {
      ...initialized,
      payload: { ...(initialized.payload as object), CRM_ACTIVITY_ID: '7' },
    };
    // 3. Its card raised Complete transfer where the tour asked for the quality rating.
    const quality = events(changed, 'qualityMeterClick')[0]!;
    entries[at(quality)] = {
      kind: 'event',
      at: quality.at,
      event: 'BackgroundCallCard::completeTransferButtonClick',
      payload: '',
    };
    // 4. Its timer stopped in transferring: the operator answered no.
    const step = changed.steps.find((s) => s.id === 'timer-in-transfer')!;
    (step.answers as Record<string, boolean | null>)['timerCountingInTransfer'] = false;
    const yes = events(changed, 'completeTransferButtonClick').find(
      (e) => e.at >= step.at,
    ) as Entry & {
      kind: 'event';
    };
    entries[at(yes)] = { ...yes, event: 'BackgroundCallCard::cancelTransferButtonClick' };
    return changed;
  }

  it('lists each place where a portal did otherwise than the simulator, with its step', () => {
    const { rows } = compareWithSimulator(handChanged());
    expect(
      rows.map(({ step, what, portal, simulator }) => ({ step, what, portal, simulator })),
    ).toEqual([
      {
        step: stepName('wait-for-card'),
        what: 'initialized payload',
        portal: 'CRM_ACTIVITY_ID: string',
        simulator: 'CRM_ACTIVITY_ID: nothing',
      },
      {
        step: stepName('invalid-commands'),
        what: 'CallCardSetUiState {"uiState":"probeUnknownState"}',
        portal: '[]',
        simulator: '[{"result":"error","errorCode":"Invalid ui state"}]',
      },
      {
        step: stepName('quality'),
        what: 'completeTransferButtonClick no data',
        portal: 'raised it',
        simulator:
          'no completeTransfer button in connected (it shows hangup, hold, mute, transfer, dialpad, qualityMeter)',
      },
      {
        step: stepName('timer-in-transfer'),
        what: '"Is the timer still shown and counting?"',
        portal: 'the operator answered no',
        simulator: 'yes: the timer is running',
      },
    ]);
  });

  describe('npm run probe:compare (the command line)', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'probe-compare-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['examples/host-probe/probe-compare.mjs', ...args], {
        cwd: root,
        encoding: 'utf8',
        timeout: 120_000,
      });

    it('prints that the simulator agrees, and exits 0', () => {
      const result = run(FIXTURE);
      expect(result.stdout).toMatch(/^the simulator agrees with the portal: compared \d+ replies/);
      expect(result.status).toBe(0);
    });

    it('prints the table of disagreements, and exits 1', () => {
      const path = join(dir, 'changed.json');
      writeFileSync(path, JSON.stringify(handChanged()));
      const result = run(path);
      const lines = result.stdout.split('\n');
      expect(lines[0]).toMatch(/^the simulator disagrees with the portal in 4 place\(s\)/);
      expect(lines[2]).toMatch(/^step +at \(ms\) +what +the portal +the simulator$/);
      expect(lines.slice(4).map((line) => line.split(/ {2,}/)[0])).toEqual([
        stepName('wait-for-card'),
        stepName('invalid-commands'),
        stepName('quality'),
        stepName('timer-in-transfer'),
        '',
      ]);
      expect(result.stdout).toContain('CRM_ACTIVITY_ID: string');
      expect(result.status).toBe(1);
    });

    it('exits 2 with a message for a file that is no probe log', () => {
      const path = join(dir, 'not-a-log.json');
      writeFileSync(path, JSON.stringify({ entries: 'none' }));
      const result = run(path);
      expect(result.stderr).toContain('is not a probe file or a session log');
      expect(result.status).toBe(2);
      expect(run().status).toBe(2);
    });
  });
});

describe('mergeRawCalls', () => {
  const log: CallCardSessionLog = {
    version: 1,
    startedAt: 1000,
    endedAt: 50,
    card: 0,
    lifecycle: 'waiting',
    dropped: 0,
    redacted: false,
    snapshot: null,
    entries: [
      { kind: 'event', at: 5, event: 'BackgroundCallCard::initialized', payload: {} },
      { kind: 'card', at: 5, card: 1, lifecycle: 'open', cause: 'initialized' },
      {
        kind: 'command',
        at: 10,
        id: 1,
        command: 'CallCardSetMute',
        params: { muted: true },
        card: 1,
      },
      { kind: 'reply', at: 30, id: 1, reply: [] },
    ],
  };

  it('puts each raw call in time order, numbers the commands again and keeps replies with them', () => {
    const merged = mergeRawCalls(log, [
      {
        at: 1020,
        command: 'CallCardSetUiState',
        params: { uiState: 'x' },
        answers: [{ at: 1040, reply: [{ result: 'error', errorCode: 'Invalid ui state' }] }],
      },
      { at: 1021, command: 'CallCardUnknown', params: {}, answers: [] },
      { at: 1022, command: 'CallCardSetHold', params: {}, answers: [{ at: 1025, error: 'lost' }] },
    ]);
    expect(merged.entries).toEqual([
      log.entries[0],
      log.entries[1],
      { ...log.entries[2], id: 1 },
      {
        kind: 'command',
        at: 20,
        id: 2,
        command: 'CallCardSetUiState',
        params: { uiState: 'x' },
        card: 1,
      },
      { kind: 'command', at: 21, id: 3, command: 'CallCardUnknown', params: {}, card: 1 },
      { kind: 'command', at: 22, id: 4, command: 'CallCardSetHold', params: {}, card: 1 },
      { kind: 'transportError', at: 25, id: 4, error: 'lost' },
      { ...log.entries[3], id: 1 },
      { kind: 'reply', at: 40, id: 2, reply: [{ result: 'error', errorCode: 'Invalid ui state' }] },
    ]);
    expect({ ...merged, entries: [] }).toEqual({ ...log, entries: [] });
  });
});

/** The questions of an "Open on a live portal" paragraph: its parts split at `; ` outside brackets. */
function questionsOf(paragraph: string): string[] {
  const parts = [''];
  let depth = 0;
  for (const [i, char] of [...paragraph].entries()) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ';' && depth === 0 && paragraph[i + 1] === ' ') parts.push('');
    else parts[parts.length - 1] += char;
  }
  return parts;
}

describe('the docs name the probe steps as the tour numbers them', () => {
  const read = (path: string) => readFileSync(join(root, path), 'utf8');
  const docs = [
    'docs/host-behaviour.md',
    'docs/debugging.md',
    'docs/getting-started.md',
    'examples/host-probe/README.md',
  ];

  it('every "Open on a live portal" question names a probe step, or says the probe cannot answer it', () => {
    const open = read('docs/host-behaviour.md')
      .split(/\n\s*\n/)
      .filter((paragraph) => paragraph.startsWith('Open on a live portal:'));
    expect(open).toHaveLength(7);
    for (const paragraph of open)
      for (const question of questionsOf(paragraph))
        expect(question).toMatch(/step\s+\d+\s+`[a-z-]+`|not\s+answered\s+by\s+the\s+probe/);
  });

  it('each "step N `id`" in the docs is step N of the tour', () => {
    const named = docs.flatMap((path) =>
      [...read(path).matchAll(/step\s+(\d+)\s+`([a-z-]+)`/g)].map(
        (m) => `${path}: ${m[1]} ${m[2]}`,
      ),
    );
    expect(named.length).toBeGreaterThan(10);
    for (const line of named) {
      const [, n, id] = /: (\d+) (.+)$/.exec(line)!;
      expect(`${line.split(':')[0]}: ${n} ${PROBE_STEPS[Number(n) - 1]?.id}`).toBe(
        `${line.split(':')[0]}: ${n} ${id}`,
      );
    }
  });

  it("the probe's README lists the steps of the tour, in order, and the card title's example is right", () => {
    const rows = [
      ...read('examples/host-probe/README.md').matchAll(/^\| (\d+) +\| `([a-z-]+)` +\|/gm),
    ];
    expect(rows.map((m) => `${m[1]} ${m[2]}`)).toEqual(
      PROBE_STEPS.map((s, i) => `${i + 1} ${s.id}`),
    );
    const title = /`Host probe (\d+)\/(\d+) ([^`]+)`/.exec(read('docs/debugging.md'))!;
    expect([Number(title[2]), title[3]]).toEqual([
      PROBE_STEPS.length,
      PROBE_STEPS[Number(title[1]) - 1]!.title,
    ]);
  });
});
