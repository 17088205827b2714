import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import type { ChecklistMode } from '../src/data/contract/model.js';
import '../src/lift-contact-card.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { answerQuestion, mountCard, pressBar } from './harness.js';
import { captureWarnings, typeInto, uniqueToken, waitUntil } from './helpers.js';

/** A relation with three contacts, on a database of its own. */
async function world() {
  const adapter = freshIndexedDbAdapter();
  const relation = await adapter.relations.create({ kind: 'prospect', name: 'Drukkerij De Vries' });
  const anna = await adapter.contacts.create({ relationId: relation.id, firstName: 'Anna', lastName: 'Berg' });
  const bram = await adapter.contacts.create({ relationId: relation.id, firstName: 'Bram', lastName: 'Smit' });
  const carla = await adapter.contacts.create({ relationId: relation.id, firstName: 'Carla', lastName: 'Vos' });
  return { adapter, anna, bram, carla };
}

/** A contact whose checklist has one item with these modes; archived when asked. */
async function checklistWorld(mode: ChecklistMode, modeByStatus: Record<string, ChecklistMode>, archived: boolean) {
  const { adapter, anna } = await world();
  await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'Alleen bij archief', category: 'Privacy', order: 1, mode, modeByStatus });
  if (archived) await adapter.contacts.setArchived(anna.id, anna.version, true);
  return { adapter, contact: anna };
}

const root = (el: LiftContactCard) => el.shadowRoot!;
const $ = <T extends HTMLElement = HTMLElement>(el: LiftContactCard, selector: string) => root(el).querySelector<T>(selector);
const tabIds = (el: LiftContactCard, list: 'tabs' | 'detail-tabs') => [...root(el).querySelectorAll(`[part~="${list}"] [role="tab"]`)].map((tab) => tab.id);
const selected = (el: LiftContactCard, list: 'tabs' | 'detail-tabs') => $(el, `[part~="${list}"] [aria-selected="true"]`)?.id;
/** Where focus is, as `BODY` when it fell out of the card, else the id of what has it inside the card. */
const focused = (el: LiftContactCard) => (document.activeElement === el ? (root(el).activeElement?.id ?? '(card, nothing inside)') : (document.activeElement?.tagName ?? 'none'));
const field = (el: LiftContactCard, name: string) => $<HTMLInputElement>(el, `#field-${name}`)!;
const banners = (el: LiftContactCard) => [...root(el).querySelectorAll('[part~="banner"]')].map((b) => b.textContent!.replace(/\s+/g, ' ').trim());


/** Makes `adapter`'s contact saves wait until the returned function is called (a slow server). */
function holdSaves(adapter: LiftAdapter): () => void {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const update = adapter.contacts.update.bind(adapter.contacts);
  (adapter.contacts as { update: typeof update }).update = (id, version, changes) => gate.then(() => update(id, version, changes));
  return release;
}

/** A key pressed where focus is, as the browser sends it (WebDriver cannot type with another keyboard layout). */
function keydown(el: LiftContactCard, init: KeyboardEventInit): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { ...init, bubbles: true, composed: true, cancelable: true });
  ((root(el).activeElement as HTMLElement | null) ?? el).dispatchEvent(event);
  return event;
}

