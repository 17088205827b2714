// The HTTP transport under HttpAdapter: one request with its headers, retries and errors, and
// the bookkeeping of writes whose changes are published before they resolve.
import type { ChangeResource, DataChange } from '../contract/adapter.js';
import { LIFT_ERROR_CODES, LiftDataError, type LiftErrorCode } from '../contract/errors.js';
import type { HttpAdapterOptions } from './http-adapter.js';
import { newId } from '../contract/ids.js';
import type { Id, User } from '../contract/model.js';
import { MAX_PAGE } from '../contract/validation.js';
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** `{ version }` sends `If-Match: "<version>"`, `any` sends `If-Match: *`, `absent` sends `If-None-Match: *`. */
export type Precondition = { version: number } | 'any' | 'absent';
export type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

export interface Call { method?: Method; query?: Query; body?: unknown; precondition?: Precondition | undefined; signal?: AbortSignal | undefined }

/** What a request needs. Shared by the adapter and `connect`, which asks before the adapter exists. */
export interface Transport {
  readonly base: string;
  readonly fetch: typeof fetch;
  readonly auth: NonNullable<HttpAdapterOptions['headers']>;
  /** Sent as `Lift-Client`: made here for the first request, then the one the server gives the user. */
  clientId: string;
  readonly retries: number;
  readonly retryDelayMs: number;
  readonly timeoutMs: number;
  /** Aborted by `close()`: ends retry waits and the change feed. */
  readonly life: AbortController;
  user: User;
  /** Receives the changes a successful write reports, before the write's promise resolves. */
  publish: (changes: DataChange[]) => void;
  /** Told of each answer from the server (whatever its status): it can be reached. */
  reached: () => void;
  readonly writes: Writes;
  /** The request id the next write sends instead of a new one (set and taken synchronously). */
  nextWriteId?: string | undefined;
}

/**
 * What became of this instance's writes (each sent with its own `Lift-Request` id), so the feed
 * can tell which of its own changes subscribers have already heard of: those of an answered
 * write were published from its `Lift-Changes`; those of a write whose answer never came (the
 * connection dropped, the server failed while committing) were not, and may still have landed.
 */
export class Writes {
  readonly #state = new Map<string, 'pending' | 'answered' | 'in-doubt'>();
  readonly #held = new Map<string, DataChange[]>();

