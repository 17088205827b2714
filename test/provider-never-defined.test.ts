// A host on npm that wraps a card in <lift-data-provider> but never imports the provider's module:
// the card waits for it (it never reads the built-in database in its place), and the console says,
// once, what is missing. The wait's timer is taken from the page's setTimeout, so the test runs it
// at once instead of waiting its ten seconds.
import { expect } from '@open-wc/testing';
import { captureWarnings, waitUntil } from './helpers.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import { WAITING_WARN_MS } from '../src/context/default-adapter.js';
import { oneContact } from './worlds.js';
import '../src/lift-contact-card.js';

describe('a provider whose module the page never imports', () => {
  it('leaves the card waiting, and the console says what to import', async () => {
    expect(customElements.get('lift-data-provider'), 'the provider, never defined here').to.equal(undefined);
    const adapter = new MemoryAdapter();
    const { contact } = await oneContact(adapter, 'Npm BV', { firstName: 'Nina', lastName: 'Npm' });
    const timers: (() => void)[] = [];
    const setTimeoutBefore = window.setTimeout;
    window.setTimeout = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) => {
      if (ms === WAITING_WARN_MS) return void timers.push(handler as () => void), 0;
      return setTimeoutBefore(handler, ms, ...rest);
    }) as typeof setTimeout;
    const provider = Object.assign(document.createElement('lift-data-provider'), { adapter });
    const card = provider.appendChild(Object.assign(document.createElement('lift-contact-card'), { contactId: contact.id }));
    try {
      document.body.append(provider);
      await waitUntil(() => card.shadowRoot?.querySelector('[part~="skeleton"]'), 'the card waiting');
    } finally {
      window.setTimeout = setTimeoutBefore;
    }
    expect(timers, 'one timer for the word').to.have.length(1);
    const warnings = await captureWarnings(async () => timers[0]!());
    expect(warnings.join(' ')).to.contain('<lift-data-provider> undefined: import @lift/elements/lift-data-provider.js');
    expect(card.shadowRoot!.textContent, 'not the built-in database: nothing said missing').not.to.match(/does not exist/);
    provider.remove();
  });
});