describe('<lift-contact-card> tabs, navigation and shortcuts (review)', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  describe('the checklist tab follows the archived state of the contact shown', () => {
    it('offers no checklist tab on an archived contact whose only item is hidden once archived, and End keeps focus in the card', async () => {
      const { adapter, contact } = await checklistWorld('editable', { archived: 'hidden' }, true);
      const el = await mountCard(adapter, contact.id, { tab: 'overview' });
      expect(tabIds(el, 'tabs'), 'no checklist tab').not.to.include('tab-checklist');
      expect(tabIds(el, 'detail-tabs'), 'no checklist items detail tab').not.to.include('detail-tab-checklist-item');
      $(el, '#tab-overview')!.focus();
      await sendKeys({ press: 'End' });
      await el.updateComplete;
      await el.loaded;
      const last = tabIds(el, 'tabs').at(-1)!;
      await waitUntil(() => selected(el, 'tabs') === last, 'the last tab shows');
      expect(last).not.to.equal('tab-checklist');
      expect(tabIds(el, 'tabs')).not.to.include('tab-checklist');
      expect(focused(el), 'focus on the tab End chose').to.equal(last);
      expect(el.tab).to.equal(last.replace('tab-', ''));
    });

    it('offers the checklist tab on an archived contact whose item applies read-only once archived', async () => {
      const { adapter, contact } = await checklistWorld('hidden', { archived: 'read-only' }, true);
      const el = await mountCard(adapter, contact.id, { tab: 'checklist', detailTabs: 'personal checklist-item' });
      expect(tabIds(el, 'tabs'), 'the checklist tab').to.include('tab-checklist');
      expect(tabIds(el, 'detail-tabs'), 'the checklist items detail tab').to.include('detail-tab-checklist-item');
      expect(el.tab, "the host's tab kept").to.equal('checklist');
      const checklist = await waitUntil(() => $(el, 'lift-checklist'), 'the checklist').then(() => $<LiftChecklist>(el, 'lift-checklist')!);
      await checklist.loaded;
      expect(checklist.shadowRoot!.textContent, 'the item, read-only').to.include('Alleen bij archief');
      expect(checklist.available).to.equal(true);
      await el.updateComplete;
      expect(tabIds(el, 'tabs'), 'the tab stays once the checklist has read its items').to.include('tab-checklist');
    });

    it('takes the checklist tab away when the contact shown is archived, focus going to the tab that shows, and brings it back when unarchived', async () => {
      const { adapter, contact } = await checklistWorld('editable', { archived: 'hidden' }, false);
      const el = await mountCard(adapter, contact.id, { tab: 'checklist' });
      await waitUntil(() => $(el, 'lift-checklist'), 'the checklist');
      $(el, '#tab-checklist')!.focus();
      await adapter.contacts.setArchived(contact.id, contact.version, true);
      await waitUntil(() => !tabIds(el, 'tabs').includes('tab-checklist'), 'the checklist tab gone');
      await el.updateComplete;
      expect(selected(el, 'tabs')).to.equal('tab-overview');
      expect(focused(el), 'focus on the tab that shows now').to.equal('tab-overview');
      const archived = await adapter.contacts.get(contact.id);
      await adapter.contacts.setArchived(contact.id, archived.version, false);
      await waitUntil(() => tabIds(el, 'tabs').includes('tab-checklist'), 'the checklist tab back once unarchived');
    });

    it('moves focus to the detail tab that shows when the focused checklist items tab goes', async () => {
      const { adapter, contact } = await checklistWorld('editable', { archived: 'hidden' }, false);
      const el = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal checklist-item' });
      $(el, '#detail-tab-checklist-item')!.click();
      await el.updateComplete;
      $(el, '#detail-tab-checklist-item')!.focus();
      await adapter.contacts.setArchived(contact.id, contact.version, true);
      await waitUntil(() => !tabIds(el, 'detail-tabs').includes('detail-tab-checklist-item'), 'the checklist items tab gone');
      await el.updateComplete;
      expect(focused(el), 'focus on the detail tab that shows now').to.equal('detail-tab-personal');
    });
  });

  describe('moving between contacts', () => {
    it('does not move on unasked when a save answered for an earlier Next lands after Previous moved the card', async () => {
      const { adapter, anna, bram, carla } = await world();
      const el = await mountCard(adapter, bram.id, { selection: `${anna.id} ${bram.id} ${carla.id}`, detailTabs: 'personal' });
      await typeInto(el, field(el, 'jobTitle'), 'Inkoper');
      const release = holdSaves(adapter);
      await pressBar(el, 'next');
      await answerQuestion(el, 'save');
      // The save is on its way; Previous leaves without asking and the card shows Anna.
      await pressBar(el, 'previous');
      await waitUntil(() => el.contactId === anna.id && field(el, 'firstName')?.value === 'Anna', 'Anna');
      const saved = oneEvent(el, 'lift-contact-saved');
      release();
      await saved;
      // What the save's answer set going has happened once its promise jobs and the load they may start are done.
      await new Promise((resolve) => setTimeout(resolve));
      await el.loaded;
      expect((await adapter.contacts.get(bram.id)).jobTitle, 'Bram saved').to.equal('Inkoper');
      expect(el.contactId, 'still on Anna, where the user went').to.equal(anna.id);
      expect(field(el, 'firstName').value).to.equal('Anna');
    });

    it('does not open the colleague chosen before a slow save once Next moved the card meanwhile', async () => {
      const { adapter, anna, bram, carla } = await world();
      const el = await mountCard(adapter, bram.id, { selection: `${anna.id} ${bram.id} ${carla.id}`, detailTabs: 'personal' });
      const colleague = () => $<HTMLButtonElement>(el, `[part~="glance"] button[data-contact-id="${anna.id}"]`);
      await waitUntil(colleague, 'Anna among the colleagues');
      const opened: string[] = [];
      el.addEventListener('lift-contact-open', (event) => opened.push(event.detail.contactId));
      await typeInto(el, field(el, 'jobTitle'), 'Inkoper');
      const release = holdSaves(adapter);
      colleague()!.click();
      await answerQuestion(el, 'save');
      await pressBar(el, 'next');
      await waitUntil(() => el.contactId === carla.id && field(el, 'firstName')?.value === 'Carla', 'Carla');
      const saved = oneEvent(el, 'lift-contact-saved');
      release();
      await saved;
      await new Promise((resolve) => setTimeout(resolve));
      await el.loaded;
      expect(el.contactId, 'still on Carla').to.equal(carla.id);
      expect(opened, 'the host not told of the colleague any more').to.deep.equal([]);
      expect(banners(el).join(' ')).not.to.include('Anna');
    });
  });

  describe('the detailTabs property', () => {
    it('reads a string set as the property as tokens, as the attribute is, and warns of an unknown one', async () => {
      const { adapter, anna } = await world();
      const el = await mountCard(adapter, anna.id);
      (el as { detailTabs: unknown }).detailTabs = 'personal item';
      await el.updateComplete;
      expect(tabIds(el, 'detail-tabs')).to.deep.equal(['detail-tab-personal', 'detail-tab-item']);
      const unknown = uniqueToken('tab');
      const warnings = await captureWarnings(async () => {
        (el as { detailTabs: unknown }).detailTabs = `function ${unknown}`;
        await el.updateComplete;
      });
      expect(tabIds(el, 'detail-tabs')).to.deep.equal(['detail-tab-function']);
      expect(warnings.join('\n'), 'the unknown token named').to.include(unknown);
    });

    it('warns once of a property value that is neither a list nor tokens and shows the default tabs', async () => {
      const { adapter, anna } = await world();
      const el = await mountCard(adapter, anna.id);
      const defaults = tabIds(el, 'detail-tabs');
      const warnings = await captureWarnings(async () => {
        (el as { detailTabs: unknown }).detailTabs = { personal: true };
        await el.updateComplete;
        el.requestUpdate();
        await el.updateComplete;
      });
      expect(field(el, 'firstName')?.value, 'the card still shows').to.equal('Anna');
      expect(tabIds(el, 'detail-tabs'), 'the default tabs').to.deep.equal(defaults);
      expect(warnings.filter((w) => w.includes('detail-tabs') && w.includes('neither a list')), 'one warning').to.have.length(1);
    });
  });

  describe('Ctrl+S', () => {
    it('saves with Ctrl+S on a Russian keyboard layout (the key reads "ы" on the S key)', async () => {
      const { adapter, anna } = await world();
      const el = await mountCard(adapter, anna.id, { detailTabs: 'personal' });
      await typeInto(el, field(el, 'jobTitle'), 'Inkoper');
      field(el, 'jobTitle').focus();
      const saved = oneEvent(el, 'lift-contact-saved');
      const event = keydown(el, { key: 'ы', code: 'KeyS', ctrlKey: true });
      expect(event.defaultPrevented, "the browser's Save page kept shut").to.equal(true);
      await saved;
      expect((await adapter.contacts.get(anna.id)).jobTitle).to.equal('Inkoper');
    });

    it('goes by the letter on a Latin layout: Ctrl with the S of Dvorak saves, the key where QWERTY has S does not', async () => {
      const { adapter, anna } = await world();
      const el = await mountCard(adapter, anna.id, { detailTabs: 'personal' });
      await typeInto(el, field(el, 'jobTitle'), 'Inkoper');
      field(el, 'jobTitle').focus();
      const dvorakO = keydown(el, { key: 'o', code: 'KeyS', ctrlKey: true });
      expect(dvorakO.defaultPrevented, 'Ctrl+O left to the browser').to.equal(false);
      expect(el.dirty, 'not saved').to.equal(true);
      const saved = oneEvent(el, 'lift-contact-saved');
      const dvorakS = keydown(el, { key: 's', code: 'Semicolon', ctrlKey: true });
      expect(dvorakS.defaultPrevented).to.equal(true);
      await saved;
      expect((await adapter.contacts.get(anna.id)).jobTitle).to.equal('Inkoper');
    });
  });
});
