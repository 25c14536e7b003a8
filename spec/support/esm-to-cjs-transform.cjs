// Jest transform for the ESM-only packages the specs load (Angular 21 ships only `.mjs`): esbuild
// rewrites each file to CommonJS, so the suite keeps running as CommonJS under ts-jest.
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const esbuild = require('esbuild');

const self = readFileSync(__filename, 'utf8');

module.exports = {
  process(source, filename) {
    const { code, map } = esbuild.transformSync(source, {
      format: 'cjs',
      target: 'node20',
      loader: 'js',
      sourcefile: filename,
      sourcemap: 'external',
    });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return createHash('sha256')
      .update(self)
      .update(esbuild.version)
      .update(filename)
      .update(source)
      .digest('hex');
  },
};
