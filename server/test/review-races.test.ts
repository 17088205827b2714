/**
 * Writes racing each other on one contact, and the rights a write checks before its version.
 *
 * An archived contact is read-only: once its archiving committed, nothing more is written onto
 * it or into its overview. Writes fired while a colleague archives the contact either land
 * before the archive (their changes come earlier in the feed, whose ids follow commit order) or
 * are refused; none is answered 2xx and committed after it. The locks that keep this must not
 * turn the usual races into errors: concurrent saves at one version still give one winner and
 * 412 for the rest. And a user who may not read gets 403 for a definition write, never a 412
 * carrying the definition.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RIGHTS, type Role } from '../../src/data/contract/model.js';
import { ADMIN_ROLE, sleep, SseClient, eventually, startServer, suiteSpaces, type ApiAnswer, type ServerProcess, type Space } from './helpers.js';

const TEMPLATE = { id: 'tpl-brief', name: 'Brief', kind: 'letter' as const, subject: 'Beste {{contact.firstName}}', body: 'Hallo', roles: [] };
const WRITES = 24;

const definition = (text: string, order = 1) => ({ cardType: 'contact', text, category: 'Start', order, mode: 'editable', modeByStatus: {} });

/** A write fired at the contact: its answer, and the id its changes in the feed name. */
interface Fired {
  answer: Promise<ApiAnswer>;
  /** The id of what the write made or changed, when not in the answer's body (a checklist item). */
  id?: string;
}

