/**
 * The database side of the reference server: migrations, the users' tokens, roles, and "spaces"
 * (one PostgreSQL schema each: the server's own, and in test mode one per test).
 */
import { readFileSync, readdirSync } from 'node:fs';
import pg from 'pg';
import type { DocumentTemplate, Role, TimelineEntry, User } from '../../src/data/contract/model.js';
import { plainLetters } from '../../src/data/contract/text.js';
import { entryText } from '../../src/data/engine/overview-index.js';
import { quoteSchema } from './pg-backend.js';
import { createToken, hashToken, newToken, revokeUserTokens } from './tokens.js';

const MIGRATIONS = new URL('../../../migrations/', import.meta.url);

/**
 * Applies every migration the schema has not had yet, each in its own transaction, under an
 * advisory lock so that two servers starting together do not both apply one.
 */
export async function migrate(pool: pg.Pool, schema: string): Promise<string[]> {
  const quoted = quoteSchema(schema);
  const files = readdirSync(MIGRATIONS).filter((f) => /^\d+_.*\.sql$/.test(f)).sort();
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`lift-migrate:${schema}`]);
    // Only when missing: creating needs a right on the database that the app role lacks once
    // its schema has been made for it (scripts/postgres.mjs).
    const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (!exists.rowCount) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${quoted}.schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ name: string }>(`SELECT name FROM ${quoted}.schema_migrations`)).rows.map((r) => r.name));
    for (const file of files) {
      if (done.has(file)) continue;
      await client.query('BEGIN');
      try {
        await client.query(`SET LOCAL search_path TO ${quoted}`);
        await client.query(readFileSync(new URL(file, MIGRATIONS), 'utf8'));
        await client.query(`INSERT INTO ${quoted}.schema_migrations (name) VALUES ($1)`, [file]);
        await client.query('COMMIT');
        applied.push(file);
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`lift-migrate:${schema}`]).catch(() => undefined);
    client.release();
  }
  return applied;
}

/**
 * Gives rows written before the overview was searched in SQL their folded search text: the
 * folding is the rule engine's (in JavaScript), so a migration cannot write it. A batch at a time,
 * so a large history does not hold one long transaction.
 */
export async function backfillSearch(pool: pg.Pool, schema: string): Promise<number> {
  const quoted = quoteSchema(schema);
  let done = 0;
  for (;;) {
    const rows = (await pool.query<{ id: string; data: TimelineEntry }>(`SELECT id, data FROM ${quoted}.timeline WHERE search IS NULL LIMIT 1000`)).rows;
    if (!rows.length) return done;
    await pool.query(
      `UPDATE ${quoted}.timeline t SET search = s.search FROM unnest($1::text[], $2::text[]) AS s(id, search) WHERE t.id = s.id`,
      [rows.map((row) => row.id), rows.map((row) => entryText(row.data))],
    );
    done += rows.length;
  }
}

/**
 * Gives contacts and relations folded before search spelled letters such as ı, ø and ß plainly
 * their folded text (search, sort name) spelled so. A row is taken only at the version read, so a
 * write by another server meanwhile is not undone; a row spelled plainly is not found again.
 */
export async function backfillPlainLetters(pool: pg.Pool, schema: string): Promise<number> {
  const quoted = quoteSchema(schema);
  let done = 0;
  for (const [table, column, field] of [['contacts', 'search', '_search'], ['relations', 'sort_name', '_sortName']] as const) {
    for (let skipped = 0; ; ) {
      const rows = (
        await pool.query<{ id: string; version: number; text: string; data: Record<string, unknown> }>(
          `SELECT id, version, ${column} AS text, data FROM ${quoted}.${table} WHERE ${column} ~ '[ıłøđðħßæœþĳ]' ORDER BY id LIMIT 1000 OFFSET ${skipped}`,
        )
      ).rows;
      if (!rows.length) break;
      const texts = rows.map((row) => plainLetters(row.text));
      const changed = await pool.query(
        `UPDATE ${quoted}.${table} t SET ${column} = s.text, data = s.data::json FROM unnest($1::text[], $2::int[], $3::text[], $4::text[]) AS s(id, version, text, data) WHERE t.id = s.id AND t.version IS NOT DISTINCT FROM s.version`,
        [rows.map((row) => row.id), rows.map((row) => row.version), texts, rows.map((row, i) => JSON.stringify({ ...row.data, [field]: texts[i] }))],
      );
      done += changed.rowCount ?? 0;
      // A row written meanwhile is left as that write made it, and not asked for again.
      skipped += rows.length - (changed.rowCount ?? 0);
    }
  }
  return done;
}

