/**
 * The server as a process, configured by the environment:
 *   PGHOST, PGPORT, PGUSER, PGPASSWORD   where PostgreSQL is (libpq's usual variables)
 *   LIFT_DATABASE       database name, created when missing (default `lift`)
 *   LIFT_SCHEMA         schema inside it (default `lift`)
 *   PORT, HOST          where to listen (default 8787 on 127.0.0.1)
 *   LIFT_CORS_ORIGINS   comma-separated origins allowed from browsers, or `*`
 *   LIFT_SEED=demo      seed the demo data and the two demo users into an empty schema (a seed cut
 *                       off is started over at the next start); gives the demo users new tokens at
 *                       each start and prints them (`demo token <user> <token>`)
 *   LIFT_SEED_CONTACTS  with LIFT_SEED=demo: how many contacts (default 24)
 *   LIFT_SEED_BIG       with LIFT_SEED=demo: the newest contact gets this many overview entries
 *   LIFT_FEED_DAYS      days the change feed keeps for resuming clients (default 7)
 *   LIFT_TEST_SPACES=1  serve one schema per test (never in production); needs
 *   LIFT_TEST_SECRET    what callers of the /_test endpoints send as Lift-Test-Secret (16+ characters)
 *   LIFT_REQUEST_TIMEOUT_MS     longest a request may take to arrive, head and body (default 30000)
 *   LIFT_CONNECTION_TIMEOUT_MS  an idle connection is closed after this long (default 60000)
 *   LIFT_MAX_CONNECTIONS        open connections at most (default 512)
 *   LIFT_REQUEST_DEADLINE_MS    a request still running this long after its body arrived is stopped, 503 (default 20000)
 *   LIFT_USER_CONCURRENCY       requests one user may have running at once, more get 429 (default 32)
 *   LIFT_USER_STREAMS           change streams one user may hold open, more get 429 (default 16)
 *   LIFT_PG_POOL                database connections the server uses at most (default 10)
 *   LIFT_STATEMENT_TIMEOUT_MS   a request's database statement is stopped after this long (default 30000);
 *                               migrations, the demo seed and pruning the feed are not held to it
 *   LIFT_STREAM_RECHECK_MS      an open change stream re-checks its token this often, ending when it
 *                               was revoked or expired (default 30000)
 *   LIFT_JWT_KEY                also accept JWTs signed with this public key (PEM or JWK JSON), or
 *   LIFT_JWT_JWKS_URL           with a key from the identity provider's JWKS; then
 *   LIFT_JWT_AUDIENCE           the aud tokens for LIFT carry (required: it does not start without it),
 *   LIFT_JWT_ISSUER             optionally the iss they must carry, and
 *   LIFT_JWT_USER_CLAIM         the claim naming the user id (default sub)
 * Prints `listening <url>` once it serves; SIGTERM / SIGINT close it cleanly.
 */
import { startServer } from './main.js';

// A setting left empty (`HOST=` in an env file) is a setting not given: its default holds.
const env = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value?.trim())) as NodeJS.ProcessEnv;
const cors = env.LIFT_CORS_ORIGINS?.trim();

/** A setting that must be a whole number of at least `min` when given; a bad one stops the start. */
function whole(name: string, min: number): number | undefined {
  const text = env[name]?.trim();
  if (!text) return undefined;
  if (!/^\d{1,9}$/.test(text) || Number(text) < min) {
    console.error(`${name} must be a whole number of at least ${min}, not "${text}".`);
    process.exit(2);
  }
  return Number(text);
}
if (env.LIFT_TEST_SPACES === '1' && (env.LIFT_TEST_SECRET ?? '').length < 16) {
  console.error('LIFT_TEST_SPACES=1 needs LIFT_TEST_SECRET (at least 16 characters): the /_test endpoints answer only callers that send it.');
  process.exit(2);
}
const optional = <K extends string>(key: K, value: number | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, number>));

const server = await startServer({
  connection: {
    ...(env.PGHOST ? { host: env.PGHOST } : {}),
    ...(env.PGPORT ? { port: Number(env.PGPORT) } : {}),
    ...(env.PGUSER ? { user: env.PGUSER } : {}),
    ...(env.PGPASSWORD ? { password: env.PGPASSWORD } : {}),
    database: env.LIFT_DATABASE ?? 'lift',
  },
  port: whole('PORT', 0) ?? 8787,
  host: env.HOST ?? '127.0.0.1',
  schema: env.LIFT_SCHEMA ?? 'lift',
  ...(cors ? { corsOrigins: cors === '*' ? '*' : cors.split(',').map((o) => o.trim()) } : {}),
  seedDemo: env.LIFT_SEED === 'demo',
  seedSize: { ...optional('contacts', whole('LIFT_SEED_CONTACTS', 1)), ...optional('bigContactEntries', whole('LIFT_SEED_BIG', 0)) },
  ...optional('feedDays', whole('LIFT_FEED_DAYS', 1)),
  testSpaces: env.LIFT_TEST_SPACES === '1',
  ...(env.LIFT_TEST_SECRET ? { testSecret: env.LIFT_TEST_SECRET } : {}),
  ...optional('requestTimeoutMs', whole('LIFT_REQUEST_TIMEOUT_MS', 0)),
  ...optional('connectionTimeoutMs', whole('LIFT_CONNECTION_TIMEOUT_MS', 0)),
  ...optional('maxConnections', whole('LIFT_MAX_CONNECTIONS', 1)),
  ...optional('requestDeadlineMs', whole('LIFT_REQUEST_DEADLINE_MS', 1)),
  ...optional('userConcurrency', whole('LIFT_USER_CONCURRENCY', 1)),
  ...optional('userStreams', whole('LIFT_USER_STREAMS', 1)),
  ...optional('poolSize', whole('LIFT_PG_POOL', 1)),
  ...optional('statementTimeoutMs', whole('LIFT_STATEMENT_TIMEOUT_MS', 1)),
  ...optional('streamRecheckMs', whole('LIFT_STREAM_RECHECK_MS', 10)),
  ...(env.LIFT_JWT_KEY || env.LIFT_JWT_JWKS_URL
    ? {
        jwt: {
          ...(env.LIFT_JWT_KEY ? { key: env.LIFT_JWT_KEY } : {}),
          ...(env.LIFT_JWT_JWKS_URL ? { jwksUrl: env.LIFT_JWT_JWKS_URL } : {}),
          ...(env.LIFT_JWT_ISSUER?.trim() ? { issuer: env.LIFT_JWT_ISSUER.trim() } : {}),
          ...(env.LIFT_JWT_AUDIENCE?.trim() ? { audience: env.LIFT_JWT_AUDIENCE.trim() } : {}),
          ...(env.LIFT_JWT_USER_CLAIM ? { userClaim: env.LIFT_JWT_USER_CLAIM } : {}),
        },
      }
    : {}),
  logger: env.LIFT_LOG === '1',
});
// The demo users' tokens are new at every start; the team demo's start script reads them here.
for (const [user, token] of Object.entries(server.demoTokens ?? {})) console.log(`demo token ${user} ${token}`);
console.log(`listening ${server.url}`);

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
