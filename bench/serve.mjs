// What the bench scripts share in Node: building the library first, serving the repository's
// files to the benchmark pages, and the team server seeded with the demo data.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { serverDatabase, startServerProcess } from '../scripts/team-server.mjs';

const types = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css' };

/** Builds the library unless `--no-build` was given; exits when the build fails. */
export function buildUnlessAsked() {
  if (process.argv.includes('--no-build')) return;
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}

/** Serves the working directory on a free loopback port: answers the server and its address. */
export async function serveFiles() {
  const server = http.createServer((req, res) => {
    const file = path.resolve('.' + new URL(req.url, 'http://x').pathname);
    if (!file.startsWith(process.cwd()) || !existsSync(file) || statSync(file).isDirectory()) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

/**
 * Starts the reference server on `db` (database `lift_bench`) seeded with the demo data, `seed`
 * adding its settings (e.g. `LIFT_SEED_CONTACTS`), open to pages served from `base`. Answers the
 * server process and the seconds seeding and starting took.
 */
export async function seededTeamServer(db, base, seed) {
  const started = Date.now();
  const server = await startServerProcess({
    ...(await serverDatabase(db, 'lift_bench')),
    PORT: '0',
    LIFT_SEED: 'demo',
    ...seed,
    LIFT_CORS_ORIGINS: base,
  });
  return { server, seconds: (Date.now() - started) / 1000 };
}
