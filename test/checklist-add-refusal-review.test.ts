import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import type { Contact } from '../src/data/contract/model.js';
import '../src/lift-checklist.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { withFaults } from './faults.js';
import { waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

// A refused add of the lookup list stays said until the user acts on it, and only on the list it
// was typed for: adding another item (the typo corrected) is acting on it; another list's add is not.

afterEach(dropDatabases);

async function world() {
  const adapter = freshIndexedDbAdapter();
  const { contact } = await oneContact(adapter, 'Reclamebureau Zon', { firstName: 'Lotte', lastName: 'Bos' });
  for (const [order, text] of ['Alpha', 'Bravo'].entries()) {
    await adapter.checklists!.saveDefinition({ cardType: 'contact', text, category: 'Groep', order: order + 1, mode: 'editable', modeByStatus: {} });
    await adapter.checklists!.saveDefinition({ cardType: 'relation', text: `R ${text}`, category: 'Groep', order: order + 1, mode: 'editable', modeByStatus: {} });
  }
  return { adapter, contact };
}

async function mount(adapter: LiftAdapter, contact: Contact) {
  const el = await fixture<LiftChecklist>(html`<lift-checklist lang="en" contact-id=${contact.id} manage .adapter=${adapter}></lift-checklist>`);
  await el.loaded;
  await el.updateComplete;
  return el;
}

const managed = (el: LiftChecklist) => el.shadowRoot!.querySelector<HTMLElement>('[part~="manage"]');
const error = (el: LiftChecklist) => managed(el)?.querySelector('[part~="error"]')?.textContent ?? '';
const addField = (el: LiftChecklist) => managed(el)!.querySelector<HTMLInputElement>(':scope > form [name="text"]')!;
const stored = async (adapter: LiftAdapter, cardType = 'contact') => (await adapter.checklists!.definitions(cardType)).map((d) => d.text);
const firstName = (el: LiftChecklist) => managed(el)?.querySelector<HTMLInputElement>('tbody tr input')?.value;

async function add(el: LiftChecklist, text: string) {
  addField(el).focus();
  addField(el).select();
  await sendKeys({ press: 'Backspace' });
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}

describe('<lift-checklist manage>: a refused add', () => {
  it('is no longer said once the user adds the item with its typo corrected', async () => {
    const { adapter, contact } = await world();
    const faults = withFaults(adapter);
    const el = await mount(faults.adapter, contact);
    faults.fail('checklists.saveDefinition', new LiftDataError('unavailable', 'The server is away.'));
    await add(el, 'Detla');
    await waitUntil(() => error(el).includes('Detla'), 'the refusal said');
    expect(addField(el).getAttribute('aria-invalid')).to.equal('true');
    await add(el, 'Delta');
    await waitUntil(async () => (await stored(adapter)).includes('Delta'), 'Delta stored');
    await waitUntil(() => managed(el) && error(el) === '' && addField(el).getAttribute('aria-invalid') === 'false', `no refusal said any more (says "${error(el)}")`);
    expect(await stored(adapter)).not.to.include('Detla');
  });

  it('is said on its own list only, and still there when the user comes back to it', async () => {
    const { adapter, contact } = await world();
    const faults = withFaults(adapter);
    const el = await mount(faults.adapter, contact);
    faults.fail('checklists.saveDefinition', new LiftDataError('unavailable', 'The server is away.'));
    await add(el, 'Delta');
    await waitUntil(() => error(el).includes('Delta'), 'the refusal said');
    el.cardType = 'relation';
    await waitUntil(() => firstName(el) === 'R Alpha', 'the relation list');
    expect(error(el), 'on the relation list').to.equal('');
    expect(addField(el).getAttribute('aria-invalid')).to.equal('false');
    await add(el, 'Echo');
    await waitUntil(async () => (await stored(adapter, 'relation')).includes('Echo'), 'Echo stored on the relation list');
    el.cardType = 'contact';
    await waitUntil(() => firstName(el) === 'Alpha', 'the contact list again');
    await waitUntil(() => error(el).includes('Delta'), `the contact list's refusal said again (says "${error(el)}")`);
    expect(addField(el).getAttribute('aria-invalid')).to.equal('true');
  });
});

describe('<lift-checklist manage>: refused adds the user went on from', () => {
  it('still says one typed over while it was on its way, once the item typed over it saves', async () => {
    const { adapter, contact } = await world();
    const faults = withFaults(adapter);
    const el = await mount(faults.adapter, contact);
    // The server answers late, and refuses both adds.
    const answer = faults.failLate('checklists.saveDefinition', new LiftDataError('unavailable', 'The server is away.'), { times: 2 });
    await add(el, 'Echo');
    await add(el, 'Foxtrot');
    answer();
    await waitUntil(() => error(el).includes('Echo') && error(el).includes('Foxtrot'), `both refusals said (says "${error(el)}")`);
    expect(addField(el).value, 'the form holds what was typed last').to.equal('Foxtrot');
    // Foxtrot, in the form, is added again and saves; Echo, in no field, is still said.
    await add(el, 'Foxtrot');
    await waitUntil(async () => (await stored(adapter)).includes('Foxtrot'), 'Foxtrot stored');
    await waitUntil(() => !error(el).includes('Foxtrot'), 'Foxtrot no longer said');
    expect(error(el), 'Echo, never added and typed nowhere').to.include('Echo');
    expect(await stored(adapter)).not.to.include('Echo');
  });

  it('says a missing text on the list it was asked on only', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact);
    addField(el).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => error(el) !== '', 'the missing text said');
    el.cardType = 'relation';
    await waitUntil(() => firstName(el) === 'R Alpha', 'the relation list');
    expect(error(el), 'on the relation list').to.equal('');
    expect(addField(el).getAttribute('aria-invalid')).to.equal('false');
  });

  it('adds the same item to two lists at once', async () => {
    const { adapter, contact } = await world();
    const faults = withFaults(adapter);
    const el = await mount(faults.adapter, contact);
    let answer!: () => void;
    // The contact list's add is answered late (a slow server): the relation list's is asked meanwhile.
    const late = new Promise<void>((resolve) => (answer = resolve));
    const save = faults.adapter.checklists!.saveDefinition.bind(faults.adapter.checklists);
    faults.adapter.checklists!.saveDefinition = async (definition) => {
      if (definition.cardType === 'contact') await late;
      return save(definition);
    };
    await add(el, 'Privacy');
    el.cardType = 'relation';
    await waitUntil(() => firstName(el) === 'R Alpha', 'the relation list');
    await add(el, 'Privacy');
    answer();
    await waitUntil(async () => (await stored(adapter)).includes('Privacy') && (await stored(adapter, 'relation')).includes('Privacy'), 'on both lists');
  });
});

describe('<lift-checklist manage>: a refused add the form does not show', () => {
  it('stays said when the user emptied only its text and adds another item', async () => {
    const { adapter, contact } = await world();
    const faults = withFaults(adapter);
    const el = await mount(faults.adapter, contact);
    const answer = faults.failLate('checklists.saveDefinition', new LiftDataError('unavailable', 'The server is away.'));
    const category = managed(el)!.querySelector<HTMLInputElement>(':scope > form [name="category"]')!;
    category.focus();
    await sendKeys({ type: 'Keuken' });
    await add(el, 'Echo');
    // While Echo is on its way the user empties the text, keeping the category for the next item.
    addField(el).focus();
    addField(el).select();
    await sendKeys({ press: 'Backspace' });
    answer();
    await waitUntil(() => error(el).includes('Echo'), 'the refusal said');
    expect(addField(el).value, 'the form is not refilled over the category kept').to.equal('');
    await add(el, 'Foxtrot');
    await waitUntil(async () => (await stored(adapter)).includes('Foxtrot'), 'Foxtrot stored');
    await el.updateComplete;
    expect(error(el), 'Echo, in no field and not in the list').to.include('Echo');
  });
});
