import { expect } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import { alertButton, refetchesFailedModules, refuse } from './chunk-faults-helpers.js';
import { dropDatabases } from './db.js';
import { act, dialog, inDialog, world } from './dialog-helpers.js';
import { mountCard } from './harness.js';

// The activity report's chart comes in a file of its own, fetched beside the report's data (its
// own page: once the chart's code arrived in a page it cannot fail there).

const CHART = '/src/contact-card/actions/activity-chart.ts';

describe("the activity report's chart does not arrive", () => {
  after(async () => {
    refuse(CHART, false);
    await dropDatabases();
  });

  it('the report shows its table and says the chart did not load, with a retry that draws it where the browser fetches again', async () => {
    const refetches = await refetchesFailedModules();
    refuse(CHART);
    const { adapter, contact } = await world();
    const el = await mountCard(adapter, contact.id);
    await act(el, { action: 'reports', id: 'activity' });
    await waitUntil(() => alertButton(dialog(el), 'Try again'), 'the failure with a retry');
    expect(dialog(el).querySelector('[role="alert"]')!.textContent).to.contain('This part of the card could not be loaded');
    expect(inDialog(el, '.chart'), 'no chart').to.equal(null);
    // The numbers are there all the same, in the table.
    const rows = dialog(el).querySelectorAll('details.as-table tbody tr');
    const report = await adapter.reports!.run('activity', contact.id);
    expect(rows).to.have.length(report.months.length);
    await expect(el).to.be.accessible();

    refuse(CHART, false);
    alertButton(dialog(el), 'Try again')!.click();
    if (refetches) {
      await waitUntil(() => inDialog(el, '.chart .columns [role="img"]'), 'the chart once its code arrives');
      expect(dialog(el).querySelector('[role="alert"]'), 'the failure is gone').to.equal(null);
      // Its styles came with it: the columns stand in a row of the chart's height.
      expect(getComputedStyle(inDialog(el, '.columns')!).display).to.equal('flex');
    } else {
      await waitUntil(() => alertButton(dialog(el), 'Reload the page'), 'a reload, since this browser keeps the failure');
      expect(dialog(el).querySelector('[role="alert"]')!.textContent).to.contain('It still does not load.');
    }
  });
});
