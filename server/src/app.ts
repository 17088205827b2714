/**
 * The reference server's HTTP API (see server/API.md and server/openapi.json): the adapter
 * contract over JSON, each request run by the same rule engine the browser adapters use
 * (StoreAdapter) on PostgreSQL, acting for the user the request's token names.
 */
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import { OVERVIEW_TEXT_LIMIT, type DataChange } from '../../src/data/contract/adapter.js';
import { LiftDataError, type LiftErrorCode } from '../../src/data/contract/errors.js';
import {
  CHECKLIST_MODES,
  CONTACT_FIELDS,
  RELATION_KINDS,
  RIGHTS,
  TIMELINE_KINDS,
  WORK_KINDS,
  type ContactDetails,
  type Role,
  type User,
} from '../../src/data/contract/model.js';
import { LIMITS } from '../../src/data/contract/validation.js';
import { roleOf } from '../../src/data/engine/roles.js';
import { StoreAdapter } from '../../src/data/engine/store-adapter.js';
import type { StoreTransaction } from '../../src/data/engine/store.js';
import { authenticate, dropSpace, migrate, setUpSpace, spaceExists, userById, type SignedIn, type SpaceSetup } from './db.js';
import { ClientIds } from './client-ids.js';
import { ChangeFeed, logChanges, type FeedRow } from './feed.js';
import { jwtVerifier, looksLikeJwt, type JwtOptions } from './jwt.js';
import { DISK_FULL, PgBackend, isConnectionError, type PgTransaction } from './pg-backend.js';
import { RepeatedRequest, changesHeader, claimOf, claimRequest, createdAnswer, etagOf, findAnswer, type RequestClaim, type StoredAnswer } from './replay.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A long-lived answer (the change feed): no deadline, not counted as a running request. */
    stream?: boolean;
  }
}

export interface ServerOptions {
  pool: pg.Pool;
  feed: ChangeFeed;
  /** The schema of the server's own data. */
  schema: string;
  /** Origins allowed to call the API from a browser (`*` for any); default none. */
  corsOrigins?: readonly string[] | '*';
  /** Largest request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Longest a request may take to arrive, head and body, in ms (default 30 s); 0 for none. */
  requestTimeoutMs?: number;
  /** A connection with nothing read or written for this long is closed, in ms (default 60 s). */
  connectionTimeoutMs?: number;
  /** Open connections at most (default 512); more are closed as they come. */
  maxConnections?: number;
  /** A request still running this long after it arrived is stopped and answered 503, in ms (default 20 s). */
  requestDeadlineMs?: number;
  /** Requests one user may have running at once (default 32); more get 429. Change streams are not counted. */
  userConcurrency?: number;
  /** Change streams one user may hold open at once (default 16); more get 429. */
  userStreams?: number;
  /**
   * An open change stream checks this often that its credential still holds (not revoked, not
   * expired), and ends when it does not, in ms (default 30 s).
   */
  streamRecheckMs?: number;
  /** Also accept JWTs signed by the host's identity provider, verified with these settings. */
  jwt?: JwtOptions;
  /** Serve `/_test/spaces` and `/spaces/{space}/…` (one schema per test). Never in production. */
  testSpaces?: boolean;
  /** What a caller of `/_test/…` must send as `Lift-Test-Secret` (from loopback); required with `testSpaces`. */
  testSecret?: string;
  logger?: boolean;
}

/** The rule engine acting for one request's user, logging its changes for the feed. */
class RequestAdapter extends StoreAdapter {
  /** The request's Lift-Client when the server gave it to this user; else null (nobody's own). */
  readonly #client: Promise<string | null>;
  readonly #request: string | null;
  readonly changes: DataChange[] = [];
  readonly roles: readonly Role[];
  /** A create's (user, Lift-Request id): claimed in the create's transaction so a repeat is answered, not run. */
  readonly claim: RequestClaim | undefined;

  constructor(backend: PgBackend, user: User, roles: readonly Role[], client: Promise<string | null>, request: string | null, claim?: RequestClaim) {
    super(backend, { user, roles });
    this.roles = roles;
    this.#client = client;
    this.#request = request;
    this.claim = claim;
    this.subscribe((change) => {
      if ('resource' in change) this.changes.push(change);
    });
  }

  protected override async beforeCommit(tx: StoreTransaction, changes: readonly DataChange[], value: unknown): Promise<void> {
    // A create's answer is kept with the record it made, in one commit.
    if (this.claim && changes.length) await claimRequest(tx as PgTransaction, this.claim, createdAnswer(value, changes));
    await logChanges(tx as PgTransaction, changes, this.session.currentUser().id, await this.#client, this.#request);
  }
}

/**
 * Whether `value` is, or holds anywhere inside it (values and field names), text PostgreSQL
 * cannot hold: U+0000, or half of a UTF-16 surrogate pair (text cut mid-emoji), which `jsonb`
 * refuses, so a record holding one could never be changed again. Walked without recursion: a
 * body nested thousands deep is read to its end, not into a stack overflow.
 */
function unstorable(value: unknown): boolean {
  const waiting = [value];
  while (waiting.length) {
    const next = waiting.pop();
    // With the u flag a whole pair is one character; only a half is in the surrogate category.
    if (typeof next === 'string' && /\u0000|\p{Cs}/u.test(next)) return true;
    // The names of an object's fields are text too (a map of statuses, say).
    if (typeof next === 'object' && next !== null) for (const [name, inner] of Object.entries(next)) waiting.push(name, inner);
  }
  return false;
}

/** An answer that is not one of the adapter's errors (a missing precondition, a missing token). */
class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: LiftErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

const STATUS: Record<LiftErrorCode, number> = {
  'not-found': 404,
  conflict: 412,
  validation: 400,
  permission: 403,
  quota: 507,
  unavailable: 503,
  aborted: 499,
  'version-change': 503,
};

// ------------------------------------------------------------------ JSON schemas

const text = { type: 'string' } as const;
const ID_LENGTH = 200;
const id = { type: 'string', minLength: 1, maxLength: ID_LENGTH } as const;
const contactFields = Object.fromEntries(CONTACT_FIELDS.map((field) => [field, text]));
const record = (required: string[], properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, required, properties });
const queryString = (properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, properties });
const flag = { type: 'string', enum: ['true', 'false'] } as const;
/**
 * The longest page cursor the server hands out, so that it takes every one back. A cursor is
 * the page's last index key as JSON, percent-encoded, in base64 (encodeCursor in
 * src/data/engine/store.ts). The longest key is a relation's: its folded name and its id.
 * - A name holds LIMITS.relationName UTF-16 units. Folding decomposes a Korean syllable (one
 *   unit) into three letters of three UTF-8 bytes each: 27 characters percent-encoded, the most
 *   of any character (a Chinese one takes 9, an emoji 12 for its two units).
 * - The id is a UUID the server made, but is counted as ID_LENGTH characters of four UTF-8
 *   bytes (12 percent-encoded), the most the id schema lets in, so no id's shape is relied on.
 * - The JSON around them (`["`, `","`, `"]`) takes 21 characters percent-encoded.
 * Base64 makes 4 characters of every 3. The other lists' keys (contacts, work, the overview:
 * two ids and a time) stay far below that.
 */
