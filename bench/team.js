// The overview through HttpAdapter on the team server (driven by bench/team.mjs): opening the
// big contact's overview until its rows are painted, a typed search until its results are, and a
// contact search. Each step is timed here; bench/team.mjs counts the bytes on the wire.
import '/dist/lift-elements.bundle.js';
import { HttpAdapter } from '/dist/data/adapters/http-adapter.js';
import { frame } from './lib.js';

const params = new URLSearchParams(location.search);
const token = params.get('token');
const adapter = await HttpAdapter.connect({ baseUrl: params.get('server'), headers: () => ({ authorization: `Bearer ${token}` }) });

/** Mounts the overview of `contactId` and resolves once its first rows are painted. */
async function openOverview(contactId) {
  document.body.replaceChildren();
  const started = performance.now();
  const el = document.createElement('lift-contact-timeline');
  el.setAttribute('lang', 'en');
  el.adapter = adapter;
  el.contactId = contactId;
  document.body.append(el);
  // The bundle defines the tag when it appears; its code may still be on its way.
  await customElements.whenDefined('lift-contact-timeline');
  await el.loaded;
  await el.updateComplete;
  await frame();
  if (!el.shadowRoot.querySelector('article')) throw new Error('no rows painted');
  return { el, ms: performance.now() - started };
}

window.bench = {
  async newestContact() {
    return (await adapter.contacts.list({ limit: 1 })).items[0].id;
  },
  async open(contactId) {
    return { ms: (await openOverview(contactId)).ms };
  },
  async search(contactId, text) {
    const { el } = await openOverview(contactId);
    const started = performance.now();
    el.query = text;
    await el.updateComplete;
    await el.loaded;
    await el.updateComplete;
    await frame();
    return { ms: performance.now() - started, results: el.resultCount };
  },
  async contactSearch(text) {
    const started = performance.now();
    const page = await adapter.contacts.list({ text });
    return { ms: performance.now() - started, results: page.items.length };
  },
};
window.benchReady = true;
