import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { ChecklistItemDefinition, Contact } from '../src/data/contract/model.js';
import '../src/lift-checklist.js';
import { withFaults } from './faults.js';
import { waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

/** A contact with the editable items Alpha, Bravo and Charlie, in one category, on a memory adapter. */
async function world() {
  const adapter = new MemoryAdapter();
  const { contact } = await oneContact(adapter, 'Reclamebureau Zon', { firstName: 'Lotte', lastName: 'Bos' });
  const defs: ChecklistItemDefinition[] = [];
  for (const [order, text] of ['Alpha', 'Bravo', 'Charlie'].entries()) {
    defs.push(await adapter.checklists!.saveDefinition({ cardType: 'contact', text, category: 'Groep', order: order + 1, mode: 'editable', modeByStatus: {} }));
  }
  return { adapter, contact, defs };
}

async function mount(adapter: LiftAdapter, contact: Contact, manage = true) {
  const el = await fixture<LiftChecklist>(html`<lift-checklist lang="en" contact-id=${contact.id} ?manage=${manage} .adapter=${adapter}></lift-checklist>`);
  await el.loaded;
  await el.updateComplete;
  return el;
}

// Text typed here has no letter twice in a row: WebKit's WebDriver drops the second.
const root = (el: LiftChecklist) => el.shadowRoot!;
const manage = (el: LiftChecklist) => root(el).querySelector<HTMLElement>('[part~="manage"]');
const managed = (el: LiftChecklist) => manage(el)!;
/** The lookup list's row of the item now named (or typed as) `text`'s start. */
const tableRow = (el: LiftChecklist, text: string) =>
  [...managed(el).querySelectorAll<HTMLTableRowElement>('tbody tr')].find((r) => r.querySelector<HTMLInputElement>('input')!.value.startsWith(text))!;
const names = (el: LiftChecklist) => [...managed(el).querySelectorAll<HTMLInputElement>('tbody tr td:first-child input')].map((input) => input.value);
const error = (el: LiftChecklist) => manage(el)?.querySelector('[part~="error"]')?.textContent ?? '';
const change = (input: HTMLInputElement, value: string) => {
  input.value = value;
  input.dispatchEvent(new Event('change'));
};
const stored = async (adapter: LiftAdapter) => (await adapter.checklists!.definitions('contact')).map((d) => d.text);
/** What has focus, said for a failed expectation. */
const focusName = (el: LiftChecklist) => {
  const active = root(el).activeElement ?? document.activeElement;
  return `${active?.localName ?? 'nothing'} ${active?.getAttribute('aria-label') ?? ''}`;
};

/**
 * A flaky link: the adapter's saves of an item wait until `release()`; once one lands, reading
 * the list fails until `heal()`.
 */
function flaky(adapter: LiftAdapter) {
  const saveDefinition = adapter.checklists!.saveDefinition.bind(adapter.checklists);
  const definitions = adapter.checklists!.definitions.bind(adapter.checklists);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let broken = false;
  let landed = 0;
  adapter.checklists!.saveDefinition = async (definition) => {
    await gate;
    const saved = await saveDefinition(definition);
    // Only the first: the load error shows, and reads work again from heal() on.
    if (++landed === 1) broken = true;
    return saved;
  };
  adapter.checklists!.definitions = (...args) => (broken ? Promise.reject(new LiftDataError('unavailable', 'the link dropped')) : definitions(...args));
  return { release, heal: () => (broken = false) };
}

/** Waits for the list's load error, heals the link and presses Try again (unless the list was read again meanwhile). */
async function retryOnceHealed(el: LiftChecklist, heal: () => void) {
  await waitUntil(() => root(el).querySelector('[part~="notice"][part~="error"]')?.textContent?.includes('could not be loaded'), 'the load error');
  heal();
  [...root(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Try again')?.click();
  await el.loaded;
  await el.updateComplete;
  await waitUntil(() => manage(el), 'the lookup list again');
}

describe('<lift-checklist manage> after review', () => {
  afterEach(() => localStorage.clear());

  it('saves a rename made behind another whose reload failed, instead of dropping it unsaid', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact);
    const link = flaky(adapter);
    change(tableRow(el, 'Alpha').querySelector('input')!, 'Alpha twee');
    change(tableRow(el, 'Bravo').querySelector('input')!, 'Bravo twee');
    link.release();
    await retryOnceHealed(el, link.heal);
    const name = () => tableRow(el, 'Bravo').querySelector('input')!;
    await waitUntil(async () => (await stored(adapter)).includes('Bravo twee') || name().getAttribute('aria-invalid') === 'true', `the second rename saved, or marked (${name().value}, ${String(await stored(adapter))})`);
    await el.loaded;
    await el.updateComplete;
    expect(await stored(adapter)).to.deep.equal(['Alpha twee', 'Bravo twee', 'Charlie']);
    expect(names(el), 'the table shows what is stored').to.deep.equal(['Alpha twee', 'Bravo twee', 'Charlie']);
    expect(name().getAttribute('aria-invalid')).to.equal('false');
    expect(error(el), 'nothing said').to.equal('');
  });

  it('adds an item asked for behind a write whose reload failed', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact);
    const link = flaky(adapter);
    change(tableRow(el, 'Alpha').querySelector('input')!, 'Alpha twee');
    const form = managed(el).querySelector('form')!;
    form.querySelector<HTMLInputElement>('[name="text"]')!.value = 'Delta';
    form.requestSubmit();
    link.release();
    await retryOnceHealed(el, link.heal);
    await waitUntil(async () => (await stored(adapter)).includes('Delta') || error(el).includes('Delta'), `the item added, or its failure said (${String(await stored(adapter))})`);
    await el.loaded;
    await el.updateComplete;
    expect(await stored(adapter)).to.deep.equal(['Alpha twee', 'Bravo', 'Charlie', 'Delta']);
    expect(names(el)).to.deep.equal(['Alpha twee', 'Bravo', 'Charlie', 'Delta']);
  });

  it('keeps saying a failed delete while another change in the lookup list is saved, until the item is deleted', async () => {
    const { adapter, contact } = await world();
    const faults = withFaults(adapter);
    const el = await mount(faults.adapter, contact);
    let answer!: () => void;
    const after = new Promise<void>((resolve) => (answer = resolve));
    faults.fail('checklists.deleteDefinition', new LiftDataError('unavailable', 'the server is away'), { after });
    const dialog = () => managed(el).querySelector('dialog')!;
    const confirm = async (text: string) => {
      managed(el).querySelector<HTMLButtonElement>(`button[aria-label="Delete “${text}”"]`)!.click();
      await waitUntil(() => dialog().open, 'the confirmation');
      dialog().querySelector<HTMLButtonElement>('button[value="confirm"]')!.click();
    };
    await confirm('Alpha');
    answer();
    await waitUntil(() => error(el).includes('Saving failed'), `the failed delete said (${error(el)})`);
    // Another row's category saves: Alpha is still not deleted, and still said so.
    change(tableRow(el, 'Charlie').querySelectorAll('input')[1]!, 'Kantoor');
    await waitUntil(async () => (await adapter.checklists!.definitions('contact')).some((d) => d.category === 'Kantoor'), 'the other change stored');
    await el.loaded;
    await el.updateComplete;
    expect(names(el)).to.include('Alpha');
    expect(error(el), 'the failed delete still said').to.include('For “Alpha”: Saving failed');
    // Deleted on a second try, the words go.
    await confirm('Alpha');
    await waitUntil(() => !names(el).includes('Alpha'), 'Alpha deleted');
    await el.loaded;
    await el.updateComplete;
    expect(error(el)).to.equal('');
  });

  it('keeps saying a failed move while another change in the lookup list is saved', async () => {
    const { adapter, contact } = await world();
    const faults = withFaults(adapter);
    const el = await mount(faults.adapter, contact);
    faults.fail('checklists.saveDefinition', new LiftDataError('unavailable', 'the server is away'));
    managed(el).querySelector<HTMLButtonElement>('button[aria-label="Move “Alpha” down"]')!.click();
    await waitUntil(() => error(el).includes('Saving failed'), `the failed move said (${error(el)})`);
    change(tableRow(el, 'Charlie').querySelectorAll('input')[1]!, 'Kantoor');
    await waitUntil(async () => (await adapter.checklists!.definitions('contact')).some((d) => d.category === 'Kantoor'), 'the other change stored');
    await el.loaded;
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['Alpha', 'Bravo', 'Charlie']);
    expect(error(el), 'the failed move still said').to.include('For “Alpha”: Saving failed');
    managed(el).querySelector<HTMLButtonElement>('button[aria-label="Move “Alpha” down"]')!.click();
    await waitUntil(() => names(el)[1] === 'Alpha', 'moved on a second try');
    await el.loaded;
    await el.updateComplete;
    expect(error(el)).to.equal('');
  });

  it("shows the next user who signs in none of the refused rename the user before typed", async () => {
    const { adapter, contact } = await world();
    const faults = withFaults(adapter);
    adapter.session.setUser({ id: 'u-sanne', name: 'Sanne de Boer', role: 'admin' });
    const el = await mount(faults.adapter, contact);
    faults.fail('checklists.saveDefinition', new LiftDataError('unavailable', 'the server is away'));
    change(managed(el).querySelector<HTMLInputElement>('tbody tr input')!, 'Alpha van Sanne');
    await waitUntil(() => error(el).includes('Saving failed'), `the refused name said (${error(el)})`);
    adapter.session.setUser({ id: 'u-kim', name: 'Kim Jansen', role: 'admin' });
    el.requestUpdate();
    await el.loaded;
    await el.updateComplete;
    const name = managed(el).querySelector<HTMLInputElement>('tbody tr input')!;
    expect(name.value, "Kim sees the stored name").to.equal('Alpha');
    expect(name.getAttribute('aria-invalid')).to.equal('false');
    expect(error(el), 'nothing said to Kim').to.equal('');
  });

  it("says nothing to the next user of a rename refused after they signed in, nor makes as them one the user before had queued", async () => {
    const { adapter, contact } = await world();
    const faults = withFaults(adapter);
    adapter.session.setUser({ id: 'u-sanne', name: 'Sanne de Boer', role: 'admin' });
    const el = await mount(faults.adapter, contact);
    let answer!: () => void;
    const after = new Promise<void>((resolve) => (answer = resolve));
    faults.fail('checklists.saveDefinition', new LiftDataError('unavailable', 'the server is away'), { after });
    change(tableRow(el, 'Alpha').querySelector('input')!, 'Alpha van Sanne');
    change(tableRow(el, 'Bravo').querySelector('input')!, 'Bravo van Sanne');
    await waitUntil(() => faults.calls.includes('checklists.saveDefinition'), "Sanne's first rename on its way");
    adapter.session.setUser({ id: 'u-kim', name: 'Kim Jansen', role: 'admin' });
    el.requestUpdate();
    await el.loaded;
    await el.updateComplete;
    answer();
    // Kim's own change is written after what was asked before it.
    change(tableRow(el, 'Charlie').querySelector('input')!, 'Charlie van Kim');
    await waitUntil(async () => (await stored(adapter)).includes('Charlie van Kim'), "Kim's rename stored");
    await el.loaded;
    await el.updateComplete;
    expect(await stored(adapter), 'nothing of Sanne saved as Kim').to.deep.equal(['Alpha', 'Bravo', 'Charlie van Kim']);
    expect(names(el)).to.deep.equal(['Alpha', 'Bravo', 'Charlie van Kim']);
    expect(error(el), 'nothing said to Kim').to.equal('');
  });

  it('keeps focus in the category being typed when a colleague moves its row', async () => {
    const { adapter, contact, defs } = await world();
    const el = await mount(adapter, contact);
    const category = tableRow(el, 'Alpha').querySelectorAll('input')[1]!;
    category.focus();
    await sendKeys({ type: 'Kant' });
    await adapter.checklists!.saveDefinition({ ...defs[0]!, order: 9 });
    await waitUntil(() => names(el)[2] === 'Alpha', "the colleague's order shown");
    await el.loaded;
    await el.updateComplete;
    expect(root(el).activeElement, `focus stays in the category (${focusName(el)})`).to.equal(tableRow(el, 'Alpha').querySelectorAll('input')[1]);
    await sendKeys({ type: 'or' });
    expect(category.value, 'typing goes on there').to.equal('GroepKantor');
  });

  it('keeps focus in the note being written when a colleague moves its item', async () => {
    const { adapter, contact, defs } = await world();
    const el = await mount(adapter, contact, false);
    const item = (text: string) => [...root(el).querySelectorAll<HTMLElement>('[part~="item"]')].find((li) => li.textContent!.includes(text))!;
    item('Alpha').querySelector<HTMLButtonElement>('.line button')!.click();
    await waitUntil(() => root(el).activeElement === item('Alpha').querySelector('textarea'), 'the note editor');
    await sendKeys({ type: 'Per mail' });
    await adapter.checklists!.saveDefinition({ ...defs[0]!, order: 9 });
    await waitUntil(() => root(el).querySelector('[part~="item"]:last-child')?.textContent?.includes('Alpha'), "the colleague's order shown");
    await el.loaded;
    await el.updateComplete;
    expect(root(el).activeElement, `focus stays in the note (${focusName(el)})`).to.equal(item('Alpha').querySelector('textarea'));
    await sendKeys({ type: ' gezonden' });
    expect(item('Alpha').querySelector('textarea')!.value).to.equal('Per mail gezonden');
  });
});

