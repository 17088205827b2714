// A private PostgreSQL for the team server, its tests and `npm run start:team`: Debian's
// PostgreSQL (installed from apt when missing and we are root), a cluster of our own under
// tmp/pg (initdb refuses root, so as root it runs as the `postgres` user), listening on
// loopback only with trust auth. Nothing here touches the machine's own cluster.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const isRoot = process.getuid?.() === 0;

function binDir() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const version = readdirSync(base).filter((v) => existsSync(path.join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))[0];
  return version && path.join(base, version, 'bin');
}

/** The PostgreSQL binaries; installs Debian's package as root, else stops with what to run. */
export function ensurePostgresInstalled() {
  let bin = binDir();
  if (bin) return bin;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error('PostgreSQL is missing: run `sudo apt-get install -y postgresql` (or set PGHOST/PGPORT to a server of yours).');
    process.exit(1);
  }
  console.log('Installing PostgreSQL from apt…');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  bin = binDir();
  if (!bin) throw new Error('apt-get installed postgresql, but no initdb was found under /usr/lib/postgresql.');
  return bin;
}

const asOwner = (command, args, options = {}) =>
  isRoot ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], options) : spawnSync(command, args, options);

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts (creating when missing) a cluster in `dir` on `port` and answers its connection
 * settings plus `stop()` and `restart()`.
 */
export async function startPostgres({ dir = path.resolve('tmp/pg'), port, fresh = false } = {}) {
  const bin = ensurePostgresInstalled();
  port ??= await freePort();
  const data = path.join(dir, 'data');
  const pgCtl = (...args) => asOwner(path.join(bin, 'pg_ctl'), ['-D', data, ...args], { encoding: 'utf8' });
  // An instance left over by a killed run goes first, before its files do.
  if (existsSync(path.join(data, 'postmaster.pid'))) pgCtl('-m', 'immediate', '-w', 'stop');
  if (fresh) rmSync(dir, { recursive: true, force: true });
  if (!existsSync(path.join(data, 'PG_VERSION'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(data, { recursive: true });
    chmodSync(dir, 0o755);
    if (isRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      chownSync(dir, uid, gid);
      chownSync(data, uid, gid);
    }
    const init = asOwner(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'], { encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  }
  // Throwaway clusters (tests) skip fsync; the one `npm run server` keeps under tmp/pg does not.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=${fresh ? 'off' : 'on'} -c max_connections=200`;
  const start = () => {
    const result = pgCtl('-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start');
    if (result.status !== 0) throw new Error(`PostgreSQL did not start: ${result.stderr || result.stdout}`);
  };
  start();
  return {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    dir,
    stop: () => void pgCtl('-m', 'fast', '-w', 'stop'),
    /** Stops hard (as a crash would) and starts again on the same port. */
    restart: () => {
      pgCtl('-m', 'immediate', '-w', 'stop');
      start();
    },
  };
}
