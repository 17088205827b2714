import { expect } from '@open-wc/testing';
import type { DataChange, LifecycleNotice } from '../src/data/contract/adapter.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import { HttpAdapter } from '../src/data/adapters/http-adapter.js';
import { eventually, startTeamServerFirst, teamSpace, teamTestHeaders, teamUrl, TEAM_USERS, type TeamSpace } from './team.js';

// HttpAdapter on the wire, in all three engines: what depends on the browser's fetch (headers,
// retries, timeouts, aborts) and its streams (the change feed), against the reference server on
// PostgreSQL, one schema per test. The adapter contract as a whole over HTTP is
// http-conformance.chromium.test.ts.

startTeamServerFirst();

const [ANNA, ERIK, VERA] = TEAM_USERS as [(typeof TEAM_USERS)[0], (typeof TEAM_USERS)[0], (typeof TEAM_USERS)[0]];

/**
 * Resolves once `listener` has heard a new relation that `writer` creates now. The feed is
 * delivered in order, so by then every change written before it has arrived as well: what
 * has not arrived by then never will, and a test can count without sleeping.
 */
async function feedCaughtUp(listener: HttpAdapter, writer: HttpAdapter): Promise<void> {
  const heard = new Set<string>();
  const stop = listener.subscribe((change) => {
    if ('resource' in change && change.resource === 'relation' && change.type === 'created') for (const id of change.ids) heard.add(id);
  });
  try {
    const marker = await writer.relations.create({ kind: 'client', name: `Markering ${Math.random().toString(36).slice(2)}` });
    await eventually(() => heard.has(marker.id), 'a later change to arrive through the feed');
  } finally {
    stop();
  }
}

/**
 * An adapter connected for real, whose every later request gets the next of `answers`
 * instead of reaching the server (as a partner's server of any make might answer), with no
 * retries.
 */
async function scripted(space: TeamSpace): Promise<{ adapter: HttpAdapter; answers: Response[] }> {
  const answers: Response[] = [];
  let connected = false;
  const adapter = await space.connect(ANNA, {
    fetch: async (input, init) => (connected ? answers.shift()! : fetch(input, init)),
    retries: 0,
  });
  connected = true;
  return { adapter, answers };
}

