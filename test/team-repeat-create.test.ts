import { expect, fixture, html } from '@open-wc/testing';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import type { Contact, User } from '../src/data/contract/model.js';
import '../src/lift-contact-card.js';
import '../src/lift-contact-timeline.js';
import { act, dialog, enter, inDialog } from './dialog-helpers.js';
import { waitUntil } from './helpers.js';
import { SyncAdapter } from '../src/data/sync/sync-adapter.js';
import { startTeamServerFirst, syncOptions, teamSpace, TEAM_USERS, type TeamSpace } from './team.js';
import { oneContact } from './worlds.js';

// A create whose answer is lost on its way back (the server made the record; the browser heard
// a network error) and that the user then tries again, on the real team server: the same
// content goes as the same request, which the server answers once instead of making it twice.

startTeamServerFirst();

const [ANNA, ERIK] = TEAM_USERS as [User, User];

/**
 * A fetch that loses the answer to the first POST whose path ends in `tail`: the request reaches
 * the server and is handled, and the browser is told the network failed.
 */
function losingFirst(tail: string): typeof fetch {
  let lose = true;
  return async (input, init) => {
    const response = await fetch(input, init);
    if (lose && init?.method === 'POST' && new URL(String(input)).pathname.endsWith(tail)) {
      lose = false;
      await response.text();
      throw new TypeError('Failed to fetch');
    }
    return response;
  };
}

const retry = (root: ParentNode) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Try again')!;

describe('a create whose answer was lost, tried again', () => {
  let space: TeamSpace;
  let contact: Contact;
  beforeEach(async () => {
    space = await teamSpace();
    ({ contact } = await oneContact(await space.connect(ANNA), 'Drukkerij Van Dam', { firstName: 'Eva', lastName: 'Dam' }));
  });
  afterEach(() => space.drop());

  it('records an activity once: the overview says it is not confirmed, and its retry makes no second one', async () => {
    const erik = await space.connect(ERIK, { fetch: losingFirst('/timeline') });
    const el = await fixture<LiftContactTimeline>(html`<lift-contact-timeline lang="en" contact-id=${contact.id} .adapter=${erik}></lift-contact-timeline>`);
    await el.loaded;
    const root = el.shadowRoot!;
    [...root.querySelectorAll<HTMLButtonElement>('[part~="filters"] button')].find((b) => b.textContent!.includes('Record activity'))!.click();
    await waitUntil(() => root.querySelector('[part~="note-form"] textarea'), 'the form');
    const form = root.querySelector<HTMLFormElement>('[part~="note-form"]')!;
    form.querySelector<HTMLInputElement>('[name="subject"]')!.value = 'Gebeld over de offerte';
    form.querySelector('textarea')!.value = 'Wil volgende week een voorstel.';
    form.requestSubmit();
    await waitUntil(() => root.querySelector('[part~="pending"][data-state="failed"]'), 'the lost answer');
    const pending = root.querySelector('[part~="pending"]')!;
    expect(pending.textContent).to.contain('Not confirmed: the data cannot be reached. Try again: it will not be saved twice.');
    const onServer = async () => (await (await space.connect(ANNA)).timeline.all(contact.id)).filter((e) => e.subject === 'Gebeld over de offerte');
    expect(await onServer(), 'the server made it').to.have.length(1);

    retry(pending).click();
    await waitUntil(() => !root.querySelector('[part~="pending"]'), 'the retry');
    expect(await onServer(), 'still one').to.have.length(1);
  });

  it('creates a work item once when sent again unchanged, also from the dialog opened anew; a create after that is another record', async () => {
    const erik = await space.connect(ERIK, { fetch: losingFirst('/work') });
    const card = await fixture<LiftContactCard>(html`<lift-contact-card lang="en" contact-id=${contact.id} .adapter=${erik}></lift-contact-card>`);
    await card.loaded;
    const titles = async () => (await (await space.connect(ANNA)).work!.listForContact(contact.id)).items.map((w) => w.title).sort();

    await act(card, { action: 'create', kind: 'request' });
    enter(inDialog<HTMLInputElement>(card, '.title-input')!, 'Folder drukken');
    inDialog<HTMLButtonElement>(card, 'button[type="submit"]')!.click();
    await waitUntil(() => inDialog(card, '[role="alert"]'), 'the lost answer');
    expect(await titles(), 'the server made it').to.deep.equal(['Folder drukken']);
    // The user closes the dialog and opens it again to send the same.
    [...dialog(card).querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Cancel')!.click();
    await waitUntil(() => !dialog(card)?.open, 'the dialog closed');
    await act(card, { action: 'create', kind: 'request' });
    enter(inDialog<HTMLInputElement>(card, '.title-input')!, 'Folder drukken');
    inDialog<HTMLButtonElement>(card, 'button[type="submit"]')!.click();
    await waitUntil(() => !dialog(card)?.open, 'the dialog closes: created');
    expect(await titles(), 'sent again unchanged: still one').to.deep.equal(['Folder drukken']);

    // A new request: another create of the same title is another record.
    await act(card, { action: 'create', kind: 'request' });
    enter(inDialog<HTMLInputElement>(card, '.title-input')!, 'Folder drukken');
    inDialog<HTMLButtonElement>(card, 'button[type="submit"]')!.click();
    await waitUntil(() => !dialog(card)?.open, 'the second dialog closes');
    expect(await titles()).to.deep.equal(['Folder drukken', 'Folder drukken']);
  });

  it('creates a work item once through the adapter that keeps a copy on the device as well', async () => {
    const name = `lift-sync-repeat-${Date.now().toString(36)}`;
    const erik = await SyncAdapter.connect(syncOptions(space, ERIK, name, losingFirst('/work')));
    after(async () => {
      erik.close();
      await new Promise((resolve) => (indexedDB.deleteDatabase(`${name}:${space.baseUrl.replace(/\/+$/, '')}:${ERIK.id}`).onsuccess = resolve));
    });
    const card = await fixture<LiftContactCard>(html`<lift-contact-card lang="en" contact-id=${contact.id} .adapter=${erik}></lift-contact-card>`);
    await card.loaded;
    const titles = async () => (await (await space.connect(ANNA)).work!.listForContact(contact.id)).items.map((w) => w.title);
    await act(card, { action: 'create', kind: 'request' });
    enter(inDialog<HTMLInputElement>(card, '.title-input')!, 'Folder drukken');
    inDialog<HTMLButtonElement>(card, 'button[type="submit"]')!.click();
    await waitUntil(() => inDialog(card, '[role="alert"]'), 'the lost answer');
    expect(await titles(), 'the server made it').to.deep.equal(['Folder drukken']);
    inDialog<HTMLButtonElement>(card, 'button[type="submit"]')!.click();
    await waitUntil(() => !dialog(card)?.open, 'the dialog closes: created');
    expect(await titles(), 'sent again: still one').to.deep.equal(['Folder drukken']);
  });
});
