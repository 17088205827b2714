import { expect } from '@open-wc/testing';
import { LiftDataError } from '../src/data/contract/errors.js';
import type { HttpAdapter } from '../src/data/adapters/http-adapter.js';
import { startTeamServerFirst, teamSpace, TEAM_USERS, type TeamSpace } from './team.js';

// A team server that has too many of one user's requests running answers 429 before it does
// anything, naming in Retry-After when to try again: the adapter waits that long and sends the
// request again, a read or a write alike, instead of failing what a second's wait would answer.

startTeamServerFirst();

const ANNA = TEAM_USERS[0]!;

/** The server's answer to one request too many. */
const tooMany = () =>
  new Response(JSON.stringify({ code: 'unavailable', message: 'Too many requests at once (32 are running for you); try again shortly.' }), {
    status: 429,
    headers: { 'content-type': 'application/json', 'retry-after': '1' },
  });

describe('HttpAdapter answered 429 (too many requests at once)', () => {
  let space: TeamSpace;
  beforeEach(async () => {
    space = await teamSpace();
  });
  afterEach(() => space.drop());

  /** An adapter whose next `throttle` requests of `method` are answered 429; when each went out. */
  const throttled = async (method: string, retries = 3) => {
    const sent: { method: string; at: number }[] = [];
    const state = { throttle: 0 };
    const adapter: HttpAdapter = await space.connect(ANNA, {
      retries,
      retryDelayMs: 10,
      fetch: async (input, init) => {
        const request = { method: init?.method ?? 'GET', at: performance.now() };
        if (request.method === method && !String(input).includes('/events')) sent.push(request);
        if (request.method === method && state.throttle > 0 && !String(input).includes('/events')) {
          state.throttle--;
          return tooMany();
        }
        return fetch(input, init);
      },
    });
    return { adapter, sent, state };
  };

  it('sends a read again after the wait the server names, and answers it', async () => {
    const { adapter, sent, state } = await throttled('GET');
    const relation = await adapter.relations.create({ kind: 'client', name: 'Drukkerij Van Dam' });
    sent.length = 0;
    state.throttle = 1;
    expect((await adapter.relations.get(relation.id)).name).to.equal('Drukkerij Van Dam');
    expect(sent, 'sent twice').to.have.length(2);
    // Not the adapter's own 10 ms backoff: the second from Retry-After.
    expect(sent[1]!.at - sent[0]!.at, 'waited as asked').to.be.at.least(950);
  });

  it('sends a write again (it never ran), and it is saved once', async () => {
    const { adapter, sent, state } = await throttled('POST');
    state.throttle = 1;
    const relation = await adapter.relations.create({ kind: 'client', name: 'Studio Noord' });
    expect(sent, 'sent twice').to.have.length(2);
    const listed = (await adapter.relations.list({ text: 'Studio Noord' })).items;
    expect(listed.map((r) => r.id)).to.deep.equal([relation.id]);
  });

  it('still fails, as unavailable, when the server keeps answering 429', async () => {
    // One retry is enough to show it gives up: each waits the server's second.
    const { adapter, sent, state } = await throttled('GET', 1);
    sent.length = 0;
    state.throttle = Infinity;
    const error = await adapter.relations.list().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(LiftDataError.is(error, 'unavailable'), String(error)).to.equal(true);
    expect(sent, 'sent once and retried once').to.have.length(2);
  });
});
