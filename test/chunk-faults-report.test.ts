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

  it('the report keeps its table and says the chart did not load, with a retry; reopened, it offers a reload too; a retry draws it where the browser fetches again', async () => {
    const refetches = await refetchesFailedModules();
    refuse(CHART);
    const { adapter, contact } = await world();
    const el = await mountCard(adapter, contact.id);
    await act(el, { action: 'reports', id: 'activity' });
    await waitUntil(() => alertButton(dialog(el), 'Try again'), 'the failure with a retry');
    expect(dialog(el).querySelector('[role="alert"]')!.textContent).to.contain('This part of the card could not be loaded');
    expect(alertButton(dialog(el), 'Reload the page'), 'no reload after one failure').to.equal(undefined);
    expect(inDialog(el, '.chart'), 'no chart').to.equal(null);
    // The numbers are there all the same, under "Show as a table".
    const rows = dialog(el).querySelectorAll('details.as-table tbody tr');
    const report = await adapter.reports!.run('activity', contact.id);
    expect(rows).to.have.length(report.months.length);
    await expect(el).to.be.accessible();

    // Opened again, the chart fails a second time in this page: the reload is offered at once.
    inDialog<HTMLButtonElement>(el, '.report-close')!.click();
    await waitUntil(() => !dialog(el)?.open, 'the dialog to close');
    await act(el, { action: 'reports', id: 'activity' });
    await waitUntil(() => alertButton(dialog(el), 'Reload the page'), 'the reload offered');
    expect(dialog(el).querySelector('[role="alert"]')!.textContent).to.contain('It still does not load.');

    refuse(CHART, false);
    alertButton(dialog(el), 'Try again')!.click();
    // Focus stays in the dialog, where the chart goes, not on the page behind it.
    await waitUntil(() => el.shadowRoot!.activeElement?.classList.contains('chart-place'), "focus in the chart's place");
    if (refetches) {
      await waitUntil(() => inDialog(el, '.chart .columns [role="img"]'), 'the chart once its code arrives');
      expect(dialog(el).querySelector('[role="alert"]'), 'the failure is gone').to.equal(null);
      // Its styles came with it: the columns stand in a row, each sized by its numbers.
      expect(getComputedStyle(inDialog(el, '.columns')!).display).to.equal('flex');
      expect(inDialog(el, '.stack')!.style.height).to.match(/%$/);
    } else {
      await waitUntil(() => alertButton(dialog(el), 'Reload the page'), 'a reload, since this browser keeps the failure');
      expect(dialog(el).querySelector('[role="alert"]')!.textContent).to.contain('It still does not load.');
    }
  });
});
