// Compiles a consumer project against the PACKED package with every TypeScript version the package
// supports (README.md, "Compatibility"): the oldest, 5.4; the project's own, 6.0; and 7. It fails
// when a declaration the package ships breaks a consumer under any of them.
//
// 1. `npm pack` this checkout (build it first: `npm run build`) into a temporary folder, and
//    install the tarball into a throwaway consumer project there (`npm install --offline`: the
//    package has no dependencies, only peers, so nothing is fetched). Its peers, rxjs and
//    @angular/core, are linked from this repository's node_modules, as a consumer installs them.
// 2. Compile the consumer's files (scripts/consumer-types/: app.ts uses every entry, app-cjs.cts
//    is a CommonJS consumer of the core and testing entries) with each compiler, under
//    `moduleResolution: bundler` (app.ts) and `nodenext` (app.mts, a copy of app.ts, and
//    app-cjs.cts), strict, and with `skipLibCheck: false`, so the package's own declarations are
//    checked too. An error in the consumer's files or in the package fails the check; an error
//    inside a peer's declarations (a newer compiler meeting an older rxjs or Angular) is listed
//    but is not the package's to fix.
// 3. A negative control: the same compile with a broken declaration added to the installed
//    package must fail with every compiler, or the check could not see a break.
//
// Offline: it uses only what `npm ci` installed (TypeScript 5.4 and 7 come in through
// scripts/consumer-types/typescript-*/, so their `tsc` never shadows the project's own).
//
// Usage: node scripts/check-consumer-types.mjs [--keep]
//   --keep  keep the temporary consumer project to inspect
// Exit 0 when every compiler compiles the consumer cleanly, 1 otherwise.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'scripts', 'consumer-types');
const KEEP = process.argv.includes('--keep');
const unknown = process.argv.slice(2).filter((a) => a !== '--keep');
if (unknown.length > 0) {
  console.error(`check-consumer-types: bad argument ${unknown[0]}`);
  console.error('usage: node scripts/check-consumer-types.mjs [--keep]');
  process.exit(2);
}

/** The compilers, oldest first; `version` is what `tsc --version` must print. */
const COMPILERS = [
  {
    name: 'TypeScript 5.4 (the oldest supported)',
    tsc: join(FIXTURES, 'typescript-5.4', 'node_modules', 'typescript', 'bin', 'tsc'),
    version: /^Version 5\.4\.\d+$/,
  },
  {
    name: "TypeScript 6.0 (the project's own)",
    tsc: join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
    version: /^Version 6\.0\.\d+$/,
  },
  {
    name: 'TypeScript 7',
    tsc: join(FIXTURES, 'typescript-7', 'node_modules', 'typescript', 'bin', 'tsc'),
    version: /^Version 7\.\d+\.\d+$/,
  },
];

/** The peers a consumer installs beside the package. */
const PEERS = ['rxjs', '@angular/core'];

/** A strict consumer's compiler options; `module` and `moduleResolution` vary per config. */
const STRICT = {
  target: 'ES2022',
  lib: ['ES2022', 'DOM'],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitOverride: true,
  noFallthroughCasesInSwitch: true,
  skipLibCheck: false,
  noEmit: true,
  types: [],
};
const CONFIGS = {
  bundler: {
    compilerOptions: {
      ...STRICT,
      module: 'ESNext',
      moduleResolution: 'Bundler',
      verbatimModuleSyntax: true,
    },
    files: ['app.ts'],
  },
  nodenext: {
    compilerOptions: { ...STRICT, module: 'NodeNext', moduleResolution: 'NodeNext' },
    files: ['app.mts', 'app-cjs.cts'],
  },
};

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function fail(message) {
  console.error(`check-consumer-types: ${message}`);
  process.exit(1);
}

for (const entry of [
  'index.d.mts',
  'index.d.cts',
  'testing.d.mts',
  'angular.d.mts',
  'devtools.d.mts',
])
  if (!existsSync(join(ROOT, 'dist', entry)))
    fail(`dist/${entry} is missing; run \`npm run build\` first`);
for (const compiler of COMPILERS)
  if (!existsSync(compiler.tsc))
    fail(`${compiler.name} is not installed (${compiler.tsc}); run npm ci`);

const scratch = mkdtempSync(join(tmpdir(), 'consumer-types-'));
const consumer = join(scratch, 'consumer');
mkdirSync(consumer);