export interface SpaceSetup {
  roles: readonly Role[];
  /** Each user with the token that acts for them (a fresh random one when absent). */
  users: readonly (User & { token?: string })[];
  templates?: readonly DocumentTemplate[];
}

/**
 * Writes roles, users and templates, and gives each user one new token (without expiry) in place
 * of any they had; answers user id → token.
 */
export async function setUpSpace(pool: pg.Pool, schema: string, setup: SpaceSetup): Promise<Record<string, string>> {
  const quoted = quoteSchema(schema);
  const tokens: Record<string, string> = {};
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL search_path TO ${quoted}`);
    for (const role of setup.roles) {
      await client.query(
        'INSERT INTO roles (id, name, rights) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, rights = EXCLUDED.rights',
        [role.id, role.name, role.rights],
      );
    }
    for (const { token = newToken(), ...user } of setup.users) {
      tokens[user.id] = token;
      await client.query('INSERT INTO users (id, data) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data', [
        user.id,
        JSON.stringify({ id: user.id, name: user.name, role: user.role }),
      ]);
      await revokeUserTokens(client, schema, user.id);
      await createToken(client, schema, { userId: user.id, token, label: 'set up with the space' });
    }
    for (const template of setup.templates ?? []) {
      await client.query('INSERT INTO templates (id, data) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data', [
        template.id,
        JSON.stringify(template),
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return tokens;
}

export interface SignedIn {
  user: User;
  roles: Role[];
  /** When the credential stops being valid (ms since 1970); undefined when it does not expire. */
  expiresAt?: number;
}

/**
 * The user a token acts for, with the roles of the space; undefined for an unknown, revoked or
 * expired token, or one whose user is gone.
 */
export async function authenticate(pool: pg.Pool, schema: string, token: string): Promise<SignedIn | undefined> {
  const quoted = quoteSchema(schema);
  return signIn(
    pool,
    schema,
    `SELECT users.data, tokens.expires_at FROM ${quoted}.tokens JOIN ${quoted}.users ON users.id = tokens.user_id
      WHERE tokens.token_hash = $1 AND tokens.revoked_at IS NULL AND (tokens.expires_at IS NULL OR tokens.expires_at > now())`,
    [hashToken(token)],
  );
}

/**
 * The user by id, for a credential verified elsewhere (a signed JWT) that expires at `expiresAt`
 * (ms since 1970); undefined when the space has no such user.
 */
export async function userById(pool: pg.Pool, schema: string, userId: string, expiresAt?: number): Promise<SignedIn | undefined> {
  const expires = expiresAt === undefined ? null : new Date(expiresAt).toISOString();
  return signIn(pool, schema, `SELECT data, $2::timestamptz AS expires_at FROM ${quoteSchema(schema)}.users WHERE id = $1`, [userId, expires]);
}

/** One round trip: the user `found` selects (data, expires_at) with every role of the space. */
async function signIn(pool: pg.Pool, schema: string, found: string, values: unknown[]): Promise<SignedIn | undefined> {
  const result = await pool.query<{ user: User | null; expires: string | null; roles: Role[] | null }>(
    `WITH found AS (${found})
     SELECT (SELECT data FROM found) AS user,
            (SELECT (extract(epoch FROM expires_at) * 1000)::text FROM found) AS expires,
            (SELECT json_agg(json_build_object('id', id, 'name', name, 'rights', rights) ORDER BY id) FROM ${quoteSchema(schema)}.roles) AS roles`,
    values,
  );
  const row = result.rows[0];
  if (!row?.user) return undefined;
  const { id, name, role } = row.user;
  return { user: { id, name, role }, roles: row.roles ?? [], ...(row.expires !== null ? { expiresAt: Number(row.expires) } : {}) };
}

export async function dropSpace(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS ${quoteSchema(schema)} CASCADE`);
}

/** Whether the schema exists and has had its first migration. */
export async function spaceExists(pool: pg.Pool, schema: string): Promise<boolean> {
  const result = await pool.query('SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2', [schema, 'changes']);
  return (result.rowCount ?? 0) > 0;
}
