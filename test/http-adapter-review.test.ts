import { expect } from '@open-wc/testing';
import type { DataChange, LifecycleNotice } from '../src/data/contract/adapter.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import { HttpAdapter, type HttpAdapterOptions } from '../src/data/adapters/http-adapter.js';
import { waitUntil } from './helpers.js';

// HttpAdapter against a fake server: a host's `headers` callback that never answers, and a
// save whose answer came without its whole body. No team server: `fetch` answers GET /session
// the way the reference server does, and everything else as each test says.

const ANNA = { id: 'anna', name: 'Anna', role: 'editor' };
const SESSION = {
  user: ANNA,
  role: { id: 'editor', name: 'Editor', rights: ['read', 'edit'] },
  roles: [{ id: 'editor', name: 'Editor', rights: ['read', 'edit'] }],
  capabilities: [],
  feedPosition: '0',
  clientId: 'client-1',
};
const json = (value: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json', ...headers } });

/** An event stream that says it is ready and stays open until the request is aborted. */
function readyFeed(init: RequestInit | undefined): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('event: ready\ndata: {"lastEventId":"0"}\n\n'));
      init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

/**
 * An adapter connected through `answer` (GET /session is answered here) whose `headers` answer
 * the connect and then never again, as a token refresh that stalls.
 */
async function connect(answer: (url: string, init: RequestInit | undefined) => Response | Promise<Response>, options: Partial<HttpAdapterOptions> = {}, stalls = Infinity): Promise<HttpAdapter> {
  let calls = 0;
  return HttpAdapter.connect({
    baseUrl: 'https://crm.test/api',
    retries: 0,
    headers: () => {
      calls++;
      // The first call is the connect's; then `stalls` calls that never answer.
      return calls > 1 && calls <= 1 + stalls ? new Promise<HeadersInit>(() => {}) : { Authorization: 'Bearer t' };
    },
    fetch: async (input, init) => {
      const url = String(input);
      return url.endsWith('/session') ? json(SESSION) : answer(url, init);
    },
    ...options,
  });
}

/** The rejection of `promise`, failing the test if it has not settled after `ms` (it hangs). */
async function rejectionOf(promise: Promise<unknown>, ms: number, what: string): Promise<LiftDataError> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: still waiting after ${ms} ms`)), ms); });
  try {
    await Promise.race([promise, hung]);
  } catch (error) {
    if (LiftDataError.is(error)) return error;
    throw error;
  } finally {
    clearTimeout(timer);
  }
  throw new Error(`${what}: expected a rejection`);
}

describe('HttpAdapter: a host whose headers never answer', () => {
  it('fails a save as unavailable after timeoutMs, as a stalled connection', async () => {
    let sent = 0;
    const adapter = await connect(() => (sent++, json({ id: 'c-1', version: 2 })), { timeoutMs: 300 });
    const error = await rejectionOf(adapter.contacts.update('c-1', 1, { firstName: 'Ada' }), 5000, 'the save');
    expect(error.code).to.equal('unavailable');
    expect(sent, 'nothing was sent without credentials').to.equal(0);
    adapter.close();
  });

  it('rejects a read as aborted when its signal aborts while the headers are coming', async () => {
    const adapter = await connect(() => json({ id: 'c-1' }), { timeoutMs: 60_000 });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 20);
    const error = await rejectionOf(adapter.contacts.get('c-1', { signal: abort.signal }), 5000, 'the read');
    expect(error.code).to.equal('aborted');
    adapter.close();
  });

  it('opens the change feed once the headers answer again after a stalled attempt', async () => {
    let opened = 0;
    const adapter = await connect((url, init) => {
      if (!url.endsWith('/events')) return json({}, 404);
      opened++;
      return readyFeed(init);
    }, { feedIdleMs: 200, reconnectDelayMs: 10 }, 1);
    const unsubscribe = adapter.subscribe(() => {});
    await waitUntil(() => opened > 0 && adapter.feedState === 'open', 'the feed opened after the stalled headers were given up');
    unsubscribe();
    adapter.close();
  });
});

describe('HttpAdapter: a save answered 200 whose body never came whole', () => {
  it('tells listeners nothing of it and rejects unavailable, both in doubt alike', async () => {
    const changes = encodeURIComponent(JSON.stringify([{ type: 'updated', resource: 'contact', ids: ['c-1'], contactId: 'c-1' }]));
    const adapter = await connect((url, init) => {
      if (url.endsWith('/events')) return readyFeed(init);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"id":"c-1","vers'));
          init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'application/json', 'lift-changes': changes } });
    }, { timeoutMs: 300 }, 0);
    const heard: (DataChange | LifecycleNotice)[] = [];
    const unsubscribe = adapter.subscribe((change) => heard.push(change));
    const error = await rejectionOf(adapter.contacts.update('c-1', 1, { firstName: 'Ada' }), 5000, 'the save');
    expect(error.code).to.equal('unavailable');
    expect(heard.filter((change) => 'resource' in change && change.origin === 'local'), 'no saved change told').to.deep.equal([]);
    unsubscribe();
    adapter.close();
  });
});

describe('HttpAdapter: a host whose headers are slow', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('gives the request its own timeoutMs once sent: a save the server answers in time resolves, however long the token took', async () => {
    let calls = 0;
    let committed = 0;
    const adapter = await HttpAdapter.connect({
      baseUrl: 'https://crm.test/api',
      retries: 0,
      timeoutMs: 300,
      // After the connect's, each token takes 200 ms: two thirds of the time a request may take.
      headers: async () => (++calls > 1 && (await sleep(200)), { Authorization: 'Bearer t' }),
      fetch: async (input, init) => {
        if (String(input).endsWith('/session')) return json(SESSION);
        committed++;
        // As a browser's fetch does: given up when its signal aborts.
        await new Promise((resolve, reject) => {
          setTimeout(resolve, 150);
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        });
        return json({ id: 'c-1', relationId: 'r-1', firstName: 'Ada', lastName: 'Bos', version: 2, archived: false, createdAt: '2026-12-01T10:00:00.000Z', modifiedAt: '2026-12-01T10:00:00.000Z' });
      },
    });
    try {
      const saved = await adapter.contacts.update('c-1', 1, { firstName: 'Ada' });
      expect([committed, saved.firstName], 'sent once, and saved').to.deep.equal([1, 'Ada']);
    } finally {
      adapter.close();
    }
  });
});
