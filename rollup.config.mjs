import { existsSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';

const PACKAGE = 'b24-call-card-rx';

// Every entry of the package: the core, and the sub-entries that build on it. An entry whose
// source does not exist yet (a sub-entry still being written) is left out.
const entries = Object.fromEntries(
  Object.entries({
    index: 'src/index.ts',
    testing: 'src/testing/index.ts',
    angular: 'src/angular/index.ts',
    devtools: 'src/devtools/index.ts',
  }).filter(([, input]) => existsSync(input)),
);

const external = (id) => id === 'rxjs' || id.startsWith('rxjs/') || id.startsWith('@angular/');

/**
 * For a sub-entry's declarations: every import that leaves the entry's own folder (the core's
 * model, placement, streams, ...) becomes an import from the core entry, `b24-call-card-rx`, so
 * `testing.d.mts` refers to the core's types instead of carrying copies of them. The names
 * imported must be exported by `src/index.ts`; `npm run check:package` (attw) and the API
 * report fail if one is not.
 */
function coreAsExternal(input) {
  const folder = resolve(dirname(input));
  return {
    name: 'core-as-external',
    resolveId(source, importer) {
      if (importer === undefined || !source.startsWith('.')) return null;
      const target = resolve(dirname(importer), source);
      const inside = target === folder || target.startsWith(folder + sep);
      return inside ? null : { id: PACKAGE, external: true };
    },
  };
}

/**
 * The two ways the package is built, which differ only in their error messages (see
 * `src/model/full-messages.ts` and docs/performance.md, "Production and development builds"):
 * - `dist/`: the plain build, for Node and for browsers that load the file without a bundler
 *   (an import map): full messages, and not one reference to `process`.
 * - `dist/bundler/`: the build that bundlers pick by the `module` export condition: each message
 *   is chosen by `process.env.NODE_ENV`, which the app's bundler replaces with a constant, so a
 *   production build keeps only the short messages and a development build only the full ones.
 */
const builds = [
  { dir: 'dist', fullMessages: 'true', formats: ['es', 'cjs'] },
  { dir: 'dist/bundler', fullMessages: 'process.env.NODE_ENV !== "production"', formats: ['es'] },
];

/**
 * Writes `condition` in place of every `fullMessages()` call of the compiled sources, literally:
 * a bundler folds `process.env.NODE_ENV` only where it is written. Fails the build on any other
 * use of `fullMessages` (passed as a value, renamed on import), which would survive into `dist/`.
 */
function fullMessages(condition) {
  const call = /\bfullMessages\(\)/g;
  const importOf = /import\s*\{\s*fullMessages\s*\}\s*from\s*['"][./a-z-]*full-messages['"];?/g;
  return {
    name: 'full-messages',
    transform(code, id) {
      if (!/\.ts$/.test(id) || !code.includes('fullMessages')) return null;
      if (id.endsWith(`${sep}full-messages.ts`)) return null;
      const out = code.replace(call, `(${condition})`);
      if (out.replace(importOf, '').includes('fullMessages'))
        this.error(`${id}: fullMessages must only be called, as fullMessages()`);
      return { code: out, map: null };
    },
    renderChunk(code, chunk) {
      if (code.includes('fullMessages'))
        this.error(`${chunk.fileName}: a fullMessages() call was left in the output`);
      if (condition === 'true' && /\bprocess\s*\.\s*env\b/.test(code))
        this.error(`${chunk.fileName}: the plain build must not refer to process`);
      return null;
    },
  };
}

// `hoistTransitiveImports: false`: no bare `import './chunks/core-...'` of a chunk an entry only
// reaches through another chunk. The package has no side effects, so such an import only makes
// bundlers warn that they ignore it (esbuild's "ignored-bare-import").
const output = {
  es: {
    format: 'es',
    entryFileNames: '[name].mjs',
    chunkFileNames: 'chunks/core-[hash].mjs',
    hoistTransitiveImports: false,
  },
  cjs: {
    format: 'cjs',
    entryFileNames: '[name].cjs',
    chunkFileNames: 'chunks/core-[hash].cjs',
    exports: 'named',
    hoistTransitiveImports: false,
  },
};

export default [
  ...builds.map((build) => ({
    input: entries,
    external,
    // No source maps: the package ships readable, unminified ES2022 (see CONTRIBUTING.md).
    plugins: [
      typescript({ tsconfig: './tsconfig.build.json', sourceMap: false }),
      fullMessages(build.fullMessages),
    ],
    output: build.formats.map((format) => ({ dir: build.dir, ...output[format] })),
  })),
  ...Object.entries(entries).flatMap(([name, input]) =>
    ['mts', 'cts'].map((ext) => ({
      input,
      external: (id) => external(id) || id === PACKAGE,
      plugins: [
        ...(name === 'index' ? [] : [coreAsExternal(input)]),
        dts({ tsconfig: './tsconfig.build.json' }),
      ],
      output: { file: `dist/${name}.d.${ext}`, format: 'es' },
    })),
  ),
];
