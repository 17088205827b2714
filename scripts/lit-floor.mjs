// The oldest Lit that package.json allows must really work: a host may have it. This installs
// that release (the floor of the `lit` range) with the oldest parts its own package.json allows,
// runs the element suites in Chromium against it, and puts the locked versions back with
// `npm ci`. CI runs it before `npm test`; alone: `node scripts/lit-floor.mjs`.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The lowest version a `^x.y.z` / `~x.y.z` / `x.y.z` range allows. */
const floorOf = (range) => {
  const match = /^[~^]?(\d+\.\d+\.\d+)$/.exec(String(range).trim());
  if (!match) throw new Error(`cannot take the floor of the range "${range}"`);
  return match[1];
};

/** Element suites: every element rendered, edited and driven by keyboard. */
const SUITES = ['button-bar', 'checklist', 'contact-card', 'card-actions', 'timeline', 'data-provider', 'lift-element', 'i18n'].map((name) => `test/${name}.test.ts`);

const npm = (args) => execFileSync('npm', args, { stdio: 'inherit' });
const range = JSON.parse(readFileSync('package.json', 'utf8')).dependencies.lit;
const lit = floorOf(range);
const parts = JSON.parse(execFileSync('npm', ['view', `lit@${lit}`, 'dependencies', '--json'], { encoding: 'utf8' }));
const pinned = [`lit@${lit}`, ...Object.entries(parts).map(([name, partRange]) => `${name}@${floorOf(partRange)}`)];
console.log(`Lit floor (package.json says ${range}): ${pinned.join(', ')}`);
let status = 1;
try {
  npm(['install', '--no-save', '--no-audit', '--no-fund', '--no-progress', ...pinned]);
  const installed = JSON.parse(readFileSync('node_modules/lit/package.json', 'utf8')).version;
  if (installed !== lit) throw new Error(`node_modules has lit ${installed}, not ${lit}`);
  status = spawnSync(process.execPath, ['scripts/test.mjs', '--unit', '--engines=chromium', '--files', ...SUITES], { stdio: 'inherit' }).status ?? 1;
} finally {
  npm(['ci', '--no-progress', '--no-audit', '--no-fund']);
}
console.log(status === 0 ? `The element suites pass on lit ${lit}.` : `The element suites fail on lit ${lit}: raise the floor in package.json or fix the code.`);
process.exit(status);
