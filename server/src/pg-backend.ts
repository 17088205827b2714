/**
 * The storage seam of the shared rule engine (src/data/engine/store.ts) on PostgreSQL. The engine reads,
 * checks and writes inside one transaction; here every write of a record the transaction read
 * is a compare-and-set in SQL (`UPDATE … WHERE <key> AND version = <the version read>`), so two
 * servers saving the same contact at once cannot both win: the loser's transaction is run again,
 * reads the new version and answers `conflict`. The rows a write reads are locked until it
 * commits, so what its rules checked (a contact not archived) still holds when it lands.
 */
import net from 'node:net';
import pg from 'pg';
import { LiftDataError } from '../../src/data/contract/errors.js';
import type { TimelineEntry, TimelineKind } from '../../src/data/contract/model.js';
import { emptyCounts, type OverviewFilter, type OverviewMatches } from '../../src/data/engine/overview.js';
import { entryText, type ActivityCount } from '../../src/data/engine/overview-index.js';
import { PAGE_CHARACTERS } from '../../src/data/engine/rules.js';
import {
  SCHEMA,
  keyOf,
  scanFilter,
  type Key,
  type ScanOptions,
  type ScanRange,
  type ScanWhere,
  type StoreBackend,
  type StoredRecord,
  type StoreName,
  type StoreTransaction,
} from '../../src/data/engine/store.js';

interface TableSpec {
  table: string;
  /** Record field → column, for every field a key or index is made of (and `version`). */
  columns: Record<string, string>;
  /** Columns worked out from the whole record on every write. */
  computed?: Record<string, (record: StoredRecord) => unknown>;
}

export const TABLES: Record<StoreName, TableSpec> = {
  relations: { table: 'relations', columns: { id: 'id', _sortName: 'sort_name', kind: 'kind', archived: 'archived' } },
  contacts: { table: 'contacts', columns: { id: 'id', relationId: 'relation_id', updatedAt: 'updated_at', _search: 'search', archived: 'archived' } },
  work: { table: 'work', columns: { id: 'id', contactId: 'contact_id', createdAt: 'created_at', archived: 'archived' } },
  timeline: {
    table: 'timeline',
    columns: { id: 'id', contactId: 'contact_id', occurredAt: 'occurred_at', kind: 'kind' },
    // The engine's folded search text, so SQL matches exactly what the other backends match.
    computed: { search: (record) => entryText(record as unknown as TimelineEntry) },
  },
  checklistItems: { table: 'checklist_items', columns: { id: 'id', cardType: 'card_type', order: 'sort_order' } },
  checklistStates: { table: 'checklist_states', columns: { contactId: 'contact_id', itemId: 'item_id' } },
  templates: { table: 'templates', columns: { id: 'id' } },
  preferences: { table: 'preferences', columns: { userId: 'user_id', cardType: 'card_type' } },
  users: { table: 'users', columns: { id: 'id' } },
  meta: { table: 'meta', columns: { key: 'key' } },
};

/**
 * How a write's transaction locks each row it reads, until it commits. A write checks its rules
 * against rows it reads but may not write (the contact a note goes onto is not archived, the
 * checklist item ticked is not deleted); at READ COMMITTED a plain read lets another transaction
 * change such a row and commit in between, and the write would land where the rules forbid it
 * (a note on a contact archived meanwhile). A locked row cannot change before the write commits,
 * and a write that waited for a lock reads the row as the other left it.
 * Rows that writes read and then change (a contact saved or archived, a numbering counter, a
 * note corrected) are locked as for an update: writers of one row take turns. Two share locks on
 * one row that both want to become updates would deadlock instead. Rows that many writes only
 * read (checklist definitions, relations, templates) are shared, so ticks on many contacts do
 * not wait for each other; two writes changing one of those at once deadlock, and PostgreSQL
 * aborts one, which is run again (40P01 below).
 */
