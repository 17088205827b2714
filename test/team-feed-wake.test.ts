import { expect } from '@open-wc/testing';
import type { HttpAdapter } from '../src/data/adapters/http-adapter.js';
import type { Contact, User } from '../src/data/contract/model.js';
import { waitUntil } from './helpers.js';
import { startTeamServerFirst, teamSpace, TEAM_USERS, type TeamSpace } from './team.js';

/**
 * The change feed waits longer after each failed reconnect (up to a wait the host may set long).
 * When it could not reach the server at all, any other request the server answers meanwhile says
 * the connection is back: the feed asks again at once, so colleagues' changes are live again
 * without waiting out the backoff. A feed the server answered with an error does not.
 */

startTeamServerFirst();

const [ANNA, ERIK] = TEAM_USERS as [User, User];

describe('HttpAdapter: the change feed after the connection comes back', () => {
  let space: TeamSpace;
  let colleague: HttpAdapter;
  let contact: Contact;

  beforeEach(async () => {
    space = await teamSpace();
    colleague = await space.connect(ANNA);
    const relation = await colleague.relations.create({ kind: 'client', name: 'Drukkerij Van Dam' });
    contact = await colleague.contacts.create({ relationId: relation.id, lastName: 'Dam' });
  });
  afterEach(() => space.drop());

  /** Erik's adapter on a network that can be cut (`net.offline`), for the feed alone too (`net.feedUnreachable`), or made to refuse the feed (`net.feedStatus`); each feed request counted. */
  async function erik() {
    const net = { offline: false, feedStatus: 0, feedAsked: 0, feedUnreachable: false };
    const adapter = await space.connect(ERIK, {
      // Long enough that a test waiting for the backoff to end would time out.
      reconnectDelayMs: 60_000,
      fetch: async (input, init) => {
        const feed = String(input).endsWith('/events');
        if (feed) net.feedAsked++;
        if (net.offline || (feed && net.feedUnreachable)) throw new TypeError('Failed to fetch');
        if (feed && net.feedStatus) return new Response('busy', { status: net.feedStatus });
        return fetch(input, init);
      },
    });
    return { adapter, net };
  }

  it('reconnects at once when another request is answered after the network was lost, and hears a colleague again', async () => {
    const { adapter, net } = await erik();
    net.offline = true;
    const heard: string[] = [];
    adapter.subscribe((change) => 'resource' in change && change.resource === 'contact' && heard.push(...change.ids));
    await waitUntil(() => adapter.feedState === 'retrying', 'the feed could not connect');
    net.offline = false;
    // The card reads the contact again: the server answers.
    await adapter.contacts.get(contact.id);
    await waitUntil(() => adapter.feedState === 'open', 'the feed open again, not after its backoff');
    await colleague.contacts.update(contact.id, contact.version, { jobTitle: 'Drukker' });
    await waitUntil(() => heard.includes(contact.id), "the colleague's change heard");
  });

  it('waits out its backoff when the server answered the feed itself with an error', async () => {
    const { adapter, net } = await erik();
    net.feedStatus = 503;
    adapter.subscribe(() => {});
    await waitUntil(() => adapter.feedState === 'retrying', 'the feed refused');
    const asked = net.feedAsked;
    await adapter.contacts.get(contact.id);
    await adapter.contacts.get(contact.id);
    // A wake is taken within a few tasks of the answer; a busy feed is not asked again and again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(net.feedAsked, 'the feed not asked again').to.equal(asked);
    expect(adapter.feedState).to.equal('retrying');
  });

  it('asks once when only the feed cannot be reached (a proxy, a blocker), then waits out its backoff', async () => {
    const { adapter, net } = await erik();
    net.feedUnreachable = true;
    adapter.subscribe(() => {});
    await waitUntil(() => adapter.feedState === 'retrying', 'the feed could not connect');
    const asked = net.feedAsked;
    await adapter.contacts.get(contact.id);
    await waitUntil(() => net.feedAsked === asked + 1 && adapter.feedState === 'retrying', 'asked again once, unreachable again');
    await adapter.contacts.get(contact.id);
    await adapter.contacts.get(contact.id);
    // A wake is taken within a few tasks of the answer; none is taken now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(net.feedAsked, 'not asked at each answer').to.equal(asked + 1);
  });
});
