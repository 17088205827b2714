/**
 * The private PostgreSQL (scripts/postgres.mjs) trusts nobody: every connection needs the
 * password generated for its role (scram-sha-256), kept in owner-only files under the cluster's
 * folder; its socket folder is the owner's alone; and the server works as a role that is no
 * superuser and owns nothing but its schemas, so it cannot run programs (`COPY … TO PROGRAM`).
 */
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { appRole, createSpace, postgres, startServer, stopAllServers, type ServerProcess, type Space } from './helpers.js';

const DATABASE = 'lift_node_postgres';

async function connectError(config: pg.ClientConfig): Promise<{ code?: string; message: string } | undefined> {
  const client = new pg.Client(config);
  try {
    await client.connect();
    await client.end();
    return undefined;
  } catch (error) {
    return error as { code?: string; message: string };
  }
}

describe('the private PostgreSQL', () => {
  let server: ServerProcess;
  const spaces: Space[] = [];

  before(async () => {
    server = await startServer(DATABASE);
  });
  after(async () => {
    for (const space of spaces) await space.drop();
    await stopAllServers();
  });

  it('refuses a wrong password, for the superuser and for the app role', async () => {
    const { host, port, user } = postgres();
    for (const role of [user, appRole().user]) {
      const refused = await connectError({ host, port, user: role, password: 'not-the-password', database: 'postgres' });
      assert.ok(refused, `${role} with a wrong password is refused`);
      assert.equal(refused.code, '28P01', `${role}: ${refused.message}`);
    }
    assert.equal(await connectError({ ...postgres(), database: 'postgres' }), undefined, 'the right password is let in');
  });

  it('keeps its passwords in owner-only files and its socket in an owner-only folder', () => {
    const dir: string | undefined = postgres().dir;
    assert.ok(dir, 'LIFT_PG_DIR is set');
    for (const file of ['postgres.password', 'app.password']) {
      const bits: number = statSync(path.join(dir, file)).mode & 0o777;
      assert.equal(bits & 0o077, 0, `${file} is the owner's alone (${bits.toString(8)})`);
    }
    const socket = statSync(path.join(dir, 'socket')).mode & 0o777;
    assert.equal(socket & 0o077, 0, `the socket folder is the owner's alone (${socket.toString(8)})`);
  });

  it('the server connects as a role that is no superuser, owns only its schemas and cannot run programs', async () => {
    const space = await createSpace(server.url, { users: [{ id: 'u-admin', name: 'Anna Admin', role: 'admin' }] });
    spaces.push(space);
    assert.equal((await space.api('u-admin', 'GET', '/session')).status, 200);
    const admin = new pg.Client({ ...postgres(), database: DATABASE });
    await admin.connect();
    try {
      const sessions = await admin.query<{ usename: string; rolsuper: boolean }>(
        `SELECT DISTINCT a.usename, r.rolsuper FROM pg_stat_activity a JOIN pg_roles r ON r.oid = a.usesysid
          WHERE a.datname = $1 AND a.pid <> pg_backend_pid() AND a.backend_type = 'client backend'`,
        [DATABASE],
      );
      assert.ok(sessions.rows.length > 0, 'the server has sessions');
      assert.deepEqual(sessions.rows.map((r) => r.usename), [appRole().user], 'every session is the app role');
      assert.equal(sessions.rows[0]!.rolsuper, false);
      const role = await admin.query<{ rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>(
        'SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = $1',
        [appRole().user],
      );
      assert.deepEqual(role.rows[0], { rolsuper: false, rolcreaterole: false, rolcreatedb: false });
      const owned = await admin.query<{ kind: string; name: string }>(
        `SELECT 'schema' AS kind, nspname AS name FROM pg_namespace WHERE nspowner = (SELECT oid FROM pg_roles WHERE rolname = $1)
         UNION ALL SELECT 'database', datname FROM pg_database WHERE datdba = (SELECT oid FROM pg_roles WHERE rolname = $1)`,
        [appRole().user],
      );
      for (const { kind, name } of owned.rows) {
        assert.ok(kind === 'schema' && (name === 'lift' || /^t_[0-9a-f]+$/.test(name)), `the app role owns ${kind} ${name}`);
      }
    } finally {
      await admin.end();
    }
    const app = new pg.Client({ ...appRole(), database: DATABASE });
    await app.connect();
    try {
      const error = await app.query(`COPY (SELECT 1) TO PROGRAM 'true'`).then(
        () => undefined,
        (failure: { code?: string }) => failure,
      );
      assert.equal(error?.code, '42501', 'COPY … TO PROGRAM is refused');
    } finally {
      await app.end();
    }
  });
});
