// A static check over src/: nothing that turns text into markup or code. User text must reach
// the page only through Lit's escaped bindings (see README "Reliability and security").
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

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

/** @returns {{passed:number, failed:number, skipped:number}} */
export function checkSource(root = 'src') {
  const problems = [];
  for (const file of files(root)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      // Comments may name what they avoid.
      const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '').replace(/\/\*.*?\*\//g, '');
      for (const [name, pattern] of FORBIDDEN) if (pattern.test(code)) problems.push(`${file}:${i + 1}: ${name}: ${line.trim()}`);
    });
  }
  if (problems.length) console.log(`  ✗ source: text must never become markup or code\n      ${problems.join('\n      ')}`);
  else console.log('  ✓ source: no unsafeHTML, unsafeSVG, unsafeStatic, innerHTML, eval or new Function in src/');
  return { passed: problems.length ? 0 : 1, failed: problems.length ? 1 : 0, skipped: 0 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const totals = checkSource();
  process.exit(totals.failed ? 1 : 0);
}
