import { expect } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import { LiftActionEvent } from '../src/events.js';
import { alertButton, refetchesFailedModules, refuse } from './chunk-faults-helpers.js';
import { dropDatabases } from './db.js';
import { $, act, bar, dialog, enter, inDialog, world } from './dialog-helpers.js';
import { mountCard } from './harness.js';

// New document's code fails to load once, and where the browser fetches again the dialogs'
// shared code first (its own page: once a module arrived in a page it cannot fail there). Its
// Try again asks about unsaved edits as the bar's press does: the document merges the saved
// details. A dialog that opens once the shared code arrived takes that code's failure away.

const ACTIONS = '/src/contact-card/actions/action-dialogs.ts';
const DOCUMENT = '/src/contact-card/actions/new-document.ts';

const alerts = (el: LiftContactCard) => [...el.shadowRoot!.querySelectorAll('[role="alert"]')].map((a) => a.textContent!.replace(/\s+/g, ' ').trim()).join(' | ');
const press = (el: LiftContactCard) => bar(el).dispatchEvent(new LiftActionEvent({ action: 'document', id: 'tpl-kennismaking' }));

describe("New document's code does not arrive at first", () => {
  after(async () => {
    refuse(ACTIONS, false);
    refuse(DOCUMENT, false);
    await dropDatabases();
  });

  it('Try again asks about unsaved edits first, and the document uses the details saved then', async () => {
    const refetches = await refetchesFailedModules();
    // Firefox keeps a failed module failed: there the dialogs' shared code must arrive the first time.
    if (refetches) refuse(ACTIONS);
    refuse(DOCUMENT);
    const { adapter, contact } = await world();
    const el = await mountCard(adapter, contact!.id);
    if (refetches) {
      press(el);
      await waitUntil(() => alerts(el).includes('This part of the card could not be loaded'), "the shared code's failure");
      // Search, pressed once the shared code can come, opens: the failure of that code goes.
      refuse(ACTIONS, false);
      await act(el, { action: 'search' });
      expect(alerts(el), 'no failure while the search shows').not.to.contain('could not be loaded');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !dialog(el)?.open, 'the search to close');
      await el.updateComplete;
      expect(alerts(el), 'nor after it closed').not.to.contain('could not be loaded');
    }

    press(el);
    await waitUntil(() => alerts(el).includes('This part of the card could not be loaded'), 'the failure with a retry');
    // Edited after the failure, not saved: the document merges the saved details, so Try again asks first.
    enter($<HTMLInputElement>(el, '#field-firstName')!, 'Gewijzigd');
    await el.updateComplete;
    refuse(DOCUMENT, false);
    alertButton(el.shadowRoot!, 'Try again')!.click();
    await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.ask')?.open && $(el, 'dialog.ask form'), 'the question about unsaved edits');
    expect($(el, 'dialog.ask')!.textContent).to.contain('A document uses the saved details.');
    expect(dialog(el)?.open, 'no document before the answer').to.not.equal(true);
    $<HTMLButtonElement>(el, 'dialog.ask button[value="save"]')!.click();
    await waitUntil(() => !$(el, 'dialog.ask form'), 'the question to close');
    if (!refetches) {
      await waitUntil(() => alerts(el).includes('It still does not load'), 'the failure this browser keeps');
      return;
    }
    await waitUntil(() => dialog(el)?.open, 'the document once its code arrives');
    await el.updateComplete;
    expect((await adapter.contacts.get(contact!.id)).firstName, 'saved').to.equal('Gewijzigd');
    expect(inDialog<HTMLTextAreaElement>(el, 'textarea.document-body')!.value, 'with the name saved').to.contain('Gewijzigd');
  });
});
