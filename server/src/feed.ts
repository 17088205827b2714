/**
 * The change feed across server processes. Every write logs its changes in the `changes` table of
 * its space, in the same transaction, and notifies the channel `lift_changes` with the space's
 * schema name (PostgreSQL delivers it on commit, to every listening process). Each process keeps
 * one listening connection; on a notice it reads the space's new rows once and hands them to its
 * own Server-Sent-Events clients. A lost connection (PostgreSQL restarting) is re-opened, and the
 * spaces with clients are read again, so nothing committed meanwhile is missed.
 */
import pg from 'pg';
import type { DataChange } from '../../src/data/contract/adapter.js';
import { quoteSchema, type PgTransaction } from './pg-backend.js';

export const CHANNEL = 'lift_changes';
const BATCH = 1000;

export interface FeedRow {
  id: string;
  /** Who made the change (null for rows older than this column). */
  user: string | null;
  client: string | null;
  request: string | null;
  change: Omit<DataChange, 'origin'>;
}

/** Called by a write's transaction just before it commits. */
export async function logChanges(tx: PgTransaction, changes: readonly DataChange[], user: string, client: string | null, request: string | null): Promise<void> {
  if (!changes.length) return;
  // One writer at a time hands out change ids, so ids follow commit order: a reader that has seen
  // id N has seen every change before it. The lock is held until COMMIT, so lock, insert and
  // notify go in one statement, the transaction's last before COMMIT: the lock is held for one
  // round trip (the COMMIT's), not three. The rows to insert join the lock's one row, so the lock
  // is taken before any id is drawn; the notice is delivered at commit, whatever its place.
  await tx.query(
    `WITH logged AS (
       INSERT INTO changes (user_id, client, request, change)
       SELECT $4, $1, $2, element.value
         FROM (SELECT pg_advisory_xact_lock(hashtext('lift-changes:' || current_schema()))) AS locked,
              jsonb_array_elements($3::jsonb) AS element
       RETURNING id
     )
     SELECT pg_notify($5, current_schema()) FROM (SELECT count(*) FROM logged) AS done`,
    [client, request, JSON.stringify(changes.map(({ origin: _origin, ...change }) => change)), user, CHANNEL],
  );
}

/**
 * Forgets feed rows older than `days`: the feed is for clients catching up after a dropped
 * connection, not an archive (the overview keeps the history). The newest id forgotten is kept
 * in `feed_marks`, so a client away longer is told it missed changes (`event: reset`) instead
 * of resuming after the gap as if nothing happened. Answers how many rows went.
 */
export async function pruneChanges(pool: pg.Pool, schema: string, days: number): Promise<number> {
  const quoted = quoteSchema(schema);
  const result = await pool.query<{ count: string }>(
    `WITH gone AS (DELETE FROM ${quoted}.changes WHERE created_at < now() - make_interval(days => $1) RETURNING id),
          marked AS (UPDATE ${quoted}.feed_marks SET pruned_through = greatest(pruned_through, (SELECT max(id) FROM gone)))
     SELECT count(*)::text AS count FROM gone`,
    [days],
  );
  return Number(result.rows[0]!.count);
}

/** Where a space's feed stands: its newest change id, and the newest one pruned. */
export interface FeedPosition {
  newest: bigint;
  prunedThrough: bigint;
}

export interface FeedClient {
  /** The last change id this client has been sent. */
  lastId: bigint;
  send(row: FeedRow): void;
}

export class ChangeFeed {
  readonly #pool: pg.Pool;
  readonly #connection: pg.ClientConfig;
  readonly #clients = new Map<string, Set<FeedClient>>();
  readonly #pumping = new Map<string, Promise<void>>();
  readonly #again = new Set<string>();
  #listener: pg.Client | undefined;
  #closed = false;
  #timer: ReturnType<typeof setInterval> | undefined;
  #reconnect: ReturnType<typeof setTimeout> | undefined;

  constructor(pool: pg.Pool, connection: pg.ClientConfig) {
    this.#pool = pool;
    this.#connection = connection;
  }

