/**
 * Tokens with a lifecycle, kept in each space's `tokens` table: created for a user with an
 * optional expiry and label, listed, and revoked. The token itself is shown once, at creation;
 * only its SHA-256 is stored. Used by the server to authenticate and by the `token` command.
 */
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { quoteSchema } from './pg-backend.js';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(24).toString('base64url');
const newTokenId = () => `k${randomBytes(6).toString('hex')}`;

/** Anything that runs a query: a pool, or a client inside a transaction. */
type Queryable = Pick<pg.Pool, 'query'>;

export interface TokenInfo {
  id: string;
  userId: string;
  label: string;
  createdAt: string;
  /** Null: it does not expire. */
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface NewToken {
  userId: string;
  label?: string;
  /** Days until it expires; undefined for a token that does not. */
  days?: number;
  /** The token to store (a fresh random one when absent). */
  token?: string;
}

/** Creates a token for an existing user; answers it (shown once) with its public id. */
export async function createToken(db: Queryable, schema: string, options: NewToken): Promise<{ token: string; info: TokenInfo }> {
  const quoted = quoteSchema(schema);
  if (options.days !== undefined && !(Number.isFinite(options.days) && options.days > 0)) throw new Error('A token lasts a positive number of days.');
  const known = await db.query(`SELECT 1 FROM ${quoted}.users WHERE id = $1`, [options.userId]);
  if (!known.rowCount) throw new Error(`There is no user ${options.userId} in ${schema}.`);
  const token = options.token ?? newToken();
  const result = await db.query<Record<string, string | null>>(
    `INSERT INTO ${quoted}.tokens (id, user_id, token_hash, label, expires_at)
     VALUES ($1, $2, $3, $4, CASE WHEN $5::float8 IS NULL THEN NULL ELSE now() + make_interval(secs => $5::float8 * 86400) END)
     RETURNING ${COLUMNS}`,
    [newTokenId(), options.userId, hashToken(token), options.label ?? '', options.days ?? null],
  );
  return { token, info: infoOf(result.rows[0]!) };
}

const COLUMNS = `id, user_id, label, created_at::text AS created_at, expires_at::text AS expires_at, revoked_at::text AS revoked_at`;
const infoOf = (row: Record<string, string | null>): TokenInfo => ({
  id: row.id!,
  userId: row.user_id!,
  label: row.label ?? '',
  createdAt: row.created_at!,
  expiresAt: row.expires_at ?? null,
  revokedAt: row.revoked_at ?? null,
});

/** Every token of the space (or of one user), newest first. */
export async function listTokens(db: Queryable, schema: string, userId?: string): Promise<TokenInfo[]> {
  const result = await db.query<Record<string, string | null>>(
    `SELECT ${COLUMNS} FROM ${quoteSchema(schema)}.tokens WHERE $1::text IS NULL OR user_id = $1 ORDER BY created_at DESC, id`,
    [userId ?? null],
  );
  return result.rows.map(infoOf);
}

/** Revokes a token by its id; answers whether it was live until now. */
export async function revokeToken(db: Queryable, schema: string, id: string): Promise<boolean> {
  const result = await db.query(`UPDATE ${quoteSchema(schema)}.tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id]);
  return (result.rowCount ?? 0) > 0;
}

/** Revokes every live token of a user (a new demo token replaces the old ones). */
export async function revokeUserTokens(db: Queryable, schema: string, userId: string): Promise<void> {
  await db.query(`UPDATE ${quoteSchema(schema)}.tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
}
