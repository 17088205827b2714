// The oldest Lit that package.json allows must really work: a host may have it. `litFloor()`
// puts that release (the floor of the `lit` range), with the oldest parts its own package.json
// allows, in tmp/lit-floor/node_modules, beside the locked copies rather than in their place, and
// says how to reach it: the strict-CSP group of web-test-runner.config.mjs loads the element
// suites with an import map that sends the locked copies' addresses there. So the floor is
// checked in `npm test` without touching node_modules, while anything else runs beside it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const DIR = path.resolve('tmp/lit-floor');
const MODULES = path.join(DIR, 'node_modules');

/** The lowest version a `^x.y.z` / `~x.y.z` / `x.y.z` range allows. */
const floorOf = (range) => {
  const match = /^[~^]?(\d+\.\d+\.\d+)$/.exec(String(range).trim());
  if (!match) throw new Error(`cannot take the floor of the range "${range}"`);
  return match[1];
};

const versionIn = (dir) => {
  try {
    return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
};

/**
 * Fetches the floor when tmp/ lacks it (npm's registry and cache; about 5 s), and answers
 * `{ packages: { name: version }, modules }`: every package of the floor with its version, and
 * the folder (under the project root, so the test server serves it) that holds them.
 */
export function litFloor() {
  const range = JSON.parse(readFileSync('package.json', 'utf8')).dependencies.lit;
  const recorded = path.join(DIR, 'floor.json');
  // What the range's floor was found to be last time: a run with the same range asks no registry.
  let packages;
  try {
    const saved = JSON.parse(readFileSync(recorded, 'utf8'));
    if (saved.range === range && Object.entries(saved.packages).every(([name, version]) => versionIn(path.join(MODULES, name)) === version)) packages = saved.packages;
  } catch {
    // Not fetched yet, or by another range: fetched below.
  }
  if (packages) return { packages, modules: MODULES };
  const lit = floorOf(range);
  try {
    const parts = JSON.parse(execFileSync('npm', ['view', `lit@${lit}`, 'dependencies', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
    packages = { lit, ...Object.fromEntries(Object.entries(parts).map(([name, partRange]) => [name, floorOf(partRange)])) };
    rmSync(DIR, { recursive: true, force: true });
    const packs = path.join(DIR, 'packs');
    mkdirSync(packs, { recursive: true });
    for (const [name, version] of Object.entries(packages)) {
      // `npm pack` fetches the release's tarball (through npm's cache) without installing it.
      const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', `${name}@${version}`, '--json', '--pack-destination', packs], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
      const into = path.join(MODULES, name);
      mkdirSync(into, { recursive: true });
      execFileSync('tar', ['-xzf', path.join(packs, filename), '-C', into, '--strip-components=1']);
    }
    rmSync(packs, { recursive: true, force: true });
  } catch (error) {
    throw new Error(`The oldest Lit package.json allows (lit ${range}) could not be fetched from npm's registry; run \`npm view lit@${lit}\` to see why. (${String(error.message).split('\n')[0]})`);
  }
  writeFileSync(recorded, JSON.stringify({ range, packages }));
  return { packages, modules: MODULES };
}

/** Lit and its parts as node_modules holds them (the locked copies), each with its version. */
export function litLocked() {
  const parts = Object.keys(JSON.parse(readFileSync('node_modules/lit/package.json', 'utf8')).dependencies);
  return Object.fromEntries(['lit', ...parts].map((name) => [name, versionIn(path.join('node_modules', name))]));
}

/**
 * The import map that loads the floor where the locked copies would load: the test server turns
 * `import 'lit'` into `/node_modules/lit/…`, and the map sends each such address to the same
 * file of the floor's copy. The floor's own imports resolve inside its folder.
 */
export function litFloorImportMap({ packages, modules }) {
  const base = `/${path.relative(process.cwd(), modules).split(path.sep).join('/')}`;
  return JSON.stringify({ imports: Object.fromEntries(Object.keys(packages).map((name) => [`/node_modules/${name}/`, `${base}/${name}/`])) });
}
