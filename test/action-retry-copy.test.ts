import { expect } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import { LiftActionEvent } from '../src/events.js';
import { alertButton, refetchesFailedModules, refuse } from './chunk-faults-helpers.js';
import { dropDatabases } from './db.js';
import { $, bar, dialog, enter, world } from './dialog-helpers.js';
import { mountCard } from './harness.js';

// The Copy dialog's code fails to load once (its own page: once a module arrived in a page it
// cannot fail there). Its Try again asks about unsaved edits as the bar's press does, and a later
// press that opens the dialog takes the failure away.

const COPY = '/src/contact-card/actions/copy-contact.ts';

const alerts = (el: LiftContactCard) => [...el.shadowRoot!.querySelectorAll('[role="alert"]')].map((a) => a.textContent!.replace(/\s+/g, ' ').trim()).join(' | ');

async function answer(el: LiftContactCard, choice: string) {
  await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.ask')?.open && $(el, 'dialog.ask form'), 'the question about unsaved edits');
  $<HTMLButtonElement>(el, `dialog.ask button[value="${choice}"]`)!.click();
  await waitUntil(() => !$(el, 'dialog.ask form'), 'the question to close');
}

describe("the Copy dialog's code does not arrive at first", () => {
  after(async () => {
    refuse(COPY, false);
    await dropDatabases();
  });

  it('Try again asks about unsaved edits first; Copy pressed again opens the dialog and the failure goes, also after Cancel', async () => {
    const refetches = await refetchesFailedModules();
    refuse(COPY);
    const { adapter, contact } = await world();
    const el = await mountCard(adapter, contact!.id);
    bar(el).dispatchEvent(new LiftActionEvent({ action: 'copy' }));
    await waitUntil(() => alerts(el).includes('This part of the card could not be loaded'), 'the failure with a retry');

    // Edited after the failure: the copy takes the saved details, so Try again asks first.
    enter($<HTMLInputElement>(el, '#field-firstName')!, 'Gewijzigd');
    await el.updateComplete;
    alertButton(el.shadowRoot!, 'Try again')!.click();
    await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.ask')?.open && $(el, 'dialog.ask form'), 'the question about unsaved edits');
    expect($(el, 'dialog.ask')!.textContent).to.contain('A copy takes the saved details.');
    await answer(el, 'discard');
    await waitUntil(() => alerts(el).includes('It still does not load'), 'the second failure');

    refuse(COPY, false);
    bar(el).dispatchEvent(new LiftActionEvent({ action: 'copy' }));
    if (!refetches) {
      // This browser keeps the failure until the page reloads: it still says so.
      await waitUntil(() => alerts(el).includes('It still does not load') && alertButton(el.shadowRoot!, 'Reload the page'), 'the failure this browser keeps');
      return;
    }
    await waitUntil(() => dialog(el)?.open, 'the copy dialog once its code arrives');
    await el.updateComplete;
    expect(alerts(el), 'no failure while the dialog shows').not.to.match(/could not be loaded|still does not load/);
    [...dialog(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Cancel')!.click();
    await waitUntil(() => !dialog(el)?.open, 'the dialog to close');
    await el.updateComplete;
    expect(alerts(el), 'nor after it closed').not.to.match(/could not be loaded|still does not load/);
    expect(alertButton(el.shadowRoot!, 'Try again'), 'no stale retry').to.equal(undefined);
  });
});
