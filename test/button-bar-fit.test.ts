import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { LiftButtonBar } from '../src/button-bar/button-bar.js';
import '../src/lift-button-bar.js';
import { captureWarnings, waitUntil } from './helpers.js';

// What fits in the bar's row, and where focus and the expanded state go as buttons move into
// "More actions" and back.
const ALL = ['save', 'undo', 'refresh', 'archive', 'previous', 'next', 'search', 'create', 'copy', 'document', 'reports', 'detail-tabs', 'configure'];
const root = (bar: LiftButtonBar) => bar.shadowRoot!;
const rowButtons = (bar: LiftButtonBar) => [...root(bar).querySelectorAll<HTMLButtonElement>('[part~="toolbar"] [part~="button"]')];
const rowActions = (bar: LiftButtonBar) => rowButtons(bar).map((b) => b.dataset.action);
const button = (bar: LiftButtonBar, action: string) => root(bar).querySelector<HTMLButtonElement>(`[part~="toolbar"] [data-action="${action}"]`)!;
const menu = (bar: LiftButtonBar) => root(bar).querySelector<HTMLElement>('[role="menu"]');
const menuItems = (bar: LiftButtonBar) => [...root(bar).querySelectorAll<HTMLButtonElement>('[part~="menu-item"]')];
const focused = (bar: LiftButtonBar) => root(bar).activeElement as HTMLElement | null;
const expanded = (bar: LiftButtonBar) => rowButtons(bar).filter((b) => b.getAttribute('aria-expanded') === 'true').map((b) => b.dataset.action);
/** Where focus is, for a failure's message. */
const where = (bar: LiftButtonBar) => `focus on ${document.activeElement?.localName} / ${focused(bar)?.dataset.action ?? focused(bar)?.textContent?.trim()}`;
/** Frames enough for the ResizeObserver to have run and Lit to have rendered its result. */
const settle = async (bar: LiftButtonBar) => {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await bar.updateComplete;
  }
};
/** A bar in a wrapper of `width` (set through the CSSOM, as a strict CSP forbids style attributes). */
async function barIn(width: string, options: { buttons?: string; position?: number; size?: number } = {}) {
  const wrapper = await fixture<HTMLDivElement>(html`<div>
    <lift-button-bar
      lang="en"
      buttons=${options.buttons ?? 'save undo refresh archive selection search create copy document reports detail-tabs configure'}
      selection-position=${ifDefined(options.position)}
      selection-size=${ifDefined(options.size)}
    ></lift-button-bar>
  </div>`);
  wrapper.style.width = width;
  const bar = wrapper.querySelector('lift-button-bar')!;
  await settle(bar);
  return { wrapper, bar };
}
/** The room the row's buttons take: from the first one's left edge to the last one's right edge, plus the toolbar's padding. */
function rowWidth(bar: LiftButtonBar): number {
  const buttons = rowButtons(bar);
  const style = getComputedStyle(root(bar).querySelector('[part~="toolbar"]')!);
  return buttons.at(-1)!.getBoundingClientRect().right - buttons[0]!.getBoundingClientRect().left + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
}
/** The row's buttons whose right edge passes the toolbar's inner right edge: cut off by its overflow. */
function cut(bar: LiftButtonBar): (string | undefined)[] {
  const toolbar = root(bar).querySelector<HTMLElement>('[part~="toolbar"]')!;
  const end = toolbar.getBoundingClientRect().right - parseFloat(getComputedStyle(toolbar).paddingRight);
  return rowButtons(bar).filter((b) => b.getBoundingClientRect().right > end + 0.5).map((b) => b.dataset.action);
}
/** Opens the menu of the bar's `action` button with Enter and waits for focus in its first item. */
async function openWithEnter(bar: LiftButtonBar, action: string) {
  button(bar, action).focus();
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => menu(bar) && focused(bar)?.closest('[role="menu"]'), `the ${action} menu, focus in it`);
}