const ROW_LOCKS: Record<StoreName, 'FOR NO KEY UPDATE' | 'FOR SHARE'> = {
  relations: 'FOR SHARE',
  contacts: 'FOR NO KEY UPDATE',
  work: 'FOR NO KEY UPDATE',
  timeline: 'FOR NO KEY UPDATE',
  checklistItems: 'FOR SHARE',
  checklistStates: 'FOR NO KEY UPDATE',
  templates: 'FOR SHARE',
  preferences: 'FOR NO KEY UPDATE',
  users: 'FOR NO KEY UPDATE',
  meta: 'FOR NO KEY UPDATE',
};

/** Another transaction changed a row between our read and our write: run the work again. */
class LostRace extends Error {
  override name = 'LostRace';
}

const RETRYABLE_SQLSTATES = new Set(['40001', '40P01', '23505']);
/**
 * Connection lost, server shutting down, out of resources, or a statement cancelled by its timeout.
 * A full disk (53100) is not among them: the write certainly did not land, and is said as `quota`.
 */
const CONNECTION_SQLSTATE = /^(08|57P0|53(?!100)|57014)/;
/** PostgreSQL could not extend a file: no room for the write. */
export const DISK_FULL = '53100';
/** Postgres's invalid_parameter_value: what it answers for a time zone it does not know. */
const INVALID_PARAMETER = '22023';
const MAX_ATTEMPTS = 8;
const SCAN_BATCH = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A schema name we create ourselves; anything else never reaches SQL text. */
export function quoteSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`Not a schema name: ${schema}`);
  return `"${schema}"`;
}

function spec(store: StoreName) {
  const table = TABLES[store];
  const column = (field: string) => table.columns[field] ?? fail(`${store}.${field} has no column`);
  const keyPath = SCHEMA[store].keyPath;
  const keyColumns = (typeof keyPath === 'string' ? [keyPath] : keyPath).map(column);
  const indexColumns = (index: string) => {
    const found = SCHEMA[store].indexes.find((i) => i.name === index) ?? fail(`${store} has no index ${index}`);
    return found.keyPath.map(column);
  };
  return { table: table.table, columns: table.columns, keyColumns, indexColumns };
}

function fail(message: string): never {
  throw new Error(message);
}

/** Values for one row: the key and index columns taken from the record, then version and data. */
function rowOf(store: StoreName, record: StoredRecord): { names: string[]; values: unknown[] } {
  const { columns } = spec(store);
  const names: string[] = [];
  const values: unknown[] = [];
  for (const [field, column] of Object.entries(columns)) {
    names.push(column);
    const value = record[field];
    values.push(value === undefined ? null : value);
  }
  for (const [column, compute] of Object.entries(TABLES[store].computed ?? {})) {
    names.push(column);
    values.push(compute(record));
  }
  names.push('version', 'data');
  values.push(typeof record.version === 'number' ? record.version : null, JSON.stringify(record));
  return { names, values };
}

/** `word` anywhere in a text, as a LIKE pattern: its own `%`, `_` and backslash match only themselves. */
const likeWord = (word: string) => `%${word.replace(/[\\%_]/g, '\\$&')}%`;

/** Adds a value to a statement's parameters and answers its placeholder. */
const slot = (values: unknown[], value: unknown) => (values.push(value), `$${values.length}`);