  begin(id: string): void {
    this.#state.set(id, 'pending');
    // Only the newest few hundred matter: older writes' changes have long come through.
    if (this.#state.size > 500) this.#state.delete(this.#state.keys().next().value!);
  }

  answered(id: string): void {
    this.#state.set(id, 'answered');
    this.#held.delete(id);
  }

  /** The write's outcome is unknown: answers the changes the feed reported for it meanwhile. */
  inDoubt(id: string): DataChange[] {
    this.#state.set(id, 'in-doubt');
    const held = this.#held.get(id) ?? [];
    this.#held.delete(id);
    return held;
  }

  /** An own change from the feed: publish it now (true), or not (held until the write answers, or already told). */
  fromFeed(id: string | undefined, change: DataChange): boolean {
    const state = id === undefined ? undefined : this.#state.get(id);
    if (state === 'pending') this.#held.set(id!, [...(this.#held.get(id!) ?? []), change]);
    return state === undefined || state === 'in-doubt';
  }
}

const CHANGE_TYPES: readonly string[] = ['created', 'updated', 'deleted'];
const STATUS_CODES: Readonly<Record<number, LiftErrorCode>> = {
  400: 'validation', 413: 'validation', 422: 'validation', 401: 'permission', 403: 'permission', 404: 'not-found', 410: 'not-found',
  409: 'conflict', 412: 'conflict', 428: 'conflict', 507: 'quota',
};
const MESSAGES: Readonly<Partial<Record<LiftErrorCode, string>>> = {
  validation: 'The server did not accept the request', permission: 'The server refused the request: not signed in, or not allowed',
  'not-found': 'The server could not find what was asked for', conflict: 'The record is not at the version this change was based on',
  quota: 'The server has no room left',
};


export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function userFrom(value: unknown): User | undefined {
  const user = value as Partial<User> | null | undefined;
  if (!user || typeof user.id !== 'string' || typeof user.role !== 'string') return undefined;
  return { id: user.id, name: typeof user.name === 'string' ? user.name : user.id, role: user.role };
}

/** Resolves after `ms`, or as soon as one of `signals` aborts. */
export function delay(ms: number, signals: readonly (AbortSignal | undefined)[]): Promise<void> {
  return new Promise((resolve) => {
    const live = signals.filter((s): s is AbortSignal => s !== undefined);
    const done = () => {
      clearTimeout(timer);
      for (const s of live) s.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    if (live.some((s) => s.aborted)) done();
    else for (const s of live) s.addEventListener('abort', done, { once: true });
  });
}

/** `promise`, or a rejection with `signal`'s reason as soon as `signal` aborts (the promise is left to itself). */
export function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(signal.reason);
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

/** Why a call must stop now: the caller aborted it, or the adapter closed. */
export function stopped(t: Transport, signal: AbortSignal | undefined): LiftDataError | undefined {
  if (signal?.aborted) return new LiftDataError('aborted', 'The request was cancelled.', { cause: signal.reason });
  if (t.life.signal.aborted) return new LiftDataError('unavailable', 'The adapter was closed.');
  return undefined;
}

/** Each segment is encoded; an empty or dot segment would address another resource, so nothing is there. */
function pathOf(segments: readonly string[]): string {
  return segments.map((segment) => {
    const text = String(segment);
    if (text === '' || text === '.' || text === '..') throw new LiftDataError('not-found', `There is nothing with the id "${text}".`);
    return `/${encodeURIComponent(text)}`;
  }).join('');
}

/**
 * A query's parameters as the other adapters read them: null is no filter (not the word "null"),
 * and a page limit above the most a page holds is that many (the server takes nine digits at most).
 */
function queryOf(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === false || (Array.isArray(value) && !value.length)) continue;
    if (key === 'limit' && typeof value === 'number' && value > MAX_PAGE) params.set(key, String(MAX_PAGE));
    else params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export async function headersFor(t: Transport, extra: Record<string, string>): Promise<Headers> {
  let headers: Headers;
  try {
    headers = new Headers(await t.auth({ ...t.user }));
  } catch (error) {
    if (LiftDataError.is(error)) throw error;
    // A host's token refresh that could not reach its server throws what fetch throws then (a
    // TypeError): that is the network, and an adapter with a copy on the device answers from it.
    if (error instanceof TypeError) throw new LiftDataError('unavailable', 'Could not get the credentials for this request: the network did not answer.', { cause: error });
    throw new LiftDataError('permission', 'Could not get the credentials for this request.', { cause: error });
  }
  headers.set('Accept', 'application/json');
  headers.set('Lift-Client', t.clientId);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return headers;
}

/**
 * A LiftDataError from an error answer: the body's code when it names one, else the status's. An
 * HTML page comes from something between the device and the server (a proxy, a gateway): its
 * "not found" or "forbidden" says nothing of the records, which a copy on the device would
 * otherwise forget, nor of the changes waiting there, which it would take as refused.
 */
function errorFor(status: number, text: string, html: boolean): LiftDataError {
  const parsed = parseJson(text);
  const body = (parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {}) as Record<string, unknown>;
  const byStatus = STATUS_CODES[status] ?? 'unavailable';
  const code = (LIFT_ERROR_CODES as readonly unknown[]).includes(body.code)
    ? (body.code as LiftErrorCode)
    : html && (byStatus === 'not-found' || byStatus === 'permission') ? 'unavailable' : byStatus;
  const message = typeof body.message === 'string' && body.message.trim() ? body.message : `${MESSAGES[code] ?? 'The server could not handle the request now'} (HTTP ${status}).`;
  const fields = body.fields && typeof body.fields === 'object'
    ? (Object.fromEntries(Object.entries(body.fields).filter(([, reason]) => typeof reason === 'string')) as Record<string, string>)
    : undefined;
  return new LiftDataError(code, message, { ...(fields ? { fields } : {}), ...('current' in body ? { current: body.current } : {}) });
}

/** A field given as `undefined` is sent as `null`, so the server refuses it instead of JSON dropping it. */
export function nullForMissing(fields: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, value === undefined ? null : value]));
}

export function toChange(value: unknown, origin: DataChange['origin']): DataChange | undefined {
  const { type, resource, ids, contactId, at } = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  if (!CHANGE_TYPES.includes(type as string) || typeof resource !== 'string') return undefined;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) return undefined;
  const change = { type: type as DataChange['type'], resource: resource as ChangeResource, ids: [...ids] as Id[], origin };
  return { ...change, ...(typeof contactId === 'string' ? { contactId } : {}), at: typeof at === 'string' ? at : new Date().toISOString() };
}

/** The `Lift-Changes` header of a write's answer; a malformed one is ignored (the write succeeded). */
function changesOf(response: Response): DataChange[] {
  let list: unknown;
  try {
    list = JSON.parse(decodeURIComponent(response.headers.get('Lift-Changes') ?? '[]'));
  } catch {
    return [];
  }
  return Array.isArray(list) ? list.flatMap((change) => toChange(change, 'local') ?? []) : [];
}

