/**
 * Users, roles and rights are enforced on the server from the request's token: the browser cannot
 * grant itself a right. For each right, a user whose role has every right but that one calls the
 * endpoints needing it over raw HTTP (no client-side check in the way): 403 `permission`, and an
 * admin's read shows nothing changed. The same calls with a token holding every right succeed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RIGHTS, type Contact, type Right } from '../../src/data/contract/model.js';
import { ADMIN_ROLE, createSpace, roleWithout, startServer, stopAllServers, type ApiAnswer, type ServerProcess, type Space } from './helpers.js';

const ADMIN = 'u-admin';
const LIMITED = 'u-limited';
const TEMPLATE = { id: 'tpl-brief', name: 'Brief', kind: 'letter' as const, subject: 'Beste {{contact.firstName}}', body: 'Hallo {{contact.fullName}}', roles: [] };

interface Seeded {
  relation: string;
  target: string;
  contact: string;
  second: string;
  definition: string;
  secondDefinition: string;
}

interface Call {
  method: string;
  route: string;
  body?: unknown;
  headers?: Record<string, string>;
}

const definition = (text: string) => ({ cardType: 'contact', text, category: 'Start', order: 1, mode: 'editable', modeByStatus: {} });

/** The endpoints each right guards (see the #require calls in src/data/engine/store-adapter.ts). */
const CALLS: Record<Right, (s: Seeded) => Call[]> = {
  read: (s) => [
    { method: 'GET', route: `/contacts/${s.contact}` },
    { method: 'GET', route: '/contacts' },
    { method: 'GET', route: `/relations/${s.relation}` },
    { method: 'GET', route: '/relations' },
    { method: 'GET', route: '/users' },
    { method: 'GET', route: `/contacts/${s.contact}/timeline/all` },
    { method: 'GET', route: `/contacts/${s.contact}/work` },
    { method: 'GET', route: `/contacts/${s.contact}/checklist` },
  ],
  'see-archived': (s) => [
    { method: 'GET', route: '/contacts?includeArchived=true' },
    { method: 'GET', route: '/relations?includeArchived=true' },
    { method: 'GET', route: `/contacts/${s.contact}/work?includeArchived=true` },
  ],
  preferences: () => [{ method: 'PUT', route: '/preferences/contact', body: { buttons: ['mail'] } }],
  edit: (s) => [
    { method: 'POST', route: '/relations', body: { kind: 'client', name: 'Nieuwe relatie' } },
    { method: 'POST', route: '/contacts', body: { relationId: s.relation, lastName: 'Nieuw' } },
    { method: 'PATCH', route: `/contacts/${s.contact}`, body: { jobTitle: 'Drukker' }, headers: { 'if-match': '"1"' } },
    { method: 'POST', route: `/contacts/${s.contact}/timeline`, body: { kind: 'note', subject: 'Gebeld', body: 'Terugbellen' } },
  ],
  archive: (s) => [
    { method: 'PUT', route: `/contacts/${s.contact}/archived`, body: { archived: true }, headers: { 'if-match': '"1"' } },
    // Copying is allowed, archiving the original is not.
    { method: 'POST', route: `/contacts/${s.second}/copy`, body: { relationId: s.target, archiveOriginal: true }, headers: { 'if-match': '"1"' } },
  ],
  copy: (s) => [
    { method: 'POST', route: `/contacts/${s.contact}/copy`, body: { relationId: s.target } },
    { method: 'POST', route: `/contacts/${s.second}/copy`, body: { relationId: s.target, archiveOriginal: true }, headers: { 'if-match': '"1"' } },
  ],
  'create-work': (s) => [
    { method: 'POST', route: '/work', body: { kind: 'project', contactId: s.contact, title: 'Nieuwe pers' } },
    { method: 'POST', route: '/work', body: { kind: 'lead', contactId: s.second, title: 'Folders', description: 'x' } },
  ],
  documents: (s) => [{ method: 'POST', route: `/contacts/${s.contact}/documents`, body: { templateId: TEMPLATE.id } }],
  reports: (s) => [
    { method: 'GET', route: `/contacts/${s.contact}/reports/summary` },
    { method: 'GET', route: `/contacts/${s.contact}/reports/activity` },
  ],
  'checklist-edit': (s) => [
    { method: 'PUT', route: `/contacts/${s.contact}/checklist/${s.definition}`, body: { done: true }, headers: { 'if-none-match': '*' } },
    { method: 'PUT', route: `/contacts/${s.second}/checklist/${s.definition}`, body: { note: 'Gezien' }, headers: { 'if-none-match': '*' } },
  ],
  'checklist-manage': (s) => [
    { method: 'POST', route: '/checklists/definitions', body: definition('Nieuw item') },
    { method: 'PUT', route: `/checklists/definitions/${s.definition}`, body: definition('Anders'), headers: { 'if-match': '"1"' } },
    { method: 'DELETE', route: `/checklists/definitions/${s.secondDefinition}`, headers: { 'if-match': '"1"' } },
  ],
};

