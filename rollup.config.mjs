import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';

const entries = {
  index: 'src/index.ts',
  testing: 'src/testing/index.ts',
  angular: 'src/angular/index.ts',
};

// Peers: rxjs always, @angular/core for the angular entry only.
const external = (id) =>
  id === 'rxjs' || id.startsWith('rxjs/') || id === '@angular/core' || id.startsWith('@angular/');

export default [
  {
    input: entries,
    external,
    plugins: [
      typescript({ tsconfig: './tsconfig.build.json', sourceMap: true, inlineSources: true }),
    ],
    output: [
      {
        dir: 'dist',
        format: 'es',
        entryFileNames: '[name].mjs',
        chunkFileNames: 'chunks/core-[hash].mjs',
        sourcemap: true,
      },
      {
        dir: 'dist',
        format: 'cjs',
        entryFileNames: '[name].cjs',
        chunkFileNames: 'chunks/core-[hash].cjs',
        sourcemap: true,
        exports: 'named',
      },
    ],
  },
  ...Object.entries(entries).flatMap(([name, input]) =>
    ['mts', 'cts'].map((ext) => ({
      input,
      external,
      plugins: [dts({ tsconfig: './tsconfig.build.json' })],
      output: { file: `dist/${name}.d.${ext}`, format: 'es' },
    })),
  ),
];
