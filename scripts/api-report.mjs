// The API report: the public surface of each package entry, as API Extractor prints it from the
// built declarations (dist/*.d.mts), kept in api/<entry>.api.md so that a change to the public
// API shows up in review.
//
// Usage: node scripts/api-report.mjs --check | --update
//   --check   exit 1 when a report differs from the current build (CI: `npm run api:check`);
//             the fresh report is left in node_modules/.cache/api-report/ to diff against
//   --update  rewrite the reports (`npm run api:update`) and commit them with the change
// Both expect a current dist/ (the npm scripts build first).
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv.slice(2);
if (mode.length !== 1 || !['--check', '--update'].includes(mode[0])) {
  console.error('usage: node scripts/api-report.mjs --check | --update');
  process.exit(2);
}
const update = mode[0] === '--update';

// report name -> [declarations, source of the entry]; an entry whose source does not exist (the
// Angular entry before it is written) has no report.
const ENTRIES = {
  core: ['dist/index.d.mts', 'src/index.ts'],
  testing: ['dist/testing.d.mts', 'src/testing/index.ts'],
  angular: ['dist/angular.d.mts', 'src/angular/index.ts'],
  devtools: ['dist/devtools.d.mts', 'src/devtools/index.ts'],
};

const reportFolder = join(ROOT, 'api');
const tempFolder = join(ROOT, 'node_modules', '.cache', 'api-report');
mkdirSync(tempFolder, { recursive: true });

/**
 * Where a sub-entry's declarations are read from. They import the core as `b24-call-card-rx`;
 * read in place, that name resolves to this very package, and API Extractor would count the
 * core's types as the sub-entry's own (and as "forgotten exports"). So the declarations are
 * copied into a scratch package that has the core installed as a dependency, as a user's project
 * has: the core's types are then external, printed as imports from `b24-call-card-rx`.
 */
function staged(declarations) {
  const stage = join(tempFolder, 'stage');
  rmSync(stage, { recursive: true, force: true });
  const core = join(stage, 'node_modules', 'b24-call-card-rx');
  mkdirSync(join(core, 'dist'), { recursive: true });
  copyFileSync(join(ROOT, 'package.json'), join(core, 'package.json'));
  for (const file of ['index.d.mts', 'index.d.cts'])
    copyFileSync(join(ROOT, 'dist', file), join(core, 'dist', file));
  writeFileSync(
    join(stage, 'package.json'),
    JSON.stringify({ name: 'api-report-stage', private: true, type: 'module' }),
  );
  const entry = join(stage, declarations.replace(/^dist\//, ''));
  copyFileSync(join(ROOT, declarations), entry);
  return entry;
}

let failed = 0;
for (const [name, [declarations, source]] of Object.entries(ENTRIES)) {
  if (!existsSync(join(ROOT, source))) continue;
  if (!existsSync(join(ROOT, declarations))) {
    console.error(`api-report: ${declarations} is missing; run \`npm run build\` first`);
    failed += 1;
    continue;
  }
  const entry = name === 'core' ? join(ROOT, declarations) : staged(declarations);
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: ROOT,
      mainEntryPointFilePath: entry,
      compiler: {
        overrideTsconfig: {
          compilerOptions: {
            target: 'es2022',
            lib: ['es2022', 'dom'],
            module: 'esnext',
            // Resolves `b24-call-card-rx` (imported by the sub-entries) to the package itself.
            moduleResolution: 'bundler',
            strict: true,
            skipLibCheck: true,
            types: [],
          },
          files: [entry],
        },
      },
      apiReport: {
        enabled: true,
        reportFileName: `${name}.api.md`,
        reportFolder,
        reportTempFolder: tempFolder,
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        // Our doc comments are JSDoc with Markdown, not strict TSDoc: typedoc checks them.
        tsdocMessageReporting: { default: { logLevel: 'none' } },
        extractorMessageReporting: {
          // A type that is used but not exported, and the like, fail the check.
          default: { logLevel: 'error', addToApiReportFile: false },
          // Everything exported is public: no release tags.
          'ae-missing-release-tag': { logLevel: 'none' },
          // typedoc checks the docs (`npm run docs`); the report is about the surface.
          'ae-undocumented': { logLevel: 'none' },
        },
        compilerMessageReporting: { default: { logLevel: 'error' } },
      },
    },
    configObjectFullPath: join(ROOT, 'api', 'api-extractor.json'),
    packageJsonFullPath: join(ROOT, 'package.json'),
  });
  const result = Extractor.invoke(config, {
    localBuild: update,
    showVerboseMessages: false,
    showDiagnostics: false,
  });
  const report = `api/${name}.api.md`;
  if (!result.succeeded) {
    failed += 1;
    console.error(
      result.apiReportChanged && !update
        ? `api-report: ${report} is stale: the public API of ${name} changed. Review the ` +
            `change, then run \`npm run api:update\` and commit ${report}.`
        : `api-report: ${name}: ${result.errorCount} error(s) (see above)`,
    );
  } else console.log(`api-report: ${report} ${result.apiReportChanged ? 'updated' : 'is current'}`);
}
process.exit(failed > 0 ? 1 : 0);
