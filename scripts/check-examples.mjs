// Typechecks every TypeScript example a user reads, the way a user's project compiles it: the
// ```ts blocks of README.md and of the guides (docs/**/*.md), and the ```ts blocks inside the
// JSDoc of src/**/*.ts.
//
// Each block becomes its own module in a throwaway consumer project (a temporary folder with its
// own package.json), compiled with a consumer's strict compiler options (CONSUMER_OPTIONS below)
// and nothing of the repository's: no path mappings, no globals, no tsconfig. Its node_modules
// holds `b24-call-card-rx`, a link to this checkout, so the package resolves through its
// `exports` to the BUILT declarations in dist/ (run `npm run build` first; the check refuses a
// dist/ older than src/), and links to the packages the examples import (`rxjs`, `@angular/core`,
// `@bitrix24/b24jssdk`, ...) plus @types/jest, which the test examples need as a user's tests do.
// A global an example uses must come from what it references: the classic `BX24` needs
// `/// <reference types="b24-call-card-rx/bx24-global" />`, as in a user's file. Modules that
// reference different type packages are checked in separate programs, so one example's
// reference never declares a global for another.
//
// Context an example uses but does not define comes from one small ambient prelude (PRELUDE
// below): the reader's `placement` and `card`. An example's own declarations shadow it. Anything
// else an example needs, it must define (or declare) itself.
//
// Markers: in Markdown, an HTML comment right above the opening fence; in JSDoc (where an HTML
// comment would show in editors' hovers), a line comment inside the block,
// `// check-examples: skip REASON` (a reason may go on over the next `//` lines).
//   <!-- check-examples: skip REASON -->      not checked; REASON is printed in the report
//   <!-- check-examples: group NAME -->       the blocks of one file with the same NAME are
//                                             checked as ONE module, in document order (their
//                                             imports merged), for walkthroughs that split one
//                                             program into several blocks
//   <!-- check-examples: declare TEXT -->     TEXT (e.g. `const crmApi: ...`) is declared
//                                             ambiently for this block (or its group) only
//
// Usage: node scripts/check-examples.mjs [--list] [--keep] [FILE...]
//   --list  print every block found (file:line, marker) before checking
//   --keep  keep the generated consumer project (in the system's temporary folder) to inspect
//   FILE    check these files (.md, or .ts for their JSDoc) instead of README.md, docs/**/*.md
//           and src/**/*.ts
// Exit 0 when every block typechecks, 1 otherwise (2 on a bad argument).
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const unknown = args.filter((a) => a.startsWith('-') && a !== '--list' && a !== '--keep');
const FILES = args.filter((a) => !a.startsWith('-')).map((a) => resolve(a));
const badFile = FILES.find((f) => !/\.(md|ts)$/.test(f) || !existsSync(f));
if (unknown.length > 0 || badFile !== undefined) {
  console.error(`check-examples: bad argument ${unknown[0] ?? badFile}`);
  console.error('usage: node scripts/check-examples.mjs [--list] [--keep] [FILE.md|FILE.ts ...]');
  process.exit(2);
}
const LIST = args.includes('--list');
const KEEP = args.includes('--keep');

// The only context examples may use without defining it. Keep it small: every name here is one a
// reader of the docs is told about in the surrounding text ("hand it your placement", "the card
// from connectCallCard"). Globals are not context: an example declares or references them.
const PRELUDE = `// Ambient context of the examples (scripts/check-examples.mjs).
/** The app's placement: fromBX24(), fromB24Frame($b24) or a fake from b24-call-card-rx/testing. */
declare const placement: import('b24-call-card-rx').PlacementPort;
/** The app's facade: connectCallCard(placement). */
declare const card: import('b24-call-card-rx').CallCard;
`;

const MARKER = /^\s*<!--\s*check-examples:\s*(skip|group|declare)\b\s*([\s\S]*?)\s*-->\s*$/;
const CODE_MARKER = /^\s*\/\/\s*check-examples:\s*(skip|group|declare)\b\s*(.*?)\s*$/;
const OPEN = /^(\s*)```(ts|typescript)\s*$/;
const CLOSE = /^\s*```\s*$/;

/**
 * Finds the ```ts blocks in `lines` (already stripped of JSDoc ` * `), with the markers right
 * above each. `lineNumbers[i]` is the 1-based line of `lines[i]` in `file`.
 */