describe('<lift-button-bar> what fits in the row', () => {
  it('shows every button as an icon, none in "More actions", once the bar is as wide as the thirteen icons', async () => {
    const { wrapper, bar } = await barIn('600px');
    await waitUntil(() => rowActions(bar).length === ALL.length && !button(bar, 'more'), `all icons in the row at 600px (${rowActions(bar).join(' ')})`);
    // Thirteen icon buttons, as wide as Button bar's (an icon at 600px), with the gaps and padding between and around them.
    const configure = button(bar, 'configure');
    expect(configure.classList.contains('icon-only'), 'Button bar an icon at 600px').to.equal(true);
    const style = getComputedStyle(root(bar).querySelector('[part~="toolbar"]')!);
    const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    const needed = Math.ceil(ALL.length * configure.getBoundingClientRect().width + (ALL.length - 1) * parseFloat(style.columnGap) + padding) + 1;
    wrapper.style.width = `${needed}px`;
    await settle(bar);
    expect(rowActions(bar), `row at ${needed}px`).to.deep.equal(ALL);
  });

  it('keeps the room for the "3 / 12" only while Previous and Next stay in the row', async () => {
    // Measured on this bar itself: an icon button (More), the gap and the padding.
    const { wrapper, bar } = await barIn('220px', { position: 3, size: 12 });
    await waitUntil(() => button(bar, 'more'), '"More actions" at 220px');
    const icon = button(bar, 'more').getBoundingClientRect().width;
    const style = getComputedStyle(root(bar).querySelector('[part~="toolbar"]')!);
    const gap = parseFloat(style.columnGap);
    // Room for Save, Undo, Refresh and Archive, and More that holds the rest (Previous and Next among them).
    const width = Math.ceil(5 * icon + 4 * gap + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight)) + 1;
    wrapper.style.width = `${width}px`;
    await settle(bar);
    expect(rowActions(bar), `row at ${width}px`).to.deep.equal(['save', 'undo', 'refresh', 'archive', 'more']);
  });

  it('measures again when a web font arrives: no button is cut off at the bar\'s end', async () => {
    const face = new FontFace('ZZ Brand', 'url(/node_modules/storybook/assets/browser/nunito-sans-bold.woff2)', { display: 'swap' });
    const { wrapper, bar } = await barIn('2000px');
    try {
      wrapper.style.setProperty('--lift-font', '0.875rem/1.4 "ZZ Brand", Arial, sans-serif');
      await settle(bar);
      wrapper.style.width = `${Math.ceil(rowWidth(bar)) + 12}px`;
      await settle(bar);
      expect(rowButtons(bar).filter((b) => b.classList.contains('icon-only')).map((b) => b.dataset.action), 'every label shows before the font').to.deep.equal([]);
      const before = rowWidth(bar);
      document.fonts.add(face);
      await face.load();
      await document.fonts.ready;
      // The font makes the labels wider than the fallback did (else this test would show nothing).
      const text = rowButtons(bar).map((b) => b.title).join(' ');
      const context = document.createElement('canvas').getContext('2d')!;
      const measure = (font: string) => {
        context.font = font;
        return context.measureText(text).width;
      };
      expect(measure('14px "ZZ Brand", Arial, sans-serif'), 'the labels in the font').to.be.greaterThan(measure('14px Arial, sans-serif') + 12);
      await waitUntil(() => cut(bar).length === 0, `no button past the bar's end (${cut(bar).join(' ')} cut off; row ${before}px before the font)`);
      await settle(bar);
      expect(cut(bar), 'still none once settled').to.deep.equal([]);
    } finally {
      document.fonts.delete(face);
    }
  });

  it('measures again when a theme widens the gap between the buttons: no button is cut off', async () => {
    const { wrapper, bar } = await barIn('2000px');
    wrapper.style.width = `${Math.ceil(rowWidth(bar)) + 12}px`;
    await settle(bar);
    expect(rowButtons(bar).filter((b) => b.classList.contains('icon-only')).map((b) => b.dataset.action), 'every label shows').to.deep.equal([]);
    wrapper.style.setProperty('--lift-button-bar-gap', '1rem');
    await waitUntil(() => cut(bar).length === 0, `no button past the bar's end (${cut(bar).join(' ')} cut off)`);
    await settle(bar);
    expect(cut(bar), 'still none once settled').to.deep.equal([]);
  });
});

