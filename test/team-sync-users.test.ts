import { expect, fixture, html } from '@open-wc/testing';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import type { HttpAdapter } from '../src/data/adapters/http-adapter.js';
import type { Contact, User } from '../src/data/contract/model.js';
import type { SyncAdapter } from '../src/data/sync/sync-adapter.js';
import type { LiftDataProvider } from '../src/data-provider/data-provider.js';
import '../src/lift-checklist.js';
import '../src/lift-contact-timeline.js';
import '../src/lift-data-provider.js';
import { counting, everyPartRead, handOver, mountCardFor, settled, switchUser } from './harness.js';
import { waitUntil } from './helpers.js';
import { closeDevices, device } from './sync-device.js';
import { startTeamServerFirst, teamSpace, TEAM_USERS, type TeamSpace } from './team.js';
import { oneContact } from './worlds.js';

// The overview, the checklist and the card's glance on the adapter that keeps working offline,
// when users take turns on one laptop: each has a copy of their own on it, and what one of them
// wrote offline (a note, a tick) waits in theirs.

startTeamServerFirst();

const [ANNA, ERIK] = TEAM_USERS as [User, User];

/** The overview of `contactId` for `user`, as a host that signs users in through the provider shows it. */
async function overviewFor(adapter: LiftAdapter, user: User, contactId: string) {
  const provider = await fixture<LiftDataProvider>(html`<lift-data-provider .adapter=${adapter} .user=${user}>
    <lift-contact-timeline lang="en" contact-id=${contactId}></lift-contact-timeline>
  </lift-data-provider>`);
  const timeline = provider.querySelector<LiftContactTimeline>('lift-contact-timeline')!;
  await timeline.loaded;
  await timeline.updateComplete;
  return { provider, timeline };
}

/** The overview of `contactId` on `adapter` as its own, for whoever is signed in on it. */
async function overviewOn(adapter: LiftAdapter, contactId: string) {
  const timeline = await fixture<LiftContactTimeline>(html`<lift-contact-timeline lang="en" contact-id=${contactId} .adapter=${adapter}></lift-contact-timeline>`);
  await timeline.loaded;
  return timeline;
}

/** The checklist of `contactId` for `user`, signed in through the provider. */
async function checklistFor(adapter: LiftAdapter, user: User, contactId: string) {
  const provider = await fixture<LiftDataProvider>(html`<lift-data-provider .adapter=${adapter} .user=${user}>
    <lift-checklist lang="en" contact-id=${contactId} card-type="contact"></lift-checklist>
  </lift-data-provider>`);
  const checklist = provider.querySelector<LiftChecklist>('lift-checklist')!;
  await checklist.loaded;
  await checklist.updateComplete;
  return { provider, checklist };
}

const box = (checklist: LiftChecklist) => checklist.shadowRoot!.querySelector<HTMLInputElement>('[part~="item"] input[type="checkbox"]');
const ticked = (checklist: LiftChecklist) => Boolean(box(checklist)?.checked);

const glance = (card: LiftContactCard) => card.shadowRoot!.querySelector('[part~="glance"]')?.textContent?.replace(/\s+/g, ' ') ?? '';

/** Holds `user`'s calls of `api[method]` until the returned function is called, as a slow copy on the device would. */
function holdReadsOf<K extends string>(adapter: LiftAdapter, user: User, api: Record<K, (...args: never[]) => Promise<unknown>>, method: K): () => void {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const read = api[method].bind(api);
  api[method] = async (...args: never[]) => {
    if (adapter.session.currentUser().id === user.id) await gate;
    return read(...args);
  };
  return release;
}

const subjects = (timeline: LiftContactTimeline) =>
  [...timeline.shadowRoot!.querySelectorAll('article .subject')].map((subject) => subject.textContent!.trim());