async function rejection(promise: Promise<unknown>): Promise<LiftDataError> {
  try {
    await promise;
  } catch (error) {
    if (LiftDataError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('HttpAdapter on the wire', () => {
  let space: TeamSpace;
  beforeEach(async () => {
    space = await teamSpace();
  });
  afterEach(() => space.drop());

  const seed = async (adapter: HttpAdapter) => {
    const relation = await adapter.relations.create({ kind: 'client', name: 'Drukkerij Van Dam' });
    return adapter.contacts.create({ relationId: relation.id, firstName: 'Eva', lastName: 'Dam', email: 'eva@vandam.nl' });
  };

  it('sends versions as strong ETags: reads carry one, a write without If-Match gets 428, a stale one 412 with the record', async () => {
    const adapter = await space.connect(ANNA);
    const contact = await seed(adapter);
    const auth = { authorization: `Bearer ${space.tokens[ANNA.id]}`, 'content-type': 'application/json' };
    const read = await fetch(`${space.baseUrl}/contacts/${contact.id}`, { headers: auth });
    expect(read.headers.get('etag')).to.equal('"1"');
    const bare = await fetch(`${space.baseUrl}/contacts/${contact.id}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ jobTitle: 'x' }) });
    expect(bare.status).to.equal(428);
    expect((await bare.json()).code).to.equal('conflict');
    await adapter.contacts.update(contact.id, 1, { jobTitle: 'Drukker' });
    const stale = await fetch(`${space.baseUrl}/contacts/${contact.id}`, {
      method: 'PATCH',
      headers: { ...auth, 'if-match': '"1"' },
      body: JSON.stringify({ jobTitle: 'Zetter' }),
    });
    expect(stale.status).to.equal(412);
    const body = await stale.json();
    expect(body.current.jobTitle).to.equal('Drukker');
    expect(body.current.version).to.equal(2);
    const error = await rejection(adapter.contacts.update(contact.id, 1, { jobTitle: 'Zetter' }));
    expect(error.code).to.equal('conflict');
    expect((error.current as { jobTitle: string }).jobTitle).to.equal('Drukker');
    expect((await adapter.contacts.get(contact.id)).jobTitle).to.equal('Drukker');
  });

  it('names its scope after its server and space, so drafts kept for two servers stay apart', async () => {
    const adapter = await space.connect(ANNA);
    const other = await teamSpace();
    try {
      const elsewhere = await other.connect(ANNA);
      expect(adapter.scope).to.equal(space.baseUrl);
      expect(elsewhere.scope).to.equal(other.baseUrl);
      expect(elsewhere.scope).to.not.equal(adapter.scope);
    } finally {
      await other.drop();
    }
  });

  it('retries reads on 503 and network errors, never a write', async () => {
    const calls: string[] = [];
    let failures = 0;
    const flaky: typeof fetch = async (input, init) => {
      const method = init?.method ?? 'GET';
      calls.push(method);
      if (failures > 0) {
        failures--;
        if (failures % 2) return new Response(JSON.stringify({ code: 'unavailable', message: 'busy' }), { status: 503 });
        throw new TypeError('Failed to fetch');
      }
      return fetch(input, init);
    };
    const adapter = await space.connect(ANNA, { fetch: flaky });
    const contact = await seed(adapter);
    calls.length = 0;
    failures = 2;
    expect((await adapter.contacts.get(contact.id)).lastName).to.equal('Dam');
    expect(calls).to.deep.equal(['GET', 'GET', 'GET']);
    calls.length = 0;
    failures = 1;
    const error = await rejection(adapter.contacts.update(contact.id, 1, { jobTitle: 'Drukker' }));
    expect(error.code).to.equal('unavailable');
    expect(calls).to.deep.equal(['PATCH']);
    expect((await adapter.contacts.get(contact.id)).jobTitle).to.equal('');
    failures = 10;
    expect((await rejection(adapter.contacts.get(contact.id))).code).to.equal('unavailable');
  });

  it('gives up a request that gets no answer in time: a read is retried once, a write fails as unconfirmed', async () => {
    const calls: string[] = [];
    let stalls = 0;
    // A stalled connection: the request stays unanswered until it is aborted.
    const stalling: typeof fetch = async (input, init) => {
      calls.push(init?.method ?? 'GET');
      if (stalls > 0) {
        stalls--;
        return new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError'))));
      }
      return fetch(input, init);
    };
    // Long enough for a real answer on a busy machine: a read now gets one more try after a wait.
    const adapter = await space.connect(ANNA, { fetch: stalling, timeoutMs: 600, retryDelayMs: 10 });
    // Seeded without the short timeout: on a loaded machine a real write may take longer than 600 ms.
    const contact = await seed(await space.connect(ANNA));
    calls.length = 0;
    stalls = 1;
    expect((await adapter.contacts.get(contact.id)).lastName).to.equal('Dam');
    expect(calls, 'the stalled read, then its retry').to.deep.equal(['GET', 'GET']);
    // A server that answers nothing at all: one more try, not three, so the reader hears after
    // two waits (a minute by default) that the data cannot be reached, not after four.
    calls.length = 0;
    stalls = 4;
    expect((await rejection(adapter.contacts.get(contact.id))).code).to.equal('unavailable');
    expect(calls, 'a read that timed out twice is not sent again').to.deep.equal(['GET', 'GET']);
    stalls = 0;
    calls.length = 0;
    stalls = 1;
    const error = await rejection(adapter.contacts.update(contact.id, 1, { jobTitle: 'Drukker' }));
    expect(error.code).to.equal('unavailable');
    expect(calls, 'a write is never sent twice by the adapter').to.deep.equal(['PATCH']);
    // The caller's own signal still says cancelled, not unanswered.
    stalls = 1;
    const controller = new AbortController();
    const read = adapter.contacts.get(contact.id, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect((await rejection(read)).code).to.equal('aborted');
  });

  it('never sends a read cancelled while its credentials were on their way', async () => {
    let hold: Promise<void> | undefined;
    const sent: string[] = [];
    const adapter = await space.connect(ANNA, {
      // A host's token callback that takes a moment (a refresh of the sign-in, say).
      headers: async () => {
        await hold;
        return { authorization: `Bearer ${space.tokens[ANNA.id]}` };
      },
      fetch: (input, init) => {
        sent.push(String(input));
        return fetch(input, init);
      },
    });
    const contact = await seed(adapter);
    let release!: () => void;
    hold = new Promise<void>((resolve) => (release = resolve));
    sent.length = 0;
    const controller = new AbortController();
    const read = adapter.contacts.get(contact.id, { signal: controller.signal });
    controller.abort();
    release();
    expect((await rejection(read)).code).to.equal('aborted');
    expect(sent.filter((url) => url.includes(`/contacts/${contact.id}`)), 'nothing sent for the cancelled read').to.deep.equal([]);
  });

  it('takes credentials that could not be fetched for the network being away, and a refused sign-in for not allowed', async () => {
    let failure: Error | undefined;
    const adapter = await space.connect(ANNA, {
      headers: async () => {
        if (failure) throw failure;
        return { authorization: `Bearer ${space.tokens[ANNA.id]}` };
      },
    });
    const contact = await seed(adapter);
    // A host's token refresh is a fetch of its own: offline, it throws what fetch throws then.
    failure = await fetch('http://127.0.0.1:9/token').then(() => new Error('reached'), (error: Error) => error);
    expect(failure.name).to.equal('TypeError');
    const offline = await rejection(adapter.contacts.get(contact.id));
    expect(offline.code, 'an adapter that keeps a copy answers from it only for this code').to.equal('unavailable');
    failure = new Error('The session has ended; sign in again.');
    expect((await rejection(adapter.contacts.get(contact.id))).code).to.equal('permission');
  });

  it('cancels a read waiting to be retried when its signal aborts', async () => {
    const adapter = await space.connect(ANNA, {
      fetch: async () => new Response('{}', { status: 503 }),
      retries: 0,
    }).catch((error: unknown) => error);
    // connect itself reads /session through the failing fetch: build one that works first.
    expect(LiftDataError.is(adapter, 'unavailable')).to.equal(true);
    let fail = false;
    const working = await space.connect(ANNA, {
      fetch: async (input, init) => (fail ? new Response('{}', { status: 503 }) : fetch(input, init)),
      retryDelayMs: 5_000,
    });
    fail = true;
    const controller = new AbortController();
    const started = Date.now();
    const pending = working.contacts.list({ signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await rejection(pending)).code).to.equal('aborted');
    expect(Date.now() - started).to.be.below(4_000);
  });

  it('maps HTTP failures to the stable codes, whatever the body', async () => {
    const { adapter, answers } = await scripted(space);
    const cases: [Response, string][] = [
      [new Response('<html>oops</html>', { status: 500, headers: { 'content-type': 'text/html' } }), 'unavailable'],
      [new Response('{"code":"not-found","message":"gone"}', { status: 404 }), 'not-found'],
      [new Response('not json', { status: 403 }), 'permission'],
      [new Response('', { status: 401 }), 'permission'],
      [new Response('{"code":"validation","message":"too big","fields":{"body":"too-large"}}', { status: 413 }), 'validation'],
      [new Response('{"truncated', { status: 200 }), 'unavailable'],
      // A proxy's or gateway's own page: not the server saying the record is gone or forbidden.
      [new Response('<html>Not Found</html>', { status: 404, headers: { 'content-type': 'text/html; charset=utf-8' } }), 'unavailable'],
      [new Response('<html>Forbidden</html>', { status: 403, headers: { 'content-type': 'text/html' } }), 'unavailable'],
    ];
    for (const [response, code] of cases) {
      answers.push(response);
      const error = await rejection(adapter.contacts.get('c-1'));
      expect(error.code, `status ${response.status}`).to.equal(code);
      expect(error.message).to.be.a('string').and.not.equal('');
    }
  });

  it("maps every status it knows to its code when a partner's server sends no code in the body", async () => {
    const { adapter, answers } = await scripted(space);
    const expected: [number, string][] = [
      [400, 'validation'], [413, 'validation'], [422, 'validation'],
      [401, 'permission'], [403, 'permission'],
      [404, 'not-found'], [410, 'not-found'],
      [409, 'conflict'], [412, 'conflict'], [428, 'conflict'],
      [507, 'quota'],
      [418, 'unavailable'], [500, 'unavailable'], [502, 'unavailable'], [503, 'unavailable'],
    ];
    // No body, a body that is not JSON, JSON without a code, and JSON with a code we do not know.
    const bodies = ['', 'Precondition Failed', '{"error":"something"}', '{"code":"E_STALE","message":""}'];
    for (const [status, code] of expected) {
      for (const body of bodies) {
        answers.push(new Response(body, { status }));
        const read = await rejection(adapter.contacts.get('c-1'));
        expect(read.code, `GET answered ${status} with ${JSON.stringify(body)}`).to.equal(code);
        expect(read.message, `GET answered ${status}`).to.include(`HTTP ${status}`);
        answers.push(new Response(body, { status }));
        const write = await rejection(adapter.contacts.update('c-1', 3, { jobTitle: 'Zetter' }));
        expect(write.code, `PATCH answered ${status} with ${JSON.stringify(body)}`).to.equal(code);
      }
    }
    expect(answers, 'every prepared answer was used').to.have.length(0);
  });

  it("delivers a colleague's save to another adapter through the feed, as remote", async () => {
    const mine = await space.connect(ANNA);
    const theirs = await space.connect(ERIK);
    const contact = await seed(mine);
    const seen: (DataChange | LifecycleNotice)[] = [];
    mine.subscribe((change) => seen.push(change));
    await eventually(() => mine.feedState === 'open', 'the feed is connected');
    await theirs.contacts.update(contact.id, 1, { jobTitle: 'Zetter' });
    await eventually(
      () => seen.some((c) => 'resource' in c && c.resource === 'contact' && c.type === 'updated' && c.ids.includes(contact.id)),
      'the remote change arrives',
    );
    const change = seen.find((c): c is DataChange => 'resource' in c && c.resource === 'contact' && c.type === 'updated')!;
    expect(change.origin).to.equal('remote');
    // Its own saves come back once, as local, by the time the call resolves.
    seen.length = 0;
    await mine.contacts.update(contact.id, 2, { department: 'Zetterij' });
    expect(seen.filter((c) => 'resource' in c && c.resource === 'contact').map((c) => c.origin)).to.deep.equal(['local']);
    // The feed's copy of that save arrives before a later change, and is not told again.
    await feedCaughtUp(mine, theirs);
    expect(seen.filter((c) => 'resource' in c && c.resource === 'contact')).to.have.length(1);
  });

  it('resumes the feed after the stream drops, without missing or repeating a change', async () => {
    const mine = await space.connect(ANNA);
    const theirs = await space.connect(ERIK);
    const contact = await seed(mine);
    const updates: number[] = [];
    mine.subscribe((change) => {
      if ('resource' in change && change.resource === 'contact' && change.type === 'updated') updates.push(updates.length + 1);
    });
    await eventually(() => mine.feedState === 'open', 'the feed is connected');
    const server = await teamUrl();
    const dropped = await (await fetch(`${server}/_test/drop-streams`, { method: 'POST', headers: teamTestHeaders(server) })).json();
    expect(dropped.dropped).to.be.greaterThan(0);
    for (let version = 1; version <= 5; version++) await theirs.contacts.update(contact.id, version, { jobTitle: `Titel ${version}` });
    await eventually(() => updates.length >= 5, 'all five saves arrive');
    await feedCaughtUp(mine, theirs);
    expect(updates).to.have.length(5);
  });

  it('reports its own change once, as local, when the answer to the write was lost', async () => {
    let loseAnswer = false;
    const mine = await space.connect(ANNA, {
      // The request reaches the server and is saved; the answer never comes back.
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (loseAnswer && init?.method === 'PATCH') throw new TypeError('Failed to fetch');
        return response;
      },
    });
    const contact = await seed(mine);
    const seen: DataChange[] = [];
    mine.subscribe((change) => {
      if ('resource' in change && change.resource === 'contact' && change.type === 'updated') seen.push(change);
    });
    loseAnswer = true;
    expect((await rejection(mine.contacts.update(contact.id, 1, { jobTitle: 'Zetter' }))).code).to.equal('unavailable');
    await eventually(() => seen.length > 0, 'the saved change arrives through the feed');
    await feedCaughtUp(mine, await space.connect(ERIK));
    expect(seen.map((c) => c.origin)).to.deep.equal(['local']);
    expect((await mine.contacts.get(contact.id)).jobTitle).to.equal('Zetter');
  });

  it('keeps the change feed when one element replaces another: no second stream is opened', async () => {
    // Browsers hold an aborted stream's connection for seconds; six of them to one server
    // stalled every request (a card opened after a few others waited up to 4 s).
    let opened = 0;
    const mine = await space.connect(ANNA, {
      fetch: (input, init) => {
        if (String(input).endsWith('/events')) opened++;
        return fetch(input, init);
      },
    });
    const contact = await seed(mine);
    const first = mine.subscribe(() => {});
    await eventually(() => mine.feedState === 'open', 'the feed is connected');
    first();
    const seen: DataChange[] = [];
    const second = mine.subscribe((change) => {
      if ('resource' in change && change.resource === 'contact') seen.push(change);
    });
    await (await space.connect(ERIK)).contacts.update(contact.id, 1, { jobTitle: 'Zetter' });
    await eventually(() => seen.length > 0, "the colleague's save arrives");
    expect(opened, 'requests for the feed').to.equal(1);
    second();
    mine.close();
  });

  it('closes a feed no one listens to when the user changes, and the next subscriber still hears what changed meanwhile', async () => {
    const mine = await HttpAdapter.connect({ baseUrl: space.baseUrl, user: ANNA, headers: (who) => ({ authorization: `Bearer ${space.tokens[who.id]}` }), feedLingerMs: 60_000 });
    const theirs = await space.connect(ERIK);
    const contact = await seed(mine);
    const first = mine.subscribe(() => {});
    await eventually(() => mine.feedState === 'open', 'the feed is connected');
    first();
    // The feed lingers for a next subscriber; the user changes meanwhile.
    mine.session.setUser(ERIK);
    await eventually(() => mine.feedState === 'idle', 'the feed closed: no one would hear it');
    await theirs.contacts.update(contact.id, 1, { jobTitle: 'Zetter' });
    const seen: string[] = [];
    const second = mine.subscribe((change) => 'resource' in change && change.resource === 'contact' && change.type === 'updated' && seen.push(...change.ids));
    await eventually(() => seen.includes(contact.id), 'the save made meanwhile arrives');
    second();
    mine.close();
  });

  it('a change made while no one listened still reaches the next subscriber', async () => {
    const mine = await space.connect(ANNA);
    const theirs = await space.connect(ERIK);
    const contact = await seed(mine);
    const first = mine.subscribe(() => {});
    await eventually(() => mine.feedState === 'open', 'the feed is connected');
    first();
    await theirs.contacts.update(contact.id, 1, { jobTitle: 'Zetter' });
    // A stream kept open for the next subscriber closes when a change comes that no one hears.
    await eventually(() => mine.feedState === 'idle', 'the feed closed');
    const seen: DataChange[] = [];
    const second = mine.subscribe((change) => {
      if ('resource' in change && change.resource === 'contact' && change.type === 'updated') seen.push(change);
    });
    await eventually(() => seen.some((c) => c.ids.includes(contact.id)), 'the save made meanwhile arrives');
    second();
    mine.close();
  });

  it('closes the change feed once no one has listened for a while', async () => {
    const mine = await space.connect(ANNA, { feedLingerMs: 50 });
    const stop = mine.subscribe(() => {});
    await eventually(() => mine.feedState === 'open', 'the feed is connected');
    stop();
    await eventually(() => mine.feedState === 'idle', 'the feed closed');
    mine.close();
  });

  it('asks for the feed again when its request gets no answer at all (a connection that died before the server answered)', async () => {
    let asked = 0;
    const mine = await space.connect(ANNA, {
      feedIdleMs: 200,
      fetch: async (input, init) => {
        if (!String(input).endsWith('/events') || ++asked > 1) return fetch(input, init);
        // The first request's answer never comes: only its cancelling ends it.
        return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError'))));
      },
    });
    const unsubscribe = mine.subscribe(() => {});
    await eventually(() => mine.feedState === 'open', 'the feed asked for again, and open');
    // The first request was given up; a busy machine may give up a slow real answer too.
    expect(asked).to.be.at.least(2);
    unsubscribe();
    mine.close();
  });

  it('opens the feed again when it goes quiet (a connection that died without closing)', async () => {
    let opened = 0;
    const mine = await space.connect(ANNA, {
      feedIdleMs: 200,
      fetch: async (input, init) => {
        if (!String(input).endsWith('/events')) return fetch(input, init);
        opened++;
        // A stream that says it is ready and then never sends another byte, nor ends.
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('event: ready\ndata: {"lastEventId":"0"}\n\n'));
          },
        });
        return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
      },
    });
    const unsubscribe = mine.subscribe(() => {});
    await eventually(() => opened >= 3, 'the feed reopened after going quiet');
    unsubscribe();
  });

  it('lets the server decide rights from the token: a viewer cannot grant itself edit', async () => {
    const admin = await space.connect(ANNA);
    const contact = await seed(admin);
    const viewer = await space.connect(VERA);
    expect(viewer.session.can('edit')).to.equal(false);
    // This adapter believes it acts for an admin, but its token is still Vera's.
    const claiming = await HttpAdapter.connect({ baseUrl: space.baseUrl, headers: () => ({ authorization: `Bearer ${space.tokens[VERA.id]}` }) });
    claiming.session.setUser(ANNA);
    expect(claiming.session.can('edit')).to.equal(true);
    expect((await rejection(claiming.contacts.update(contact.id, 1, { jobTitle: 'x' }))).code).to.equal('permission');
    expect((await admin.contacts.get(contact.id)).version).to.equal(1);
    claiming.close();
  });

  it('refuses an unknown token', async () => {
    const error = await rejection(HttpAdapter.connect({ baseUrl: space.baseUrl, headers: () => ({ authorization: 'Bearer nobody' }) }));
    expect(error.code).to.equal('permission');
  });
});
