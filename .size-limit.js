// Size budgets: what each import set adds to an app's bundle (esbuild, minified, brotli; rxjs and
// @angular/core left out), in both message modes. Each set is measured on the file bundlers get
// (`dist/bundler/`, the `module` export condition): in production, as esbuild builds it by itself
// when it minifies (it sets `process.env.NODE_ENV` to "production"), with the short messages; in
// development, with NODE_ENV "development", with the full ones. `npm run size` checks every row;
// `node scripts/size-table.mjs` prints both modes side by side (docs/performance.md).

/** @param {{ define?: Record<string, string> }} config */
const development = (config) => ({
  ...config,
  define: { ...config.define, 'process.env.NODE_ENV': '"development"' },
});

/**
 * The import sets, the file they import, and the budget of each mode (kB). The budgets hold what
 * the package weighs now, so any growth fails; the three core sets have smaller targets that are
 * not met yet (`target` below, and docs/performance.md, "Bundle size").
 */
const SETS = [
  {
    name: 'every export of b24-call-card-rx',
    path: 'dist/bundler/index.mjs',
    import: '*',
    production: '13.1 kB',
    development: '14.7 kB',
    target: 'production 10.5 kB, development 13.1 kB',
  },
  {
    name: 'callCardEvents alone',
    path: 'dist/bundler/index.mjs',
    import: '{ callCardEvents }',
    production: '3.15 kB',
    development: '3.95 kB',
    target: 'production 2.5 kB, development 3.8 kB',
  },
  {
    name: 'connectCallCard + fromBX24 + setUiState, setStatusText, setMute',
    path: 'dist/bundler/index.mjs',
    import: '{ connectCallCard, fromBX24, setUiState, setStatusText, setMute }',
    production: '9.3 kB',
    development: '10.8 kB',
    target: 'production 8.0 kB, development 10.4 kB',
  },
  {
    name: 'every export of b24-call-card-rx/testing',
    path: 'dist/bundler/testing.mjs',
    import: '*',
    // replaySession and its log check are about 4 kB of it.
    production: '10.3 kB',
    development: '11.15 kB',
  },
  {
    name: 'every export of b24-call-card-rx/angular, with the core it uses',
    path: 'dist/bundler/angular.mjs',
    import: '*',
    ignore: ['@angular/core'],
    production: '10.15 kB',
    development: '11.6 kB',
  },
  {
    // Development builds only; most of it is the core it drives (connectCallCard, recordCallCard).
    name: 'every export of b24-call-card-rx/devtools, with the core it uses',
    path: 'dist/bundler/devtools.mjs',
    import: '*',
    production: '11.5 kB',
    development: '12.9 kB',
  },
];

export default SETS.flatMap((set) =>
  ['production', 'development'].map((mode) => ({
    name: `${set.name}${set.target ? ` [target: ${set.target}]` : ''} (${mode})`,
    path: set.path,
    import: set.import,
    ignore: ['rxjs', ...(set.ignore ?? [])],
    brotli: true,
    limit: set[mode],
    ...(mode === 'development' ? { modifyEsbuildConfig: development } : {}),
  })),
);
