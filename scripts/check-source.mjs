// A static check over src/: nothing that turns text into markup or code. User text must reach
// the page only through Lit's escaped bindings (see README "Reliability and security").
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { misplacedMutants } from './mutants-list.mjs';

const FORBIDDEN = [
  ['unsafeHTML', /\bunsafeHTML\b/],
  ['unsafeSVG', /\bunsafeSVG\b/],
  ['unsafeStatic', /\bunsafeStatic\b/],
  ['unsafeCSS', /\bunsafeCSS\b/],
  ['innerHTML', /\binnerHTML\b/],
  ['outerHTML', /\bouterHTML\b/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['document.write', /\bdocument\.write(ln)?\s*\(/],
  ['eval', /(^|[^\w.])eval\s*\(/],
  ['new Function', /\bnew\s+Function\s*\(/],
  ['string timers', /\bset(Timeout|Interval)\s*\(\s*['"`]/],
  ['javascript: URLs', /javascript:/i],
];

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? files(file) : /\.(ts|js)$/.test(name) ? [file] : [];
  });
}

/** Every source file below `root`, read once for all the checks: its path, its path from the repository, its text. */
const sources = (root) =>
  files(root).map((file) => ({ file, relative: path.relative('.', file).split(path.sep).join('/'), text: readFileSync(file, 'utf8') }));

/**
 * What elements may import from `src/data/`: the contract and its pure helpers, which live in
 * `src/data/contract/`. The rule engine and its storage backends (`engine/`), the adapters
 * (`adapters/`) and the demo data (`demo/`) are reached only through an adapter in context
 * (`src/context/` is the one place that names the built-in one), so a host's adapter replaces
 * all of them.
 */
const CONTRACT = /^src\/data\/contract\//;
const LAYERED = /^src\/(contact-card|contact-timeline|checklist|button-bar|data-provider|internal|i18n|conformance)\/|^src\/((bar-choice-|bar-|sync-)?events|vocabulary)\.ts$/;

/** Imports from elements (and the kit) into the data layer beyond its contract. */
function layerProblems(tree) {
  const problems = [];
  for (const { file, relative, text } of tree) {
    if (!LAYERED.test(relative)) continue;
    // Either quote: a formatter may write them, and a check that reads one kind misses the other.
    for (const [, single, double] of text.matchAll(/(?:from|import)\s*\(?\s*(?:'([^']+)'|"([^"]+)")/g)) {
      const target = single ?? double;
      if (!target.startsWith('.')) continue;
      const resolved = path.relative('.', path.resolve(path.dirname(file), target)).split(path.sep).join('/');
      if (resolved.startsWith('src/data/') && !CONTRACT.test(resolved)) problems.push(`${relative} imports ${target}`);
    }
  }
  return problems;
}

/**
 * Where elements and the kit put dates and numbers into words without the shared formatters of
 * `src/i18n/` (one format per language and options, made once, the same words in
 * every element). The data layer is not read: the date it writes is a document's own text
 * (`{{today}}`), in the document's time zone.
 */
function formatProblems(tree) {
  const problems = [];
  for (const { relative, text } of tree) {
    if (!LAYERED.test(relative) || relative.startsWith('src/i18n/')) continue;
    text.split('\n').forEach((line, i) => {
      if (/\.toLocale(Date|Time)?String\s*\(|\bIntl\./.test(line)) problems.push(`${relative}:${i + 1}: ${line.trim()}`);
    });
  }
  return problems;
}

/**
 * A template that begins with a space on its own line (html` · ${x}`, html` <span>`): the build's
 * minifier drops that space, so words ran together in the package ("Achternaam(verplicht)", "2
 * open· P-2025-0001") while the tests, on the source, saw them apart. A string, or [' ', html`…`],
 * keeps it.
 */
function spaceProblems(tree) {
  const problems = [];
  for (const { relative, text } of tree) {
    text.split('\n').forEach((line, i) => {
      if (/html` +[^\s`]/.test(line)) problems.push(`${relative}:${i + 1}: ${line.trim()}`);
    });
  }
  return problems;
}

/**
 * Source files too long to hold in one's head: no file over about 500 lines, and the card's
 * element, which once held everything in 1 575 lines, at most 450 (its parts are controllers and
 * render modules beside it).
 */
const LONGEST = 500;
const CARD = 'src/contact-card/contact-card.ts';
function lengthProblems(tree) {
  return tree.flatMap(({ relative, text }) => {
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    const most = relative === CARD ? 450 : LONGEST;
    return lines > most ? [`${relative}: ${lines} lines (at most ${most})`] : [];
  });
}

/** @returns {{passed:number, failed:number, skipped:number}} */
export function checkSource(root = 'src') {
  const tree = sources(root);
  const layers = layerProblems(tree);
  if (layers.length) console.log(`  ✗ source: elements reach data only through the contract\n      ${layers.join('\n      ')}`);
  else console.log('  ✓ source: elements and the kit import only the data contract (no engine, backend or adapter)');
  const formats = formatProblems(tree);
  if (formats.length) console.log(`  ✗ source: dates and numbers are put into words by the shared formatters\n      ${formats.join('\n      ')}`);
  else console.log('  ✓ source: elements put dates and numbers into words only through src/i18n/');
  const problems = [];
  for (const { file, text } of tree) {
    text.split('\n').forEach((line, i) => {
      // Comments may name what they avoid.
      const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '').replace(/\/\*.*?\*\//g, '');
      for (const [name, pattern] of FORBIDDEN) if (pattern.test(code)) problems.push(`${file}:${i + 1}: ${name}: ${line.trim()}`);
    });
  }
  if (problems.length) console.log(`  ✗ source: text must never become markup or code\n      ${problems.join('\n      ')}`);
  else console.log('  ✓ source: no unsafeHTML, unsafeSVG, unsafeStatic, innerHTML, eval or new Function in src/');
  // The mutation run is too long for npm test, but a refactoring that moves a planted bug's text
  // would leave it unable to run; that shows here at once.
  const misplaced = misplacedMutants();
  if (misplaced.length) console.log(`  ✗ source: the planted bugs of npm run mutants find their places\n      ${misplaced.join('\n      ')}`);
  else console.log('  ✓ source: the planted bugs of npm run mutants find their places in src/');
  const long = lengthProblems(tree);
  if (long.length) console.log(`  ✗ source: files stay short enough to read whole\n      ${long.join('\n      ')}`);
  else console.log(`  ✓ source: no file in src/ over ${LONGEST} lines, the card's element at most 450`);
  const spaces = spaceProblems(tree);
  if (spaces.length) console.log(`  ✗ source: no template begins with a space the build would drop\n      ${spaces.join('\n      ')}`);
  else console.log('  ✓ source: no template begins with a space the build would drop');
  const failed = [problems, layers, formats, misplaced, long, spaces].filter((list) => list.length).length;
  return { passed: 6 - failed, failed, skipped: 0 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const totals = checkSource();
  process.exit(totals.failed ? 1 : 0);
}
