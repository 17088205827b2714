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

// Bars whose buttons change while a menu is open or a button has focus.
const root = (bar: LiftButtonBar) => bar.shadowRoot!;
const menu = (bar: LiftButtonBar) => root(bar).querySelector<HTMLElement>('[role="menu"]');
const menuItems = (bar: LiftButtonBar) => [...root(bar).querySelectorAll<HTMLButtonElement>('[part~="menu-item"]')];
const focused = (bar: LiftButtonBar) => root(bar).activeElement as HTMLElement | null;
/** Where focus is, for a failure's message. */
const where = (bar: LiftButtonBar) => `focus on ${document.activeElement?.localName} / ${focused(bar)?.dataset.action ?? focused(bar)?.textContent?.trim()}`;
/** Focus on a button of the bar's row: the page's focus in the bar, the bar's on that button. */
const focusInRow = (bar: LiftButtonBar) => document.activeElement === bar && Boolean(focused(bar)?.matches('[part~="toolbar"] [part~="button"]'));
const until = (predicate: () => unknown, message: string) => waitUntil(predicate, message, { timeout: 5000 });
/** Frames enough for the ResizeObserver to have run and Lit to have rendered its result. */
const settle = async (bar: LiftButtonBar) => {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await bar.updateComplete;
  }
};
/** A bar in a wrapper of `width` (set through the CSSOM: these suites also run under a CSP that forbids style attributes). */
async function barIn(width: string, buttons?: string) {
  const wrapper = await fixture<HTMLDivElement>(html`<div><lift-button-bar lang="en" buttons=${buttons ?? 'save undo refresh archive selection search create copy document reports detail-tabs configure'}></lift-button-bar></div>`);
  wrapper.style.width = width;
  const bar = wrapper.querySelector('lift-button-bar')!;
  await settle(bar);
  return { wrapper, bar };
}
function record(bar: LiftButtonBar) {
  const seen: { action: string; kind?: string }[] = [];
  bar.addEventListener('lift-action', (event) => seen.push({ ...event.detail }));
  return seen;
}
/** Opens the menu of the bar's `action` button with Enter and waits for focus in its first item. */
async function openWithEnter(bar: LiftButtonBar, action: string) {
  button(bar, action).focus();
  await sendKeys({ press: 'Enter' });
  await until(() => menu(bar) && focused(bar)?.closest('[role="menu"]'), `the ${action} menu, focus in it`);
}

describe('<lift-button-bar> a menu whose button is taken away while it is open', () => {
  it('sends nothing for an item chosen once the host no longer allows the action, and closes the menu with focus in the bar', async () => {
    const { bar } = await barIn('2000px');
    const seen = record(bar);
    await openWithEnter(bar, 'create');
    expect(menuItems(bar)[0]!.textContent!.trim()).to.equal('Lead');
    // The user became a viewer: the host narrows the rights while the menu is open.
    bar.allowedActions = ['save', 'refresh'];
    menuItems(bar)[0]!.click();
    await settle(bar);
    expect(seen, 'only the press that opened the menu').to.deep.equal([{ action: 'create' }]);
    expect(button(bar, 'create'), 'Create is gone').to.equal(null);
    await until(() => !menu(bar), 'the menu closed');
    await until(() => focusInRow(bar), `focus on a button of the bar (${where(bar)})`);
  });

  it('closes the menu once the host takes its button away, focus to the bar\'s tab stop', async () => {
    const { bar } = await barIn('2000px');
    await openWithEnter(bar, 'create');
    bar.buttons = ['save', 'refresh'];
    await until(() => !button(bar, 'create'), 'Create gone');
    await until(() => !menu(bar), 'the menu closed');
    await until(() => focusInRow(bar), `focus on a button of the bar (${where(bar)})`);
    expect(root(bar).querySelectorAll('[aria-expanded="true"]'), 'nothing expanded').to.have.length(0);
  });

  it('closes a menu chosen in "More actions" once its action goes, focus back on More', async () => {
    const { bar } = await barIn('220px');
    await openWithEnter(bar, 'more');
    menuItems(bar).find((item) => item.textContent!.trim() === 'Leads, requests & projects')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => menu(bar)?.getAttribute('aria-label') === 'Leads, requests & projects' && focused(bar)?.closest('[role="menu"]'), 'the create menu, focus in it');
    bar.allowedActions = ['save', 'undo', 'refresh', 'archive', 'selection', 'search', 'copy', 'document', 'reports', 'configure'];
    await until(() => !menu(bar), 'the menu closed');
    expect(button(bar, 'more'), '"More actions" still holds the rest').not.to.equal(null);
    await until(() => focused(bar) === button(bar, 'more'), `focus on More (${where(bar)})`);
    expect(button(bar, 'more').getAttribute('aria-expanded')).to.equal('false');
  });
});

