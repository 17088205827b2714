/**
 * Creates are idempotent per `Lift-Request`: the same request id sent again (a client retrying a
 * create whose answer it lost) gets the first answer again instead of a second record, even when
 * the copies arrive at once. The id is the user's own: another user's, or the same id with a
 * different body, is not a repeat.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { Contact, Relation, TimelineEntry, WorkItem } from '../../src/data/contract/model.js';
import { ANSWER_DAYS, pruneAnswers } from '../src/replay.js';
import { createSpace, postgres, startServer, stopAllServers, type ServerProcess, type Space } from './helpers.js';

const DATABASE = 'lift_node_idempotency';

describe('idempotent creates (Lift-Request)', () => {
  let server: ServerProcess;
  const spaces: Space[] = [];

  before(async () => {
    server = await startServer(DATABASE);
  });
  after(async () => {
    for (const space of spaces) await space.drop();
    await stopAllServers();
  });

  async function world() {
    const space = await createSpace(server.url, {
      users: [
        { id: 'u-anna', name: 'Anna Admin', role: 'admin' },
        { id: 'u-bart', name: 'Bart Admin', role: 'admin' },
      ],
    });
    spaces.push(space);
    const relation = await space.api<Relation>('u-anna', 'POST', '/relations', { body: { kind: 'client', name: 'Drukkerij Van Dam' } });
    assert.equal(relation.status, 201, relation.text);
    return { space, relation: relation.body };
  }

  const once = (request: string) => ({ headers: { 'lift-request': request, 'lift-client': 'client-1' } });

  it('the same create sent twice makes one contact, and the repeat gets the first answer', async () => {
    const { space, relation } = await world();
    const request = randomUUID();
    const body = { relationId: relation.id, firstName: 'Eva', lastName: 'Dam' };
    const first = await space.api<Contact>('u-anna', 'POST', '/contacts', { body, ...once(request) });
    const second = await space.api<Contact>('u-anna', 'POST', '/contacts', { body, ...once(request) });
    assert.equal(first.status, 201, first.text);
    assert.equal(second.status, 201, second.text);
    assert.equal(second.body.id, first.body.id);
    assert.deepEqual(second.body, first.body);
    assert.equal(second.headers.get('etag'), first.headers.get('etag'));
    assert.equal(second.headers.get('lift-changes'), first.headers.get('lift-changes'));
    const list = await space.api<{ items: Contact[] }>('u-anna', 'GET', `/contacts?relationId=${relation.id}`);
    assert.equal(list.body.items.length, 1, 'one contact');
  });

  it('a repeat whose JSON names the same fields in another order is the same create', async () => {
    const { space, relation } = await world();
    const request = randomUUID();
    const first = await space.api<Contact>('u-anna', 'POST', '/contacts', { body: { relationId: relation.id, firstName: 'Eva', lastName: 'Dam' }, ...once(request) });
    // A client (or a proxy) that builds the body again before the retry may order it otherwise.
    const second = await space.api<Contact>('u-anna', 'POST', '/contacts', { body: { lastName: 'Dam', firstName: 'Eva', relationId: relation.id }, ...once(request) });
    assert.equal(first.status, 201, first.text);
    assert.equal(second.status, 201, second.text);
    assert.equal(second.body.id, first.body.id);
    const list = await space.api<{ items: Contact[] }>('u-anna', 'GET', `/contacts?relationId=${relation.id}`);
    assert.equal(list.body.items.length, 1, 'one contact');
  });

  it('a work item created twice uses one number; the next create gets the next number', async () => {
    const { space, relation } = await world();
    const contact = await space.api<Contact>('u-anna', 'POST', '/contacts', { body: { relationId: relation.id, lastName: 'Dam' } });
    const request = randomUUID();
    const body = { kind: 'project', contactId: contact.body.id, title: 'Nieuwe pers' };
    const first = await space.api<WorkItem>('u-anna', 'POST', '/work', { body, ...once(request) });
    const second = await space.api<WorkItem>('u-anna', 'POST', '/work', { body, ...once(request) });
    assert.equal(first.status, 201, first.text);
    assert.equal(second.body.id, first.body.id);
    assert.equal(second.body.number, first.body.number);
    const next = await space.api<WorkItem>('u-anna', 'POST', '/work', { body: { ...body, title: 'Tweede pers' }, ...once(randomUUID()) });
    const serial = (number: string) => Number(/(\d+)$/.exec(number)![1]);
    assert.equal(serial(next.body.number), serial(first.body.number) + 1, `${first.body.number} then ${next.body.number}`);
    const work = await space.api<{ items: WorkItem[] }>('u-anna', 'GET', `/contacts/${contact.body.id}/work`);
    assert.equal(work.body.items.length, 2);
  });

  it('copies arriving at once make one record, and every copy is answered with it', async () => {
    const { space } = await world();
    const request = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => space.api<Relation>('u-anna', 'POST', '/relations', { body: { kind: 'prospect', name: 'Gelijktijdig BV' }, ...once(request) })),
    );
    for (const answer of answers) assert.equal(answer.status, 201, answer.text);
    assert.equal(new Set(answers.map((a) => a.body.id)).size, 1, 'one id in every answer');
    const list = await space.api<{ items: Relation[] }>('u-anna', 'GET', '/relations?text=Gelijktijdig');
    assert.equal(list.body.items.length, 1, 'one relation');
  });

  it('copies of a contact copy that archives the original, arriving at once, are all answered with the one copy made', async () => {
    const { space, relation } = await world();
    const original = await space.api<Contact>('u-anna', 'POST', '/contacts', { body: { relationId: relation.id, lastName: 'Dam' } });
    const request = randomUUID();
    // The first copy archives the original at version 1; a repeat that ran meanwhile finds it archived at version 2.
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        space.api<Contact>('u-anna', 'POST', `/contacts/${original.body.id}/copy`, { body: { relationId: relation.id, archiveOriginal: true }, headers: { ...once(request).headers, 'if-match': '"1"' } }),
      ),
    );
    for (const answer of answers) assert.equal(answer.status, 201, answer.text);
    assert.equal(new Set(answers.map((a) => a.body.id)).size, 1, 'one id in every answer');
    const list = await space.api<{ items: Contact[] }>('u-anna', 'GET', `/contacts?relationId=${relation.id}&includeArchived=true`);
    assert.equal(list.body.items.length, 2, 'the original and one copy');
  });

  it('keeps the answer with the record in one commit: a repeat is answered even when nothing could be stored after the commit', async () => {
    const { space, relation } = await world();
    const contact = await space.api<Contact>('u-anna', 'POST', '/contacts', { body: { relationId: relation.id, lastName: 'Dam' } });
    // The table of answers refuses any change to a row once made: a server that stored the
    // answer after its commit (and stopped, or failed, there) would leave the claim unanswered.
    const pool = new pg.Pool({ ...postgres(), database: DATABASE, max: 1 });
    try {
      await pool.query(`CREATE FUNCTION "${space.name}".refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'stopped after the commit'; END $$`);
      await pool.query(`CREATE TRIGGER refuse BEFORE UPDATE ON "${space.name}".request_answers FOR EACH ROW EXECUTE FUNCTION "${space.name}".refuse()`);
    } finally {
      await pool.end();
    }
    const request = randomUUID();
    const body = { kind: 'call', subject: 'Gebeld in de trein', body: '' };
    const first = await space.api<TimelineEntry>('u-anna', 'POST', `/contacts/${contact.body.id}/timeline`, { body, ...once(request) });
    const again = await space.api<TimelineEntry>('u-anna', 'POST', `/contacts/${contact.body.id}/timeline`, { body, ...once(request) });
    assert.equal(first.status, 201, first.text);
    assert.equal(again.status, 201, again.text);
    assert.deepEqual(again.body, first.body);
    assert.equal(again.headers.get('lift-changes'), first.headers.get('lift-changes'));
    // A copy answers with both records and the copy's ETag: kept as sent.
    const copyRequest = randomUUID();
    const target = await space.api<Relation>('u-anna', 'POST', '/relations', { body: { kind: 'client', name: 'Drukkerij Noord' } });
    const copyBody = { relationId: target.body.id };
    const copied = await space.api('u-anna', 'POST', `/contacts/${contact.body.id}/copy`, { body: copyBody, ...once(copyRequest) });
    const copiedAgain = await space.api('u-anna', 'POST', `/contacts/${contact.body.id}/copy`, { body: copyBody, ...once(copyRequest) });
    assert.equal(copied.status, 201, copied.text);
    assert.deepEqual(copiedAgain.body, copied.body);
    assert.equal(copiedAgain.headers.get('etag'), copied.headers.get('etag'));
    assert.equal(copied.headers.get('etag'), `"${copied.body.copy.version}"`);
    const all = await space.api<TimelineEntry[]>('u-anna', 'GET', `/contacts/${contact.body.id}/timeline/all`);
    assert.equal(all.body.filter((entry) => entry.subject === 'Gebeld in de trein').length, 1, 'one call');
  });

  it('answers a create the full database disk refused 507 quota, not a lost connection: it did not land, and sent again once there is room it lands once', async () => {
    const { space, relation } = await world();
    // PostgreSQL's own refusal when it cannot extend a file (SQLSTATE 53100, disk_full).
    const pool = new pg.Pool({ ...postgres(), database: DATABASE, max: 1 });
    try {
      await pool.query(`CREATE FUNCTION "${space.name}".full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$`);
      await pool.query(`CREATE TRIGGER full_disk BEFORE INSERT ON "${space.name}".contacts FOR EACH ROW EXECUTE FUNCTION "${space.name}".full()`);
      const request = randomUUID();
      const body = { relationId: relation.id, lastName: 'Vol' };
      const refused = await space.api('u-anna', 'POST', '/contacts', { body, ...once(request) });
      assert.equal(refused.status, 507, refused.text);
      assert.equal(refused.body.code, 'quota');
      await pool.query(`DROP TRIGGER full_disk ON "${space.name}".contacts`);
      const landed = await space.api<Contact>('u-anna', 'POST', '/contacts', { body, ...once(request) });
      assert.equal(landed.status, 201, landed.text);
      const list = await space.api<{ items: Contact[] }>('u-anna', 'GET', `/contacts?relationId=${relation.id}`);
      assert.equal(list.body.items.filter((c) => c.lastName === 'Vol').length, 1);
    } finally {
      await pool.end();
    }
  });

  it(`keeps answers ${ANSWER_DAYS} days, for a device that sends its outbox after weeks offline`, async () => {
    const { space, relation } = await world();
    const request = randomUUID();
    const body = { relationId: relation.id, lastName: 'Lang weg' };
    const first = await space.api<Contact>('u-anna', 'POST', '/contacts', { body, ...once(request) });
    const pool = new pg.Pool({ ...postgres(), database: DATABASE, max: 1 });
    try {
      await pool.query(`UPDATE "${space.name}".request_answers SET created_at = now() - make_interval(days => $1)`, [ANSWER_DAYS - 1]);
      assert.equal(await pruneAnswers(pool, space.name), 0, 'nothing younger than the days kept goes');
      const again = await space.api<Contact>('u-anna', 'POST', '/contacts', { body, ...once(request) });
      assert.equal(again.body.id, first.body.id, `after ${ANSWER_DAYS - 1} days: the same contact`);
      await pool.query(`UPDATE "${space.name}".request_answers SET created_at = now() - make_interval(days => $1)`, [ANSWER_DAYS + 1]);
      assert.equal(await pruneAnswers(pool, space.name), 1);
      // A claim an older server made and never answered (it stored the answer after its commit)
      // goes after a day, so a repeat of it is made anew rather than answered 503 for a month.
      await pool.query(
        `INSERT INTO "${space.name}".request_answers (user_id, request, route, body_hash, created_at) VALUES ('u-anna', 'unanswered', 'POST /contacts', '', now() - interval '25 hours')`,
      );
      assert.equal(await pruneAnswers(pool, space.name), 1);
    } finally {
      await pool.end();
    }
  });

  it("another user's request with the same id is a create of its own; the same id with another body is refused", async () => {
    const { space, relation } = await world();
    const request = randomUUID();
    const anna = await space.api<Contact>('u-anna', 'POST', '/contacts', { body: { relationId: relation.id, lastName: 'Dam' }, ...once(request) });
    const bart = await space.api<Contact>('u-bart', 'POST', '/contacts', { body: { relationId: relation.id, lastName: 'Dam' }, ...once(request) });
    assert.equal(bart.status, 201, bart.text);
    assert.notEqual(bart.body.id, anna.body.id);
    const other = await space.api('u-anna', 'POST', '/contacts', { body: { relationId: relation.id, lastName: 'Anders' }, ...once(request) });
    assert.equal(other.status, 400, other.text);
    assert.equal(other.body.code, 'validation');
    assert.equal(other.body.fields?.['lift-request'], 'reused');
    const list = await space.api<{ items: Contact[] }>('u-anna', 'GET', `/contacts?relationId=${relation.id}`);
    assert.equal(list.body.items.length, 2, "Anna's and Bart's");
  });
});
