import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import type { Contact } from '../src/data/contract/model.js';
import '../src/lift-checklist.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { withFaults } from './faults.js';
import { waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

/** A contact with the editable items Alpha, Bravo and Charlie, in one category. */
async function world() {
  const adapter = freshIndexedDbAdapter();
  const { contact } = await oneContact(adapter, 'Reclamebureau Zon', { firstName: 'Lotte', lastName: 'Bos' });
  for (const [order, text] of ['Alpha', 'Bravo', 'Charlie'].entries()) {
    await adapter.checklists!.saveDefinition({ cardType: 'contact', text, category: 'Groep', order: order + 1, mode: 'editable', modeByStatus: {} });
  }
  return { adapter, contact };
}

/** The checklist, managing its lookup list, in a host `width` px wide whose direction is `dir`. */
async function mount(adapter: LiftAdapter, contact: Contact, { dir = 'ltr', width = '' } = {}) {
  const host = await fixture<HTMLElement>(
    html`<div dir=${dir} style=${width ? `width: ${width}` : ''}><lift-checklist lang="en" manage contact-id=${contact.id} .adapter=${adapter}></lift-checklist></div>`,
  );
  const el = host.querySelector<LiftChecklist>('lift-checklist')!;
  await el.loaded;
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="manage"] table'), 'the lookup list');
  await el.updateComplete;
  return el;
}

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
const named = (control: Element) => `${control.localName} "${control.getAttribute('aria-label') ?? control.textContent?.trim()}"`;

describe('<lift-checklist manage> on a narrow screen', () => {
  afterEach(() => dropDatabases());

  for (const dir of ['ltr', 'rtl']) {
    it(`keeps each control of the lookup list, reached by Tab, within the 320 px element (${dir})`, async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact, { dir, width: '320px' });
      const root = el.shadowRoot!;
      const box = el.getBoundingClientRect();
      expect(box.width, 'the element is no wider than its place').to.be.at.most(320);
      expect(el.scrollWidth, 'nothing of it sticks out').to.be.at.most(el.clientWidth + 1);
      const table = root.querySelector('[part~="manage"] table')!;
      const controls = [...table.querySelectorAll<HTMLElement>('input, select, button:not([disabled])')];
      // From the list's "Open items only" to the add form's first field, after the table, as a keyboard user goes.
      root.querySelector<HTMLInputElement>('header input[type="checkbox"]')!.focus();
      const after = root.querySelector('[part~="manage"] input[name="text"]');
      const outside: string[] = [];
      const reached = new Set<Element>();
      // The region that scrolls holds controls only: they take focus, and the region is no stop of its own.
      let regionStops = 0;
      for (let i = 0; i < 60 && root.activeElement !== after; i++) {
        await sendKeys({ press: 'Tab' });
        await frame();
        const active = root.activeElement;
        if (active?.classList.contains('table-scroll')) regionStops++;
        if (!active || !table.contains(active)) continue;
        reached.add(active);
        const r = active.getBoundingClientRect();
        if (r.left < box.left - 1 || r.right > box.right + 1) outside.push(`${named(active)} at ${Math.round(r.left)}..${Math.round(r.right)}, the element ${box.left}..${box.right}`);
      }
      expect(reached.size, 'every control of the table reached by Tab').to.equal(controls.length);
      expect(regionStops, 'Tab stops on the scrolling region itself').to.equal(0);
      expect(outside.join('\n'), 'controls out of sight').to.equal('');
      await expect(el).to.be.accessible();
    });
  }
});

