import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import '../src/lift-contact-card.js';
import { waitUntil } from './helpers.js';
import { act, inDialog } from './dialog-helpers.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import { demoWorld } from './worlds.js';
import { dropDatabases } from './db.js';
import { longTitleProjects } from './harness.js';

// The card on a 320 px phone, in Dutch (longer words: "gekwalificeerd"), left to right and right
// to left. The projects table is wider than such a card: it scrolls in a region of its own, and
// nothing else of the card (header, bar, tabs, form) grows with it past the host's edge — on the
// left edge, in right to left, where the page cannot scroll to it.

type Settles = HTMLElement & { updateComplete: Promise<unknown>; loaded?: Promise<unknown> };

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** The bar places its buttons in the frames after it renders. */
async function barSettled(card: LiftContactCard): Promise<void> {
  const bar = card.shadowRoot!.querySelector<Settles>('lift-button-bar')!;
  for (let i = 0; i < 3; i++) {
    await frame();
    await bar.updateComplete;
  }
}

/** Waits until the open main tab shows what it read (its code arrives on first use). */
async function panelShown(card: LiftContactCard, tab: string): Promise<void> {
  const root = card.shadowRoot!;
  await card.updateComplete;
  if (tab === 'projects') {
    await waitUntil(() => root.querySelector('table.projects'), 'the projects table');
  } else {
    const name = tab === 'checklist' ? 'lift-checklist' : 'lift-contact-timeline';
    await waitUntil(() => root.querySelector(`[part~="panel"] ${name}`), `${tab}: ${name}`);
    const part = root.querySelector<LiftChecklist | LiftContactTimeline>(name)!;
    await part.updateComplete;
    await part.loaded;
    await part.updateComplete;
  }
  await card.updateComplete;
  await barSettled(card);
}

/** What a user sees go past the host's edge, and whether the card's content is wider than the card. */
function escapes(card: LiftContactCard, host: HTMLElement, where: string): string[] {
  const root = card.shadowRoot!;
  const box = host.getBoundingClientRect();
  const bar = root.querySelector('lift-button-bar')!.shadowRoot!;
  const controls = [
    ...root.querySelectorAll<HTMLElement>('[part~="header"] button, [part~="header"] a, [role="tablist"] [role="tab"]'),
    ...bar.querySelectorAll<HTMLElement>('[part~="toolbar"] button'),
  ].filter((control) => control.checkVisibility({ visibilityProperty: true }) && control.getBoundingClientRect().width > 0);
  const out = controls
    .filter((control) => {
      const r = control.getBoundingClientRect();
      return r.left < box.left - 1 || r.right > box.right + 1;
    })
    .map((control) => {
      const r = control.getBoundingClientRect();
      const name = (control.getAttribute('aria-label') ?? control.textContent ?? '').trim().slice(0, 30);
      return `${where}: "${name}" at ${Math.round(r.left)}..${Math.round(r.right)}, host ${Math.round(box.left)}..${Math.round(box.right)}`;
    });
  const inner = root.querySelector<HTMLElement>('[part~="card"]')!;
  if (inner.scrollWidth > inner.clientWidth + 1) out.push(`${where}: the card's content is ${inner.scrollWidth} px wide in a card of ${inner.clientWidth} px`);
  return out;
}

async function phoneCard(dir: 'ltr' | 'rtl') {
  const { adapter, seeded } = await demoWorld();
  const host = await fixture<HTMLElement>(html`<div dir=${dir} style="width: 320px">
    <lift-contact-card lang="nl" contact-id=${seeded.contactIds[0]!} .adapter=${adapter}></lift-contact-card>
  </div>`);
  const card = host.querySelector<LiftContactCard>('lift-contact-card')!;
  await card.loaded;
  await card.updateComplete;
  return { host, card };
}

