import { expect, fixture, html } from '@open-wc/testing';
import type { LiftButtonBar } from '../src/button-bar/button-bar.js';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import '../src/lift-button-bar.js';
import '../src/lift-checklist.js';
import '../src/lift-contact-timeline.js';
import { alertButton, refuse } from './chunk-faults-helpers.js';
import { waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

// Elements standing alone (no card around them to speak for them) whose language's strings do
// not arrive: each keeps the language it shows, says so in it with a retry, and the retry loads
// the language for all of them once it can be fetched; where the browser keeps a failed import
// failed until the page reloads, a second failure says that a reload is needed. The English
// modules are refused before anything in this page imported them.

const ENGLISH = ['/src/button-bar/messages.en.ts', '/src/contact-timeline/messages.en.ts', '/src/checklist/messages.en.ts'];
const alert = (el: HTMLElement) => el.shadowRoot!.querySelector('[role="alert"]');
const alertText = (el: HTMLElement) => alert(el)?.textContent!.replace(/\s+/g, ' ').trim() ?? '';

describe('a language whose strings do not arrive, elements standing alone', () => {
  after(() => {
    for (const path of ENGLISH) refuse(path, false);
  });

  it('the bar, the overview and the checklist each keep Dutch, say so in Dutch with a retry, and the retry brings English', async () => {
    for (const path of ENGLISH) refuse(path);
    const { adapter, contact } = await oneContact(new MemoryAdapter(), 'Zon BV', { firstName: 'Lotte', lastName: 'Bos' });
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gebeld', body: '' });
    await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'AVG-toestemming', category: 'Privacy', order: 1, mode: 'editable', modeByStatus: {} });
    const page = await fixture<HTMLDivElement>(html`<div lang="nl">
      <lift-button-bar></lift-button-bar>
      <lift-contact-timeline contact-id=${contact.id} .adapter=${adapter}></lift-contact-timeline>
      <lift-checklist contact-id=${contact.id} .adapter=${adapter}></lift-checklist>
    </div>`);
    const bar = page.querySelector<LiftButtonBar>('lift-button-bar')!;
    const timeline = page.querySelector<LiftContactTimeline>('lift-contact-timeline')!;
    const checklist = page.querySelector<LiftChecklist>('lift-checklist')!;
    const elements = [bar, timeline, checklist];
    await Promise.all(elements.map((el) => el.updateComplete));
    await waitUntil(() => checklist.shadowRoot!.querySelector('[part~="progress"]') && timeline.shadowRoot!.querySelector('[part~="entry"]'), 'the data');
    // A word of each element's own table.
    const shown = () => [
      bar.shadowRoot!.querySelector('[data-action="save"]')!.textContent!.trim(),
      timeline.shadowRoot!.querySelector('input[type="search"]')!.closest('label')!.textContent!.trim(),
      checklist.shadowRoot!.querySelector('[part~="progress"]')!.textContent!.trim(),
    ];
    const dutch = shown();
    expect(dutch).to.deep.equal(['Opslaan', 'Zoeken in het overzicht', '0 van 1 afgerond']);
    const english = ['Save', 'Search the overview', '0 of 1 done'];

    page.setAttribute('lang', 'en');
    for (const el of elements) {
      await waitUntil(() => alertText(el).startsWith('De teksten in de gekozen taal konden niet'), `the failure, said in Dutch by <${el.localName}>`);
      expect(alertButton(el.shadowRoot!, 'Opnieuw proberen'), `a retry in <${el.localName}>`).to.exist;
    }
    expect(shown(), 'the language before stays, no keys').to.deep.equal(dutch);
    for (const el of elements) await expect(el).to.be.accessible();

    for (const path of ENGLISH) refuse(path, false);
    alertButton(checklist.shadowRoot!, 'Opnieuw proberen')!.click();
    // Whether the browser fetches a failed module again is its own choice (WebKit does, Chromium
    // and Firefox keep the failure), and which files failed at all depends on which requests left
    // before the refusal was lifted, so each element is checked on its own. One whose file fails
    // again says that only a reload helps; a retry that did nothing would show neither outcome.
    const again = 'Het laadt nog steeds niet: laad de pagina opnieuw';
    for (const [index, el] of [[1, timeline], [2, checklist]] as const) {
      await waitUntil(() => (shown()[index] === english[index] && !alert(el)) || alertText(el).startsWith(again), `English, or the failure this browser keeps, in <${el.localName}>`, { timeout: 15000 });
      if (alert(el)) expect(shown()[index], `<${el.localName}> keeps Dutch`).to.equal(dutch[index]);
    }
    // The bar's sentence says at once that a reload may be needed: it shows English, or Dutch and its notice.
    await waitUntil(() => (shown()[0] === 'Save' && !alert(bar)) || (shown()[0] === 'Opslaan' && Boolean(alert(bar))), 'the bar in one language, with its notice while that is Dutch');
  });
});
