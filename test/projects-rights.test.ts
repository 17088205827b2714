import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { seedDemoData } from '../src/data/demo/demo-data.js';
import type { StoredRecord } from '../src/data/engine/store.js';
import '../src/lift-contact-card.js';
import { dropDatabases, freshIndexedDbAdapter, PRESENT, presentOnly } from './db.js';
import { mountCard } from './harness.js';
import { waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

// Each test starts on its own database, with nothing kept in localStorage.
afterEach(async () => {
  localStorage.clear();
  await dropDatabases();
});

describe('projects tab without the see-archived right', () => {
  it('lists the active projects, and offers no "Show archived"; one with the right is offered it', async () => {
    const adapter = presentOnly();
    const seeded = await seedDemoData(adapter, { contacts: 12, entriesPerContact: 1 });
    let contactId: string | undefined;
    let titles: string[] = [];
    for (const id of seeded.contactIds) {
      const active = (await adapter.work!.listForContact(id)).items;
      if (!(await adapter.contacts.get(id)).archived && active.length) [contactId, titles] = [id, active.map((w) => w.title)];
    }
    adapter.session.setUser(PRESENT);
    const el = await mountCard(adapter, contactId!, { tab: 'projects' });
    const panel = () => el.shadowRoot!.querySelector('[part~="panel"]');
    await waitUntil(() => Boolean(panel()?.querySelector('table.projects, [part="error"]')), 'the projects or their failure');
    const shown = [...panel()!.querySelectorAll('table.projects .link')].map((b) => b.textContent!.trim());
    const failure = panel()!.querySelector('[part="error"]')?.textContent ?? '';
    const toggle = Boolean(panel()!.querySelector('.toggle input'));
    adapter.session.setUser({ id: 'u-admin', name: 'Admin', role: 'admin' });
    el.requestUpdate();
    await el.loaded;
    await waitUntil(() => Boolean(panel()?.querySelector('.toggle input')), 'the admin is offered archived projects');
    expect({ failure, toggle, shown: shown.sort() }).to.deep.equal({ failure: '', toggle: false, shown: titles.sort() });
  });
});

describe('projects tab "Show archived" with the keyboard', () => {
  it('ticking and unticking "Show archived" with Space keeps focus on the box when only archived work exists', async () => {
    const adapter = freshIndexedDbAdapter();
    const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
    const old = await adapter.work!.create({ kind: 'lead', contactId: contact.id, title: 'Gearchiveerde lead' });
    await adapter.importRecords({ work: [{ ...old, archived: true }] as unknown as StoredRecord[] });
    const card = await mountCard(adapter, contact.id, { tab: 'projects' });
    const panel = () => card.shadowRoot!.querySelector('[part~="panel"]')!;
    const focused = () => {
      const active = card.shadowRoot!.activeElement;
      return active?.outerHTML.slice(0, 60) ?? String(document.activeElement?.localName);
    };
    await waitUntil(() => panel().querySelector('.toggle input'), 'the toggle');
    const emptyText = panel().querySelector('.empty')?.textContent?.trim();
    panel().querySelector<HTMLInputElement>('.toggle input')!.focus();
    await sendKeys({ press: ' ' });
    await waitUntil(() => panel().querySelector('table.projects'), 'the archived lead listed');
    await card.updateComplete;
    expect(emptyText, 'the empty text before ticking').to.be.a('string').and.not.equal('');
    expect([...panel().querySelectorAll('table.projects .link')].map((b) => b.textContent!.trim())).to.deep.equal(['Gearchiveerde lead']);
    expect(focused(), 'focus stays on the checkbox after ticking').to.match(/^<input type="checkbox"/);
    await sendKeys({ press: ' ' });
    await waitUntil(() => panel().querySelector('.empty') && !panel().querySelector('table.projects'), 'the empty text back');
    await card.updateComplete;
    expect(focused(), 'focus stays on the checkbox after unticking').to.match(/^<input type="checkbox"/);
    expect(panel().querySelector('.empty')?.textContent?.trim(), 'the same empty text returns').to.equal(emptyText);
  });
});
