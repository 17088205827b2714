/**
 * Tokens have a lifecycle: kept in a table with an expiry and a revocation, managed with the
 * `token` command (create, list, revoke); a revoked or expired token is refused at once, and an
 * open change stream signed in with it ends. A host's identity provider may sign JWTs instead:
 * verified against the configured key (a key pair this test makes), a claim naming the user.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { exportSPKI, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import pg from 'pg';
import { appRole, eventually, postgres, ROOT, SseClient, startServer, suiteSpaces, type ServerProcess, type Space } from './helpers.js';

const DATABASE = 'lift_node_tokens';
const ISSUER = 'https://id.example.test';
const AUDIENCE = 'lift-crm';

/** Runs the token command on a space; answers its exit code and output. */
function tokenCommand(space: Space, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { host, port, user, password } = appRole();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'server/dist/server/src/token-cli.js'), 'token', ...args], {
      env: { ...process.env, PGHOST: host, PGPORT: String(port), PGUSER: user, PGPASSWORD: password, LIFT_DATABASE: DATABASE, LIFT_SCHEMA: space.name },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let [out, err] = ['', ''];
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/** Creates a token with the command; answers the token and its id. */
async function createWithCommand(space: Space, ...args: string[]): Promise<{ token: string; id: string }> {
  const made = await tokenCommand(space, 'create', ...args);
  assert.equal(made.code, 0, made.err);
  const [head, token] = made.out.trim().split('\n');
  return { token: token!, id: /^token (\S+)/.exec(head!)![1]! };
}

const sessionOf = (space: Space, token: string) => fetch(`${space.baseUrl}/session`, { headers: { authorization: `Bearer ${token}` } });

describe('tokens with a lifecycle, and JWTs from an identity provider', () => {
  let server: ServerProcess;
  let signingKey: KeyLike;
  let otherKey: KeyLike;
  const suite = suiteSpaces(() => server.url);

  before(async () => {
    const pair = await generateKeyPair('ES256');
    signingKey = pair.privateKey;
    otherKey = (await generateKeyPair('ES256')).privateKey;
    server = await startServer(DATABASE, {
      env: {
        LIFT_STREAM_RECHECK_MS: '100',
        LIFT_JWT_KEY: await exportSPKI(pair.publicKey),
        // Spaces around the issuer and audience, as an env file may leave them: both are trimmed.
        LIFT_JWT_ISSUER: ` ${ISSUER}\n`,
        LIFT_JWT_AUDIENCE: ` ${AUDIENCE} `,
        LIFT_JWT_USER_CLAIM: 'lift_user',
      },
    });
  });
  after(() => suite.cleanUp());

  const jwt = (claims: Record<string, unknown>, options: { key?: KeyLike; expires?: string | number; issuer?: string; audience?: string } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuedAt()
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setExpirationTime(options.expires ?? '5m')
      .sign(options.key ?? signingKey);

  it('a token made with the command works, is listed, and stops working when revoked', async () => {
    const space = await suite.newSpace();
    const { token, id } = await createWithCommand(space, 'u-anna', '--days', '30', '--label', 'laptop');
    const session = await sessionOf(space, token);
    assert.equal(session.status, 200);
    assert.equal(((await session.json()) as { user: { id: string } }).user.id, 'u-anna');

    const listed = await tokenCommand(space, 'list', 'u-anna');
    const line = listed.out.split('\n').find((l) => l.startsWith(id))!;
    assert.ok(line, listed.out);
    assert.match(line, /"laptop"/);
    assert.match(line, /\tactive$/);
    assert.doesNotMatch(line, /expires never/, 'it expires in 30 days');

    const revoked = await tokenCommand(space, 'revoke', id);
    assert.equal(revoked.code, 0, revoked.err);
    assert.equal((await sessionOf(space, token)).status, 401, 'refused once revoked');
    assert.match((await tokenCommand(space, 'list')).out, new RegExp(`^${id}\\t.*\\trevoked `, 'm'));
    assert.equal((await tokenCommand(space, 'revoke', id)).code, 1, 'revoking it again says there is no live token');
    assert.equal((await tokenCommand(space, 'create', 'u-nobody')).code, 1, 'a token for an unknown user is refused');
    assert.equal((await tokenCommand(space, 'frobnicate')).code, 2, 'an unknown command is a usage error');
  });

  it('refuses what a command does not take before doing anything: a second token id, an option it does not know, an unknown user', async () => {
    const space = await suite.newSpace();
    const first = await createWithCommand(space, 'u-anna', '--label', 'laptop');
    const second = await createWithCommand(space, 'u-anna', '--label', 'phone');
    const both = await tokenCommand(space, 'revoke', first.id, second.id);
    assert.equal(both.code, 2, `revoke with two ids: ${both.out}${both.err}`);
    assert.match(both.err, new RegExp(second.id));
    assert.equal((await sessionOf(space, first.token)).status, 200, 'nothing revoked');
    const tokens = async () => (await tokenCommand(space, 'list', 'u-anna')).out.trim().split('\n').length;
    const before = await tokens();
    const typo = await tokenCommand(space, 'create', 'u-anna', '--day', '1');
    assert.equal(typo.code, 2, `create --day 1: ${typo.out}`);
    assert.match(typo.err, /--day/);
    assert.equal(await tokens(), before, 'no token made');
    assert.equal((await tokenCommand(space, 'list', 'u-anna', 'u-bart')).code, 2, 'list takes one user');
    const nobody = await tokenCommand(space, 'list', 'u-nobody');
    assert.equal(nobody.code, 1, 'an unknown user is said');
    assert.match(nobody.err, /u-nobody/);
  });

  it('says a space that does not exist (a mistyped LIFT_SCHEMA) and leaves the database as it was, instead of making an empty one', async () => {
    const typo = { name: `${(await suite.newSpace()).name}_typo` } as Space;
    const { host, port, user, password } = postgres();
    const admin = new pg.Pool({ host, port, user, password, database: DATABASE, max: 1 });
    try {
      for (const args of [['list'], ['create', 'u-anna'], ['revoke', 'tok-1']]) {
        const run = await tokenCommand(typo, ...args);
        assert.equal(run.code, 1, `${args[0]}: ${run.out}${run.err}`);
        assert.match(run.err, new RegExp(`no space ${typo.name}.*LIFT_SCHEMA`), args[0]);
        assert.equal((await admin.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [typo.name])).rowCount, 0, `${args[0]} made no schema`);
      }
    } finally {
      await admin.end();
    }
  });

  it('an expired token is refused', async () => {
    const space = await suite.newSpace();
    const { token, id } = await createWithCommand(space, 'u-bart', '--days', '1');
    assert.equal((await sessionOf(space, token)).status, 200);
    const pool = new pg.Pool({ ...postgres(), database: DATABASE, max: 1 });
    try {
      await pool.query(`UPDATE "${space.name}".tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    } finally {
      await pool.end();
    }
    assert.equal((await sessionOf(space, token)).status, 401);
    assert.match((await tokenCommand(space, 'list', 'u-bart')).out, new RegExp(`^${id}\\t.*\\texpired$`, 'm'));
  });

  it('an open change stream ends when its token is revoked, and cannot be opened again with it', async () => {
    const space = await suite.newSpace();
    const { token, id } = await createWithCommand(space, 'u-bart');
    const stream = await SseClient.open(space.baseUrl, token);
    suite.streams.push(stream);
    await eventually(() => stream.readyId !== undefined, 'the stream is ready');
    await space.api('u-anna', 'POST', '/relations', { body: { kind: 'client', name: 'Voor' } });
    await eventually(() => stream.changes.length === 1, 'a change arrives while the token holds');

    assert.equal((await tokenCommand(space, 'revoke', id)).code, 0);
    await eventually(() => stream.ended, 'the stream ends');
    await space.api('u-anna', 'POST', '/relations', { body: { kind: 'client', name: 'Na' } });
    assert.equal(stream.changes.length, 1, 'nothing after the revocation');
    await assert.rejects(SseClient.open(space.baseUrl, token), /answered 401/);
  });

  it('accepts a JWT signed by the configured key, naming the user in its claim', async () => {
    const space = await suite.newSpace();
    const session = await sessionOf(space, await jwt({ lift_user: 'u-bart' }));
    assert.equal(session.status, 200);
    assert.equal(((await session.json()) as { user: { id: string } }).user.id, 'u-bart');
    const made = await fetch(`${space.baseUrl}/relations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await jwt({ lift_user: 'u-anna' })}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'client', name: 'Via de identiteitsprovider' }),
    });
    assert.equal(made.status, 201);
  });

  it('takes a JWT whose expiry lies past any date the database holds as one that does not expire in our lifetime, not as a server error', async () => {
    const space = await suite.newSpace();
    // Some identity providers sign "never" as a huge exp: past year 294 276 (PostgreSQL's last) or JavaScript's last date.
    for (const exp of [1e13, 1e17, Number.MAX_SAFE_INTEGER]) {
      const session = await sessionOf(space, await jwt({ lift_user: 'u-bart' }, { expires: exp }));
      assert.equal(session.status, 200, `exp ${exp}`);
      assert.equal(((await session.json()) as { user: { id: string } }).user.id, 'u-bart');
    }
  });

  it('refuses a JWT with another key, issuer or audience, one expired, one without the claim, or naming an unknown user', async () => {
    const space = await suite.newSpace();
    const refused = async (token: string, what: string) => assert.equal((await sessionOf(space, token)).status, 401, what);
    await refused(await jwt({ lift_user: 'u-bart' }, { key: otherKey }), 'signed by another key');
    await refused(await jwt({ lift_user: 'u-bart' }, { issuer: 'https://evil.example.test' }), 'another issuer');
    await refused(await jwt({ lift_user: 'u-bart' }, { audience: 'another-app' }), 'another audience');
    await refused(await jwt({ lift_user: 'u-bart' }, { expires: Math.floor(Date.now() / 1000) - 60 }), 'expired');
    await refused(await jwt({ sub: 'u-bart' }), 'the user in another claim');
    await refused(await jwt({ lift_user: 'u-nobody' }), 'an unknown user');
    const [header, payload] = (await jwt({ lift_user: 'u-bart' })).split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
    await refused(none, 'unsigned');
    await refused(`${header}.${Buffer.from(JSON.stringify({ lift_user: 'u-anna', iss: ISSUER, aud: AUDIENCE, exp: 9e9 })).toString('base64url')}.c2ln`, 'forged');
  });

  it('does not start with JWTs configured without an audience, and says which setting is missing', async () => {
    // Without one, a token the identity provider issued for another of its applications, with a
    // user id in the claim, would be taken for a LIFT user.
    await assert.rejects(
      startServer(DATABASE, { env: { LIFT_JWT_KEY: await exportSPKI((await generateKeyPair('ES256')).publicKey), LIFT_JWT_ISSUER: ISSUER } }),
      /exited with 1 before listening[\s\S]*Set LIFT_JWT_AUDIENCE/,
    );
  });

  it('a change stream opened with a JWT ends when the JWT expires', async () => {
    const space = await suite.newSpace();
    const stream = await SseClient.open(space.baseUrl, await jwt({ lift_user: 'u-bart' }, { expires: Math.floor(Date.now() / 1000) + 2 }));
    suite.streams.push(stream);
    await eventually(() => stream.readyId !== undefined, 'the stream is ready');
    await eventually(() => stream.ended, 'the stream ends with its JWT', 10_000);
  });
});
