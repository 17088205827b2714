import { expect } from '@open-wc/testing';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import type { HttpAdapter } from '../src/data/adapters/http-adapter.js';
import type { IndexedDbAdapter } from '../src/data/adapters/indexeddb-adapter.js';
import type { Contact, User } from '../src/data/contract/model.js';
import '../src/lift-contact-card.js';
import { LiftTimelineSelectEvent } from '../src/events.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { withFaults } from './faults.js';
import { handOver, listen, mountCard, mountCardFor, switchUser } from './harness.js';
import { waitUntil } from './helpers.js';
import { closeDevices, device } from './sync-device.js';
import { startTeamServerFirst, teamSpace, TEAM_USERS, type TeamSpace } from './team.js';
import { oneContact } from './worlds.js';

// The author's corrections and deletions of an entry on the card: a note written offline and
// sent since is corrected under the server's id; a correction lands for the user who wrote it
// when another took over the card meanwhile; and the answer leaves focus where the user put it.

startTeamServerFirst();

const [ANNA, ERIK] = TEAM_USERS as [User, User];
const SANNE: User = { id: 'u-sanne', name: 'Sanne de Boer', role: 'admin' };
const KIM: User = { id: 'u-kim', name: 'Kim Jansen', role: 'admin' };

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const detail = (card: LiftContactCard) => card.shadowRoot!.querySelector<HTMLElement>('[part~="detail-panel"]')!;
const button = (scope: ParentNode, label: string) => [...scope.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label);
const subjectField = (card: LiftContactCard) => detail(card).querySelector<HTMLInputElement>('form.entry-edit [name="subject"]');
const bodyField = (card: LiftContactCard) => detail(card).querySelector<HTMLTextAreaElement>('form.entry-edit [name="body"]');
const focused = (card: LiftContactCard) => card.shadowRoot!.activeElement;

/** Picks the entry with `subject` in the card's overview and waits for it in the item detail. */
async function pick(card: LiftContactCard, subject: string) {
  await customElements.whenDefined('lift-contact-timeline');
  await waitUntil(() => card.shadowRoot!.querySelector<LiftContactTimeline>('lift-contact-timeline')?.shadowRoot, 'the overview');
  const timeline = card.shadowRoot!.querySelector<LiftContactTimeline>('lift-contact-timeline')!;
  await timeline.loaded;
  const article = () => [...timeline.shadowRoot!.querySelectorAll<HTMLElement>('article')].find((a) => a.textContent!.includes(subject));
  await waitUntil(article, `${subject} in the overview`);
  article()!.click();
  await waitUntil(() => text(detail(card)?.querySelector('h3')) === subject && detail(card).querySelector('.entry-actions, form.entry-edit'), `${subject} in the detail`);
  await card.updateComplete;
}

/** Presses the bar's Refresh, as a user does, and waits until the card says `said`. */
async function refresh(card: LiftContactCard, said = 'Card refreshed.') {
  const heard = listen(card);
  card.shadowRoot!.querySelector('lift-button-bar')!.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="refresh"]')!.click();
  await waitUntil(() => heard.includes(said), `the card to say "${said}"`);
  await card.updateComplete;
}