function extractBlocks(file, lines, lineNumbers) {
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i]);
    if (open === null) continue;
    const indent = open[1].length;
    const code = [];
    const codeLines = [];
    let j = i + 1;
    for (; j < lines.length && !CLOSE.test(lines[j]); j++) {
      code.push(lines[j].slice(Math.min(indent, lines[j].length - lines[j].trimStart().length)));
      codeLines.push(lineNumbers[j]);
    }
    if (j === lines.length) throw new Error(`${file}:${lineNumbers[i]}: unclosed \`\`\`ts block`);
    const markers = [];
    for (let k = i - 1; k >= 0; k--) {
      const m = MARKER.exec(lines[k]);
      if (m !== null) markers.unshift({ kind: m[1], text: m[2] });
      else if (lines[k].trim() !== '') break;
    }
    code.forEach((line, k) => {
      const m = CODE_MARKER.exec(line);
      if (m === null) return;
      let text = m[2];
      // A skip reason may continue on the following comment lines.
      for (
        let n = k + 1;
        m[1] === 'skip' && n < code.length && /^\s*\/\/(?!\s*check-examples:)/.test(code[n]);
        n++
      )
        text += ` ${code[n].replace(/^\s*\/\/\s*/, '')}`;
      markers.push({ kind: m[1], text });
    });
    const block = { file, line: lineNumbers[i], code, codeLines, declares: [] };
    for (const { kind, text } of markers) {
      if (kind === 'skip') block.skip = text || '(no reason given)';
      if (kind === 'group') block.group = text;
      if (kind === 'declare') block.declares.push(text);
    }
    blocks.push(block);
    i = j;
  }
  return blocks;
}

/** How a file is named in the report: relative to the repository when inside it. */
const label = (path) => (path.startsWith(ROOT + sep) ? relative(ROOT, path) : path);

function markdownBlocks(path) {
  const lines = readFileSync(path, 'utf8').split('\n');
  return extractBlocks(
    label(path),
    lines,
    lines.map((_, i) => i + 1),
  );
}

/** The ```ts blocks inside the `/** ... *\/` comments of one source file. */
function sourceBlocks(path) {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  // Lines outside doc comments become '' so only doc-comment fences are seen.
  const stripped = lines.map(() => '');
  for (const m of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const first = text.slice(0, m.index).split('\n').length - 1;
    const body = m[0].split('\n');
    body.forEach((line, k) => {
      stripped[first + k] = line
        .replace(/^\s*\/\*\*\s?/, '')
        .replace(/\s*\*\/\s*$/, '')
        .replace(/^\s*\* ?/, '');
    });
  }
  return extractBlocks(
    label(path),
    stripped,
    lines.map((_, i) => i + 1),
  );
}

/** The files under `dir` (recursively, sorted) whose names pass `keep`; none if it is missing. */
function filesUnder(dir, keep) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name), keep) : [join(dir, e.name)]))
    .filter(keep)
    .sort();
}

const inputs =
  FILES.length > 0
    ? FILES
    : [
        join(ROOT, 'README.md'),
        ...filesUnder(join(ROOT, 'docs'), (p) => p.endsWith('.md')),
        ...filesUnder(join(ROOT, 'src'), (p) => p.endsWith('.ts') && !p.endsWith('.d.ts')),
      ];
const blocks = inputs.flatMap((f) => (f.endsWith('.md') ? markdownBlocks(f) : sourceBlocks(f)));
const checked = blocks.filter((b) => b.skip === undefined);
const skipped = blocks.filter((b) => b.skip !== undefined);

if (LIST) {
  for (const b of blocks) {
    const tags = [b.skip && `skip: ${b.skip}`, b.group && `group ${b.group}`]
      .filter(Boolean)
      .join(', ');
    console.log(`${b.file}:${b.line}${tags ? `  (${tags})` : ''}`);
  }
}

// One module per block, or per group. `origin[i]` maps line i+1 of the module to its source.
function imports(block) {
  const source = ts.createSourceFile('x.ts', block.code.join('\n'), ts.ScriptTarget.Latest, true);
  const found = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const from = source.getLineAndCharacterOfPosition(statement.getStart(source)).line;
    const to = source.getLineAndCharacterOfPosition(statement.getEnd()).line;
    found.push({ statement, from, to, source });
  }
  return found;
}

/** The import declarations of several blocks as one deduplicated list, one binding a line. */
function mergedImports(members) {
  const out = new Map(); // key -> { text, origin }
  const add = (key, text, origin) => {
    const seen = out.get(key);
    // A value import wins over a type-only one of the same name.
    if (seen === undefined || (seen.typeOnly && !text.startsWith('import type')))
      out.set(key, { text, origin, typeOnly: text.startsWith('import type') });
  };
  for (const block of members) {
    for (const { statement, from } of imports(block)) {
      const origin = { file: block.file, line: block.codeLines[from] };
      const spec = statement.moduleSpecifier.getText();
      const clause = statement.importClause;
      if (clause === undefined) {
        add(`side:${spec}`, `import ${spec};`, origin);
        continue;
      }
      const typeOnly = clause.isTypeOnly ? 'type ' : '';
      if (clause.name !== undefined)
        add(
          `local:${clause.name.text}`,
          `import ${typeOnly}${clause.name.text} from ${spec};`,
          origin,
        );
      const bindings = clause.namedBindings;
      if (bindings !== undefined && ts.isNamespaceImport(bindings))
        add(
          `local:${bindings.name.text}`,
          `import ${typeOnly}* as ${bindings.name.text} from ${spec};`,
          origin,
        );
      if (bindings !== undefined && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements) {
          const t = clause.isTypeOnly || el.isTypeOnly ? 'type ' : '';
          const name = el.propertyName
            ? `${el.propertyName.getText()} as ${el.name.text}`
            : el.name.text;
          add(`local:${el.name.text}`, `import ${t}{ ${name} } from ${spec};`, origin);
        }
      }
    }
  }
  return [...out.values()];
}