const CURSOR_LENGTH = 4 * Math.ceil((LIMITS.relationName * 27 + ID_LENGTH * 12 + 21) / 3);
const paging = {
  limit: { type: 'string', pattern: '^[0-9]{1,9}$', description: 'Page size: digits only, at most nine, at least 1 (default 50); above 500 counts as 500.' },
  cursor: { type: 'string', maxLength: CURSOR_LENGTH, description: "The previous page's `next`." },
};
const kindList = { type: 'string', pattern: `^(${TIMELINE_KINDS.join('|')})(,(${TIMELINE_KINDS.join('|')}))*$`, description: 'Kinds, comma-separated.' };
/** Path parameters; not closed, since the test prefix `/spaces/{space}` adds one. */
const params = (required: string[], properties: Record<string, unknown>) => ({ type: 'object', required, properties });
const idParams = params(['id'], { id });
const anything = { type: 'object', additionalProperties: true } as const;
/** A document's text as the user edited it: both parts, or none (the template filled here). */
const documentText = (body: Record<string, unknown>) =>
  body.subject !== undefined || body.body !== undefined ? { subject: body.subject as string, body: (body.body ?? '') as string } : undefined;
const page = { type: 'object', required: ['items'], properties: { items: { type: 'array', items: anything }, next: text } } as const;
const errorBody = {
  $id: 'LiftError',
  type: 'object',
  description: 'Every failure: `code` is stable, `message` is for people.',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', enum: ['not-found', 'conflict', 'validation', 'permission', 'quota', 'unavailable'] },
    message: text,
    fields: { type: 'object', description: 'Field → reason (`required`, `type`, `too-long`, `unknown-field`, `unknown`, `invalid`, …).', additionalProperties: text },
    current: { type: 'object', description: 'With 412: the record as it is now.', additionalProperties: true },
  },
} as const;
const error = (description: string) => ({ description, $ref: 'LiftError#' });
const commonErrors = {
  400: error('Not valid: `fields` names what and why'),
  401: error('No token, or one this server does not know'),
  429: error('The user has too many requests running at once; Retry-After says when to try again'),
  403: error("The token's user lacks the right"),
  404: error('No such record'),
  413: error('The body is over 1 MiB (a request that sends one); `fields.body` is `too-large`'),
  500: error('An unexpected failure, logged by the server; treat it as unavailable'),
  503: error('The database cannot be reached; a read may be retried'),
  507: error('The database has no room left for a write'),
};
const preconditionErrors = {
  ...commonErrors,
  412: error('The record is not at the version in If-Match; `current` holds it now'),
  428: error('If-Match is missing'),
};
/** Response documentation: the success and the failures a call (with `versioned`, a write needing If-Match) can meet. */
const reply = (status: number, body: unknown, versioned = false) => ({ response: { [status]: body, ...(versioned ? preconditionErrors : commonErrors) } });
const clientHeaders = {
  'lift-client': { type: 'string', maxLength: 100, description: "The calling adapter instance's id, as GET /session gave it to the caller: the change feed tags its changes with it (an id not given to the caller is ignored)." },
  'lift-request': { type: 'string', maxLength: 100, description: "One write's id: the change feed tags that write's changes with it." },
};
const ifMatch = {
  type: 'object',
  properties: {
    'if-match': { type: 'string', description: 'The version you loaded as a strong ETag ("3"), or * for any version.' },
    'if-none-match': { type: 'string', description: 'Only on checklist states: * when the contact has no state for the item yet.' },
  },
};

// ------------------------------------------------------------------ helpers

function bearer(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match) throw new HttpProblem(401, 'permission', 'Sign in first: send Authorization: Bearer <token>.');
  return match[1]!;
}

/** The version `If-Match` names; undefined for `*`; 0 for `If-None-Match: *` where creating is allowed. */
function precondition(request: FastifyRequest, options: { create?: boolean; optional?: boolean } = {}): number | undefined {
  const ifNoneMatch = request.headers['if-none-match'];
  if (options.create && typeof ifNoneMatch === 'string' && ifNoneMatch.trim() === '*') return 0;
  const ifMatch = request.headers['if-match'];
  if (typeof ifMatch !== 'string') {
    if (options.optional) return undefined;
    throw new HttpProblem(428, 'conflict', 'This write needs If-Match with the version you loaded (or If-Match: *).');
  }
  if (ifMatch.trim() === '*') return undefined;
  // W/"3" too: versions are exact either way, and a compressing proxy may have weakened the ETag.
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(ifMatch);
  if (!match) throw new HttpProblem(400, 'validation', 'If-Match must be one ETag such as "3", or *.', { 'if-match': 'type' });
  return Number(match[1]);
}

