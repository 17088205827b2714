import { expect, fixture, html } from '@open-wc/testing';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import { LiftActionEvent } from '../src/events.js';
import '../src/lift-checklist.js';
import '../src/lift-contact-card.js';
import '../src/lift-contact-timeline.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { withFaults } from './faults.js';
import { mountCard } from './harness.js';
import { typeInto, waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

// A message already on screen when the reader switches language is said again in the new one:
// what went wrong is kept, and put into words at each render, never kept as words.

afterEach(() => dropDatabases());

const down = () => new LiftDataError('unavailable', 'The server is down.');
const text = (node: Element | null | undefined) => node?.textContent!.replace(/\s+/g, ' ').trim() ?? '';

async function world() {
  const faults = withFaults(freshIndexedDbAdapter());
  const { contact } = await oneContact(faults.adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
  return { faults, adapter: faults.adapter, contact };
}

describe('words already shown follow a change of language', () => {
  it("the card's failed save", async () => {
    const { faults, adapter, contact } = await world();
    const card = await mountCard(adapter, contact.id);
    faults.fail('contacts.update', down());
    await typeInto(card, card.shadowRoot!.querySelector<HTMLInputElement>('#field-jobTitle')!, 'Zetter');
    expect(await card.save()).to.equal(false);
    const banner = () => text(card.shadowRoot!.querySelector('[part~="banner"][part~="error"] span'));
    expect(banner()).to.match(/^Saving failed: /);
    card.lang = 'nl';
    await waitUntil(() => banner().startsWith('Opslaan is niet gelukt: de gegevens zijn niet bereikbaar.'), `the banner in Dutch (${banner()})`);
  });

  it("an action's failure in the card's header (archiving)", async () => {
    const { faults, adapter, contact } = await world();
    const card = await mountCard(adapter, contact.id);
    faults.fail('contacts.setArchived', down());
    card.shadowRoot!.querySelector('lift-button-bar')!.dispatchEvent(new LiftActionEvent({ action: 'archive' }));
    await waitUntil(() => card.shadowRoot!.querySelector<HTMLDialogElement>('dialog.ask')?.open, 'the question');
    card.shadowRoot!.querySelector<HTMLButtonElement>('dialog.ask button[value="confirm"]')!.click();
    const banner = () => text(card.shadowRoot!.querySelector('[part~="banner"][part~="error"][role="alert"]'));
    await waitUntil(() => banner().startsWith('That did not work'), `the failure (${banner()})`);
    card.lang = 'nl';
    await waitUntil(() => banner().startsWith('Dat is niet gelukt: de gegevens zijn niet bereikbaar.'), `the failure in Dutch (${banner()})`);
  });

  it("the projects tab's failed read", async () => {
    const { faults, adapter, contact } = await world();
    faults.fail('work.listForContact', down(), { times: Infinity });
    const card = await mountCard(adapter, contact.id, { tab: 'projects' });
    const alert = () => text(card.shadowRoot!.querySelector('[part~="panel"] [part~="error"][role="alert"]'));
    await waitUntil(() => alert().startsWith('The projects could not be loaded'), `the failure (${alert()})`);
    card.lang = 'nl';
    await waitUntil(() => alert() === 'De projecten konden niet worden geladen: de gegevens zijn niet bereikbaar.', `the failure all in Dutch (${alert()})`);
  });

  it('an open question (archiving)', async () => {
    const { adapter, contact } = await world();
    const card = await mountCard(adapter, contact.id);
    card.shadowRoot!.querySelector('lift-button-bar')!.dispatchEvent(new LiftActionEvent({ action: 'archive' }));
    const dialog = () => card.shadowRoot!.querySelector<HTMLDialogElement>('dialog.ask');
    await waitUntil(() => dialog()?.open, 'the question');
    card.lang = 'nl';
    await waitUntil(() => text(dialog()?.querySelector('h2')) === 'Contactpersoon archiveren?', `the question in Dutch (${text(dialog()?.querySelector('h2'))})`);
    expect([...dialog()!.querySelectorAll('button')].map((button) => text(button))).to.include('Annuleren');
  });

  it('a note whose save failed in the overview', async () => {
    const { faults, adapter, contact } = await world();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"><lift-contact-timeline contact-id=${contact.id} .adapter=${adapter}></lift-contact-timeline></div>`);
    const el = wrapper.querySelector<LiftContactTimeline>('lift-contact-timeline')!;
    await el.loaded;
    const root = el.shadowRoot!;
    [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === 'Record activity')!.click();
    await waitUntil(() => root.querySelector('[part~="note-form"] textarea'), 'the form');
    faults.fail('timeline.add', down(), { times: Infinity });
    const form = root.querySelector<HTMLFormElement>('[part~="note-form"]')!;
    form.querySelector('textarea')!.value = 'Gebeld over de offerte';
    form.requestSubmit();
    const failed = () => text(root.querySelector('[part~="pending"] [part~="error"]'));
    await waitUntil(() => failed(), 'the failure');
    expect(failed()).to.match(/^Not saved/);
    wrapper.lang = 'nl';
    await waitUntil(() => failed().startsWith('Niet opgeslagen'), `the failure in Dutch (${failed()})`);
  });

  it("a checklist item's failed save", async () => {
    const { faults, adapter, contact } = await world();
    await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'AVG-toestemming', category: 'Privacy', order: 1, mode: 'editable', modeByStatus: {} });
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"><lift-checklist contact-id=${contact.id} .adapter=${adapter}></lift-checklist></div>`);
    const el = wrapper.querySelector<LiftChecklist>('lift-checklist')!;
    await el.loaded;
    await el.updateComplete;
    faults.fail('checklists.setState', new LiftDataError('permission', 'No.'));
    el.shadowRoot!.querySelector<HTMLInputElement>('[part~="item"] input[type="checkbox"]')!.click();
    const error = () => text(el.shadowRoot!.querySelector('[part~="item"] [part~="error"]'));
    await waitUntil(() => error(), 'the failure');
    const english = error();
    wrapper.lang = 'nl';
    await waitUntil(() => error() && error() !== english, `the failure in Dutch (${error()})`);
    expect(error()).to.include('recht');
  });
  it("an open action dialog: its title, label and failure (the search, and a report)", async () => {
    const { faults, adapter, contact } = await world();
    const card = await mountCard(adapter, contact.id);
    const act = (detail: ConstructorParameters<typeof LiftActionEvent>[0]) => card.shadowRoot!.querySelector('lift-button-bar')!.dispatchEvent(new LiftActionEvent(detail));
    const dialog = () => card.shadowRoot!.querySelector<HTMLDialogElement>('dialog.action');
    faults.fail('contacts.list', down(), { times: Infinity });
    act({ action: 'search' });
    await waitUntil(() => text(dialog()?.querySelector('[part~="error"]')), 'the failed search');
    expect(text(dialog()!.querySelector('h2'))).to.equal('Find a contact');
    const english = text(dialog()!.querySelector('[part~="error"]'));
    card.lang = 'nl';
    await waitUntil(() => text(dialog()!.querySelector('h2')) === 'Contactpersoon zoeken', `the title in Dutch (${text(dialog()!.querySelector('h2'))})`);
    expect(text(dialog()!.querySelector('label'))).to.equal('Naam, e-mail of relatie');
    expect(text(dialog()!.querySelector('[part~="error"]')), 'the failure said again').not.to.equal(english);
    expect(text(dialog()!.querySelector('[part~="error"]'))).to.include('niet bereikbaar');
    dialog()!.close();
    await waitUntil(() => !dialog(), 'closed');

    faults.fail('reports.run', down(), { times: Infinity });
    card.lang = 'en';
    await waitUntil(() => text(card.shadowRoot!.querySelector('[part~="name"]')) !== '', 'the card');
    act({ action: 'reports', id: 'summary' });
    await waitUntil(() => text(dialog()?.querySelector('[part~="error"]')), 'the failed report');
    expect(text(dialog()!.querySelector('h2'))).to.equal('Contact summary');
    card.lang = 'nl';
    await waitUntil(() => text(dialog()!.querySelector('[part~="error"]')).startsWith('Dat is niet gelukt'), `the failure in Dutch (${text(dialog()!.querySelector('[part~="error"]'))})`);
    expect(text(dialog()!.querySelector('h2')), 'its name in Dutch').to.equal('Samenvatting contactpersoon');
  });
});
