// The API reference: `npm run docs` writes it to docs-api/ (ignored by git). It fails on any
// warning: an export without a doc comment, a `{@link}` that goes nowhere, a type that is used
// but not exported, a broken relative link in README.md or docs/.
import { existsSync } from 'node:fs';

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'b24-call-card-rx',
  // The package's entries; the Angular one joins once its source exists.
  entryPoints: [
    'src/index.ts',
    'src/testing/index.ts',
    'src/angular/index.ts',
    'src/devtools/index.ts',
  ].filter((entry) => existsSync(entry)),
  tsconfig: 'tsconfig.build.json',
  out: 'docs-api',
  readme: 'README.md',
  projectDocuments: ['docs/*.md'],
  // No links to source files: they would need a public repository address, and a checkout's git
  // remote (if any) is no such thing.
  disableSources: true,
  excludeInternal: true,
  excludePrivate: true,
  treatWarningsAsErrors: true,
  validation: { notExported: true, invalidLink: true, rewrittenLink: true, notDocumented: true },
  // Every export must be documented (and every method of an exported interface). Properties are
  // left to judgement: many are the host's own keys (CALL_ID, PHONE_NUMBER, ...), documented
  // once on their type and in docs/host-behaviour.md.
  requiredToBeDocumented: [
    'Enum',
    'Variable',
    'Function',
    'Class',
    'Interface',
    'TypeAlias',
    'Method',
    'Accessor',
  ],
};
