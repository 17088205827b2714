/**
 * The overview's reads answer from indexes: the statements the rule engine sends for the
 * overview page, its counts, a search, a deep page, a contact search and the activity report are
 * recorded as they go to PostgreSQL and then explained (EXPLAIN ANALYZE) on a database seeded
 * with the demo generator at a size where the planner prefers an index wherever one serves
 * (5 000 contacts, one with 20 000 entries; about 40 000 entries in all), so a change that drops
 * or stops using an index fails here. No planner settings are changed: these are the plans the
 * server gets.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { DEMO_USERS, seedDemoData } from '../../src/data/demo/demo-data.js';
import { encodeCursor } from '../../src/data/engine/store.js';
import { StoreAdapter } from '../../src/data/engine/store-adapter.js';
import { migrate } from '../src/db.js';
import { PgBackend } from '../src/pg-backend.js';
import { emptySchema } from './helpers.js';

const DATABASE = 'lift_node_plans';
const SCHEMA = 'plans';
const BIG = 20_000;

interface Statement {
  text: string;
  values: unknown[];
}

/** A plan node as EXPLAIN (FORMAT JSON) gives it, with the fields read here. */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}

/** Every node of a plan, depth first. */
function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** A pool whose connections note every statement with parameters that they run. */
function recording(pool: pg.Pool, log: Statement[]): pg.Pool {
  return {
    async connect() {
      const client = await pool.connect();
      return new Proxy(client, {
        get(target, key) {
          if (key === 'query') {
            return (text: string, values?: unknown[]) => {
              if (typeof text === 'string' && values?.length) log.push({ text, values });
              return target.query(text, values);
            };
          }
          const value: unknown = Reflect.get(target, key);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
    },
  } as unknown as pg.Pool;
}

describe('the overview reads from indexes (EXPLAIN on a seeded database)', () => {
  let pool: pg.Pool;
  const log: Statement[] = [];
  let adapter: StoreAdapter;
  let big: string;

  before(async () => {
    pool = await emptySchema(DATABASE, SCHEMA, 4);
    await migrate(pool, SCHEMA);
    const writer = new StoreAdapter(new PgBackend(pool, SCHEMA), { user: DEMO_USERS[0]! });
    await seedDemoData(writer, { contacts: 5_000, entriesPerContact: 4, bigContactEntries: BIG });
    // As the server does after seeding: statistics, and the visibility map for index-only reads.
    await pool.query(`VACUUM ANALYZE ${SCHEMA}.timeline, ${SCHEMA}.contacts, ${SCHEMA}.timeline_counts`);
    big = (await pool.query<{ contact_id: string }>(`SELECT contact_id FROM ${SCHEMA}.timeline GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)).rows[0]!.contact_id;
    adapter = new StoreAdapter(new PgBackend(recording(pool, log), SCHEMA), { user: DEMO_USERS[0]! });
  });

  after(async () => {
    await pool?.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await pool?.end();
  });

  /** Runs `read`, then explains the statements it sent that mention `table`. */
  async function plansOf(read: () => Promise<unknown>, table: RegExp): Promise<{ text: string; plan: PlanNode[] }[]> {
    log.length = 0;
    await read();
    const sent = log.filter((statement) => /^\s*SELECT/i.test(statement.text) && table.test(statement.text));
    assert.ok(sent.length, `a statement on ${table} was sent`);
    const client = await pool.connect();
    try {
      await client.query(`SET search_path TO ${SCHEMA}`);
      const plans = [];
      for (const { text, values } of sent) {
        const result = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, values);
        plans.push({ text, plan: nodes(result.rows[0]!['QUERY PLAN'][0].Plan) });
      }
      return plans;
    } finally {
      client.release();
    }
  }

  /** No node reads `table` whole; some node reads it through `index`. */
  function readsThrough(plan: PlanNode[], table: string, index: string, what: string): PlanNode {
    const whole = plan.filter((node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === table);
    assert.equal(whole.length, 0, `${what}: no sequential scan on ${table}\n${outline(plan)}`);
    const through = plan.find((node) => node['Index Name'] === index);
    assert.ok(through, `${what}: reads ${table} through ${index}\n${outline(plan)}`);
    return through;
  }

  const outline = (plan: PlanNode[]) =>
    plan.map((node) => `  ${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}${node['Relation Name'] ? ` on ${node['Relation Name']}` : ''} (rows ${node['Actual Rows']})`).join('\n');

  it("opening the overview: the page from the contact's index, the counts from timeline_counts", async () => {
    const [statement] = await plansOf(() => adapter.timeline.query(big, { limit: 100 }), /\btimeline\b/);
    const page = readsThrough(statement!.plan, 'timeline', 'timeline_by_contact', 'the first page');
    assert.ok(page['Actual Rows']! <= 101, `the page reads its rows and one more, not the history (${page['Actual Rows']})`);
    readsThrough(statement!.plan, 'timeline_counts', 'timeline_counts_pkey', 'the counts per kind');
  });

  it('a search: the counts and the matches from the trigram index', async () => {
    for (const text of ['offerte', 'website', 'offerte planning']) {
      const [statement] = await plansOf(() => adapter.timeline.query(big, { text, limit: 100 }), /\btimeline\b/);
      readsThrough(statement!.plan, 'timeline', 'timeline_search', `"${text}"`);
    }
  });

  it("a date range without words: the counts from the contact's index alone", async () => {
    const [statement] = await plansOf(() => adapter.timeline.query(big, { from: '2025-01-01T00:00:00.000Z', to: '2025-07-01T00:00:00.000Z', limit: 100 }), /\btimeline\b/);
    readsThrough(statement!.plan, 'timeline', 'timeline_by_contact', 'the dated counts');
    assert.ok(
      statement!.plan.some((node) => node['Node Type'] === 'Index Only Scan' && node['Index Name'] === 'timeline_by_contact'),
      `the counts read the index alone\n${outline(statement!.plan)}`,
    );
  });

  it('a deep page starts at its cursor in the index, in the overview and in the plain list', async () => {
    const deep = (await pool.query<{ occurred_at: string; id: string }>(
      `SELECT occurred_at, id FROM ${SCHEMA}.timeline WHERE contact_id = $1 ORDER BY occurred_at DESC, id DESC OFFSET $2 LIMIT 1`,
      [big, BIG - 2_000],
    )).rows[0]!;
    const cursor = encodeCursor([big, deep.occurred_at, deep.id]);
    for (const [what, read] of [
      ['the overview', () => adapter.timeline.query(big, { cursor, limit: 100 })],
      ['the list', () => adapter.timeline.list(big, { cursor, limit: 100 })],
    ] as const) {
      const plans = await plansOf(read, /\btimeline\b/);
      const paged = plans.find((p) => /occurred_at DESC, id DESC\s+LIMIT/.test(p.text))!;
      const scan = readsThrough(paged.plan, 'timeline', 'timeline_by_contact', what);
      assert.match(scan['Index Cond'] ?? '', /occurred_at/, `${what}: the cursor is a condition on the index, not a filter`);
      assert.ok(scan['Actual Rows']! <= 101, `${what}: ${scan['Actual Rows']} index entries read for a page of 100, ${BIG - 2_000} entries deep`);
    }
  });

  it('a contact search: from the trigram index on the folded search text', async () => {
    const { search } = (await pool.query<{ search: string }>(`SELECT search FROM ${SCHEMA}.contacts WHERE archived IS NOT TRUE ORDER BY id LIMIT 1 OFFSET 500`)).rows[0]!;
    // The contact's e-mail address: a word few contacts share.
    const word = search.split(/\s+/).find((part) => part.includes('@'))!;
    const [statement] = await plansOf(() => adapter.contacts.list({ text: word }), /\bcontacts\b/);
    readsThrough(statement!.plan, 'contacts', 'contacts_search', `contacts with "${word}"`);
  });

  it("the activity report: one aggregate over the contact's index alone", async () => {
    const [statement] = await plansOf(() => adapter.reports.run('activity', big), /\btimeline\b/);
    const scan = readsThrough(statement!.plan, 'timeline', 'timeline_by_contact', 'the report');
    assert.equal(scan['Node Type'], 'Index Only Scan', `the report reads no rows\n${outline(statement!.plan)}`);
  });
});
