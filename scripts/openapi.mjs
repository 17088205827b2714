// `npm run server:openapi`: writes server/openapi.json from the server's route schemas.
//   --check   fails (exit 1) when the committed file differs from what the routes say
import { readFileSync, writeFileSync } from 'node:fs';
import { buildTeamServer } from './team-server.mjs';

const FILE = 'server/openapi.json';
buildTeamServer();
const { openApiDocument } = await import('../server/dist/server/src/openapi.js');
const text = `${JSON.stringify(await openApiDocument(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(FILE, 'utf8');
  } catch {}
  if (current !== text) {
    console.error(`${FILE} is stale: run npm run server:openapi and commit it.`);
    process.exit(1);
  }
  console.log(`${FILE} is current.`);
} else {
  writeFileSync(FILE, text);
  console.log(`wrote ${FILE}`);
}
