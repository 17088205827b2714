import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import '../src/lift-checklist.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

const TYPED = 'Offerte pas na overleg met de directie versturen';

/** A contact with the items Alpha, Bravo and Charlie, shown in a checklist in English. */
async function world() {
  const { adapter, contact } = await oneContact(freshIndexedDbAdapter(), 'Bakkerij Koster', { firstName: 'Anouk', lastName: 'Smit' });
  const items = [];
  for (const [i, text] of ['Alpha', 'Bravo', 'Charlie'].entries()) {
    items.push(await adapter.checklists!.saveDefinition({ cardType: 'contact', text, category: 'Intake', order: i + 1, mode: 'editable', modeByStatus: {} }));
  }
  const el = await fixture<LiftChecklist>(html`<lift-checklist lang="en" contact-id=${contact.id} .adapter=${adapter}></lift-checklist>`);
  await el.loaded;
  await el.updateComplete;
  return { adapter, contact, items, el };
}

const shadow = (el: LiftChecklist) => el.shadowRoot!;
const rowOf = (el: LiftChecklist, text: string) => [...shadow(el).querySelectorAll<HTMLElement>('[part~="item"]')].find((li) => li.textContent!.includes(text));
const boxOf = (el: LiftChecklist, text: string) => rowOf(el, text)!.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
const editorButton = (el: LiftChecklist, text: string, label: string) =>
  [...rowOf(el, text)!.querySelectorAll<HTMLButtonElement>('.note-editor button')].find((b) => b.textContent!.trim() === label)!;
const filter = (el: LiftChecklist) => shadow(el).querySelector<HTMLInputElement>('header input[type="checkbox"]')!;
const focused = (el: LiftChecklist) => shadow(el).activeElement;

/** Opens the note editor on `text`'s item and types {@link TYPED} in it, focused. */
async function typeNote(el: LiftChecklist, text: string): Promise<HTMLTextAreaElement> {
  rowOf(el, text)!.querySelector<HTMLButtonElement>('.line button')!.click();
  await el.updateComplete;
  const area = rowOf(el, text)!.querySelector('textarea')!;
  area.focus();
  area.value = TYPED;
  area.dispatchEvent(new Event('input'));
  await el.updateComplete;
  return area;
}

async function archive(adapter: ReturnType<typeof freshIndexedDbAdapter>, el: LiftChecklist, contactId: string): Promise<void> {
  const current = await adapter.contacts.get(contactId);
  await adapter.contacts.setArchived(contactId, current!.version, true);
  await waitUntil(() => shadow(el).textContent!.includes('This contact is archived'), 'the archived contact shows');
  await el.updateComplete;
}

describe('<lift-checklist> a note being typed stays within reach', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  it('with "Open items only", ticking the item keeps its row and the typed note; once saved the row leaves and focus moves to the next open item', async () => {
    const { adapter, contact, items, el } = await world();
    filter(el).click();
    await el.updateComplete;
    await typeNote(el, 'Bravo');
    boxOf(el, 'Bravo').focus();
    boxOf(el, 'Bravo').click();
    await waitUntil(async () => (await adapter.checklists!.states(contact.id)).some((s) => s.itemId === items[1]!.id && s.done), 'the tick is saved');
    await waitUntil(() => boxOf(el, 'Bravo').checked && !boxOf(el, 'Bravo').disabled, 'the tick shows');
    expect(rowOf(el, 'Bravo')!.querySelector('textarea')?.value, 'the editor stays with the typed note').to.equal(TYPED);
    await waitUntil(() => focused(el) === boxOf(el, 'Bravo'), 'focus back on the ticked box');
    editorButton(el, 'Bravo', 'Save').click();
    await waitUntil(() => !rowOf(el, 'Bravo'), 'the done item leaves the open items once its note is saved');
    expect((await adapter.checklists!.states(contact.id)).find((s) => s.itemId === items[1]!.id)!.note).to.equal(TYPED);
    await waitUntil(() => focused(el) === boxOf(el, 'Charlie'), 'focus on the next open item, not on the page');
  });

  it('with "Open items only", an item ticked elsewhere keeps its editor, its text and the focus in it; Cancel then moves focus to the next open item', async () => {
    const { adapter, contact, items, el } = await world();
    filter(el).click();
    await el.updateComplete;
    const area = await typeNote(el, 'Bravo');
    await adapter.checklists!.setState(contact.id, items[1]!.id, 0, { done: true });
    await waitUntil(() => boxOf(el, 'Bravo').checked, 'the tick made elsewhere shows');
    await el.loaded;
    await el.updateComplete;
    const now = rowOf(el, 'Bravo')!.querySelector('textarea');
    expect(now?.value, 'the typed note is still on screen').to.equal(TYPED);
    expect(now, 'the same editor').to.equal(area);
    expect(focused(el), 'focus stays in the editor').to.equal(area);
    editorButton(el, 'Bravo', 'Cancel').click();
    await waitUntil(() => !rowOf(el, 'Bravo'), 'the done item leaves the open items once its editor closes');
    await waitUntil(() => focused(el) === boxOf(el, 'Charlie'), 'focus on the next open item, not on the page');
  });

  it('on a contact archived while a note is typed, Escape keeps the editor open with the text, Save cannot be pressed, and Cancel puts focus on the heading', async () => {
    const { adapter, contact, el } = await world();
    await typeNote(el, 'Bravo');
    await archive(adapter, el, contact.id);
    const area = rowOf(el, 'Bravo')!.querySelector('textarea')!;
    expect(area.value).to.equal(TYPED);
    expect(editorButton(el, 'Bravo', 'Save').disabled, 'Save cannot be pressed on a read-only list').to.equal(true);
    area.focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(rowOf(el, 'Bravo')!.querySelector('textarea')?.value, 'no button would open it again: the text stays in view').to.equal(TYPED);
    expect(focused(el), 'focus stays in the editor').to.equal(area);
    const cancel = editorButton(el, 'Bravo', 'Cancel');
    cancel.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !rowOf(el, 'Bravo')!.querySelector('textarea'), 'Cancel closes the editor');
    await waitUntil(() => focused(el)?.id === 'heading', 'focus on the heading, not on the page');
  });

  it('a note set aside with Escape shows in its editor once the contact is archived, as no button opens it then', async () => {
    const { adapter, contact, el } = await world();
    await typeNote(el, 'Bravo');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(rowOf(el, 'Bravo')!.querySelector('textarea'), 'set aside').to.equal(null);
    await archive(adapter, el, contact.id);
    expect(rowOf(el, 'Bravo')!.querySelector('.line button'), 'no button to open it').to.equal(null);
    expect(rowOf(el, 'Bravo')!.querySelector('textarea')?.value, 'the set-aside note is in view').to.equal(TYPED);
  });
});
