/**
 * Bad input over raw HTTP: malformed JSON, wrong types, oversize bodies, unknown and missing
 * fields, SQL-looking text, junk query strings, path ids and preconditions, missing or unknown
 * tokens. Each gets a clear 4xx with `{ code, message }`; nothing is stored; the server keeps
 * answering; valid text that looks like SQL is stored and read back verbatim.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Contact, Relation } from '../../src/data/contract/model.js';
import { api, createSpace, startServer, stopAllServers, type ApiAnswer, type ServerProcess, type Space } from './helpers.js';

const ADMIN = 'u-admin';
const SQL = ["'; DROP TABLE contacts; --", "' OR '1'='1", 'Robert"); DROP TABLE users;--', '$1 $2 ::jsonb \\x00 %_ */ /*', "'' || pg_sleep(5) || ''"];

/** A 4xx in the API's error shape; answers the body. */
function refused(answer: ApiAnswer, status: number, code: string, what: string) {
  assert.equal(answer.status, status, `${what}: status (${answer.text.slice(0, 300)})`);
  assert.equal(typeof answer.body, 'object', `${what}: a JSON body`);
  assert.equal(answer.body.code, code, `${what}: code`);
  assert.equal(typeof answer.body.message, 'string', `${what}: a message`);
  assert.notEqual(answer.body.message, '', `${what}: a message`);
  assert.match(answer.headers.get('content-type') ?? '', /application\/json/, `${what}: JSON`);
  return answer.body as { code: string; message: string; fields?: Record<string, string> };
}

interface World {
  space: Space;
  relation: Relation;
  contact: Contact;
  /** Everything the space holds that a bad request might have touched. */
  snapshot(): Promise<unknown>;
  /** The server still answers, and the space is as it was. */
  unchanged(before: unknown): Promise<void>;
}

