import { expect } from '@open-wc/testing';
import { seedDemoData } from '../src/data/demo/demo-data.js';
import '../src/lift-contact-card.js';
import { dropDatabases, PRESENT, presentOnly } from './db.js';
import { mountCard } from './harness.js';
import { waitUntil } from './helpers.js';

describe('projects tab without the see-archived right', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

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
