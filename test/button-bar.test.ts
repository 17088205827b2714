import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftButtonBar } from '../src/button-bar/button-bar.js';
import '../src/lift-button-bar.js';
import { captureWarnings, uniqueToken } from './helpers.js';

const buttonsOf = (bar: LiftButtonBar) => [...bar.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')];
const actionsOf = (bar: LiftButtonBar) => buttonsOf(bar).map((b) => b.dataset.action);
const button = (bar: LiftButtonBar, action: string) =>
  bar.shadowRoot!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;

describe('<lift-button-bar>', () => {
  it('shows the twelve buttons of the seed in order, selection as previous / next', async () => {
    const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="en"></lift-button-bar>`);
    expect(actionsOf(bar)).to.deep.equal([
      'save', 'undo', 'refresh', 'archive', 'previous', 'next', 'search',
      'create', 'copy', 'document', 'reports', 'detail-tabs', 'configure',
    ]);
    expect(buttonsOf(bar).map((b) => b.textContent!.trim())).to.deep.equal([
      'Save', 'Undo changes', 'Refresh', 'Archive', 'Previous card', 'Next card', 'Search',
      'Leads, requests & projects', 'Copy contact person', 'New document', 'Reports', 'Detail tabs', 'Button bar',
    ]);
    expect(bar.shadowRoot!.querySelector('[role="toolbar"]')!.getAttribute('aria-label')).to.equal('Actions for this card');
  });

  it('labels every button in Dutch', async () => {
    const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="nl" buttons="save copy configure"></lift-button-bar>`);
    expect(buttonsOf(bar).map((b) => b.textContent!.trim())).to.deep.equal(['Opslaan', 'Contactpersoon kopiëren', 'Knoppenbalk']);
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

  it('ignores unknown tokens with a single warning naming them', async () => {
    const junk = uniqueToken();
    let bar!: LiftButtonBar;
    const warnings = await captureWarnings(async () => {
      bar = await fixture<LiftButtonBar>(html`<lift-button-bar buttons="save ${junk} undo"></lift-button-bar>`);
    });
    expect(actionsOf(bar)).to.deep.equal(['save', 'undo']);
    expect(warnings.filter((w) => w.includes(junk))).to.have.length(1);
    expect(warnings.join()).to.contain('buttons');
  });

  it('dispatches a cancelable, composed lift-action for a press', async () => {
    const bar = await fixture<LiftButtonBar>(html`<lift-button-bar></lift-button-bar>`);
    const heard = oneEvent(document.body, 'lift-action');
    button(bar, 'refresh').click();
    const event = await heard;
    expect(event.detail).to.deep.equal({ action: 'refresh' });
    expect(event.cancelable && event.bubbles && event.composed).to.equal(true);
  });

  it('keeps save and undo inert until the card is dirty, and lights save then', async () => {
    const bar = await fixture<LiftButtonBar>(html`<lift-button-bar></lift-button-bar>`);
    const presses: string[] = [];
    bar.addEventListener('lift-action', (e) => presses.push(e.detail.action));
    button(bar, 'save').click();
    button(bar, 'undo').click();
    expect(presses).to.deep.equal([]);
    expect(button(bar, 'save').getAttribute('aria-disabled')).to.equal('true');
    const cleanWeight = getComputedStyle(button(bar, 'save')).fontWeight;

    bar.dirty = true;
    await bar.updateComplete;
    expect(bar.hasAttribute('dirty')).to.equal(true);
    expect(button(bar, 'save').getAttribute('aria-disabled')).to.equal('false');
    expect(getComputedStyle(button(bar, 'save')).fontWeight).not.to.equal(cleanWeight);
    button(bar, 'save').click();
    button(bar, 'undo').click();
    expect(presses).to.deep.equal(['save', 'undo']);
  });

  it('offers Unarchive for an archived record and honours disabled-actions', async () => {
    const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="en" archived disabled-actions="copy next"></lift-button-bar>`);
    expect(button(bar, 'unarchive').textContent!.trim()).to.equal('Unarchive');
    const presses: string[] = [];
    bar.addEventListener('lift-action', (e) => presses.push(e.detail.action));
    button(bar, 'copy').click();
    button(bar, 'next').click();
    button(bar, 'previous').click();
    expect(presses).to.deep.equal(['previous']);
  });

  it('is one tab stop; arrows, Home and End move focus between buttons', async () => {
    const bar = await fixture<LiftButtonBar>(html`<lift-button-bar buttons="save refresh archive search"></lift-button-bar>`);
    const focused = () => (bar.shadowRoot!.activeElement as HTMLElement | null)?.dataset.action;
    expect(buttonsOf(bar).filter((b) => b.tabIndex === 0)).to.have.length(1);
    buttonsOf(bar)[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(focused()).to.equal('refresh');
    await sendKeys({ press: 'End' });
    expect(focused()).to.equal('search');
    await sendKeys({ press: 'ArrowRight' });
    expect(focused()).to.equal('save');
    await sendKeys({ press: 'ArrowLeft' });
    expect(focused()).to.equal('search');
    await sendKeys({ press: 'Home' });
    expect(focused()).to.equal('save');
    expect(buttonsOf(bar).filter((b) => b.tabIndex === 0).map((b) => b.dataset.action)).to.deep.equal(['save']);
  });

  it('passes axe in both languages, clean and dirty', async () => {
    for (const lang of ['nl', 'en']) {
      const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang=${lang}></lift-button-bar>`);
      await expect(bar).to.be.accessible();
      bar.dirty = true;
      await bar.updateComplete;
      await expect(bar).to.be.accessible();
    }
  });
});