/** A URL for the log: the query's parameter names stay, their values become `*`. */
export function redactQuery(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const names = url
    .slice(at + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0]!.slice(0, 40)}=*`);
  return `${url.slice(0, at)}?${names.join('&')}`;
}

/**
 * A query string as the adapter's list options: flags as booleans, `limit` as a number, `kinds`
 * as a list; an empty filter is no filter. The route's schema has already refused anything else.
 */
function listOptions(query: Record<string, string>): never {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (key === 'limit') options.limit = Number(value);
    else if (key === 'includeArchived' || key === 'includeDeleted') options[key] = value === 'true';
    else if (key === 'kinds') options.kinds = value.split(',');
    else if (value !== '' || key === 'text') options[key] = value;
  }
  return options as never;
}

interface SchemaIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  /** With ajv's `verbose`: the object that failed and the schema it failed. */
  data?: unknown;
  parentSchema?: { properties?: Record<string, unknown> };
}

/** Most unknown fields named in one answer. */
const MAX_UNKNOWN_NAMED = 20;

/** Whether a body schema is a contact's details (a contact's create or save, a copy's details). */
const isContactDetails = (properties: Record<string, unknown> | undefined) => !!properties && CONTACT_FIELDS.every((field) => Object.hasOwn(properties, field));

/**
 * The reason a schema failure is answered with: the one the rule engine gives for that input,
 * so a client hears the same word from this server as from an embedded adapter.
 * - A missing value is `required`, as an empty id (minLength) is.
 * - A value outside its list (a kind, a direction) is `type` in a body; in a query string (a
 *   list's filter, which the engine does not check) it stays `invalid`.
 * - A page limit or a list of kinds not in its pattern is `type`, as the engine says of a limit
 *   that is not a whole number of at least 1 and of kinds it does not know.
 * - Too many items in a list is `too-long`, as too long a text is.
 * - An unknown field of a contact's details is `unknown-field`, as the contact rules say; one of
 *   another body stays `unknown` (the engine ignores it).
 */
function schemaReason(issue: SchemaIssue, context: string | undefined): string {
  const properties = issue.parentSchema?.properties;
  switch (issue.keyword) {
    case 'required':
    case 'minLength':
      return 'required';
    case 'additionalProperties':
      return isContactDetails(properties) ? 'unknown-field' : 'unknown';
    case 'enum':
      return context === 'body' ? 'type' : 'invalid';
    case 'pattern':
      return context === 'querystring' ? 'type' : 'invalid';
    case 'maxLength':
    case 'maxItems':
      return 'too-long';
    case 'type':
      return 'type';
    default:
      return 'invalid';
  }
}

/**
 * The field a schema failure names, as the engine names it: a list's item by the list (a
 * preference's button names), a copy's details by the contact field (`email`, not
 * `details.email`).
 */
function schemaField(issue: SchemaIssue, context: string | undefined): string {
  if (issue.keyword === 'required') return String(issue.params.missingProperty);
  if (issue.keyword === 'additionalProperties') return String(issue.params.additionalProperty);
  const path = issue.instancePath.split('/').slice(1);
  if (context === 'body' && path[0] === 'details' && path.length > 1) path.shift();
  return path[0] || context || 'body';
}

/**
 * Field → reason from a schema failure, in the words the adapter uses. Validation stops at the
 * first error; an unknown field brings the object's other unknown fields along (a few at most).
 */
function schemaFields(error: { validation?: SchemaIssue[]; validationContext?: string }) {
  const fields: Record<string, string> = {};
  const context = error.validationContext;
  for (const issue of error.validation ?? []) {
    const reason = schemaReason(issue, context);
    if (issue.keyword === 'additionalProperties' && issue.data && typeof issue.data === 'object' && issue.parentSchema?.properties) {
      const known = issue.parentSchema.properties;
      for (const name of Object.keys(issue.data).filter((key) => !Object.hasOwn(known, key)).slice(0, MAX_UNKNOWN_NAMED)) fields[name] = reason;
    }
    fields[schemaField(issue, context)] = reason;
  }
  return fields;
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { pool, feed } = options;
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const connectionTimeout = options.connectionTimeoutMs ?? 60_000;
  const app = Fastify({
    logger: options.logger
      ? {
          serializers: {
            // Query strings carry search text (names, addresses): personal data stays out of the log.
            req: (request: { method: string; url: string; ip?: string }) => ({ method: request.method, url: redactQuery(request.url), remoteAddress: request.ip }),
          },
        }
      : false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // Answered below, as every other refusal is (Fastify's own answer has no code nor CORS headers).
    return503OnClosing: false,
    // A client that sends its request slowly (or not at all) must not hold a connection for good.
    requestTimeout,
    connectionTimeout,
    // Node announces this in `Keep-Alive: timeout=…`, and clients reuse an idle connection until
    // then. Announced longer than the connection timeout, a client reuses a connection the server
    // is closing and gets a reset, so an idle connection is kept no longer than that timeout.
    keepAliveTimeout: connectionTimeout > 0 ? Math.min(72_000, connectionTimeout) : 72_000,
    http: {
      ...(requestTimeout > 0 ? { headersTimeout: Math.min(requestTimeout, 20_000) } : {}),
      // Node checks the request timeouts this often (its default is 30 s, longer than a short timeout).
      connectionsCheckingInterval: requestTimeout > 0 ? Math.min(5000, Math.max(100, Math.floor(requestTimeout / 4))) : 30_000,
    },
    // Wrong types are errors, not something to coerce; unknown fields are refused, not dropped.
    // Validation stops at the first error: a body of many wrong items costs one check's answer,
    // not a list as long as the body. (`verbose` keeps a reference to the failing object, so the
    // answer can name every unknown field of it.)
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false, verbose: true } },
    // A path segment longer than this is refused by the router before any route: room for the
    // longest id (percent-encoded it is longer, but counted decoded), which the route's schema checks.
    maxParamLength: 2 * ID_LENGTH,
    // A URL the router cannot read (bad percent-encoding, a segment over the length above):
    // answered 400 in the API's error shape, not Fastify's own. These answers pass no hook, so
    // the CORS headers are set here: without them a page's fetch fails as if the server were away.
    frameworkErrors: (error, request, answer: FastifyReply) => {
      const origin = request.headers.origin;
      if (origin && (options.corsOrigins === '*' || options.corsOrigins?.includes(origin))) answer.header('access-control-allow-origin', origin).header('vary', 'Origin');
      return answer.code(400).send({ code: 'validation', message: `The request's address is not valid: ${error.message}`, fields: { url: 'invalid' } });
    },
  });
  // Beyond this many open connections, new ones are closed as they come: a flood of idle
  // connections cannot use up the process's file descriptors.
  app.server.maxConnections = options.maxConnections ?? 512;
  // Node's socket timeout (the connection timeout above) counts any silence on the socket, also
  // while the server itself works on a request: a slow answer (a busy machine, a query waiting for
  // a lock) would be cut off with a reset. From a request's head until its answer starts, the
  // client is not the one keeping quiet: its body is bounded by the request timeout, the work by
  // the request deadline. The answer is written under the connection timeout again (below), so a
  // client that stops reading it is still let go.
  if (connectionTimeout > 0) {
    app.addHook('onRequest', async (request) => {
      request.raw.socket?.setTimeout(0);
    });
  }
  app.addHook('onSend', async (request, answer) => {
    if (connectionTimeout > 0) request.raw.socket?.setTimeout(connectionTimeout);
    // An answer sent before the request's body was read (a refusal: no or an unknown token, too
    // many requests, a body over the limit, the test endpoints' 403) ends the connection and says
    // so (Connection: close). The server does not read the rest, and a client that sent its next
    // request on that socket would have it reset under it. The flag is on the response itself,
    // so an error answer whose headers are set anew keeps it.
    if (!request.raw.complete) answer.raw.shouldKeepAlive = false;
  });
  // Response schemas document the API; answers are sent as they are.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  await app.register(cors, {
    origin: options.corsOrigins === '*' ? true : [...(options.corsOrigins ?? [])],
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: [
      'authorization',
      'content-type',
      'if-match',
      'if-none-match',
      'last-event-id',
      'lift-client',
      'lift-request',
      ...(options.testSpaces ? ['lift-test-secret'] : []),
    ],
    // Retry-After is not one a page's script may read unless named here (429, and some 503s).
    exposedHeaders: ['etag', 'lift-changes', 'retry-after'],
    maxAge: 600,
  });
  // A request that arrives while the server shuts down (on a connection a client kept open) is
  // refused with a code and CORS headers a page can read, so the client tries again shortly.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, answer) => {
    if (!closing) return;
    answer.header('retry-after', '1');
    answer.raw.shouldKeepAlive = false;
    throw new HttpProblem(503, 'unavailable', 'The server is shutting down; try again shortly.');
  });
  await app.register(swagger, {
    // Shared schemas appear in components under their own $id (LiftError), not def-0.
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `schema${i}`) },
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'LIFT contact card API',
        version: '1.0.0',
        description: 'What HttpAdapter speaks. Versions are strong ETags; writes to existing records need If-Match. See server/API.md.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });

  app.addSchema(errorBody);
  app.setErrorHandler((error: Error & Record<string, unknown>, request, answer) => {
    if (error instanceof HttpProblem) {
      return answer.code(error.status).send({ code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) });
    }
    if (LiftDataError.is(error)) {
      const status = STATUS[error.code];
      return answer.code(status).send({
        code: error.code,
        message: error.message,
        ...(error.fields ? { fields: error.fields } : {}),
        ...(error.current !== undefined ? { current: error.current } : {}),
      });
    }
    if (error.validation) {
      const fields = schemaFields(error as never);
      const list = Object.entries(fields).map(([field, reason]) => `${field} (${reason})`).join(', ');
      return answer.code(400).send({ code: 'validation', message: `The request is not valid: ${list}.`, fields });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return answer.code(413).send({ code: 'validation', message: 'The request body is too large.', fields: { body: 'too-large' } });
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      return answer.code(400).send({ code: 'validation', message: `The request could not be read: ${error.message}`, fields: { body: 'invalid' } });
    }
    // Text PostgreSQL cannot hold (U+0000) in a value or an id: the request's fault, not the server's.
    if (error.code === '22021' || error.code === '22P05') {
      return answer.code(400).send({ code: 'validation', message: 'The request holds a character that cannot be stored (such as U+0000).' });
    }
    if (isConnectionError(error)) return answer.code(503).send({ code: 'unavailable', message: 'The database cannot be reached.' });
    if (error.code === DISK_FULL) return answer.code(507).send({ code: 'quota', message: 'The database has no room left for this write.' });
    request.log.error(error);
    return answer.code(500).send({ code: 'unavailable', message: 'The server failed to answer.' });
  });
  app.setNotFoundHandler((request, answer) => answer.code(404).send({ code: 'not-found', message: `There is no ${request.method} ${request.url}.` }));

  const knownSpaces = new Set<string>();
  const clientIds = new ClientIds(pool);

  async function schemaOf(request: FastifyRequest): Promise<string> {
    const space = (request.params as { space?: string }).space;
    if (space === undefined) return options.schema;
    if (!options.testSpaces || !/^t_[a-z0-9]{6,40}$/.test(space)) throw new HttpProblem(404, 'not-found', 'There is no such space.');
    if (!knownSpaces.has(space)) {
      if (!(await spaceExists(pool, space))) throw new HttpProblem(404, 'not-found', 'There is no such space.');
      knownSpaces.add(space);
    }
    return space;
  }

  /**
   * Who each request acts for, in which space, and the signal that stops its database work:
   * found by {@link signIn} before the body is read.
   */
  const signedIn = new WeakMap<FastifyRequest, SignedIn & { schema: string; signal: AbortSignal; stillValid: () => Promise<boolean>; startDeadline: () => void }>();
  const verifyJwt = options.jwt ? jwtVerifier(options.jwt) : undefined;
  /** Who a bearer credential names: a signed JWT when configured, else one of the space's tokens. */
  const identify = async (schema: string, token: string): Promise<SignedIn | undefined> => {
    if (verifyJwt && looksLikeJwt(token)) {
      const identity = await verifyJwt(token);
      return identity && (await userById(pool, schema, identity.userId, identity.expiresAt));
    }
    return authenticate(pool, schema, token);
  };
  const deadlineMs = options.requestDeadlineMs ?? 20_000;
  const userConcurrency = options.userConcurrency ?? 32;
  /** Requests running per space and user. */
  const running = new Map<string, number>();

  /**
   * The `onRequest` hook of every API route: a request without a known token is refused here,
   * before its body is read, parsed or validated, so an anonymous caller costs one lookup. Each
   * request gets a signal that aborts when its client goes away or its deadline passes, which
   * cancels its statement in PostgreSQL; one user's requests running at once are capped. The
   * deadline counts from when the body has arrived (`startDeadline`): a slow link sending a long
   * note is bounded by the request timeout, not stopped as slow work.
   */
  async function signIn(request: FastifyRequest, answer: FastifyReply): Promise<void> {
    const stream = request.routeOptions.config?.stream === true;
    const controller = new AbortController();
    let deadline: ReturnType<typeof setTimeout> | undefined;
    const startDeadline = () => {
      if (stream || closed || deadline) return;
      deadline = setTimeout(() => controller.abort(new LiftDataError('unavailable', `The request took longer than ${deadlineMs} ms; try again.`)), deadlineMs);
    };
    let release: (() => void) | undefined;
    let closed = false;
    answer.raw.once('close', () => {
      closed = true;
      clearTimeout(deadline);
      release?.();
      if (!answer.raw.writableFinished) controller.abort(new LiftDataError('aborted', 'The client went away.'));
    });
    const token = bearer(request);
    const schema = await schemaOf(request);
    let who;
    try {
      who = await identify(schema, token);
    } catch (error) {
      if (isConnectionError(error)) throw new LiftDataError('unavailable', 'The database cannot be reached.', { cause: error });
      throw error;
    }
    if (!who) throw new HttpProblem(401, 'permission', 'That token is not known here.');
    if (!stream) {
      const key = `${schema}\u0000${who.user.id}`;
      const count = running.get(key) ?? 0;
      if (count >= userConcurrency) {
        answer.header('retry-after', '1');
        throw new HttpProblem(429, 'unavailable', `Too many requests at once (${userConcurrency} are running for you); try again shortly.`);
      }
      running.set(key, count + 1);
      release = () => {
        release = undefined;
        const left = (running.get(key) ?? 1) - 1;
        if (left > 0) running.set(key, left);
        else running.delete(key);
      };
      // The answer may already have gone (the client left during the lookup).
      if (closed) release();
    }
    const userId = who.user.id;
    const rights = rightsOf(who);
    // A stream sends what its user may read when it opened: it ends when the rights change too,
    // and the client reconnects under the new ones.
    const stillValid = async () => {
      if (who.expiresAt !== undefined && who.expiresAt <= Date.now()) return false;
      const now = await identify(schema, token);
      return now?.user.id === userId && rightsOf(now) === rights;
    };
    signedIn.set(request, { schema, ...who, signal: controller.signal, stillValid, startDeadline });
  }

  /** The rights of the signed-in user's role, as one comparable text. */
  const rightsOf = ({ roles, user }: SignedIn) => [...roleOf(roles, user).rights].sort().join(' ');

  function whoIs(request: FastifyRequest) {
    const who = signedIn.get(request);
    if (!who) throw new HttpProblem(401, 'permission', 'Sign in first: send Authorization: Bearer <token>.');
    return who;
  }

  function adapterFor(request: FastifyRequest): RequestAdapter {
    const who = whoIs(request);
    const { schema } = who;
    const header = (name: string) => {
      const value = request.headers[name];
      return typeof value === 'string' && value.length <= 100 ? value : null;
    };
    const requestId = header('lift-request');
    // Creates (every POST of the API) sent with a request id are answered once per id.
    const claim = request.method === 'POST' && requestId ? claimOf(who.user.id, requestId, `POST ${request.url.split('?')[0]}`, request.body) : undefined;
    const client = clientIds.verify(schema, who.user.id, header('lift-client')).catch(() => null);
    return new RequestAdapter(new PgBackend(pool, schema, { signal: who.signal }), who.user, who.roles, client, requestId, claim);
  }

  /**
   * Answers a repeated create with the first one's answer; waits a moment when the first has
   * committed but not yet stored it. The same id with another route or body is refused.
   */
  async function replay(request: FastifyRequest, answer: FastifyReply, claim: RequestClaim, found?: StoredAnswer): Promise<FastifyReply> {
    const { schema } = whoIs(request);
    const until = Date.now() + 3000;
    for (;;) {
      found ??= await findAnswer(pool, schema, claim.userId, claim.request);
      if (found && (found.route !== claim.route || found.bodyHash !== claim.bodyHash)) {
        throw new HttpProblem(400, 'validation', 'This Lift-Request id was used for another request; send a new id with each new write.', { 'lift-request': 'reused' });
      }
      if (found?.status != null) {
        if (found.etag) answer.header('etag', found.etag);
        if (found.changes) answer.header('lift-changes', found.changes);
        return answer.code(found.status).send(found.body);
      }
      if (Date.now() > until) {
        answer.header('retry-after', '1');
        throw new HttpProblem(503, 'unavailable', 'This request was made before and its answer is not ready yet; try again.');
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      found = undefined;
    }
  }

  /** The longest answer `/timeline/all` gives, in characters of JSON: no one read holds a long history. */
const EXPORT_CHARACTERS = 10_000_000;

/** A contact's whole history read page by page, refused with `validation` once it passes {@link EXPORT_CHARACTERS}. */
async function boundedHistory(adapter: StoreAdapter, contactId: string): Promise<unknown[]> {
  const entries: unknown[] = [];
  let characters = 0;
  let cursor: string | undefined;
  do {
    const page = await adapter.timeline.list(contactId, { limit: 500, ...(cursor ? { cursor } : {}) });
    for (const entry of page.items) characters += JSON.stringify(entry).length;
    if (characters > EXPORT_CHARACTERS) {
      throw new HttpProblem(400, 'validation', 'This overview is too long to read in one answer: read it page by page (GET /contacts/{id}/timeline) or search it (GET /contacts/{id}/overview).');
    }
    entries.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return entries;
}

/** The version a contact write expects: If-Match's, or the stored one for `If-Match: *`. */
  async function contactVersion(adapter: RequestAdapter, request: FastifyRequest<{ Params: Record<string, string> }>): Promise<number> {
    return precondition(request) ?? (await adapter.contacts.get(request.params.id!)).version;
  }

  /** Sends what a handler answered, with the record's ETag and the changes the write made. */
  async function answerWith(answer: FastifyReply, adapter: RequestAdapter, body: unknown, status = 200, etagFrom?: unknown) {
    // The same headers a create's kept answer has (createdAnswer), so a repeat reads the same.
    const etag = etagOf((etagFrom ?? body) as { version?: unknown } | undefined);
    if (etag) answer.header('etag', etag);
    const changes = changesHeader(adapter.changes);
    if (changes) answer.header('lift-changes', changes);
    return answer.code(status).send(body);
  }

  async function routes(api: FastifyInstance, hide: boolean) {
    /** Every route: its summary, and the headers any request may carry beside its own. */
    const doc = (summary: string, tags: string[], extra: Record<string, unknown>) => {
      const own = (extra.headers as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
      return { summary, tags, hide, ...extra, headers: { type: 'object', properties: { ...clientHeaders, ...own } } };
    };
    type Req = FastifyRequest<{ Params: Record<string, string>; Querystring: Record<string, string>; Body: Record<string, unknown> }>;
    const handle =
      (work: (adapter: RequestAdapter, request: Req, answer: FastifyReply) => Promise<unknown>) =>
      async (request: Req, answer: FastifyReply) => {
        const adapter = adapterFor(request);
        const claim = adapter.claim;
        if (!claim) return work(adapter, request, answer);
        const earlier = await findAnswer(pool, whoIs(request).schema, claim.userId, claim.request);
        if (earlier) return replay(request, answer, claim, earlier);
        try {
          return await work(adapter, request, answer);
        } catch (error) {
          // A copy of this request committed first (it held the claim while we waited for it).
          if (error instanceof RepeatedRequest) return replay(request, answer, claim);
          // Or it committed while this one ran, and this one failed for what it changed (a copy
          // that archived the original finds it archived at another version): its answer stands.
          const meanwhile = await findAnswer(pool, whoIs(request).schema, claim.userId, claim.request).catch(() => undefined);
          if (meanwhile) return replay(request, answer, claim, meanwhile);
          throw error;
        }
      };

    api.addHook('onRequest', signIn);
    api.addHook('preHandler', async (request) => signedIn.get(request)?.startDeadline());
    // PostgreSQL's text holds no U+0000. Refused whole, before anything is written: let through
    // in a field no index reads, it would be stored, and every later change of that field fails
    // (its change entry's search text cannot hold it), the change that would remove it too.
    // The query's and the path's parameters are named the same way (a search for "eva%00").
    api.addHook('preValidation', async (request) => {
      const named = (value: unknown) => (typeof value === 'object' && value !== null ? Object.entries(value) : []);
      const field = [...named(request.params), ...named(request.query), ...named(request.body)].find(([, value]) => unstorable(value))?.[0];
      if (field !== undefined) {
        throw new HttpProblem(400, 'validation', `The field ${field} holds a character that cannot be stored (U+0000, or half of a surrogate pair).`, { [field]: 'type' });
      }
    });

    // ---------------------------------------------------------------- session
    api.get('/session', { schema: doc('Who the token acts for, the roles, and the optional groups served', ['session'], reply(200, anything)) },
      handle(async (adapter, request, answer) =>
        answer.send({
          user: adapter.session.currentUser(),
          role: adapter.session.role(),
          roles: adapter.roles,
          capabilities: [...adapter.capabilities],
          // Where the change feed stands: a client that opens /events later resumes from here.
          feedPosition: (await feed.newestId(whoIs(request).schema)).toString(),
          // This adapter instance's Lift-Client, bound to the user: the feed marks a change as
          // the instance's own only when it was written with it.
          clientId: await clientIds.issue(whoIs(request).schema, adapter.session.currentUser().id),
        }),
      ),
    );
    api.get('/users', { schema: doc('Users of this server', ['session'], reply(200, { type: 'array', items: anything })) },
      handle(async (adapter, _request, answer) => answer.send(await adapter.session.users())),
    );

    // ---------------------------------------------------------------- contacts
    api.get('/contacts', {
      schema: doc('Contacts, newest-modified first', ['contacts'], {
        // Empty is no filter (listOptions), as in the embedded adapters: HttpAdapter sends relationId '' as `relationId=`.
        querystring: queryString({ relationId: { type: 'string', maxLength: ID_LENGTH, description: 'Only contacts of this relation; empty: all.' }, text: { type: 'string', maxLength: LIMITS.search }, includeArchived: flag, ...paging }),
        ...reply(200, page),
      }),
    }, handle(async (adapter, { query }, answer) =>
      answerWith(answer, adapter, await adapter.contacts.list(listOptions(query))),
    ));
    api.get('/contacts/:id', { schema: doc('One contact (ETag: its version)', ['contacts'], { params: idParams, ...reply(200, anything) }) },
      handle(async (adapter, { params }, answer) => answerWith(answer, adapter, await adapter.contacts.get(params.id!))),
    );
    api.post('/contacts', {
      schema: doc('Creates a contact', ['contacts'], { body: record(['relationId'], { relationId: id, ...contactFields }), ...reply(201, anything) }),
    }, handle(async (adapter, { body }, answer) => answerWith(answer, adapter, await adapter.contacts.create(body as never), 201)));
    api.patch('/contacts/:id', {
      schema: doc('Saves changed fields (If-Match required)', ['contacts'], { params: idParams, headers: ifMatch, body: record([], contactFields), ...reply(200, anything, true) }),
    }, handle(async (adapter, request, answer) =>
      answerWith(answer, adapter, await adapter.contacts.update(request.params.id!, await contactVersion(adapter, request), request.body as never)),
    ));
    api.put('/contacts/:id/archived', {
      schema: doc('Archives or unarchives (If-Match required)', ['contacts'], {
        params: idParams,
        headers: ifMatch,
        body: record(['archived'], { archived: { type: 'boolean' } }),
        ...reply(200, anything, true),
      }),
    }, handle(async (adapter, request, answer) =>
      answerWith(answer, adapter, await adapter.contacts.setArchived(request.params.id!, await contactVersion(adapter, request), request.body.archived as boolean)),
    ));
    api.post('/contacts/:id/copy', {
      schema: doc('Copies the personal details to another relation (If-Match required when archiving the original)', ['contacts'], {
        params: idParams,
        headers: ifMatch,
        body: record(['relationId'], { relationId: id, archiveOriginal: { type: 'boolean' }, details: record([], contactFields) }),
        ...reply(201, { type: 'object', properties: { copy: anything, original: anything } }, true),
      }),
    }, handle(async (adapter, request, answer) => {
      const archiveOriginal = request.body.archiveOriginal === true;
      const version = precondition(request, { optional: !archiveOriginal });
      const result = await adapter.contacts.copy(request.params.id!, {
        relationId: request.body.relationId as string,
        archiveOriginal,
        ...(request.body.details ? { details: request.body.details as Partial<ContactDetails> } : {}),
        ...(version !== undefined ? { expectedVersion: version } : {}),
      });
      return answerWith(answer, adapter, result, 201, result.copy);
    }));

    // ---------------------------------------------------------------- relations
    api.get('/relations', {
      schema: doc('Relations by name', ['relations'], {
        // Empty is no filter (listOptions), as in the embedded adapters.
        querystring: queryString({ kind: { type: 'string', enum: ['', ...RELATION_KINDS], description: 'Only relations of this kind; empty: all.' }, text: { type: 'string', maxLength: LIMITS.search }, includeArchived: flag, ...paging }),
        ...reply(200, page),
      }),
    }, handle(async (adapter, { query }, answer) =>
      answerWith(answer, adapter, await adapter.relations.list(listOptions(query))),
    ));
    api.get('/relations/:id', { schema: doc('One relation', ['relations'], { params: idParams, ...reply(200, anything) }) },
      handle(async (adapter, { params }, answer) => answerWith(answer, adapter, await adapter.relations.get(params.id!))),
    );
    api.post('/relations', {
      schema: doc('Creates a relation', ['relations'], { body: record(['kind', 'name'], { kind: { type: 'string', enum: [...RELATION_KINDS] }, name: text }), ...reply(201, anything) }),
    }, handle(async (adapter, { body }, answer) => answerWith(answer, adapter, await adapter.relations.create(body as never), 201)));

    // ---------------------------------------------------------------- timeline
    api.get('/contacts/:id/timeline', {
      schema: doc('One page of the overview, newest first', ['timeline'], {
        params: idParams,
        querystring: queryString({ kinds: kindList, ...paging }),
        ...reply(200, page),
      }),
    }, handle(async (adapter, { params, query }, answer) =>
      answerWith(answer, adapter, await adapter.timeline.list(params.id!, listOptions(query))),
    ));
    api.get('/contacts/:id/overview', {
      schema: doc('The overview searched, filtered and counted: one page, newest first, with the total and the counts per kind', ['timeline'], {
        params: idParams,
        querystring: queryString({
          text: { type: 'string', maxLength: OVERVIEW_TEXT_LIMIT, description: 'Words that must all occur (case- and accent-insensitive).' },
          kinds: kindList,
          from: { type: 'string', maxLength: 40, description: 'Entries at or after this instant (ISO 8601).' },
          to: { type: 'string', maxLength: 40, description: 'Entries before this instant (ISO 8601).' },
          ...paging,
        }),
        ...reply(200, {
          type: 'object',
          required: ['items', 'total', 'counts'],
          properties: {
            items: { type: 'array', items: anything },
            next: text,
            total: { type: 'integer' },
            counts: { type: 'object', properties: Object.fromEntries(TIMELINE_KINDS.map((kind) => [kind, { type: 'integer' }])) },
          },
        }),
      }),
    }, handle(async (adapter, { params, query }, answer) =>
      answerWith(answer, adapter, await adapter.timeline.query(params.id!, listOptions(query))),
    ));
    api.get('/contacts/:id/timeline/all', {
      schema: doc(`The whole overview, newest first, up to ${EXPORT_CHARACTERS / 1_000_000} million characters of JSON (longer: page through /timeline)`, ['timeline'], {
        params: idParams,
        ...reply(200, { type: 'array', items: anything }),
      }),
    }, handle(async (adapter, { params }, answer) => answerWith(answer, adapter, await boundedHistory(adapter, params.id!))));
    api.get('/contacts/:id/timeline/count', {
      schema: doc('How many entries the overview holds', ['timeline'], { params: idParams, ...reply(200, { type: 'object', properties: { count: { type: 'integer' } } }) }),
    }, handle(async (adapter, { params }, answer) => answerWith(answer, adapter, { count: await adapter.timeline.count(params.id!) })));
    api.post('/contacts/:id/timeline', {
      schema: doc('Records a note, call, … written by the caller', ['timeline'], {
        params: idParams,
        body: record(['kind', 'subject', 'body'], {
          kind: { type: 'string', enum: [...TIMELINE_KINDS] },
          subject: text,
          body: text,
          direction: { type: 'string', enum: ['in', 'out'] },
          occurredAt: { type: 'string', maxLength: 40 },
          workItemId: id,
        }),
        ...reply(201, anything),
      }),
    }, handle(async (adapter, { params, body }, answer) =>
      answerWith(answer, adapter, await adapter.timeline.add({ ...(body as object), contactId: params.id! } as never), 201),
    ));
    api.patch('/timeline/:id', {
      schema: doc('Corrects the subject or text of an entry the caller recorded by hand (a note, call, meeting, e-mail or task)', ['timeline'], {
        params: idParams,
        body: record([], { subject: text, body: text }),
        ...reply(200, anything),
      }),
    }, handle(async (adapter, { params, body }, answer) => answerWith(answer, adapter, await adapter.timeline.update(params.id!, body as never))));
    api.delete('/timeline/:id', {
      schema: doc('Removes an entry the caller recorded by hand', ['timeline'], {
        params: idParams,
        ...reply(200, { type: 'object', properties: { id, deleted: { type: 'boolean' } } }),
      }),
    }, handle(async (adapter, { params }, answer) => {
      await adapter.timeline.remove(params.id!);
      return answerWith(answer, adapter, { id: params.id!, deleted: true });
    }));

    // ---------------------------------------------------------------- work
    api.get('/contacts/:id/work', {
      schema: doc('Leads, requests and projects of a contact, newest first', ['work'], {
        params: idParams,
        querystring: queryString({ includeArchived: flag, ...paging }),
        ...reply(200, page),
      }),
    }, handle(async (adapter, { params, query }, answer) =>
      answerWith(answer, adapter, await adapter.work!.listForContact(params.id!, listOptions(query))),
    ));
    api.post('/work', {
      schema: doc('Creates a lead, request or project', ['work'], {
        body: record(['kind', 'contactId', 'title'], { kind: { type: 'string', enum: [...WORK_KINDS] }, contactId: id, title: text, description: text }),
        ...reply(201, anything),
      }),
    }, handle(async (adapter, { body }, answer) => answerWith(answer, adapter, await adapter.work!.create(body as never), 201)));

    // ---------------------------------------------------------------- checklists
    const definitionBody = record(['cardType', 'text', 'category', 'order', 'mode', 'modeByStatus'], {
      cardType: id,
      text,
      category: text,
      order: { type: 'number' },
      mode: { type: 'string', enum: [...CHECKLIST_MODES] },
      modeByStatus: { type: 'object', additionalProperties: { type: 'string', enum: [...CHECKLIST_MODES] } },
    });
    api.get('/checklists/:cardType/definitions', {
      schema: doc("A card type's checklist lookup list, in order", ['checklists'], {
        params: params(['cardType'], { cardType: id }),
        querystring: queryString({ includeDeleted: flag }),
        ...reply(200, { type: 'array', items: anything }),
      }),
    }, handle(async (adapter, { params, query }, answer) =>
      answerWith(answer, adapter, await adapter.checklists!.definitions(params.cardType!, listOptions(query))),
    ));
    api.post('/checklists/definitions', { schema: doc('Adds an item to a lookup list', ['checklists'], { body: definitionBody, ...reply(201, anything) }) },
      handle(async (adapter, { body }, answer) => answerWith(answer, adapter, await adapter.checklists!.saveDefinition(body as never), 201)),
    );
    api.put('/checklists/definitions/:id', { schema: doc('Changes an item (If-Match required)', ['checklists'], { params: idParams, headers: ifMatch, body: definitionBody, ...reply(200, anything, true) }) },
      handle(async (adapter, request, answer) => {
        const version = precondition(request);
        if (version === undefined) throw new HttpProblem(428, 'conflict', 'Changing an item needs If-Match with its version.');
        return answerWith(answer, adapter, await adapter.checklists!.saveDefinition({ ...(request.body as object), id: request.params.id!, version } as never));
      }),
    );
    api.delete('/checklists/definitions/:id', { schema: doc('Marks an item deleted (If-Match required)', ['checklists'], { params: idParams, headers: ifMatch, ...reply(200, anything, true) }) },
      handle(async (adapter, request, answer) => {
        const version = precondition(request);
        if (version === undefined) throw new HttpProblem(428, 'conflict', 'Deleting an item needs If-Match with its version.');
        return answerWith(answer, adapter, await adapter.checklists!.deleteDefinition(request.params.id!, version));
      }),
    );
    api.get('/contacts/:id/checklist', { schema: doc("A contact's checklist states", ['checklists'], { params: idParams, ...reply(200, { type: 'array', items: anything }) }) },
      handle(async (adapter, { params }, answer) => answerWith(answer, adapter, await adapter.checklists!.states(params.id!))),
    );
    api.put('/contacts/:id/checklist/:itemId', {
      schema: doc('Ticks, unticks or annotates an item (If-Match, or If-None-Match: * for the first time)', ['checklists'], {
        params: params(['id', 'itemId'], { id, itemId: id }),
        headers: ifMatch,
        body: record([], { done: { type: 'boolean' }, note: text, status: { type: 'string', maxLength: 100 } }),
        ...reply(200, anything, true),
      }),
    }, handle(async (adapter, request, answer) => {
      const version = precondition(request, { create: true });
      if (version === undefined) throw new HttpProblem(428, 'conflict', 'Send If-Match with the state\'s version, or If-None-Match: * for a first state.');
      return answerWith(answer, adapter, await adapter.checklists!.setState(request.params.id!, request.params.itemId!, version, request.body as never));
    }));

    // ---------------------------------------------------------------- templates, reports, preferences
    api.get('/templates', { schema: doc("The templates the caller's role may use", ['documents'], reply(200, { type: 'array', items: anything })) },
      handle(async (adapter, _request, answer) => answerWith(answer, adapter, await adapter.templates!.list())),
    );
    api.post('/contacts/:id/documents', {
      schema: doc('Fills a template for the contact and records it in the overview', ['documents'], {
        params: idParams,
        body: record(['templateId'], { templateId: id, subject: text, body: text }),
        ...reply(201, anything),
      }),
    }, handle(async (adapter, { params, body }, answer) =>
      answerWith(answer, adapter, await adapter.templates!.createDocument(params.id!, body.templateId as string, documentText(body)), 201),
    ));
    api.get('/reports', { schema: doc('The reports on offer', ['reports'], reply(200, { type: 'array', items: anything })) },
      handle(async (adapter, _request, answer) => answerWith(answer, adapter, await adapter.reports!.list())),
    );
    api.get('/contacts/:id/reports/:reportId', {
      schema: doc('Runs a report for a contact', ['reports'], {
        params: params(['id', 'reportId'], { id, reportId: id }),
        querystring: queryString({
          timeZone: { type: 'string', maxLength: 64, description: 'The IANA time zone (`Europe/Amsterdam`) whose months `activity` counts entries in; absent: UTC. An unknown one: 400, field `timeZone`.' },
        }),
        ...reply(200, anything),
      }),
    }, handle(async (adapter, { params, query }, answer) =>
      answerWith(answer, adapter, await adapter.reports!.run(params.reportId!, params.id!, query.timeZone === undefined ? {} : { timeZone: String(query.timeZone) })),
    ));
    const preferencesBody = {
      type: 'object',
      additionalProperties: false,
      properties: { buttons: { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 100 } }, detailTabs: { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 100 } } },
    };
    api.get('/preferences/:cardType', { schema: doc("The caller's layout choices for a card type", ['preferences'], { params: params(['cardType'], { cardType: id }), ...reply(200, preferencesBody) }) },
      handle(async (adapter, { params }, answer) => answerWith(answer, adapter, await adapter.preferences!.get(params.cardType!))),
    );
    api.put('/preferences/:cardType', {
      schema: doc("Stores the caller's layout choices (the caller's own: last write wins)", ['preferences'], {
        params: params(['cardType'], { cardType: id }),
        body: preferencesBody,
        ...reply(200, preferencesBody),
      }),
    }, handle(async (adapter, { params, body }, answer) => answerWith(answer, adapter, await adapter.preferences!.set(params.cardType!, body as never))));

    // ---------------------------------------------------------------- change feed
    api.get('/events', {
      // Not counted against the user's running requests, and no deadline: a stream stays open.
      config: { stream: true },
      schema: doc('Server-Sent Events: one `change` event per change, resumable with Last-Event-ID; `reset` when that id is no longer (or not yet) in the feed', ['feed'], {
        headers: { type: 'object', properties: { 'last-event-id': { type: 'string', pattern: '^[0-9]{1,18}$' } } },
        response: {
          200: { description: 'The stream: `ready`, then `change` events (see API.md)', content: { 'text/event-stream': { schema: { type: 'string' } } } },
          ...commonErrors,
        },
      }),
    }, async (request: FastifyRequest, answer: FastifyReply) => {
      // Fastify answers HEAD with this handler too: the headers a stream starts with, and no
      // stream (its body would never be sent, and the connection would hang holding a place).
      if (request.method === 'HEAD') return answer.type('text/event-stream').header('cache-control', 'no-store').send();
      const raw = answer.raw;
      // The client may go while we are still checking who it is: notice it from the start.
      let gone = false;
      raw.once('close', () => (gone = true));
      const who = whoIs(request);
      const { schema, user, stillValid } = who;
      const reads = roleOf(who.roles, user).rights.includes('read');
      // Each open stream costs a connection and a place in every change's fan-out: a few per user.
      const key = `${schema}\u0000${user.id}`;
      const open = openStreams.get(key) ?? 0;
      if (open >= userStreams) {
        answer.header('retry-after', '5');
        throw new HttpProblem(429, 'unavailable', `Too many change streams open (${userStreams}) for you; close one first.`);
      }
      openStreams.set(key, open + 1);
      let counted = true;
      const uncount = () => {
        if (!counted) return;
        counted = false;
        const left = (openStreams.get(key) ?? 1) - 1;
        if (left > 0) openStreams.set(key, left);
        else openStreams.delete(key);
      };
      raw.once('close', uncount);
      if (gone) uncount();
      let start: bigint;
      let reset = false;
      try {
        const resume = request.headers['last-event-id'];
        const { newest, prunedThrough } = await feed.position(schema);
        start = typeof resume === 'string' ? BigInt(resume) : newest;
        // Resuming before what the feed still holds, or after what it ever had (a restored
        // database), would skip changes silently: the client is told to read everything again.
        if (start < prunedThrough || start > newest) [start, reset] = [newest, true];
      } catch (error) {
        uncount();
        throw error;
      }
      if (gone || raw.destroyed) return answer.hijack();
      answer.hijack();
      // A stream is quiet between changes (pings every 15 s): the idle-connection timeout is not for it.
      request.raw.socket?.setTimeout(0);
      raw.writeHead(200, {
        ...(answer.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      // A reader that stops reading is let go once 4 MiB wait for it, rather than buffered for
      // without end: it resumes from Last-Event-ID. (A catch-up burst is far below that.) A
      // stream the server ended waits for its reader before it closes: nothing more is written
      // to it meanwhile (that would be an error nobody handles, which ends the process), and an
      // error of its connection is its own.
      raw.on('error', () => undefined);
      const write = (text: string) => {
        if (raw.writableEnded || raw.destroyed) return;
        raw.write(text);
        if (raw.writableLength > 4 * 1024 * 1024) raw.destroy();
      };
      if (reset) write(`id: ${start}\nevent: reset\ndata: ${JSON.stringify({ lastEventId: start.toString() })}\n\n`);
      write(`event: ready\ndata: ${JSON.stringify({ lastEventId: start.toString() })}\n\n`);
      const remove = feed.add(schema, {
        lastId: start,
        // The client and request ids tell an adapter its own changes: only the writer's streams get
        // them, so nobody can pass a change off as a colleague's own by sending their client id.
        send: (row: FeedRow) => {
          // Preferences are each user's own: a colleague's layout choices are no news to anyone
          // else. A user who may not read hears of nothing else: not even the ids of records.
          if (row.change.resource === 'preferences' ? row.user !== user.id : !reads) return;
          const change = row.user === user.id ? { ...row.change, client: row.client, request: row.request } : row.change;
          write(`id: ${row.id}\nevent: change\ndata: ${JSON.stringify(change)}\n\n`);
        },
      });
      const ping = setInterval(() => write(': ping\n\n'), 15_000);
      // A revoked or expired credential ends the stream: the client reconnects with a fresh one
      // (or is refused). A database that cannot answer the check leaves the stream open.
      const recheck = setInterval(() => {
        stillValid().then(
          (valid) => valid || end(),
          () => undefined,
        );
      }, streamRecheckMs);
      // Once only: the server's end and the connection's close both stop it, and the feed's
      // removal run twice would drop the space's clients that came after it.
      let stopped = false;
      const stop = () => {
        if (stopped) return;
        stopped = true;
        clearInterval(recheck);
        clearInterval(ping);
        remove();
        streams.delete(raw);
      };
      /** The server ends the stream: the feed stops sending to it at once, not when its reader has read the rest. */
      const end = () => {
        stop();
        raw.end();
      };
      streams.set(raw, end);
      if (gone || raw.destroyed) stop();
      else raw.once('close', stop);
    });
  }

  /** The open change streams, each with how the server ends it. */
  const streams = new Map<import('node:http').ServerResponse, () => void>();
  const userStreams = options.userStreams ?? 16;
  const streamRecheckMs = options.streamRecheckMs ?? 30_000;
  /** Change streams open per space and user. */
  const openStreams = new Map<string, number>();
  // Before the HTTP server closes: it waits for open connections, and a stream never ends by itself.
  app.addHook('preClose', async () => {
    for (const end of [...streams.values()]) end();
  });

  await app.register(async (api) => routes(api, false));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (options.testSpaces) {
    const secret = options.testSecret ?? '';
    if (secret.length < 16) throw new Error('Test spaces need a secret of at least 16 characters (LIFT_TEST_SECRET) for the /_test endpoints.');
    const digest = (text: string) => createHash('sha256').update(text).digest();
    const expected = digest(secret);
    await app.register(async (api) => routes(api, true), { prefix: '/spaces/:space' });
    // The test endpoints make and drop whole schemas: only for a caller on this machine that
    // knows the secret the server was started with (CORS is open while the browser suites run).
    app.addHook('onRequest', async (request) => {
      // The route matched, not the URL as sent: the router decodes it first (`/%5Ftest/…` is `/_test/…`).
      if (!request.routeOptions.url?.startsWith('/_test/')) return;
      const address = request.socket.remoteAddress ?? '';
      const loopback = address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
      const given = request.headers['lift-test-secret'];
      if (!loopback || typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
        throw new HttpProblem(403, 'permission', 'The test endpoints answer only this machine, with the test secret (Lift-Test-Secret).');
      }
    });
    // One schema per test: its own tables, users, roles and templates, dropped afterwards.
    app.post('/_test/spaces', { schema: { hide: true, body: anything } }, async (request, answer) => {
      const setup = request.body as SpaceSetup;
      const space = `t_${randomBytes(8).toString('hex')}`;
      await migrate(pool, space);
      const tokens = await setUpSpace(pool, space, {
        roles: setup.roles.map((role) => ({ ...role, rights: role.rights.filter((right) => (RIGHTS as readonly string[]).includes(right)) })),
        users: setup.users,
        templates: setup.templates ?? [],
      });
      knownSpaces.add(space);
      return answer.code(201).send({ space, base: `/spaces/${space}`, tokens });
    });
    // Ends every open change stream, as a proxy or a flaky network would: clients must resume.
    app.post('/_test/drop-streams', { schema: { hide: true } }, async (_request, answer) => {
      const dropped = streams.size;
      for (const stream of [...streams.keys()]) stream.destroy();
      return answer.send({ dropped });
    });
    app.delete('/_test/spaces/:space', { schema: { hide: true } }, async (request, answer) => {
      const space = (request.params as { space: string }).space;
      if (!/^t_[a-z0-9]{6,40}$/.test(space)) throw new HttpProblem(404, 'not-found', 'There is no such space.');
      knownSpaces.delete(space);
      await dropSpace(pool, space);
      return answer.code(204).send();
    });
  }
  return app;
}
