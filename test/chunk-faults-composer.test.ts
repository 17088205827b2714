import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import '../src/lift-contact-timeline.js';
import { refetchesFailedModules, refuse } from './chunk-faults-helpers.js';
import { oneContact } from './worlds.js';

// The code of "Record activity" in the overview (its own page: once it arrived in a page, which
// an overview does when the browser is idle after its rows, it cannot fail there).

describe("the overview's form to record activity does not arrive", () => {
  let refetches: boolean;
  before(async () => {
    refetches = await refetchesFailedModules();
  });
  after(() => refuse('/src/contact-timeline/note-composer.ts', false));

  it('"Record activity": the form\'s place says so with a retry, and the overview can still be searched', async () => {
    refuse('/src/contact-timeline/note-composer.ts');
    const adapter = new MemoryAdapter();
    const { contact } = await oneContact(adapter, 'Zon BV', { lastName: 'Bos' });
    await adapter.timeline.add({ contactId: contact.id, kind: 'email', subject: 'Offerte', body: 'De offerte' });
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Belafspraak', body: 'Bellen' });
    const el = await fixture<LiftContactTimeline>(html`<lift-contact-timeline lang="nl" contact-id=${contact.id} .adapter=${adapter}></lift-contact-timeline>`);
    await el.loaded;
    const shadow = el.shadowRoot!;
    const record = () => [...shadow.querySelectorAll<HTMLButtonElement>('[part~="filters"] button')].find((b) => b.textContent!.trim() === 'Activiteit vastleggen');
    const alert = () => shadow.querySelector('[part~="note-form"] [role="alert"]');
    await waitUntil(() => record(), 'the button to record activity');
    // The overview asks for the form's code while the browser is idle after its rows: let that
    // fetch fail first, as it would for a reader who went offline after the overview showed.
    const fetched = () => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/src/contact-timeline/note-composer.ts'));
    await waitUntil(fetched, "the idle fetch of the form's code");
    record()!.click();
    await waitUntil(() => alert(), 'the form says it could not be loaded');
    expect(alert()!.textContent).to.contain('Het formulier kon niet worden geladen.');
    // Once, whether the fetch failed on the press or already while the browser was idle.
    expect(alert()!.textContent).not.to.contain('Het laadt nog steeds niet');
    expect(shadow.querySelector('textarea'), 'no form without its code').to.equal(null);
    // The overview itself does not depend on it.
    el.query = 'offerte';
    await el.loaded;
    await waitUntil(() => shadow.querySelectorAll('[part~="entry"]').length === 1, 'the search still narrows the overview');

    const retry = () => shadow.querySelector<HTMLButtonElement>('[part~="note-form"] button')!;
    expect(record(), '"Record activity" stays, to try again from there too').to.exist;
    retry().focus();
    retry().click();
    await waitUntil(() => alert()?.textContent?.includes('Het laadt nog steeds niet'), 'the second failure');
    expect(shadow.activeElement, 'focus stays on the retry while it tries again').to.equal(retry());
    refuse('/src/contact-timeline/note-composer.ts', false);
    retry().click();
    if (refetches) {
      await waitUntil(() => shadow.querySelector('[part~="note-form"] textarea'), 'the form once its code arrives');
      expect(alert()).to.equal(null);
    } else {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(alert()?.textContent, 'the words stay while the browser keeps the failure').to.contain('Het laadt nog steeds niet');
    }

    // The overview shown anew (the card makes a new timeline each time its tab shows): where the
    // browser keeps the failure, its form says at once that retrying did not help; where the
    // code arrived, the form opened before shows again.
    el.remove();
    const again = await fixture<LiftContactTimeline>(html`<lift-contact-timeline lang="nl" contact-id=${contact.id} .adapter=${adapter}></lift-contact-timeline>`);
    await again.loaded;
    const shown = again.shadowRoot!;
    const recordAgain = () => [...shown.querySelectorAll<HTMLButtonElement>('[part~="filters"] button')].find((b) => b.textContent!.trim() === 'Activiteit vastleggen');
    if (refetches) {
      // The form opened above is still open: what it holds is kept for the page.
      await waitUntil(() => shown.querySelector('[part~="note-form"] textarea'), 'the form, whose code arrived before');
      expect(recordAgain(), 'no second way to open it').to.equal(undefined);
    } else {
      await waitUntil(() => recordAgain(), 'the button to record activity, in the new overview');
      recordAgain()!.click();
      const alertAgain = () => shown.querySelector('[part~="note-form"] [role="alert"]');
      await waitUntil(() => alertAgain(), 'the new overview says the form could not be loaded');
      expect(alertAgain()!.textContent, 'counted over the page, not from zero').to.contain('Het laadt nog steeds niet');
    }
  });
});
