/**
 * Pages stop once their JSON passes the page budget (a million characters), in SQL: a record
 * that passes it alone still makes a page of its own, and the pages after it are reached.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { DEMO_USERS } from '../../src/data/demo/demo-data.js';
import type { TimelineEntry } from '../../src/data/contract/model.js';
import { StoreAdapter } from '../../src/data/engine/store-adapter.js';
import { migrate } from '../src/db.js';
import { PgBackend } from '../src/pg-backend.js';
import { emptySchema } from './helpers.js';

const DATABASE = 'lift_node_big_records';
const SCHEMA = 'big_records';

describe('a record longer than a page', () => {
  let pool: pg.Pool;
  let adapter: StoreAdapter;

  before(async () => {
    pool = await emptySchema(DATABASE, SCHEMA);
    await migrate(pool, SCHEMA);
    adapter = new StoreAdapter(new PgBackend(pool, SCHEMA), { user: DEMO_USERS[0]! });
  });

  after(async () => {
    await pool?.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await pool?.end();
  });

  it('is a page of its own, and the older entries are on the next pages', async () => {
    const relation = await adapter.relations.create({ kind: 'client', name: 'Groot BV' });
    const contact = await adapter.contacts.create({ relationId: relation.id, lastName: 'Groot' });
    const day = (d: number) => new Date(Date.UTC(2026, 0, d)).toISOString();
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Oud', body: '', occurredAt: day(1) });
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Minder oud', body: '', occurredAt: day(2) });
    // Each control character is six characters of JSON (\u0001): the entry alone passes the budget.
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Groot', body: '\u0001'.repeat(174_000), occurredAt: day(3) });
    const subjects = (items: TimelineEntry[]) => items.map((entry) => entry.subject);
    for (const read of [
      (cursor?: string) => adapter.timeline.list(contact.id, { limit: 20, ...(cursor ? { cursor } : {}) }),
      (cursor?: string) => adapter.timeline.query(contact.id, { limit: 20, kinds: ['note'], ...(cursor ? { cursor } : {}) }),
    ]) {
      const first = await read();
      assert.deepEqual(subjects(first.items), ['Groot'], 'the long entry alone');
      assert.ok(first.next, 'a next page');
      assert.deepEqual(subjects((await read(first.next)).items), ['Minder oud', 'Oud']);
    }
    assert.deepEqual(subjects(await adapter.timeline.all(contact.id)), ['Groot', 'Minder oud', 'Oud'], 'the whole history');
  });
});
