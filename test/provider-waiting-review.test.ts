// Elements inside a <lift-data-provider> whose code has not arrived, second read: the provider's
// own notice where a host's element wraps the card, focus after its retry, and nothing offered to
// write while the elements wait. Each file runs in a page of its own: here the card's and the
// timeline's tags are defined from the start and the provider's only when a test defines it (the
// retry of the first describe's last test); the tests run in order.
import { expect } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import { BUNDLE_ELEMENTS } from '../src/bundle-elements.js';
import { autoload } from '../src/internal/autoloader.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import type { User } from '../src/data/contract/model.js';
import { oneContact } from './worlds.js';
import '../src/lift-contact-card.js';
import '../src/lift-contact-timeline.js';

type Provider = HTMLElement & { adapter?: LiftAdapter; user?: User };
const added: Element[] = [];
after(() => added.forEach((element) => element.remove()));

/** A provider (not defined yet) for `adapter` in English, as `user`, holding `child`. */
function providerOf(adapter: LiftAdapter, child: Element, user?: User): Provider {
  const provider = Object.assign(document.createElement('lift-data-provider'), { adapter, ...(user && { user }) }) as Provider;
  provider.setAttribute('lang', 'en');
  provider.append(child);
  added.push(document.body.appendChild(provider));
  return provider;
}

const notice = (provider: Element) => provider.shadowRoot?.querySelector<HTMLButtonElement>('[role="alert"] button') ?? null;

describe('a provider whose code did not load, around elements already defined', () => {
  let failing = true;
  const provider0 = BUNDLE_ELEMENTS['lift-data-provider']!;
  const bundle = autoload({ ...BUNDLE_ELEMENTS, 'lift-data-provider': { ...provider0, load: () => (failing ? Promise.reject(new Error('offline')) : provider0.load()) } }, { log: { error: () => {} } });
  after(() => bundle.disconnect());

  it('says so, also when a host element not defined (a framework component) wraps the card', async () => {
    const adapter = new MemoryAdapter();
    const { contact } = await oneContact(adapter, 'Wrap BV', { firstName: 'Wim', lastName: 'Wrap' });
    const card = () => Object.assign(document.createElement('lift-contact-card'), { contactId: contact.id });
    const plain = providerOf(adapter, card());
    const panel = document.createElement('app-contact-panel');
    panel.append(card());
    const wrapped = providerOf(adapter, panel);
    await waitUntil(() => notice(plain), 'the notice of the provider around the card');
    await waitUntil(() => notice(wrapped), 'the notice of the provider around the host element around the card');
    expect(customElements.get('app-contact-panel'), "the host's element, not defined").to.equal(undefined);
  });

  it('moves focus from its retry, pressed from the keyboard, to the card, not to the page', async () => {
    const adapter = new MemoryAdapter();
    const { contact } = await oneContact(adapter, 'Focus BV', { firstName: 'Fenna', lastName: 'Focus' });
    const card = Object.assign(document.createElement('lift-contact-card'), { contactId: contact.id });
    const provider = providerOf(adapter, card);
    await waitUntil(() => notice(provider), 'the notice');
    const button = notice(provider)!;
    button.focus();
    expect(provider.shadowRoot!.activeElement, 'focus on the retry').to.equal(button);
    failing = false;
    button.click();
    await waitUntil(() => card.shadowRoot?.querySelector('[part~="name"]')?.textContent?.includes('Focus'), "the provider's contact in the card", { timeout: 10_000 });
    await waitUntil(() => document.activeElement !== document.body, 'focus somewhere on the page after the retry');
    expect(card.contains(document.activeElement) || document.activeElement === card, `focus on the card, not ${document.activeElement?.localName}`).to.equal(true);
  });
});
