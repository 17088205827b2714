/**
 * JWTs checked against an identity provider's key set (JWKS) fetched over HTTP, or a key of the
 * server's own: a token the keys refuse is no one's, but keys that cannot be fetched are the
 * provider's outage, said as `unavailable` (503), not as a token that is not known (401, which
 * makes clients sign out).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { LiftDataError } from '../../src/data/contract/errors.js';
import { jwtVerifier } from '../src/jwt.js';
import { startServer, suiteSpaces, type ServerProcess } from './helpers.js';

const AUDIENCE = 'lift-crm';

describe('a JWKS fetched from the identity provider', () => {
  let server: Server;
  let url: string;
  let key: KeyLike;
  /** How the provider answers now: its keys, an error page, or nothing (the connection dropped). */
  let answer: 'keys' | 'error' | 'drop' = 'keys';
  /** The keys it publishes (a rotation adds one). */
  const published: object[] = [];

  before(async () => {
    const pair = await generateKeyPair('ES256');
    key = pair.privateKey;
    published.push({ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' });
    server = createServer((request, response) => {
      if (answer === 'drop') return request.socket.destroy();
      if (answer === 'error') return response.writeHead(502).end('Bad gateway');
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  const token = (signer: KeyLike = key) =>
    new SignJWT({ sub: 'u-anna' }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setAudience(AUDIENCE).setExpirationTime('5m').sign(signer);
  const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

  it('answers the user of a token its keys sign, and no one for a token signed otherwise', async () => {
    const verify = jwtVerifier({ jwksUrl: url, audience: AUDIENCE });
    assert.equal((await verify(await token()))?.userId, 'u-anna');
    assert.equal(await verify(await token((await generateKeyPair('ES256')).privateKey)), undefined);
  });

  it('says a token signed by a key the provider published after its keys were read moments ago is one to try again shortly, not no one', async () => {
    const verify = jwtVerifier({ jwksUrl: url, audience: AUDIENCE });
    assert.equal((await verify(await token()))?.userId, 'u-anna', 'the keys are read');
    // The provider rotates: a new key, and tokens signed with it, within seconds of that read.
    const next = await generateKeyPair('ES256');
    published.push({ ...(await exportJWK(next.publicKey)), kid: 'k2', alg: 'ES256', use: 'sig' });
    try {
      const rotated = await new SignJWT({ sub: 'u-anna' }).setProtectedHeader({ alg: 'ES256', kid: 'k2' }).setAudience(AUDIENCE).setExpirationTime('5m').sign(next.privateKey);
      const error = await failure(verify(rotated));
      assert.ok(LiftDataError.is(error, 'unavailable'), `unavailable for now, not a token refused (${String(error)})`);
      // Once the keys may be read again, the new key is found.
      const fresh = jwtVerifier({ jwksUrl: url, audience: AUDIENCE });
      assert.equal((await fresh(rotated))?.userId, 'u-anna');
    } finally {
      published.pop();
    }
  });

  for (const outage of ['error', 'drop'] as const) {
    it(`says the provider is unavailable when its keys cannot be fetched (${outage === 'error' ? 'an error page' : 'a dropped connection'})`, async () => {
      answer = outage;
      try {
        // A verifier that has not fetched the keys yet (a server just started during the outage).
        const error = await failure(jwtVerifier({ jwksUrl: url, audience: AUDIENCE })(await token()));
        assert.ok(LiftDataError.is(error, 'unavailable'), `unavailable, not a token refused (${String(error)})`);
      } finally {
        answer = 'keys';
      }
    });
  }
});

describe('a key of its own (LIFT_JWT_KEY)', () => {
  it('refuses a token signed by an algorithm that does not fit the key, as no one, not as keys it cannot fetch', async () => {
    const ec = await generateKeyPair('ES256');
    const rsa = await generateKeyPair('RS256');
    const verify = jwtVerifier({ key: await exportSPKI(ec.publicKey), audience: AUDIENCE });
    // Another application's token, or the provider's after it moved to RSA keys.
    const token = await new SignJWT({ sub: 'u-anna' }).setProtectedHeader({ alg: 'RS256' }).setAudience(AUDIENCE).setExpirationTime('5m').sign(rsa.privateKey);
    assert.equal(await verify(token), undefined);
    const own = await new SignJWT({ sub: 'u-anna' }).setProtectedHeader({ alg: 'ES256' }).setAudience(AUDIENCE).setExpirationTime('5m').sign(ec.privateKey);
    assert.equal((await verify(own))?.userId, 'u-anna');
  });
});

describe('a token whose key the provider does not publish (a retired key, another provider\'s)', () => {
  let provider: Server;
  let jwksUrl: string;
  let known: KeyLike;
  let server: ServerProcess;
  const suite = suiteSpaces(() => server.url);

  before(async () => {
    const pair = await generateKeyPair('ES256');
    known = pair.privateKey;
    const keys = [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }];
    provider = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys })));
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/jwks`;
    server = await startServer('lift_node_jwks', { env: { LIFT_JWT_JWKS_URL: jwksUrl, LIFT_JWT_AUDIENCE: AUDIENCE } });
  });
  after(async () => {
    await suite.cleanUp();
    await new Promise((resolve) => provider.close(resolve));
  });

  /** A token good in every other way (audience, expiry, a known user), its header naming `kid`. */
  const signed = async (kid: string) => {
    const signer = kid === 'k1' ? known : (await generateKeyPair('ES256')).privateKey;
    return new SignJWT({ sub: 'u-anna' }).setProtectedHeader({ alg: 'ES256', kid }).setAudience(AUDIENCE).setExpirationTime('5m').sign(signer);
  };

  it('is no one\'s, at once and on every try: 401, not 503 to try again', async () => {
    const verify = jwtVerifier({ jwksUrl, audience: AUDIENCE });
    const retired = await signed('k-retired');
    for (const attempt of [1, 2, 3]) {
      const answer = await verify(retired).then(
        (identity) => identity,
        (error: unknown) => error,
      );
      assert.equal(answer, undefined, `attempt ${attempt}: an unknown token (${String(answer)})`);
    }
    assert.equal((await verify(await signed('k1')))?.userId, 'u-anna', 'a key it publishes still signs for Anna');

    const space = await suite.newSpace();
    const token = await signed('k-other');
    for (const attempt of [1, 2, 3]) {
      const response = await fetch(`${space.baseUrl}/session`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.status, 401, `attempt ${attempt}: ${await response.text()}`);
    }
    const good = await fetch(`${space.baseUrl}/session`, { headers: { authorization: `Bearer ${await signed('k1')}` } });
    assert.equal(good.status, 200, 'a token its keys sign is Anna\'s');
  });
});
