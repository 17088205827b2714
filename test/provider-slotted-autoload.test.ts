// The bundle's autoloader, a card slotted into a <lift-data-provider> in a host's shadow root: the
// document-wide watch finds the card (a light child of the host) and loads it, not waiting for the
// provider, which it cannot see; the host hands its shadow root to `discover` after that, and the
// provider's code is slow, then does not arrive. The card, defined first, waits for its provider,
// never reading the built-in database; the provider says its code did not load, and once its
// retry defines it the card shows the provider's contact.
import { expect } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import { BUNDLE_ELEMENTS } from '../src/bundle-elements.js';
import { autoload } from '../src/internal/autoloader.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import { defaultAdapter } from '../src/context/default-adapter.js';
import { oneContact } from './worlds.js';

/** What the built-in database's adapter was asked (shared by every element on the page). */
const askedOfBuiltIn: unknown[] = [];
const contacts = defaultAdapter().contacts as unknown as Record<string, (...args: unknown[]) => unknown>;
for (const [method, call] of Object.entries(contacts)) contacts[method] = (...args: unknown[]) => (askedOfBuiltIn.push([method, args[0]]), call(...args));

// The provider's code arrives when `open()` is called (a slow network), and fails while `failing`.
let open = () => {};
const gate = new Promise<void>((resolve) => (open = resolve));
let failing = true;
const provider0 = BUNDLE_ELEMENTS['lift-data-provider']!;
const bundle = autoload(
  { ...BUNDLE_ELEMENTS, 'lift-data-provider': { ...provider0, load: () => gate.then(() => (failing ? Promise.reject(new Error('the network is down')) : provider0.load())) } },
  { log: { error: () => {} } },
);

const said = (element: Element) => element.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';
const name = (card: Element) => card.shadowRoot?.querySelector('[part~="name"]')?.textContent ?? '';
const loading = (card: Element) => Boolean(card.shadowRoot?.querySelector('[part~="skeleton"]'));

const added: Element[] = [];
after(() => {
  bundle.disconnect();
  added.forEach((element) => element.remove());
});

describe('the autoloader, a card slotted into a provider in a shadow root handed to discover', () => {
  it('leaves the card, defined first, waiting for the provider, then showing its contact; the built-in database is never asked', async () => {
    expect(customElements.get('lift-contact-card'), 'the card tag').to.equal(undefined);
    expect(customElements.get('lift-data-provider'), 'the provider tag').to.equal(undefined);
    const adapter = new MemoryAdapter();
    const { contact } = await oneContact(adapter, 'Slot BV', { firstName: 'Sam', lastName: 'Slotted' });

    const shell = document.createElement('div');
    const root = shell.attachShadow({ mode: 'open' });
    const provider = Object.assign(document.createElement('lift-data-provider'), { adapter });
    provider.setAttribute('lang', 'en');
    provider.append(document.createElement('slot'));
    root.append(provider);
    const card = document.createElement('lift-contact-card');
    card.setAttribute('lang', 'en');
    card.setAttribute('contact-id', contact.id);
    shell.append(card);
    added.push(document.body.appendChild(shell));
    // The watch has found the card and started its load before the host hands over its shadow root.
    await new Promise((resolve) => setTimeout(resolve));
    void bundle.discover(root);

    await waitUntil(() => customElements.get('lift-contact-card') && loading(card), "the card, defined, in its loading state", { timeout: 10_000 });
    expect(customElements.get('lift-data-provider'), 'the provider tag, still').to.equal(undefined);
    // Time for a read of the built-in database to show, were one made.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(said(card), 'what the card says while its provider loads').not.to.match(/does not exist/);
    expect(loading(card), 'the loading state, still').to.equal(true);
    expect(askedOfBuiltIn, 'what the built-in database was asked').to.deep.equal([]);

    // The provider's code does not arrive: the provider says so, the card still waits beneath.
    open();
    await waitUntil(() => provider.shadowRoot?.querySelector('[role="alert"] button'), "the provider's notice");
    expect(said(provider)).to.contain('This part could not load.');
    expect(loading(card), 'the loading state, still').to.equal(true);
    expect(askedOfBuiltIn, 'what the built-in database was asked').to.deep.equal([]);

    failing = false;
    provider.shadowRoot!.querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
    await waitUntil(() => name(card).includes('Slotted') || /does not exist/.test(said(card)), "the provider's contact", { timeout: 10_000 });
    expect(name(card)).to.contain('Slotted');
    expect(askedOfBuiltIn, 'what the built-in database was asked').to.deep.equal([]);
  });
});
