// Runs scripts/message-probe.mjs the way a browser runs it through an import map: the package's
// ESM file as it is, unbundled, in a fresh JavaScript realm that has no `process` (a vm context
// with nothing but the language's own globals). Prints the probe's records as JSON; a load or a
// probe that throws prints `{ "threw": "<name>: <message>" }` instead.
//
// Usage: node --experimental-vm-modules scripts/esm-without-process.mjs [package file]
//        (default dist/index.mjs: the file an import map points `b24-call-card-rx` at)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE_FILE = resolve(process.argv[2] ?? join(ROOT, 'dist/index.mjs'));
const PROBE = join(ROOT, 'scripts/message-probe.mjs');
/** The import map: the bare names the package and the probe import. */
const IMPORTS = {
  'b24-call-card-rx': PACKAGE_FILE,
  rxjs: join(ROOT, 'node_modules/rxjs/dist/esm/index.js'),
  tslib: join(ROOT, 'node_modules/tslib/tslib.es6.mjs'),
};

const context = vm.createContext({});
const modules = new Map();

/** rxjs's ESM build imports its files without an extension. */
function fileOf(specifier, from) {
  if (IMPORTS[specifier]) return IMPORTS[specifier];
  const path = resolve(dirname(from), specifier);
  const found = [path, `${path}.js`, join(path, 'index.js')].find((p) => existsSync(p));
  if (!found) throw new Error(`cannot resolve ${specifier} from ${from}`);
  return found;
}

function load(file) {
  let module = modules.get(file);
  if (!module) {
    module = new vm.SourceTextModule(readFileSync(file, 'utf8'), { identifier: file, context });
    modules.set(file, module);
  }
  return module;
}

try {
  if (typeof vm.SourceTextModule !== 'function')
    throw new Error('run with node --experimental-vm-modules');
  const probe = load(PROBE);
  await probe.link((specifier, referrer) => load(fileOf(specifier, referrer.identifier)));
  await probe.evaluate();
  const hasProcess = vm.runInContext('typeof process', context) !== 'undefined';
  console.log(JSON.stringify({ hasProcess, records: vm.runInContext('messageProbe', context) }));
} catch (error) {
  console.log(JSON.stringify({ threw: `${error?.name}: ${error?.message}` }));
}
