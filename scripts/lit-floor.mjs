// The oldest Lit that package.json allows must really work: a host may have it. This puts that
// release (the floor of the `lit` range), with the oldest parts its own package.json allows, in
// place of the locked ones in node_modules, runs the element suites in Chromium against it, and
// puts the locked ones back. The locked copies are moved aside, not reinstalled: a rename each
// way, where `npm install` and `npm ci` took 45 s. CI runs it before `npm test`; alone:
// `node scripts/lit-floor.mjs`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

/** The lowest version a `^x.y.z` / `~x.y.z` / `x.y.z` range allows. */
const floorOf = (range) => {
  const match = /^[~^]?(\d+\.\d+\.\d+)$/.exec(String(range).trim());
  if (!match) throw new Error(`cannot take the floor of the range "${range}"`);
  return match[1];
};

/** Element suites: every element rendered, edited and driven by keyboard. */
const SUITES = ['button-bar', 'checklist', 'contact-card', 'card-actions', 'timeline', 'data-provider', 'lift-element', 'i18n'].map((name) => `test/${name}.test.ts`);

const range = JSON.parse(readFileSync('package.json', 'utf8')).dependencies.lit;
const lit = floorOf(range);
const parts = JSON.parse(execFileSync('npm', ['view', `lit@${lit}`, 'dependencies', '--json'], { encoding: 'utf8' }));
const pinned = [`lit@${lit}`, ...Object.entries(parts).map(([name, partRange]) => `${name}@${floorOf(partRange)}`)];
console.log(`Lit floor (package.json says ${range}): ${pinned.join(', ')}`);
// The locked copies wait here while the floor is in place; a run stopped halfway is undone first.
const SAVED = path.resolve('tmp/lit-floor/locked');
const PACKS = path.resolve('tmp/lit-floor/packs');
const restore = () => {
  if (!existsSync(SAVED)) return;
  for (const name of listSaved()) {
    rmSync(path.join('node_modules', name), { recursive: true, force: true });
    renameSync(path.join(SAVED, name), path.join('node_modules', name));
  }
  rmSync(SAVED, { recursive: true, force: true });
};
/** Package names under SAVED, scoped ones as `@scope/name`. */
const listSaved = () =>
  readdirSync(SAVED).flatMap((entry) => (entry.startsWith('@') ? readdirSync(path.join(SAVED, entry)).map((name) => `${entry}/${name}`) : [entry]));

restore();
let status = 1;
try {
  rmSync(PACKS, { recursive: true, force: true });
  mkdirSync(PACKS, { recursive: true });
  for (const spec of pinned) {
    const name = spec.slice(0, spec.lastIndexOf('@'));
    // `npm pack` fetches the release's tarball (through npm's cache) without installing it.
    const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', spec, '--json', '--pack-destination', PACKS], { encoding: 'utf8' }));
    mkdirSync(path.dirname(path.join(SAVED, name)), { recursive: true });
    renameSync(path.join('node_modules', name), path.join(SAVED, name));
    mkdirSync(path.join('node_modules', name), { recursive: true });
    execFileSync('tar', ['-xzf', path.join(PACKS, filename), '-C', path.join('node_modules', name), '--strip-components=1']);
  }
  const installed = JSON.parse(readFileSync('node_modules/lit/package.json', 'utf8')).version;
  if (installed !== lit) throw new Error(`node_modules has lit ${installed}, not ${lit}`);
  status = spawnSync(process.execPath, ['scripts/test.mjs', '--unit', '--engines=chromium', '--files', ...SUITES], { stdio: 'inherit' }).status ?? 1;
} finally {
  restore();
  rmSync(PACKS, { recursive: true, force: true });
}
console.log(status === 0 ? `The element suites pass on lit ${lit}.` : `The element suites fail on lit ${lit}: raise the floor in package.json or fix the code.`);
process.exit(status);
