import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

// The Angular guide's TypeScript examples typecheck against the library's source and
// @angular/core 21, like the README's (scripts/check-examples.mjs, run as a child process).
const root = resolve(__dirname, '../..');

describe('docs/angular.md', () => {
  it('has examples that all typecheck against the current API and @angular/core', () => {
    const report = execFileSync(
      process.execPath,
      ['scripts/check-examples.mjs', 'docs/angular.md'],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(report).toMatch(/^check-examples: (\d+) examples checked \(\1 in Markdown/);
    expect(report).not.toMatch(/^check-examples: 0 examples/);
    expect(report).toContain('ok: every example typechecks');
  }, 120_000);
});
