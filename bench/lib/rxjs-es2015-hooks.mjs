// Module-resolution hooks (registered by bench/lib/rxjs-es2015.mjs through `module.register`):
// every `import 'rxjs'` (and 'rxjs/operators', ...) made by the benchmarks AND by the library under
// test (dist/index.mjs) resolves to rxjs's ES2015 build, `dist/esm`, the build that bundlers such
// as the Angular CLI pick. Node on its own loads `dist/cjs`, an ES5 build whose classes are
// functions and whose `Subject.next` copies its observers differently: measuring against it flatters
// the library.
//
// `dist/esm` is ES modules in a package without `"type": "module"`, written with extensionless
// relative imports ('./internal/Observable'); both are fixed here: its files load as modules, and
// a relative import inside it gets '.js' (or '/index.js' for a folder).
import { existsSync, statSync } from 'node:fs';
import { URL, fileURLToPath } from 'node:url';

/** file: URL of rxjs's `dist/esm/` folder, set from the first resolution of 'rxjs'. */
let esmRoot;

const isRxjs = (specifier) => specifier === 'rxjs' || specifier.startsWith('rxjs/');

function withExtension(url) {
  const path = fileURLToPath(url);
  if (existsSync(`${path}.js`)) return `${url}.js`;
  if (existsSync(path) && statSync(path).isDirectory()) return `${url}/index.js`;
  return url;
}

export async function resolve(specifier, context, nextResolve) {
  if (isRxjs(specifier)) {
    // rxjs's own exports map names the ES2015 build under the 'es2015' condition; Node's default
    // conditions ('node', 'import') pick the ES5 CommonJS one first, so ask without them.
    const resolved = await nextResolve(specifier, { ...context, conditions: ['es2015'] });
    const marker = '/dist/esm/';
    const at = resolved.url.indexOf(marker);
    if (at < 0) throw new Error(`rxjs-es2015 hook: '${specifier}' resolved to ${resolved.url}`);
    esmRoot ??= resolved.url.slice(0, at + marker.length);
    return { url: resolved.url, format: 'module', shortCircuit: true };
  }
  const parent = context.parentURL;
  if (esmRoot && parent?.startsWith(esmRoot) && specifier.startsWith('.')) {
    const url = withExtension(new URL(specifier, parent).href);
    return { url, format: 'module', shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (esmRoot && url.startsWith(esmRoot)) return nextLoad(url, { ...context, format: 'module' });
  return nextLoad(url, context);
}
