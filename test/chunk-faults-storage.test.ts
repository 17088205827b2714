import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import '../src/lift-contact-timeline.js';
import { refetchesFailedModules, refuse } from './chunk-faults-helpers.js';
import { oneContact } from './worlds.js';

// Code of the built-in storage that loads when first needed (the overview's index) and does not
// arrive: the reader is told in their language that the data cannot be reached, never the
// browser's own message, and a retry reads again. Its own page: once the index arrived in a page
// it cannot fail there.

describe("the built-in storage's code that loads when first needed does not arrive", () => {
  let refetches: boolean;
  before(async () => {
    refetches = await refetchesFailedModules();
  });
  after(() => refuse('/src/data/engine/overview-index.ts', false));

  it("the overview says so in the reader's words with a retry, which reads once the code arrives", async () => {
    refuse('/src/data/engine/overview-index.ts');
    const adapter = new MemoryAdapter();
    const { contact } = await oneContact(adapter, 'Zon BV', { lastName: 'Bos' });
    await adapter.timeline.add({ contactId: contact.id, kind: 'email', subject: 'Offerte', body: 'De offerte' });
    const box = await fixture<HTMLElement>(html`<div>
      <lift-contact-timeline lang="nl" contact-id=${contact.id} .adapter=${adapter}></lift-contact-timeline>
      <lift-contact-timeline lang="en" contact-id=${contact.id} .adapter=${adapter}></lift-contact-timeline>
    </div>`);
    const [nl, en] = [...box.querySelectorAll<LiftContactTimeline>('lift-contact-timeline')] as [LiftContactTimeline, LiftContactTimeline];
    const alert = (el: LiftContactTimeline) => el.shadowRoot!.querySelector('[part~="error"][role="alert"]')?.textContent?.trim();
    const words = 'Het overzicht kon niet worden geladen: de gegevens zijn niet bereikbaar.';
    await waitUntil(() => alert(nl) && alert(en), 'both overviews say they could not be loaded');
    expect(alert(nl)).to.equal(words);
    expect(alert(en)).to.equal('The overview could not be loaded: the data cannot be reached.');

    refuse('/src/data/engine/overview-index.ts', false);
    [...nl.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Opnieuw proberen')!.click();
    if (refetches) {
      await waitUntil(() => nl.shadowRoot!.textContent!.includes('Offerte'), 'the entry once the code arrives');
      expect(alert(nl)).to.equal(undefined);
    } else {
      // Firefox keeps a failed module until the page reloads: the words stay.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(alert(nl)).to.equal(words);
    }
  });
});
