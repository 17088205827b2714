/**
 * The change feed cannot be abused: a change's client and request ids (what tells an adapter its
 * own changes from a colleague's) reach only the streams of the user who made it, so nobody can
 * make a colleague's adapter take their change for its own by sending its client id; and one
 * user holds a limited number of streams at once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, rejection, SseClient, startServer, suiteSpaces, type ServerProcess, type Space } from './helpers.js';

describe('limits of the change feed', () => {
  let server: ServerProcess;
  const suite = suiteSpaces(() => server.url);
  const newSpace = () => suite.newSpace();

  before(async () => {
    server = await startServer('lift_node_feed_limits', { env: { LIFT_USER_STREAMS: '3' } });
  });
  after(() => suite.cleanUp());

  const open = async (space: Space, user: string) => {
    const stream = await SseClient.open(space.baseUrl, space.tokens[user]!);
    suite.streams.push(stream);
    await eventually(() => stream.readyId !== undefined, 'the stream is ready');
    return stream;
  };

  it("a change's client and request ids reach only the streams of the user who made it", async () => {
    const space = await newSpace();
    const anna = await open(space, 'u-anna');
    const bart = await open(space, 'u-bart');
    const made = await space.api('u-anna', 'POST', '/relations', {
      body: { kind: 'client', name: 'Drukkerij Van Dam' },
      headers: { 'lift-client': 'anna-tab-1', 'lift-request': 'anna-write-1' },
    });
    assert.equal(made.status, 201, made.text);
    await eventually(() => anna.changes.length === 1 && bart.changes.length === 1, 'both streams hear of it');
    assert.equal(anna.changes[0]!.change.client, 'anna-tab-1', "Anna's stream tells her it is hers");
    assert.equal(anna.changes[0]!.change.request, 'anna-write-1');
    assert.equal(bart.changes[0]!.change.client, undefined, "Bart's stream does not learn Anna's client id");
    assert.equal(bart.changes[0]!.change.request, undefined);

    // Bart writes with Anna's client id: her stream still shows it as someone else's change.
    await space.api('u-bart', 'POST', '/relations', { body: { kind: 'client', name: 'Namaak BV' }, headers: { 'lift-client': 'anna-tab-1' } });
    await eventually(() => anna.changes.length === 2, 'Anna hears of it');
    assert.equal(anna.changes[1]!.change.client, undefined, "Bart's change does not pass for Anna's own");
    assert.equal(anna.changes[1]!.change.resource, 'relation');
  });

  it('one user holds at most 3 streams (429 beyond), others are not held back', async () => {
    const space = await newSpace();
    const held = [await open(space, 'u-anna'), await open(space, 'u-anna'), await open(space, 'u-anna')];
    const refused = await rejection(SseClient.open(space.baseUrl, space.tokens['u-anna']!));
    assert.match(refused.message, /answered 429/);
    await open(space, 'u-bart');
    await held[0]!.close();
    await eventually(async () => {
      try {
        await open(space, 'u-anna');
        return true;
      } catch {
        return false;
      }
    }, 'a closed stream frees its place');
  });
});
