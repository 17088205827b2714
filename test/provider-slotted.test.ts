// A card slotted into a <lift-data-provider> that sits in a host's shadow root (the card a light
// child of the host, the provider holding the slot it shows through), the provider's tag not yet
// defined: the card waits for its provider, as a light-DOM child of one does, never reading the
// built-in database meanwhile, and shows the provider's contact once the provider is defined.
import { expect } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import { defaultAdapter } from '../src/context/default-adapter.js';
import { oneContact } from './worlds.js';
import '../src/lift-contact-card.js';

/** What the built-in database's adapter was asked (shared by every element on the page). */
const askedOfBuiltIn: unknown[] = [];
const contacts = defaultAdapter().contacts as unknown as Record<string, (...args: unknown[]) => unknown>;
for (const [method, call] of Object.entries(contacts)) contacts[method] = (...args: unknown[]) => (askedOfBuiltIn.push([method, args[0]]), call(...args));

const said = (element: Element) => element.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';
const name = (card: Element) => card.shadowRoot?.querySelector('[part~="name"]')?.textContent ?? '';
const loading = (card: Element) => Boolean(card.shadowRoot?.querySelector('[part~="skeleton"]'));

const added: Element[] = [];
after(() => added.forEach((element) => element.remove()));

describe('a card slotted into a provider in a shadow root, the provider not defined yet', () => {
  it('waits for the provider, then shows its contact; the built-in database is never asked', async () => {
    expect(customElements.get('lift-data-provider'), 'the provider tag').to.equal(undefined);
    const adapter = new MemoryAdapter();
    const { contact } = await oneContact(adapter, 'Slot BV', { firstName: 'Sam', lastName: 'Slotted' });

    const shell = document.createElement('div');
    const root = shell.attachShadow({ mode: 'open' });
    const provider = Object.assign(document.createElement('lift-data-provider'), { adapter });
    provider.append(document.createElement('slot'));
    root.append(provider);
    const newCard = () => {
      const card = document.createElement('lift-contact-card');
      card.setAttribute('lang', 'en');
      card.setAttribute('contact-id', contact.id);
      return card;
    };
    // One card slotted itself, one inside a light child of the host that is slotted.
    const card = newCard();
    const panel = document.createElement('section');
    const inPanel = panel.appendChild(newCard());
    shell.append(card, panel);
    added.push(document.body.appendChild(shell));

    for (const each of [card, inPanel]) await waitUntil(() => loading(each), "the card's loading state");
    // Time for a read of the built-in database to show, were one made.
    await new Promise((resolve) => setTimeout(resolve, 800));
    for (const each of [card, inPanel]) {
      expect(said(each), 'what the card says while its provider is undefined').not.to.match(/does not exist/);
      expect(loading(each), 'the loading state, still').to.equal(true);
    }
    expect(askedOfBuiltIn, 'what the built-in database was asked').to.deep.equal([]);

    await import('../src/lift-data-provider.js');
    for (const each of [card, inPanel]) {
      await waitUntil(() => name(each).includes('Slotted') || /does not exist/.test(said(each)), "the provider's contact", { timeout: 10_000 });
      expect(name(each)).to.contain('Slotted');
    }
    expect(askedOfBuiltIn, 'what the built-in database was asked').to.deep.equal([]);
  });
});
