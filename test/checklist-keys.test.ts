import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import type { ChecklistItemDefinition } from '../src/data/contract/model.js';
import '../src/lift-checklist.js';
import { withFaults } from './faults.js';
import { waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

/** A contact with three items in one category, shown through an adapter whose calls can fail or hold. */
async function setup({ lang = 'en', width = '' } = {}) {
  const adapter = new MemoryAdapter();
  const { contact } = await oneContact(adapter, 'Reclamebureau Zon', { firstName: 'Lotte', lastName: 'Bos' });
  const defs: ChecklistItemDefinition[] = [];
  for (const [order, text] of ['Alpha', 'Bravo', 'Charlie'].entries()) {
    defs.push(await adapter.checklists!.saveDefinition({ cardType: 'contact', text, category: 'Groep', order: order + 1, mode: 'editable', modeByStatus: {} }));
  }
  const faults = withFaults(adapter);
  const mount = async (manage = false) => {
    const el = await fixture<LiftChecklist>(html`<lift-checklist lang=${lang} style=${width} ?manage=${manage} contact-id=${contact.id} .adapter=${faults.adapter}></lift-checklist>`);
    await el.loaded;
    await el.updateComplete;
    return el;
  };
  return { adapter, contact, defs, faults, mount };
}

const root = (el: LiftChecklist) => el.shadowRoot!;
const row = (el: LiftChecklist, text: string) => [...root(el).querySelectorAll<HTMLElement>('[part~="item"]')].find((li) => li.textContent!.includes(text));
const box = (el: LiftChecklist, text: string) => row(el, text)!.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
const shown = (el: LiftChecklist) => [...root(el).querySelectorAll('[part~="item"] label span')].map((s) => s.textContent!.trim());
const onlyOpen = async (el: LiftChecklist) => {
  root(el).querySelector<HTMLInputElement>('header input[type="checkbox"]')!.click();
  await el.updateComplete;
};
const manage = (el: LiftChecklist) => root(el).querySelector<HTMLElement>('[part~="manage"]')!;
const manageError = (el: LiftChecklist) => manage(el).querySelector('[part~="error"]')?.textContent ?? '';
const change = (input: HTMLInputElement, value: string) => {
  input.value = value;
  input.dispatchEvent(new Event('change'));
};

describe('<lift-checklist> rows follow their items', () => {
  afterEach(() => localStorage.clear());

  it('keeps keyboard focus on the item it was on when an item before it is ticked elsewhere: Space ticks that item', async () => {
    const { adapter, contact, defs, mount } = await setup();
    const el = await mount();
    await onlyOpen(el);
    box(el, 'Bravo').focus();
    await adapter.checklists!.setState(contact.id, defs[0]!.id, 0, { done: true });
    await waitUntil(() => !shown(el).includes('Alpha'), 'the item ticked elsewhere leaves the list');
    await el.updateComplete;
    await sendKeys({ type: ' ' });
    await waitUntil(async () => (await adapter.checklists!.states(contact.id)).length === 2, 'a second item ticked');
    const done = (await adapter.checklists!.states(contact.id)).filter((s) => s.done).map((s) => defs.find((d) => d.id === s.itemId)!.text);
    expect(done.sort(), 'Space ticked the item that had focus').to.deep.equal(['Alpha', 'Bravo']);
  });

  it('keeps focus in a note being written when an item before it is ticked elsewhere', async () => {
    const { adapter, contact, defs, mount } = await setup();
    const el = await mount();
    await onlyOpen(el);
    row(el, 'Charlie')!.querySelector<HTMLButtonElement>('.line button')!.click();
    await el.updateComplete;
    const textarea = row(el, 'Charlie')!.querySelector('textarea')!;
    textarea.focus();
    await sendKeys({ type: 'Gebeld' });
    await adapter.checklists!.setState(contact.id, defs[0]!.id, 0, { done: true });
    await waitUntil(() => !shown(el).includes('Alpha'), 'the item ticked elsewhere leaves the list');
    await el.updateComplete;
    expect(root(el).activeElement, 'focus stays in the note').to.equal(row(el, 'Charlie')!.querySelector('textarea'));
    await sendKeys({ type: '-dinsdag' });
    expect(row(el, 'Charlie')!.querySelector('textarea')!.value, 'typing goes on in the note').to.equal('Gebeld-dinsdag');
  });
});

describe('<lift-checklist> management', () => {
  afterEach(() => localStorage.clear());

  it('saves a second change of an item right after the first, even when a change from elsewhere is heard while the list is read again', async () => {
    const { adapter, contact, defs, mount } = await setup();
    const el = await mount(true);
    // Reads of the lookup list wait, as over a slow link, until let go; one given up answers so.
    const definitions = adapter.checklists!.definitions.bind(adapter.checklists);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    adapter.checklists!.definitions = (cardType, options) =>
      new Promise((resolve, reject) => {
        options?.signal?.addEventListener('abort', () => reject(new DOMException('Read given up', 'AbortError')));
        void held.then(() => options?.signal?.aborted || resolve(definitions(cardType, options)));
      });
    const [name, category] = manage(el).querySelectorAll<HTMLInputElement>('tbody tr:first-child input');
    change(name!, 'Alpha getekend');
    change(category!, 'Privacy');
    const stored = async () => (await definitions('contact')).find((d) => d.id === defs[0]!.id)!;
    await waitUntil(async () => (await stored()).text === 'Alpha getekend', 'the first change stored');
    // A colleague ticks another item while the list is read again after the first change.
    await adapter.checklists!.setState(contact.id, defs[1]!.id, 0, { done: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await waitUntil(async () => (await stored()).category === 'Privacy' || manageError(el) !== '', 'the second change answered');
    await el.loaded;
    expect(manageError(el), 'no conflict said').to.equal('');
    expect([(await stored()).text, (await stored()).category]).to.deep.equal(['Alpha getekend', 'Privacy']);
  });
});

describe('<lift-checklist> management forms', () => {
  afterEach(() => localStorage.clear());

  it('says in its own words, not a browser bubble, that a new item needs a name when Enter is pressed in the empty field', async () => {
    const { mount } = await setup({ lang: 'nl' });
    const el = await mount(true);
    const text = manage(el).querySelector<HTMLInputElement>('form [name="text"]')!;
    text.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => manageError(el) === 'Vul een tekst in.', `the missing name said (${manageError(el)})`);
    expect(text.getAttribute('aria-invalid')).to.equal('true');
  });

  it('keeps a name typed over a colleague\'s rename it was refused for, marked, until it is saved', async () => {
    const { adapter, defs, faults, mount } = await setup();
    // The colleague's rename is not heard first: the user's change is made on the old version.
    faults.muteFeed();
    const el = await mount(true);
    await adapter.checklists!.saveDefinition({ ...defs[0]!, text: 'Alpha (collega)' });
    const name = () => manage(el).querySelector<HTMLInputElement>('tbody tr:first-child input')!;
    change(name(), 'Alpha nieuw');
    await waitUntil(() => manageError(el).includes('Someone else just changed this item'), `the conflict said (${manageError(el)})`);
    await el.loaded;
    expect([name().value, name().getAttribute('aria-invalid')], 'the typed name kept and marked').to.deep.equal(['Alpha nieuw', 'true']);
    // Another field of the row saves meanwhile: the name typed stays.
    const category = () => manage(el).querySelectorAll<HTMLInputElement>('tbody tr:first-child input')[1]!;
    change(category(), 'Kantoor');
    await waitUntil(async () => (await adapter.checklists!.definitions('contact')).some((d) => d.category === 'Kantoor'), 'the category stored');
    await el.loaded;
    expect([name().value, name().getAttribute('aria-invalid')], 'the typed name still kept').to.deep.equal(['Alpha nieuw', 'true']);
    // Saved again, over the newest version, the stored name shows.
    change(name(), 'Alpha nieuw');
    await waitUntil(async () => (await adapter.checklists!.definitions('contact')).some((d) => d.text === 'Alpha nieuw'), 'the name stored');
    await el.loaded;
    expect([name().value, name().getAttribute('aria-invalid')]).to.deep.equal(['Alpha nieuw', 'false']);
    expect(category().value, 'the category still as typed').to.equal('Kantoor');
  });
});

describe('<lift-checklist> management writes one after another', () => {
  afterEach(() => localStorage.clear());

  it('keeps a name typed while an earlier rename of it was on its way, when that later one is refused', async () => {
    const { adapter, mount } = await setup();
    const el = await mount(true);
    const save = adapter.checklists!.saveDefinition.bind(adapter.checklists);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let writes = 0;
    // The first rename answers late and lands; the second is refused.
    adapter.checklists!.saveDefinition = async (definition) => {
      if (++writes === 1) return held.then(() => save(definition));
      throw new LiftDataError('validation', 'Not allowed.', { fields: { text: 'invalid' } });
    };
    const name = () => manage(el).querySelector<HTMLInputElement>('tbody tr:first-child input')!;
    change(name(), 'Alpha een');
    change(name(), 'Alpha twee');
    release();
    await waitUntil(() => writes === 2 && manageError(el) !== '', 'the second rename refused');
    await el.loaded;
    await el.updateComplete;
    expect([name().value, name().getAttribute('aria-invalid')], 'the later name kept and marked').to.deep.equal(['Alpha twee', 'true']);
  });
});

describe('<lift-checklist> notes', () => {
  afterEach(() => localStorage.clear());

  it("drops the warning about a colleague's note when the note editor is cancelled", async () => {
    const { adapter, contact, defs, mount } = await setup();
    const el = await mount();
    row(el, 'Alpha')!.querySelector<HTMLButtonElement>('.line button')!.click();
    await el.updateComplete;
    const textarea = row(el, 'Alpha')!.querySelector('textarea')!;
    textarea.value = 'Mijn notitie';
    textarea.dispatchEvent(new Event('input'));
    await adapter.checklists!.setState(contact.id, defs[0]!.id, 0, { note: 'Notitie van een collega' });
    // Heard from the change feed, and read again.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await el.loaded;
    const [save, cancel] = row(el, 'Alpha')!.querySelectorAll<HTMLButtonElement>('.note-editor button');
    save!.click();
    await waitUntil(() => row(el, 'Alpha')!.querySelector('[role="alert"]')?.textContent?.includes('Save again to replace it with yours'), 'the colleague’s note said');
    cancel!.click();
    await el.updateComplete;
    expect(row(el, 'Alpha')!.querySelector('.note-editor'), 'the editor closed').to.equal(null);
    expect(row(el, 'Alpha')!.querySelector('[role="alert"]'), 'no warning left').to.equal(null);
    expect(box(el, 'Alpha').hasAttribute('aria-describedby'), 'nothing said with the box').to.equal(false);
  });
});

describe('<lift-checklist> long words', () => {
  afterEach(() => localStorage.clear());

  // No place to break a line in it but after the first slash.
  const url = `https://example.com/${'langeweg'.repeat(20)}`;
  const fits = (element: Element) => element.scrollWidth <= element.clientWidth + 1;

  it("wraps a colleague's note quoted in a warning within a narrow list", async () => {
    const { adapter, contact, defs, mount } = await setup({ width: 'width: 320px' });
    const el = await mount();
    row(el, 'Alpha')!.querySelector<HTMLButtonElement>('.line button')!.click();
    await el.updateComplete;
    const textarea = row(el, 'Alpha')!.querySelector('textarea')!;
    textarea.value = 'Mijn notitie';
    textarea.dispatchEvent(new Event('input'));
    await adapter.checklists!.setState(contact.id, defs[0]!.id, 0, { note: url });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await el.loaded;
    row(el, 'Alpha')!.querySelector<HTMLButtonElement>('.note-editor button')!.click();
    await waitUntil(() => row(el, 'Alpha')!.querySelector('[part~="error"]')?.textContent?.includes(url), 'the colleague’s note said');
    const warning = row(el, 'Alpha')!.querySelector('[part~="error"]')!;
    expect(warning.getBoundingClientRect().width, 'the warning within the list').to.be.at.most(320);
    expect(fits(warning), `the warning's text within it (${warning.scrollWidth} > ${warning.clientWidth})`).to.equal(true);
  });

  it('wraps a long item name in the question before deleting it', async () => {
    const { adapter, defs, mount } = await setup({ width: 'width: 320px' });
    await adapter.checklists!.saveDefinition({ ...defs[0]!, text: url });
    const el = await mount(true);
    manage(el).querySelector<HTMLButtonElement>('tbody tr:first-child button[data-remove]')!.click();
    await waitUntil(() => manage(el).querySelector('dialog')?.open, 'the question asked');
    await el.updateComplete;
    const question = manage(el).querySelector('dialog p')!;
    expect(question.textContent).to.include(url);
    expect(fits(question), `the question within the dialog (${question.scrollWidth} > ${question.clientWidth})`).to.equal(true);
    manage(el).querySelector<HTMLButtonElement>('dialog button[value="cancel"]')!.click();
  });
});
