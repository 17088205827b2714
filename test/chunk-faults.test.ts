import { expect, waitUntil } from '@open-wc/testing';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import { LiftActionEvent } from '../src/events.js';
import { refetchesFailedModules, refuse } from './chunk-faults-helpers.js';
import { dropDatabases } from './db.js';
import { demoWorld, mountCard } from './harness.js';

// Code the card imports on first use (the overview's element, an action's dialog) that cannot be
// fetched — offline, or a deploy in between: the card says so in the reader's language with a
// retry, keeps working otherwise, and a retry that cannot help offers a page reload. Each test
// refuses a module no earlier test in this page imported (a module that arrived once stays).

const root = (el: LiftContactCard) => el.shadowRoot!;
const alerts = (el: LiftContactCard) => [...root(el).querySelectorAll('[role="alert"]')].map((a) => a.textContent!.replace(/\s+/g, ' ').trim()).join(' | ');
const button = (el: LiftContactCard, text: string) => [...root(el).querySelectorAll<HTMLButtonElement>('[role="alert"] button')].find((b) => b.textContent!.trim() === text);
const act = (el: LiftContactCard, detail: ConstructorParameters<typeof LiftActionEvent>[0]) => root(el).querySelector('lift-button-bar')!.dispatchEvent(new LiftActionEvent(detail));

describe('code that does not arrive', () => {
  let refetches: boolean;
  before(async () => {
    refetches = await refetchesFailedModules();
  });
  afterEach(async () => {
    refuse('/src/lift-contact-timeline.ts', false);
    refuse('/src/contact-card/actions/contact-search.ts', false);
    await dropDatabases();
  });

  it("the overview's element: the panel says so with a retry, the rest of the card works, and a retry that cannot help offers a reload", async () => {
    refuse('/src/lift-contact-timeline.ts');
    const { adapter, seeded } = await demoWorld({ contacts: 2, entriesPerContact: 3 });
    const el = await mountCard(adapter, seeded.contactIds[0]!);
    const panel = root(el).querySelector('#panel-overview')!;
    await waitUntil(() => panel.querySelector('[role="alert"]'), 'the overview says it could not be loaded', { timeout: 5000 });
    expect(panel.textContent).to.contain('This part of the card could not be loaded. Check the connection and try again.');
    expect(panel.querySelector('lift-contact-timeline')).to.equal(null);
    // The header and the personal details do not depend on it.
    expect(root(el).querySelector('[part~="name"]')!.textContent).to.match(/\w/);
    expect(root(el).querySelector<HTMLInputElement>('#field-lastName')!.value).to.not.equal('');

    button(el, 'Try again')!.click();
    await waitUntil(() => alerts(el).includes('It still does not load'), 'the second failure', { timeout: 5000 });
    expect(button(el, 'Reload the page'), 'a reload is offered').to.exist;

    refuse('/src/lift-contact-timeline.ts', false);
    button(el, 'Try again')!.click();
    await el.updateComplete;
    if (refetches) {
      await waitUntil(() => panel.querySelector('lift-contact-timeline'), 'the overview once the code arrives', { timeout: 5000 });
      expect(alerts(el)).not.to.contain('could not be loaded');
    } else {
      await waitUntil(() => alerts(el).includes('It still does not load'), 'the failure this browser keeps', { timeout: 5000 });
      expect(button(el, 'Reload the page')).to.exist;
    }
  });

  it("an action's dialog: the card says so in a banner with a retry instead of doing nothing", async () => {
    refuse('/src/contact-card/actions/contact-search.ts');
    const { adapter, seeded } = await demoWorld({ contacts: 2, entriesPerContact: 3 });
    const el = await mountCard(adapter, seeded.contactIds[0]!, { lang: 'nl' });
    act(el, { action: 'search' });
    await waitUntil(() => alerts(el).includes('Dit deel van de kaart kon niet worden geladen'), 'the failure in Dutch', { timeout: 5000 });
    expect(root(el).querySelector('dialog[open], lift-card-search-dialog')).to.equal(null);
    expect(button(el, 'Opnieuw proberen')).to.exist;

    refuse('/src/contact-card/actions/contact-search.ts', false);
    button(el, 'Opnieuw proberen')!.click();
    if (refetches) {
      await waitUntil(() => root(el).querySelector('lift-card-search-dialog'), 'the search dialog once its code arrives', { timeout: 5000 });
      expect(alerts(el)).not.to.contain('kon niet worden geladen');
    } else {
      await waitUntil(() => alerts(el).includes('Het laadt nog steeds niet'), 'the failure this browser keeps', { timeout: 5000 });
      expect(button(el, 'Pagina herladen'), 'a reload is offered').to.exist;
    }
  });
});
