import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import '../src/lift-contact-timeline.js';
import { refetchesFailedModules, refuse } from './chunk-faults-helpers.js';
import { oneContact } from './worlds.js';

// Two elements on one page whose lazy code fails at the same time (a card and an overview of its
// own, say): their failures are counted over the page, so a fetch that failed for both is one
// failure, and where one of them gets its code later the other still offers its own retry. The
// checklist's management counts the same way, through the same loader. A page of its own: once
// a module arrived in a page it cannot fail there.

describe('lazy code that fails for two elements at once', () => {
  let refetches: boolean;
  before(async () => {
    refetches = await refetchesFailedModules();
  });
  after(() => refuse('/src/contact-timeline/note-composer.ts', false));

  it('two overviews: one failed fetch is said once in each, and each keeps its retry when the other recovers', async () => {
    refuse('/src/contact-timeline/note-composer.ts');
    const adapter = new MemoryAdapter();
    const { contact } = await oneContact(adapter, 'Zon BV', { lastName: 'Bos' });
    // No entries: an overview fetches the form's code while idle only once it has rows, so here
    // both fetches start on the presses below, together.
    const box = await fixture<HTMLDivElement>(html`<div>
      <lift-contact-timeline lang="nl" contact-id=${contact.id} .adapter=${adapter}></lift-contact-timeline>
      <lift-contact-timeline lang="nl" contact-id=${contact.id} .adapter=${adapter}></lift-contact-timeline>
    </div>`);
    const timelines = [...box.querySelectorAll<LiftContactTimeline>('lift-contact-timeline')];
    await Promise.all(timelines.map((el) => el.loaded));
    const record = (el: LiftContactTimeline) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="filters"] button')].find((b) => b.textContent!.trim() === 'Activiteit vastleggen');
    const form = (el: LiftContactTimeline) => el.shadowRoot!.querySelector('[part~="note-form"]');
    const retry = (el: LiftContactTimeline) => [...(form(el)?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find((b) => b.textContent!.trim() === 'Opnieuw proberen');
    for (const el of timelines) await waitUntil(() => record(el), 'the button to record activity');
    for (const el of timelines) record(el)!.click();
    for (const el of timelines) await waitUntil(() => form(el)?.querySelector('[role="alert"]'), 'each says the form could not be loaded');
    for (const el of timelines) {
      expect(form(el)!.textContent, 'one failure, not one per element').to.contain('Het formulier kon niet worden geladen.');
      expect(form(el)!.textContent).not.to.contain('Het laadt nog steeds niet');
      expect(retry(el), 'each offers a retry').to.exist;
    }
    if (!refetches) return;
    // Where the browser fetches again, the first gets its form; the second still says what it
    // has, with its retry, and that retry brings its form too.
    refuse('/src/contact-timeline/note-composer.ts', false);
    retry(timelines[0]!)!.click();
    await waitUntil(() => form(timelines[0]!)?.querySelector('textarea'), 'the first overview gets its form');
    timelines[1]!.requestUpdate();
    await timelines[1]!.updateComplete;
    expect(retry(timelines[1]!), 'the second keeps its retry').to.exist;
    retry(timelines[1]!)!.click();
    await waitUntil(() => form(timelines[1]!)?.querySelector('textarea'), 'the second overview gets its form');
  });
});