function moduleOf(members) {
  const text = [];
  const origin = [];
  const push = (line, from) => {
    text.push(line);
    origin.push(from);
  };
  const grouped = members.length > 1;
  if (grouped) for (const { text: line, origin: from } of mergedImports(members)) push(line, from);
  for (const block of members) {
    const blank = new Set();
    if (grouped)
      for (const { from, to } of imports(block)) for (let l = from; l <= to; l++) blank.add(l);
    block.code.forEach((line, k) =>
      push(blank.has(k) ? '' : line, { file: block.file, line: block.codeLines[k] }),
    );
  }
  const declares = members.flatMap((b) => b.declares);
  for (const d of declares)
    push(`declare ${d.replace(/;?$/, ';')}`, { file: members[0].file, line: members[0].line - 1 });
  // Every example is a module, so top-level names of two examples never clash.
  push('export {};', { file: members[0].file, line: members[0].line });
  return { text: text.join('\n') + '\n', origin };
}

const units = [];
const groups = new Map();
for (const block of checked) {
  if (block.group === undefined) {
    units.push([block]);
    continue;
  }
  const key = `${block.file}#${block.group}`;
  if (!groups.has(key)) {
    groups.set(key, []);
    units.push(groups.get(key));
  }
  groups.get(key).push(block);
}

// The examples are checked against the built package: a dist/ older than the sources (or than the
// shipped type declarations in types/) would check yesterday's API.
const DIST = join(ROOT, 'dist', 'index.d.mts');
const newest = (dir) =>
  Math.max(0, ...filesUnder(dir, (p) => /\.(ts|cts|mts)$/.test(p)).map((p) => statSync(p).mtimeMs));
if (!existsSync(DIST)) {
  console.error('check-examples: dist/ is missing; run `npm run build` first');
  process.exit(1);
}
if (Math.max(newest(join(ROOT, 'src')), newest(join(ROOT, 'types'))) > statSync(DIST).mtimeMs) {
  console.error('check-examples: dist/ is older than src/ or types/; run `npm run build` first');
  process.exit(1);
}

// The throwaway consumer project.
const scratch = mkdtempSync(join(tmpdir(), 'check-examples-'));
writeFileSync(
  join(scratch, 'package.json'),
  JSON.stringify({ name: 'docs-examples', private: true, type: 'module' }, null, 2),
);
const preludePath = join(scratch, 'prelude.d.ts');
writeFileSync(preludePath, PRELUDE);
const origins = new Map(); // module path -> origin[]
const texts = new Map(); // module path -> text
for (const members of units) {
  const first = members[0];
  const slug = first.file.replace(/[^A-Za-z0-9]+/g, '_');
  const path = join(scratch, `${slug}_L${first.line}.ts`);
  const { text, origin } = moduleOf(members);
  writeFileSync(path, text);
  origins.set(path, origin);
  texts.set(path, text);
}

// Its dependencies: this checkout as `b24-call-card-rx`, and the packages the examples import (and
// @types/jest), linked from the repository's node_modules. A package no example imports is not
// there, as in a user's project; a package the repository does not have stays missing, and the
// example that imports it fails.
const packageOf = (specifier) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
const dependencies = new Set(['@types/jest']);
for (const text of texts.values())
  for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles)
    // A Node built-in (a test that reads a fixture) comes with @types/node, as in a user's tests.
    if (fileName.startsWith('node:')) dependencies.add('@types/node');
    else if (!fileName.startsWith('.') && !fileName.startsWith('/'))
      dependencies.add(packageOf(fileName));
const link = (name, target) => {
  const at = join(scratch, 'node_modules', name);
  mkdirSync(dirname(at), { recursive: true });
  symlinkSync(target, at, 'junction');
};
for (const name of dependencies) {
  if (name === 'b24-call-card-rx') link(name, ROOT);
  else if (existsSync(join(ROOT, 'node_modules', name)))
    link(name, join(ROOT, 'node_modules', name));
}

