import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { IndexedDbAdapter } from '../src/data/adapters/indexeddb-adapter.js';
import '../src/lift-contact-card.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { typeInto, waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

// Working on a long card in a page that scrolls: Save stays within reach while editing, the
// saved state shows, and what an overview row fills comes into view.

async function world() {
  const adapter = freshIndexedDbAdapter();
  const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser', jobTitle: 'Directeur' });
  for (let i = 0; i < 12; i++) await adapter.timeline.add({ contactId: contact.id, kind: 'email', subject: `Bericht ${i}`, body: `Tekst ${i}` });
  return { adapter, contact };
}

/** A card in a 420 px high box that scrolls, as a page on a small screen does. */
async function inScroller(adapter: IndexedDbAdapter, contactId: string, lang: string) {
  const box = await fixture<HTMLElement>(html`<div style="height: 420px; width: 700px; overflow: auto">
    <lift-contact-card lang=${lang} contact-id=${contactId} tab="overview" detail-tabs="personal function project item" .adapter=${adapter}></lift-contact-card>
  </div>`);
  const card = box.querySelector<LiftContactCard>('lift-contact-card')!;
  await card.loaded;
  await card.updateComplete;
  // The overview at its full height between the bar and the detail pane, as a user sees it.
  await customElements.whenDefined('lift-contact-timeline');
  const timeline = card.shadowRoot!.querySelector<LiftContactTimeline>('lift-contact-timeline')!;
  await timeline.loaded;
  await waitUntil(() => timeline.shadowRoot!.querySelector('[part~="entry"]'), 'overview rows');
  return { box, card };
}

const $ = <T extends Element = HTMLElement>(card: LiftContactCard, selector: string) => card.shadowRoot!.querySelector<T & Element>(selector);
const visibleIn = (el: Element, box: Element) => {
  const r = el.getBoundingClientRect();
  const b = box.getBoundingClientRect();
  return r.height > 0 && r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
};

describe('<lift-contact-card> within reach', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  for (const [lang, saveLabel, savedWords] of [
    ['en', 'Save', 'Saved at'],
    ['nl', 'Opslaan', 'Opgeslagen om'],
  ] as const) {
    it(`keeps Save in view while editing far below the bar, and shows that it saved (${lang})`, async () => {
      const { adapter, contact } = await world();
      const { box, card } = await inScroller(adapter, contact.id, lang);
      // Double-click on the name: the form far below, focus in the first name.
      $(card, '[part~="name"]')!.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true }));
      await waitUntil(() => card.shadowRoot!.activeElement?.id === 'field-firstName', 'focus in the form');
      const input = $<HTMLInputElement>(card, '#field-jobTitle')!;
      input.scrollIntoView({ block: 'nearest' });
      await typeInto(card, input, 'Eigenaar');
      expect(visibleIn(card.shadowRoot!.querySelector('lift-button-bar')!, box), 'the bar has scrolled away').to.equal(false);
      const save = $<HTMLButtonElement>(card, '[part~="form-actions"] button[type="submit"]')!;
      expect(save.textContent!.trim()).to.equal(saveLabel);
      expect(visibleIn(save, box), 'Save is in view').to.equal(true);
      expect(save.getAttribute('aria-disabled')).to.equal('false');
      save.click();
      await waitUntil(async () => (await adapter.contacts.get(contact.id)).jobTitle === 'Eigenaar', 'the save to land');
      await waitUntil(() => $(card, '[part~="save-state"]')?.textContent!.includes(savedWords), 'the saved state');
      const state = $(card, '[part~="save-state"]')!;
      expect(visibleIn(state, box), 'the saved state is on screen, not only announced').to.equal(true);
      expect(getComputedStyle(state).visibility).to.equal('visible');
      // The next edit replaces "saved" by what is unsaved.
      await typeInto(card, input, 'Eigenaar en oprichter');
      expect(state.textContent).not.to.include(savedWords);
    });
  }

  it("keeps focus on the form's own Save and Undo once they have done their work, with the keyboard", async () => {
    const { adapter, contact } = await world();
    const { card } = await inScroller(adapter, contact.id, 'en');
    $(card, '[part~="name"]')!.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true }));
    await waitUntil(() => card.shadowRoot!.activeElement?.id === 'field-firstName', 'focus in the form');
    const input = $<HTMLInputElement>(card, '#field-jobTitle')!;
    const [undo, save] = [...card.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="form-actions"] button')];
    await typeInto(card, input, 'Eigenaar');
    save!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(card, '[part~="save-state"]')?.textContent!.includes('Saved at'), 'the saved state');
    expect(card.shadowRoot!.activeElement, 'focus stays on Save').to.equal(save);
    expect(save!.getAttribute('aria-disabled'), 'nothing more to save').to.equal('true');
    // Pressed again with nothing to save, it does nothing.
    await sendKeys({ press: 'Enter' });
    expect((await adapter.contacts.get(contact.id)).version).to.equal(contact.version + 1);

    await typeInto(card, input, 'Eigenaar en oprichter');
    undo!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => input.value === 'Eigenaar', 'the edit undone');
    expect(card.shadowRoot!.activeElement, 'focus stays on Undo').to.equal(undo);
    expect(undo!.getAttribute('aria-disabled')).to.equal('true');
  });

  it('brings the detail pane into view when an overview entry fills it', async () => {
    const { adapter, contact } = await world();
    const { box, card } = await inScroller(adapter, contact.id, 'en');
    const timeline = $<LiftContactTimeline>(card, 'lift-contact-timeline')!;
    expect(visibleIn($(card, '[part~="detail-tabs"]')!, box), 'the detail pane starts below the fold').to.equal(false);
    timeline.shadowRoot!.querySelector<HTMLElement>('[part~="entry"]')!.click();
    await waitUntil(() => visibleIn($(card, '[part~="detail-tabs"]')!, box), 'the detail pane in view');
    expect($(card, '[part~="detail-panel"]')!.textContent).to.include('Bericht 11');
  });

  it('brings the detail pane into view when a project fills it', async () => {
    const { adapter, contact } = await world();
    await adapter.work!.create({ contactId: contact.id, kind: 'project', title: 'Huisstijl 2027', description: 'Nieuwe huisstijl.' });
    const { box, card } = await inScroller(adapter, contact.id, 'en');
    card.tab = 'projects';
    await waitUntil(() => $(card, 'table.projects button'), 'the projects');
    expect(visibleIn($(card, '[part~="detail-tabs"]')!, box), 'the detail pane starts below the fold').to.equal(false);
    $(card, 'table.projects button')!.click();
    await waitUntil(() => visibleIn($(card, '[part~="detail-tabs"]')!, box), 'the detail pane in view');
    await waitUntil(() => $(card, '[part~="detail-panel"]')!.textContent!.includes('Nieuwe huisstijl.'), 'the project in the detail pane');
  });

  it('offers no "Record activity" on an archived contact, nor on its correspondence', async () => {
    const { adapter, contact } = await world();
    await adapter.contacts.setArchived(contact.id, contact.version, true);
    const { card } = await inScroller(adapter, contact.id, 'en');
    const timeline = $<LiftContactTimeline>(card, 'lift-contact-timeline')!;
    const buttons = () => [...timeline.shadowRoot!.querySelectorAll('[part~="filters"] button')].map((b) => b.textContent!.trim());
    expect(buttons()).not.to.include('Record activity');
    expect($(card, '[part~="form-actions"]'), 'no Save on an archived contact').to.equal(null);
  });

  it('offers no editing words or buttons to a viewer', async () => {
    const { adapter, contact } = await world();
    adapter.session.setUser({ id: 'u-viewer', name: 'Vera', role: 'viewer' });
    const { card } = await inScroller(adapter, contact.id, 'en');
    const name = $(card, '[part~="name"]')!;
    expect(name.title).to.equal('Show personal details');
    expect(name.title).not.to.include('Edit');
    expect($(card, '[part~="form-actions"]'), 'no Save in a read-only form').to.equal(null);
    card.lang = 'nl';
    await waitUntil(() => $(card, '[part~="name"]')!.title === 'Persoonsgegevens tonen', 'the Dutch tooltip');
  });
});

