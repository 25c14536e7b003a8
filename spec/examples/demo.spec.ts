import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

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

describe('demo command line', () => {
  it.each([[['--bogus']], [['--scenario', 'nope']], [['--scenario']], [['incoming']]])(
    'exits 2 with the usage for bad arguments %j',
    (args) => {
      const result = spawnDemo([DEMO, ...args]);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^demo: .+\n\nUsage: npm run demo/);
    },
  );

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