/** Edit, and `subject` typed in the form (an input event, as typing gives). */
async function edit(card: LiftContactCard, subject: string) {
  button(detail(card), 'Edit')!.click();
  await card.updateComplete;
  const field = subjectField(card)!;
  field.value = subject;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('correcting a note written offline once it has been sent', () => {
  let space: TeamSpace;
  let colleague: HttpAdapter;
  let contact: Contact;

  beforeEach(async () => {
    space = await teamSpace();
    ({ adapter: colleague, contact } = await oneContact(await space.connect(ANNA), 'Drukkerij Van Dam', { firstName: 'Eva', lastName: 'Dam' }));
  });
  afterEach(async () => {
    closeDevices();
    localStorage.clear();
    await space.drop();
  });

  it('shows the correction saved, says so, and a next correction starts from it instead of sending the old subject back', async () => {
    const laptop = device(space, ERIK);
    const adapter = await laptop.open();
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Vooraf', body: 'Tekst' });
    const card = await mountCard(adapter, contact.id, { detailTabs: 'personal item', tab: 'overview', selection: '' });
    await pick(card, 'Vooraf');

    laptop.net.offline = true;
    const note = await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eerste versie', body: 'Tekst' });
    expect(note.id, 'written on the device, under its id').to.match(/^device-/);
    await pick(card, 'Eerste versie');
    laptop.net.offline = false;
    await adapter.sync.retry();
    await waitUntil(async () => (await colleague.timeline.all(contact.id)).some((e) => e.subject === 'Eerste versie'), 'the note on the server', { timeout: 5000 });
    const sent = (await colleague.timeline.all(contact.id)).find((e) => e.subject === 'Eerste versie')!;
    const onServer = async () => (await colleague.timeline.all(contact.id)).find((e) => e.id === sent.id)!;

    await edit(card, 'Tweede versie');
    detail(card).querySelector<HTMLFormElement>('form.entry-edit')!.requestSubmit();
    await waitUntil(async () => (await onServer()).subject === 'Tweede versie', 'the correction on the server');
    await waitUntil(() => !detail(card).querySelector('form.entry-edit'), 'the form closes');
    await waitUntil(() => text(detail(card).querySelector('h3')) === 'Tweede versie', `the corrected subject in the detail (it shows "${text(detail(card).querySelector('h3'))}")`);
    expect(text(detail(card))).to.include('Change saved.');

    button(detail(card), 'Edit')!.click();
    await card.updateComplete;
    expect(subjectField(card)!.value, 'the next correction starts from the saved one').to.equal('Tweede versie');
    bodyField(card)!.value = 'Andere tekst';
    detail(card).querySelector<HTMLFormElement>('form.entry-edit')!.requestSubmit();
    await waitUntil(async () => (await onServer()).body === 'Andere tekst', 'the second correction on the server');
    expect((await onServer()).subject, 'the first correction stays').to.equal('Tweede versie');
    await waitUntil(() => text(detail(card).querySelector('.body')) === 'Andere tekst', 'the second correction in the detail');
    expect(text(detail(card).querySelector('h3'))).to.equal('Tweede versie');
  });

  it('keeps showing a note written offline in the item detail through a refresh once it has been sent, not as deleted', async () => {
    const laptop = device(space, ERIK);
    const adapter = await laptop.open();
    const card = await mountCard(adapter, contact.id, { detailTabs: 'personal item', tab: 'overview', selection: '' });
    // The overview read once online (the device keeps it), before the network goes.
    await customElements.whenDefined('lift-contact-timeline');
    await waitUntil(() => card.shadowRoot!.querySelector<LiftContactTimeline>('lift-contact-timeline')?.shadowRoot, 'the overview');
    await card.shadowRoot!.querySelector<LiftContactTimeline>('lift-contact-timeline')!.loaded;
    laptop.net.offline = true;
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Offline geschreven', body: 'Tekst' });
    await pick(card, 'Offline geschreven');
    laptop.net.offline = false;
    await adapter.sync.retry();
    await waitUntil(async () => (await colleague.timeline.all(contact.id)).some((e) => e.subject === 'Offline geschreven'), 'the note on the server', { timeout: 5000 });

    await refresh(card);
    expect(text(detail(card).querySelector('h3'))).to.equal('Offline geschreven');
    expect(text(detail(card))).not.to.include('This entry was deleted.');
    expect(button(detail(card), 'Edit'), 'it can still be corrected').to.not.equal(undefined);
  });

  it('does not take an older copy the device kept as news on a Refresh while the server cannot be reached, nor let Save write it back', async () => {
    const laptop = device(space, ERIK);
    const adapter = await laptop.open();
    const phone = await space.connect(ERIK);
    const note = await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eerste versie', body: 'Tekst', occurredAt: new Date(Date.now() - 60_000).toISOString() });
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Andere notitie', body: 'Iets anders' });
    const card = await mountCard(adapter, contact.id, { detailTabs: 'personal item', tab: 'overview', selection: '' });
    await pick(card, 'Eerste versie');
    // Read again once online: the device keeps that answer.
    await refresh(card);
    await pick(card, 'Andere notitie');
    // She corrects its text on her phone; the card follows it.
    await phone.timeline.update(note.id, { body: 'Tekst van elders' });
    await pick(card, 'Eerste versie');
    await waitUntil(() => text(detail(card).querySelector('p.body')) === 'Tekst van elders', 'the correction from the phone in the detail');
    await edit(card, 'Hier verbeterd');

    laptop.net.offline = true;
    await refresh(card, 'The server cannot be reached: the card shows what this device kept.');
    expect({ shown: text(detail(card).querySelector('p.body')), body: bodyField(card)?.value, warned: text(detail(card)).includes('Changed elsewhere') }).to.deep.equal({
      shown: 'Tekst van elders',
      body: 'Tekst van elders',
      warned: false,
    });
    laptop.net.offline = false;
    await adapter.sync.retry();
    detail(card).querySelector<HTMLFormElement>('form.entry-edit')!.requestSubmit();
    await waitUntil(() => text(detail(card)).includes('Change saved.'), 'saved');
    const stored = (await phone.timeline.all(contact.id)).find((e) => e.id === note.id)!;
    expect([stored.subject, stored.body]).to.deep.equal(['Hier verbeterd', 'Tekst van elders']);
  });

  it('does not say an entry deleted on a Refresh while the server cannot be reached because what the device kept of its instant lacks it, and keeps the correction typed', async () => {
    const laptop = device(space, ERIK);
    const adapter = await laptop.open();
    // Two entries of one minute, as the form's minute-precise time gives them.
    const at = new Date(Math.floor((Date.now() - 3_600_000) / 60_000) * 60_000).toISOString();
    await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Gebeld', body: 'Offerte', occurredAt: at });
    const card = await mountCard(adapter, contact.id, { detailTabs: 'personal item', tab: 'overview', selection: '' });
    await pick(card, 'Gebeld');
    // Read again once online, while only the call was at that instant: the device keeps that answer.
    await refresh(card);
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Teruggebeld', body: 'Tekst', occurredAt: at });
    await pick(card, 'Teruggebeld');
    await edit(card, 'Teruggebeld, verbeterd');

    laptop.net.offline = true;
    await refresh(card, 'The server cannot be reached: the card shows what this device kept.');
    expect({ deleted: text(detail(card)).includes('This entry was deleted.'), subject: subjectField(card)?.value }).to.deep.equal({
      deleted: false,
      subject: 'Teruggebeld, verbeterd',
    });
  });
});

describe('entry corrections and deletions on an adapter in the browser', () => {
  let adapter: IndexedDbAdapter;
  let contact: Contact;

  beforeEach(async () => {
    adapter = freshIndexedDbAdapter();
    adapter.session.setUser(SANNE);
    ({ contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' }));
  });
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  /** Makes `group`'s `method` wait for the returned release before it writes. */
  function hold<M extends 'update' | 'remove'>(method: M): () => void {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const timeline = adapter.timeline as unknown as Record<M, (...args: unknown[]) => Promise<unknown>>;
    const original = timeline[method].bind(adapter.timeline);
    timeline[method] = (...args: unknown[]) => gate.then(() => original(...args));
    return release;
  }

  it('forgets a correction as saved for its author when another user took over the card before it landed', async () => {
    const note = await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eerste versie', body: 'Tekst' });
    // Written at once; only the answer waits.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let stored = false;
    const update = adapter.timeline.update.bind(adapter.timeline);
    adapter.timeline.update = async (id, changes) => {
      const saved = await update(id, changes);
      stored = true;
      await gate;
      return saved;
    };
    const { provider, card } = await mountCardFor(adapter, SANNE, contact.id, 'personal item');
    card.tab = 'overview';
    await pick(card, 'Eerste versie');
    await edit(card, 'Verbeterd');
    detail(card).querySelector<HTMLFormElement>('form.entry-edit')!.requestSubmit();
    await waitUntil(() => stored, 'the correction stored');

    await handOver(provider, card, KIM);
    release();
    // The answer is taken in (a task later every promise that waited on it has run).
    await new Promise((resolve) => setTimeout(resolve));
    await card.updateComplete;

    await switchUser(provider, card, SANNE);
    await pick(card, 'Verbeterd');
    expect(detail(card).querySelector('form.entry-edit'), 'no correction open for what she saved').to.equal(null);
    const left = Object.keys(localStorage).filter((key) => key.includes(SANNE.id) && key.includes(note.id));
    expect(left, 'nothing of the saved correction kept for her').to.deep.equal([]);
  });

  it('leaves focus where the user moved it while a correction was saved, and gives it to Edit when it fell with the form', async () => {
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eerste versie', body: 'Tekst' });
    const release = hold('update');
    const card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item' });
    await pick(card, 'Eerste versie');
    await edit(card, 'Tweede versie');
    detail(card).querySelector<HTMLFormElement>('form.entry-edit')!.requestSubmit();
    await card.updateComplete;
    // The user goes on to a main tab while it is saved.
    const projects = card.shadowRoot!.querySelector<HTMLElement>('#tab-projects')!;
    projects.focus();
    release();
    await waitUntil(() => text(detail(card)).includes('Change saved.'), 'saved');
    await card.updateComplete;
    expect(focused(card)?.id, `focus stays where the user put it (on ${focused(card)?.outerHTML.slice(0, 60)})`).to.equal('tab-projects');

    // Focus in the form, which goes when the correction lands: it goes to Edit.
    await edit(card, 'Derde versie');
    subjectField(card)!.focus();
    detail(card).querySelector<HTMLFormElement>('form.entry-edit')!.requestSubmit();
    await waitUntil(() => text(detail(card).querySelector('h3')) === 'Derde versie', 'the second correction');
    await waitUntil(() => focused(card) === button(detail(card), 'Edit'), 'focus on Edit');
  });

  it('leaves focus where the user moved it while an entry was deleted, and gives it to the detail tab when it fell with the buttons', async () => {
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eerste notitie', body: 'Tekst' });
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Tweede notitie', body: 'Tekst' });
    const remove = adapter.timeline.remove.bind(adapter.timeline);
    const release = hold('remove');
    const card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item' });
    await pick(card, 'Eerste notitie');
    const ask = () => card.shadowRoot!.querySelector('dialog.ask')!;
    button(detail(card), 'Delete')!.click();
    await waitUntil(() => card.shadowRoot!.querySelector('dialog.ask[open]'), 'the question');
    button(ask(), 'Delete')!.click();
    await waitUntil(() => !card.shadowRoot!.querySelector('dialog.ask[open]') && button(detail(card), 'Delete')?.disabled, 'the deletion under way');
    card.shadowRoot!.querySelector<HTMLElement>('#tab-projects')!.focus();
    release();
    await waitUntil(() => text(detail(card)).includes('This entry was deleted.'), 'deleted');
    await card.updateComplete;
    expect(focused(card)?.id, `focus stays where the user put it (on ${focused(card)?.outerHTML.slice(0, 60)})`).to.equal('tab-projects');

    // Focus left on the entry's buttons, which go with it: it goes to the detail's tab.
    adapter.timeline.remove = remove;
    await pick(card, 'Tweede notitie');
    button(detail(card), 'Delete')!.focus();
    button(detail(card), 'Delete')!.click();
    await waitUntil(() => card.shadowRoot!.querySelector('dialog.ask[open]'), 'the question');
    button(ask(), 'Delete')!.click();
    await waitUntil(() => text(detail(card)).includes('This entry was deleted.'), 'deleted');
    await waitUntil(() => focused(card)?.id === 'detail-tab-item', `focus on the detail tab (on ${focused(card)?.outerHTML.slice(0, 60)})`);
  });

  it("keeps an entry's correction waiting, and what is typed in it, when another entry's correction is answered first", async () => {
    const a = await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Notitie A', body: 'Tekst' });
    const b = await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Notitie B', body: 'Tekst' });
    // Each entry's correction waits for its own release before it is written.
    const releases: Record<string, () => void> = {};
    const gates: Record<string, Promise<void>> = {};
    for (const id of [a.id, b.id]) gates[id] = new Promise<void>((resolve) => (releases[id] = resolve));
    const update = adapter.timeline.update.bind(adapter.timeline);
    adapter.timeline.update = (id, changes) => gates[id]!.then(() => update(id, changes));
    const card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item' });
    await pick(card, 'Notitie A');
    await edit(card, 'A verbeterd');
    detail(card).querySelector<HTMLFormElement>('form.entry-edit')!.requestSubmit();
    await card.updateComplete;
    await pick(card, 'Notitie B');
    await edit(card, 'B verbeterd');
    detail(card).querySelector<HTMLFormElement>('form.entry-edit')!.requestSubmit();
    await card.updateComplete;
    expect(button(detail(card), 'Save')!.disabled, 'B waits').to.equal(true);

    releases[a.id]!();
    await waitUntil(async () => (await adapter.timeline.all(contact.id)).some((e) => e.subject === 'A verbeterd'), 'A landed');
    // A's answer is taken in (a task later every promise that waited on it has run).
    await new Promise((resolve) => setTimeout(resolve));
    await card.updateComplete;
    const form = () => ({ saveDisabled: button(detail(card), 'Save')?.disabled, cancelDisabled: button(detail(card), 'Cancel')?.disabled, readOnly: subjectField(card)?.readOnly });
    expect(form(), "B's correction still waits for its answer").to.deep.equal({ saveDisabled: true, cancelDisabled: true, readOnly: true });

    releases[b.id]!();
    await waitUntil(() => text(detail(card)).includes('Change saved.'), 'B saved');
    await card.updateComplete;
    expect(text(detail(card).querySelector('h3'))).to.equal('B verbeterd');
    const onServer = (await adapter.timeline.all(contact.id)).map((e) => e.subject).sort();
    expect(onServer).to.deep.equal(['A verbeterd', 'B verbeterd']);
  });

  it('takes a correction made elsewhere, while another entry was shown, into the untyped field of a correction left open, and says so when it was in a typed field', async () => {
    const a = await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eerste versie', body: 'Tekst', occurredAt: new Date(Date.now() - 60_000).toISOString() });
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Andere notitie', body: 'Iets anders' });
    const card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item' });
    await pick(card, 'Eerste versie');
    await edit(card, 'Hier verbeterd');
    // She looks at another entry; meanwhile a colleague corrects the text of the first one.
    await pick(card, 'Andere notitie');
    await adapter.timeline.update(a.id, { body: 'Tekst van elders' });
    await pick(card, 'Eerste versie');
    expect({ subject: subjectField(card)?.value, body: bodyField(card)?.value }, 'what she typed, and the text as it is now').to.deep.equal({
      subject: 'Hier verbeterd',
      body: 'Tekst van elders',
    });
    expect(text(detail(card)), 'nothing to warn of: she did not type in the text').not.to.include('Changed elsewhere');

    // Away again, the subject she typed in is corrected elsewhere too: what she typed stays, and the form says Save replaces that.
    await pick(card, 'Andere notitie');
    await adapter.timeline.update(a.id, { subject: 'Elders verbeterd' });
    await pick(card, 'Elders verbeterd');
    expect(subjectField(card)?.value).to.equal('Hier verbeterd');
    expect(text(detail(card))).to.include('Changed elsewhere meanwhile: Save replaces that change with the text here.');
    detail(card).querySelector<HTMLFormElement>('form.entry-edit')!.requestSubmit();
    await waitUntil(() => text(detail(card)).includes('Change saved.'), 'saved');
    const stored = (await adapter.timeline.all(contact.id)).find((e) => e.id === a.id)!;
    expect([stored.subject, stored.body], 'the text from elsewhere not written back over').to.deep.equal(['Hier verbeterd', 'Tekst van elders']);
  });

  it('takes a correction made elsewhere while the page was gone into the correction it opens again, in Dutch too', async () => {
    for (const lang of ['en', 'nl']) {
      const note = await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: `Eerste versie ${lang}`, body: 'Tekst' });
      let card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item', lang });
      await pick(card, `Eerste versie ${lang}`);
      button(detail(card), lang === 'en' ? 'Edit' : 'Bewerken')!.click();
      await card.updateComplete;
      bodyField(card)!.value = 'Hier aangevuld';
      bodyField(card)!.dispatchEvent(new Event('input', { bubbles: true }));
      // The page goes (the correction kept in the browser); a colleague corrects both fields meanwhile.
      card.remove();
      await adapter.timeline.update(note.id, { subject: `Elders ${lang}`, body: 'Tekst van elders' });
      card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item', lang });
      await pick(card, `Elders ${lang}`);
      expect({ subject: subjectField(card)?.value, body: bodyField(card)?.value }).to.deep.equal({ subject: `Elders ${lang}`, body: 'Hier aangevuld' });
      expect(text(detail(card))).to.include(
        lang === 'en' ? 'Changed elsewhere meanwhile: Save replaces that change with the text here.' : 'Intussen elders gewijzigd: Opslaan vervangt die wijziging door de tekst hier.',
      );
      card.remove();
    }
  });

  it('finds the entry on a Refresh among more entries of its instant than one page holds: not said deleted, and shown as corrected elsewhere', async () => {
    const at = new Date(Date.now() - 3_600_000).toISOString();
    for (let i = 0; i < 101; i++) await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: `Notitie ${i}`, body: 'Tekst', occurredAt: at });
    const first = await adapter.timeline.query(contact.id, { from: at, to: new Date(Date.parse(at) + 1).toISOString(), limit: 100 });
    const beyond = (await adapter.timeline.all(contact.id)).find((e) => !first.items.some((i) => i.id === e.id))!;
    // The feed muted (a dropped stream): only a Refresh brings news.
    const faults = withFaults(adapter);
    faults.muteFeed();
    const card = await mountCard(faults.adapter, contact.id, { tab: 'overview', detailTabs: 'personal item' });
    await customElements.whenDefined('lift-contact-timeline');
    await waitUntil(() => card.shadowRoot!.querySelector<LiftContactTimeline>('lift-contact-timeline')?.shadowRoot, 'the overview');
    const timeline = card.shadowRoot!.querySelector<LiftContactTimeline>('lift-contact-timeline')!;
    await timeline.loaded;
    timeline.dispatchEvent(new LiftTimelineSelectEvent(beyond));
    await waitUntil(() => text(detail(card).querySelector('h3')) === beyond.subject, 'the entry in the detail');

    await refresh(card);
    expect(text(detail(card))).not.to.include('This entry was deleted.');
    // Corrected elsewhere: the Refresh finds it on a later page.
    await adapter.timeline.update(beyond.id, { subject: 'Elders verbeterd' });
    await refresh(card);
    expect(text(detail(card).querySelector('h3'))).to.equal('Elders verbeterd');
  });

  it('keeps showing a correction made elsewhere after it when the answer to her save comes late', async () => {
    const a = await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eerste versie', body: 'Tekst' });
    const update = adapter.timeline.update.bind(adapter.timeline);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Written at once; only the answer waits.
    adapter.timeline.update = (id, changes) => update(id, changes).then(async (saved) => (await gate, saved));
    const card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item' });
    await pick(card, 'Eerste versie');
    await edit(card, 'Hier verbeterd');
    detail(card).querySelector<HTMLFormElement>('form.entry-edit')!.requestSubmit();
    await waitUntil(async () => (await adapter.timeline.all(contact.id))[0]!.subject === 'Hier verbeterd', 'her correction landed');
    // A colleague corrects the text right after; the feed brings it to the card before her answer.
    await update(a.id, { body: 'Tekst van elders' });
    await waitUntil(() => text(detail(card).querySelector('p.body')) === 'Tekst van elders', 'the detail follows the correction made elsewhere');

    release();
    await waitUntil(() => text(detail(card)).includes('Change saved.'), 'saved');
    await card.updateComplete;
    const shown = text(detail(card).querySelector('p.body'));
    const subject = text(detail(card).querySelector('h3'));
    button(detail(card), 'Edit')!.click();
    await card.updateComplete;
    expect({ shown, subject, startsFrom: bodyField(card)!.value }).to.deep.equal({
      shown: 'Tekst van elders',
      subject: 'Hier verbeterd',
      startsFrom: 'Tekst van elders',
    });
  });
});
