import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftButtonBar } from '../src/button-bar/button-bar.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import { rovingMove } from '../src/internal/roving-focus.js';
import '../src/lift-button-bar.js';
import '../src/lift-contact-card.js';
import { oneContact } from './worlds.js';

/** The element with focus, looking into shadow roots. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('one keyboard pattern for toolbar, tabs, menus and feed', () => {
  it('moves by one with the arrows (wrapping), by a page, and to the ends', () => {
    const across = { orientation: 'horizontal' } as const;
    expect(rovingMove('ArrowRight', 4, 5, across), 'past the last comes the first').to.equal(0);
    expect(rovingMove('ArrowLeft', 0, 5, across), 'before the first comes the last').to.equal(4);
    expect(rovingMove('ArrowRight', 1, 5, { ...across, rtl: true }), 'right to left, Right goes back').to.equal(0);
    expect(rovingMove('ArrowLeft', 1, 5, { ...across, rtl: true }), 'right to left, Left goes on').to.equal(2);
    expect(rovingMove('ArrowDown', 1, 5, across), 'a row ignores Up and Down').to.equal(undefined);
    const feed = { orientation: 'vertical', wrap: false, page: 10 } as const;
    expect(rovingMove('ArrowDown', 99, 100, feed), 'a feed stops at its end').to.equal(99);
    expect(rovingMove('PageDown', 95, 100, feed)).to.equal(99);
    expect(rovingMove('PageUp', 25, 100, feed)).to.equal(15);
    expect(rovingMove('Home', 50, 100, feed)).to.equal(0);
    expect(rovingMove('End', 50, 100, feed)).to.equal(99);
    expect(rovingMove('x', 1, 5, feed)).to.equal(undefined);
    expect(rovingMove('ArrowDown', 0, 0, feed), 'nothing to move in').to.equal(undefined);
  });

  it('the card tabs follow the reading direction: in right-to-left, Arrow Left goes to the next tab', async () => {
    const adapter = new MemoryAdapter();
    const { contact } = await oneContact(adapter, 'Atelier Oost', { firstName: 'Noor', lastName: 'Haddad' });
    const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl" lang="en">
      <lift-contact-card contact-id=${contact.id} tab="projects" .adapter=${adapter}></lift-contact-card>
    </div>`);
    const el = wrapper.querySelector<LiftContactCard>('lift-contact-card')!;
    await el.loaded;
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLElement>('#tab-projects')!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(el.tab, 'Left moved on').to.equal('correspondence');
    expect(focused()?.id).to.equal('tab-correspondence');
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.tab, 'Right went back').to.equal('overview');
    expect(focused()?.id).to.equal('tab-overview');
  });

  it('the bar follows it too, and its menus move with Up and Down', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl" lang="en"><lift-button-bar buttons="save undo refresh create"></lift-button-bar></div>`);
    const bar = wrapper.querySelector<LiftButtonBar>('lift-button-bar')!;
    await bar.updateComplete;
    const buttons = () => [...bar.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="button"]')];
    buttons()[0]!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    expect(focused(), 'Left moved on to the second button').to.equal(buttons()[1]);
    expect(buttons().map((b) => b.tabIndex)).to.deep.equal([-1, 0, ...buttons().slice(2).map(() => -1)]);
    await sendKeys({ press: 'ArrowRight' });
    expect(focused(), 'Right went back').to.equal(buttons()[0]);
    const create = buttons().find((b) => b.dataset.action === 'create')!;
    create.focus();
    await sendKeys({ press: 'ArrowDown' });
    await bar.updateComplete;
    const items = () => [...bar.shadowRoot!.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    expect(focused(), 'the menu opened on its first item').to.equal(items()[0]);
    await sendKeys({ press: 'ArrowUp' });
    expect(focused(), 'Up from the first wraps to the last').to.equal(items().at(-1));
    await sendKeys({ press: 'Home' });
    expect(focused()).to.equal(items()[0]);
  });
});
