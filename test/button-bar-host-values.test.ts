import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftButtonBar } from '../src/button-bar/button-bar.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import '../src/lift-button-bar.js';
import '../src/lift-contact-card.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { mountCard } from './harness.js';
import { captureWarnings, typeInto, waitUntil } from './helpers.js';

// Values a host sets on the bar's list properties as a framework may: the attribute's words as
// text, or something that is no list at all. The bar reads each the way it reads `buttons`, in
// its row and in its menus alike; and a menu pressed while its code is on its way opens only
// where the user still is.

const shadow = (bar: LiftButtonBar) => bar.shadowRoot!;
const button = (bar: LiftButtonBar, action: string) => shadow(bar).querySelector<HTMLButtonElement>(`[part~="toolbar"] [data-action="${action}"]`)!;
const rowActions = (bar: LiftButtonBar) => [...shadow(bar).querySelectorAll<HTMLButtonElement>('[part~="toolbar"] button')].map((b) => b.dataset.action);
const menu = (bar: LiftButtonBar) => shadow(bar).querySelector<HTMLElement>('[role="menu"]');
/** The open menu's items, each with a ✓ when ticked. */
const menuItems = (bar: LiftButtonBar) =>
  [...shadow(bar).querySelectorAll<HTMLButtonElement>('[part~="menu-item"]')].map((item) => `${item.textContent!.trim()}${item.getAttribute('aria-checked') === 'true' ? ' ✓' : ''}`);
const settle = async (bar: LiftButtonBar) => {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await bar.updateComplete;
  }
};
/** What a host sets, whatever the property's type says. */
const set = (bar: LiftButtonBar, property: 'buttons' | 'visibleButtons' | 'allowedActions' | 'disabledActions', value: unknown) =>
  ((bar as unknown as Record<string, unknown>)[property] = value);

async function plainBar(buttons?: string): Promise<LiftButtonBar> {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 2000px"><lift-button-bar lang="en" buttons=${buttons ?? 'save undo refresh copy configure'}></lift-button-bar></div>`);
  const bar = wrapper.querySelector('lift-button-bar')!;
  await settle(bar);
  return bar;
}

async function openConfigure(bar: LiftButtonBar): Promise<string[]> {
  button(bar, 'configure').click();
  await waitUntil(() => menu(bar)?.getAttribute('aria-label') === 'Button bar' && menuItems(bar).length, 'the Button bar menu');
  return menuItems(bar);
}

describe('<lift-button-bar> list properties set by a host', () => {
  it('opens Button bar when buttons was set as text, and the bar keeps following the card', async () => {
    const bar = await plainBar();
    set(bar, 'buttons', 'save undo configure');
    await settle(bar);
    expect(await openConfigure(bar), 'the buttons the text names').to.deep.equal(['Save ✓', 'Undo changes ✓', 'Reset to default']);
    bar.dirty = true;
    await settle(bar);
    expect(button(bar, 'save').getAttribute('aria-disabled'), 'Save, once the card has changes').to.equal('false');
  });

  it('opens Button bar with every button when buttons holds something that is no list', async () => {
    const bar = await plainBar();
    await captureWarnings(async () => {
      set(bar, 'buttons', 42);
      await settle(bar);
      const items = await openConfigure(bar);
      expect(items, 'all eleven that can be chosen, and the reset').to.have.length(12);
      expect(items[0]).to.equal('Save ✓');
    });
  });

  it('reads allowedActions, visibleButtons and disabledActions set as text as their attributes are read', async () => {
    const bar = await plainBar();
    set(bar, 'allowedActions', 'save copy configure');
    await settle(bar);
    expect(rowActions(bar), 'the actions the text allows').to.deep.equal(['save', 'copy', 'configure']);
    expect(await openConfigure(bar), 'the menu offers the same').to.deep.equal(['Save ✓', 'Copy contact person ✓', 'Reset to default']);
    button(bar, 'configure').click();
    await settle(bar);

    set(bar, 'allowedActions', undefined);
    set(bar, 'visibleButtons', 'save refresh');
    await settle(bar);
    expect(rowActions(bar), 'the buttons the user chose, and Button bar').to.deep.equal(['save', 'refresh', 'configure']);
    expect(await openConfigure(bar)).to.deep.equal(['Save ✓', 'Undo changes', 'Refresh ✓', 'Copy contact person', 'Reset to default']);
    button(bar, 'configure').click();
    await settle(bar);

    set(bar, 'visibleButtons', undefined);
    set(bar, 'disabledActions', 'copy');
    await settle(bar);
    expect(button(bar, 'copy').getAttribute('aria-disabled')).to.equal('true');
    expect(button(bar, 'refresh').getAttribute('aria-disabled')).to.equal('false');
  });

  it('warns of, and ignores, a disabledActions that is no list, and keeps working', async () => {
    const bar = await plainBar();
    const warnings = await captureWarnings(async () => {
      set(bar, 'disabledActions', 42);
      await settle(bar);
    });
    expect(warnings.some((w) => w.includes('disabled-actions') && w.includes('neither a list')), 'the host hears of it').to.equal(true);
    expect(button(bar, 'copy').getAttribute('aria-disabled'), 'nothing disabled by it').to.equal('false');
    bar.dirty = true;
    await settle(bar);
    expect(button(bar, 'save').getAttribute('aria-disabled'), 'the bar still follows the card').to.equal('false');
  });
});