// A consumer's strict tsconfig (as a Vite or Angular app has it), minus the unused-name checks: an
// example may well declare a value only to show its type. Nothing of the repository's own
// configuration: the examples see only what a user's project sees.
const CONSUMER_OPTIONS = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitOverride: true,
  noFallthroughCasesInSwitch: true,
  isolatedModules: true,
  verbatimModuleSyntax: true,
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
  types: dependencies.has('@types/node') ? ['jest', 'node'] : ['jest'],
};

// One program per set of `/// <reference ...>` directives: a reference declares its globals for
// the whole program, so modules that reference nothing must not share one with those that do.
// The programs share parsed files (the libraries' declarations) through one host.
const host = ts.createCompilerHost(CONSUMER_OPTIONS);
const parsed = new Map();
const parse = host.getSourceFile.bind(host);
host.getSourceFile = (fileName, ...rest) => {
  if (!parsed.has(fileName)) parsed.set(fileName, parse(fileName, ...rest));
  return parsed.get(fileName);
};
const programs = new Map(); // reference key -> module paths
for (const [path, text] of texts) {
  const info = ts.preProcessFile(text, true, true);
  const key = JSON.stringify(
    [...info.typeReferenceDirectives, ...info.referencedFiles].map((r) => r.fileName).sort(),
  );
  if (!programs.has(key)) programs.set(key, []);
  programs.get(key).push(path);
}

// Where a consumer's compiler finds the package: its exports, into dist/ (and types/).
const ENTRIES = [
  'b24-call-card-rx',
  'b24-call-card-rx/testing',
  'b24-call-card-rx/angular',
  'b24-call-card-rx/devtools',
  'b24-call-card-rx/bx24-global',
];
const resolvedAs = ENTRIES.map((entry) => {
  const { resolvedModule } = ts.resolveModuleName(entry, preludePath, CONSUMER_OPTIONS, host);
  return `${entry} -> ${resolvedModule ? label(resolvedModule.resolvedFileName) : 'not found'}`;
});

const problems = [];
const describe = (d) => ts.flattenDiagnosticMessageText(d.messageText, '\n');
for (const line of resolvedAs)
  if (line.endsWith(' not found'))
    problems.push(`(resolution) ${line}: the package does not export it`);
const seen = new Set();
const once = (text) => {
  if (seen.has(text)) return;
  seen.add(text);
  problems.push(text);
};
for (const paths of programs.values()) {
  const program = ts.createProgram([preludePath, ...paths], CONSUMER_OPTIONS, host);
  for (const d of [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()])
    once(`(compiler) TS${d.code}: ${describe(d)}`);
  for (const path of paths) {
    const origin = origins.get(path);
    const sf = program.getSourceFile(path);
    const diagnostics = [
      ...program.getSyntacticDiagnostics(sf),
      ...program.getSemanticDiagnostics(sf),
    ];
    for (const d of diagnostics) {
      const { line } = sf.getLineAndCharacterOfPosition(d.start ?? 0);
      const at = origin[line] ?? origin[origin.length - 1];
      const code = sf.text.split('\n')[line]?.trim() ?? '';
      once(`${at.file}:${at.line}: TS${d.code}: ${describe(d)}\n    ${code}`);
    }
  }
  for (const d of program.getSemanticDiagnostics(program.getSourceFile(preludePath)))
    once(`(prelude) TS${d.code}: ${describe(d)}`);
}

const inMarkdown = checked.filter((b) => b.file.endsWith('.md')).length;
const markdownFiles = new Set(checked.filter((b) => b.file.endsWith('.md')).map((b) => b.file));
// Marble diagrams written as ```ts comments: counted, but there is nothing in them to check.
const commentOnly = checked.filter((b) =>
  b.code.every((line) => line.trim() === '' || line.trim().startsWith('//')),
).length;
console.log(
  `check-examples: ${checked.length} examples checked (${inMarkdown} in ${markdownFiles.size} ` +
    `Markdown files, ` +
    `${checked.length - inMarkdown} in JSDoc; ${commentOnly} of them comments only, e.g. marble ` +
    `diagrams) as ${units.length} modules; ${skipped.length} skipped`,
);
console.log(`  resolved as a consumer resolves them: ${resolvedAs.join(', ')}`);
for (const b of skipped) console.log(`  skipped ${b.file}:${b.line}: ${b.skip}`);
if (KEEP) console.log(`the consumer project is kept in ${scratch}`);
else rmSync(scratch, { recursive: true, force: true });
if (problems.length > 0) {
  console.log(`\n${problems.length} error(s):\n`);
  for (const p of problems) console.log(p);
  if (!KEEP) console.log('\n(run with --keep to inspect the generated consumer project)');
  process.exit(1);
}
console.log('ok: every example typechecks');
