// A private PostgreSQL for the team server, its tests and `npm run start:team`: Debian's
// PostgreSQL (installed from apt when missing and we are root), a cluster of our own under
// tmp/pg (initdb refuses root, so as root it runs as the `postgres` user), listening on
// loopback only. Every connection needs a password (scram-sha-256): the superuser's and the
// app role's are generated and kept in owner-only files beside the cluster
// (`postgres.password`, `app.password`); the socket lives in an owner-only folder. The team
// server connects as the app role (`lift_app`): no superuser, owner of its schema and nothing
// else. Nothing here touches the machine's own cluster.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

/** The role the team server connects as. */
export const APP_ROLE = 'lift_app';

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

/** The cluster's OS owner (uid, gid): `postgres` when we are root, else ourselves. */
function clusterOwner() {
  if (!isRoot) return undefined;
  return { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) };
}

/** A password kept in `file` (owner-only), made when missing. */
function passwordIn(file, owner) {
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  if (owner) chownSync(file, owner.uid, owner.gid);
  return readFileSync(file, 'utf8').trim();
}

/** Password authentication only: over the socket and over loopback. */
const HBA = `# Written by scripts/postgres.mjs: every connection needs its role's password.
local all all scram-sha-256
host  all all 127.0.0.1/32 scram-sha-256
host  all all ::1/128 scram-sha-256
`;

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
  const socket = path.join(dir, 'socket');
  const owner = clusterOwner();
  const pgCtl = (...args) => asOwner(path.join(bin, 'pg_ctl'), ['-D', data, ...args], { encoding: 'utf8' });
  // An instance left over by a killed run goes first, before its files do.
  if (existsSync(path.join(data, 'postmaster.pid'))) pgCtl('-m', 'immediate', '-w', 'stop');
  if (fresh) rmSync(dir, { recursive: true, force: true });
  const superuserFile = path.join(dir, 'postgres.password');
  if (!existsSync(path.join(data, 'PG_VERSION'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(data, { recursive: true });
    chmodSync(dir, 0o755);
    if (owner) {
      chownSync(dir, owner.uid, owner.gid);
      chownSync(data, owner.uid, owner.gid);
    }
    passwordIn(superuserFile, owner); // read by initdb, which runs as the cluster's owner
    const init = asOwner(
      path.join(bin, 'initdb'),
      ['-D', data, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${superuserFile}`, '-E', 'UTF8', '--locale=C.UTF-8'],
      { encoding: 'utf8' },
    );
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
    writeFileSync(path.join(data, 'pg_hba.conf'), HBA);
  }
  mkdirSync(socket, { recursive: true });
  chmodSync(socket, 0o700);
  if (owner) chownSync(socket, owner.uid, owner.gid);
  // Throwaway clusters (tests) skip fsync; the one `npm run server` keeps under tmp/pg does not.
  const options = `-p ${port} -k ${socket} -c unix_socket_permissions=0700 -c listen_addresses=127.0.0.1 -c fsync=${fresh ? 'off' : 'on'} -c max_connections=200`;
  const start = () => {
    const result = pgCtl('-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start');
    if (result.status !== 0) throw new Error(`PostgreSQL did not start: ${result.stderr || result.stdout}`);
  };
  const hbaFile = path.join(data, 'pg_hba.conf');
  if (!existsSync(superuserFile) || readFileSync(hbaFile, 'utf8') !== HBA) {
    // A cluster made before passwords (trust for everyone): given a password, then locked.
    const password = passwordIn(superuserFile, owner);
    start();
    const psql = asOwner(path.join(bin, 'psql'), ['-h', socket, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', `ALTER ROLE postgres PASSWORD '${password}'`], {
      encoding: 'utf8',
      env: { ...process.env, PGPASSWORD: password },
    });
    if (psql.status !== 0) throw new Error(`Could not set the superuser's password: ${psql.stderr || psql.stdout}`);
    writeFileSync(hbaFile, HBA);
    if (owner) chownSync(hbaFile, owner.uid, owner.gid);
    pgCtl('-m', 'fast', '-w', 'stop');
  }
  start();
  const superuserPassword = passwordIn(superuserFile, owner);
  const appPassword = passwordIn(path.join(dir, 'app.password'));
  const db = {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password: superuserPassword,
    /** The team server's role; made (or given its password again) by {@link prepareAppDatabase}. */
    app: { user: APP_ROLE, password: appPassword },
    dir,
    stop: () => void pgCtl('-m', 'fast', '-w', 'stop'),
    /** Stops hard (as a crash would) and starts again on the same port. */
    restart: () => {
      pgCtl('-m', 'immediate', '-w', 'stop');
      start();
    },
  };
  return db;
}

const quoteIdent = (name) => {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`Not a PostgreSQL name: ${name}`);
  return `"${name}"`;
};
/** Errors of a second process doing the same at the same time: already there. */
const already = (error) => {
  if (!['42P04', '42710', '23505', '42P06', 'XX000'].includes(error.code)) throw error;
};

/**
 * As the superuser: makes (or re-passwords) the app role, creates `database` when missing, lets
 * only the app role connect to it, and gives the app role the schema `schema` to own. With
 * `testSpaces` the app role may also create schemas in it (one per test). The app role owns no
 * database and may not create roles or databases.
 */
export async function prepareAppDatabase(db, database, { schema = 'lift', testSpaces = false } = {}) {
  if (!db.app) return;
  const { user, password } = db.app;
  const role = quoteIdent(user);
  const admin = new pg.Client({ host: db.host, port: db.port, user: db.user, password: db.password, database: 'postgres' });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [user]);
    if (!found.rowCount) await admin.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE`).catch(already);
    // The password is ours (base64url), but it is quoted by PostgreSQL all the same.
    const alter = await admin.query('SELECT format($1, $2::text) AS sql', [`ALTER ROLE ${role} PASSWORD %L`, password]);
    await admin.query(alter.rows[0].sql);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!exists.rowCount) await admin.query(`CREATE DATABASE ${quoteIdent(database)}`).catch(already);
    await admin.query(`REVOKE ALL ON DATABASE ${quoteIdent(database)} FROM PUBLIC`);
    await admin.query(`GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${role}`);
    await admin.query(`${testSpaces ? 'GRANT' : 'REVOKE'} CREATE ON DATABASE ${quoteIdent(database)} ${testSpaces ? 'TO' : 'FROM'} ${role}`);
  } finally {
    await admin.end();
  }
  const inside = new pg.Client({ host: db.host, port: db.port, user: db.user, password: db.password, database });
  await inside.connect();
  try {
    // The search indexes' extensions live in `public`, made here: the app role may not.
    for (const extension of ['pg_trgm', 'btree_gin']) await inside.query(`CREATE EXTENSION IF NOT EXISTS ${extension} WITH SCHEMA public`).catch(already);
    await inside.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)} AUTHORIZATION ${role}`).catch(already);
    await inside.query(`ALTER SCHEMA ${quoteIdent(schema)} OWNER TO ${role}`);
    // A schema made before the app role (by the superuser) is handed over with its tables;
    // their indexes and sequences follow them.
    await inside.query(`DO $$
      DECLARE t record;
      BEGIN
        FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = '${schema}' AND c.relkind IN ('r', 'p') AND pg_get_userbyid(c.relowner) <> '${user}'
        LOOP
          EXECUTE format('ALTER TABLE %I.%I OWNER TO %I', '${schema}', t.relname, '${user}');
        END LOOP;
      END $$`);
  } finally {
    await inside.end();
  }
}