describe('the overview, the checklist and the glance offline on the team server when users take turns on the device', () => {
  let space: TeamSpace;
  let contact: Contact;

  beforeEach(async () => {
    space = await teamSpace();
    let colleague: HttpAdapter;
    ({ adapter: colleague, contact } = await oneContact(await space.connect(ANNA), 'Drukkerij Van Dam', { firstName: 'Eva', lastName: 'Dam' }));
    await colleague.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Gebeld over de proef', body: '' });
  });
  afterEach(async () => {
    closeDevices();
    await space.drop();
  });

  /** A colleague defines the one checklist item of the contacts. */
  async function defineConsent() {
    const colleague = await space.connect(ANNA);
    await colleague.checklists!.saveDefinition({ cardType: 'contact', text: 'AVG-toestemming', category: 'Privacy', order: 1, mode: 'editable', modeByStatus: {} });
  }

  /** The laptop Erik signs in on, where Anna earlier read what `show` shows (her copy holds it); `show` gives the element to take away. */
  async function laptopAnnaUsed(show: (earlier: SyncAdapter) => Promise<Element>) {
    const laptop = device(space, ERIK);
    const earlier = await laptop.open();
    (await show(earlier)).remove();
    earlier.close();
    return laptop;
  }

  it("shows the next user her own copy, not the note the previous user wrote offline, and his again once he is back", async () => {
    const laptop = await laptopAnnaUsed(async (earlier) => {
      const hers = await overviewFor(earlier, ANNA, contact.id);
      expect(subjects(hers.timeline)).to.deep.equal(['Gebeld over de proef']);
      return hers.provider;
    });

    const adapter = await laptop.open();
    const { provider, timeline } = await overviewFor(adapter, ERIK, contact.id);
    laptop.net.offline = true;
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Proef goedgekeurd', body: '' });
    await waitUntil(() => subjects(timeline).includes('Proef goedgekeurd'), "Erik's note, kept on the laptop");

    // Still offline, Erik signs out and Anna signs in: his note waits for him, in his copy, and
    // none of his list shows while hers is read.
    const release = holdReadsOf(adapter, ANNA, adapter.timeline, 'query');
    await handOver(provider, timeline, ANNA);
    expect(subjects(timeline), "nothing of Erik's while Anna's is read").to.deep.equal([]);
    release();
    await waitUntil(() => subjects(timeline).length > 0, "Anna's overview");
    expect(subjects(timeline)).to.deep.equal(['Gebeld over de proef']);

    await switchUser(provider, timeline, ERIK);
    await waitUntil(() => subjects(timeline).length === 2, "Erik's overview");
    expect(subjects(timeline)).to.deep.equal(['Proef goedgekeurd', 'Gebeld over de proef']);
  });

  it('follows a user signed in on the adapter itself, without a provider', async () => {
    const laptop = await laptopAnnaUsed((earlier) => {
      earlier.session.setUser(ANNA);
      return overviewOn(earlier, contact.id);
    });
    const adapter = await laptop.open();
    const timeline = await overviewOn(adapter, contact.id);
    laptop.net.offline = true;
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Proef goedgekeurd', body: '' });
    await waitUntil(() => subjects(timeline).length === 2, "Erik's note, kept on the laptop");

    adapter.session.setUser(ANNA);
    await waitUntil(() => subjects(timeline).length === 1, "Anna's overview");
    expect(subjects(timeline)).to.deep.equal(['Gebeld over de proef']);
    adapter.session.setUser(ERIK);
    await waitUntil(() => subjects(timeline).length === 2, "Erik's overview again");
  });

  it('shows the next user her own ticks, not those the previous user made offline, also while hers are read', async () => {
    await defineConsent();
    const laptop = await laptopAnnaUsed(async (earlier) => {
      const hers = await checklistFor(earlier, ANNA, contact.id);
      expect(ticked(hers.checklist)).to.equal(false);
      return hers.provider;
    });

    const adapter = await laptop.open();
    const { provider, checklist } = await checklistFor(adapter, ERIK, contact.id);
    laptop.net.offline = true;
    box(checklist)!.click();
    await waitUntil(() => adapter.sync.state().waiting === 1, "Erik's tick, kept on the laptop");
    expect(ticked(checklist)).to.equal(true);

    // Anna's ticks are slow to come: until they are here, Erik's are not what she sees.
    const release = holdReadsOf(adapter, ANNA, adapter.checklists!, 'states');
    await handOver(provider, checklist, ANNA);
    expect(box(checklist), "no tick while Anna's are read").to.equal(null);
    release();
    await waitUntil(() => box(checklist), "Anna's checklist");
    expect(ticked(checklist)).to.equal(false);

    await switchUser(provider, checklist, ERIK);
    await waitUntil(() => ticked(checklist), "Erik's tick again");
  });

  it("shows the next user the last contact in her copy beside the card, never the previous user's made offline", async () => {
    const laptop = await laptopAnnaUsed(async (earlier) => {
      const hers = await mountCardFor(earlier, ANNA, contact.id);
      await waitUntil(() => glance(hers.card).includes('Gebeld over de proef'), "the last contact in Anna's copy");
      return hers.provider;
    });

    const adapter = await laptop.open();
    const { provider, card } = await mountCardFor(adapter, ERIK, contact.id);
    await waitUntil(() => glance(card).includes('Gebeld over de proef'), 'the last contact');
    laptop.net.offline = true;
    // Made a moment ago, after the colleague's call (the server dates that one when it took it): the newer, as the device places it.
    await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Proef goedgekeurd', body: '', occurredAt: new Date(Date.now() - 1).toISOString() });
    await waitUntil(() => glance(card).includes('Proef goedgekeurd'), "Erik's call, kept on the laptop");

    const release = holdReadsOf(adapter, ANNA, adapter.timeline, 'query');
    await handOver(provider, card, ANNA);
    expect(glance(card), "nothing of Erik's while Anna's is read").not.to.include('Proef goedgekeurd');
    release();
    await waitUntil(() => glance(card).includes('Gebeld over de proef'), "Anna's last contact");
    expect(glance(card)).not.to.include('Proef goedgekeurd');
  });

  it("shows the next user her own ticks in the card's checklist detail, never the previous user's while hers are read", async () => {
    await defineConsent();
    const detail = (card: LiftContactCard) => card.shadowRoot!.querySelector('ul.checklist')?.textContent?.replace(/\s+/g, ' ') ?? '';
    const openDetail = async (adapter: LiftAdapter, user: User) => {
      const shown = await mountCardFor(adapter, user, contact.id, 'personal checklist-item');
      shown.card.shadowRoot!.querySelector<HTMLButtonElement>('#detail-tab-checklist-item')!.click();
      await waitUntil(() => detail(shown.card).includes('AVG-toestemming'), 'the checklist detail');
      return shown;
    };
    const laptop = await laptopAnnaUsed(async (earlier) => (await openDetail(earlier, ANNA)).provider);

    const adapter = await laptop.open();
    const { provider, card } = await openDetail(adapter, ERIK);
    laptop.net.offline = true;
    const [item] = await adapter.checklists!.definitions('contact');
    await adapter.checklists!.setState(contact.id, item!.id, 0, { done: true, note: 'Getekend ontvangen' });
    await waitUntil(() => detail(card).includes('Getekend ontvangen'), "Erik's tick, kept on the laptop");

    const release = holdReadsOf(adapter, ANNA, adapter.checklists!, 'states');
    await handOver(provider, card, ANNA);
    expect(detail(card), "nothing of Erik's while Anna's ticks are read").not.to.include('Getekend ontvangen');
    release();
    await waitUntil(() => detail(card).includes('AVG-toestemming'), "Anna's checklist detail");
    expect(detail(card)).not.to.include('Getekend ontvangen');
  });

  for (const signIn of ['provider', 'adapter'] as const) {
    it(`reads for the next user what an open for her reads, and nothing twice (signed in through the ${signIn})`, async () => {
      await defineConsent();
      const laptop = device(space, ERIK);
      const { adapter, calls } = counting(await laptop.open());
      // The card, the overview and the checklist of one contact side by side, as a host's CRM page shows them.
      const open = async (user: User) => {
        if (signIn === 'adapter') adapter.session.setUser(user);
        const page = await fixture<HTMLElement>(
          signIn === 'provider'
            ? html`<lift-data-provider .adapter=${adapter} .user=${user}>${three(contact.id)}</lift-data-provider>`
            : html`<div>${three(contact.id, adapter)}</div>`,
        );
        await shown(page);
        return page;
      };
      // Both copies on the laptop hold what the three show; offline from then on, only the elements read.
      (await open(ANNA)).remove();
      (await open(ERIK)).remove();
      laptop.net.offline = true;
      calls.clear();
      (await open(ANNA)).remove();
      const opening = [...calls].sort();
      expect(opening.length, 'an open reads').to.be.greaterThan(5);

      const page = await open(ERIK);
      calls.clear();
      if (signIn === 'provider') (page as LiftDataProvider).user = ANNA;
      else adapter.session.setUser(ANNA);
      await shown(page);
      expect([...calls].sort(), 'what the switch read').to.deep.equal(opening);
    });
  }
});

/** A card (with its checklist detail open), an overview and a checklist of `contactId`, on `adapter` or the provider's. */
function three(contactId: string, adapter?: LiftAdapter) {
  return html`<lift-contact-card lang="en" contact-id=${contactId} detail-tabs="personal checklist-item" .adapter=${adapter}></lift-contact-card>
    <lift-contact-timeline lang="en" contact-id=${contactId} .adapter=${adapter}></lift-contact-timeline>
    <lift-checklist lang="en" contact-id=${contactId} card-type="contact" .adapter=${adapter}></lift-checklist>`;
}

/** Waits until the three in `page` show what they read for the user signed in now: the card with its overview, checklist detail and summary, the overview's rows, the ticks. */
async function shown(page: HTMLElement): Promise<void> {
  const timeline = page.querySelector<LiftContactTimeline>('lift-contact-timeline')!;
  const checklist = page.querySelector<LiftChecklist>('lift-checklist')!;
  await Promise.all([everyPartRead(page.querySelector<LiftContactCard>('lift-contact-card')!, 'overview'), settled(timeline), settled(checklist)]);
  await waitUntil(() => subjects(timeline).length && box(checklist), 'the overview and the ticks');
}
