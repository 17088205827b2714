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
const database = env.LIFT_DATABASE ?? 'lift';
const pool = new pg.Pool({
  ...(env.PGHOST ? { host: env.PGHOST } : {}),
  ...(env.PGPORT ? { port: Number(env.PGPORT) } : {}),
  ...(env.PGUSER ? { user: env.PGUSER } : {}),
  ...(env.PGPASSWORD ? { password: env.PGPASSWORD } : {}),
  database,
  max: 1,
});
// What the command takes is checked before the database is touched.
const days = options.days === undefined ? undefined : Number(options.days);
if (command === 'create') {
  takes(1, ['days', 'label']);
  if (!positional[0]) usage('Name the user the token acts for.');
  if (days !== undefined && !(Number.isFinite(days) && days > 0)) usage('--days must be a positive number.');
} else if (command === 'list') takes(1);
else if (command === 'revoke') {
  takes(1);
  if (!positional[0]) usage('Name the token id to revoke (see token list).');
} else usage(command ? `Unknown command ${command}.` : 'Name a command.');

let code = 0;
try {
  // A space is made by the server that serves it: a mistyped LIFT_SCHEMA is said, not made into an
  // empty space whose tokens no server reads. One an older server made gets the newer tables.
  if (!(await pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount) {
    throw new Error(`There is no space ${schema} in database ${database}: check LIFT_SCHEMA and LIFT_DATABASE, or start the server on it first.`);
  }
  await migrate(pool, schema);
  const [first] = positional;
  if (command === 'create') {
    const { token, info } = await createToken(pool, schema, { userId: first!, ...(days !== undefined ? { days } : {}), ...(options.label ? { label: options.label } : {}) });
    console.log(`token ${info.id} for ${info.userId}, expires ${info.expiresAt ?? 'never'}`);
    console.log(token);
  } else if (command === 'list') {
    if (first !== undefined && !(await pool.query(`SELECT 1 FROM ${quoteSchema(schema)}.users WHERE id = $1`, [first])).rowCount) {
      throw new Error(`There is no user ${first} in ${schema}.`);
    }
    for (const token of await listTokens(pool, schema, first)) {
      console.log([token.id, token.userId, JSON.stringify(token.label), `created ${token.createdAt}`, `expires ${token.expiresAt ?? 'never'}`, state(token)].join('\t'));
    }
  } else if (await revokeToken(pool, schema, first!)) console.log(`token ${first} revoked`);
  else {
    console.error(`There is no live token ${first} in ${schema}.`);
    code = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  code = 1;
} finally {
  await pool.end();
}
process.exit(code);