describe('bad input', () => {
  let server: ServerProcess;
  const spaces: Space[] = [];

  before(async () => {
    server = await startServer('lift_node_input');
  });
  after(async () => {
    for (const space of spaces) await space.drop();
    await stopAllServers();
  });

  async function world(): Promise<World> {
    const space = await createSpace(server.url, { users: [{ id: ADMIN, name: 'Anna Admin', role: 'admin' }] });
    spaces.push(space);
    const adapter = await space.connect(ADMIN);
    const relation = await adapter.relations.create({ kind: 'client', name: 'Drukkerij Van Dam' });
    const contact = await adapter.contacts.create({ relationId: relation.id, firstName: 'Eva', lastName: 'Dam', email: 'eva@vandam.nl' });
    await adapter.work!.create({ kind: 'lead', contactId: contact.id, title: 'Nieuwe pers' });
    const snapshot = async () => {
      const get = async (route: string) => {
        const answer = await space.api(ADMIN, 'GET', route);
        assert.equal(answer.status, 200, `GET ${route}: ${answer.text}`);
        return answer.body;
      };
      return {
        contacts: await get('/contacts?includeArchived=true&limit=500'),
        relations: await get('/relations?includeArchived=true&limit=500'),
        contact: await get(`/contacts/${contact.id}`),
        timeline: await get(`/contacts/${contact.id}/timeline/all`),
        work: await get(`/contacts/${contact.id}/work?includeArchived=true`),
        checklist: await get(`/contacts/${contact.id}/checklist`),
        definitions: await get('/checklists/contact/definitions?includeDeleted=true'),
        preferences: await get('/preferences/contact'),
      };
    };
    return {
      space,
      relation,
      contact,
      snapshot,
      async unchanged(before) {
        const session = await space.api(ADMIN, 'GET', '/session');
        assert.equal(session.status, 200, 'the server still answers GET /session');
        assert.equal(session.body.user.id, ADMIN);
        assert.equal(server.child.exitCode, null, 'the server process is alive');
        assert.deepEqual(await snapshot(), before, 'nothing was stored');
      },
    };
  }

  it('malformed JSON bodies: 400 validation, nothing stored', async () => {
    const w = await world();
    const before = await w.snapshot();
    const malformed = [
      '{"relationId": "x", "lastName": "Dam"',
      "{relationId: 'x', lastName: 'Dam'}",
      '{"relationId": "x",, "lastName": "Dam"}',
      '',
      'null',
      '[]',
      '"Dam"',
      '42',
      '{"relationId": "x", "lastName": "Dam"} trailing',
      '{"__proto__": {"admin": true}, "relationId": "x", "lastName": "Dam"}',
      '{"constructor": {"prototype": {"admin": true}}, "relationId": "x", "lastName": "Dam"}',
    ];
    for (const raw of malformed) {
      refused(await w.space.api(ADMIN, 'POST', '/contacts', { raw }), 400, 'validation', `POST /contacts ${JSON.stringify(raw)}`);
      refused(
        await w.space.api(ADMIN, 'PATCH', `/contacts/${w.contact.id}`, { raw, headers: { 'if-match': '"1"' } }),
        400,
        'validation',
        `PATCH ${JSON.stringify(raw)}`,
      );
      refused(await w.space.api(ADMIN, 'POST', '/relations', { raw }), 400, 'validation', `POST /relations ${JSON.stringify(raw)}`);
    }
    // JSON sent as something else is not read as JSON.
    refused(
      await w.space.api(ADMIN, 'POST', '/relations', { raw: '{"kind":"client","name":"Stiekem"}', headers: { 'content-type': 'text/plain' } }),
      400,
      'validation',
      'text/plain body',
    );
    refused(
      await w.space.api(ADMIN, 'POST', '/relations', { raw: 'kind=client&name=Stiekem', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      400,
      'validation',
      'form body',
    );
    await w.unchanged(before);
  });

  it('wrong types: 400 validation naming the field, nothing stored', async () => {
    const w = await world();
    const before = await w.snapshot();
    const { id } = w.contact;
    const ifMatch = { 'if-match': '"1"' };
    const cases: [string, string, unknown, string, Record<string, string>?][] = [
      ['POST', '/contacts', { relationId: w.relation.id, lastName: 42 }, 'lastName'],
      ['POST', '/contacts', { relationId: w.relation.id, lastName: 'Dam', firstName: ['Eva'] }, 'firstName'],
      ['POST', '/contacts', { relationId: w.relation.id, lastName: 'Dam', email: null }, 'email'],
      ['POST', '/contacts', { relationId: 7, lastName: 'Dam' }, 'relationId'],
      ['PATCH', `/contacts/${id}`, { jobTitle: 12 }, 'jobTitle', ifMatch],
      ['PATCH', `/contacts/${id}`, { notes: { text: 'x' } }, 'notes', ifMatch],
      ['PATCH', `/contacts/${id}`, { lastName: true }, 'lastName', ifMatch],
      ['PUT', `/contacts/${id}/archived`, { archived: 'true' }, 'archived', ifMatch],
      ['PUT', `/contacts/${id}/archived`, { archived: 1 }, 'archived', ifMatch],
      ['PUT', `/contacts/${id}/archived`, { archived: null }, 'archived', ifMatch],
      ['POST', '/relations', { kind: 'client', name: 5 }, 'name'],
      ['POST', '/relations', { kind: 'enemy', name: 'Vijand' }, 'kind'],
      ['POST', `/contacts/${id}/timeline`, { kind: 'note', subject: 1, body: 'x' }, 'subject'],
      ['POST', `/contacts/${id}/timeline`, { kind: 'note', subject: 'x', body: 'y', direction: 'sideways' }, 'direction'],
      ['POST', '/work', { kind: 'lead', contactId: id, title: 99 }, 'title'],
      ['POST', '/checklists/definitions', { cardType: 'contact', text: 'Check', category: '', order: '1', mode: 'editable', modeByStatus: {} }, 'order'],
      ['PUT', '/preferences/contact', { buttons: 'all' }, 'buttons'],
      ['POST', `/contacts/${id}/copy`, { relationId: w.relation.id, archiveOriginal: 'yes' }, 'archiveOriginal'],
    ];
    for (const [method, route, body, field, headers] of cases) {
      const answer = refused(await w.space.api(ADMIN, method, route, { body, ...(headers ? { headers } : {}) }), 400, 'validation', `${method} ${route} ${JSON.stringify(body)}`);
      assert.ok(answer.fields && field in answer.fields, `${method} ${route}: fields names ${field} (${JSON.stringify(answer.fields)})`);
    }
    // A rule the schema cannot express is still the adapter's: a malformed e-mail.
    const email = refused(await w.space.api(ADMIN, 'PATCH', `/contacts/${id}`, { body: { email: 'eva at vandam' }, headers: ifMatch }), 400, 'validation', 'bad e-mail');
    assert.equal(email.fields?.email, 'email');
    await w.unchanged(before);
  });

  it('text PostgreSQL cannot hold (U+0000): 400 naming the field before anything is stored, so no record is left that cannot be changed', async () => {
    const w = await world();
    const before = await w.snapshot();
    const { id } = w.contact;
    const ifMatch = { 'if-match': '"1"' };
    const cases: [string, string, unknown, string, Record<string, string>?][] = [
      ['POST', '/contacts', { relationId: w.relation.id, lastName: 'Dam', notes: 'a\u0000b' }, 'notes'],
      ['PATCH', `/contacts/${id}`, { jobTitle: 'Zet\u0000ter' }, 'jobTitle', ifMatch],
      ['POST', `/contacts/${id}/copy`, { relationId: w.relation.id, details: { department: '\u0000' } }, 'details'],
      ['POST', `/contacts/${id}/timeline`, { kind: 'note', subject: 'x', body: 'y\u0000' }, 'body'],
      ['POST', '/relations', { kind: 'client', name: 'Nul\u0000BV' }, 'name'],
    ];
    for (const [method, route, body, field, headers] of cases) {
      const answer = refused(await w.space.api(ADMIN, method, route, { body, ...(headers ? { headers } : {}) }), 400, 'validation', `${method} ${route} ${JSON.stringify(body)}`);
      assert.equal(answer.fields?.[field], 'type', `${method} ${route}: fields names ${field} (${JSON.stringify(answer.fields)})`);
    }
    await w.unchanged(before);
  });

  it('text with half a character (an unpaired UTF-16 surrogate, as text cut mid-emoji leaves): 400 naming the field, so no entry is left that cannot be corrected', async () => {
    const w = await world();
    const before = await w.snapshot();
    const { id } = w.contact;
    const cases: [string, string, unknown, string, Record<string, string>?][] = [
      ['POST', `/contacts/${id}/timeline`, { kind: 'note', subject: 'Groet \ud83d', body: 'x' }, 'subject'],
      ['POST', '/contacts', { relationId: w.relation.id, lastName: 'Dam', notes: '\ude00 los' }, 'notes'],
      ['PATCH', `/contacts/${id}`, { jobTitle: 'Zetter \ud83d' }, 'jobTitle', { 'if-match': '"1"' }],
      // In a name of an object's field too (a status a checklist item's mode depends on).
      ['POST', '/checklists/definitions', { cardType: 'contact', text: 'Check', category: '', order: 1, mode: 'editable', modeByStatus: { 'lead \ud83d': 'hidden' } }, 'modeByStatus'],
    ];
    for (const [method, route, body, field, headers] of cases) {
      const answer = refused(await w.space.api(ADMIN, method, route, { body, ...(headers ? { headers } : {}) }), 400, 'validation', `${method} ${route} ${JSON.stringify(body)}`);
      assert.equal(answer.fields?.[field], 'type', `${method} ${route}: fields names ${field} (${JSON.stringify(answer.fields)})`);
    }
    await w.unchanged(before);
    // A whole emoji is fine, and the note stays correctable.
    const note = await w.space.api(ADMIN, 'POST', `/contacts/${id}/timeline`, { body: { kind: 'note', subject: 'Groet \ud83d\ude00', body: 'x' } });
    assert.equal(note.status, 201, note.text);
    const fixed = await w.space.api(ADMIN, 'PATCH', `/timeline/${note.body.id}`, { body: { subject: 'Groet' } });
    assert.equal(fixed.status, 200, fixed.text);
  });

  it('a deeply nested body: 400, not a server error', async () => {
    const w = await world();
    const before = await w.snapshot();
    const raw = `{"relationId":"${w.relation.id}","lastName":"Dam","notes":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    refused(await w.space.api(ADMIN, 'POST', '/contacts', { raw }), 400, 'validation', 'nested 50 000 deep');
    await w.unchanged(before);
  });

  it('an oversize body: 413 validation (body too-large), nothing stored', async () => {
    const w = await world();
    const before = await w.snapshot();
    const huge = 'x'.repeat(1024 * 1024 + 10);
    for (const [method, route, body, headers] of [
      ['POST', '/contacts', { relationId: w.relation.id, lastName: 'Dam', notes: huge }, {}],
      ['PATCH', `/contacts/${w.contact.id}`, { notes: huge }, { 'if-match': '"1"' }],
      ['POST', `/contacts/${w.contact.id}/timeline`, { kind: 'note', subject: 'Groot', body: huge }, {}],
    ] as const) {
      const sent = await w.space.api(ADMIN, method, route, { body, headers });
      const answer = refused(sent, 413, 'validation', `${method} ${route}`);
      assert.deepEqual(answer.fields, { body: 'too-large' });
      // Refused unread: the connection ends rather than carry the rest of the body into the next request.
      assert.equal(sent.headers.get('connection'), 'close', `${method} ${route}`);
    }
    // Under the limit but over a field's own limit: 400, naming the field.
    const long = refused(
      await w.space.api(ADMIN, 'PATCH', `/contacts/${w.contact.id}`, { body: { notes: 'x'.repeat(10_001) }, headers: { 'if-match': '"1"' } }),
      400,
      'validation',
      'notes over 10 000 characters',
    );
    assert.equal(long.fields?.notes, 'too-long');
    await w.unchanged(before);
  });

  it('unknown fields: 400 with fields naming each one as unknown, nothing stored', async () => {
    const w = await world();
    const before = await w.snapshot();
    const { id } = w.contact;
    const ifMatch = { 'if-match': '"1"' };
    const cases: [string, string, Record<string, unknown>, string[], Record<string, string>?][] = [
      ['POST', '/contacts', { relationId: w.relation.id, lastName: 'Dam', nickname: 'Eef' }, ['nickname']],
      ['POST', '/contacts', { relationId: w.relation.id, lastName: 'Dam', id: 'my-own-id', version: 7 }, ['id', 'version']],
      ['PATCH', `/contacts/${id}`, { version: 99 }, ['version'], ifMatch],
      ['PATCH', `/contacts/${id}`, { archived: true, relationId: 'elsewhere' }, ['archived', 'relationId'], ifMatch],
      ['PATCH', `/contacts/${id}`, { jobTitle: 'Drukker', createdAt: '2000-01-01T00:00:00.000Z' }, ['createdAt'], ifMatch],
      ['POST', '/relations', { kind: 'client', name: 'Nieuw', archived: true }, ['archived']],
      ['POST', `/contacts/${id}/timeline`, { kind: 'note', subject: 'x', body: 'y', author: 'Iemand anders', authorId: 'u-other' }, ['author', 'authorId']],
      ['POST', '/work', { kind: 'lead', contactId: id, title: 'Lead', status: 'won' }, ['status']],
      ['PUT', `/contacts/${id}/archived`, { archived: true, reason: 'x' }, ['reason'], ifMatch],
      ['PUT', '/preferences/contact', { buttons: [], theme: 'dark' }, ['theme']],
    ];
    for (const [method, route, body, fields, headers] of cases) {
      const answer = refused(await w.space.api(ADMIN, method, route, { body, ...(headers ? { headers } : {}) }), 400, 'validation', `${method} ${route} ${JSON.stringify(body)}`);
      // A contact's details name an unknown field as the contact rules do; other bodies say `unknown`.
      const reason = route === '/contacts' || method === 'PATCH' ? 'unknown-field' : 'unknown';
      for (const field of fields) assert.equal(answer.fields?.[field], reason, `${method} ${route}: ${field} is ${reason} (${JSON.stringify(answer.fields)})`);
    }
    await w.unchanged(before);
  });

  it('missing required fields: 400 naming them; a missing relation: 404; nothing stored', async () => {
    const w = await world();
    const before = await w.snapshot();
    const { id } = w.contact;
    const cases: [string, string, Record<string, unknown>, string, Record<string, string>?][] = [
      ['POST', '/contacts', {}, 'relationId'],
      ['POST', '/contacts', { relationId: w.relation.id }, 'lastName'],
      ['POST', '/contacts', { relationId: w.relation.id, lastName: '   ' }, 'lastName'],
      ['PATCH', `/contacts/${id}`, { lastName: '' }, 'lastName', { 'if-match': '"1"' }],
      ['PUT', `/contacts/${id}/archived`, {}, 'archived', { 'if-match': '"1"' }],
      ['POST', '/relations', { kind: 'client' }, 'name'],
      ['POST', '/relations', { name: 'Zonder soort' }, 'kind'],
      ['POST', '/work', { kind: 'lead', contactId: id }, 'title'],
      ['POST', `/contacts/${id}/timeline`, { kind: 'note', subject: 'x' }, 'body'],
      ['POST', `/contacts/${id}/copy`, {}, 'relationId'],
      ['POST', `/contacts/${id}/documents`, {}, 'templateId'],
    ];
    for (const [method, route, body, field, headers] of cases) {
      const answer = refused(await w.space.api(ADMIN, method, route, { body, ...(headers ? { headers } : {}) }), 400, 'validation', `${method} ${route} ${JSON.stringify(body)}`);
      assert.equal(answer.fields?.[field], 'required', `${method} ${route}: ${field} is required (${JSON.stringify(answer.fields)})`);
    }
    refused(await w.space.api(ADMIN, 'POST', '/contacts', { body: { relationId: 'no-such-relation', lastName: 'Dam' } }), 404, 'not-found', 'unknown relation');
    refused(await w.space.api(ADMIN, 'POST', '/work', { body: { kind: 'lead', contactId: 'no-such-contact', title: 'Lead' } }), 404, 'not-found', 'unknown contact');
    await w.unchanged(before);
  });

  it('SQL-looking text is only text: stored and read back verbatim, found by search, harmless in every place', async () => {
    const w = await world();
    const { space } = w;
    const relation = await space.api(ADMIN, 'POST', '/relations', { body: { kind: 'client', name: SQL[0] } });
    assert.equal(relation.status, 201, relation.text);
    assert.equal(relation.body.name, SQL[0]);
    const made = await space.api<Contact>(ADMIN, 'POST', '/contacts', {
      body: { relationId: relation.body.id, firstName: SQL[1], lastName: SQL[0], jobTitle: SQL[2], department: SQL[3], notes: SQL.join('\n') },
    });
    assert.equal(made.status, 201, made.text);
    const read = await space.api<Contact>(ADMIN, 'GET', `/contacts/${made.body.id}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.firstName, SQL[1]);
    assert.equal(read.body.lastName, SQL[0]);
    assert.equal(read.body.jobTitle, SQL[2]);
    assert.equal(read.body.department, SQL[3]);
    assert.equal(read.body.notes, SQL.join('\n'));
    // A save with SQL in it, and its change entry, verbatim.
    const infix = "' OR ''='";
    const saved = await space.api<Contact>(ADMIN, 'PATCH', `/contacts/${made.body.id}`, { body: { infix, mobile: '+31 6 1234 5678' }, headers: { 'if-match': '"1"' } });
    assert.equal(saved.status, 200, saved.text);
    assert.equal(saved.body.infix, infix);
    const entries = await space.api(ADMIN, 'GET', `/contacts/${made.body.id}/timeline/all`);
    assert.deepEqual(entries.body.find((e: { kind: string; change: { field: string } }) => e.kind === 'change' && e.change.field === 'infix').change, { field: 'infix', old: '', new: infix });
    const note = await space.api(ADMIN, 'POST', `/contacts/${made.body.id}/timeline`, { body: { kind: 'note', subject: SQL[1], body: SQL.join('\n') } });
    assert.equal(note.status, 201, note.text);
    assert.equal(note.body.subject, SQL[1]);
    assert.equal(note.body.body, SQL.join('\n'));
    const listed = await space.api(ADMIN, 'GET', `/contacts/${made.body.id}/timeline?kinds=note`);
    assert.deepEqual(listed.body.items.map((e: { body: string }) => e.body), [SQL.join('\n')]);

    // In query strings: a search, not a statement. Only the contact holding the text matches.
    const search = async (text: string) => {
      const answer = await space.api(ADMIN, 'GET', `/contacts?text=${encodeURIComponent(text)}`);
      assert.equal(answer.status, 200, answer.text);
      return (answer.body.items as Contact[]).map((c) => c.id);
    };
    assert.deepEqual(await search("' OR '1'='1"), [made.body.id]);
    assert.deepEqual(await search('DROP TABLE contacts'), [made.body.id]);
    assert.deepEqual(await search('%'), [], '% is no wildcard');
    assert.deepEqual(await search('_'), [], '_ is no wildcard');
    assert.deepEqual(await search("' OR 1=1 --"), []);
    const relations = await space.api(ADMIN, 'GET', `/relations?text=${encodeURIComponent("'; DROP")}`);
    assert.deepEqual(relations.body.items.map((r: Relation) => r.id), [relation.body.id]);
    // As ids: nothing there.
    for (const text of SQL) {
      refused(await space.api(ADMIN, 'GET', `/contacts/${encodeURIComponent(text)}`), 404, 'not-found', `GET /contacts/${text}`);
      const answer = await space.api(ADMIN, 'GET', `/contacts?relationId=${encodeURIComponent(text)}`);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body.items, []);
    }
    // Everything is still there.
    const all = await space.api(ADMIN, 'GET', '/contacts?includeArchived=true');
    assert.equal(all.body.items.length, 2);
    assert.equal((await space.api(ADMIN, 'GET', `/contacts/${w.contact.id}`)).body.lastName, 'Dam');
    assert.equal((await space.api(ADMIN, 'GET', '/users')).status, 200);
  });

  it('junk in query strings: 400 naming the parameter, and the lists still answer', async () => {
    const w = await world();
    const before = await w.snapshot();
    const { id } = w.contact;
    const cases: [string, string][] = [
      ['/contacts?limit=abc', 'limit'],
      ['/contacts?limit=9999999999', 'limit'],
      ['/contacts?limit=-1', 'limit'],
      ['/contacts?limit=0', 'limit'],
      ['/contacts?limit=1.5', 'limit'],
      ['/contacts?limit=', 'limit'],
      ['/contacts?limit=1&limit=2', 'limit'],
      ['/contacts?cursor=garbage', 'cursor'],
      [`/contacts?cursor=${encodeURIComponent("'; DROP TABLE contacts; --")}`, 'cursor'],
      [`/contacts?cursor=${'x'.repeat(2001)}`, 'cursor'],
      [`/contacts?text=${'x'.repeat(201)}`, 'text'],
      ['/contacts?includeArchived=yes', 'includeArchived'],
      ['/contacts?sort=name', 'sort'],
      ['/relations?kind=enemy', 'kind'],
      ['/relations?limit=abc', 'limit'],
      [`/contacts/${id}/timeline?kinds=bogus`, 'kinds'],
      [`/contacts/${id}/timeline?kinds=note,`, 'kinds'],
      [`/contacts/${id}/timeline?limit=abc`, 'limit'],
      [`/contacts/${id}/work?limit=9999999999`, 'limit'],
      ['/checklists/contact/definitions?includeDeleted=1', 'includeDeleted'],
      // Text PostgreSQL cannot hold, in a search.
      ['/contacts?text=eva%00', 'text'],
      ['/relations?text=eva%00', 'text'],
      [`/contacts/${id}/overview?text=eva%00`, 'text'],
    ];
    for (const [route, field] of cases) {
      const answer = refused(await w.space.api(ADMIN, 'GET', route), 400, 'validation', `GET ${route.slice(0, 80)}`);
      assert.ok(answer.fields && field in answer.fields, `GET ${route.slice(0, 80)}: fields names ${field} (${JSON.stringify(answer.fields)})`);
    }
    // A cursor from another list is refused too, not followed.
    const relations = await w.space.api(ADMIN, 'POST', '/relations', { body: { kind: 'client', name: 'Tweede' } });
    assert.equal(relations.status, 201);
    const page = await w.space.api(ADMIN, 'GET', '/relations?limit=1');
    assert.ok(page.body.next, 'a first page of one relation has a next cursor');
    const foreign = refused(await w.space.api(ADMIN, 'GET', `/contacts/${id}/timeline?cursor=${encodeURIComponent(page.body.next)}`), 400, 'validation', 'a foreign cursor');
    assert.equal(foreign.fields?.cursor, 'type');
    // The largest limit is capped, not refused.
    const big = await w.space.api(ADMIN, 'GET', '/contacts?limit=99999');
    assert.equal(big.status, 200);
    assert.equal(big.body.items.length, 1);
    // Undo the one thing this test added on purpose, then compare.
    const now = await w.snapshot();
    assert.equal((now as { relations: { items: unknown[] } }).relations.items.length, 2);
    assert.deepEqual({ ...(now as object), relations: undefined }, { ...(before as object), relations: undefined });
    const session = await w.space.api(ADMIN, 'GET', '/session');
    assert.equal(session.status, 200);
  });

  it('junk path ids: 4xx in the API shape (404 for ids that are not there), nothing stored', async () => {
    const w = await world();
    const before = await w.snapshot();
    const ifMatch = { 'if-match': '"1"' };
    const missing = ['no-such-id', "'; DROP TABLE contacts; --", "1' OR '1'='1", '..%2F..%2Fsession', '%2E%2E', 'ü🙂', `${w.contact.id} `, w.contact.id.toUpperCase()];
    for (const raw of missing) {
      const id = raw.includes('%') ? raw : encodeURIComponent(raw);
      refused(await w.space.api(ADMIN, 'GET', `/contacts/${id}`), 404, 'not-found', `GET /contacts/${raw}`);
      refused(await w.space.api(ADMIN, 'PATCH', `/contacts/${id}`, { body: { jobTitle: 'x' }, headers: ifMatch }), 404, 'not-found', `PATCH /contacts/${raw}`);
      refused(await w.space.api(ADMIN, 'PUT', `/contacts/${id}/archived`, { body: { archived: true }, headers: ifMatch }), 404, 'not-found', `PUT archived ${raw}`);
      refused(await w.space.api(ADMIN, 'POST', `/contacts/${id}/timeline`, { body: { kind: 'note', subject: 'x', body: 'y' } }), 404, 'not-found', `POST timeline ${raw}`);
      refused(await w.space.api(ADMIN, 'GET', `/relations/${id}`), 404, 'not-found', `GET /relations/${raw}`);
    }
    // Ids no record can have: a NUL, bad percent-encoding, longer than any id.
    const invalid = ['%00', 'a%00b', '%E0%A4%A', '%', 'x'.repeat(201), 'x'.repeat(450)];
    for (const id of invalid) {
      for (const [method, route, body] of [
        ['GET', `/contacts/${id}`, undefined],
        ['PATCH', `/contacts/${id}`, { jobTitle: 'x' }],
        ['GET', `/contacts/${id}/timeline`, undefined],
      ] as const) {
        const answer = await w.space.api(ADMIN, method, route, { ...(body ? { body } : {}), headers: ifMatch });
        assert.ok(answer.status >= 400 && answer.status < 500, `${method} ${route.slice(0, 60)}: a 4xx (${answer.status} ${answer.text.slice(0, 200)})`);
        assert.ok(['validation', 'not-found'].includes(answer.body?.code), `${method} ${route.slice(0, 60)}: code ${answer.body?.code}`);
        assert.equal(typeof answer.body.message, 'string');
      }
    }
    // Spaces that are not there, or names that are not space names.
    for (const space of ['t_doesnotexist', 'lift', 'public', 't_x"; DROP SCHEMA lift; --', 'pg_catalog']) {
      refused(await api(server.url, 'GET', `/spaces/${encodeURIComponent(space)}/session`, { token: w.space.tokens[ADMIN]! }), 404, 'not-found', `space ${space}`);
    }
    // Routes that do not exist.
    refused(await w.space.api(ADMIN, 'DELETE', `/contacts/${w.contact.id}`), 404, 'not-found', 'DELETE a contact');
    assert.ok('id' in (refused(await w.space.api(ADMIN, 'GET', '/contacts/'), 400, 'validation', 'an empty id').fields ?? {}));
    await w.unchanged(before);
  });

  it('junk If-Match: 400; a stale one 412; none 428; nothing stored', async () => {
    const w = await world();
    const before = await w.snapshot();
    const { id } = w.contact;
    const junk = ['W/"abc"', '"abc"', '1', '"1", "2"', '""', '"-1"', '"1.0"', '"9999999999"', "'1'", '"1'];
    for (const value of junk) {
      for (const [method, route, body] of [
        ['PATCH', `/contacts/${id}`, { jobTitle: 'x' }],
        ['PUT', `/contacts/${id}/archived`, { archived: true }],
      ] as const) {
        const answer = refused(await w.space.api(ADMIN, method, route, { body, headers: { 'if-match': value } }), 400, 'validation', `${method} If-Match: ${value}`);
        assert.equal(answer.fields?.['if-match'], 'type');
      }
    }
    refused(await w.space.api(ADMIN, 'PATCH', `/contacts/${id}`, { body: { jobTitle: 'x' } }), 428, 'conflict', 'no If-Match');
    const stale = refused(await w.space.api(ADMIN, 'PATCH', `/contacts/${id}`, { body: { jobTitle: 'x' }, headers: { 'if-match': '"2"' } }), 412, 'conflict', 'a future version');
    assert.equal((stale as { current?: Contact }).current?.version, 1);
    // If-None-Match: * is only for records that do not exist yet; on a contact it is no precondition.
    refused(await w.space.api(ADMIN, 'PATCH', `/contacts/${id}`, { body: { jobTitle: 'x' }, headers: { 'if-none-match': '*' } }), 428, 'conflict', 'If-None-Match on a contact');
    await w.unchanged(before);
    // A weak ETag (what a compressing proxy makes of "1") names the same version.
    const weak = await w.space.api<Contact>(ADMIN, 'PATCH', `/contacts/${id}`, { body: { jobTitle: 'Zwak' }, headers: { 'if-match': 'W/"1"' } });
    assert.equal(weak.status, 200, weak.text);
    assert.equal(weak.body.version, 2);
  });

  it('no token, a malformed one or an unknown one: 401 permission, nothing stored', async () => {
    const w = await world();
    const other = await createSpace(server.url, { users: [{ id: ADMIN, name: 'Anna Elders', role: 'admin' }] });
    spaces.push(other);
    const before = await w.snapshot();
    const { id } = w.contact;
    const requests: [string, string, unknown?, Record<string, string>?][] = [
      ['GET', '/session'],
      ['GET', `/contacts/${id}`],
      ['GET', '/contacts'],
      ['PATCH', `/contacts/${id}`, { jobTitle: 'x' }, { 'if-match': '"1"' }],
      ['POST', '/relations', { kind: 'client', name: 'Inbreker' }],
      ['GET', '/events'],
    ];
    const authorizations: [string, Record<string, string>][] = [
      ['none', {}],
      ['empty', { authorization: '' }],
      ['Bearer only', { authorization: 'Bearer' }],
      ['Basic', { authorization: `Basic ${Buffer.from('u-admin:secret').toString('base64')}` }],
      ['unknown token', { authorization: 'Bearer not-a-token' }],
      ['the user id as token', { authorization: `Bearer ${ADMIN}` }],
      ['two tokens', { authorization: `Bearer ${w.space.tokens[ADMIN]} extra` }],
      ["another space's token", { authorization: `Bearer ${other.tokens[ADMIN]}` }],
      ['SQL as token', { authorization: "Bearer '+OR+'1'='1" }],
    ];
    assert.notEqual(other.tokens[ADMIN], w.space.tokens[ADMIN]);
    for (const [name, headers] of authorizations) {
      for (const [method, route, body, extra] of requests) {
        refused(
          await w.space.api(undefined, method, route, { ...(body ? { body } : {}), headers: { ...headers, ...(extra ?? {}) } }),
          401,
          'permission',
          `${name}: ${method} ${route}`,
        );
      }
    }
    await w.unchanged(before);
  });
});
