// Typechecks every TypeScript example a user reads, against the library's SOURCE:
// the ```ts blocks of README.md and of the guides (docs/**/*.md), and the ```ts blocks inside the
// JSDoc of src/**/*.ts.
//
// Each block becomes its own module in a scratch folder (under node_modules/.cache, so `rxjs`,
// `@bitrix24/b24jssdk` and @types/jest resolve as they do for the project) and the whole set is
// checked in one TypeScript program, with `b24-call-card-rx` mapped to src/index.ts,
// `b24-call-card-rx/testing` to src/testing/index.ts and `b24-call-card-rx/angular` to
// src/angular/index.ts.
//
// Context an example uses but does not define comes from one small ambient prelude (PRELUDE
// below): `placement`, `card` and the classic `BX24` global. An example's own declarations shadow
// it. Anything else an example needs, it must define (or declare) itself.
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
//   --keep  keep the generated modules (in node_modules/.cache/check-examples/run-*) to inspect
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
  writeFileSync,
} from 'node:fs';
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
// from connectCallCard", "the portal's BX24 script").
const PRELUDE = `// Ambient context of the examples (scripts/check-examples.mjs).
/** The app's placement: fromBX24(), fromB24Frame($b24) or a fake from b24-call-card-rx/testing. */
declare const placement: import('b24-call-card-rx').PlacementPort;
/** The app's facade: connectCallCard(placement). */
declare const card: import('b24-call-card-rx').CallCard;
/** The classic BX24 object of the portal's script. */
declare const BX24: import('b24-call-card-rx').Bx24Like & { init(callback: () => void): void };
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

const cacheRoot = join(ROOT, 'node_modules', '.cache', 'check-examples');
mkdirSync(cacheRoot, { recursive: true });
const scratch = mkdtempSync(join(cacheRoot, 'run-'));
const preludePath = join(scratch, 'prelude.d.ts');
writeFileSync(preludePath, PRELUDE);
const origins = new Map(); // module path -> origin[]
for (const members of units) {
  const first = members[0];
  const slug = first.file.replace(/[^A-Za-z0-9]+/g, '_');
  const path = join(scratch, `${slug}_L${first.line}.ts`);
  const { text, origin } = moduleOf(members);
  writeFileSync(path, text);
  origins.set(path, origin);
}

// The project's strictness (tsconfig.json), minus the unused-name checks: an example may well
// declare a value only to show its type.
const options = {
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
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
  types: ['jest', 'node'],
  typeRoots: [join(ROOT, 'node_modules', '@types')],
  paths: {
    'b24-call-card-rx': [join(ROOT, 'src', 'index.ts')],
    'b24-call-card-rx/testing': [join(ROOT, 'src', 'testing', 'index.ts')],
    'b24-call-card-rx/angular': [join(ROOT, 'src', 'angular', 'index.ts')],
  },
};
const program = ts.createProgram([preludePath, ...origins.keys()], options);

const problems = [];
const describe = (d) => ts.flattenDiagnosticMessageText(d.messageText, '\n');
for (const d of [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()])
  problems.push(`(compiler) TS${d.code}: ${describe(d)}`);
for (const [path, origin] of origins) {
  const sf = program.getSourceFile(path);
  const diagnostics = [
    ...program.getSyntacticDiagnostics(sf),
    ...program.getSemanticDiagnostics(sf),
  ];
  for (const d of diagnostics) {
    const { line } = sf.getLineAndCharacterOfPosition(d.start ?? 0);
    const at = origin[line] ?? origin[origin.length - 1];
    const code = sf.text.split('\n')[line]?.trim() ?? '';
    problems.push(`${at.file}:${at.line}: TS${d.code}: ${describe(d)}\n    ${code}`);
  }
}
for (const d of program.getSemanticDiagnostics(program.getSourceFile(preludePath)))
  problems.push(`(prelude) TS${d.code}: ${describe(d)}`);

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
for (const b of skipped) console.log(`  skipped ${b.file}:${b.line}: ${b.skip}`);
if (KEEP) console.log(`generated modules kept in ${relative(ROOT, scratch)}`);
else rmSync(scratch, { recursive: true, force: true });
if (problems.length > 0) {
  console.log(`\n${problems.length} error(s):\n`);
  for (const p of problems) console.log(p);
  if (!KEEP) console.log('\n(run with --keep to inspect the generated modules)');
  process.exit(1);
}
console.log('ok: every example typechecks');
