// What the examples that run from a terminal share: they load the package by its own name, so
// they need dist/ to be current.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The newest modification time of the files under `dir`. */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, mtime);
  }
  return newest;
}

/**
 * Builds dist/ when it is missing or older than src/, so `name` (the script, for its messages)
 * never runs a stale build. The build's output goes to stderr: stdout is the script's own.
 *
 * @returns {boolean} whether dist/ is current now
 */
export function ensureBuild(name) {
  const outputs = ['index.mjs', 'testing.mjs'].map((f) => join(ROOT, 'dist', f));
  const fresh =
    outputs.every((f) => existsSync(f)) &&
    Math.min(...outputs.map((f) => statSync(f).mtimeMs)) >= newestMtime(join(ROOT, 'src'));
  if (fresh) return true;
  console.error(`${name}: dist/ is missing or older than src/: running \`npm run build\` ...`);
  const build = spawnSync('npm', ['run', 'build'], {
    cwd: ROOT,
    stdio: ['ignore', process.stderr, process.stderr],
    shell: process.platform === 'win32',
  });
  if (build.status === 0) return true;
  console.error(`${name}: the build failed (${build.error?.message ?? `exit ${build.status}`})`);
  return false;
}