describe('<lift-contact-card> header without the tabs it opens', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  it('shows the name and job title as text when the card offers neither the personal nor the function tab', async () => {
    const { adapter, contact } = await world();
    const card = await fixture<LiftContactCard>(html`<lift-contact-card lang="en" contact-id=${contact.id} detail-tabs="project item" .adapter=${adapter}></lift-contact-card>`);
    await card.loaded;
    await card.updateComplete;
    const name = $(card, '[part~="name"]')!;
    expect(name.textContent).to.include('Visser');
    // A button there would promise details it cannot show: click and Enter did nothing.
    expect(name.localName, 'the name').not.to.equal('button');
    expect(name.title, 'no tooltip offering to show or edit').to.equal('');
    const functionLine = $(card, '.function')!;
    expect(functionLine.textContent).to.include('Directeur');
    expect(functionLine.querySelector('button:not([part~="relation"])'), 'the job title').to.equal(null);
    // The relation stays a button: the host may open the relation on its event.
    expect(functionLine.querySelector('[part~="relation"]')!.localName).to.equal('button');
    // The name still takes focus when the card puts it there (after a dialog or another contact).
    name.focus();
    expect(card.shadowRoot!.activeElement).to.equal(name);
  });

  it('turns the name back into a button when the personal tab is offered again', async () => {
    const { adapter, contact } = await world();
    const card = await fixture<LiftContactCard>(html`<lift-contact-card lang="en" contact-id=${contact.id} detail-tabs="function" .adapter=${adapter}></lift-contact-card>`);
    await card.loaded;
    await card.updateComplete;
    expect($(card, '[part~="name"]')!.localName).not.to.equal('button');
    expect($(card, '.function button:not([part~="relation"])'), 'the job title opens the function tab').not.to.equal(null);
    card.setAttribute('detail-tabs', 'personal function');
    await card.updateComplete;
    const name = $(card, '[part~="name"]')!;
    expect(name.localName).to.equal('button');
    name.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true }));
    await waitUntil(() => card.shadowRoot!.activeElement?.id === 'field-firstName', 'focus in the first name');
  });
});
