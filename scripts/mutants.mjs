// `npm run mutants`: plants one small, plausible bug at a time in src/ and runs the Chromium
// suites that should notice it. Every mutant must be caught (some test fails); a mutant that
// survives means a promise of the library that no test holds. First the chosen suites run
// without any mutant and must pass, or "caught" would mean nothing. Each source file is put
// back after its run, also when the script is interrupted.
//   node scripts/mutants.mjs            all mutants
//   node scripts/mutants.mjs M03 M07    only these
// Prints a table (mutant, what it breaks, the tests that caught it) and ends with
// `N passed, N failed, 0 skipped` (a caught mutant passes).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { misplacedMutants, MUTANTS } from './mutants-list.mjs';

const selected = process.argv.slice(2).filter((a) => /^M\d+$/.test(a));
const mutants = selected.length ? MUTANTS.filter((m) => selected.includes(m.id)) : MUTANTS;

/** Runs the Chromium suites of `tests`; answers whether they passed and the names of failed tests. */
function runSuites(tests) {
  const files = tests.map((t) => `test/${t}.test.ts`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/test.mjs', '--unit', '--engines=chromium', '--files', ...files], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => {
      const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
      const failed = [...new Set([...plain.matchAll(/❌ (.+)/g)].map((m) => m[1].trim()))];
      resolve({ passed: code === 0, failed, output });
    });
  });
}

let restore;
const putBack = () => restore?.();
process.on('SIGINT', () => {
  putBack();
  process.exit(130);
});
process.on('SIGTERM', () => {
  putBack();
  process.exit(143);
});

// Every mutant's text must be where it says, exactly once, before anything runs.
const misplaced = misplacedMutants(mutants);
if (misplaced.length) {
  console.error(misplaced.join('\n'));
  process.exit(1);
}

const allTests = [...new Set(mutants.flatMap((m) => m.tests))];
console.log(`Baseline: ${allTests.join(', ')} without mutants…`);
const baseline = await runSuites(allTests);
if (!baseline.passed) {
  console.log(baseline.output.split('\n').slice(-40).join('\n'));
  console.log('The suites fail without any mutant; fix them first.');
  console.log('0 passed, 1 failed, 0 skipped');
  process.exit(1);
}

const rows = [];
for (const m of mutants) {
  const original = readFileSync(m.file, 'utf8');
  restore = () => writeFileSync(m.file, original);
  writeFileSync(m.file, original.replace(m.find, m.replace));
  const started = Date.now();
  let result;
  try {
    result = await runSuites(m.tests);
  } finally {
    putBack();
    restore = undefined;
  }
  const caught = !result.passed;
  const by = result.failed.length ? result.failed : caught ? ['(the run failed: see its output)'] : [];
  rows.push({ ...m, caught, by });
  console.log(`${caught ? '✓ caught  ' : '✗ SURVIVED'} ${m.id} ${m.file}: ${m.breaks} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  for (const name of by.slice(0, 4)) console.log(`      by ${name}`);
  if (by.length > 4) console.log(`      and ${by.length - 4} more`);
}

console.log('\n| mutant | file | what it breaks | caught by |\n|---|---|---|---|');
for (const r of rows) console.log(`| ${r.id} | \`${r.file}\` | ${r.breaks} | ${r.caught ? r.by.slice(0, 2).join('; ') : '**survived**'} |`);
const survived = rows.filter((r) => !r.caught).length;
console.log(`${rows.length - survived} passed, ${survived} failed, 0 skipped`);
process.exit(survived ? 1 : 0);
