import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CallCardSessionLog } from '../../src';
import { sessionLogProblems } from '../../examples/session-log-check.mjs';

// The demo runs as users run it: a child process loading the built package by its own name.
// `npm test` builds dist/ before jest; the demo rebuilds it itself when it is missing or stale.
const root = resolve(__dirname, '../..');
const DEMO = 'examples/demo.mjs';

function runDemo(...args: string[]): string {
  // Throws (failing the test) on any exit code but 0.
  return execFileSync(process.execPath, [DEMO, ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function spawnDemo(nodeArgs: string[]) {
  const result = spawnSync(process.execPath, nodeArgs, {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The card's UI state after each step, `null` for "(no card)". */
function statesShown(output: string): Array<string | null> {
  return [...output.matchAll(/^card at [\d:.]+:\n {2}(?:state: (\w+)|\(no card\))$/gm)].map(
    (m) => m[1] ?? null,
  );
}

describe('npm run demo (incoming call)', () => {
  let output: string;
  beforeAll(() => {
    output = runDemo();
  }, 60_000);

  it('walks the card through every step of the call, in order', () => {
    expect(statesShown(output)).toEqual([
      'incoming',
      'connectingIncoming',
      'connected',
      'connected',
      'connected',
      'connected',
      'connected',
      'connected',
      'transferring',
      'transferFailed',
      'connected',
      null,
    ]);
    expect(output).toMatch(/^ok: 12 steps, \d+ commands sent, 02:49\.500 of virtual time$/m);
  });

  it('shows the CRM name the app looked up in the title', () => {
    expect(output).toContain('  title: Ann Lee (ACME GmbH)');
    expect(output).toContain('CallCardSetCardTitle {"title":"Ann Lee (ACME GmbH)"}');
  });

  it('lets the timer run for minutes of virtual time, shown as the host shows it', () => {
    expect(output).toMatch(/^ {2}Conversation length: 02:0\d$/m);
    expect(output).toContain('  status: Talking 02:00');
  });

  it('mirrors mute, hold and the dialled digits in the status text', () => {
    expect(output).toContain('  status: Talking 02:05 · muted');
    expect(output).toContain('  status: Talking 02:25 · muted · on hold');
    expect(output).toContain('  status: Talking 02:38 · dialled 102');
  });

  it('shows the failed transfer, then returns to the caller with the timer still running', () => {
    expect(output).toContain('  status: Transfer to 102 failed: busy');
    const afterReturn = output.slice(output.indexOf('-- 11. return'));
    expect(afterReturn).toContain('  Conversation length: 02:45');
  });

  it('prints the commands the app sent, and closes the card on hang-up', () => {
    for (const state of ['incoming', 'connectingIncoming', 'connected', 'transferring'])
      expect(output).toContain(`CallCardSetUiState {"uiState":"${state}"}`);
    expect(output).toContain('CallCardSetUiState {"uiState":"transferFailed"}');
    expect(output).toMatch(/^app sent \(1\):\n {2}CallCardClose \{\}$/m);
  });
});

describe('npm run demo -- --scenario outgoing', () => {
  let output: string;
  beforeAll(() => {
    output = runDemo('--scenario', 'outgoing');
  }, 60_000);

  it('calls, gets no answer, redials, connects and hangs up', () => {
    expect(statesShown(output)).toEqual([
      'outgoing',
      'connectingOutgoing',
      'redial',
      'connectingOutgoing',
      'connected',
      'connected',
      null,
    ]);
    expect(output).toContain('  title: Globex Corporation');
    expect(output).toContain('  status: No answer from +1 555 0100. Call again?');
    expect(output).toMatch(/^ {2}Conversation length: 00:45$/m);
  });

  it('sends the connecting state once per attempt', () => {
    const attempts = output.split('CallCardSetUiState {"uiState":"connectingOutgoing"}').length - 1;
    expect(attempts).toBe(2);
  });

  it('accepts --scenario=outgoing as well', () => {
    expect(runDemo('--scenario=outgoing')).toBe(output);
  });
});

describe('npm run demo -- --record file.json', () => {
  let dir: string;
  let output: string;
  let log: CallCardSessionLog;
  let stderr: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'demo-record-'));
    const file = join(dir, 'session.json');
    const result = spawnDemo([DEMO, '--record', file]);
    expect(result.status).toBe(0);
    output = result.stdout;
    stderr = result.stderr;
    log = JSON.parse(readFileSync(file, 'utf8')) as CallCardSessionLog;
  }, 60_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a valid session log of the run, and says so on stderr', () => {
    expect(sessionLogProblems(log)).toEqual([]);
    expect(log).toMatchObject({ version: 1, card: 0, lifecycle: 'waiting', dropped: 0 });
    expect(stderr).toBe(
      `demo: session log written to ${join(dir, 'session.json')} (${log.entries.length} entries)\n`,
    );
    // The transcript is the same as without --record.
    expect(output).toBe(runDemo());
  });

  it('holds every command the demo says the app sent, on the virtual clock', () => {
    const sent = Number(
      /^ok: 12 steps, (\d+) commands sent, 02:49\.500 of virtual time$/m.exec(output)?.[1],
    );
    const commands = log.entries.filter((e) => e.kind === 'command');
    expect(commands).toHaveLength(sent);
    expect(commands[0]).toEqual({
      kind: 'command',
      at: 0,
      id: 1,
      command: 'CallCardSetUiState',
      params: { uiState: 'incoming' },
      card: 1,
    });
    expect(commands.at(-1)).toMatchObject({ command: 'CallCardClose', params: {}, card: 1 });
    expect(log.endedAt).toBe(169_500);
  });

  it('holds the call from ring to close: its card, its clicks, and the card it ended with', () => {
    const events = log.entries
      .filter((e) => e.kind === 'event')
      .map((e) => e.kind === 'event' && e.event.slice('BackgroundCallCard::'.length));
    expect(events).toEqual([
      'entityChanged',
      'initialized',
      'answerButtonClick',
      'muteButtonClick',
      'holdButtonClick',
      'holdButtonClick',
      'muteButtonClick',
      'dialpadButtonClick',
      'dialpadButtonClick',
      'dialpadButtonClick',
      'transferButtonClick',
      'cancelTransferButtonClick',
      'hangupButtonClick',
    ]);
    expect(log.entries.filter((e) => e.kind === 'card')).toEqual([
      { kind: 'card', at: 0, card: 1, lifecycle: 'open', cause: 'initialized' },
      expect.objectContaining({ card: 1, lifecycle: 'closed', cause: 'closeCommand' }),
    ]);
    expect(log.entries.filter((e) => e.kind === 'failure' || e.kind === 'transportError')).toEqual(
      [],
    );
    expect(log.snapshot).toMatchObject({
      uiState: null,
      closed: true,
      title: 'Ann Lee (ACME GmbH)',
    });
  });

  it('exits 1, after the run, when the file cannot be written', () => {
    const result = spawnDemo([DEMO, '--record', join(dir, 'missing', 'session.json')]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^ok: 12 steps/m);
    expect(result.stderr).toMatch(/^demo: cannot write the session log: ENOENT/);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});

describe('examples/session-log-check.mjs', () => {
  const valid = {
    version: 1,
    startedAt: 1000,
    endedAt: 20,
    card: 0,
    lifecycle: 'waiting',
    dropped: 0,
    redacted: false,
    snapshot: null,
    entries: [
      { kind: 'event', at: 0, event: 'BackgroundCallCard::initialized', payload: { CALL_ID: 'c' } },
      { kind: 'card', at: 0, card: 1, lifecycle: 'open', cause: 'initialized' },
      {
        kind: 'command',
        at: 1,
        id: 1,
        command: 'CallCardSetMute',
        params: { muted: true },
        card: 1,
      },
      { kind: 'reply', at: 2, id: 1, reply: [] },
      { kind: 'failure', at: 3, id: 1, error: { name: 'CallCardTimeoutError', message: 'late' } },
    ],
  };

  it('finds nothing wrong with a valid log', () => {
    expect(sessionLogProblems(valid)).toEqual([]);
  });

  it.each([
    ['not an object', [], /^replaySession: log was \[\]; expected a session log/],
    ['another version', { ...valid, version: 2 }, /^replaySession: log\.version was 2; expected 1/],
    [
      'an unknown key',
      { ...valid, extra: 1 },
      /^replaySession: log\.extra was 1; expected no such field/,
    ],
    [
      'a mistyped field',
      { ...valid, dropped: '0' },
      /^replaySession: log\.dropped was "0"; expected a whole number/,
    ],
    [
      'a reply to no command',
      { ...valid, entries: [{ kind: 'reply', at: 0, id: 4, reply: [] }] },
      /^replaySession: log\.entries\[0\]\.id was 4; expected the id of an earlier command entry/,
    ],
    [
      'time going back',
      { ...valid, entries: [valid.entries[0], { ...valid.entries[1], at: -1 }] },
      /^replaySession: log\.entries\[1\]\.at was -1; expected a number of ms >= 0/,
    ],
    [
      'an entry of an unknown kind',
      { ...valid, entries: [{ kind: 'note', at: 0 }] },
      /^replaySession: log\.entries\[0\]\.kind was "note"; expected one of the entry kinds/,
    ],
    [
      'a snapshot without its fields',
      { ...valid, snapshot: { uiState: 'connected' } },
      /^replaySession: log\.snapshot\.title was undefined; expected a string/,
    ],
  ])('names what is wrong, as the package check does: %s', (_what, log, problem) => {
    expect(sessionLogProblems(log)).toEqual([expect.stringMatching(problem)]);
  });
});

describe('demo command line', () => {
  it.each([
    [['--bogus']],
    [['--scenario', 'nope']],
    [['--scenario']],
    [['incoming']],
    [['--record']],
    [['--record=']],
  ])('exits 2 with the usage for bad arguments %j', (args) => {
    const result = spawnDemo([DEMO, ...args]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^demo: .+\n\nUsage: npm run demo/);
  });

  it('prints the usage and exits 0 for --help', () => {
    const result = spawnDemo([DEMO, '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--scenario <name>  incoming | outgoing');
  });

  // A step inserted into the scripted call, through the scenarios module the CLI loads.
  const withExtraStep = (step: string): string[] => [
    '--input-type=module',
    '-e',
    `import { SCENARIOS } from './examples/scenarios.mjs';
     SCENARIOS.incoming.steps.splice(3, 0, ${step});
     process.argv = [process.argv[0], '${DEMO}'];
     await import('./${DEMO}');`,
  ];

  it('exits 1 and names the step when the operator presses a button the card does not show', () => {
    const result = spawnDemo(
      withExtraStep(
        `{ name: 'skip while talking', does: "press('skip')", run: ({ host }) => host.press('skip'), expect: { state: 'connected' } }`,
      ),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `demo: step 4 (skip while talking) failed: press('skip'): the card in state "connected" shows no skip button`,
    );
  });

  it('exits 1 when the card does not show what the step expects', () => {
    const result = spawnDemo(
      withExtraStep(
        `{ name: 'wrong title', does: 'nothing', run: () => {}, expect: { state: 'connected', title: 'Bob' } }`,
      ),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'demo: step 4 (wrong title) failed: title is "Ann Lee (ACME GmbH)", expected "Bob"',
    );
  });
});