/** Conditions written with placeholders from $1, moved along by `by`. */
const renumber = (conditions: string[], by: number) => conditions.map((condition) => condition.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + by}`));

const keyParts = (key: Key): Key[] => (Array.isArray(key) ? key : [key]);
const seenKey = (table: string, parts: Key[]) => `${table}:${JSON.stringify(parts)}`;

/** One transaction of the rule engine on one pooled connection. */
export class PgTransaction implements StoreTransaction {
  readonly #client: pg.PoolClient;
  readonly #signal: AbortSignal | undefined;
  /** Whether rows read are locked until commit (a write's transaction; a read-only one cannot lock). */
  readonly #locking: boolean;
  #queue: Promise<unknown> = Promise.resolve();
  /** What this transaction read, per table and key: the version (or whole data) a write must still find. */
  readonly #seen = new Map<string, { version: number | null; data: string } | null>();

  constructor(client: pg.PoolClient, signal?: AbortSignal, mode: 'readonly' | 'readwrite' = 'readonly') {
    this.#client = client;
    this.#signal = signal;
    this.#locking = mode === 'readwrite';
  }

  /** One statement at a time on the connection, in the order they were asked for; none once the request is gone. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    const run = this.#queue.then(() => {
      if (this.#signal?.aborted) throw stopped(this.#signal);
      return this.#client.query<R>(text, values);
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #where(columns: string[], first = 1): string {
    return columns.map((column, i) => `${column} = $${first + i}`).join(' AND ');
  }

  /** One row by its key; in a write's transaction locked until commit, as {@link ROW_LOCKS} says. */
  async get(store: StoreName, key: Key): Promise<StoredRecord | undefined> {
    const { table, keyColumns } = spec(store);
    const parts = keyParts(key);
    const result = await this.query<{ data: StoredRecord; version: number | null }>(
      `SELECT data, version FROM ${table} WHERE ${this.#where(keyColumns)}${this.#locking ? ` ${ROW_LOCKS[store]}` : ''}`,
      parts,
    );
    const row = result.rows[0];
    this.#seen.set(seenKey(table, parts), row ? { version: row.version, data: JSON.stringify(row.data) } : null);
    return row?.data;
  }

  async put(store: StoreName, value: StoredRecord): Promise<void> {
    const { table, keyColumns } = spec(store);
    const parts = keyParts(keyOf(value, SCHEMA[store].keyPath));
    const key = seenKey(table, parts);
    const seen = this.#seen.get(key);
    const { names, values } = rowOf(store, value);
    if (seen === undefined) {
      // Not read in this transaction (imports, new ids): insert, or replace what is there.
      const updates = names.filter((n) => !keyColumns.includes(n)).map((n) => `${n} = EXCLUDED.${n}`);
      await this.query(
        `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})
         ON CONFLICT (${keyColumns.join(', ')}) DO UPDATE SET ${updates.join(', ')}`,
        values,
      );
    } else if (seen === null) {
      // Read as absent: a plain insert, which fails (and is retried) if someone got there first.
      await this.query(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`, values);
    } else {
      // Compare-and-set against what this transaction read.
      const sets = names.map((n, i) => `${n} = $${i + 1}`);
      const where = this.#where(keyColumns, names.length + 1);
      const guard =
        seen.version === null
          ? `data::jsonb = $${names.length + parts.length + 1}::jsonb`
          : `version = $${names.length + parts.length + 1}`;
      const result = await this.query(`UPDATE ${table} SET ${sets.join(', ')} WHERE ${where} AND ${guard}`, [
        ...values,
        ...parts,
        seen.version === null ? seen.data : seen.version,
      ]);
      if (result.rowCount !== 1) throw new LostRace(`${key} changed underneath this transaction`);
    }
    // The row is ours (locked) until commit: a second write in this transaction just replaces it.
    this.#seen.delete(key);
  }

  async delete(store: StoreName, key: Key): Promise<void> {
    const { table, keyColumns } = spec(store);
    await this.query(`DELETE FROM ${table} WHERE ${this.#where(keyColumns)}`, keyParts(key));
  }

  async scan(store: StoreName, index: string, range: ScanRange, options: ScanOptions): Promise<StoredRecord[]> {
    const { table, columns: fields } = spec(store);
    const columns = spec(store).indexColumns(index);
    const order = options.direction === 'prev' ? 'DESC' : 'ASC';
    const comparison = options.direction === 'prev' ? '<' : '>';
    const limit = options.limit ?? Infinity;
    // What `where` asks is said in SQL where its fields have columns; anything else is tested here.
    const where: string[] = [];
    const whereValues: unknown[] = [];
    const { where: asked = {} } = options;
    const column = (field: string) => fields[field];
    const rest: ScanWhere = {};
    if (asked.notTrue) {
      if (column(asked.notTrue)) where.push(`${column(asked.notTrue)} IS NOT TRUE`);
      else rest.notTrue = asked.notTrue;
    }
    if (asked.oneOf) {
      if (column(asked.oneOf.field)) where.push(`${column(asked.oneOf.field)} = ANY(${slot(whereValues, [...asked.oneOf.values].map(String))}::text[])`);
      else rest.oneOf = asked.oneOf;
    }
    if (asked.words?.words.length) {
      const field = column(asked.words.field);
      if (field) for (const word of asked.words.words) where.push(`${field} LIKE ${slot(whereValues, likeWord(word))}`);
      else rest.words = asked.words;
    }
    const filter = scanFilter({ ...options, ...(Object.keys(rest).length ? { where: rest } : { where: undefined }) });
    const found: StoredRecord[] = [];
    let after = range.after;
    for (;;) {
      if (options.signal?.aborted) throw new LiftDataError('aborted', 'The request was cancelled.');
      const values: unknown[] = [...range.prefix, ...whereValues];
      const conditions = [...range.prefix.map((_, i) => `${columns[i]} = $${i + 1}`), ...renumber(where, range.prefix.length)];
      if (after) {
        // The prefix is already an equality: compare only the rest, so the index is entered at
        // the cursor instead of walked from the start of the prefix's range.
        const parts = after.slice(range.prefix.length);
        if (parts.length) {
          conditions.push(`(${columns.slice(range.prefix.length, after.length).join(', ')}) ${comparison} (${parts.map((part) => slot(values, part)).join(', ')})`);
        }
      }
      const batch = filter ? SCAN_BATCH : Math.min(SCAN_BATCH, limit - found.length);
      const ordered = columns.map((c) => `${c} ${order}`).join(', ');
      const select = `SELECT data, ${columns.join(', ')} FROM ${table} ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY ${ordered} LIMIT ${batch}`;
      // A page stops in SQL once its rows pass the page's character budget: long records are
      // not read whole only to be cut off here. The second row comes even so: a first that
      // passes the budget alone is then seen to have more after it.
      const result = await this.query<{ data: StoredRecord }>(
        filter || options.limit === undefined
          ? select
          : `SELECT data FROM (SELECT data, ${columns.join(', ')}, sum(length(data::text)) OVER (ORDER BY ${ordered}) - length(data::text) AS before, row_number() OVER (ORDER BY ${ordered}) AS n FROM (${select}) page) cut
             WHERE before <= ${PAGE_CHARACTERS} OR n <= 2 ORDER BY ${ordered}`,
        values,
      );
      for (const row of result.rows) {
        if (!filter || filter(row.data)) found.push(row.data);
        if (found.length >= limit) return found;
      }
      if (result.rows.length < batch) return found;
      after = keyOf(result.rows.at(-1)!.data, SCHEMA[store].indexes.find((i) => i.name === index)!.keyPath) as Key[];
    }
  }

  /**
   * The overview in SQL, in one statement: every word a `LIKE '%word%'` on the folded text (the
   * trigram index finds the candidates within the contact), kinds and dates as conditions, and
   * the page entered at its cursor on the contact's index. The counts per kind come from
   * `timeline_counts` when no words or dates narrow them (kept by triggers on every write), else
   * grouped over the matches. A page's rows stop once their JSON passes the page's character
   * budget, so a page of long notes is never read whole.
   */
  async overview(filter: OverviewFilter): Promise<OverviewMatches> {
    const values: unknown[] = [filter.contactId];
    const param = (value: unknown) => (values.push(value), `$${values.length}`);
    const conditions = ['contact_id = $1'];
    for (const word of filter.words) conditions.push(`search LIKE ${param(likeWord(word))}`);
    if (filter.from !== undefined) conditions.push(`occurred_at >= ${param(filter.from)}`);
    if (filter.to !== undefined) conditions.push(`occurred_at < ${param(filter.to)}`);
    const counting =
      conditions.length === 1
        ? 'SELECT kind, n FROM timeline_counts WHERE contact_id = $1'
        : `SELECT kind, count(*) AS n FROM timeline WHERE ${conditions.join(' AND ')} GROUP BY kind`;
    const page = [...conditions];
    if (filter.kinds.length) page.push(`kind = ANY(${param(filter.kinds)}::text[])`);
    if (filter.after) page.push(`(occurred_at, id) < (${param(filter.after[1])}, ${param(filter.after[2])})`);
    // Counts first (no data), then the page's rows in order: one answer, one round trip.
    const rows = await this.query<{ data: TimelineEntry | null; kind: string | null; n: string | null }>(
      `SELECT NULL::json AS data, kind, n, 0 AS part, 0::bigint AS at FROM (${counting}) counted
       UNION ALL
       SELECT data, NULL, NULL, 1, row_number() OVER (ORDER BY occurred_at DESC, id DESC) FROM (
         SELECT data, occurred_at, id, sum(length(data::text)) OVER (ORDER BY occurred_at DESC, id DESC) - length(data::text) AS before,
           row_number() OVER (ORDER BY occurred_at DESC, id DESC) AS n
         FROM (SELECT data, occurred_at, id FROM timeline WHERE ${page.join(' AND ')} ORDER BY occurred_at DESC, id DESC LIMIT ${filter.limit + 1}) newest
       ) fitted WHERE before <= ${PAGE_CHARACTERS} OR n <= 2
       ORDER BY part, at`,
      values,
    );
    const counts = emptyCounts();
    const entries: TimelineEntry[] = [];
    for (const row of rows.rows) {
      if (row.data) entries.push(row.data);
      else if (row.kind !== null && row.kind in counts) counts[row.kind as TimelineKind] = Number(row.n);
    }
    const total = filter.kinds.length ? filter.kinds.reduce((sum, kind) => sum + counts[kind], 0) : Object.values(counts).reduce((a, b) => a + b, 0);
    return { entries, total, counts };
  }

  /**
   * Entries per month and kind in SQL: one aggregate over the contact's index, a row per month and
   * kind. Without a zone the month is the stored text's own (ISO, UTC); with one, the time (text
   * in the column) is read as an instant and its month taken in that zone.
   */
  async activity(contactId: string, range: { from: string; to: string }, timeZone?: string): Promise<ActivityCount[]> {
    const month = timeZone === undefined ? 'substr(occurred_at, 1, 7)' : `to_char((occurred_at::timestamptz) AT TIME ZONE $4, 'YYYY-MM')`;
    const result = await this.query<{ month: string; kind: TimelineKind; n: string }>(
      `SELECT ${month} AS month, kind, count(*) AS n FROM timeline
       WHERE contact_id = $1 AND occurred_at >= $2 AND occurred_at <= $3 GROUP BY 1, 2`,
      timeZone === undefined ? [contactId, range.from, range.to] : [contactId, range.from, range.to, timeZone],
    ).catch((error: unknown) => {
      // A zone the runtime's Intl knows and this database's zone list does not.
      if ((error as { code?: unknown }).code === INVALID_PARAMETER) throw new LiftDataError('validation', `The database knows no time zone ${timeZone}.`, { fields: { timeZone: 'invalid' } });
      throw error;
    });
    return result.rows.map((row) => ({ month: row.month, kind: row.kind, count: Number(row.n) }));
  }

  async getAll(store: StoreName, prefix: Key[], index?: string, signal?: AbortSignal): Promise<StoredRecord[]> {
    if (signal?.aborted) throw new LiftDataError('aborted', 'The request was cancelled.');
    const { table, keyColumns, indexColumns } = spec(store);
    const columns = index ? indexColumns(index) : keyColumns;
    const where = prefix.length ? `WHERE ${this.#where(columns.slice(0, prefix.length))}` : '';
    const result = await this.query<{ data: StoredRecord }>(`SELECT data FROM ${table} ${where} ORDER BY ${columns.join(', ')}`, prefix);
    return result.rows.map((row) => row.data);
  }

  async putMany(store: StoreName, records: readonly StoredRecord[]): Promise<void> {
    const { table, keyColumns } = spec(store);
    for (let start = 0; start < records.length; start += 500) {
      const rows = records.slice(start, start + 500).map((record) => rowOf(store, record));
      if (!rows.length) continue;
      const names = rows[0]!.names;
      const values: unknown[] = [];
      const tuples = rows.map((row) => `(${row.values.map((value) => (values.push(value), `$${values.length}`)).join(', ')})`);
      const updates = names.filter((n) => !keyColumns.includes(n)).map((n) => `${n} = EXCLUDED.${n}`);
      await this.query(
        `INSERT INTO ${table} (${names.join(', ')}) VALUES ${tuples.join(', ')}
         ON CONFLICT (${keyColumns.join(', ')}) DO UPDATE SET ${updates.join(', ')}`,
        values,
      );
    }
  }

  async count(store: StoreName, prefix: Key[], index?: string): Promise<number> {
    if (store === 'timeline' && index === 'byContact' && prefix.length === 1) {
      // A contact's entries, from the counts the triggers keep (not one index entry per entry).
      const kept = await this.query<{ n: string }>('SELECT coalesce(sum(n), 0) AS n FROM timeline_counts WHERE contact_id = $1', prefix);
      return Number(kept.rows[0]!.n);
    }
    const { table, keyColumns, indexColumns } = spec(store);
    const columns = index ? indexColumns(index) : keyColumns;
    const where = prefix.length ? `WHERE ${this.#where(columns.slice(0, prefix.length))}` : '';
    const result = await this.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} ${where}`, prefix);
    return Number(result.rows[0]!.n);
  }
}

/** Whether an error means the database could not be reached (or went away mid-way). */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && CONNECTION_SQLSTATE.test(code)) return true;
  if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'ETIMEDOUT'].includes(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|terminating connection/i.test(message);
}

/**
 * Asks PostgreSQL to cancel whatever the connection is running, the way libpq does: a
 * CancelRequest (the backend's process id and secret key) on a new socket. It needs no free pool
 * connection, which matters most when the pool is busy. Best effort: errors are ignored.
 */
export function cancelRunningQuery(client: pg.PoolClient): void {
  const { processID, secretKey, connectionParameters } = client as unknown as {
    processID: number | null;
    secretKey: number | null;
    connectionParameters: { host: string; port: number };
  };
  if (processID === null || secretKey === null) return;
  const { host, port } = connectionParameters;
  const socket = host.startsWith('/') ? net.connect(`${host}/.s.PGSQL.${port}`) : net.connect(port, host);
  const packet = Buffer.alloc(16);
  packet.writeInt32BE(16, 0);
  packet.writeInt32BE(80877102, 4); // the CancelRequest code
  packet.writeInt32BE(processID, 8);
  packet.writeInt32BE(secretKey, 12);
  socket.setTimeout(5000, () => socket.destroy());
  socket.on('error', () => socket.destroy());
  socket.on('connect', () => socket.end(packet));
}

/** The error for work stopped by its request's signal: the client went, or the deadline passed. */
function stopped(signal: AbortSignal, cause?: unknown): LiftDataError {
  const reason = signal.reason as unknown;
  if (reason instanceof LiftDataError) return reason;
  return new LiftDataError('aborted', 'The request was cancelled.', cause === undefined ? {} : { cause });
}

export interface PgBackendOptions {
  /**
   * The request's signal: when it aborts, the running statement is cancelled in PostgreSQL, the
   * transaction rolled back and its connection discarded, and the work rejects with the signal's
   * reason when that is a LiftDataError (a deadline: `unavailable`), else `aborted`.
   */
  signal?: AbortSignal;
}

/**
 * One PostgreSQL schema as a {@link StoreBackend}. Writes run at READ COMMITTED with
 * compare-and-set updates; a lost race, a serialization failure, a deadlock or a duplicate
 * insert reruns the whole transaction (the engine's work is written to be rerun).
 */
export class PgBackend implements StoreBackend {
  readonly #pool: pg.Pool;
  readonly #schema: string;
  readonly #signal: AbortSignal | undefined;

  constructor(pool: pg.Pool, schema: string, options: PgBackendOptions = {}) {
    this.#pool = pool;
    this.#schema = quoteSchema(schema);
    this.#signal = options.signal;
  }

  /** A pooled connection, unless the signal aborts first (a connection that comes later goes back). */
  async #connect(): Promise<pg.PoolClient> {
    const signal = this.#signal;
    if (signal?.aborted) throw stopped(signal);
    const connecting = this.#pool.connect();
    if (!signal) return connecting;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(stopped(signal));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([connecting, aborted]);
    } catch (error) {
      if (signal.aborted) connecting.then((client) => client.release(), () => undefined);
      throw error;
    } finally {
      signal.removeEventListener('abort', onAbort!);
    }
  }

  async run<T>(_stores: StoreName[], mode: 'readonly' | 'readwrite', work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    const signal = this.#signal;
    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient;
      try {
        client = await this.#connect();
      } catch (error) {
        if (LiftDataError.is(error)) throw error;
        throw new LiftDataError('unavailable', 'The database cannot be reached.', { cause: error });
      }
      let broken = false;
      // A cancel request may land after this transaction ended: the connection is then not
      // given back to the pool, so it cannot cancel the next request's statement.
      let cancelled = false;
      const cancel = () => {
        cancelled = true;
        cancelRunningQuery(client);
      };
      signal?.addEventListener('abort', cancel, { once: true });
      try {
        // One round trip: on a busy machine each one waits for both processes to be scheduled.
        await client.query(`${mode === 'readwrite' ? 'BEGIN' : 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'}; SET LOCAL search_path TO ${this.#schema}`);
        const result = await work(new PgTransaction(client, signal, mode));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        if (signal?.aborted) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw stopped(signal, error);
        }
        broken = isConnectionError(error);
        if (!broken) await client.query('ROLLBACK').catch(() => (broken = true));
        const code = (error as { code?: unknown }).code;
        const retry = error instanceof LostRace || (typeof code === 'string' && RETRYABLE_SQLSTATES.has(code));
        if (retry && attempt < MAX_ATTEMPTS) {
          await sleep(Math.random() * 5 * attempt);
          continue;
        }
        if (error instanceof LiftDataError) throw error;
        if (broken) throw new LiftDataError('unavailable', 'The database connection was lost.', { cause: error });
        if (code === DISK_FULL) throw new LiftDataError('quota', 'The database has no room left for this write.', { cause: error });
        if (retry) throw new LiftDataError('unavailable', 'The database is too busy to save this now; try again.', { cause: error });
        throw error;
      } finally {
        signal?.removeEventListener('abort', cancel);
        client.release(broken || cancelled);
      }
    }
  }

  overview(filter: OverviewFilter, signal?: AbortSignal): Promise<OverviewMatches> {
    return this.#reading(signal).run(['timeline'], 'readonly', (tx) => (tx as PgTransaction).overview(filter));
  }

  activity(contactId: string, range: { from: string; to: string }, signal?: AbortSignal, timeZone?: string): Promise<ActivityCount[]> {
    return this.#reading(signal).run(['timeline'], 'readonly', (tx) => (tx as PgTransaction).activity(contactId, range, timeZone));
  }

  /** This backend, or one on the same pool stopped by a read's own signal. */
  #reading(signal: AbortSignal | undefined): PgBackend {
    return signal && signal !== this.#signal ? new PgBackend(this.#pool, this.#schema.slice(1, -1), { signal }) : this;
  }

  close(): void {
    // The pool belongs to the server; it ends it on shutdown.
  }
}
