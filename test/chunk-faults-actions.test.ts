import { expect } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import { LiftActionEvent } from '../src/events.js';
import { alertButton, refetchesFailedModules, refuse } from './chunk-faults-helpers.js';
import { dropDatabases } from './db.js';
import { mountCard } from './harness.js';
import { demoWorld } from './worlds.js';

// The action dialogs' shared code (its own page: once it arrived in a page it cannot fail there).

const root = (el: LiftContactCard) => el.shadowRoot!;
const alerts = (el: LiftContactCard) => [...root(el).querySelectorAll('[role="alert"]')].map((a) => a.textContent!.replace(/\s+/g, ' ').trim()).join(' | ');
const button = (el: LiftContactCard, text: string) => alertButton(root(el), text);

describe("the action dialogs' code does not arrive", () => {
  after(async () => {
    refuse('/src/contact-card/actions/action-dialogs.ts', false);
    await dropDatabases();
  });

  it('the bar button says so with a retry; a retry opens the dialog where the browser fetches again, else offers a reload', async () => {
    const refetches = await refetchesFailedModules();
    refuse('/src/contact-card/actions/action-dialogs.ts');
    const { adapter, seeded } = await demoWorld({ contacts: 2, entriesPerContact: 3 });
    const el = await mountCard(adapter, seeded.contactIds[0]!);
    root(el).querySelector('lift-button-bar')!.dispatchEvent(new LiftActionEvent({ action: 'search' }));
    await waitUntil(() => alerts(el).includes('This part of the card could not be loaded'), 'the failure in words');
    expect(button(el, 'Reload the page'), 'no reload before a retry').to.equal(undefined);

    refuse('/src/contact-card/actions/action-dialogs.ts', false);
    button(el, 'Try again')!.click();
    if (refetches) {
      await waitUntil(() => root(el).querySelector('lift-card-search-dialog'), 'the dialog once its code arrives');
    } else {
      await waitUntil(() => button(el, 'Reload the page'), 'a reload, since this browser keeps the failure');
      expect(alerts(el)).to.contain('It still does not load.');
    }
  });
});
