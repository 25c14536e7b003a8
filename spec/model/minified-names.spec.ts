import { buildSync } from 'esbuild';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

// Users ship the library through a minifying bundler, and their error monitoring groups errors by
// `name`. This bundles the BUILT package (`npm test` builds dist/ before jest) the way a
// production app build does, and checks the name of every error class.
const root = resolve(__dirname, '../..');

const ERROR_CLASSES = [
  'CallCardError',
  'CallCardInputError',
  'CallCardPayloadError',
  'CallCardCommandError',
  'CallCardTimeoutError',
  'CallCardUnavailableError',
] as const;

type ErrorClass = new (...args: string[]) => Error;

function minifiedBuild(): Record<string, unknown> {
  const entry = resolve(root, 'dist/index.mjs');
  if (!existsSync(entry)) throw new Error('dist/index.mjs is missing: run `npm run build` first');
  const { outputFiles } = buildSync({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'cjs',
    platform: 'node',
    external: ['rxjs'],
    write: false,
    logLevel: 'silent',
  });
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', outputFiles[0]!.text)(
    module,
    module.exports,
    require,
  );
  return module.exports;
}

describe('error classes in a minified production bundle', () => {
  const built = minifiedBuild();

  it('loses the class names (so this check means something)', () => {
    const renamed = ERROR_CLASSES.filter((name) => (built[name] as ErrorClass).name !== name);
    expect(renamed.length).toBeGreaterThan(0);
  });

  it.each(ERROR_CLASSES)('keeps %s as the name of its errors', (name) => {
    const error = new (built[name] as ErrorClass)('a', 'b', 'c', 'd');
    expect(error.name).toBe(name);
    expect(error).toBeInstanceOf(built['CallCardError'] as ErrorClass);
    expect(String(error)).toMatch(new RegExp(`^${name}: `));
  });
});
