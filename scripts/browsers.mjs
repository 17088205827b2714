// Finds the three browser engines the tests use, installing Debian's packages when we run as
// root on a Debian-like machine and one is missing; elsewhere it stops with one line that says
// what to run. Shared by the test runner, the Storybook check and the end-to-end scripts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import net from 'node:net';

const ENGINES = {
  chromium: {
    label: 'Chromium',
    env: ['CHROME_PATH', 'CHROMIUM_PATH'],
    paths: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'],
    apt: ['chromium'],
  },
  firefox: {
    label: 'Firefox ESR',
    env: ['FIREFOX_PATH'],
    paths: ['/usr/bin/firefox-esr', '/usr/bin/firefox'],
    apt: ['firefox-esr'],
  },
  webkit: {
    label: 'WebKitGTK (MiniBrowser + WebKitWebDriver + Xvfb)',
    env: ['MINIBROWSER_PATH'],
    paths: ['/usr/lib/*/webkit2gtk-4.1/MiniBrowser', '/usr/lib/*/webkit2gtk-4.0/MiniBrowser', '/usr/libexec/webkit2gtk-4.1/MiniBrowser'],
    apt: ['webkit2gtk-driver', 'xvfb', 'xauth'],
    aptFlags: ['--no-install-recommends'],
  },
};

/** Expands one `*` path segment (enough for `/usr/lib/<arch>/…`; Node 20 has no fs.glob). */
function expand(pattern) {
  const star = pattern.indexOf('*');
  if (star < 0) return [pattern];
  const dir = pattern.slice(0, pattern.lastIndexOf('/', star));
  const rest = pattern.slice(pattern.indexOf('/', star));
  if (!existsSync(dir)) return [];
  return readdirSync(dir).map((entry) => `${dir}/${entry}${rest}`);
}

function firstExisting(patterns) {
  return patterns.flatMap(expand).find((path) => existsSync(path));
}

function find(engine) {
  const spec = ENGINES[engine];
  for (const name of spec.env) {
    if (process.env[name]) {
      if (existsSync(process.env[name])) return process.env[name];
      fail(`${name}=${process.env[name]} does not exist; unset it or point it at the ${spec.label} binary.`);
    }
  }
  return firstExisting(spec.paths);
}

function webkitParts() {
  const driver = process.env.WEBKIT_DRIVER_PATH || firstExisting(['/usr/bin/WebKitWebDriver']);
  const xvfb = firstExisting(['/usr/bin/Xvfb']);
  return { driver, xvfb };
}

function missing(engine) {
  if (!find(engine)) return true;
  if (engine === 'webkit') {
    const { driver, xvfb } = webkitParts();
    return !driver || (!xvfb && !process.env.DISPLAY);
  }
  return false;
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

const canApt = () =>
  process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');

let aptUpdated = false;
function aptInstall(engine) {
  const spec = ENGINES[engine];
  console.log(`${spec.label} is missing: installing it from apt (apt-get install ${spec.apt.join(' ')})…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (update.status !== 0) fail(`apt-get update failed; install ${spec.apt.join(' ')} by hand.`);
    aptUpdated = true;
  }
  const result = spawnSync('apt-get', ['install', '-y', '-qq', ...(spec.aptFlags ?? []), ...spec.apt], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
  if (result.status !== 0) fail(`apt-get install ${spec.apt.join(' ')} failed (see above).`);
}

/**
 * Makes sure the engines are there (installing from apt where we may) and returns their paths.
 * @param {Array<'chromium'|'firefox'|'webkit'>} engines
 */
export function ensureBrowsers(engines) {
  for (const engine of engines) {
    if (!missing(engine)) continue;
    if (canApt()) aptInstall(engine);
    if (missing(engine)) {
      const spec = ENGINES[engine];
      fail(
        `${spec.label} not found: install it (Debian: sudo apt-get install ${spec.aptFlags?.join(' ') ?? ''} ${spec.apt.join(' ')}) or set ${spec.env[0]}.`.replace(/  +/g, ' '),
      );
    }
  }
  return {
    chromium: engines.includes('chromium') ? find('chromium') : undefined,
    firefox: engines.includes('firefox') ? find('firefox') : undefined,
    webkit: engines.includes('webkit') ? { miniBrowser: find('webkit'), ...webkitParts() } : undefined,
  };
}

/**
 * Flags Chromium needs as root on a closed network: its sandbox refuses to start as root; there
 * is no GPU; /dev/shm in a container is too small for its renderers; and with no way out, its
 * background fetches (updates, sync, first-run pages, QUIC) would only wait for time-outs.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.end();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listened on port ${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/**
 * Starts what WebKitGTK needs: a virtual display (unless one is set) and WebKitWebDriver on a
 * free port. MiniBrowser has no headless mode, and without a display session creation hangs.
 * @returns {Promise<{ port: number, display: string, stop: () => void }>}
 */
export async function startWebKitDriver({ driver, xvfb }) {
  const children = [];
  let display = process.env.DISPLAY;
  if (!display || process.env.CI) {
    let n = 99;
    while (existsSync(`/tmp/.X${n}-lock`) || existsSync(`/tmp/.X11-unix/X${n}`)) n++;
    display = `:${n}`;
    const x = spawn(xvfb, [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    children.push(x);
    const deadline = Date.now() + 10_000;
    while (!existsSync(`/tmp/.X11-unix/X${n}`)) {
      if (Date.now() > deadline || x.exitCode !== null) throw new Error(`Xvfb did not start on ${display}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const port = await freePort();
  const wd = spawn(driver, [`--port=${port}`], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DISPLAY: display } });
  let stderr = '';
  wd.stderr.on('data', (chunk) => (stderr += chunk));
  children.push(wd);
  const stop = () => {
    for (const child of children.reverse()) if (child.exitCode === null) child.kill('SIGTERM');
  };
  try {
    await waitForPort(port, 15_000);
  } catch (error) {
    stop();
    throw new Error(`WebKitWebDriver did not start: ${error.message}\n${stderr}`);
  }
  return { port, display, stop };
}
