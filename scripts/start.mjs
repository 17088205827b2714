// `npm start`: builds the library and serves the demo on localhost.
//   PORT=8000 (default; the next free port is used when it is taken)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

export function buildLibrary() {
  console.log('Building the library (npm run build)…');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/** An address whose percent-encoding is not UTF-8 (`/%E0%A4%A`): the client's mistake, answered 400. */
class BadAddress extends Error {}

/** `/dist/…` is the built library, `/themes/…` the token sets; everything else comes from demo/. */
function resolveFile(pathname) {
  const [base, rel] = pathname.startsWith('/dist/')
    ? ['dist', pathname.slice(6)]
    : pathname.startsWith('/themes/')
      ? ['themes', pathname.slice(8)]
      : ['demo', pathname.slice(1)];
  const root = path.resolve(base);
  let decoded;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    throw new BadAddress(pathname);
  }
  if (decoded.includes('\0')) throw new BadAddress(pathname);
  let file = path.resolve(root, decoded);
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
  return existsSync(file) ? file : undefined;
}

export function createDemoServer() {
  return http.createServer((req, res) => {
    // One bad request must not take the server (and the demo with it) down.
    try {
      const { pathname } = new URL(req.url ?? '/', 'http://localhost');
      if (pathname === '/favicon.ico') return void res.writeHead(204).end();
      const file = resolveFile(pathname);
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch (error) {
      const bad = error instanceof BadAddress || error instanceof TypeError; // TypeError: a URL that cannot be parsed
      if (!res.headersSent) res.writeHead(bad ? 400 : 500, { 'content-type': 'text/plain' });
      res.end(bad ? 'Bad request: the address cannot be read' : 'The demo server failed to answer');
    }
  });
}

export function listen(server, port, attemptsLeft = 20) {
  return new Promise((resolve, reject) => {
    server.once('error', (error) => {
      if (error.code === 'EADDRINUSE' && attemptsLeft > 0) resolve(listen(server, port + 1, attemptsLeft - 1));
      else reject(error);
    });
    server.listen(port, '127.0.0.1', () => resolve(port));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.argv.includes('--no-build')) buildLibrary();
  const port = await listen(createDemoServer(), Number(process.env.PORT ?? 8000));
  console.log(`lift-elements demo: http://localhost:${port}/  (Ctrl+C stops it)`);
}
