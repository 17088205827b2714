/**
 * Client ids handed out by the server: `<random>.<signature>`, the signature an HMAC of the user
 * and the random part under the space's key. A client id tells an adapter which changes in the
 * feed are its own; one bound to its user cannot be taken up by anybody else to pass their
 * changes off as that user's adapter's.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import { quoteSchema } from './pg-backend.js';

export class ClientIds {
  readonly #pool: pg.Pool;
  /** Each space's key, read once. */
  readonly #keys = new Map<string, Promise<string>>();

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  #key(schema: string): Promise<string> {
    let key = this.#keys.get(schema);
    if (!key) {
      key = this.#pool.query<{ key: string }>(`SELECT key FROM ${quoteSchema(schema)}.client_key`).then((result) => result.rows[0]!.key);
      key.catch(() => this.#keys.delete(schema));
      this.#keys.set(schema, key);
    }
    return key;
  }

  #sign(key: string, user: string, nonce: string): Buffer {
    return createHmac('sha256', key).update(`${user}\u0000${nonce}`).digest().subarray(0, 16);
  }

  /** A new client id for `user`. */
  async issue(schema: string, user: string): Promise<string> {
    const nonce = randomBytes(16).toString('base64url');
    return `${nonce}.${this.#sign(await this.#key(schema), user, nonce).toString('base64url')}`;
  }

  /** `id` when the server gave it to `user`, else null. */
  async verify(schema: string, user: string, id: string | null): Promise<string | null> {
    const match = id === null ? null : /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/.exec(id);
    if (!match) return null;
    const expected = this.#sign(await this.#key(schema), user, match[1]!);
    const given = Buffer.from(match[2]!, 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
  }
}
