import { expect } from '@open-wc/testing';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import { alertButton, refetchesFailedModules, refuse } from './chunk-faults-helpers.js';
import { dropDatabases } from './db.js';
import { mountCard } from './harness.js';
import { waitUntil } from './helpers.js';
import { demoWorld } from './worlds.js';

// A tab's code the card fetches by itself while the browser is idle, before anyone opens the tab
// (its own page: once the code arrived in a page, it cannot fail there). A fetch that failed then
// was shown to nobody: opening the tab later fetches it again instead of showing that failure.

const PART = '/src/contact-card/parts/projects-table.ts';
const alerts = (el: LiftContactCard) => [...el.shadowRoot!.querySelectorAll('[role="alert"]')].map((a) => a.textContent!.replace(/\s+/g, ' ').trim()).join(' | ');

describe("a tab's code fetched while idle does not arrive", () => {
  after(async () => {
    refuse(PART, false);
    await dropDatabases();
  });

  it('is fetched again when the reader opens the tab, and says it failed only when that fetch fails', async () => {
    const refetches = await refetchesFailedModules();
    refuse(PART);
    const { adapter, seeded } = await demoWorld({ contacts: 2, entriesPerContact: 2 });
    const el = await mountCard(adapter, seeded.contactIds[0]!, { lang: 'en' });
    const fetched = () => performance.getEntriesByType('resource').filter((entry) => entry.name.includes(PART)).length;
    await waitUntil(() => fetched() > 0, 'the fetch while idle', { timeout: 10000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alerts(el), 'nobody asked for it yet: nothing said').to.equal('');
    refuse(PART, false);
    el.shadowRoot!.querySelector<HTMLButtonElement>('#tab-projects')!.click();
    if (refetches) {
      await waitUntil(() => el.shadowRoot!.querySelector('#panel-projects table, #panel-projects .empty') || alerts(el), 'the projects');
      expect(alerts(el)).to.equal('');
    } else {
      // Firefox keeps a failed module failed until the page reloads: the tab says so once, with
      // its retry, as it would have had it been opened then (not "it still does not load").
      await waitUntil(() => alertButton(el.shadowRoot!, 'Try again'), 'the failure, with its retry');
      expect(alerts(el)).to.include('could not be loaded').and.not.include('still');
    }
  });
});
