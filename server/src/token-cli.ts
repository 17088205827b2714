/**
 * `npm run server -- token …`: manages the tokens of a space (its schema, LIFT_SCHEMA, default
 * `lift`) in the database PGHOST / PGPORT / PGUSER / PGPASSWORD / LIFT_DATABASE name.
 *   token create <user-id> [--days N] [--label TEXT]   prints the new token (shown only now)
 *   token list [<user-id>]                              id, user, label, created, expires, state
 *   token revoke <token-id>                             the token stops working at once; an
 *                                                       open change stream ends at its next check
 * Exits 0 when done, 1 when the command failed (an unknown user or token id), 2 on bad usage (an
 * argument or option the command does not take, refused before anything is done).
 */
import pg from 'pg';
import { migrate } from './db.js';
import { quoteSchema } from './pg-backend.js';
import { createToken, listTokens, revokeToken, type TokenInfo } from './tokens.js';

const USAGE = 'usage: token create <user-id> [--days N] [--label TEXT] | token list [<user-id>] | token revoke <token-id>';

function usage(problem: string): never {
  console.error(`${problem}\n${USAGE}`);
  process.exit(2);
}

/** `--name value` options and the positional arguments. */
function parse(args: readonly string[]): { positional: string[]; options: Record<string, string> } {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) positional.push(arg);
    else if (i + 1 < args.length) options[arg.slice(2)] = args[++i]!;
    else usage(`${arg} needs a value.`);
  }
  return { positional, options };
}

/** Refuses, before anything is done, more than `count` arguments or an option not in `names`. */
function takes(count: number, names: readonly string[] = []): void {
  if (positional.length > count) usage(`${command} takes ${count ? 'one argument' : 'no argument'}; "${positional.slice(count).join(' ')}" is one too many.`);
  const unknown = Object.keys(options).find((name) => !names.includes(name));
  if (unknown !== undefined) usage(`${command} has no option --${unknown}.`);
}

const state = (token: TokenInfo) =>
  token.revokedAt ? `revoked ${token.revokedAt}` : token.expiresAt && Date.parse(token.expiresAt) <= Date.now() ? 'expired' : 'active';

const [command, ...rest] = process.argv.slice(process.argv[2] === 'token' ? 3 : 2);
const { positional, options } = parse(rest);
const env = process.env;
const schema = env.LIFT_SCHEMA ?? 'lift';
const pool = new pg.Pool({
  ...(env.PGHOST ? { host: env.PGHOST } : {}),
  ...(env.PGPORT ? { port: Number(env.PGPORT) } : {}),
  ...(env.PGUSER ? { user: env.PGUSER } : {}),
  ...(env.PGPASSWORD ? { password: env.PGPASSWORD } : {}),
  database: env.LIFT_DATABASE ?? 'lift',
  max: 1,
});
let code = 0;
try {
  // A database no server has started on yet gets its tables first (the tokens table among them).
  await migrate(pool, schema);
  if (command === 'create') {
    takes(1, ['days', 'label']);
    const [userId] = positional;
    if (!userId) usage('Name the user the token acts for.');
    const days = options.days === undefined ? undefined : Number(options.days);
    if (days !== undefined && !(Number.isFinite(days) && days > 0)) usage('--days must be a positive number.');
    const { token, info } = await createToken(pool, schema, { userId, ...(days !== undefined ? { days } : {}), ...(options.label ? { label: options.label } : {}) });
    console.log(`token ${info.id} for ${info.userId}, expires ${info.expiresAt ?? 'never'}`);
    console.log(token);
  } else if (command === 'list') {
    takes(1);
    const [userId] = positional;
    if (userId !== undefined && !(await pool.query(`SELECT 1 FROM ${quoteSchema(schema)}.users WHERE id = $1`, [userId])).rowCount) {
      throw new Error(`There is no user ${userId} in ${schema}.`);
    }
    for (const token of await listTokens(pool, schema, userId)) {
      console.log([token.id, token.userId, JSON.stringify(token.label), `created ${token.createdAt}`, `expires ${token.expiresAt ?? 'never'}`, state(token)].join('\t'));
    }
  } else if (command === 'revoke') {
    takes(1);
    const [id] = positional;
    if (!id) usage('Name the token id to revoke (see token list).');
    if (await revokeToken(pool, schema, id)) console.log(`token ${id} revoked`);
    else {
      console.error(`There is no live token ${id} in ${schema}.`);
      code = 1;
    }
  } else usage(command ? `Unknown command ${command}.` : 'Name a command.');
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  code = 1;
} finally {
  await pool.end();
}
process.exit(code);
