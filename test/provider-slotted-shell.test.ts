// A Lit element as the host's shell, rendering <lift-data-provider> around a <slot> in its shadow
// root, with a card as its light child, the provider's tag not yet defined. The shell renders its
// slot a moment after the card connected, and the card still waits for the provider rather than
// reading the built-in database.
import { expect } from '@open-wc/testing';
import { html, LitElement } from 'lit';
import { waitUntil } from './helpers.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { defaultAdapter } from '../src/context/default-adapter.js';
import { oneContact } from './worlds.js';
import '../src/lift-contact-card.js';

const askedOfBuiltIn: unknown[] = [];
const contacts = defaultAdapter().contacts as unknown as Record<string, (...args: unknown[]) => unknown>;
for (const [method, call] of Object.entries(contacts)) contacts[method] = (...args: unknown[]) => (askedOfBuiltIn.push([method, args[0]]), call(...args));

class ShellWithProvider extends LitElement {
  static override properties = { adapter: { attribute: false } };
  adapter: LiftAdapter | undefined;
  override render() {
    return html`<lift-data-provider .adapter=${this.adapter}><slot></slot></lift-data-provider>`;
  }
}
customElements.define('shell-with-provider', ShellWithProvider);

const said = (element: Element) => element.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';
const name = (card: Element) => card.shadowRoot?.querySelector('[part~="name"]')?.textContent ?? '';

let shell: ShellWithProvider | undefined;
after(() => shell?.remove());

describe('a card slotted into a provider that a Lit shell renders, the provider not defined yet', () => {
  it('waits for the provider, then shows its contact; the built-in database is never asked', async () => {
    expect(customElements.get('lift-data-provider'), 'the provider tag').to.equal(undefined);
    const adapter = new MemoryAdapter();
    const { contact } = await oneContact(adapter, 'Slot BV', { firstName: 'Sam', lastName: 'Shelled' });
    shell = document.createElement('shell-with-provider') as ShellWithProvider;
    shell.adapter = adapter;
    const card = document.createElement('lift-contact-card');
    card.setAttribute('lang', 'en');
    card.setAttribute('contact-id', contact.id);
    shell.append(card);
    document.body.append(shell);
    // Time for a read of the built-in database to show, were one made.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(said(card), 'what the card says while its provider is undefined').not.to.match(/does not exist/);
    expect(askedOfBuiltIn, 'what the built-in database was asked').to.deep.equal([]);

    await import('../src/lift-data-provider.js');
    await waitUntil(() => name(card).includes('Shelled') || /does not exist/.test(said(card)), "the provider's contact", { timeout: 10_000 });
    expect(name(card)).to.contain('Shelled');
  });
});
