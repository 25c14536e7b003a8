// Which source modules an import set ships, and how many minified bytes each, in production or
// development: the map behind the size budgets (docs/performance.md). Bundles src/ with esbuild
// as the build does (fullMessages() folded as the rollup plugin folds it), rxjs external.
// Usage: node scripts/size-modules.mjs '{ callCardEvents }' production [./src/index.ts] [rows]
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { brotliCompressSync } from 'node:zlib';
const [imports, mode, entry = './src/index.ts', show = '40'] = process.argv.slice(2);
const plugin = {
  name: 'fm',
  setup(b) {
    b.onLoad({ filter: /src\/.*\.ts$/ }, async (a) => {
      let t = await readFile(a.path, 'utf8');
      t = t.replace(/\bfullMessages\(\)/g, '(process.env.NODE_ENV !== "production")');
      return { contents: t, loader: 'ts' };
    });
  },
};
const r = await build({
  stdin: {
    contents:
      imports === '*'
        ? `import * as all from '${entry}'; console.log(all);`
        : `import ${imports} from '${entry}'; console.log(${imports.replace(/[{}]/g, '')});`,
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  bundle: true,
  minify: true,
  write: false,
  metafile: true,
  format: 'esm',
  external: ['rxjs', 'rxjs/*', '@angular/core'],
  define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
  logLevel: 'error',
  tsconfigRaw: '{}',
  plugins: [plugin],
  // Never written (write: false): esbuild only needs a name for the bundle.
  outfile: 'size-modules.js',
});
const out = Object.values(r.metafile.outputs)[0];
const rows = Object.entries(out.inputs)
  .map(([f, i]) => [i.bytesInOutput, f])
  .sort((a, b) => b[0] - a[0]);
let total = 0;
for (const [b] of rows) total += b;
console.log(
  'total minified',
  total,
  'brotli',
  brotliCompressSync(r.outputFiles[0].contents).length,
);
for (const [b, f] of rows.slice(0, +show)) console.log(String(b).padStart(7), f);
if (process.env.DUMP)
  (await import('node:fs')).writeFileSync(process.env.DUMP, r.outputFiles[0].text);
