import { expect } from '@open-wc/testing';
import type { LiftButtonBar } from '../src/button-bar/button-bar.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import '../src/lift-contact-card.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { mountCard } from './harness.js';
import { typeInto, waitUntil } from './helpers.js';

async function world() {
  const adapter = freshIndexedDbAdapter();
  const relation = await adapter.relations.create({ kind: 'prospect', name: 'Drukkerij De Vries' });
  const contact = await adapter.contacts.create({ relationId: relation.id, firstName: 'Anna', lastName: 'Berg' });
  const next = await adapter.contacts.create({ relationId: relation.id, firstName: 'Bram', lastName: 'Smit' });
  return { adapter, contact, next };
}

const bar = (el: LiftContactCard) => el.shadowRoot!.querySelector<LiftButtonBar>('lift-button-bar')!;
const barButton = (el: LiftContactCard, action: string) => bar(el).shadowRoot!.querySelector<HTMLButtonElement>(`[part~="toolbar"] [data-action="${action}"]`)!;
const menuItems = (el: LiftContactCard) => [...bar(el).shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="menu-item"]')];
const detailTabs = (el: LiftContactCard) => [...el.shadowRoot!.querySelectorAll('[part~="detail-tabs"] [role="tab"]')].map((tab) => tab.id.replace('detail-tab-', ''));

/** Opens the bar's `menu` (configure, detail-tabs), from "more" when the bar has no room for its button; answers its items' labels, each with whether it is ticked. */
async function openMenu(el: LiftContactCard, menu: 'configure' | 'detail-tabs'): Promise<string[]> {
  const menuName = () => bar(el).shadowRoot!.querySelector('[role="menu"]')?.getAttribute('aria-label');
  const name = menu === 'configure' ? 'Button bar' : 'Detail tabs';
  // The bar places its buttons once it has measured them: the menu's button, or More holding it.
  await waitUntil(() => barButton(el, menu) || barButton(el, 'more'), `the ${menu} button or More actions`);
  if (!barButton(el, menu)) {
    barButton(el, 'more').click();
    await waitUntil(() => menuItems(el).length, 'the more menu');
    menuItems(el).find((item) => item.textContent!.trim() === name)!.click();
  } else barButton(el, menu).click();
  await waitUntil(() => menuName() === name && menuItems(el).length, `the ${menu} menu`);
  return menuItems(el).map((item) => `${item.textContent!.trim()}${item.getAttribute('aria-checked') === 'true' ? ' ✓' : ''}`);
}

/** Unticks (or ticks) `label` in the open menu and waits until the choice is stored. */
async function toggle(el: LiftContactCard, adapter: LiftAdapter, label: string) {
  const before = JSON.stringify(await adapter.preferences!.get('contact'));
  menuItems(el).find((item) => item.textContent!.trim() === label)!.click();
  await waitUntil(async () => JSON.stringify(await adapter.preferences!.get('contact')) !== before, `the choice of ${label} stored`);
}