describe('<lift-contact-card> on a 320 px phone, in Dutch', () => {
  afterEach(() => dropDatabases());

  for (const dir of ['ltr', 'rtl'] as const) {
    it(`keeps the header, bar and tabs inside the host on every main and detail tab, and no wider than the card (${dir})`, async () => {
      const { host, card } = await phoneCard(dir);
      const root = card.shadowRoot!;
      const problems: string[] = [];
      const mains = [...root.querySelectorAll<HTMLElement>('[part~="tabs"] [role="tab"]')].map((tab) => tab.id.replace(/^tab-/, ''));
      expect(mains, 'the main tabs').to.include('projects');
      for (const tab of mains) {
        root.querySelector<HTMLElement>(`#tab-${tab}`)!.click();
        await panelShown(card, tab);
        problems.push(...escapes(card, host, tab));
      }
      // Each detail tab beside the widest main tab; a project chosen, so its detail has one to show.
      root.querySelector<HTMLElement>('#tab-projects')!.click();
      await panelShown(card, 'projects');
      root.querySelector<HTMLElement>('table.projects button.link')!.click();
      await card.updateComplete;
      const details = [...root.querySelectorAll<HTMLElement>('[part~="detail-tabs"] [role="tab"]')].map((tab) => tab.id.replace(/^detail-tab-/, ''));
      expect(details, 'the detail tabs').to.include.members(['personal', 'project']);
      for (const tab of details) {
        root.querySelector<HTMLElement>(`#detail-tab-${tab}`)!.click();
        await waitUntil(() => root.querySelector(`#detail-panel-${tab}`) && !root.querySelector(`#detail-panel-${tab} [role="status"]`), `the ${tab} detail`);
        await card.updateComplete;
        await barSettled(card);
        problems.push(...escapes(card, host, `projects + ${tab}`));
      }
      expect(problems.join('\n'), 'outside the host or wider than the card').to.equal('');
    });

    it(`lets the keyboard reach and scroll the projects table, and passes axe (${dir})`, async () => {
      const { host, card } = await phoneCard(dir);
      const root = card.shadowRoot!;
      root.querySelector<HTMLElement>('#tab-projects')!.click();
      await panelShown(card, 'projects');
      const table = root.querySelector<HTMLElement>('table.projects')!;
      expect(table.textContent, 'the Dutch status').to.include('gekwalificeerd');
      const region = table.closest<HTMLElement>('[role="region"]');
      expect(region, 'the table sits in a region of its own').to.exist;
      expect(region!.getAttribute('aria-label'), "the region's name").to.equal('Projecten');
      expect(region!.scrollWidth, 'the table is wider than the phone').to.be.above(region!.clientWidth);
      const box = host.getBoundingClientRect();
      const shown = region!.getBoundingClientRect();
      expect(shown.left >= box.left - 1 && shown.right <= box.right + 1, `the region at ${shown.left}..${shown.right}, host ${box.left}..${box.right}`).to.equal(true);
      // Reached with Tab from the toggle or the projects tab before it, as a keyboard user does.
      root.querySelector<HTMLElement>('#tab-projects')!.focus();
      for (let i = 0; i < 4 && root.activeElement !== region; i++) await sendKeys({ press: 'Tab' });
      expect(root.activeElement, 'Tab reaches the table region').to.equal(region);
      // Scrolled with the arrow key toward the end of the line: rightward in ltr, leftward in rtl.
      for (let i = 0; i < 6; i++) await sendKeys({ press: dir === 'ltr' ? 'ArrowRight' : 'ArrowLeft' });
      await waitUntil(() => Math.abs(region!.scrollLeft) > 0, 'the table scrolled by the arrow key');
      await expect(card).to.be.accessible();
    });
  }

  it('breaks a long project title (a pasted link) so that the table needs no sideways scrolling on a 390 px phone', async () => {
    const card = await longTitleProjects(new MemoryAdapter());
    await card.updateComplete;
    const region = card.shadowRoot!.querySelector<HTMLElement>('table.projects')!.closest<HTMLElement>('[role="region"]')!;
    expect(region.scrollWidth, 'the table as wide as its region').to.be.at.most(region.clientWidth + 1);
  });

  it('draws the activity chart\'s value axis on the right in right to left, its line and numbers toward the columns', async () => {
    const { adapter, seeded } = await demoWorld();
    const contactId = seeded.contactIds[0]!;
    // Enough in one month for numbers of one and of two digits on the axis (0, 5, 10…).
    for (let i = 0; i < 12; i++) await adapter.timeline.add({ contactId, kind: 'email', subject: `Mail ${i}`, body: '', occurredAt: new Date().toISOString() });
    const host = await fixture<HTMLElement>(html`<div dir="rtl" style="width: 320px">
      <lift-contact-card lang="nl" contact-id=${contactId} .adapter=${adapter}></lift-contact-card>
    </div>`);
    const card = host.querySelector<LiftContactCard>('lift-contact-card')!;
    await card.loaded;
    await card.updateComplete;
    await act(card, { action: 'reports', id: 'activity' });
    await waitUntil(() => inDialog(card, '.chart .axis .tick'), 'the chart');
    const axis = inDialog(card, '.chart .axis')!;
    const columns = inDialog(card, '.chart .columns-scroll')!.getBoundingClientRect();
    const side = axis.getBoundingClientRect();
    expect(side.left, 'the axis right of the columns').to.be.at.least(columns.right - 1);
    const style = getComputedStyle(axis);
    expect([style.borderLeftWidth, style.borderRightWidth], 'its line on the side of the columns').to.deep.equal(['1px', '0px']);
    // The numbers line up against the line: "0" and "10" start at the same place on its right.
    const ticks = [...axis.querySelectorAll<HTMLElement>('.tick')].map((tick) => tick.getBoundingClientRect());
    expect(new Set(ticks.map((tick) => Math.round(tick.width))).size, 'numbers of different widths').to.be.above(1);
    expect(new Set(ticks.map((tick) => Math.round(tick.left))).size, 'one left edge for every number').to.equal(1);
  });
});
