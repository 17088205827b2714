/**
 * A database written before search spelled letters such as ı, ø and ß plainly: after the
 * migration and the start-up backfills, contacts, relations and the overview are found by the
 * plain spelling, and each record reads back exactly as it was written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { DEMO_USERS } from '../../src/data/demo/demo-data.js';
import { StoreAdapter } from '../../src/data/engine/store-adapter.js';
import { backfillPlainLetters, backfillSearch, migrate } from '../src/db.js';
import { PgBackend } from '../src/pg-backend.js';
import { emptySchema } from './helpers.js';

const DATABASE = 'lift_node_plain_letters';
const SCHEMA = 'plain_letters';
/** How the first versions folded: marks stripped and lower case, the letters without a mark left as they were. */
const oldFold = (text: string) => text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();

describe('search text folded by an earlier version', () => {
  let pool: pg.Pool;

  before(async () => {
    pool = await emptySchema(DATABASE, SCHEMA);
  });

  after(async () => {
    await pool?.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await pool?.end();
  });

  it('is spelled plainly after the migration and the backfills, and the records stay as written', async () => {
    await migrate(pool, SCHEMA);
    const adapter = new StoreAdapter(new PgBackend(pool, SCHEMA), { user: DEMO_USERS[0]! });
    const relation = await adapter.relations.create({ kind: 'client', name: 'Ørsted Bouw' });
    const contact = await adapter.contacts.create({ relationId: relation.id, firstName: 'Ayşe', lastName: 'Yılmaz' });
    const entry = await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gesprek met Michał', body: 'Straße' });
    // The rows as the earlier version left them: its folded text, and the plain-letters migration not yet run.
    const q = (text: string, values: unknown[] = []) => pool.query(text.replaceAll('$schema', SCHEMA), values);
    const stored = async (table: string, id: string) => (await q(`SELECT data::text AS json FROM $schema.${table} WHERE id = $1`, [id])).rows[0]!.json as string;
    const contactSearch = oldFold('Ayşe Yılmaz  Ørsted Bouw');
    const contactJson = (await stored('contacts', contact.id)).replace(/"_search":"[^"]*"/, `"_search":${JSON.stringify(contactSearch)}`);
    await q('UPDATE $schema.contacts SET search = $2, data = $3::json WHERE id = $1', [contact.id, contactSearch, contactJson]);
    const relationJson = (await stored('relations', relation.id)).replace(/"_sortName":"[^"]*"/, `"_sortName":${JSON.stringify(oldFold('Ørsted Bouw'))}`);
    await q('UPDATE $schema.relations SET sort_name = $2, data = $3::json WHERE id = $1', [relation.id, oldFold('Ørsted Bouw'), relationJson]);
    await q('UPDATE $schema.timeline SET search = $2 WHERE id = $1', [entry.id, oldFold('Gesprek met Michał\nStraße\nAnna')]);
    await q("DELETE FROM $schema.schema_migrations WHERE name = '012_plain_letters.sql'");
    assert.deepEqual((await adapter.contacts.list({ text: 'yilmaz' })).items, [], 'not found before');

    assert.deepEqual(await migrate(pool, SCHEMA), ['012_plain_letters.sql']);
    assert.equal(await backfillPlainLetters(pool, SCHEMA), 2, 'the contact and the relation respelled');
    assert.ok((await backfillSearch(pool, SCHEMA)) >= 1, 'the entry written again');

    assert.deepEqual((await adapter.contacts.list({ text: 'yilmaz orsted' })).items.map((c) => c.id), [contact.id]);
    assert.deepEqual((await adapter.timeline.query(contact.id, { text: 'michal strasse' })).items.map((e) => e.id), [entry.id]);
    // Only the folded text changed: the fields in the order they were written, the names as typed.
    const order = (json: string) => Object.keys(JSON.parse(json) as object);
    assert.deepEqual(order(await stored('contacts', contact.id)), order(contactJson));
    assert.equal(JSON.parse(await stored('relations', relation.id))._sortName, 'orsted bouw');
    assert.equal((await adapter.contacts.get(contact.id)).lastName, 'Yılmaz');
    assert.equal(await backfillPlainLetters(pool, SCHEMA), 0, 'nothing left to respell');
  });
});