describe('writes racing an archive, and rights before versions', () => {
  let server: ServerProcess;
  const { newSpace, streams, cleanUp } = suiteSpaces(() => server.url);

  before(async () => {
    server = await startServer('lift_node_review_races');
  });
  after(() => cleanUp());

  async function post(space: Space, route: string, body: unknown, user = 'u-anna'): Promise<string> {
    const answer = await space.api(user, 'POST', route, { body });
    assert.equal(answer.status, 201, `POST ${route}: ${answer.text}`);
    return answer.body.id as string;
  }

  async function contactIn(space: Space): Promise<string> {
    const relation = await post(space, '/relations', { kind: 'client', name: 'Drukkerij Van Dam' });
    return post(space, '/contacts', { relationId: relation, firstName: 'Eva', lastName: 'Dam' });
  }

  /**
   * Fires the writes without waiting, archives the contact as Anna meanwhile, and checks that no
   * write answered 2xx has a change in the feed after the archive's.
   */
  async function raceArchive(space: Space, contact: string, fire: () => Fired[]): Promise<void> {
    const stream = await SseClient.open(space.baseUrl, space.tokens['u-anna']!);
    streams.push(stream);
    await eventually(() => stream.readyId !== undefined, 'the feed is open');
    const fired = fire();
    await sleep(3);
    const archive = await space.api('u-anna', 'PUT', `/contacts/${contact}/archived`, { body: { archived: true }, headers: { 'if-match': '"1"' } });
    assert.equal(archive.status, 200, archive.text);
    const answers = await Promise.all(fired.map((f) => f.answer));
    for (const answer of answers) assert.ok(answer.status < 500, `no write fails on the server: ${answer.status} ${answer.text}`);
    const archived = () => stream.changes.find(({ change }) => change.resource === 'contact' && change.type === 'updated' && (change.ids as string[]).includes(contact));
    await eventually(() => archived() !== undefined, 'the archive reaches the feed');
    const succeeded = fired.map((f, i) => ({ ...f, answer: answers[i]! })).filter((f) => f.answer.status === 200 || f.answer.status === 201);
    const ids = succeeded.map((f) => f.id ?? (f.answer.body.id as string));
    await eventually(() => ids.every((id) => stream.changes.some(({ change }) => (change.ids as string[]).includes(id))), 'every accepted write reaches the feed');
    const archiveId = BigInt(archived()!.id);
    const late = stream.changes.filter(({ id, change }) => BigInt(id) > archiveId && ids.some((written) => (change.ids as string[]).includes(written)));
    assert.deepEqual(late.map(({ change }) => change), [], 'no write answered 2xx committed after the archive');
    // Every write the archive got to first was refused as a write on an archived contact.
    for (const answer of answers) if (answer.status >= 400) assert.equal(answer.body.code, 'validation', answer.text);
  }

  it('notes saved while a colleague archives the contact land before the archive or are refused', async () => {
    const space = await newSpace();
    const contact = await contactIn(space);
    await raceArchive(space, contact, () =>
      Array.from({ length: WRITES }, (_, i) => ({
        answer: space.api('u-bart', 'POST', `/contacts/${contact}/timeline`, { body: { kind: 'note', subject: `Notitie ${i}`, body: 'Terugbellen' } }),
      })),
    );
  });

  /** The other writes onto a contact, each prepared on a new contact and then fired as a batch. */
  const OTHER_WRITES: [string, (space: Space, contact: string) => Promise<() => Fired[]>][] = [
    [
      'corrections of own notes',
      async (space, contact) => {
        const notes: string[] = [];
        for (let i = 0; i < WRITES; i++) notes.push(await post(space, `/contacts/${contact}/timeline`, { kind: 'note', subject: `Notitie ${i}`, body: '' }, 'u-bart'));
        return () => notes.map((id) => ({ answer: space.api('u-bart', 'PATCH', `/timeline/${id}`, { body: { body: 'Verbeterd' } }) }));
      },
    ],
    [
      'work items',
      async (space, contact) => () =>
        Array.from({ length: WRITES }, (_, i) => ({ answer: space.api('u-bart', 'POST', '/work', { body: { kind: 'lead', contactId: contact, title: `Folders ${i}` } }) })),
    ],
    [
      'documents',
      async (space, contact) => () =>
        Array.from({ length: WRITES }, () => ({ answer: space.api('u-bart', 'POST', `/contacts/${contact}/documents`, { body: { templateId: TEMPLATE.id } }) })),
    ],
    [
      'first checklist ticks',
      async (space, contact) => {
        const items: string[] = [];
        for (let i = 0; i < WRITES; i++) items.push(await post(space, '/checklists/definitions', definition(`Stap ${i}`, i)));
        return () =>
          items.map((item) => ({
            id: item,
            answer: space.api('u-bart', 'PUT', `/contacts/${contact}/checklist/${item}`, { body: { done: true }, headers: { 'if-none-match': '*' } }),
          }));
      },
    ],
  ];

  for (const [what, prepare] of OTHER_WRITES) {
    it(`${what} racing an archive land before it or are refused`, async () => {
      const space = await newSpace({ templates: [TEMPLATE] });
      const contact = await contactIn(space);
      await raceArchive(space, contact, await prepare(space, contact));
    });
  }

  it('five saves of one contact at the same version: one 200, four 412, no server error', async () => {
    const space = await newSpace();
    const contact = await contactIn(space);
    const answers = await Promise.all(
      ['Drukker', 'Zetter', 'Binder', 'Snijder', 'Vouwer'].map((jobTitle) => space.api('u-bart', 'PATCH', `/contacts/${contact}`, { body: { jobTitle }, headers: { 'if-match': '"1"' } })),
    );
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 412, 412, 412, 412], answers.map((a) => a.text).join('\n'));
    const winner = answers.find((a) => a.status === 200)!;
    for (const loser of answers.filter((a) => a.status === 412)) assert.deepEqual(loser.body.current, winner.body);
  });

  it('five first ticks of one checklist item at once: one 200, the rest 412', async () => {
    const space = await newSpace();
    const contact = await contactIn(space);
    const item = await post(space, '/checklists/definitions', definition('Intake gedaan'));
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) => space.api('u-bart', 'PUT', `/contacts/${contact}/checklist/${item}`, { body: { done: true, note: `Gezien ${i}` }, headers: { 'if-none-match': '*' } })),
    );
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 412, 412, 412, 412], answers.map((a) => a.text).join('\n'));
  });

  it('a manager who may not read gets 403 for a stale definition write, not 412 with the definition', async () => {
    const manager: Role = { id: 'mgr', name: 'Beheer zonder lezen', rights: RIGHTS.filter((r) => r !== 'read' && r !== 'see-archived') };
    const space = await newSpace({
      roles: [ADMIN_ROLE, manager],
      users: [
        { id: 'u-anna', name: 'Anna Admin', role: 'admin' },
        { id: 'u-mgr', name: 'Max Manager', role: 'mgr' },
      ],
    });
    const id = await post(space, '/checklists/definitions', definition('Geheime stap'));
    assert.equal((await space.api('u-mgr', 'GET', '/checklists/contact/definitions')).status, 403);
    const stale = { 'if-match': '"99"' };
    for (const [method, body] of [['DELETE', undefined], ['PUT', definition('Anders')]] as const) {
      const answer = await space.api('u-mgr', method, `/checklists/definitions/${id}`, { headers: stale, ...(body ? { body } : {}) });
      assert.equal(answer.status, 403, `${method} as a manager who may not read: ${answer.text}`);
      assert.equal(answer.body.code, 'permission');
      assert.equal(answer.body.current, undefined, 'the definition is not in the answer');
      // The control: someone who may read learns the current version.
      const admin = await space.api('u-anna', method, `/checklists/definitions/${id}`, { headers: stale, ...(body ? { body } : {}) });
      assert.equal(admin.status, 412, admin.text);
      assert.equal(admin.body.current.text, 'Geheime stap');
    }
    // Nothing was changed by the refused writes.
    const definitions = (await space.api('u-anna', 'GET', '/checklists/contact/definitions?includeDeleted=true')).body as { id: string; deleted: boolean; version: number }[];
    assert.deepEqual(definitions.map((d) => [d.id, d.deleted, d.version]), [[id, false, 1]]);
  });
});