describe('<lift-contact-card> buttons set as text', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  it('opens Button bar, and Save lights up after typing', async () => {
    const adapter = freshIndexedDbAdapter();
    const relation = await adapter.relations.create({ kind: 'prospect', name: 'Drukkerij De Vries' });
    const contact = await adapter.contacts.create({ relationId: relation.id, firstName: 'Anna', lastName: 'Berg' });
    const card: LiftContactCard = await mountCard(adapter, contact.id);
    (card as unknown as { buttons: unknown }).buttons = 'save configure';
    await card.updateComplete;
    const bar = card.shadowRoot!.querySelector<LiftButtonBar>('lift-button-bar')!;
    await settle(bar);
    expect(rowActions(bar)).to.deep.equal(['save', 'configure']);
    expect(await openConfigure(bar)).to.deep.equal(['Save ✓', 'Reset to default']);
    button(bar, 'configure').click();
    await settle(bar);
    await typeInto(card, card.shadowRoot!.querySelector<HTMLInputElement>('#field-lastName')!, 'Bergen');
    await settle(bar);
    expect(button(bar, 'save').getAttribute('aria-disabled'), 'Save, once the card has changes').to.equal('false');
  });

  it('keeps a choice made in Button bar when buttons holds something that is no list', async () => {
    const adapter = freshIndexedDbAdapter();
    const relation = await adapter.relations.create({ kind: 'prospect', name: 'Drukkerij De Vries' });
    const contact = await adapter.contacts.create({ relationId: relation.id, firstName: 'Anna', lastName: 'Berg' });
    const card: LiftContactCard = await mountCard(adapter, contact.id);
    const bar = card.shadowRoot!.querySelector<LiftButtonBar>('lift-button-bar')!;
    card.style.width = '2000px';
    await captureWarnings(async () => {
      (card as unknown as { buttons: unknown }).buttons = 42;
      await card.updateComplete;
      await settle(bar);
      expect(await openConfigure(bar), 'every button').to.include('Refresh ✓');
      [...shadow(bar).querySelectorAll<HTMLButtonElement>('[part~="menu-item"]')].find((item) => item.textContent!.trim() === 'Refresh')!.click();
      await waitUntil(async () => (await adapter.preferences!.get('contact'))?.buttons?.includes('copy'), 'the choice stored');
    });
    expect((await adapter.preferences!.get('contact'))!.buttons, 'Refresh unticked, the rest kept').to.not.include('refresh');
    await settle(bar);
    expect(rowActions(bar)).to.not.include('refresh');
  });
});

describe('<lift-button-bar> a menu pressed while its code is on its way', () => {
  // A new bar loads its menus on its first menu press: what happens in the same task happens
  // before they arrive, as anything does while they load on a slow connection.
  async function barAndField() {
    const wrapper = await fixture<HTMLDivElement>(html`<div><lift-button-bar lang="en" buttons="save create"></lift-button-bar><input aria-label="Elsewhere" /></div>`);
    const bar = wrapper.querySelector('lift-button-bar')!;
    await settle(bar);
    return { bar, field: wrapper.querySelector('input')! };
  }

  it('does not open, nor take focus, once focus has gone elsewhere', async () => {
    const { bar, field } = await barAndField();
    button(bar, 'create').focus();
    button(bar, 'create').click();
    field.focus();
    await settle(bar);
    expect(menu(bar), 'no menu').to.equal(null);
    expect(document.activeElement, 'focus where the user went').to.equal(field);
    expect(button(bar, 'create').getAttribute('aria-expanded')).to.equal('false');
    // The next press, with its code at hand, opens it.
    button(bar, 'create').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(bar).activeElement?.closest('[role="menu"]'), 'the menu, focus in it');
  });

  it('opens for a press that did not focus its button (WebKit\'s click) when focus stayed where it was', async () => {
    const { bar, field } = await barAndField();
    field.focus();
    button(bar, 'create').click();
    await settle(bar);
    expect(menuItems(bar)).to.deep.equal(['Lead', 'Request', 'Project']);
  });

  it('is cancelled by Escape in the toolbar, focus staying on its button', async () => {
    const { bar } = await barAndField();
    const create = button(bar, 'create');
    create.focus();
    create.click();
    const escape = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true, cancelable: true });
    create.dispatchEvent(escape);
    await settle(bar);
    expect(escape.defaultPrevented, 'the Escape is the bar\'s').to.equal(true);
    expect(menu(bar), 'no menu').to.equal(null);
    expect(shadow(bar).activeElement).to.equal(create);
    // Escape with nothing on its way is left to the page.
    const another = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true, cancelable: true });
    create.dispatchEvent(another);
    expect(another.defaultPrevented).to.equal(false);
  });
});

describe('<lift-button-bar> right to left', () => {
  const transform = (bar: LiftButtonBar, action: string) => getComputedStyle(button(bar, action).querySelector('svg')!).transform;

  it('mirrors the icons of Previous, Next and Undo, and only those', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl"><lift-button-bar lang="en" buttons="save undo selection"></lift-button-bar></div>`);
    const bar = wrapper.querySelector('lift-button-bar')!;
    bar.selectionPosition = 2;
    bar.selectionSize = 3;
    await settle(bar);
    for (const action of ['previous', 'next', 'undo']) expect(transform(bar, action), action).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
    expect(transform(bar, 'save')).to.equal('none');
    wrapper.dir = 'ltr';
    await settle(bar);
    for (const action of ['previous', 'next', 'undo']) expect(transform(bar, action), `${action} left to right`).to.equal('none');
  });
});