describe('<lift-button-bar> an item of "More actions" whose action is taken away while it is open', () => {
  it('sends nothing for it, and the menu stays usable for the rest', async () => {
    const { bar } = await barIn('220px');
    const seen = record(bar);
    await openWithEnter(bar, 'more');
    const copy = menuItems(bar).find((item) => item.textContent!.trim() === 'Copy contact person')!;
    bar.allowedActions = ['save', 'undo', 'refresh', 'archive', 'selection', 'search', 'document', 'reports', 'configure'];
    copy.click();
    await settle(bar);
    expect(seen, 'no Copy').to.deep.equal([]);
    expect(menuItems(bar).map((item) => item.textContent!.trim())).not.to.include('Copy contact person');
  });
});

describe('<lift-button-bar> focus while the bar changes width', () => {
  it('closes "More actions" when widening leaves nothing in it, focus staying in the bar', async () => {
    const { wrapper, bar } = await barIn('220px');
    await openWithEnter(bar, 'more');
    wrapper.style.width = '2000px';
    await until(() => !button(bar, 'more'), '"More actions" gone');
    await until(() => !menu(bar), 'the empty menu closed');
    await until(() => focusInRow(bar), `focus on a button of the bar (${where(bar)})`);
  });

  it('keeps focus on the focused item of "More actions" when widening gives some of its actions back to the row', async () => {
    const { wrapper, bar } = await barIn('220px');
    await openWithEnter(bar, 'more');
    const count = menuItems(bar).length;
    await sendKeys({ press: 'End' });
    expect(focused(bar)?.textContent!.trim()).to.equal('Button bar');
    wrapper.style.width = '420px';
    await until(() => menuItems(bar).length < count, 'fewer actions in "More actions"');
    await settle(bar);
    expect(menu(bar), 'the menu still open').not.to.equal(null);
    expect(focused(bar)?.textContent!.trim(), where(bar)).to.equal('Button bar');
  });

  it('keeps focus on the focused action while it is shown, on "More actions" once it moves in there', async () => {
    const { wrapper, bar } = await barIn('2000px');
    button(bar, 'save').focus();
    await sendKeys({ press: 'End' });
    expect(focused(bar)?.dataset.action).to.equal('configure');
    wrapper.style.width = '220px';
    await until(() => button(bar, 'more') && !button(bar, 'configure'), 'Button bar in "More actions"');
    await until(() => focused(bar) === button(bar, 'more'), `focus on More (${where(bar)})`);
    expect(document.activeElement).to.equal(bar);
    // Wider, yet not wide enough for every button: More is further along the row, and keeps focus.
    const at = [...root(bar).querySelectorAll('[part~="toolbar"] [part~="button"]')].indexOf(button(bar, 'more'));
    wrapper.style.width = '420px';
    await until(() => [...root(bar).querySelectorAll('[part~="toolbar"] [part~="button"]')].indexOf(button(bar, 'more')) > at, 'More further along');
    await settle(bar);
    expect(focused(bar), where(bar)).to.equal(button(bar, 'more'));
    expect(button(bar, 'more').tabIndex, 'More holds the tab stop').to.equal(0);
  });
});

describe('<lift-button-bar> focus while the host changes the buttons', () => {
  it('keeps focus on the focused action when a button before it goes', async () => {
    const { bar } = await barIn('2000px', 'save undo refresh copy');
    button(bar, 'undo').focus();
    bar.allowedActions = ['undo', 'refresh', 'copy'];
    await until(() => !button(bar, 'save'), 'Save gone');
    await settle(bar);
    expect(focused(bar)?.dataset.action, where(bar)).to.equal('undo');
    expect(button(bar, 'undo').tabIndex, 'Undo holds the tab stop').to.equal(0);
  });
});

describe('<lift-button-bar> pressing the expanded "More actions"', () => {
  it('closes the menu chosen in it, rather than opening its list', async () => {
    const { bar } = await barIn('220px');
    const more = button(bar, 'more');
    more.click();
    await until(() => menuItems(bar).some((item) => item.textContent!.trim() === 'Button bar'), 'the More menu');
    menuItems(bar).find((item) => item.textContent!.trim() === 'Button bar')!.click();
    await until(() => menu(bar)?.getAttribute('aria-label') === 'Button bar', 'the Button bar menu');
    await bar.updateComplete;
    expect(more.getAttribute('aria-expanded')).to.equal('true');
    more.click();
    await settle(bar);
    expect(menu(bar)?.getAttribute('aria-label') ?? null, 'no menu open').to.equal(null);
    expect(more.getAttribute('aria-expanded')).to.equal('false');
  });
});
