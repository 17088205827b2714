import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { LiftButtonBar } from '../src/button-bar/button-bar.js';
import type { LiftActionDetail } from '../src/events.js';
import '../src/lift-button-bar.js';
import { captureWarnings, uniqueToken, waitUntil } from './helpers.js';

const shadow = (bar: LiftButtonBar) => bar.shadowRoot!;
const toolbarButtons = (bar: LiftButtonBar) => [...shadow(bar).querySelectorAll<HTMLButtonElement>('[part~="toolbar"] button')];
const actionsOf = (bar: LiftButtonBar) => toolbarButtons(bar).map((b) => b.dataset.action);
const button = (bar: LiftButtonBar, action: string) => shadow(bar).querySelector<HTMLButtonElement>(`[part~="toolbar"] [data-action="${action}"]`)!;
const menu = (bar: LiftButtonBar) => shadow(bar).querySelector<HTMLElement>('[role="menu"]');
const menuItems = (bar: LiftButtonBar) => [...shadow(bar).querySelectorAll<HTMLButtonElement>('[part~="menu-item"]')];
const menuLabels = (bar: LiftButtonBar) => menuItems(bar).map((item) => item.textContent!.trim());
const focused = (bar: LiftButtonBar) => shadow(bar).activeElement as HTMLElement | null;
/** Two frames: the ResizeObserver has run and Lit has rendered its result. */
const settle = async (bar: LiftButtonBar) => {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await bar.updateComplete;
  }
};
/** A real pointer's click in the middle of the bar's `action` button. */
const clickOn = async (bar: LiftButtonBar, action: string) => {
  const box = button(bar, action).getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
};
/** Opens the menu of the bar's `action` button from the keyboard (`key`: Enter, or an arrow) and waits for focus in it. */
async function openWithKey(bar: LiftButtonBar, action: string, key = 'Enter') {
  button(bar, action).focus();
  await sendKeys({ press: key });
  await waitUntil(() => menu(bar) && focused(bar)?.closest('[role="menu"]'), 'the menu, focus in it');
}
function record(bar: LiftButtonBar): LiftActionDetail[] {
  const seen: LiftActionDetail[] = [];
  bar.addEventListener('lift-action', (event) => seen.push(event.detail));
  return seen;
}