describe('rights, enforced by the server from the token', () => {
  let server: ServerProcess;
  const spaces: Space[] = [];

  before(async () => {
    server = await startServer('lift_node_rights');
  });
  after(async () => {
    for (const space of spaces) await space.drop();
    await stopAllServers();
  });

  /** A space with an admin and a user whose role lacks `missing`, seeded by the admin. */
  async function world(missing: Right) {
    const space = await createSpace(server.url, {
      roles: [ADMIN_ROLE, roleWithout('limited', missing)],
      users: [
        { id: ADMIN, name: 'Anna Admin', role: 'admin' },
        { id: LIMITED, name: 'Lex Limited', role: 'limited' },
      ],
      templates: [TEMPLATE],
    });
    spaces.push(space);
    const post = async (route: string, body: unknown) => {
      const answer = await space.api(ADMIN, 'POST', route, { body });
      assert.equal(answer.status, 201, `seeding ${route}: ${answer.text}`);
      return answer.body.id as string;
    };
    const relation = await post('/relations', { kind: 'client', name: 'Drukkerij Van Dam' });
    const seeded: Seeded = {
      relation,
      target: await post('/relations', { kind: 'prospect', name: 'Zetterij Noord' }),
      contact: await post('/contacts', { relationId: relation, firstName: 'Eva', lastName: 'Dam' }),
      second: await post('/contacts', { relationId: relation, firstName: 'Bas', lastName: 'Dam' }),
      definition: await post('/checklists/definitions', definition('Intake gedaan')),
      secondDefinition: await post('/checklists/definitions', definition('Offerte verstuurd')),
    };
    /** What the admin sees of everything these calls could touch. */
    const snapshot = async () => {
      const get = async (route: string) => {
        const answer = await space.api(ADMIN, 'GET', route);
        assert.equal(answer.status, 200, `GET ${route}: ${answer.text}`);
        return answer.body;
      };
      const perContact = async (id: string) => ({
        contact: await get(`/contacts/${id}`),
        timeline: await get(`/contacts/${id}/timeline/all`),
        work: await get(`/contacts/${id}/work?includeArchived=true`),
        checklist: await get(`/contacts/${id}/checklist`),
      });
      return {
        contacts: await get('/contacts?includeArchived=true&limit=500'),
        relations: await get('/relations?includeArchived=true&limit=500'),
        first: await perContact(seeded.contact),
        second: await perContact(seeded.second),
        definitions: await get('/checklists/contact/definitions?includeDeleted=true'),
      };
    };
    return { space, seeded, snapshot };
  }

  const send = (space: Space, user: string, call: Call): Promise<ApiAnswer> =>
    space.api(user, call.method, call.route, { ...(call.body !== undefined ? { body: call.body } : {}), ...(call.headers ? { headers: call.headers } : {}) });

  for (const right of RIGHTS) {
    it(`without "${right}": every call needing it gets 403 permission and changes nothing; with it, they succeed`, async () => {
      const { space, seeded, snapshot } = await world(right);
      // The server tells the limited user what it holds: everything but this right.
      const session = await space.api(LIMITED, 'GET', '/session');
      assert.equal(session.status, 200);
      assert.equal(session.body.user.id, LIMITED);
      assert.deepEqual([...session.body.role.rights].sort(), RIGHTS.filter((r) => r !== right).sort());

      const calls = CALLS[right](seeded);
      assert.ok(calls.length > 0);
      const before = await snapshot();
      for (const call of calls) {
        const answer = await send(space, LIMITED, call);
        assert.equal(answer.status, 403, `${call.method} ${call.route} without ${right}: ${answer.text}`);
        assert.equal(answer.body.code, 'permission');
        assert.equal(typeof answer.body.message, 'string');
        assert.equal(answer.headers.get('lift-changes'), null, 'no changes reported');
      }
      assert.deepEqual(await snapshot(), before, `nothing changed without ${right}`);

      // The control: the same calls with a token holding every right.
      for (const call of calls) {
        const answer = await send(space, ADMIN, call);
        assert.ok(answer.status === 200 || answer.status === 201, `${call.method} ${call.route} as admin: ${answer.status} ${answer.text}`);
      }
      if (!['reports', 'read', 'see-archived', 'preferences'].includes(right)) assert.notDeepEqual(await snapshot(), before, 'the admin calls did change things');
    });
  }

  it('without "documents" the template list is empty and without "reports" the report list is; with them, not', async () => {
    const noDocuments = await world('documents');
    assert.deepEqual((await noDocuments.space.api(LIMITED, 'GET', '/templates')).body, []);
    assert.deepEqual((await noDocuments.space.api(ADMIN, 'GET', '/templates')).body.map((t: { id: string }) => t.id), [TEMPLATE.id]);
    assert.ok((await noDocuments.space.api(LIMITED, 'GET', '/reports')).body.length > 0, 'reports are still on offer');
    const noReports = await world('reports');
    assert.deepEqual((await noReports.space.api(LIMITED, 'GET', '/reports')).body, []);
    assert.deepEqual((await noReports.space.api(ADMIN, 'GET', '/reports')).body.map((r: { id: string }) => r.id).sort(), ['activity', 'summary']);
  });

  it('a request claiming to be someone else is still the token’s user', async () => {
    const { space, seeded, snapshot } = await world('edit');
    const claims = {
      'x-user': ADMIN,
      'x-user-id': ADMIN,
      'x-role': 'admin',
      'lift-user': ADMIN,
      'x-forwarded-user': ADMIN,
      'x-remote-user': ADMIN,
      'remote-user': ADMIN,
      from: ADMIN,
    };
    const session = await space.api(LIMITED, 'GET', `/session?user=${ADMIN}&role=admin`, { headers: claims });
    assert.equal(session.status, 200, session.text);
    assert.equal(session.body.user.id, LIMITED);
    assert.equal(session.body.user.name, 'Lex Limited');
    assert.equal(session.body.role.id, 'limited');
    assert.ok(!session.body.role.rights.includes('edit'));

    // Claims do not grant the right.
    const before = await snapshot();
    const patch = await space.api(LIMITED, 'PATCH', `/contacts/${seeded.contact}`, { body: { jobTitle: 'x' }, headers: { ...claims, 'if-match': '"1"' } });
    assert.equal(patch.status, 403);
    assert.equal(patch.body.code, 'permission');
    // A body naming another author is refused, not believed.
    const note = await space.api(LIMITED, 'POST', `/contacts/${seeded.contact}/timeline`, {
      body: { kind: 'note', subject: 'x', body: 'y', author: 'Anna Admin', authorId: ADMIN },
    });
    assert.equal(note.status, 400);
    assert.deepEqual(note.body.fields, { author: 'unknown', authorId: 'unknown' });
    assert.deepEqual(await snapshot(), before);

    // What the caller writes is written as the token's user: an entry's author, preferences.
    const { space: other, seeded: seededOther } = await world('reports');
    const entry = await other.api(LIMITED, 'POST', `/contacts/${seededOther.contact}/timeline`, {
      body: { kind: 'call', subject: 'Gebeld', body: 'Namens Anna?' },
      headers: claims,
    });
    assert.equal(entry.status, 201, entry.text);
    assert.equal(entry.body.authorId, LIMITED);
    assert.equal(entry.body.author, 'Lex Limited');
    const stored = (await other.api(ADMIN, 'GET', `/contacts/${seededOther.contact}/timeline/all`)).body.find((e: { id: string }) => e.id === entry.body.id);
    assert.equal(stored.authorId, LIMITED);
    const saved = await other.api(LIMITED, 'PATCH', `/contacts/${seededOther.contact}`, { body: { department: 'Zetterij' }, headers: { ...claims, 'if-match': '"1"' } });
    assert.equal(saved.status, 200, saved.text);
    const change = (await other.api(ADMIN, 'GET', `/contacts/${seededOther.contact}/timeline/all`)).body.find((e: { kind: string }) => e.kind === 'change');
    assert.equal(change.authorId, LIMITED, 'the change entry names the token’s user');
    const prefs = await other.api(LIMITED, 'PUT', '/preferences/contact', { body: { buttons: ['mail'] }, headers: claims });
    assert.equal(prefs.status, 200, prefs.text);
    assert.deepEqual((await other.api(LIMITED, 'GET', '/preferences/contact')).body, { buttons: ['mail'] });
    assert.deepEqual((await other.api(ADMIN, 'GET', '/preferences/contact')).body, {}, "the admin's preferences are untouched");
    // The contact saved above is the limited user's save, version 2, nothing else.
    assert.equal((await other.api<Contact>(ADMIN, 'GET', `/contacts/${seededOther.contact}`)).body.version, 2);
  });
});