describe('<lift-checklist manage> when the list cannot be read after a change', () => {
  afterEach(() => dropDatabases());

  it('puts focus on the heading when an item moved with the keyboard saves but the list is not read again', async () => {
    const { adapter, contact } = await world();
    const faults = withFaults(adapter);
    const el = await mount(faults.adapter, contact);
    const root = el.shadowRoot!;
    const down = root.querySelector<HTMLButtonElement>('tbody tr button[aria-label="Move “Alpha” down"]')!;
    down.focus();
    faults.fail('checklists.definitions', new LiftDataError('unavailable', 'offline'), { times: 5 });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root.querySelector('[part~="notice"][role="alert"]'), 'the load error');
    await el.updateComplete;
    await frame();
    expect((await adapter.checklists!.definitions('contact')).map((d) => d.text), 'the move saved').to.deep.equal(['Bravo', 'Alpha', 'Charlie']);
    expect(document.activeElement, 'focus is on the checklist, not the page').to.equal(el);
    expect(root.activeElement, 'on its heading').to.equal(root.querySelector('#heading'));
  });

  it('puts focus on the heading when a rename, saved by leaving the field with Tab, is followed by a read that fails', async () => {
    const { adapter, contact } = await world();
    const faults = withFaults(adapter);
    const el = await mount(faults.adapter, contact);
    const root = el.shadowRoot!;
    const name = root.querySelector<HTMLInputElement>('tbody tr input')!;
    name.focus();
    name.select();
    await sendKeys({ type: 'Delta' });
    faults.fail('checklists.definitions', new LiftDataError('unavailable', 'offline'), { times: 5 });
    await sendKeys({ press: 'Tab' });
    await waitUntil(() => root.querySelector('[part~="notice"][role="alert"]'), 'the load error');
    await el.updateComplete;
    await frame();
    expect((await adapter.checklists!.definitions('contact')).map((d) => d.text), 'the rename saved').to.deep.equal(['Delta', 'Bravo', 'Charlie']);
    expect(root.activeElement, 'focus on the heading').to.equal(root.querySelector('#heading'));
  });

  it('puts focus on the heading when a delete confirmed with the keyboard is followed by a read that fails', async () => {
    const { adapter, contact } = await world();
    const faults = withFaults(adapter);
    const el = await mount(faults.adapter, contact);
    const root = el.shadowRoot!;
    root.querySelector<HTMLButtonElement>('button[aria-label="Delete “Alpha”"]')!.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = root.querySelector('dialog')!;
    await waitUntil(() => dialog.open, 'the confirmation');
    dialog.querySelector<HTMLButtonElement>('button[value="confirm"]')!.focus();
    faults.fail('checklists.definitions', new LiftDataError('unavailable', 'offline'), { times: 5 });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root.querySelector('[part~="notice"][role="alert"]'), 'the load error');
    await el.updateComplete;
    await frame();
    expect((await adapter.checklists!.definitions('contact')).map((d) => d.text), 'the delete saved').to.deep.equal(['Bravo', 'Charlie']);
    expect(root.activeElement, 'focus on the heading').to.equal(root.querySelector('#heading'));
  });
});

describe('<lift-checklist manage> clicked between its controls', () => {
  afterEach(() => dropDatabases());

  it('leaves the page where it is when a long list is clicked on a column heading', async () => {
    const { adapter, contact } = await world();
    for (let order = 4; order <= 40; order++) {
      await adapter.checklists!.saveDefinition({ cardType: 'contact', text: `Punt ${order}`, category: 'Groep', order, mode: 'editable', modeByStatus: {} });
    }
    const el = await mount(adapter, contact);
    const heading = el.shadowRoot!.querySelector<HTMLElement>('[part~="manage"] th')!;
    // The list taller than the window, its top 300 px below the window's top.
    document.documentElement.style.paddingBottom = '200vh';
    try {
      window.scrollTo(0, 0);
      window.scrollBy(0, heading.getBoundingClientRect().top - 300);
      await frame();
      const before = window.scrollY;
      const box = heading.getBoundingClientRect();
      await sendMouse({ type: 'click', position: [Math.round(box.left + 4), Math.round(box.top + box.height / 2)] });
      await frame();
      await frame();
      expect(window.scrollY, 'the page did not move').to.equal(before);
    } finally {
      await sendMouse({ type: 'move', position: [0, 0] });
      document.documentElement.style.paddingBottom = '';
      window.scrollTo(0, 0);
    }
  });
});