describe('<lift-button-bar> focus after an action came back from "More actions"', () => {
  it('returns focus and the tab stop to the focused action once the row has room for it again', async () => {
    const { wrapper, bar } = await barIn('2000px');
    button(bar, 'save').focus();
    await sendKeys({ press: 'End' });
    expect(focused(bar)?.dataset.action).to.equal('configure');
    wrapper.style.width = '220px';
    await waitUntil(() => button(bar, 'more') && !button(bar, 'configure'), 'Button bar in "More actions"');
    await waitUntil(() => focused(bar) === button(bar, 'more'), `focus on More (${where(bar)})`);
    wrapper.style.width = '2000px';
    await waitUntil(() => !button(bar, 'more'), '"More actions" gone');
    await settle(bar);
    expect(focused(bar)?.dataset.action, where(bar)).to.equal('configure');
    expect(button(bar, 'configure').tabIndex, 'Button bar holds the tab stop').to.equal(0);
  });

  it('does so too when Escape closed its menu onto "More actions"', async () => {
    const { wrapper, bar } = await barIn('2000px');
    await openWithEnter(bar, 'configure');
    wrapper.style.width = '220px';
    await waitUntil(() => button(bar, 'more') && !button(bar, 'configure'), 'Button bar in "More actions"');
    await settle(bar);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !menu(bar) && focused(bar) === button(bar, 'more'), `menu closed, focus on More (${where(bar)})`);
    wrapper.style.width = '2000px';
    await waitUntil(() => !button(bar, 'more'), '"More actions" gone');
    await settle(bar);
    expect(focused(bar)?.dataset.action, where(bar)).to.equal('configure');
    expect(button(bar, 'configure').tabIndex, 'Button bar holds the tab stop').to.equal(0);
  });
});

describe('<lift-button-bar> the expanded button while the row changes', () => {
  it('marks "More actions" expanded while it holds the button of the open menu, and pressing it closes that menu', async () => {
    const { wrapper, bar } = await barIn('2000px');
    await openWithEnter(bar, 'configure');
    expect(expanded(bar)).to.deep.equal(['configure']);
    wrapper.style.width = '220px';
    await waitUntil(() => button(bar, 'more') && !button(bar, 'configure'), 'Button bar in "More actions"');
    await settle(bar);
    expect(menu(bar)?.getAttribute('aria-label'), 'the menu stays open').to.equal('Button bar');
    expect(expanded(bar), 'More holds Button bar').to.deep.equal(['more']);
    // The expanded button collapses its menu.
    button(bar, 'more').click();
    await settle(bar);
    expect(menu(bar), 'no menu open').to.equal(null);
    expect(expanded(bar), 'nothing expanded').to.deep.equal([]);
  });

  it('marks the menu\'s own button expanded once "More actions", where it was chosen, goes', async () => {
    const { wrapper, bar } = await barIn('220px');
    await openWithEnter(bar, 'more');
    menuItems(bar).find((item) => item.textContent!.trim() === 'Button bar')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => menu(bar)?.getAttribute('aria-label') === 'Button bar', 'the Button bar menu');
    await settle(bar);
    expect(expanded(bar)).to.deep.equal(['more']);
    wrapper.style.width = '2000px';
    await waitUntil(() => !button(bar, 'more'), '"More actions" gone');
    await settle(bar);
    expect(menu(bar)?.getAttribute('aria-label'), 'the menu stays open').to.equal('Button bar');
    expect(expanded(bar), 'Button bar, under which the menu now shows').to.deep.equal(['configure']);
  });
});

describe('<lift-button-bar> the buttons property', () => {
  it('reads text set as the property as the attribute\'s tokens, and warns once of a value that is neither', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 2000px"><lift-button-bar lang="en"></lift-button-bar></div>`);
    const bar = wrapper.querySelector('lift-button-bar')!;
    // What a framework sets when a binding gives the property the attribute's words.
    (bar as { buttons: unknown }).buttons = 'save undo';
    await settle(bar);
    expect(rowActions(bar), 'the tokens read').to.deep.equal(['save', 'undo']);
    const warnings = await captureWarnings(async () => {
      (bar as { buttons: unknown }).buttons = 42;
      await settle(bar);
      bar.requestUpdate();
      await settle(bar);
    });
    expect(rowActions(bar), 'every button, as when unset').to.deep.equal(ALL);
    expect(warnings.filter((w) => w.includes('buttons') && w.includes('neither a list')), 'one warning').to.have.length(1);
  });
});
