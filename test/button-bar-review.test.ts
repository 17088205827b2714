import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { LiftButtonBar } from '../src/button-bar/button-bar.js';
import '../src/lift-button-bar.js';

const button = (bar: LiftButtonBar, action: string) => bar.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="toolbar"] [data-action="${action}"]`)!;

describe('<lift-button-bar> disabled-actions with a selection', () => {
  it('disables Previous and Next the host names in disabled-actions, in the middle of a selection too, and sends nothing for them', async () => {
    const bar = await fixture<LiftButtonBar>(html`<lift-button-bar
      lang="en"
      buttons="selection refresh"
      selection-position="2"
      selection-size="3"
      disabled-actions="previous next refresh"
    ></lift-button-bar>`);
    const sent: string[] = [];
    bar.addEventListener('lift-action', (event) => sent.push(event.detail.action));
    for (const action of ['previous', 'next', 'refresh']) {
      expect(button(bar, action).getAttribute('aria-disabled'), action).to.equal('true');
      button(bar, action).click();
    }
    expect(sent, 'no lift-action for a disabled button').to.deep.equal([]);
    // Taken off the host's list, they are available again where the selection allows.
    bar.disabledActions = ['next'];
    await bar.updateComplete;
    expect(['previous', 'next'].map((action) => button(bar, action).getAttribute('aria-disabled'))).to.deep.equal(['false', 'true']);
    button(bar, 'previous').click();
    button(bar, 'next').click();
    expect(sent).to.deep.equal(['previous']);
  });
});

describe('<lift-button-bar> roving tab stop follows the pointer', () => {
  it('makes the clicked button the one Tab leaves from and comes back to', async () => {
    const before = document.createElement('button');
    before.textContent = 'before';
    document.body.append(before);
    const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="en" buttons="save undo refresh"></lift-button-bar>`);
    const after = document.createElement('button');
    after.textContent = 'after';
    document.body.append(after);
    try {
      const rect = button(bar, 'refresh').getBoundingClientRect();
      await sendMouse({ type: 'click', position: [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)] });
      await bar.updateComplete;
      const tabStops = () => ['save', 'undo', 'refresh'].map((action) => button(bar, action).getAttribute('tabindex'));
      expect(tabStops(), 'the clicked button is the tab stop').to.deep.equal(['-1', '-1', '0']);
      // From the page before the bar, Tab enters at the button last used, and Tab again leaves the bar.
      before.focus();
      await sendKeys({ press: 'Tab' });
      expect(bar.shadowRoot!.activeElement, 'Tab enters at the clicked button').to.equal(button(bar, 'refresh'));
      await sendKeys({ press: 'Tab' });
      expect(document.activeElement, 'the next Tab leaves the bar').to.equal(after);
    } finally {
      before.remove();
      after.remove();
    }
  });
});

describe('<lift-button-bar> a disabled button pressed while a menu is open', () => {
  it('closes the open menu, as any other button of the bar does, and sends nothing', async () => {
    const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="en" buttons="create save" disabled-actions="save"></lift-button-bar>`);
    const sent: string[] = [];
    bar.addEventListener('lift-action', (event) => sent.push(event.detail.action));
    button(bar, 'create').click();
    await waitUntil(() => bar.shadowRoot!.querySelector('[role="menu"]'), 'the create menu');
    expect(button(bar, 'create').getAttribute('aria-expanded')).to.equal('true');
    button(bar, 'save').click();
    await bar.updateComplete;
    expect(button(bar, 'create').getAttribute('aria-expanded'), 'the create menu is closed').to.equal('false');
    expect(bar.shadowRoot!.querySelector('[role="menu"]'), 'no menu shows').to.equal(null);
    expect(sent, 'only the create press was sent').to.deep.equal(['create']);
  });
});

describe('<lift-button-bar> a menu opened from "More actions"', () => {
  it('marks More expanded while the menu it opened shows under it, and collapsed once it closes', async () => {
    const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="en" style="display: block; width: 130px" buttons="save undo refresh create"></lift-button-bar>`);
    const root = bar.shadowRoot!;
    await waitUntil(() => root.querySelector('[part~="toolbar"] [data-action="more"]') && !root.querySelector('[part~="toolbar"] [data-action="create"]'), 'Create in "More actions"');
    const more = button(bar, 'more');
    more.click();
    await waitUntil(() => [...root.querySelectorAll<HTMLElement>('[part~="menu-item"]')].some((item) => item.textContent!.includes('Leads')), 'the More menu');
    [...root.querySelectorAll<HTMLElement>('[part~="menu-item"]')].find((item) => item.textContent!.includes('Leads'))!.click();
    await waitUntil(() => root.querySelector('[part~="menu"]')?.getAttribute('aria-label') === 'Leads, requests & projects', 'the create menu');
    await bar.updateComplete;
    expect(more.getAttribute('aria-expanded'), 'the menu shows under More').to.equal('true');
    // Escape from the menu's item, where focus went.
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !root.querySelector('[part~="menu"]'), 'the menu closed');
    await bar.updateComplete;
    expect(more.getAttribute('aria-expanded'), 'closed').to.equal('false');
  });
});
