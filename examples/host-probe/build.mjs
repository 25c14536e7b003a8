#!/usr/bin/env node
// Bundles the host probe for hosting: one minified ES module (the official SDK, rxjs and the
// built package inside) next to index.html, the two files to put on an HTTPS server.
//
// Usage: node examples/host-probe/build.mjs --out DIR   (after `npm run build`; or
//   `npm run probe:build -- --out DIR`, which builds first). DIR is where you host the page from:
//   keep it outside the repository's sources (lint checks those).
// As a module: `bundleProbe()` returns the bundle in memory (the playground serves it from there).
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');

/**
 * Bundles probe.mjs for the browser, minified, in memory; production mode, so the library's
 * messages are the short ones.
 *
 * @returns {Promise<Uint8Array>} the contents of probe.js
 */
export async function bundleProbe() {
  if (!existsSync(join(ROOT, 'dist/index.mjs')))
    throw new Error(
      'dist/ is missing: run `npm run build` first (the probe uses the built package)',
    );
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [join(HERE, 'probe.mjs')],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    // Not the repository's tsconfig.json, whose `paths` would map the package to src/.
    tsconfigRaw: {},
    logLevel: 'silent',
  });
  return result.outputFiles[0].contents;
}

/** Sizes of `bytes` as text: raw, gzip and brotli, in kB. */
export function sizes(bytes) {
  const kB = (n) => `${(n / 1000).toFixed(1)} kB`;
  return `${kB(bytes.length)} (gzip ${kB(gzipSync(bytes).length)}, brotli ${kB(brotliCompressSync(bytes).length)})`;
}

async function cli(args) {
  const at = args.indexOf('--out');
  if (at === -1 || !args[at + 1]) {
    console.error('usage: node examples/host-probe/build.mjs --out DIR');
    process.exit(2);
  }
  const out = resolve(args[at + 1]);
  const bundle = await bundleProbe();
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'probe.js'), bundle);
  copyFileSync(join(HERE, 'index.html'), join(out, 'index.html'));
  console.log(`host probe: ${join(out, 'index.html')} and probe.js, ${sizes(bundle)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  cli(process.argv.slice(2)).catch((error) => {
    console.error(`probe build: ${error.message}`);
    process.exit(1);
  });