describe('<lift-button-bar>', () => {
  describe('buttons', () => {
    it('shows its twelve buttons in order, selection as previous / next', async () => {
      const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="en"></lift-button-bar>`);
      expect(actionsOf(bar)).to.deep.equal([
        'save', 'undo', 'refresh', 'archive', 'previous', 'next', 'search',
        'create', 'copy', 'document', 'reports', 'detail-tabs', 'configure',
      ]);
      expect(toolbarButtons(bar).map((b) => b.textContent!.trim())).to.deep.equal([
        'Save', 'Undo changes', 'Refresh', 'Archive', 'Previous card', 'Next card', 'Search',
        'Leads, requests & projects', 'Copy contact person', 'New document', 'Reports', 'Detail tabs', 'Button bar',
      ]);
      expect(shadow(bar).querySelector('[role="toolbar"]')!.getAttribute('aria-label')).to.equal('Actions for this card');
    });

    it('labels every button in Dutch', async () => {
      const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="nl" buttons="save copy configure"></lift-button-bar>`);
      expect(toolbarButtons(bar).map((b) => b.textContent!.trim())).to.deep.equal(['Opslaan', 'Contactpersoon kopiëren', 'Knoppenbalk']);
    });

    it('renders the buttons attribute in the given order and follows later changes', async () => {
      const bar = await fixture<LiftButtonBar>(html`<lift-button-bar buttons="search save selection"></lift-button-bar>`);
      expect(actionsOf(bar)).to.deep.equal(['search', 'save', 'previous', 'next']);
      bar.setAttribute('buttons', 'refresh');
      await bar.updateComplete;
      expect(actionsOf(bar)).to.deep.equal(['refresh']);
      bar.removeAttribute('buttons');
      await bar.updateComplete;
      expect(actionsOf(bar)).to.have.length(13);
    });

    it('ignores unknown tokens and bad numbers with one warning each, and keeps working', async () => {
      const junk = uniqueToken();
      let bar!: LiftButtonBar;
      const warnings = await captureWarnings(async () => {
        bar = await fixture<LiftButtonBar>(html`<lift-button-bar
          buttons="save ${junk} undo ${junk} selection"
          disabled-actions="${junk}-d undo"
          selection-position="drie"
          selection-size="-4"
        ></lift-button-bar>`);
      });
      expect(actionsOf(bar)).to.deep.equal(['save', 'undo', 'previous', 'next']);
      expect(warnings.filter((w) => w.includes(`${junk} `) || w.endsWith(`${junk}"; allowed`) || w.includes(`"${junk}"`))).to.have.length(1);
      expect(warnings.some((w) => w.includes(`${junk}-d`) && w.includes('disabled-actions'))).to.equal(true);
      expect(warnings.some((w) => w.includes('"drie"'))).to.equal(true);
      expect(warnings.some((w) => w.includes('"-4"'))).to.equal(true);
      expect(bar.selectionPosition).to.equal(undefined);
      expect(button(bar, 'next').getAttribute('aria-disabled')).to.equal('true');
    });

    it('reads a position written as a number would be elsewhere (hex, an exponent, past what counts exactly) as no number, with a warning', async () => {
      for (const written of ['0x2', '1e1', '9007199254740993']) {
        let bar!: LiftButtonBar;
        const warnings = await captureWarnings(async () => {
          bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="en" buttons="selection" selection-position=${written} selection-size="12"></lift-button-bar>`);
        });
        expect(bar.selectionPosition, written).to.equal(undefined);
        expect(warnings.some((w) => w.includes(`"${written}"`)), `a warning for ${written}`).to.equal(true);
      }
      const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="en" buttons="selection" selection-position=" 3 " selection-size="12"></lift-button-bar>`);
      expect(bar.selectionPosition, 'digits, with spaces around').to.equal(3);
    });

    it('warns once about a position past the size, shows no selection for it, and takes a size that fits it again', async () => {
      // Numbers of their own: each distinct pair is warned about once per page.
      const size = 100 + Math.floor(Math.random() * 800);
      let bar!: LiftButtonBar;
      const warnings = await captureWarnings(async () => {
        bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="en" buttons="selection" selection-position=${size + 2} selection-size=${size}></lift-button-bar>`);
        bar.requestUpdate();
        await bar.updateComplete;
      });
      const position = () => shadow(bar).querySelector('[part~="toolbar"] [part~="selection-position"]')?.textContent!.trim();
      expect(warnings.filter((w) => w.includes('selection-position') && w.includes(`${size + 2}`) && w.includes(`${size}`)), 'one warning naming both').to.have.length(1);
      expect(position(), 'no position shown').to.equal(undefined);
      expect([button(bar, 'previous'), button(bar, 'next')].map((b) => b.getAttribute('aria-disabled'))).to.deep.equal(['true', 'true']);
      bar.selectionSize = size + 5;
      await bar.updateComplete;
      expect(position()).to.match(new RegExp(`^${size + 2}\\D+${size + 5}$`));
    });
  });

  describe('actions and their events', () => {
    const simple = ['refresh', 'archive', 'search', 'copy'] as const;

    for (const action of simple) {
      it(`dispatches a cancelable, composed lift-action for ${action}`, async () => {
        const bar = await fixture<LiftButtonBar>(html`<lift-button-bar></lift-button-bar>`);
        const heard = oneEvent(document.body, 'lift-action');
        button(bar, action).click();
        const event = await heard;
        expect(event.detail).to.deep.equal({ action });
        expect(event.cancelable && event.bubbles && event.composed).to.equal(true);
      });
    }

    it('keeps save and undo inert until the card is dirty, then reports them and lights save', async () => {
      const bar = await fixture<LiftButtonBar>(html`<lift-button-bar></lift-button-bar>`);
      const seen = record(bar);
      button(bar, 'save').click();
      button(bar, 'undo').click();
      expect(seen).to.deep.equal([]);
      expect(button(bar, 'save').getAttribute('aria-disabled')).to.equal('true');
      const cleanWeight = getComputedStyle(button(bar, 'save')).fontWeight;
      bar.dirty = true;
      await bar.updateComplete;
      expect(bar.hasAttribute('dirty')).to.equal(true);
      expect(button(bar, 'save').getAttribute('aria-disabled')).to.equal('false');
      // Lit by weight (not by colour alone).
      expect(getComputedStyle(button(bar, 'save')).fontWeight).not.to.equal(cleanWeight);
      button(bar, 'save').click();
      button(bar, 'undo').click();
      expect(seen).to.deep.equal([{ action: 'save' }, { action: 'undo' }]);
      expect(button(bar, 'save').title).to.match(/\((Ctrl|⌘)\+?S\)/);
    });

    it('offers Unarchive for an archived record and honours disabled-actions', async () => {
      const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="en" archived disabled-actions="copy"></lift-button-bar>`);
      expect(button(bar, 'unarchive').textContent!.trim()).to.equal('Unarchive');
      const seen = record(bar);
      button(bar, 'copy').click();
      button(bar, 'unarchive').click();
      expect(seen).to.deep.equal([{ action: 'unarchive' }]);
    });

    it('walks a selection: shows the position and disables previous / next at the ends', async () => {
      const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="en" buttons="selection" selection-position="1" selection-size="12"></lift-button-bar>`);
      const position = () => shadow(bar).querySelector('[part~="toolbar"] [part~="selection-position"]')!.textContent!.trim();
      expect(position()).to.equal('1 / 12');
      expect([button(bar, 'previous').getAttribute('aria-disabled'), button(bar, 'next').getAttribute('aria-disabled')]).to.deep.equal(['true', 'false']);
      const seen = record(bar);
      button(bar, 'previous').click();
      button(bar, 'next').click();
      expect(seen).to.deep.equal([{ action: 'next' }]);
      bar.selectionPosition = 12;
      await bar.updateComplete;
      expect(position()).to.equal('12 / 12');
      expect([button(bar, 'previous').getAttribute('aria-disabled'), button(bar, 'next').getAttribute('aria-disabled')]).to.deep.equal(['false', 'true']);
      expect(button(bar, 'next').getAttribute('aria-keyshortcuts')).to.equal('Alt+PageDown');
    });

    it("shows its menus in the bar's language: their words come with them, and follow a switch", async () => {
      const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="nl"></lift-button-bar>`);
      button(bar, 'create').click();
      await bar.updateComplete;
      expect(menuLabels(bar)).to.deep.equal(['Lead', 'Aanvraag', 'Project']);
      button(bar, 'create').click();
      await bar.updateComplete;
      bar.setAttribute('lang', 'en');
      await waitUntil(() => button(bar, 'save').textContent!.trim() === 'Save', 'the bar in English');
      button(bar, 'configure').click();
      await bar.updateComplete;
      const labels = menuLabels(bar);
      expect(labels).to.include('Switch between cards');
      expect(labels.at(-1)).to.equal('Reset to default');
      expect(labels.filter((label) => /^[a-z]+[.A-Z]/.test(label)), 'no keys').to.deep.equal([]);
    });

    it('opens the create menu and reports the chosen kind; cancelling the press keeps it shut', async () => {
      const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="en"></lift-button-bar>`);
      const seen = record(bar);
      const cancel = (event: Event) => event.preventDefault();
      bar.addEventListener('lift-action', cancel, { once: true });
      button(bar, 'create').click();
      await bar.updateComplete;
      expect(menu(bar)).to.equal(null);
      button(bar, 'create').click();
      await bar.updateComplete;
      expect(button(bar, 'create').getAttribute('aria-expanded')).to.equal('true');
      expect(menuLabels(bar)).to.deep.equal(['Lead', 'Request', 'Project']);
      menuItems(bar)[2]!.click();
      await bar.updateComplete;
      expect(menu(bar)).to.equal(null);
      expect(seen).to.deep.equal([{ action: 'create' }, { action: 'create' }, { action: 'create', kind: 'project' }]);
    });

    for (const action of ['document', 'reports'] as const) {
      it(`offers the host's ${action} items and reports the chosen id, or says there are none`, async () => {
        const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="en"></lift-button-bar>`);
        const seen = record(bar);
        button(bar, action).click();
        await bar.updateComplete;
        expect(menuLabels(bar)).to.deep.equal([action === 'document' ? 'No templates available' : 'No reports available']);
        menuItems(bar)[0]!.click();
        expect(seen).to.deep.equal([{ action }]);
        button(bar, action).click(); // closes
        bar[action === 'document' ? 'documents' : 'reports'] = [
          { id: 'a', label: 'Offerte' },
          { id: 'b', label: '<b>Bevestiging</b>' },
        ];
        await bar.updateComplete;
        button(bar, action).click();
        await bar.updateComplete;
        expect(menuLabels(bar)).to.deep.equal(['Offerte', '<b>Bevestiging</b>']);
        menuItems(bar)[1]!.click();
        expect(seen.at(-1)).to.deep.equal({ action, id: 'b' });
      });
    }
  });

  describe('rights and layout choices', () => {
    it('hides the actions the rights do not allow', async () => {
      const bar = await fixture<LiftButtonBar>(html`<lift-button-bar allowed-actions="refresh search selection"></lift-button-bar>`);
      expect(actionsOf(bar)).to.deep.equal(['refresh', 'previous', 'next', 'search']);
    });

    it('lets the user remove and re-add buttons, and reset; the host stores the choice', async () => {
      const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="en" buttons="save refresh copy configure"></lift-button-bar>`);
      const changes: (string[] | undefined)[] = [];
      bar.addEventListener('lift-buttons-change', (event) => changes.push(event.detail.buttons));
      button(bar, 'configure').click();
      await bar.updateComplete;
      // Configure itself cannot be removed: the user could never get back.
      expect(menuLabels(bar)).to.deep.equal(['Save', 'Refresh', 'Copy contact person', 'Reset to default']);
      expect(menuItems(bar).map((i) => i.getAttribute('aria-checked'))).to.deep.equal(['true', 'true', 'true', null]);
      menuItems(bar)[1]!.click();
      await bar.updateComplete;
      expect(changes.at(-1)).to.deep.equal(['save', 'copy', 'configure']);
      expect(actionsOf(bar)).to.deep.equal(['save', 'copy', 'configure']);
      expect(menuItems(bar)[1]!.getAttribute('aria-checked')).to.equal('false');
      // A host that cancels keeps the bar as it was.
      bar.addEventListener('lift-buttons-change', (event) => event.preventDefault(), { once: true });
      menuItems(bar)[0]!.click();
      await bar.updateComplete;
      expect(actionsOf(bar)).to.deep.equal(['save', 'copy', 'configure']);
      menuItems(bar).at(-1)!.click();
      await bar.updateComplete;
      expect(changes.at(-1)).to.equal(undefined);
      expect(actionsOf(bar)).to.deep.equal(['save', 'refresh', 'copy', 'configure']);
      // Closed once the bar shows them (an update later, before the page paints again).
      await waitUntil(() => !menu(bar), 'the menu closed');
    });

    it('keeps the Configure menu under its button and gives focus back to it after a button is taken away', async () => {
      const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="en" buttons="save refresh copy configure"></lift-button-bar>`);
      // Away from the top of the window, set through the CSSOM (the strict-CSP run refuses style attributes).
      bar.style.display = 'block';
      bar.style.marginTop = '200px';
      await settle(bar);
      await openWithKey(bar, 'configure', 'ArrowDown');
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => actionsOf(bar).length === 3, 'Refresh taken away');
      await settle(bar);
      expect(menu(bar)!.getBoundingClientRect().top, 'the menu stays under its button').to.be.at.least(button(bar, 'configure').getBoundingClientRect().bottom - 1);
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !menu(bar), 'the menu closed');
      expect(focused(bar)?.dataset.action, 'focus back on Configure').to.equal('configure');
    });

    it('gives focus back to Configure after "Reset to default" brings back buttons before it', async () => {
      const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="en" buttons="save refresh copy configure"></lift-button-bar>`);
      bar.visibleButtons = ['save', 'configure'];
      await settle(bar);
      await openWithKey(bar, 'configure');
      await sendKeys({ press: 'End' });
      expect(focused(bar)?.textContent!.trim()).to.equal('Reset to default');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => !menu(bar), 'the menu closed');
      await settle(bar);
      expect(actionsOf(bar)).to.deep.equal(['save', 'refresh', 'copy', 'configure']);
      expect(focused(bar)?.dataset.action, 'focus on Configure').to.equal('configure');
      expect(toolbarButtons(bar).filter((b) => b.tabIndex === 0).map((b) => b.dataset.action), 'the tab stop with it').to.deep.equal(['configure']);
    });

    it('lets the user pick detail tabs with checkboxes', async () => {
      const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="en" buttons="detail-tabs"></lift-button-bar>`);
      bar.detailTabOptions = [
        { id: 'personal', label: 'Personal details' },
        { id: 'project', label: 'Project' },
      ];
      bar.visibleDetailTabs = ['project'];
      await bar.updateComplete;
      const heard: (string[] | undefined)[] = [];
      bar.addEventListener('lift-detail-tabs-change', (event) => heard.push(event.detail.detailTabs));
      button(bar, 'detail-tabs').click();
      await bar.updateComplete;
      expect(menuItems(bar).map((i) => [i.textContent!.trim(), i.getAttribute('aria-checked')])).to.deep.equal([
        ['Personal details', 'false'],
        ['Project', 'true'],
        ['Reset to default', null],
      ]);
      menuItems(bar)[0]!.click();
      await bar.updateComplete;
      expect(heard).to.deep.equal([['personal', 'project']]);
      expect(bar.visibleDetailTabs).to.deep.equal(['personal', 'project']);
    });
  });

  describe('narrow containers', () => {
    it('keeps Previous and Next together at every width: both in the row, or both in "more"', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div><lift-button-bar lang="en" selection-position="3" selection-size="12"></lift-button-bar></div>`);
      const bar = wrapper.querySelector('lift-button-bar')!;
      const split: number[] = [];
      for (let width = 120; width <= 700; width += 10) {
        wrapper.style.width = `${width}px`;
        await settle(bar);
        const shown = actionsOf(bar);
        if (shown.includes('previous') !== shown.includes('next')) split.push(width);
      }
      expect(split, 'widths where one of the pair is in the row and the other in "more"').to.deep.equal([]);
    });

    it('shows labels when wide, icons with tooltips when narrower, and overflows the rest', async () => {
      // Widths go through the CSSOM: these suites also run under a CSP that forbids style attributes.
      const wrapper = await fixture<HTMLDivElement>(html`<div><lift-button-bar lang="en"></lift-button-bar></div>`);
      wrapper.style.width = '2000px';
      const bar = wrapper.querySelector('lift-button-bar')!;
      await settle(bar);
      const label = (action: string) => button(bar, action).querySelector('.label')!;
      expect(label('save').getBoundingClientRect().width).to.be.greaterThan(20);
      expect(button(bar, 'more')).to.equal(null);

      wrapper.style.width = '640px';
      await settle(bar);
      expect(actionsOf(bar)).to.have.length(13);
      expect(label('configure').getBoundingClientRect().width).to.be.lessThan(2);
      expect(button(bar, 'configure').title).to.contain('Button bar');
      expect(button(bar, 'save').title).to.contain('Save');
      expect(shadow(bar).querySelector('[role="toolbar"]')!.scrollWidth).to.be.at.most(640);

      wrapper.style.width = '220px';
      await settle(bar);
      const shown = actionsOf(bar);
      expect(shown.at(-1)).to.equal('more');
      expect(shown.length).to.be.lessThan(8);
      const toolbar = shadow(bar).querySelector<HTMLElement>('[role="toolbar"]')!;
      expect(toolbar.scrollWidth).to.be.at.most(toolbar.clientWidth + 1);
      const seen = record(bar);
      button(bar, 'more').click();
      await bar.updateComplete;
      expect(menuLabels(bar).at(-1)).to.equal('Button bar');
      const copy = menuItems(bar).find((item) => item.textContent!.trim() === 'Copy contact person')!;
      copy.click();
      await bar.updateComplete;
      expect(seen).to.deep.equal([{ action: 'copy' }]);
      expect(menu(bar)).to.equal(null);
    });

    it('gives focus back to "More actions" when the host takes an action with a menu chosen there', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div><lift-button-bar lang="en"></lift-button-bar></div>`);
      wrapper.style.width = '220px';
      const bar = wrapper.querySelector('lift-button-bar')!;
      await settle(bar);
      // The host opens its own form for it: no menu of the bar's.
      bar.addEventListener('lift-action', (event) => event.preventDefault());
      button(bar, 'more').focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => menuItems(bar).some((item) => item.textContent!.trim() === 'New document'), 'the menu with New document');
      const item = menuItems(bar).find((entry) => entry.textContent!.trim() === 'New document')!;
      item.focus();
      await sendKeys({ press: 'Enter' });
      await bar.updateComplete;
      expect(menu(bar), 'no menu open').to.equal(null);
      await waitUntil(() => focused(bar) === button(bar, 'more'), `focus on More actions (${document.activeElement?.tagName})`);
    });

    it('gives focus to "More actions" when a button added from Configure pushes Configure in there', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div><lift-button-bar lang="en" buttons="save refresh copy search configure"></lift-button-bar></div>`);
      wrapper.style.width = '120px'; // Room for two icon buttons (36 px each), not for three.
      const bar = wrapper.querySelector('lift-button-bar')!;
      bar.visibleButtons = ['save', 'configure'];
      await settle(bar);
      expect(actionsOf(bar)).to.deep.equal(['save', 'configure']);
      await openWithKey(bar, 'configure');
      await sendKeys({ press: 'ArrowDown' });
      expect(focused(bar)?.textContent!.trim()).to.equal('Refresh');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => button(bar, 'more') && !button(bar, 'configure'), 'Configure moved into "More actions"');
      await settle(bar);
      expect(menu(bar), 'the menu still open').not.to.equal(null);
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !menu(bar), 'the menu closed');
      expect(focused(bar), `focus on "More actions" (${document.activeElement?.localName})`).to.equal(button(bar, 'more'));
    });

    it("shows an icon's name beneath it while it has keyboard focus, in the bar's language", async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div><lift-button-bar lang="nl"></lift-button-bar></div>`);
      wrapper.style.width = '220px';
      const bar = wrapper.querySelector('lift-button-bar')!;
      await settle(bar);
      const save = button(bar, 'save');
      const label = save.querySelector<HTMLElement>('.label')!;
      expect(save.classList.contains('icon-only'), 'Save shows its icon alone').to.equal(true);
      expect(label.getBoundingClientRect().width, 'no name before focus').to.be.lessThan(2);
      save.focus();
      await sendKeys({ press: 'End' });
      await sendKeys({ press: 'Home' });
      expect(focused(bar)).to.equal(save);
      const shown = label.getBoundingClientRect();
      const under = save.getBoundingClientRect();
      expect(shown.width, 'the name is shown').to.be.greaterThan(20);
      expect(label.textContent).to.equal('Opslaan');
      expect(shown.top, 'beneath the button').to.be.at.least(under.bottom - 1);
      expect(Math.abs(shown.left + shown.width / 2 - (under.left + under.width / 2)), 'centred on it').to.be.lessThan(2);
      // Not cut off by the toolbar, whose overflow is hidden: the name is what is at its middle.
      expect(shadow(bar).elementFromPoint(shown.left + shown.width / 2, shown.top + shown.height / 2)).to.equal(label);
      await sendKeys({ press: 'ArrowRight' });
      expect(label.getBoundingClientRect().width, 'gone with the focus').to.be.lessThan(2);
    });

    it('labels as many buttons as fit, the first ones first, instead of dropping every label', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div><lift-button-bar lang="en"></lift-button-bar></div>`);
      wrapper.style.width = '2400px';
      const bar = wrapper.querySelector('lift-button-bar')!;
      await settle(bar);
      const buttons = toolbarButtons(bar);
      const right = buttons.at(-1)!.getBoundingClientRect().right - buttons[0]!.getBoundingClientRect().left;
      // A little too narrow for every label: the last ones give up theirs, the first keep them.
      wrapper.style.width = `${Math.round(right - 40)}px`;
      await settle(bar);
      const label = (action: string) => button(bar, action).querySelector('.label')!.getBoundingClientRect().width;
      expect(label('save'), 'Save keeps its label').to.be.greaterThan(20);
      expect(label('undo')).to.be.greaterThan(20);
      expect(label('configure'), 'the last button shows its icon').to.be.lessThan(2);
      expect(button(bar, 'more')).to.equal(null);
      const toolbar = shadow(bar).querySelector<HTMLElement>('[role="toolbar"]')!;
      expect(toolbar.scrollWidth).to.be.at.most(toolbar.clientWidth + 1);
    });

    it('shows a long menu whole when the window has room, and every item can be reached', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div><lift-button-bar lang="en"></lift-button-bar></div>`);
      wrapper.style.width = '2000px';
      const bar = wrapper.querySelector('lift-button-bar')!;
      await settle(bar);
      button(bar, 'configure').click();
      await bar.updateComplete;
      const open = menu(bar)!;
      const items = menuItems(bar);
      expect(items.at(-1)!.textContent!.trim()).to.equal('Reset to default');
      const room = window.innerHeight - button(bar, 'configure').getBoundingClientRect().bottom;
      const box = open.getBoundingClientRect();
      // The bar sits at the top of the test page, whose window holds the whole menu below it.
      expect(open.scrollHeight + 16, 'the window has room for the whole menu').to.be.below(room);
      expect(open.scrollHeight, 'not cut while the window has room').to.be.at.most(open.clientHeight + 1);
      expect(items.at(-1)!.getBoundingClientRect().bottom).to.be.at.most(box.bottom + 1);
      // Wherever it is cut, the last item scrolls into the menu's box.
      items.at(-1)!.focus();
      const last = items.at(-1)!.getBoundingClientRect();
      expect(last.bottom).to.be.at.most(open.getBoundingClientRect().bottom + 1);
      expect(last.top).to.be.at.least(open.getBoundingClientRect().top - 1);
      expect(['auto', 'scroll']).to.include(getComputedStyle(open).overflowY);
    });

    it('opens the menu of an action that overflowed from the "more actions" menu', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div><lift-button-bar lang="en"></lift-button-bar></div>`);
      wrapper.style.width = '220px';
      const bar = wrapper.querySelector('lift-button-bar')!;
      await settle(bar);
      const seen = record(bar);
      button(bar, 'more').click();
      await bar.updateComplete;
      menuItems(bar).find((item) => item.textContent!.trim() === 'Button bar')!.click();
      await bar.updateComplete;
      expect(seen).to.deep.equal([{ action: 'configure' }]);
      expect(menu(bar)!.getAttribute('aria-label')).to.equal('Button bar');
      expect(menuLabels(bar).at(-1)).to.equal('Reset to default');
      expect(focused(bar)?.getAttribute('role')).to.equal('menuitemcheckbox');
      // The menu shows under "More actions", which opened it: More is the button expanded.
      expect(button(bar, 'more').getAttribute('aria-expanded')).to.equal('true');
      // The bar gets room for every button (the host widens it): "More actions" goes while the
      // menu is open, and Escape gives focus to the menu's own button, not to the page.
      wrapper.style.width = '1200px';
      await settle(bar);
      expect(button(bar, 'more')).to.equal(null);
      focused(bar)!.focus();
      await sendKeys({ press: 'Escape' });
      await bar.updateComplete;
      expect(menu(bar)).to.equal(null);
      await waitUntil(() => focused(bar) === button(bar, 'configure'), 'focus on the Button bar button');
    });
  });

  describe('keyboard', () => {
    it('is one tab stop; arrows, Home and End move focus between buttons', async () => {
      const bar = await fixture<LiftButtonBar>(html`<lift-button-bar buttons="save refresh archive search"></lift-button-bar>`);
      expect(toolbarButtons(bar).filter((b) => b.tabIndex === 0)).to.have.length(1);
      toolbarButtons(bar)[0]!.focus();
      await sendKeys({ press: 'ArrowRight' });
      expect(focused(bar)?.dataset.action).to.equal('refresh');
      await sendKeys({ press: 'End' });
      expect(focused(bar)?.dataset.action).to.equal('search');
      await sendKeys({ press: 'ArrowRight' });
      expect(focused(bar)?.dataset.action).to.equal('save');
      await sendKeys({ press: 'ArrowLeft' });
      expect(focused(bar)?.dataset.action).to.equal('search');
      await sendKeys({ press: 'Home' });
      expect(focused(bar)?.dataset.action).to.equal('save');
      expect(toolbarButtons(bar).filter((b) => b.tabIndex === 0).map((b) => b.dataset.action)).to.deep.equal(['save']);
    });

    it('opens a menu from the keyboard, moves in it, chooses with Enter and closes with Escape', async () => {
      const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="en" buttons="refresh create"></lift-button-bar>`);
      const seen = record(bar);
      button(bar, 'create').focus();
      await sendKeys({ press: 'ArrowDown' });
      await bar.updateComplete;
      expect(focused(bar)?.textContent!.trim()).to.equal('Lead');
      await sendKeys({ press: 'ArrowDown' });
      expect(focused(bar)?.textContent!.trim()).to.equal('Request');
      await sendKeys({ press: 'ArrowUp' });
      await sendKeys({ press: 'ArrowUp' });
      expect(focused(bar)?.textContent!.trim()).to.equal('Project');
      await sendKeys({ press: 'Escape' });
      await bar.updateComplete;
      expect(menu(bar)).to.equal(null);
      expect(focused(bar)?.dataset.action).to.equal('create');
      await sendKeys({ press: 'Enter' });
      await bar.updateComplete;
      expect(focused(bar)?.textContent!.trim()).to.equal('Lead');
      await sendKeys({ press: 'Enter' });
      await bar.updateComplete;
      expect(seen.at(-1)).to.deep.equal({ action: 'create', kind: 'lead' });
      expect(focused(bar)?.dataset.action).to.equal('create');
    });

    it('chooses nothing from a menu whose button became unavailable while it was open, and closes it', async () => {
      const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="en" buttons="refresh document"></lift-button-bar>`);
      bar.documents = [{ id: 'tpl-1', label: 'Welkomstbrief' }];
      const seen = record(bar);
      button(bar, 'document').click();
      await waitUntil(() => focused(bar)?.textContent!.trim() === 'Welkomstbrief', 'the menu');
      // A save began meanwhile (or the contact was archived): the host disables the button.
      bar.disabledActions = ['document'];
      await bar.updateComplete;
      await sendKeys({ press: 'Enter' });
      await settle(bar);
      expect(seen).to.deep.equal([{ action: 'document' }]);
      expect(menu(bar)).to.equal(null);
    });
  });

  describe('menus', () => {
    it('draw as a floating list under their button, and close on a press outside or Tab', async () => {
      // Something to Tab to after the bar: with nothing there, Firefox moves focus out of the page.
      const wrapper = await fixture<HTMLDivElement>(
        html`<div><lift-button-bar lang="en" buttons="refresh create reports"></lift-button-bar><button>after</button></div>`,
      );
      const bar = wrapper.querySelector('lift-button-bar')!;
      const create = button(bar, 'create');
      create.click();
      await bar.updateComplete;
      const open = menu(bar)!;
      expect(getComputedStyle(open).position).to.equal('absolute');
      expect(open.getBoundingClientRect().top).to.be.at.least(create.getBoundingClientRect().bottom);
      expect(create.getAttribute('aria-expanded')).to.equal('true');
      document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      await bar.updateComplete;
      expect(menu(bar)).to.equal(null);
      expect(create.getAttribute('aria-expanded')).to.equal('false');

      create.click();
      await bar.updateComplete;
      expect(focused(bar)?.textContent!.trim()).to.equal('Lead');
      await sendKeys({ press: 'Tab' });
      await bar.updateComplete;
      expect(menu(bar)).to.equal(null);
      expect(create.getAttribute('aria-expanded')).to.equal('false');
      expect(document.activeElement?.localName === 'button' ? document.activeElement.textContent : document.activeElement?.localName).to.equal('after');
    });

    it("close when another of the bar's buttons is pressed, by pointer or keyboard, and that button's action goes", async () => {
      const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="en" buttons="refresh create"></lift-button-bar>`);
      const seen = record(bar);
      try {
        await clickOn(bar, 'create');
        await waitUntil(() => focused(bar)?.textContent!.trim() === 'Lead', 'the menu, focus on its first item');
        await clickOn(bar, 'refresh');
        await bar.updateComplete;
        expect(seen).to.deep.equal([{ action: 'create' }, { action: 'refresh' }]);
        expect(menu(bar), 'closed by the pointer').to.equal(null);
        expect(button(bar, 'create').getAttribute('aria-expanded')).to.equal('false');
      } finally {
        await resetMouse();
      }
      // Focus taken to Refresh while the menu is open (as a screen reader's cursor does), then Enter.
      button(bar, 'create').click();
      await waitUntil(() => focused(bar)?.textContent!.trim() === 'Lead', 'the menu again');
      button(bar, 'refresh').focus();
      await sendKeys({ press: 'Enter' });
      await bar.updateComplete;
      expect(seen.at(-1)).to.deep.equal({ action: 'refresh' });
      expect(menu(bar), 'closed by the keyboard').to.equal(null);
      expect(focused(bar), 'focus left on Refresh').to.equal(button(bar, 'refresh'));
    });

    it('treats a second press while the menu is on its way as closing it: one event, no menu', async () => {
      const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="en" buttons="create reports"></lift-button-bar>`);
      const seen = record(bar);
      // A new bar loads its menus on the first press, so both presses land before it opens.
      button(bar, 'create').click();
      button(bar, 'create').click();
      await bar.updateComplete;
      expect(seen).to.deep.equal([{ action: 'create' }]);
      expect(menu(bar)).to.equal(null);
      button(bar, 'create').click();
      await bar.updateComplete;
      expect(menuLabels(bar)).to.deep.equal(['Lead', 'Request', 'Project']);
    });

    it('treats a second press of "more actions" while its menu is on its way the same way', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div><lift-button-bar lang="en"></lift-button-bar></div>`);
      wrapper.style.width = '220px';
      const bar = wrapper.querySelector('lift-button-bar')!;
      await settle(bar);
      button(bar, 'more').click();
      button(bar, 'more').click();
      await bar.updateComplete;
      expect(menu(bar)).to.equal(null);
      button(bar, 'more').click();
      await bar.updateComplete;
      expect(menu(bar)!.getAttribute('aria-label')).to.equal('More actions');
    });

    it('does not open a menu whose bar left the page before it loaded, nor after it returns', async () => {
      const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="en" buttons="create"></lift-button-bar>`);
      const parent = bar.parentElement!;
      button(bar, 'create').click();
      bar.remove();
      await bar.updateComplete;
      parent.append(bar);
      await settle(bar);
      expect(menu(bar)).to.equal(null);
      expect(button(bar, 'create').getAttribute('aria-expanded')).to.equal('false');
    });
  });

  describe('accessibility', () => {
    it('passes axe in both languages: clean, dirty, archived with a selection, a menu open, overflowing', async () => {
      for (const lang of ['nl', 'en']) {
        const wrapper = await fixture<HTMLDivElement>(html`<div><lift-button-bar lang=${lang}></lift-button-bar></div>`);
        wrapper.style.width = '1600px';
        const bar = wrapper.querySelector('lift-button-bar')!;
        await settle(bar);
        await expect(bar).to.be.accessible();
        Object.assign(bar, { dirty: true, archived: true, selectionPosition: 3, selectionSize: 12 });
        await bar.updateComplete;
        await expect(bar).to.be.accessible();
        button(bar, 'configure').click();
        await bar.updateComplete;
        await expect(bar).to.be.accessible();
        wrapper.style.width = '200px';
        await settle(bar);
        button(bar, 'more').click();
        await bar.updateComplete;
        await expect(bar).to.be.accessible();
      }
    });
  });
});