  async start(): Promise<void> {
    await this.#listen();
    // A safety net beside the notices: a space with clients is read every few seconds anyway.
    this.#timer = setInterval(() => this.#pumpAll(), 5000);
    this.#timer.unref();
  }

  async #listen(): Promise<void> {
    if (this.#closed) return;
    const client = new pg.Client(this.#connection);
    client.on('error', () => this.#lost(client));
    client.on('end', () => this.#lost(client));
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) void this.pump(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.#listener = client;
      this.#pumpAll();
    } catch {
      this.#lost(client);
    }
  }

  #lost(client: pg.Client): void {
    if (this.#listener === client) this.#listener = undefined;
    client.end().catch(() => undefined);
    if (this.#closed || this.#reconnect) return;
    this.#reconnect = setTimeout(() => {
      this.#reconnect = undefined;
      void this.#listen();
    }, 500);
  }

  #pumpAll(): void {
    for (const schema of this.#clients.keys()) void this.pump(schema);
  }

  /** The newest change id of a space (where a client without Last-Event-ID starts). */
  async newestId(schema: string): Promise<bigint> {
    return (await this.position(schema)).newest;
  }

  /**
   * The newest change id (also when every row has been pruned) and how far pruning went. Read
   * so that it does not depend on feed_marks's row: without it the newest change is still the
   * newest in `changes`, not 0, which would tell every resuming client to read everything again.
   */
  async position(schema: string): Promise<FeedPosition> {
    const quoted = quoteSchema(schema);
    const result = await this.#pool.query<{ newest: string; pruned: string }>(
      `SELECT greatest(newest, pruned)::text AS newest, pruned::text AS pruned
         FROM (SELECT (SELECT coalesce(max(id), 0) FROM ${quoted}.changes) AS newest,
                      (SELECT coalesce(max(pruned_through), 0) FROM ${quoted}.feed_marks) AS pruned) AS marks`,
    );
    const row = result.rows[0]!;
    return { newest: BigInt(row.newest), prunedThrough: BigInt(row.pruned) };
  }

  add(schema: string, client: FeedClient): () => void {
    let set = this.#clients.get(schema);
    if (!set) this.#clients.set(schema, (set = new Set()));
    set.add(client);
    void this.pump(schema);
    return () => {
      set.delete(client);
      // Only this set: a client that came after it emptied may be in another one by now.
      if (!set.size && this.#clients.get(schema) === set) this.#clients.delete(schema);
    };
  }

  /** Sends a space's clients every change after the last one each has seen; one read at a time per space. */
  pump(schema: string): Promise<void> {
    const running = this.#pumping.get(schema);
    if (running) {
      this.#again.add(schema);
      return running;
    }
    const run = this.#read(schema).finally(() => {
      this.#pumping.delete(schema);
      if (this.#again.delete(schema)) void this.pump(schema);
    });
    this.#pumping.set(schema, run);
    return run;
  }

  async #read(schema: string): Promise<void> {
    for (;;) {
      const clients = [...(this.#clients.get(schema) ?? [])];
      if (!clients.length) return;
      const from = clients.reduce((min, c) => (c.lastId < min ? c.lastId : min), clients[0]!.lastId);
      let rows: FeedRow[];
      try {
        const result = await this.#pool.query<FeedRow>(
          `SELECT id::text AS id, user_id AS user, client, request, change FROM ${quoteSchema(schema)}.changes WHERE changes.id > $1 ORDER BY changes.id LIMIT ${BATCH}`,
          [from.toString()],
        );
        rows = result.rows; // (ordered by the bigint column: the text alias would put "10" before "9")
      } catch {
        return; // the database is away; the next notice or the timer tries again
      }
      for (const row of rows) {
        const id = BigInt(row.id);
        for (const client of clients) {
          if (id > client.lastId) {
            client.lastId = id;
            client.send(row);
          }
        }
      }
      if (rows.length < BATCH) return;
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    clearTimeout(this.#reconnect);
    const listener = this.#listener;
    this.#listener = undefined;
    await listener?.end().catch(() => undefined);
  }
}
