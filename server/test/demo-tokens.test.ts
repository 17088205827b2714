/**
 * The demo users' tokens (`LIFT_SEED=demo`, what `npm run server` and `npm run start:team` use)
 * are generated at every start and printed, never fixed strings that work for anyone who has
 * read the source; a restart makes the previous ones useless.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { api, startServer, stopAllServers } from './helpers.js';

const DATABASE = 'lift_node_demo_tokens';

describe('demo tokens', () => {
  after(() => stopAllServers());

  it('are generated and printed at each start, and the old ones stop working', async () => {
    const first = await startServer(DATABASE, { env: { LIFT_SEED: 'demo' } });
    const tokens = first.child.demoTokens ?? {};
    assert.deepEqual(Object.keys(tokens).sort(), ['u-pieter', 'u-sanne'], 'one printed token per demo user');
    assert.ok(tokens['u-sanne']!.length >= 20, 'a long random token');
    for (const fixed of ['demo-sanne', 'demo-pieter']) {
      assert.equal((await api(first.url, 'GET', '/session', { token: fixed })).status, 401, `${fixed} is no token`);
    }
    const session = await api(first.url, 'GET', '/session', { token: tokens['u-sanne']! });
    assert.equal(session.status, 200, session.text);
    assert.equal(session.body.user.id, 'u-sanne');
    await first.stop();

    const second = await startServer(DATABASE, { env: { LIFT_SEED: 'demo' } });
    const fresh = second.child.demoTokens ?? {};
    assert.notEqual(fresh['u-sanne'], tokens['u-sanne'], 'new tokens');
    assert.equal((await api(second.url, 'GET', '/session', { token: tokens['u-sanne']! })).status, 401, 'the old token is refused');
    assert.equal((await api(second.url, 'GET', '/session', { token: fresh['u-pieter']! })).body.user.id, 'u-pieter');
  });
});
