import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftButtonBar } from '../src/button-bar/button-bar.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { LiftActionDetail } from '../src/events.js';
import { rovingMove } from '../src/internal/roving-focus.js';
import '../src/lift-button-bar.js';
import { $, bar as barOf, deepActive, dialog, inDialog, mount, options, world } from './dialog-helpers.js';
import { waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

// A key held down repeats its keydown on whatever took focus meanwhile, and Alt or Command held
// makes another key the browser's or the page's. WebKitGTK's WebDriver only presses and types
// keys, and cannot hold one, so these run in Chromium (and pass in Firefox when run by hand).

const focused = (bar: LiftButtonBar) => bar.shadowRoot!.activeElement as HTMLElement | null;
const button = (bar: LiftButtonBar, action: string) => bar.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="toolbar"] [data-action="${action}"]`)!;
const menu = (bar: LiftButtonBar) => bar.shadowRoot!.querySelector<HTMLElement>('[role="menu"]');

describe('a held Enter', () => {
  it('on a menu button opens the menu, and chooses from it only when Enter is pressed again', async () => {
    const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="en" buttons="refresh create"></lift-button-bar>`);
    const seen: LiftActionDetail[] = [];
    bar.addEventListener('lift-action', (event) => seen.push(event.detail));
    button(bar, 'create').focus();
    await sendKeys({ down: 'Enter' });
    await waitUntil(() => focused(bar)?.textContent!.trim() === 'Lead', 'the menu, its first item focused');
    // Still held: the key repeats on the item that took focus.
    await sendKeys({ down: 'Enter' });
    await sendKeys({ up: 'Enter' });
    await bar.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).to.deep.equal([{ action: 'create' }]);
    expect(menu(bar), 'the menu stays open').to.not.equal(null);
    await sendKeys({ press: 'Enter' });
    await bar.updateComplete;
    expect(seen.at(-1)).to.deep.equal({ action: 'create', kind: 'lead' });
  });

  it('on Search opens the search, and chooses no result until Enter is pressed again', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact.id);
    const opened: string[] = [];
    el.addEventListener('lift-contact-open', (event) => opened.push(event.detail.contactId));
    barOf(el).shadowRoot!.querySelector<HTMLButtonElement>('[part~="toolbar"] [data-action="search"]')!.focus();
    await sendKeys({ down: 'Enter' });
    await waitUntil(() => dialog(el)?.open && options(el).length > 1, 'the search with its results');
    // Still held: the key repeats in the search box that took focus.
    await sendKeys({ down: 'Enter' });
    await sendKeys({ up: 'Enter' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([opened, el.contactId, dialog(el)?.open]).to.deep.equal([[], contact.id, true]);
  });

  it('on the Create menu\'s "Lead" opens an empty form that waits for a title', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact.id);
    button(barOf(el), 'create').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused(barOf(el))?.textContent!.trim() === 'Lead', 'the menu, its first item focused');
    await sendKeys({ down: 'Enter' });
    await waitUntil(() => dialog(el)?.open && deepActive(el)?.classList.contains('title-input'), 'the create dialog, on its title');
    // Still held: the key repeats in the title field that took focus.
    await sendKeys({ down: 'Enter' });
    await sendKeys({ down: 'Enter' });
    await sendKeys({ up: 'Enter' });
    await el.updateComplete;
    expect(dialog(el)?.open, 'the dialog stays').to.equal(true);
    expect(inDialog(el, '.title-input')!.getAttribute('aria-invalid'), 'no title asked for yet').to.equal('false');
    expect(inDialog(el, '[part="error"]')!.textContent!.trim()).to.equal('');
    expect($(el, '[role="alert"]')).to.equal(null);
    // A fresh Enter in the empty field says what is missing.
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => inDialog(el, '.title-input')!.getAttribute('aria-invalid') === 'true', 'the title asked for');
  });
});

/** The element with focus, looking into shadow roots. */
function deepFocus(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('a key held with Alt or Command', () => {
  it('leaves a key pressed with Alt or Command to the browser and the page (Alt+Left goes back, Alt+PageDown is the next contact)', async () => {
    const adapter = new MemoryAdapter();
    const { contact } = await oneContact(adapter, 'Atelier Oost', { firstName: 'Noor', lastName: 'Haddad' });
    for (let i = 0; i < 40; i++) await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: `Notitie ${i}`, body: '' });
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en">
      <lift-contact-card contact-id=${contact.id} .adapter=${adapter}></lift-contact-card>
    </div>`);
    const el = wrapper.querySelector<LiftContactCard>('lift-contact-card')!;
    await el.loaded;
    await el.updateComplete;
    const prevented: string[] = [];
    wrapper.addEventListener('keydown', (event) => event.defaultPrevented && prevented.push(event.key));
    el.shadowRoot!.querySelector<HTMLElement>('#tab-overview')!.focus();
    const withKey = async (modifier: string, key: string) => {
      await sendKeys({ down: modifier });
      await sendKeys({ press: key });
      await sendKeys({ up: modifier });
    };
    // Forward in the browser's history (nothing there in a test page): not the next tab.
    await withKey('Alt', 'ArrowRight');
    await el.updateComplete;
    expect([el.tab ?? 'overview', deepFocus()?.id], 'the tab and focus stay').to.deep.equal(['overview', 'tab-overview']);
    const timeline = el.shadowRoot!.querySelector('lift-contact-timeline')!;
    await waitUntil(() => timeline.shadowRoot!.querySelector('article'), 'the overview');
    timeline.shadowRoot!.querySelector<HTMLElement>('article')!.focus();
    await withKey('Alt', 'ArrowDown');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(deepFocus()?.getAttribute('data-position'), 'the feed stays on its first entry').to.equal('1');
    expect(prevented, 'no key kept from the page').to.deep.equal([]);
    expect(rovingMove({ key: 'ArrowLeft', altKey: false, metaKey: true }, 1, 5, { orientation: 'horizontal' }), 'Command+Left: back in Safari').to.equal(undefined);
    expect(rovingMove({ key: 'End', altKey: false, metaKey: false }, 1, 5, { orientation: 'vertical' }), 'Control+End: the end of the feed').to.equal(4);
  });
});
