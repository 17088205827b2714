// Module files the test server refuses on a test's request, to see what a page does when a chunk
// cannot be fetched (offline, a deploy in between). A test sets the cookie `lift-refuse` to the
// paths to refuse (from the server root, space-separated, URI-encoded); every request that
// carries it for one of them answers 503. A cookie, not server state: each browser the suites
// run in at once has its own, so one engine's test never refuses another engine's files.

/**
 * Koa middleware for web-test-runner's `middleware` list (before anything serves a file).
 *
 * The library's modules and the probe modules the tests refuse are also sent `no-store`: the
 * test runner marks every file cacheable for a year, and Firefox and WebKit then reuse a module
 * an earlier test page fetched without asking the server, so a refusal would never reach it.
 * The runner sets its header after this middleware has run, hence the replaced setter.
 */
const PROBES = ['/test/chunk-probe.ts', '/test/autoload-probe.ts'];

export async function moduleFaults(ctx, next) {
  if (ctx.path.startsWith('/src/') || PROBES.includes(ctx.path)) {
    const set = ctx.response.set.bind(ctx.response);
    ctx.response.set = (field, value) => (typeof field === 'string' && field.toLowerCase() === 'cache-control' ? set(field, 'no-store') : set(field, value));
    ctx.response.set('Cache-Control', 'no-store');
  }
  const refused = decodeURIComponent(ctx.cookies.get('lift-refuse') ?? '').split(' ');
  if (refused.includes(ctx.path)) {
    ctx.status = 503;
    ctx.body = 'refused by the test (the lift-refuse cookie)';
    return;
  }
  await next();
}
