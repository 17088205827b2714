/**
 * The activity report counts an entry in its month in the time zone the client names
 * (`?timeZone=`), as the timeline heads it for the user; without one in its UTC month, as before.
 * An unknown zone is refused with the server's validation answer, naming `timeZone`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ActivityReport } from '../../src/data/contract/model.js';
import { rejection, startServer, suiteSpaces, type ServerProcess } from './helpers.js';

describe('activity report months in a time zone', () => {
  let server: ServerProcess;
  const suite = suiteSpaces(() => server.url);
  before(async () => {
    server = await startServer('lift_node_report_zone');
  });
  after(() => suite.cleanUp());

  /** A space with a contact that has a call at 00:30 on 1 April in Amsterdam (22:30Z on 31 March). */
  async function world() {
    const space = await suite.newSpace();
    const relation = await space.api('u-anna', 'POST', '/relations', { body: { kind: 'client', name: 'Drukkerij Van Dam' } });
    assert.equal(relation.status, 201, relation.text);
    const contact = await space.api('u-anna', 'POST', '/contacts', { body: { relationId: relation.body.id, lastName: 'Dam' } });
    assert.equal(contact.status, 201, contact.text);
    const id = contact.body.id as string;
    const entry = await space.api('u-anna', 'POST', `/contacts/${id}/timeline`, {
      body: { kind: 'call', subject: 'Laat gebeld', body: '', occurredAt: '2025-03-31T22:30:00.000Z' },
    });
    assert.equal(entry.status, 201, entry.text);
    return { space, id };
  }

  it('GET /contacts/:id/reports/activity counts in the month of ?timeZone=, in UTC without one', async () => {
    const { space, id } = await world();
    const zoned = await space.api<ActivityReport>('u-anna', 'GET', `/contacts/${id}/reports/activity?timeZone=${encodeURIComponent('Europe/Amsterdam')}`);
    assert.equal(zoned.status, 200, zoned.text);
    assert.deepEqual([zoned.body.months, zoned.body.counts.call], [['2025-04'], [1]], 'April in Amsterdam');
    const plain = await space.api<ActivityReport>('u-anna', 'GET', `/contacts/${id}/reports/activity`);
    assert.equal(plain.status, 200, plain.text);
    assert.deepEqual([plain.body.months, plain.body.counts.call], [['2025-03'], [1]], 'March in UTC');
    const west = await space.api<ActivityReport>('u-anna', 'GET', `/contacts/${id}/reports/activity?timeZone=America%2FNew_York`);
    assert.deepEqual([west.body.months, west.body.counts.call], [['2025-03'], [1]], 'still March in New York');
  });

  it('an unknown zone, or an offset, is a 400 naming timeZone', async () => {
    const { space, id } = await world();
    for (const zone of ['Europe/Atlantis', '+01:00', '', 'x'.repeat(65)]) {
      const answer = await space.api('u-anna', 'GET', `/contacts/${id}/reports/activity?timeZone=${encodeURIComponent(zone)}`);
      assert.equal(answer.status, 400, `${JSON.stringify(zone)}: ${answer.text}`);
      assert.equal(answer.body.code, 'validation', zone);
      assert.deepEqual(Object.keys(answer.body.fields), ['timeZone'], zone);
    }
  });

  it('HttpAdapter sends the zone it is given', async () => {
    const { space, id } = await world();
    const adapter = await space.connect('u-anna');
    assert.deepEqual((await adapter.reports!.run('activity', id, { timeZone: 'Europe/Amsterdam' })).months, ['2025-04']);
    assert.deepEqual((await adapter.reports!.run('activity', id)).months, ['2025-03']);
    const refused = await rejection(adapter.reports!.run('activity', id, { timeZone: 'Europe/Atlantis' }));
    assert.equal(refused.code, 'validation');
    assert.deepEqual(refused.fields, { timeZone: 'invalid' });
  });
});
