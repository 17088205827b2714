/**
 * Idempotent creates: a create sent with a `Lift-Request` id claims (user, id) and keeps its
 * answer in its own transaction, so the answer is there exactly when the record is, even when
 * the process stops right after the commit. The same user sending the same id again — a retry
 * after a lost answer, a device's outbox sending after days offline, or a copy racing the
 * first — gets that answer back instead of a second record. Rows are kept {@link ANSWER_DAYS} days.
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
  /** Null only in a row an older server claimed and stopped before it stored the answer (it stored it after the commit). */
  status: number | null;
  body: unknown;
  etag: string | null;
  changes: string | null;
}

/**
 * How long a create's answer is kept: a device that works offline keeps its outbox until it
 * reaches the server again, which may be weeks, and sends a create whose answer it lost anew.
 */
export const ANSWER_DAYS = 30;

/** What a create answers: 201 with the record (a copy: both records), its ETag, and the changes it made. */
export function createdAnswer(value: unknown, changes: readonly { origin?: unknown }[]): { status: number; body: unknown; etag: string | undefined; changes: string | undefined } {
  const versioned = ((value as { copy?: unknown } | undefined)?.copy ?? value) as { version?: unknown } | undefined;
  return { status: 201, body: value, etag: etagOf(versioned), changes: changesHeader(changes) };
}

/** A strong ETag of a record's version, if it has one. */
export const etagOf = (record: { version?: unknown } | undefined): string | undefined =>
  record && typeof record.version === 'number' ? `"${record.version}"` : undefined;

/** The `Lift-Changes` header of a write: its changes as JSON, percent-encoded; none for a read. */
export const changesHeader = (changes: readonly { origin?: unknown }[]): string | undefined =>
  changes.length ? encodeURIComponent(JSON.stringify(changes.map(({ origin: _origin, ...change }) => change))) : undefined;

/** Thrown inside a create's transaction when the (user, request id) is already claimed. */
export class RepeatedRequest extends Error {
  override name = 'RepeatedRequest';
}

/**
 * A body as JSON with every object's fields in one order: a repeat that names the same fields in
 * another order (a client or proxy that built it again) is the same request.
 */
const canonical = (body: unknown): string =>
  JSON.stringify(body ?? null, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : value,
  );

export function claimOf(userId: string, request: string, route: string, body: unknown): RequestClaim {
  const bodyHash = createHash('sha256').update(route).update('\u0000').update(canonical(body)).digest('hex');
  return { userId, request, route, bodyHash };
}

/**
 * Claims the request and keeps its answer inside the create's transaction; a claim already made
 * (or being made) throws {@link RepeatedRequest}.
 */
export async function claimRequest(tx: PgTransaction, claim: RequestClaim, answer: ReturnType<typeof createdAnswer>): Promise<void> {
  // A copy racing the first waits here for the first transaction's end, then finds the row.
  const result = await tx.query(
    `INSERT INTO request_answers (user_id, request, route, body_hash, status, body, etag, changes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (user_id, request) DO NOTHING`,
    [claim.userId, claim.request, claim.route, claim.bodyHash, answer.status, JSON.stringify(answer.body ?? null), answer.etag ?? null, answer.changes ?? null],
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

/**
 * Forgets answers older than `days`, and after a day the claims an older server made without
 * storing their answer (a repeat of one is answered 503 until it goes); answers how many went.
 */
export async function pruneAnswers(pool: pg.Pool, schema: string, days = ANSWER_DAYS): Promise<number> {
  const result = await pool.query(
    `DELETE FROM ${quoteSchema(schema)}.request_answers WHERE created_at < now() - make_interval(days => $1) OR (status IS NULL AND created_at < now() - interval '1 day')`,
    [days],
  );
  return result.rowCount ?? 0;
}