describe('<lift-contact-card> bar choices and keys', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  it('a button unticked on a card with few buttons hides only that button on a card with all of them', async () => {
    const { adapter, contact } = await world();
    const small = await mountCard(adapter, contact.id, { buttons: 'save undo refresh configure' });
    await openMenu(small, 'configure');
    await toggle(small, adapter, 'Refresh');
    await small.updateComplete;
    expect(bar(small).actions, 'the small card').to.deep.equal(['save', 'undo', 'configure']);
    const full = await mountCard(adapter, contact.id);
    await bar(full).updateComplete;
    expect(bar(full).actions).to.include.members(['search', 'copy', 'archive', 'previous', 'next', 'create', 'detail-tabs']);
    expect(bar(full).actions).not.to.include('refresh');
    // Ticked again on the full card: it shows on both.
    await openMenu(full, 'configure');
    await toggle(full, adapter, 'Refresh');
    const again = await mountCard(adapter, contact.id, { buttons: 'save undo refresh configure' });
    expect(bar(again).actions).to.deep.equal(['save', 'undo', 'refresh', 'configure']);
  });

  it('a detail tab unticked on a card with few tabs leaves the tabs chosen on a card with more as they were', async () => {
    const { adapter, contact } = await world();
    const full = await mountCard(adapter, contact.id);
    expect(detailTabs(full)).to.deep.equal(['personal', 'function', 'project', 'item']);
    await openMenu(full, 'detail-tabs');
    await toggle(full, adapter, 'Item');
    await full.updateComplete;
    expect(detailTabs(full)).to.deep.equal(['personal', 'function', 'project']);

    const small = await mountCard(adapter, contact.id, { detailTabs: 'personal function' });
    expect(await openMenu(small, 'detail-tabs')).to.deep.equal(['Personal details ✓', 'Function and relation ✓', 'Reset to default']);
    await toggle(small, adapter, 'Function and relation');
    await small.updateComplete;
    expect(detailTabs(small)).to.deep.equal(['personal']);
    const later = await mountCard(adapter, contact.id);
    expect(detailTabs(later), 'Project kept, Item still unticked, Function unticked').to.deep.equal(['personal', 'project']);
  });

  it('lists in the Detail tabs menu the tabs the card offers, in its order, without those it cannot show', async () => {
    const { adapter, contact } = await world();
    // No checklist item is defined: the card shows no checklist item tab.
    const el = await mountCard(adapter, contact.id, { detailTabs: 'item function personal checklist-item' });
    expect(detailTabs(el)).to.deep.equal(['item', 'function', 'personal']);
    expect(await openMenu(el, 'detail-tabs')).to.deep.equal(['Item ✓', 'Function and relation ✓', 'Personal details ✓', 'Reset to default']);

    // An adapter that keeps no work: no project tab, none in the menu.
    const noWork = new Proxy(adapter, {
      get: (target, key) => {
        if (key === 'work') return undefined;
        if (key === 'capabilities') return new Set([...target.capabilities].filter((c) => c !== 'work'));
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
    const other = await mountCard(noWork, contact.id);
    expect(detailTabs(other)).to.deep.equal(['personal', 'function', 'item']);
    expect(await openMenu(other, 'detail-tabs')).to.deep.equal(['Personal details ✓', 'Function and relation ✓', 'Item ✓', 'Reset to default']);
  });

  it('sends nothing for a key whose button the bar shows disabled: Alt+Page Up at the first contact, Alt+Page Down without a selection, Ctrl+S while a save is on its way', async () => {
    const { adapter, contact, next } = await world();
    const told: string[] = [];
    const key = (el: LiftContactCard, init: KeyboardEventInit) => {
      const event = new KeyboardEvent('keydown', { ...init, bubbles: true, composed: true, cancelable: true });
      ((el.shadowRoot!.activeElement as HTMLElement | null) ?? el).dispatchEvent(event);
    };
    const listen = (el: LiftContactCard) => el.addEventListener('lift-action', (event) => (told.push(event.detail.action), event.preventDefault()));

    const first = await mountCard(adapter, contact.id, { selection: `${contact.id} ${next.id}` });
    listen(first);
    expect(barButton(first, 'previous').getAttribute('aria-disabled')).to.equal('true');
    key(first, { key: 'PageUp', altKey: true });
    key(first, { key: 'PageDown', altKey: true });
    expect(told, 'only Next, which the bar offers').to.deep.equal(['next']);

    const alone = await mountCard(adapter, contact.id);
    listen(alone);
    key(alone, { key: 'PageUp', altKey: true });
    key(alone, { key: 'PageDown', altKey: true });
    expect(told, 'no selection: neither').to.deep.equal(['next']);

    // A save that waits: Save is disabled while it is on its way.
    const update = adapter.contacts.update;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    (adapter.contacts as { update: typeof update }).update = (...args) => gate.then(() => update(...args));
    const saving = await mountCard(adapter, contact.id);
    const input = saving.shadowRoot!.querySelector<HTMLInputElement>('#field-lastName')!;
    await typeInto(saving, input, 'Bergen');
    barButton(saving, 'save').click();
    await waitUntil(() => barButton(saving, 'save').getAttribute('aria-disabled') === 'true', 'the save on its way');
    listen(saving);
    key(saving, { key: 's', ctrlKey: true });
    expect(told, 'no Save while one is on its way').to.deep.equal(['next']);
    release();
    await waitUntil(() => !input.readOnly, 'the save landed');
    await typeInto(saving, input, 'Bergen-Smit');
    key(saving, { key: 's', ctrlKey: true });
    expect(told).to.deep.equal(['next', 'save']);
  });
});
