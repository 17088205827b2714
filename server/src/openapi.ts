/**
 * The OpenAPI 3.1 description of the API, generated from the routes' own JSON schemas (so the
 * document and the validation cannot drift apart). scripts/openapi.mjs writes it to
 * server/openapi.json, or checks that the committed file is current.
 */
import pg from 'pg';
import { buildServer } from './app.js';
import { ChangeFeed } from './feed.js';

export async function openApiDocument(): Promise<unknown> {
  // Nothing is asked of the database while the routes are only described.
  const pool = new pg.Pool({ max: 1 });
  const app = await buildServer({ pool, feed: new ChangeFeed(pool, {}), schema: 'lift' });
  await app.ready();
  const document = app.swagger();
  await app.close();
  await pool.end();
  return document;
}
