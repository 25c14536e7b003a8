#!/usr/bin/env node
// Builds and runs scripts/message-probe.mjs (one error of each kind) the ways apps do, on the
// BUILT package (`npm run build` first), and prints one JSON report of what each way got:
// - esbuild `--bundle --minify` (production: esbuild sets NODE_ENV itself) and without --minify;
// - Vite's `vite build` (NODE_ENV production, as the command sets it) and with NODE_ENV=development;
// - plain Node, with NODE_ENV=production even: the plain build has the full messages;
// - a realm without `process` that loads the package's ESM files unbundled (an import map), and,
//   as a control, the same with the bundler build's file, which needs a bundler.
// For each build: which package files it bundled, which of the MARKERS its code contains, and the
// probe's records. spec/model/message-modes.spec.ts asserts on this report.
//
// Usage: node scripts/message-modes.mjs > report.json
import { build as esbuild } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { build as viteBuild } from 'vite';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PROBE = join(ROOT, 'scripts/message-probe.mjs');

/**
 * Texts of the full messages only, each in the probe's bundle whenever the full messages are
 * (`fullOnly`), and of the short ones only (`shortOnly`): a production build must contain none of
 * the first and all of the second, a development build the reverse.
 */
export const MARKERS = {
  fullOnly: [
    'or a test placement', // callCardEvents given no placement
    'or an internal state', // a command param that is not a UI state
    'a call object with CALL_ID', // an initialized payload that is no call
    'is not loaded yet', // fromBX24 outside a portal
  ],
  shortOnly: ['invalid payload'],
};

function markers(code) {
  return {
    fullOnly: MARKERS.fullOnly.filter((text) => code.includes(text)),
    shortOnly: MARKERS.shortOnly.filter((text) => code.includes(text)),
  };
}

/** Runs a bundled probe (a script) in a fresh realm without `process`; returns its records. */
function run(code) {
  const context = vm.createContext({});
  vm.runInContext(code, context);
  return JSON.parse(JSON.stringify(vm.runInContext('messageProbe', context)));
}

const packageFiles = (paths) =>
  [...new Set(paths.map((p) => relative(ROOT, resolve(ROOT, p))))]
    .filter((p) => p.startsWith('dist/'))
    .map((p) => p.replace(/chunks\/core-[\w-]+\.mjs$/, 'chunks/core-*.mjs'))
    .filter((p, i, all) => all.indexOf(p) === i)
    .sort();

async function withEsbuild(minify) {
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: [PROBE],
    bundle: true,
    minify,
    format: 'iife',
    platform: 'browser',
    write: false,
    metafile: true,
    // As an app resolves the package: by its exports map, not by this repository's tsconfig paths.
    tsconfigRaw: '{}',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  return {
    files: packageFiles(Object.keys(result.metafile.inputs)),
    markers: markers(code),
    records: run(code),
  };
}

async function withVite(nodeEnv) {
  const saved = process.env.NODE_ENV;
  process.env.NODE_ENV = nodeEnv;
  try {
    const output = await viteBuild({
      root: ROOT,
      configFile: false,
      envFile: false,
      logLevel: 'silent',
      build: { write: false, rollupOptions: { input: PROBE } },
    });
    const chunk = (Array.isArray(output) ? output[0] : output).output.find(
      (file) => file.type === 'chunk',
    );
    return {
      files: packageFiles(Object.keys(chunk.modules)),
      markers: markers(chunk.code),
      records: run(chunk.code),
    };
  } finally {
    if (saved === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = saved;
  }
}

function node(args, env = {}) {
  const out = execFileSync(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(out);
}

const withoutProcess = (file) =>
  node(['--experimental-vm-modules', join(ROOT, 'scripts/esm-without-process.mjs'), file]);

const report = {
  builds: {
    'esbuild --bundle --minify': await withEsbuild(true),
    'esbuild --bundle': await withEsbuild(false),
    'vite build': await withVite('production'),
    'NODE_ENV=development vite build': await withVite('development'),
  },
  runs: {
    'node, NODE_ENV=production': node(
      [
        '--input-type=module',
        '-e',
        `await import(${JSON.stringify(PROBE)}); console.log(JSON.stringify(globalThis.messageProbe))`,
      ],
      { NODE_ENV: 'production' },
    ),
    'dist/index.mjs without a bundler, no process': withoutProcess(join(ROOT, 'dist/index.mjs')),
    'dist/bundler/index.mjs without a bundler, no process': withoutProcess(
      join(ROOT, 'dist/bundler/index.mjs'),
    ),
  },
};
console.log(JSON.stringify(report, null, 2));
