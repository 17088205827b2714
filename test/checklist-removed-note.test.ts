import { expect, fixture, html } from '@open-wc/testing';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { ChecklistItemDefinition } from '../src/data/contract/model.js';
import '../src/lift-checklist.js';
import { noteKey } from '../src/checklist/notes.js';
import { waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

const NOTE = 'Belangrijke afspraak met de klant';

/** A contact with three items in one category, and a note being written on Bravo. */
async function setup(lang: string) {
  const adapter = new MemoryAdapter();
  const { contact } = await oneContact(adapter, 'Reclamebureau Zon', { firstName: 'Lotte', lastName: 'Bos' });
  const defs: ChecklistItemDefinition[] = [];
  for (const [order, text] of ['Alpha', 'Bravo', 'Charlie'].entries()) {
    defs.push(await adapter.checklists!.saveDefinition({ cardType: 'contact', text, category: 'Groep', order: order + 1, mode: 'editable', modeByStatus: {} }));
  }
  const el = await fixture<LiftChecklist>(html`<lift-checklist lang=${lang} contact-id=${contact.id} .adapter=${adapter}></lift-checklist>`);
  await el.loaded;
  await el.updateComplete;
  row(el, 'Bravo')!.querySelector<HTMLButtonElement>('.line button')!.click();
  await el.updateComplete;
  const textarea = row(el, 'Bravo')!.querySelector('textarea')!;
  textarea.value = NOTE;
  textarea.dispatchEvent(new Event('input'));
  await el.updateComplete;
  return { adapter, contact, el, bravo: defs[1]! };
}

const row = (el: LiftChecklist, text: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="item"]')].find((li) => li.textContent!.includes(text));
/** Notices that quote the note, and the keys it is kept under in the browser. */
const notices = (el: LiftChecklist) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="notice"]')].filter((p) => p.textContent!.includes(NOTE));
const stored = () => Object.keys(localStorage).filter((key) => localStorage.getItem(key)!.includes(NOTE));
const said = (p: HTMLElement) => p.textContent!.replace(/\s+/g, ' ').trim();

describe('<lift-checklist> a note being written on an item that leaves the list', () => {
  afterEach(() => localStorage.clear());

  for (const [lang, words, discard] of [
    ['nl', `“Bravo” staat niet meer in de checklist; je notitie is niet opgeslagen: “${NOTE}”`, 'Weggooien'],
    ['en', `“Bravo” is no longer in the checklist; your note was not saved: “${NOTE}”`, 'Discard'],
  ] as const) {
    it(`says so with the note's text when the item is deleted elsewhere (${lang}), and Discard forgets it`, async () => {
      const { adapter, el, bravo } = await setup(lang);
      expect(stored(), 'the note is kept in the browser').to.have.length(1);
      await adapter.checklists!.deleteDefinition(bravo.id, bravo.version);
      await waitUntil(() => !row(el, 'Bravo'), 'the deleted item leaves the list');
      await el.updateComplete;
      const [notice, ...more] = notices(el);
      expect(more, 'one notice').to.have.length(0);
      expect(notice, 'the unsaved note is said').to.exist;
      expect(said(notice!)).to.include(words);
      expect(notice!.getAttribute('role')).to.equal('status');
      const button = notice!.querySelector('button')!;
      expect(said(button)).to.match(new RegExp(`^${discard}\\b`));
      button.focus();
      button.click();
      await el.updateComplete;
      expect(notices(el), 'the notice goes').to.have.length(0);
      expect(stored(), 'the note is no longer kept').to.deep.equal([]);
      await waitUntil(() => el.shadowRoot!.activeElement?.id === 'heading', 'focus goes to the heading, not the page');
    });
  }

  it('says so when the item is made hidden elsewhere, and Discard forgets it', async () => {
    const { adapter, el, bravo } = await setup('nl');
    await adapter.checklists!.saveDefinition({ ...bravo, mode: 'hidden' });
    await waitUntil(() => !row(el, 'Bravo'), 'the hidden item leaves the list');
    await el.updateComplete;
    expect(notices(el).map(said).join()).to.include(`“Bravo” staat niet meer in de checklist; je notitie is niet opgeslagen: “${NOTE}”`);
    notices(el)[0]!.querySelector('button')!.click();
    await el.updateComplete;
    expect(notices(el), 'the notice goes').to.have.length(0);
    expect(stored(), 'the note is no longer kept').to.deep.equal([]);
  });

  it('says nothing of a note being written on an item still shown, even when another item leaves', async () => {
    const { adapter, el } = await setup('en');
    const alpha = (await adapter.checklists!.definitions('contact')).find((d) => d.text === 'Alpha')!;
    await adapter.checklists!.deleteDefinition(alpha.id, alpha.version);
    await waitUntil(() => !row(el, 'Alpha'), 'the deleted item leaves the list');
    await el.updateComplete;
    expect(notices(el), 'no notice').to.have.length(0);
    expect(row(el, 'Bravo')!.querySelector('textarea')!.value, 'the note is still being written').to.equal(NOTE);
  });

  it('says so of a note kept in the browser for an item no longer there, named by a generic word', async () => {
    const adapter = new MemoryAdapter();
    const { contact } = await oneContact(adapter, 'Reclamebureau Zon', { firstName: 'Lotte', lastName: 'Bos' });
    await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'Alpha', category: 'Groep', order: 1, mode: 'editable', modeByStatus: {} });
    localStorage.setItem(noteKey(adapter, contact.id, 'gone-item'), JSON.stringify({ text: NOTE, from: '', savedAt: Date.now() }));
    const el = await fixture<LiftChecklist>(html`<lift-checklist lang="en" contact-id=${contact.id} .adapter=${adapter}></lift-checklist>`);
    await el.loaded;
    await el.updateComplete;
    expect(notices(el).map(said).join()).to.include(`An item is no longer in the checklist; your note was not saved: “${NOTE}”`);
    notices(el)[0]!.querySelector('button')!.click();
    await el.updateComplete;
    expect(notices(el), 'the notice goes').to.have.length(0);
    expect(stored(), 'the note is no longer kept').to.deep.equal([]);
  });
});
