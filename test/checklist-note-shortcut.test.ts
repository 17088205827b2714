import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import '../src/lift-checklist.js';
import '../src/lift-contact-card.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { mountCard } from './harness.js';
import { waitUntil } from './helpers.js';

/**
 * Ctrl+S as the keyboard sends it. WebDriver (WebKitGTK) takes no `down`/`up`: there a press of
 * WebDriver's Control key point (U+E009) with "s" holds both down together, then lets go.
 */
async function ctrlS() {
  try {
    await sendKeys({ down: 'Control' });
  } catch {
    await sendKeys({ press: '\uE009s' });
    return;
  }
  await sendKeys({ press: 's' });
  await sendKeys({ up: 'Control' });
}

const $ = <T extends Element = HTMLElement>(el: LiftContactCard, selector: string) => el.shadowRoot!.querySelector<T>(selector);

/** A prospect's contact with one editable checklist item, on its own database. */
async function world() {
  const adapter = freshIndexedDbAdapter();
  const relation = await adapter.relations.create({ kind: 'prospect', name: 'Drukkerij De Vries' });
  const contact = await adapter.contacts.create({ relationId: relation.id, firstName: 'Anna', lastName: 'Berg' });
  const item = await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'AVG-toestemming', category: 'Privacy', order: 1, mode: 'editable', modeByStatus: {} });
  return { adapter, contact, item };
}

describe('the checklist note editor’s Save', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  for (const dirty of [true, false]) {
    it(`Ctrl+S in the card's checklist note editor saves the note (card ${dirty ? 'with' : 'without'} unsaved personal edits)`, async () => {
      const { adapter, contact, item } = await world();
      const el = await mountCard(adapter, contact.id, { tab: 'checklist' });
      if (dirty) {
        const first = $<HTMLInputElement>(el, '#field-firstName')!;
        first.value = 'Xander';
        first.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        await el.updateComplete;
        expect(el.dirty, 'the personal details changed').to.equal(true);
      }
      await waitUntil(() => $(el, 'lift-checklist')?.shadowRoot?.querySelector('[part~="item"] .line button'), 'checklist');
      const list = $<LiftChecklist>(el, 'lift-checklist')!;
      list.shadowRoot!.querySelector<HTMLButtonElement>('[part~="item"] .line button')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => list.shadowRoot!.activeElement?.tagName === 'TEXTAREA', 'note editor');
      await sendKeys({ type: 'Per mail' });
      let prevented: boolean | undefined;
      const spy = (e: KeyboardEvent) => e.key.toLowerCase() === 's' && e.ctrlKey && (prevented = e.defaultPrevented);
      window.addEventListener('keydown', spy);
      try {
        await ctrlS();
      } finally {
        window.removeEventListener('keydown', spy);
      }
      const note = async () => (await adapter.checklists!.states(contact.id)).find((s) => s.itemId === item.id)?.note;
      let stored: string | undefined;
      await waitUntil(async () => (stored = await note()) === 'Per mail', 'the note stored').catch(() => undefined);
      expect({ note: stored, dirty: el.dirty, browserKeyPrevented: prevented }).to.deep.equal({ note: 'Per mail', dirty, browserKeyPrevented: true });
      await waitUntil(() => !list.shadowRoot!.querySelector('.note-editor'), 'the editor closed');
      expect(list.shadowRoot!.querySelector('[part~="note"]')?.textContent).to.contain('Per mail');
      expect($<HTMLInputElement>(el, '#field-firstName')!.value, 'the personal edits kept').to.equal(dirty ? 'Xander' : 'Anna');
    });
  }

  it('the standalone checklist’s note editor still saves with its Save button', async () => {
    const { adapter, contact, item } = await world();
    const list = await fixture<LiftChecklist>(html`<lift-checklist lang="en" contact-id=${contact.id} .adapter=${adapter}></lift-checklist>`);
    await list.loaded;
    await list.updateComplete;
    list.shadowRoot!.querySelector<HTMLButtonElement>('[part~="item"] .line button')!.click();
    await list.updateComplete;
    const text = list.shadowRoot!.querySelector<HTMLTextAreaElement>('.note-editor textarea')!;
    text.value = 'Getekend';
    text.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await list.updateComplete;
    const save = [...list.shadowRoot!.querySelectorAll<HTMLButtonElement>('.note-editor button')].find((b) => b.textContent!.trim() === 'Save')!;
    save.click();
    await waitUntil(async () => (await adapter.checklists!.states(contact.id)).find((s) => s.itemId === item.id)?.note === 'Getekend', 'the note stored');
    await waitUntil(() => !list.shadowRoot!.querySelector('.note-editor'), 'the editor closed');
    expect(list.shadowRoot!.querySelector('[part~="note"]')?.textContent).to.contain('Getekend');
  });
});
