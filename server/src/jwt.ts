/**
 * Signed JWTs from the host's identity provider, as an alternative to the server's own tokens:
 * verified with `jose` against a configured public key (PEM or JWK) or the provider's JWKS URL,
 * with the audience required and checked, the issuer checked when configured and an expiry
 * required; one claim names the user (an id in the space's `users` table).
 */
import { createPublicKey } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTVerifyGetKey, type KeyLike } from 'jose';
import { LiftDataError } from '../../src/data/contract/errors.js';

/** The latest expiry kept for a JWT, in milliseconds: the end of year 9999. */
const LAST_EXPIRY = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export interface JwtOptions {
  /** The provider's public key: PEM (SPKI) or a JWK as JSON. */
  key?: string;
  /** Or the provider's JWKS URL (keys are fetched and cached, rotated keys found by `kid`). */
  jwksUrl?: string;
  /** Required `iss`, when given. */
  issuer?: string;
  /** The `aud` tokens must carry; required. */
  audience?: string;
  /** The claim holding the user id (default `sub`). */
  userClaim?: string;
  /** Algorithms accepted (default RS256, PS256, ES256, EdDSA). */
  algorithms?: readonly string[];
}

export interface JwtIdentity {
  userId: string;
  /** ms since 1970. */
  expiresAt: number;
}

/** Three base64url parts: what a compact JWS looks like (the server's own tokens have no dots). */
export const looksLikeJwt = (token: string) => /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);

/** A verifier for `options`; it answers the identity of a valid token, undefined for any other. */
export function jwtVerifier(options: JwtOptions): (token: string) => Promise<JwtIdentity | undefined> {
  let key: KeyLike | JWTVerifyGetKey;
  let keySet: ReturnType<typeof createRemoteJWKSet> | undefined;
  if (options.jwksUrl) key = keySet = createRemoteJWKSet(new URL(options.jwksUrl));
  else if (options.key) {
    const text = options.key.trim();
    key = text.startsWith('{') ? createPublicKey({ key: JSON.parse(text) as import('node:crypto').JsonWebKey, format: 'jwk' }) : createPublicKey(text);
  } else throw new Error('A JWT verifier needs a key or a JWKS URL.');
  // An identity provider signs the tokens of every application it serves with the same keys;
  // only `aud` says a token was issued for this one.
  if (!options.audience) {
    throw new Error('Set LIFT_JWT_AUDIENCE to the audience the identity provider puts in tokens for LIFT: without it, a token it issued for any other application would be accepted.');
  }
  const claim = options.userClaim ?? 'sub';
  const verifyOptions = {
    algorithms: [...(options.algorithms ?? ['RS256', 'PS256', 'ES256', 'EdDSA'])],
    requiredClaims: ['exp', claim],
    ...(options.issuer ? { issuer: options.issuer } : {}),
    ...(options.audience ? { audience: options.audience } : {}),
  };
  /**
   * The keys (`kid` and `alg`) tokens named that the key set did not hold when read for them: no
   * rotation a moment ago, but keys the provider does not publish. Kept while jose cools down
   * from that read (it does not read the keys again until then), at most a few hundred.
   */
  const unpublished = new Set<string>();
  return async (token) => {
    // jose reads the key set again when no key matches, unless it read it less than 30 s ago
    // (or never did): a token that finds no key then was looked for in keys read just for it.
    const readsKeys = keySet !== undefined && !keySet.coolingDown;
    if (readsKeys) unpublished.clear();
    try {
      const { payload } = typeof key === 'function' ? await jwtVerify(token, key, verifyOptions) : await jwtVerify(token, key, verifyOptions);
      const userId = payload[claim];
      if (typeof userId !== 'string' || !userId || typeof payload.exp !== 'number') return undefined;
      // A provider may sign "never" as a huge exp, past the last date JavaScript and PostgreSQL hold:
      // it is taken as the end of year 9999.
      return { userId, expiresAt: Math.min(payload.exp * 1000, LAST_EXPIRY) };
    } catch (error) {
      // Keys that could not be fetched (no answer, an error page, a timeout, not a key set) are
      // the provider's outage: said so, not as a token no one knows, which makes clients sign out.
      // A key of its own is never fetched: a token it cannot check (an algorithm that does not fit
      // the key, which jose throws as a TypeError) is no one's.
      const fetching =
        typeof key === 'function' &&
        (!(error instanceof errors.JOSEError) || error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error.code === 'ERR_JOSE_GENERIC');
      if (fetching) throw new LiftDataError('unavailable', "The identity provider's keys cannot be fetched now; try again shortly.", { cause: error });
      // A key the provider published since its keys were read (a rotation) is looked for again
      // only once jose's cool-down (30 s) has passed: until then the token may well be good. A key
      // missing from keys read for this token, or for an earlier one naming it, is not published.
      if (error instanceof errors.JWKSNoMatchingKey && keySet) {
        const { kid, alg } = decodeProtectedHeader(token);
        const named = JSON.stringify([kid ?? null, alg ?? null]);
        if (readsKeys) {
          if (unpublished.size < 500) unpublished.add(named);
        } else if (!unpublished.has(named)) {
          throw new LiftDataError('unavailable', "The identity provider's keys were read moments ago without this token's key; try again shortly.", { cause: error });
        }
      }
      return undefined; // a bad signature, a wrong issuer or audience, an expired token, no key that matches
    }
  };
}
