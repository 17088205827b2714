// The bundle's autoloader on a page where the card's tag is already defined (a card used on its
// own first, with its own `adapter`) when a <lift-data-provider> is added around another card and
// the provider's code is slow, then does not arrive: the card inside waits for its provider, never
// reading the built-in database meanwhile, and shows the provider's contact once the provider is
// defined (here by the retry the provider's own notice offers). The provider's tag, once defined, stays so for
// the page's life: the tests run in order, the second going on with the elements of the first.
import { expect } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import { BUNDLE_ELEMENTS } from '../src/bundle-elements.js';
import { autoload } from '../src/internal/autoloader.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import { IndexedDbAdapter } from '../src/data/adapters/indexeddb-adapter.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { defaultAdapter } from '../src/context/default-adapter.js';
import { oneContact } from './worlds.js';

/** The contacts asked of the built-in database's adapter (shared by every element on the page). */
const askedOfBuiltIn: unknown[] = [];
const contacts = defaultAdapter().contacts as unknown as Record<string, (...args: unknown[]) => unknown>;
for (const [method, call] of Object.entries(contacts)) contacts[method] = (...args: unknown[]) => (askedOfBuiltIn.push(args[0]), call(...args));

const errors: string[] = [];
// The provider's code arrives when `open()` is called (a slow network), and fails while `failing`.
let open = () => {};
let gate = Promise.resolve();
let failing = false;
const provider0 = BUNDLE_ELEMENTS['lift-data-provider']!;
const bundle = autoload(
  { ...BUNDLE_ELEMENTS, 'lift-data-provider': { ...provider0, load: () => gate.then(() => (failing ? Promise.reject(new Error('the network is down')) : provider0.load())) } },
  { log: { error: (message: string) => errors.push(message) } },
);

const said = (element: Element) => element.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';
const name = (card: Element) => card.shadowRoot?.querySelector('[part~="name"]')?.textContent ?? '';
const loading = (card: Element) => Boolean(card.shadowRoot?.querySelector('[part~="skeleton"]'));

/** Runs `seed` with the ids it makes counted from one, the same each run: two stores get records of the same ids. */
async function sameIds<T>(prefix: string, seed: () => Promise<T>): Promise<T> {
  let count = 0;
  Object.defineProperty(crypto, 'randomUUID', { configurable: true, value: () => `${prefix}-0000-4000-8000-${(++count).toString().padStart(12, '0')}` });
  try {
    return await seed();
  } finally {
    delete (crypto as Partial<Crypto>).randomUUID;
  }
}

const added: Element[] = [];
let provider: HTMLElement & { adapter?: LiftAdapter };
let card: HTMLElement;

before(async () => {
  // The card, used on its own with its own adapter: its tag is defined, the provider's is not.
  const adapter = new MemoryAdapter();
  const { contact } = await oneContact(adapter, 'Los BV', { firstName: 'Lot', lastName: 'Alleen' });
  const alone = Object.assign(document.createElement('lift-contact-card'), { adapter, contactId: contact.id });
  added.push(document.body.appendChild(alone));
  await waitUntil(() => name(alone).includes('Alleen'), 'the card on its own to show its contact', { timeout: 10_000 });
});

after(async () => {
  bundle.disconnect();
  for (const element of added) element.remove();
  defaultAdapter().close?.();
  await IndexedDbAdapter.deleteDatabase('lift');
});

describe('a card whose tag is defined, inside a provider whose tag is not yet', () => {
  it('waits while the provider’s code is on its way, and after it failed: neither the built-in database’s contact of that id, nor that the contact does not exist', async () => {
    expect(customElements.get('lift-contact-card'), 'the card tag').not.to.equal(undefined);
    expect(customElements.get('lift-data-provider'), 'the provider tag').to.equal(undefined);
    // The built-in database holds a contact of the same id as the provider's.
    const prefix = Math.random().toString(16).slice(2, 10).padEnd(8, '0');
    const direct = new IndexedDbAdapter({ databaseName: 'lift' });
    const inBuiltIn = await sameIds(prefix, () => oneContact(direct, 'Ingebouwd BV', { firstName: 'Bea', lastName: 'Ingebouwd' }));
    direct.close();
    const adapter = new MemoryAdapter();
    const { contact } = await sameIds(prefix, () => oneContact(adapter, 'Traag BV', { firstName: 'Tom', lastName: 'Traagladen' }));
    expect(contact.id, 'the same id in both').to.equal(inBuiltIn.contact.id);

    gate = new Promise<void>((resolve) => (open = resolve));
    provider = Object.assign(document.createElement('lift-data-provider'), { adapter });
    provider.setAttribute('lang', 'en');
    card = provider.appendChild(document.createElement('lift-contact-card'));
    card.setAttribute('lang', 'en');
    card.setAttribute('contact-id', contact.id);
    added.push(document.body.appendChild(provider));
    await waitUntil(() => loading(card), "the card's loading state");
    // Time for a read of the built-in database to show, were one made.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(said(card), 'what the card says while its provider loads').not.to.match(/Ingebouwd|does not exist/);
    expect(loading(card), 'the loading state, still').to.equal(true);
    expect(askedOfBuiltIn, 'what the built-in database was asked').to.deep.equal([]);

    // The provider's code does not arrive.
    failing = true;
    open();
    await waitUntil(() => errors.some((error) => error.includes('<lift-data-provider>')), 'the failure on the console');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(said(card), 'what the card says after its provider failed').not.to.match(/Ingebouwd|does not exist/);
    expect(loading(card), 'the loading state, still').to.equal(true);
    expect(askedOfBuiltIn, 'what the built-in database was asked').to.deep.equal([]);
    // The card waits without a word: the provider says its code did not load, with a retry, and
    // the card still shows beneath (its slot).
    await waitUntil(() => provider.shadowRoot?.querySelector('[role="alert"] button'), "the provider's notice");
    expect(said(provider), 'the notice, in the provider’s language').to.contain('This part could not load.');
    expect(card.assignedSlot, 'the card, shown beneath the notice').not.to.equal(null);
  });

  it('shows the provider’s contact once the provider is defined (its retry pressed)', async () => {
    failing = false;
    provider.shadowRoot!.querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
    await waitUntil(() => name(card).includes('Traagladen') || /does not exist/.test(said(card)), "the provider's contact", { timeout: 10_000 });
    expect(name(card)).to.contain('Traagladen');
    expect(said(card)).not.to.match(/Ingebouwd/);
    expect(askedOfBuiltIn, 'what the built-in database was asked').to.deep.equal([]);
    expect(provider.shadowRoot!.querySelector('[role="alert"]'), 'the notice, gone').to.equal(null);
  });
});
