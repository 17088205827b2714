import { expect } from '@open-wc/testing';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { IndexedDbAdapter } from '../src/data/adapters/indexeddb-adapter.js';
import type { User } from '../src/data/contract/model.js';
import type { StoredRecord } from '../src/data/engine/store.js';
import { LiftDetailTabsChangeEvent } from '../src/bar-choice-events.js';
import '../src/lift-contact-card.js';
import { dropDatabases, freshIndexedDbAdapter, PRESENT, presentOnly, uniqueDatabaseName } from './db.js';
import { withFaults } from './faults.js';
import { handOver, listen, mountCard, mountCardFor, switchUser } from './harness.js';
import { typeInto, waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

// One screen changes hands: the provider's user goes from Sanne to Kim. What Sanne chose and
// typed is hers; Kim sees and stores his own.

const SANNE: User = { id: 'u-sanne', name: 'Sanne de Boer', role: 'admin' };
const KIM: User = { id: 'u-kim', name: 'Kim Jansen', role: 'admin' };

async function world() {
  const databaseName = uniqueDatabaseName('users');
  const adapter = freshIndexedDbAdapter({ databaseName });
  const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser', jobTitle: 'Directeur' });
  // Sanne's choices, stored as Sanne.
  adapter.session.setUser(SANNE);
  await adapter.preferences!.set('contact', { detailTabs: ['function', 'personal'], buttons: ['save', 'undo', 'refresh'] });
  return { adapter, databaseName, contact };
}

const detailTabs = (card: LiftContactCard) =>
  [...card.shadowRoot!.querySelectorAll('[part~="detail-tabs"] [role="tab"]')].map((tab) => tab.textContent!.replace('•', '').trim());
const bar = (card: LiftContactCard) => card.shadowRoot!.querySelector('lift-button-bar')!;
const field = (card: LiftContactCard, name: string) => card.shadowRoot!.querySelector<HTMLInputElement>(`#field-${name}`)!;

/** Makes `adapter`'s contact saves wait until the returned function is called. */
function holdSaves(adapter: IndexedDbAdapter): () => void {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const update = adapter.contacts.update.bind(adapter.contacts);
  adapter.contacts.update = (id, version, changes) => gate.then(() => update(id, version, changes));
  return release;
}

/** Everything the card's screen says. */
const shown = (card: LiftContactCard) => card.shadowRoot!.textContent!.replace(/\s+/g, ' ');

// Each test starts on its own database, with nothing kept in localStorage.
afterEach(async () => {
  localStorage.clear();
  await dropDatabases();
});

describe('<lift-contact-card> when the user changes', () => {
  it('shows the next user’s detail tabs, and his reset is stored as his and leaves the first user’s screen alone', async () => {
    const { adapter, databaseName, contact } = await world();
    // Sanne's own screen: another adapter on the same database, as another tab would be.
    const sannesAdapter = freshIndexedDbAdapter({ databaseName });
    const sannes = await mountCardFor(sannesAdapter, SANNE, contact.id);
    const { provider, card } = await mountCardFor(adapter, SANNE, contact.id);
    expect(detailTabs(card)).to.deep.equal(['Personal details', 'Function and relation']);

    await switchUser(provider, card, KIM);
    await waitUntil(() => detailTabs(card).length === 4, 'Kim’s detail tabs (the defaults)');
    expect(detailTabs(card)).to.deep.equal(['Personal details', 'Function and relation', 'Project', 'Item']);

    bar(card).dispatchEvent(new LiftDetailTabsChangeEvent(['item']));
    // What this card offers is Kim's choice; the checklist items tab, which it does not offer, stays shown where it is.
    await waitUntil(async () => (await adapter.preferences!.get('contact')).detailTabs?.join(' ') === 'checklist-item item', 'Kim’s choice to be stored');
    bar(card).dispatchEvent(new LiftDetailTabsChangeEvent(undefined));
    await waitUntil(async () => !(await adapter.preferences!.get('contact')).detailTabs, 'Kim’s reset to be stored');
    expect(await adapter.preferences!.get('contact'), 'nothing of Sanne’s stored under Kim').to.deep.equal({});
    expect(await sannesAdapter.preferences!.get('contact')).to.deep.equal({ detailTabs: ['function', 'personal'], buttons: ['save', 'undo', 'refresh'] });
    await sannes.card.updateComplete;
    expect(detailTabs(sannes.card)).to.deep.equal(['Personal details', 'Function and relation']);
  });

  it('stores a choice made right as the user changes for the user who made it', async () => {
    const { adapter, contact } = await world();
    const { provider, card } = await mountCardFor(adapter, SANNE, contact.id);
    // Kim resets before his own choices have been read.
    provider.user = KIM;
    await provider.updateComplete;
    bar(card).dispatchEvent(new LiftDetailTabsChangeEvent(undefined));
    await card.loaded;
    await new Promise((resolve) => setTimeout(resolve, 50));
    await card.updateComplete;
    expect(await adapter.preferences!.get('contact'), 'Kim’s preferences hold nothing of Sanne’s').to.deep.equal({});
    adapter.session.setUser(SANNE);
    expect(await adapter.preferences!.get('contact')).to.deep.equal({ detailTabs: ['function', 'personal'], buttons: ['save', 'undo', 'refresh'] });
  });

  it('keeps the first user’s unsaved edits as hers: the next user sees the stored record, and she finds them back', async () => {
    const { adapter, contact } = await world();
    const { provider, card } = await mountCardFor(adapter, SANNE, contact.id);
    await typeInto(card, field(card, 'jobTitle'), 'Eigenaar');
    expect(card.dirty).to.equal(true);

    await switchUser(provider, card, KIM);
    await waitUntil(() => field(card, 'jobTitle')?.value === 'Directeur', 'the stored value for Kim');
    expect(card.dirty, 'Kim has no unsaved edits').to.equal(false);
    expect(card.hasAttribute('dirty')).to.equal(false);

    await switchUser(provider, card, SANNE);
    await waitUntil(() => field(card, 'jobTitle')?.value === 'Eigenaar', 'Sanne’s edit back');
    expect(card.dirty).to.equal(true);
    expect((await adapter.contacts.get(contact.id)).jobTitle, 'nothing was saved meanwhile').to.equal('Directeur');
  });

  it('forgets the first user’s kept edits when her save lands after the screen changed hands: back, she has nothing unsaved', async () => {
    const { adapter, contact } = await world();
    const { provider, card } = await mountCardFor(adapter, SANNE, contact.id);
    await typeInto(card, field(card, 'jobTitle'), 'Eigenaar');
    const release = holdSaves(adapter);
    const saved = card.save();
    await switchUser(provider, card, KIM);
    release();
    expect(await saved, 'her save landed').to.equal(true);
    expect((await adapter.contacts.get(contact.id)).jobTitle).to.equal('Eigenaar');
    await waitUntil(() => field(card, 'jobTitle')?.value === 'Eigenaar', 'Kim sees the stored record');
    expect(card.dirty, 'Kim has no unsaved edits').to.equal(false);
    expect(shown(card), 'nothing said to Kim about a save of his').not.to.match(/Saved at|Saving failed|not saved/);

    await switchUser(provider, card, SANNE);
    await card.updateComplete;
    expect(card.dirty, 'what she saved is not brought back as unsaved').to.equal(false);
    expect(shown(card), 'no restored draft').not.to.include('were restored');
  });

  /**
   * Sanne's change waits on this device for her, as the adapter that works offline keeps it in
   * her own copy: she reads it, Kim reads the contact as stored. Kim has the card; Sanne signs in
   * again and her change is sent at once. With `loading`, the card has begun to load for her and
   * that read answers last; without, the feed tells of the change before the card has looked at
   * who is signed in. Either way the card showed what Kim read.
   */
  async function returningUser(loading: boolean) {
    const { adapter, contact } = await world();
    let waiting = true;
    let held: Promise<void> | undefined;
    const get = adapter.contacts.get.bind(adapter.contacts);
    adapter.contacts.get = async (id, options) => {
      const hold = held;
      const hers = waiting && adapter.session.currentUser().id === SANNE.id;
      held = undefined;
      const record = await get(id, options);
      await hold;
      return hers ? { ...record, jobTitle: 'Drukker' } : record;
    };
    const card = await mountCard(adapter, contact.id, { detailTabs: 'personal function' });
    await waitUntil(() => field(card, 'jobTitle')?.value === 'Drukker', 'her waiting change, for her');
    adapter.session.setUser(KIM);
    card.requestUpdate();
    await card.updateComplete;
    await card.loaded;
    await waitUntil(() => field(card, 'jobTitle')?.value === 'Directeur', 'the stored value for Kim');

    const heard = listen(card);
    // What the card does after a load by itself (its live region, the parts that load later) is over.
    await new Promise((resolve) => setTimeout(resolve, 300));
    adapter.session.setUser(SANNE);
    let release = () => {};
    if (loading) {
      held = new Promise((resolve) => (release = resolve));
      card.requestUpdate();
      await card.updateComplete;
    }
    waiting = false;
    await adapter.contacts.update(contact.id, contact.version, { jobTitle: 'Drukker' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await waitUntil(() => field(card, 'jobTitle')?.value === 'Drukker', 'her change, now stored');
    // The live region fills 50 ms after a message is said: give it five times that.
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(heard, 'her own change is not news from elsewhere').not.to.include('Updated with a change made elsewhere.');
    expect(card.dirty).to.equal(false);
  }

  it('does not tell a returning user that her own change, sent as she signs in, was made elsewhere', () => returningUser(false));
  it('nor when the card had begun loading for her and the change came before that load answered', () => returningUser(true));

  it('never asks the next user about the first user’s save that met a colleague’s change: her edits wait for her', async () => {
    const { adapter, databaseName, contact } = await world();
    const { provider, card } = await mountCardFor(adapter, SANNE, contact.id);
    await typeInto(card, field(card, 'jobTitle'), 'Eigenaar');
    const release = holdSaves(adapter);
    const saved = card.save();
    await switchUser(provider, card, KIM);
    // A colleague changes the same field meanwhile: Sanne's save meets a newer version.
    const colleague = freshIndexedDbAdapter({ databaseName });
    await colleague.contacts.update(contact.id, contact.version, { jobTitle: 'Partner' });
    release();
    expect(await saved, 'not saved').to.equal(false);
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector<HTMLDialogElement>('dialog.conflict')?.open ?? false, 'Kim is not asked to choose for Sanne').to.equal(false);
    await waitUntil(() => field(card, 'jobTitle')?.value === 'Partner', 'Kim sees the stored record');
    expect(card.dirty, 'Kim has no unsaved edits').to.equal(false);
    expect(shown(card), 'no failed save shown to Kim').not.to.match(/Saving failed|not saved/);
    expect((await adapter.contacts.get(contact.id)).jobTitle, 'nothing of Sanne’s saved as Kim').to.equal('Partner');

    await switchUser(provider, card, SANNE);
    await waitUntil(() => field(card, 'jobTitle')?.value === 'Eigenaar', 'Sanne’s edit back');
    expect(card.dirty).to.equal(true);
  });
});

describe("<lift-contact-card>'s projects when the user or the backend changes", () => {
  /** The card's Projects tab, with the archived lead shown as the user who ticked the choice sees it. */
  async function archivedShown(card: LiftContactCard) {
    card.tab = 'projects';
    const panel = () => card.shadowRoot!.querySelector('[part~="panel"]');
    const shown = () => panel()?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    await waitUntil(() => panel()?.querySelector('.toggle input'), 'the choice to show archived work');
    panel()!.querySelector<HTMLInputElement>('.toggle input')!.click();
    await waitUntil(() => shown().includes('Gearchiveerde lead'), 'the archived lead, shown');
    return { panel, shown };
  }

  it("never shows the next user the first user's projects, nor her archived ones he may not see, while his are read", async () => {
    const adapter = presentOnly();
    const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
    await adapter.work!.create({ kind: 'project', contactId: contact.id, title: 'Actief project' });
    const old = await adapter.work!.create({ kind: 'lead', contactId: contact.id, title: 'Gearchiveerde lead' });
    await adapter.importRecords({ work: [{ ...old, archived: true }] as unknown as StoredRecord[] });
    const faults = withFaults(adapter);
    const admin: User = { id: 'u-admin', name: 'Admin', role: 'admin' };
    const { provider, card } = await mountCardFor(faults.adapter, admin, contact.id);
    const { panel, shown } = await archivedShown(card);

    // The next user's read of the projects has not answered yet.
    faults.hang('work.listForContact');
    await handOver(provider, card, PRESENT);
    await card.loaded;
    await card.updateComplete;
    expect(shown(), 'while his projects are read').to.equal('Loading projects…');
    expect(panel()!.querySelector('.toggle input'), 'no choice he has no right to').to.equal(null);
  });

  it("never shows another backend's projects as this one's while this one's are read", async () => {
    const first = freshIndexedDbAdapter();
    const { contact, relation } = await oneContact(first, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
    await first.work!.create({ kind: 'project', contactId: contact.id, title: 'Project op de eerste server' });
    // The same contact on a second backend, without that project.
    const second = freshIndexedDbAdapter();
    await second.importRecords({ relations: [relation], contacts: [contact] } as unknown as Record<string, StoredRecord[]>);
    const card = await mountCard(first, contact.id, { tab: 'projects' });
    const panel = () => card.shadowRoot!.querySelector('[part~="panel"]');
    const shown = () => panel()?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    await waitUntil(() => shown().includes('Project op de eerste server'), "the first backend's project");

    const faults = withFaults(second);
    faults.hang('work.listForContact');
    card.adapter = faults.adapter;
    await card.loaded;
    await card.updateComplete;
    expect(shown(), "while the second backend's projects are read").to.equal('Loading projects…');
  });

  it('starts the next user who may see archived work with it hidden, as the first user found it', async () => {
    const { adapter, contact } = await world();
    const old = await adapter.work!.create({ kind: 'lead', contactId: contact.id, title: 'Gearchiveerde lead' });
    await adapter.importRecords({ work: [{ ...old, archived: true }] as unknown as StoredRecord[] });
    await adapter.work!.create({ kind: 'project', contactId: contact.id, title: 'Actief project' });
    const { provider, card } = await mountCardFor(adapter, SANNE, contact.id);
    const { panel, shown } = await archivedShown(card);

    await switchUser(provider, card, KIM);
    await waitUntil(() => shown().includes('Actief project'), "Kim's projects");
    expect(shown(), 'the archived lead, hidden until Kim asks').not.to.include('Gearchiveerde lead');
    expect(panel()!.querySelector<HTMLInputElement>('.toggle input')!.checked, 'his own choice, not hers').to.equal(false);
  });
});
