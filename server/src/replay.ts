/**
 * Idempotent creates: a create sent with a `Lift-Request` id claims (user, id) in its own
 * transaction, and its answer is stored right after. The same user sending the same id again —
 * a retry after a lost answer, or a copy racing the first — gets that answer back instead of a
 * second record. Rows are kept for a day: long enough for any retry.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { quoteSchema, type PgTransaction } from './pg-backend.js';

/** What a create's claim is made of. */
export interface RequestClaim {
  userId: string;
  request: string;
  /** Method and path, e.g. `POST /contacts`. */
  route: string;
  /** sha256 of the route and the body: a repeat must be the same request. */
  bodyHash: string;
}

export interface StoredAnswer {
  route: string;
  bodyHash: string;
  /** Null while the first attempt has committed but not yet stored its answer. */
  status: number | null;
  body: unknown;
  etag: string | null;
  changes: string | null;
}

/** Thrown inside a create's transaction when the (user, request id) is already claimed. */
export class RepeatedRequest extends Error {
  override name = 'RepeatedRequest';
}

export function claimOf(userId: string, request: string, route: string, body: unknown): RequestClaim {
  const bodyHash = createHash('sha256').update(route).update('\u0000').update(JSON.stringify(body ?? null)).digest('hex');
  return { userId, request, route, bodyHash };
}

/** Claims the request inside the create's transaction; a claim already made (or being made) throws {@link RepeatedRequest}. */
export async function claimRequest(tx: PgTransaction, claim: RequestClaim): Promise<void> {
  // A copy racing the first waits here for the first transaction's end, then finds the row.
  const result = await tx.query(
    'INSERT INTO request_answers (user_id, request, route, body_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, request) DO NOTHING',
    [claim.userId, claim.request, claim.route, claim.bodyHash],
  );
  if (result.rowCount !== 1) throw new RepeatedRequest(`Request ${claim.request} was made before.`);
}

export async function findAnswer(pool: pg.Pool, schema: string, userId: string, request: string): Promise<StoredAnswer | undefined> {
  const result = await pool.query<StoredAnswer>(
    `SELECT route, body_hash AS "bodyHash", status, body, etag, changes FROM ${quoteSchema(schema)}.request_answers WHERE user_id = $1 AND request = $2`,
    [userId, request],
  );
  return result.rows[0];
}

export async function storeAnswer(
  pool: pg.Pool,
  schema: string,
  claim: RequestClaim,
  answer: { status: number; body: unknown; etag: string | undefined; changes: string | undefined },
): Promise<void> {
  await pool.query(`UPDATE ${quoteSchema(schema)}.request_answers SET status = $3, body = $4, etag = $5, changes = $6 WHERE user_id = $1 AND request = $2`, [
    claim.userId,
    claim.request,
    answer.status,
    JSON.stringify(answer.body ?? null),
    answer.etag ?? null,
    answer.changes ?? null,
  ]);
}

/** Forgets answers older than `hours`; answers how many went. */
export async function pruneAnswers(pool: pg.Pool, schema: string, hours: number): Promise<number> {
  const result = await pool.query(`DELETE FROM ${quoteSchema(schema)}.request_answers WHERE created_at < now() - make_interval(hours => $1)`, [hours]);
  return result.rowCount ?? 0;
}