// 1. Pack, and install the tarball as a consumer does.
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const packed = run(
  npm,
  ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch],
  ROOT,
);
if (packed.status !== 0) fail(`npm pack failed:\n${packed.output}`);
const tarball = join(
  scratch,
  JSON.parse(packed.output.slice(packed.output.indexOf('[')))[0].filename,
);
writeFileSync(
  join(consumer, 'package.json'),
  JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2),
);
const installed = run(
  npm,
  [
    'install',
    tarball,
    '--offline',
    '--no-save',
    '--no-package-lock',
    '--legacy-peer-deps',
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
  ],
  consumer,
);
if (installed.status !== 0) fail(`installing the tarball failed:\n${installed.output}`);
const pkg = join(consumer, 'node_modules', 'b24-call-card-rx');
if (!existsSync(join(pkg, 'dist', 'index.d.mts'))) fail(`the tarball installed no dist/ in ${pkg}`);
for (const peer of PEERS) {
  const at = join(consumer, 'node_modules', peer);
  mkdirSync(dirname(at), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules', peer), at, 'junction');
}
copyFileSync(join(FIXTURES, 'app.ts'), join(consumer, 'app.ts'));
copyFileSync(join(FIXTURES, 'app.ts'), join(consumer, 'app.mts'));
copyFileSync(join(FIXTURES, 'app-cjs.cts'), join(consumer, 'app-cjs.cts'));
for (const [name, config] of Object.entries(CONFIGS))
  writeFileSync(join(consumer, `tsconfig.${name}.json`), JSON.stringify(config, null, 2));

const ERROR = /^(.*?)\(\d+,\d+\): error TS\d+:/;
// The installed package's files are under node_modules/b24-call-card-rx/, the consumer's outside
// node_modules; anything else under a node_modules is a peer's (linked: its real path).
const isPeers = (file) =>
  /node_modules[\\/]/.test(file) && !/node_modules[\\/]b24-call-card-rx[\\/]/.test(file);

/** Compiles one config; its errors split into the package's or the consumer's, and the peers'. */
function compile(compiler, config) {
  const started = process.hrtime.bigint();
  const { status, output } = run(
    process.execPath,
    [compiler.tsc, '-p', `tsconfig.${config}.json`, '--pretty', 'false'],
    consumer,
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const lines = output.split('\n').filter((l) => l.trim() !== '');
  const ours = [];
  const peers = [];
  for (const line of lines) {
    const m = ERROR.exec(line);
    if (m === null) {
      // A continuation of the previous message, or an error with no file (the configuration).
      if (/^\s/.test(line) && (ours.length > 0 || peers.length > 0)) continue;
      ours.push(line);
    } else (isPeers(m[1]) ? peers : ours).push(line);
  }
  if (status !== 0 && ours.length === 0 && peers.length === 0)
    ours.push(`tsc exited ${status} without a message`);
  return { ours, peers, seconds };
}

// 2. Every compiler, every config.
let failures = 0;
let passes = 0;
for (const compiler of COMPILERS) {
  const version = run(process.execPath, [compiler.tsc, '--version'], consumer).output.trim();
  if (!compiler.version.test(version)) {
    console.log(`FAIL ${compiler.name}: tsc --version printed "${version}"`);
    failures += 1;
    continue;
  }
  for (const config of Object.keys(CONFIGS)) {
    const { ours, peers, seconds } = compile(compiler, config);
    const label = `${compiler.name}, ${version.slice(8)}, ${config} (${CONFIGS[config].files.join(', ')})`;
    if (ours.length === 0) {
      passes += 1;
      console.log(`ok   ${label}: compiles cleanly (${seconds.toFixed(1)} s)`);
    } else {
      failures += 1;
      console.log(`FAIL ${label}:\n  ${ours.join('\n  ')}`);
    }
    for (const line of peers)
      console.log(`     (in a peer's declarations, not the package's) ${line}`);
  }
}

// 3. The negative control: a broken declaration in the installed package must fail every compiler.
const BREAK = '\nexport declare const consumerTypesCheckBreak: ThisTypeDoesNotExist;\n';
const original = readFileSync(join(pkg, 'dist', 'index.d.mts'), 'utf8');
appendFileSync(join(pkg, 'dist', 'index.d.mts'), BREAK);
for (const compiler of COMPILERS) {
  const { ours } = compile(compiler, 'bundler');
  const seen = ours.some((l) => l.includes('index.d.mts') && l.includes('ThisTypeDoesNotExist'));
  if (seen) {
    passes += 1;
    console.log(`ok   ${compiler.name}: fails on a broken declaration in the package, as it must`);
  } else {
    failures += 1;
    console.log(
      `FAIL ${compiler.name}: compiled a package with a broken declaration:\n  ${ours.join('\n  ')}`,
    );
  }
}
writeFileSync(join(pkg, 'dist', 'index.d.mts'), original);

if (KEEP) console.log(`the consumer project is kept in ${consumer}`);
else rmSync(scratch, { recursive: true, force: true });
console.log(`check-consumer-types: ${passes} passed, ${failures} failed`);
process.exit(failures > 0 ? 1 : 0);
