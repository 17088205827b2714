import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import '../src/lift-checklist.js';
import { waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

/** A contact with the editable items `texts`, in one category, on a memory adapter. */
async function setup(texts: string[]) {
  const adapter = new MemoryAdapter();
  const { contact } = await oneContact(adapter, 'Reclamebureau Zon', { firstName: 'Lotte', lastName: 'Bos' });
  for (const [order, text] of texts.entries()) {
    await adapter.checklists!.saveDefinition({ cardType: 'contact', text, category: 'Groep', order: order + 1, mode: 'editable', modeByStatus: {} });
  }
  return { adapter, contact };
}

/** A promise to hold a slow server's answers with, and its release. */
function gate() {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  return { held, release };
}

// Text typed here has no letter twice in a row: WebKit's WebDriver drops the second.
const root = (el: LiftChecklist) => el.shadowRoot!;
const row = (el: LiftChecklist, text: string) => [...root(el).querySelectorAll<HTMLElement>('[part~="item"]')].find((li) => li.textContent!.includes(text))!;
const manage = (el: LiftChecklist) => root(el).querySelector<HTMLElement>('[part~="manage"]')!;
const order = (el: LiftChecklist) => [...manage(el).querySelectorAll<HTMLInputElement>('tbody tr td:first-child input')].map((input) => input.value);
/** What has focus, said for a failed expectation. */
const focusName = (el: LiftChecklist) => {
  const active = root(el).activeElement ?? document.activeElement;
  return `${active?.localName ?? 'nothing'} ${active?.getAttribute('aria-label') ?? active?.textContent?.trim().replace(/\s+/g, ' ') ?? ''}`;
};

describe('<lift-checklist> focus after a slow save', () => {
  afterEach(() => localStorage.clear());

  it('leaves focus in the note the user went on to write when an earlier note’s save finishes; a note saved from its editor gives focus to its button', async () => {
    const { adapter, contact } = await setup(['AVG-toestemming', 'KvK gecontroleerd']);
    const { held, release } = gate();
    const setState = adapter.checklists!.setState.bind(adapter.checklists);
    adapter.checklists!.setState = async (...args) => (await held, setState(...args));
    const el = await fixture<LiftChecklist>(html`<lift-checklist lang="en" contact-id=${contact.id} .adapter=${adapter}></lift-checklist>`);
    await el.loaded;
    await el.updateComplete;

    row(el, 'AVG').querySelector<HTMLButtonElement>('.line button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root(el).activeElement === row(el, 'AVG').querySelector('textarea'), 'the AVG note editor');
    await sendKeys({ type: 'Per mail' });
    row(el, 'AVG').querySelector('form')!.requestSubmit();
    await waitUntil(() => row(el, 'AVG').getAttribute('aria-busy') === 'true', 'the AVG note on its way');

    row(el, 'KvK').querySelector<HTMLButtonElement>('.line button')!.click();
    await waitUntil(() => root(el).activeElement === row(el, 'KvK').querySelector('textarea'), 'focus in the KvK note editor');
    await sendKeys({ type: 'Gebeld' });
    release();
    await waitUntil(() => row(el, 'AVG').querySelector('[part~="note"]')?.textContent?.includes('Per mail'), 'the AVG note shown');
    await el.updateComplete;
    expect(root(el).activeElement, `focus stays in the KvK note (${focusName(el)})`).to.equal(row(el, 'KvK').querySelector('textarea'));
    await sendKeys({ type: ' dinsdag' });
    expect(row(el, 'KvK').querySelector('textarea')!.value, 'typing goes on in the KvK note').to.equal('Gebeld dinsdag');

    // Saved from its own editor, the note's button takes focus as before.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => row(el, 'KvK').querySelector('[part~="note"]')?.textContent?.includes('Gebeld dinsdag'), 'the KvK note shown');
    await waitUntil(() => root(el).activeElement === row(el, 'KvK').querySelector('.line button'), `focus on KvK's Edit note (${focusName(el)})`);
  });

  it('closes only the note editor with Escape, not a dialog the checklist is in', async () => {
    const { adapter, contact } = await setup(['AVG-toestemming']);
    const dialog = await fixture<HTMLDialogElement>(html`<dialog><lift-checklist lang="en" contact-id=${contact.id} .adapter=${adapter}></lift-checklist></dialog>`);
    const el = dialog.querySelector<LiftChecklist>('lift-checklist')!;
    dialog.showModal();
    await el.loaded;
    await el.updateComplete;
    row(el, 'AVG').querySelector<HTMLButtonElement>('.line button')!.click();
    await waitUntil(() => root(el).activeElement === row(el, 'AVG').querySelector('textarea'), 'focus in the note editor');
    await sendKeys({ type: 'Per mail' });
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !row(el, 'AVG').querySelector('textarea'), 'Escape closed the editor');
    expect(dialog.open, 'the dialog around the checklist stays open').to.equal(true);
    // On the editor's Save button (where a failed save puts focus back) as in its text.
    row(el, 'AVG').querySelector<HTMLButtonElement>('.line button')!.click();
    await waitUntil(() => root(el).activeElement === row(el, 'AVG').querySelector('textarea'), 'the editor open again');
    await sendKeys({ press: 'Tab' });
    expect(focusName(el)).to.match(/^button Save/);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !row(el, 'AVG').querySelector('textarea'), 'Escape on Save closed the editor');
    expect(dialog.open, 'the dialog around the checklist stays open after Escape on Save').to.equal(true);
    dialog.close();
  });
});

