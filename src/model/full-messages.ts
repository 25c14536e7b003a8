/**
 * Whether errors carry their full messages (development) or short ones (production)
 * (internal). Call it only as the condition of a message: `fullMessages() ? long : short`, or
 * `if (fullMessages())` around code that only builds a message.
 *
 * Why a call and not a constant: the build replaces every call, literally, at the place of the
 * call (see `rollup.config.mjs`). The package's plain build (`dist/index.mjs`, for Node and for
 * browsers without a bundler) gets `true`, so it has the full messages and never reads `process`.
 * The build for bundlers (`dist/bundler/`, the `module` export condition) gets
 * `process.env.NODE_ENV !== "production"`, which every bundler replaces with a constant in the
 * app's build and then drops the branch that cannot run: the long texts in production, the short
 * ones in development. A bundler folds that condition only where it is written, not through a
 * variable or a function, hence one call per message. What runs unbuilt (the specs) reads
 * `NODE_ENV` when called.
 *
 * @internal
 */
export function fullMessages(): boolean {
  return (
    (globalThis as { process?: { env?: { NODE_ENV?: unknown } } }).process?.env?.NODE_ENV !==
    'production'
  );
}
