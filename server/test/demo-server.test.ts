/**
 * The demo's static server (scripts/start.mjs, used by `npm start` and `npm run start:team`):
 * an address it cannot decode, or one reaching outside its folders, is answered with a 4xx, and
 * the server keeps serving. It runs in a child process, so a crash shows as a crash.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { ROOT } from './helpers.js';

describe("the demo's static server", () => {
  let child: ChildProcess;
  let base: string;

  before(async () => {
    const script = pathToFileURL(path.join(ROOT, 'scripts', 'start.mjs')).href;
    const code = `const { createDemoServer } = await import(${JSON.stringify(script)});
const server = createDemoServer();
server.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));`;
    child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    base = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk) => {
        output += chunk;
        const match = /port (\d+)/.exec(output);
        if (match) resolve(`http://127.0.0.1:${match[1]}`);
      });
      child.stderr!.on('data', (chunk) => (output += chunk));
      child.once('exit', (status) => reject(new Error(`The demo server exited (${status}): ${output}`)));
    });
  });
  after(() => {
    child.kill();
  });

  it('answers 400 to a malformed percent-encoding, and keeps serving', async () => {
    for (const bad of ['/%E0%A4%A', '/%', '/dist/%ZZ', '/themes/%C0%AF']) {
      const answer = await fetch(base + bad);
      assert.equal(answer.status, 400, `GET ${bad}`);
    }
    assert.equal(child.exitCode, null, 'still running');
    const page = await fetch(`${base}/`);
    assert.equal(page.status, 200);
  });

  it('answers 404 to a path that climbs out of its folders', async () => {
    const answer = await fetch(`${base}/%2e%2e/package.json`);
    assert.equal(answer.status, 404);
  });
});
