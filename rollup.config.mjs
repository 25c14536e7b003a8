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

export default [
  {
    input: entries,
    external,
    // No source maps: the package ships readable, unminified ES2022 (see CONTRIBUTING.md).
    plugins: [typescript({ tsconfig: './tsconfig.build.json', sourceMap: false })],
    output: [
      {
        dir: 'dist',
        format: 'es',
        entryFileNames: '[name].mjs',
        chunkFileNames: 'chunks/core-[hash].mjs',
      },
      {
        dir: 'dist',
        format: 'cjs',
        entryFileNames: '[name].cjs',
        chunkFileNames: 'chunks/core-[hash].cjs',
        exports: 'named',
      },
    ],
  },
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
