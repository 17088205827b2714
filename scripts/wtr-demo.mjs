// The demo page (demo/index.html, demo/demo.js) as the test server sends it: the built files
// it names under /dist/ are swapped for their source entries, so test/demo-host.test.ts drives
// the demo's own code against the library in this tree, without a build and never against a
// dist/ older than the source. (scripts/check-e2e.mjs drives the demo on the built files.)

/** Each file of dist/ the demo loads, and the source entry rollup builds it from. */
const SOURCE_OF = {
  '/dist/lift-elements.bundle.js': '/src/bundle.ts',
  '/dist/lift-elements.library.js': '/src/library.ts',
  '/dist/lift-elements.team.js': '/src/team.ts',
  '/dist/data/demo/demo-data.js': '/src/data/demo/demo-data.ts',
};

const DEMO_FILES = ['/demo/index.html', '/demo/demo.js'];

/** A web-test-runner plugin that serves the demo on the source. */
export function demoOnSourcePlugin() {
  return {
    name: 'lift-demo-on-source',
    transform(context) {
      if (!DEMO_FILES.includes(context.path) || typeof context.body !== 'string') return undefined;
      const body = context.body.replace(/\/dist\/[\w./-]+\.js/g, (built) => {
        const source = SOURCE_OF[built];
        // A new file of dist/ in the demo would otherwise load whatever build lies there.
        if (!source) throw new Error(`${context.path} loads ${built}, which scripts/wtr-demo.mjs does not map to a source entry`);
        return source;
      });
      return { body };
    },
  };
}