/**
 * One request: reads are retried on network errors and 503s with exponential backoff, writes
 * never (the server may have saved the change). A write's changes are published before it resolves.
 */
export async function request<T>(t: Transport, path: readonly string[], call: Call = {}): Promise<T> {
  const { method = 'GET', signal, precondition: p } = call;
  const read = method === 'GET';
  const where = pathOf(path);
  const url = t.base + where + queryOf(call.query);
  const extra: Record<string, string> = {};
  if (p === 'any') extra['If-Match'] = '*';
  else if (p === 'absent') extra['If-None-Match'] = '*';
  else if (p) {
    if (!Number.isSafeInteger(p.version) || p.version < 0) {
      throw new LiftDataError('validation', 'The expected version must be a whole number of at least 0.', { fields: { expectedVersion: 'type' } });
    }
    extra['If-Match'] = `"${p.version}"`;
  }
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  if (body !== undefined) extra['Content-Type'] = 'application/json';
  const writeId = read ? undefined : (t.nextWriteId ?? newId());
  t.nextWriteId = undefined;
  if (writeId) extra['Lift-Request'] = writeId;

  // A stalled connection is worth one more try on a fresh one; a server that answers nothing
  // twice is taken for one that cannot answer, so the caller is not kept waiting four times over.
  let timeouts = 0;
  for (let attempt = 0; ; attempt++) {
    const stop = stopped(t, signal);
    if (stop) throw stop;
    let response: Response | undefined;
    let text = '';
    let failure: { error: unknown } | undefined;
    /** The request went out: its headers came and the write was begun. */
    let sent = false;
    // The caller's signal, or no whole answer in time (a stalled connection, or a host's token
    // callback that never answers), stops the attempt. The headers get `timeoutMs`, and the
    // request, once sent, its own: a slow token never eats into the server's time.
    const attemptStop = new AbortController();
    const giveUp = () => attemptStop.abort();
    signal?.addEventListener('abort', giveUp);
    let timer = setTimeout(giveUp, t.timeoutMs);
    try {
      const headers = await unlessAborted(headersFor(t, extra), attemptStop.signal);
      // The adapter may have closed while the headers were coming.
      const late = stopped(t, signal);
      if (late) throw late;
      if (writeId) t.writes.begin(writeId);
      sent = true;
      clearTimeout(timer);
      timer = setTimeout(giveUp, t.timeoutMs);
      response = await t.fetch(url, { method, headers, ...(body === undefined ? {} : { body }), signal: attemptStop.signal });
      t.reached();
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw stopped(t, signal)!;
      const timedOut = attemptStop.signal.aborted;
      // The headers' own failure (a refused token) or a close: as thrown, never retried.
      if (!sent && !timedOut) throw error;
      if (timedOut) timeouts++;
      failure = { error: timedOut ? new TypeError(`No answer within ${t.timeoutMs} ms.`, { cause: error }) : error };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', giveUp);
    }
    // A 429 comes before the server does anything (too many of this user's requests running at
    // once): a write is as safe to send again as a read, after the wait it names when longer.
    const throttled = response?.status === 429;
    if (attempt < t.retries && timeouts < 2 && (throttled || (read && (failure ? failure.error instanceof TypeError : response?.status === 503)))) {
      const named = throttled ? Math.min(Number(response!.headers.get('retry-after')) * 1000 || 0, t.timeoutMs) : 0;
      await delay(Math.max(named, t.retryDelayMs * 2 ** attempt * (1 + Math.random() / 4)), [signal, t.life.signal]);
      continue;
    }
    if (writeId && sent) {
      // A 5xx, no answer at all, or one whose body never came whole (its changes unconfirmed as
      // its caller's result): the change may have committed; the feed will say.
      if (!response || failure || response.status >= 500) t.publish(t.writes.inDoubt(writeId));
      else {
        t.writes.answered(writeId);
        if (response.ok) t.publish(changesOf(response));
      }
    }
    if (failure || !response) {
      const message = read
        ? `Could not reach the server (${method} ${where}).`
        : 'The change could not be sent, or the server did not confirm it; reload to see whether it was saved.';
      throw new LiftDataError('unavailable', message, { cause: failure?.error });
    }
    if (!response.ok) throw errorFor(response.status, text, /^text\/html/i.test(response.headers.get('content-type') ?? ''));
    if (signal?.aborted) throw stopped(t, signal)!;
    const value = parseJson(text);
    if (value === undefined) throw new LiftDataError('unavailable', `The server's answer to ${method} ${where} is not JSON.`);
    return value as T;
  }
}

