/**
 * With `LIFT_LOG=1` the server logs every request, but not what people searched for: query
 * strings (search text is personal data) are logged with their values redacted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSpace, eventually, startServer, stopAllServers, type ServerProcess, type Space } from './helpers.js';

describe('request logging', () => {
  let server: ServerProcess;
  let log = '';
  const spaces: Space[] = [];

  before(async () => {
    server = await startServer('lift_node_logging', { env: { LIFT_LOG: '1' } });
    server.child.stdout!.on('data', (chunk) => (log += chunk));
    server.child.stderr!.on('data', (chunk) => (log += chunk));
  });
  after(async () => {
    for (const space of spaces) await space.drop();
    await stopAllServers();
  });

  it('logs the path of a search but not the text searched for', async () => {
    const space = await createSpace(server.url, { users: [{ id: 'u-admin', name: 'Anna Admin', role: 'admin' }] });
    spaces.push(space);
    const search = await space.api('u-admin', 'GET', `/contacts?text=${encodeURIComponent('Jansen Geheimstraat')}&limit=5`);
    assert.equal(search.status, 200, search.text);
    const anonymous = await space.api(undefined, 'GET', '/relations?text=Vertrouwelijk');
    assert.equal(anonymous.status, 401);
    await eventually(() => log.includes('/relations'), 'both requests are logged');
    assert.match(log, /\/contacts\?/, 'the path is logged');
    assert.doesNotMatch(log, /Jansen|Geheimstraat|Vertrouwelijk/, 'the search text is not');
  });
});
