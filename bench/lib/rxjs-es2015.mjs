// Makes every later import of 'rxjs' (the benchmarks' and the library's) load rxjs's ES2015 build
// (see rxjs-es2015-hooks.mjs), and proves it did. Static imports are linked before any module
// body runs, so an entry point calls `useRxjsEs2015()` first and imports everything that touches
// rxjs afterwards, with `await import(...)`.
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';

let registered = false;

/**
 * Registers the hooks, then checks that 'rxjs' is the ES2015 build (its `Subject` is a `class`)
 * and that the library under test shares that very copy (its Observables are instances of the
 * same `Observable`). Throws otherwise.
 * @returns {Promise<{ path: string, build: string }>} what 'rxjs' resolved to
 */
export async function useRxjsEs2015() {
  if (!registered) {
    register('./rxjs-es2015-hooks.mjs', import.meta.url);
    registered = true;
  }
  const rxjs = await import('rxjs');
  const path = fileURLToPath(import.meta.resolve('rxjs'));
  const isClass = /^class\b/.test(Function.prototype.toString.call(rxjs.Subject));
  if (!path.includes('/rxjs/dist/esm/') || !isClass)
    throw new Error(
      `rxjs is not the ES2015 build: ${path} (Subject is ${isClass ? 'a class' : 'an ES5 function'})`,
    );
  const { callCardEvents } = await import('b24-call-card-rx');
  const probe = { bindEvent() {}, call() {} };
  if (!(callCardEvents(probe).mute$ instanceof rxjs.Observable))
    throw new Error('the library under test loaded another copy of rxjs than the benchmarks');
  return { path, build: 'ES2015 (dist/esm)' };
}