describe('<lift-checklist> management focus after a slow write', () => {
  afterEach(() => localStorage.clear());

  async function mountManaged() {
    const { adapter, contact } = await setup(['Alpha', 'Bravo', 'Charlie']);
    const el = await fixture<LiftChecklist>(html`<lift-checklist lang="en" manage contact-id=${contact.id} .adapter=${adapter}></lift-checklist>`);
    await el.loaded;
    await el.updateComplete;
    const newItem = () => manage(el).querySelector<HTMLInputElement>('input[name="text"]')!;
    return { adapter, el, newItem };
  }

  it('leaves focus in the field the user went to while a move was saved', async () => {
    const { adapter, el, newItem } = await mountManaged();
    const { held, release } = gate();
    const saveDefinition = adapter.checklists!.saveDefinition.bind(adapter.checklists);
    adapter.checklists!.saveDefinition = async (...args) => (await held, saveDefinition(...args));
    manage(el).querySelector<HTMLButtonElement>('button[aria-label="Move “Alpha” down"]')!.click();
    newItem().focus();
    await sendKeys({ type: 'Nieuw' });
    release();
    await waitUntil(() => order(el)[0] === 'Bravo', 'the move shown');
    await el.loaded;
    await el.updateComplete;
    expect(root(el).activeElement, `focus stays in the new-item field (${focusName(el)})`).to.equal(newItem());
    await sendKeys({ type: 'e lijst' });
    expect(newItem().value, 'typing goes on there').to.equal('Nieuwe lijst');
  });

  it('leaves focus in the field the user went to while a confirmed delete was saved; one that stayed goes to the row below', async () => {
    const { adapter, el, newItem } = await mountManaged();
    const dialog = () => manage(el).querySelector('dialog')!;
    const deleteButton = (text: string) => manage(el).querySelector<HTMLButtonElement>(`button[aria-label="Delete “${text}”"]`);
    const confirm = async (text: string) => {
      deleteButton(text)!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => dialog().open, 'the confirmation');
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => !dialog().open, 'the dialog closed');
    };
    let gated = gate();
    const deleteDefinition = adapter.checklists!.deleteDefinition.bind(adapter.checklists);
    adapter.checklists!.deleteDefinition = async (...args) => (await gated.held, deleteDefinition(...args));

    await confirm('Alpha');
    newItem().focus();
    await sendKeys({ type: 'Nieuw' });
    gated.release();
    await waitUntil(() => !deleteButton('Alpha'), 'the deletion shown');
    await el.loaded;
    await el.updateComplete;
    expect(root(el).activeElement, `focus stays in the new-item field (${focusName(el)})`).to.equal(newItem());
    await sendKeys({ type: 'e lijst' });
    expect(newItem().value, 'typing goes on there').to.equal('Nieuwe lijst');

    // The user waits for the answer: focus goes to the row that took the deleted one's place.
    gated = gate();
    await confirm('Bravo');
    gated.release();
    await waitUntil(() => !deleteButton('Bravo'), 'the second deletion shown');
    await waitUntil(() => root(el).activeElement === deleteButton('Charlie'), `focus on the row below (${focusName(el)})`);
  });
});