describe('<lift-checklist manage>: the add form after review', () => {
  afterEach(() => localStorage.clear());

  const addForm = (el: LiftChecklist) => managed(el).querySelector<HTMLFormElement>(':scope > form')!;
  const addField = (el: LiftChecklist, name: 'text' | 'category' | 'mode') => addForm(el).querySelector<HTMLInputElement & HTMLSelectElement>(`[name="${name}"]`)!;
  /** Types `text` into the add form's field `name`, over what is there. */
  const typeInto = async (el: LiftChecklist, name: 'text' | 'category', text: string) => {
    addField(el, name).focus();
    addField(el, name).select();
    await sendKeys({ press: 'Backspace' });
    if (text) await sendKeys({ type: text });
  };
  /** The mode picked in the add form, as a user's choice is (the events a browser sends). */
  const pickMode = (el: LiftChecklist, mode: string) => {
    const select = addField(el, 'mode');
    select.value = mode;
    select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    select.dispatchEvent(new Event('change', { bubbles: true }));
  };
  const formShows = (el: LiftChecklist) => ({ text: addField(el, 'text').value, category: addField(el, 'category').value, mode: addField(el, 'mode').value });

  it('keeps saying an add that was refused while the next item, typed meanwhile, saved, until it is added', async () => {
    const { adapter, contact } = await world();
    const faults = withFaults(adapter);
    const el = await mount(faults.adapter, contact);
    const answer = faults.failLate('checklists.saveDefinition', new LiftDataError('unavailable', 'the server is away'));
    await typeInto(el, 'text', 'Delta');
    await sendKeys({ press: 'Enter' });
    // While Delta is on its way, the next item is typed over it and added.
    await typeInto(el, 'text', 'Echo');
    await sendKeys({ press: 'Enter' });
    answer();
    await waitUntil(async () => (await stored(adapter)).includes('Echo'), 'Echo stored');
    await el.loaded;
    await el.updateComplete;
    expect(await stored(adapter)).to.deep.equal(['Alpha', 'Bravo', 'Charlie', 'Echo']);
    expect(error(el), 'Delta not saved is still said').to.include('For “Delta”: Saving failed');
    expect(addField(el, 'text').getAttribute('aria-invalid'), 'the new-item field marked').to.equal('true');
    expect(addField(el, 'text').value, 'emptied after Echo').to.equal('');
    // Tried again, it is added and no longer said.
    await typeInto(el, 'text', 'Delta');
    await sendKeys({ press: 'Enter' });
    await waitUntil(async () => (await stored(adapter)).includes('Delta'), 'Delta stored');
    await el.loaded;
    await el.updateComplete;
    expect(error(el)).to.equal('');
    expect(addField(el, 'text').getAttribute('aria-invalid')).to.equal('false');
  });

  it('puts a refused add back into the form emptied meanwhile, to be tried again', async () => {
    const { adapter, contact } = await world();
    const faults = withFaults(adapter);
    const el = await mount(faults.adapter, contact);
    const answer = faults.failLate('checklists.saveDefinition', new LiftDataError('unavailable', 'the server is away'));
    await typeInto(el, 'text', 'Delta');
    await typeInto(el, 'category', 'Nieuw');
    pickMode(el, 'read-only');
    await sendKeys({ press: 'Enter' });
    await typeInto(el, 'text', '');
    await typeInto(el, 'category', '');
    answer();
    await waitUntil(() => error(el).includes('Delta'), `the refused add said (${error(el)})`);
    await el.loaded;
    await el.updateComplete;
    expect(formShows(el), 'Delta back in the form').to.deep.equal({ text: 'Delta', category: 'Nieuw', mode: 'read-only' });
    addForm(el).requestSubmit();
    await waitUntil(async () => (await stored(adapter)).includes('Delta'), 'Delta stored');
    await el.loaded;
    await el.updateComplete;
    const delta = (await adapter.checklists!.definitions('contact')).find((d) => d.text === 'Delta')!;
    expect([delta.category, delta.mode]).to.deep.equal(['Nieuw', 'read-only']);
    expect(error(el)).to.equal('');
    expect(formShows(el), 'emptied for the next item').to.deep.equal({ text: '', category: '', mode: 'editable' });
  });

  it('keeps the new item being typed when a reload of the list fails and is retried', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact);
    await typeInto(el, 'text', 'Echo');
    await typeInto(el, 'category', 'Nieuw');
    pickMode(el, 'read-only');
    const definitions = adapter.checklists!.definitions.bind(adapter.checklists);
    let broken = true;
    adapter.checklists!.definitions = (...args) => (broken ? Promise.reject(new LiftDataError('unavailable', 'the link dropped')) : definitions(...args));
    void el.refresh();
    await retryOnceHealed(el, () => (broken = false));
    expect(formShows(el), 'what was typed').to.deep.equal({ text: 'Echo', category: 'Nieuw', mode: 'read-only' });
    addForm(el).requestSubmit();
    await waitUntil(async () => (await stored(adapter)).includes('Echo'), 'Echo stored');
    await el.loaded;
    await el.updateComplete;
    const echo = (await adapter.checklists!.definitions('contact')).find((d) => d.text === 'Echo')!;
    expect([echo.category, echo.mode]).to.deep.equal(['Nieuw', 'read-only']);
    expect(formShows(el), 'emptied for the next item').to.deep.equal({ text: '', category: '', mode: 'editable' });
  });

  it('keeps the new item being typed when the host shows another contact with the same list', async () => {
    const { adapter, contact } = await world();
    const other = await adapter.contacts.create({ firstName: 'Piet', lastName: 'Jansen', relationId: contact.relationId });
    const el = await mount(adapter, contact);
    await typeInto(el, 'text', 'Echo');
    await typeInto(el, 'category', 'Nieuw');
    el.contactId = other.id;
    await el.loaded;
    await el.updateComplete;
    expect(formShows(el)).to.deep.equal({ text: 'Echo', category: 'Nieuw', mode: 'editable' });
  });
});
