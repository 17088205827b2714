/**
 * The test-only endpoints (`/_test/…`: make and drop spaces, drop every change stream) answer only
 * a caller on the same machine that knows the secret the server was started with; a server asked
 * to serve them without a secret does not start.
 */
import assert from 'node:assert/strict';
import { networkInterfaces } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { ADMIN_ROLE, api, createSpace, rejection, startServer, stopAllServers, type ServerProcess, type Space } from './helpers.js';

const DATABASE = 'lift_node_test_endpoints';
const setup = { roles: [ADMIN_ROLE], users: [{ id: 'u-admin', name: 'Anna Admin', role: 'admin' }], templates: [] };

describe('test-only endpoints', () => {
  let server: ServerProcess;
  const spaces: Space[] = [];

  before(async () => {
    // On every address, so that a call from another address of this machine can be tried.
    server = await startServer(DATABASE, { env: { HOST: '0.0.0.0' } });
  });
  after(async () => {
    for (const space of spaces) await space.drop();
    await stopAllServers();
  });

  it('refuse a caller without the secret, or with a wrong one', async () => {
    for (const headers of [{}, { 'lift-test-secret': 'guessed' }, { 'lift-test-secret': '' }] as Record<string, string>[]) {
      const made = await api(server.url, 'POST', '/_test/spaces', { body: setup, headers });
      assert.equal(made.status, 403, `POST /_test/spaces with ${JSON.stringify(headers)}: ${made.text}`);
      assert.equal(made.body.code, 'permission');
      const dropped = await api(server.url, 'POST', '/_test/drop-streams', { headers });
      assert.equal(dropped.status, 403, `POST /_test/drop-streams: ${dropped.text}`);
    }
    // The router decodes the path before it matches a route: an encoded underscore is the same endpoint.
    for (const path of ['/%5Ftest/spaces', '/%5ftest/spaces']) {
      const made = await api(server.url, 'POST', path, { body: setup });
      assert.equal(made.status, 403, `POST ${path} without the secret: ${made.text}`);
    }
    assert.equal((await api(server.url, 'POST', '/%5Ftest/drop-streams')).status, 403, 'POST /%5Ftest/drop-streams');
    const space = await createSpace(server.url); // with the secret
    spaces.push(space);
    assert.equal((await api(server.url, 'DELETE', `/%5Ftest/spaces/${space.name}`)).status, 403, 'DELETE with an encoded underscore');
    const removed = await api(server.url, 'DELETE', `/_test/spaces/${space.name}`);
    assert.equal(removed.status, 403, removed.text);
    assert.equal((await space.api('u-admin', 'GET', '/session')).status, 200, 'the space is still there');
  });

  it('refuse a caller from another address, even with the secret', async (t) => {
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
    if (!outside) return t.skip('this machine has no address besides loopback');
    // With the secret, from loopback, the call is served (createSpace sends the secret)…
    const space = await createSpace(`http://127.0.0.1:${server.port}`);
    spaces.push(space);
    // …and from another address of this machine it is not.
    const fromOutside = await api(`http://${outside}:${server.port}`, 'POST', '/_test/spaces', { body: setup, headers: space.testHeaders });
    assert.equal(fromOutside.status, 403, `with the right secret from ${outside}: ${fromOutside.text}`);
  });

  it('a server asked to serve them without a secret does not start', async () => {
    const failure = await rejection(startServer(DATABASE, { env: { LIFT_TEST_SECRET: '' } }));
    assert.match(failure.message, /LIFT_TEST_SECRET/);
  });
});
