import { expect, fixture, html } from '@open-wc/testing';
import { typeInto, waitUntil } from './helpers.js';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftButtonBar } from '../src/button-bar/button-bar.js';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import '../src/lift-checklist.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import { SyncAdapter } from '../src/data/sync/sync-adapter.js';
import { ModelServer, type Network } from './model-server.js';
import { alertButton, refetchesFailedModules, refuse } from './chunk-faults-helpers.js';
import { dropDatabases } from './db.js';
import { mountCard } from './harness.js';
import { demoWorld, oneContact } from './worlds.js';

// Code the card imports on first use (the overview's element, an action's dialog) that cannot be
// fetched — offline, or a deploy in between: the card says so in the reader's language with a
// retry, keeps working otherwise, and a retry that cannot help offers a page reload. Each test
// refuses a module no earlier test in this page imported (a module that arrived once stays).

const root = (el: LiftContactCard) => el.shadowRoot!;
const alerts = (el: LiftContactCard) => [...root(el).querySelectorAll('[role="alert"]')].map((a) => a.textContent!.replace(/\s+/g, ' ').trim()).join(' | ');
const button = (el: LiftContactCard, text: string) => alertButton(root(el), text);

describe('code that does not arrive', () => {
  let refetches: boolean;
  before(async () => {
    refetches = await refetchesFailedModules();
  });
  afterEach(async () => {
    refuse('/src/lift-contact-timeline.ts', false);
    refuse('/src/contact-card/actions/contact-search.ts', false);
    refuse('/src/button-bar/menus.ts', false);
    refuse('/src/checklist/manage.ts', false);
    refuse('/src/contact-card/sync-status.ts', false);
    await dropDatabases();
  });

  it("the overview's element: the panel says so with a retry, the rest of the card works, and a retry that cannot help offers a reload", async () => {
    refuse('/src/lift-contact-timeline.ts');
    const { adapter, seeded } = await demoWorld({ contacts: 2, entriesPerContact: 3 });
    const el = await mountCard(adapter, seeded.contactIds[0]!);
    const panel = root(el).querySelector('#panel-overview')!;
    await waitUntil(() => panel.querySelector('[role="alert"]'), 'the overview says it could not be loaded');
    expect(panel.textContent).to.contain('This part of the card could not be loaded. Check the connection and try again.');
    expect(panel.querySelector('lift-contact-timeline')).to.equal(null);
    // The header and the personal details do not depend on it.
    expect(root(el).querySelector('[part~="name"]')!.textContent).to.match(/\w/);
    expect(root(el).querySelector<HTMLInputElement>('#field-lastName')!.value).to.not.equal('');

    button(el, 'Try again')!.click();
    await waitUntil(() => alerts(el).includes('It still does not load'), 'the second failure');
    expect(button(el, 'Reload the page'), 'a reload is offered').to.exist;

    refuse('/src/lift-contact-timeline.ts', false);
    // From the keyboard: the button goes with the failure, and focus stays in the card.
    button(el, 'Try again')!.focus();
    button(el, 'Try again')!.click();
    await el.updateComplete;
    if (refetches) {
      await waitUntil(() => panel.querySelector('lift-contact-timeline'), 'the overview once the code arrives');
      expect(alerts(el)).not.to.contain('could not be loaded');
      await waitUntil(() => root(el).activeElement, `focus in the card (on ${document.activeElement?.localName})`);
      expect(root(el).activeElement!.matches('[part~="name"]'), 'on the contact\'s name').to.equal(true);
    } else {
      await waitUntil(() => alerts(el).includes('It still does not load'), 'the failure this browser keeps');
      expect(button(el, 'Reload the page')).to.exist;
    }
  });

  it("an action's dialog: the card says so in a banner with a retry instead of doing nothing", async () => {
    refuse('/src/contact-card/actions/contact-search.ts');
    const { adapter, seeded } = await demoWorld({ contacts: 2, entriesPerContact: 3 });
    const el = await mountCard(adapter, seeded.contactIds[0]!, { lang: 'nl' });
    const searchButton = () => root(el).querySelector('lift-button-bar')!.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="search"]')!;
    searchButton().focus();
    searchButton().click();
    await waitUntil(() => alerts(el).includes('Dit deel van de kaart kon niet worden geladen'), 'the failure in Dutch');
    expect(root(el).querySelector('dialog[open], lift-card-search-dialog')).to.equal(null);
    expect(button(el, 'Opnieuw proberen')).to.exist;

    refuse('/src/contact-card/actions/contact-search.ts', false);
    button(el, 'Opnieuw proberen')!.focus();
    button(el, 'Opnieuw proberen')!.click();
    if (refetches) {
      await waitUntil(() => root(el).querySelector<HTMLDialogElement>('lift-card-search-dialog dialog')?.open, 'the search dialog once its code arrives');
      expect(alerts(el)).not.to.contain('kon niet worden geladen');
      // Closed, it gives focus back to the bar's button that asked for it, not to the retry that went.
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !root(el).querySelector('lift-card-search-dialog'), 'the dialog closed');
      await waitUntil(() => root(el).activeElement?.localName === 'lift-button-bar' && root(el).querySelector('lift-button-bar')!.shadowRoot!.activeElement === searchButton(), 'focus on the Search button');
    } else {
      await waitUntil(() => alerts(el).includes('Het laadt nog steeds niet'), 'the failure this browser keeps');
      expect(button(el, 'Pagina herladen'), 'a reload is offered').to.exist;
    }
  });

  it("the bar's menus: a press whose menu cannot load says so in the bar, and a later press opens it where the browser fetches again", async () => {
    refuse('/src/button-bar/menus.ts');
    const bar = await fixture<LiftButtonBar>(html`<lift-button-bar lang="en" buttons="save create"></lift-button-bar>`);
    const create = bar.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="create"]')!;
    create.click();
    const alert = () => bar.shadowRoot!.querySelector('[role="alert"]')?.textContent ?? '';
    await waitUntil(() => alert().includes('The menu could not load.'), 'the failure in the bar');
    expect(alert()).to.contain('or reload the page');
    expect(bar.shadowRoot!.querySelector('[role="menu"]')).to.equal(null);

    refuse('/src/button-bar/menus.ts', false);
    create.click();
    if (refetches) {
      await waitUntil(() => bar.shadowRoot!.querySelector('[role="menu"]')?.checkVisibility(), 'the menu once its code arrives');
      expect(alert()).to.equal('');
    } else {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(alert(), 'the words stay while the browser keeps the failure').to.contain('The menu could not load.');
    }
  });

  it("the checklist's management: the section says so with a retry, and the items can still be ticked", async () => {
    refuse('/src/checklist/manage.ts');
    const adapter = new MemoryAdapter();
    const { contact } = await oneContact(adapter, 'Zon BV', { lastName: 'Bos' });
    await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'AVG-toestemming', category: 'Privacy', order: 1, mode: 'editable', modeByStatus: {} });
    const el = await fixture<LiftChecklist>(html`<lift-checklist lang="nl" manage contact-id=${contact.id} .adapter=${adapter}></lift-checklist>`);
    await el.loaded;
    const section = () => el.shadowRoot!.querySelector('[part~="manage"]');
    await waitUntil(() => section()?.querySelector('[role="alert"]'), 'the management says it could not be loaded');
    expect(section()!.textContent).to.contain('Het beheer kon niet worden geladen.');
    el.shadowRoot!.querySelector<HTMLInputElement>('[part~="item"] input[type="checkbox"]')!.click();
    await waitUntil(async () => (await adapter.checklists!.states(contact.id))[0]?.done === true, 'the tick is saved without the management');

    const retry = () => [...section()!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Opnieuw proberen')!;
    retry().focus();
    retry().click();
    await waitUntil(() => section()?.textContent?.includes('Het laadt nog steeds niet'), 'the second failure');
    // The button went with the first failure: focus is on the management's heading, not the page.
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'manage-heading', 'focus on the heading after a retry that failed');
    refuse('/src/checklist/manage.ts', false);
    retry().focus();
    retry().click();
    if (refetches) {
      await waitUntil(() => section()?.querySelector('table'), 'the management once its code arrives');
      expect(section()!.querySelector('[role="alert"]')).to.equal(null);
      // The button went with the failure: focus is on the management's heading, not the page.
      await waitUntil(() => el.shadowRoot!.activeElement?.id === 'manage-heading', 'focus on the heading');
    } else {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(section()!.textContent, 'the words stay while the browser keeps the failure').to.contain('Het laadt nog steeds niet');
    }

    // The checklist shown anew (a host's tab shown again): where the browser keeps the failure,
    // its management says at once that retrying did not help; where the code arrived, it shows.
    el.remove();
    const again = await fixture<LiftChecklist>(html`<lift-checklist lang="nl" manage contact-id=${contact.id} .adapter=${adapter}></lift-checklist>`);
    await again.loaded;
    const sectionAgain = () => again.shadowRoot!.querySelector('[part~="manage"]');
    if (refetches) {
      await waitUntil(() => sectionAgain()?.querySelector('table'), 'the management, whose code arrived before');
    } else {
      await waitUntil(() => sectionAgain()?.querySelector('[role="alert"]'), 'the new checklist says the management could not be loaded');
      expect(sectionAgain()!.textContent, 'counted over the page, not from zero').to.contain('Het laadt nog steeds niet');
    }
  });

  it("the card's part for a copy on the device: a save kept there is said in words, not the words' keys", async () => {
    refuse('/src/contact-card/sync-status.ts');
    const server = new ModelServer();
    const { contact } = await oneContact(server.as({ id: 'u-anna', name: 'Anna Admin', role: 'admin' }), 'Drukkerij Van Dam', { lastName: 'Dam' });
    const net: Network = { offline: false, loseAnswers: 0 };
    const adapter = await SyncAdapter.over(server.remote({ id: 'u-erik', name: 'Erik', role: 'employee' }, net), { name: `lift-chunk-sync-${Date.now()}`, probeMs: 600_000 });
    try {
      const el = await mountCard(adapter, contact.id);
      await waitUntil(() => alerts(el).includes('could not be loaded'), 'the part says it could not be loaded');
      net.offline = true;
      const jobTitle = root(el).querySelector<HTMLInputElement>('#field-jobTitle')!;
      await typeInto(el, jobTitle, 'Drukker');
      expect(await el.save()).to.equal(true);
      await el.updateComplete;
      expect(root(el).querySelector('[part~="save-state"]')!.textContent!.trim()).to.match(/^Kept on this device at .+; sent once connected$/);
    } finally {
      adapter.close();
    }
  });
});
