// CI: the committed custom-elements.json must equal a fresh `cem analyze`, and the version the
// elements announce must be the package's.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

// cem joins --outdir to the working directory, so it must be a relative path.
const dir = path.join('node_modules', '.cache', 'lift-cem-check');
mkdirSync(dir, { recursive: true });
let failed = false;
try {
  const result = spawnSync('npx', ['--no-install', 'cem', 'analyze', '--quiet', '--outdir', dir], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('cem analyze failed');
  const fresh = readFileSync(path.join(dir, 'custom-elements.json'), 'utf8');
  const committed = readFileSync('custom-elements.json', 'utf8');
  if (fresh !== committed) {
    spawnSync("diff", [path.join(dir, "custom-elements.json"), "custom-elements.json"], { stdio: "inherit" });
    console.error('custom-elements.json is stale: run `npm run analyze` and commit the result.');
    failed = true;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const announced = /VERSION = '([^']+)'/.exec(readFileSync('src/internal/version.ts', 'utf8'))?.[1];
if (announced !== pkg.version) {
  console.error(`src/internal/version.ts says ${announced}, package.json says ${pkg.version}: make them equal.`);
  failed = true;
}
if (!failed) console.log('custom-elements.json is current.');
process.exit(failed ? 1 : 0);
