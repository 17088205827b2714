// A module only test/autoloader.test.ts imports, standing for an element's entry: it defines the
// tag its URL names (`?tag=…`) as it is evaluated. The tests refuse it through the test server's
// `lift-refuse` cookie to see a load fail, then let it through to see the autoloader try again.
const tag = new URL(import.meta.url).searchParams.get('tag');
if (tag && !customElements.get(tag)) customElements.define(tag, class extends HTMLElement {});

export {};
