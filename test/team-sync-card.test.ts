import { expect, oneEvent } from '@open-wc/testing';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { HttpAdapter } from '../src/data/adapters/http-adapter.js';
import type { Contact, ContactDetails, User } from '../src/data/contract/model.js';
import type { LiftSyncStateEvent } from '../src/sync-events.js';
import '../src/lift-contact-card.js';
import { listen, mountCard } from './harness.js';
import { removeInAnotherTab, typeInto, upgradeInAnotherTab, waitUntil } from './helpers.js';
import { closeDevices, device, type Device } from './sync-device.js';
import { startTeamServerFirst, teamSpace, TEAM_USERS, type TeamSpace } from './team.js';
import { oneContact } from './worlds.js';

// The card on the adapter that keeps working offline, against the real team server: what the
// user sees while the network is gone, when it comes back, and when a colleague got there first.

startTeamServerFirst();

const [ANNA, ERIK] = TEAM_USERS as [User, User];

const root = (el: LiftContactCard) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: LiftContactCard, selector: string) => root(el).querySelector<T & Element>(selector) as T | null;
const field = (el: LiftContactCard, name: keyof ContactDetails) => $<HTMLInputElement>(el, `#field-${name}`)!;
/** A field once it shows: in one CI run in Firefox it was not rendered yet when the card had loaded. */
async function shownField(el: LiftContactCard, name: keyof ContactDetails): Promise<HTMLInputElement> {
  await waitUntil(() => field(el, name), `the ${name} field`);
  return field(el, name);
}
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const syncBanner = (el: LiftContactCard) => text($(el, '[part~="sync"]'));
const failedBanner = (el: LiftContactCard) => $(el, '.sync-failed');
const mount = (adapter: Parameters<typeof mountCard>[0], id: string, lang = 'en') => mountCard(adapter, id, { detailTabs: 'personal function', tab: 'overview', selection: '', lang });

describe('the card offline on the team server', () => {
  let space: TeamSpace;
  let colleague: HttpAdapter;
  let contact: Contact;

  beforeEach(async () => {
    space = await teamSpace();
    ({ adapter: colleague, contact } = await oneContact(await space.connect(ANNA), 'Drukkerij Van Dam', { firstName: 'Eva', lastName: 'Dam', jobTitle: 'Zetter' }));
  });
  afterEach(async () => {
    closeDevices();
    await space.drop();
  });

  it('keeps a save made offline on the device, says so (not "saved"), and sends it when the server answers', async () => {
    const laptop = device(space, ERIK);
    const adapter = await laptop.open();
    const states: LiftSyncStateEvent['detail'][] = [];
    const card = await mount(adapter, contact.id);
    card.addEventListener('lift-sync-state', (event) => states.push(event.detail));
    const heard = listen(card);
    let savedEvents = 0;
    card.addEventListener('lift-contact-saved', () => savedEvents++);
    expect($(card, '[part~="sync"]'), 'nothing to say while online').to.equal(null);

    laptop.net.offline = true;
    await typeInto(card, await shownField(card, 'jobTitle'), 'Drukker');
    expect(await card.save()).to.equal(true);
    await waitUntil(() => syncBanner(card).includes('1 change waits to be sent'), 'the banner counts the waiting change');
    expect(syncBanner(card)).to.include('No connection to the server');
    expect(text($(card, '[part~="save-state"]'))).to.match(/^Kept on this device at .+; sent once connected$/);
    expect(savedEvents, 'a save kept on the device is not reported saved').to.equal(0);
    expect(states.at(-1)).to.include({ connection: 'offline', waiting: 1 });
    expect(card.dirty).to.equal(false);
    await expect(card).to.be.accessible();

    // The adapter may be trying the server again just now (its probe, or a late answer), and
    // "Connect now" shows only while it is offline: wait for it before the network comes back.
    await waitUntil(() => $(card, '[part~="sync"] button'), 'the "Connect now" button');
    laptop.net.offline = false;
    $<HTMLButtonElement>(card, '[part~="sync"] button')?.click(); // Connect now
    await waitUntil(() => !$(card, '[part~="sync"]'), 'the banner goes once the change is sent');
    expect((await colleague.contacts.get(contact.id)).jobTitle).to.equal('Drukker');
    // Sent: the form no longer says it waits, and says when the user saved it.
    await waitUntil(() => /^Saved at /.test(text($(card, '[part~="save-state"]'))), 'the form says it is saved');
    await waitUntil(() => states.at(-1)?.connection === 'online', 'the host is told it is online again');
    expect(states.at(-1)).to.include({ waiting: 0 });
    // A screen reader hears that what waited has gone, not only the banner leaving.
    await waitUntil(() => heard.includes('Every change has been sent.'), 'the sending said');
  });

  it("does not tell the next user on the device that every change was sent while the previous user's change still waits", async () => {
    const laptop = device(space, ERIK);
    const adapter = await laptop.open();
    const card = await mount(adapter, contact.id);
    const heard = listen(card);
    laptop.net.offline = true;
    await typeInto(card, await shownField(card, 'jobTitle'), 'Drukker');
    expect(await card.save()).to.equal(true);
    await waitUntil(() => syncBanner(card).includes('1 change waits to be sent'), 'the banner counts the waiting change');
    // Erik signs out and Anna signs in on this laptop; then the network comes back. Erik's change
    // waits for him (it goes in no one else's name): for Anna nothing waits, and nothing was sent.
    const states: LiftSyncStateEvent['detail'][] = [];
    card.addEventListener('lift-sync-state', (event) => states.push(event.detail));
    adapter.session.setUser(ANNA);
    laptop.net.offline = false;
    await adapter.sync.retry();
    await waitUntil(() => states.some((state) => state.connection === 'online' && state.waiting === 0), 'online for Anna, nothing of hers waiting');
    // The card's live region fills 50 ms after a message is said: give it five times that.
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(heard, 'nothing of Anna\'s was sent').not.to.include('Every change has been sent.');
    expect((await colleague.contacts.get(contact.id)).jobTitle, "Erik's change still waits").to.equal('Zetter');
    // Erik back: his change goes. The card then holds the server's version of what it showed
    // as kept: the same details, which no colleague changed.
    adapter.session.setUser(ERIK);
    await waitUntil(async () => (await colleague.contacts.get(contact.id)).jobTitle === 'Drukker', "Erik's change sent once he is back", { timeout: 5000 });
    await waitUntil(() => adapter.sync.state().waiting === 0 && adapter.sync.state().connection === 'online', 'nothing waits');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(heard, 'his own change is not news from elsewhere').not.to.include('Updated with a change made elsewhere.');
    expect(field(card, 'jobTitle').value).to.equal('Drukker');
  });

  // Another tab upgrades it (a newer version of the app) or removes it (a host's sign-out that clears the device).
  for (const [what, elsewhere] of [['upgrades', (name: string) => upgradeInAnotherTab(name, 2)], ['removes', removeInAnotherTab]] as const) it(`says the page must be reloaded when another tab ${what} the copy on the device, and keeps what the user typed`, async () => {
    const laptop = device(space, ERIK);
    const card = await mount(await laptop.open(), contact.id);
    await elsewhere(laptop.copyName);
    const banners = () => [...root(card).querySelectorAll('[part~="banner"]')].map(text).join(' | ');
    await waitUntil(() => banners().includes('The database was upgraded or removed in another tab. Reload the page to carry on.'), 'the banner');
    laptop.net.offline = true;
    await typeInto(card, await shownField(card, 'jobTitle'), 'Drukker');
    expect(await card.save()).to.equal(false);
    expect(banners(), "the save's own reason").to.include('the database was upgraded or removed in another tab.');
    expect(field(card, 'jobTitle').value, 'the edit stays').to.equal('Drukker');
    expect(card.dirty).to.equal(true);
    await expect(card).to.be.accessible();
  });

  it('keeps a save on the device when the server never answers it, instead of saying "Saving…" for good', async () => {
    const laptop = device(space, ERIK, { timeoutMs: 300 });
    const adapter = await laptop.open();
    const card = await mount(adapter, contact.id);
    laptop.net.hangWrites = true;
    await typeInto(card, await shownField(card, 'jobTitle'), 'Drukker');
    const saved = card.save();
    await waitUntil(() => text($(card, '[part~="save-state"]')).startsWith('Kept on this device'), 'the save kept on the device', { timeout: 5000 });
    expect(await saved).to.equal(true);
    // The adapter keeps trying it (the banner says waiting or sending by turns): it waits in the
    // outbox. The adapter counts its outbox after the write is kept, a moment after the save
    // answered, so the count is waited for.
    await waitUntil(() => adapter.sync.state().waiting === 1, 'the save counted among the waiting');

    laptop.net.hangWrites = false;
    await adapter.sync.retry();
    // A send still hanging when the writes came back is given up after its 300 ms first, and the
    // outbox waits before it tries again: on a loaded machine that takes a while.
    await waitUntil(() => adapter.sync.state().waiting === 0, 'sent once the server answers', { timeout: 15_000 });
    expect((await colleague.contacts.get(contact.id)).jobTitle).to.equal('Drukker');
  });

  it('says the server no longer takes the sign-in (not that it cannot be reached), tells the host, and sends once it does again', async () => {
    const laptop = device(space, ERIK);
    const adapter = await laptop.open();
    const card = await mount(adapter, contact.id, 'nl');
    const states: LiftSyncStateEvent['detail'][] = [];
    card.addEventListener('lift-sync-state', (event) => states.push(event.detail));
    const token = space.tokens[ERIK.id]!;
    space.tokens[ERIK.id] = 'expired';
    try {
      await typeInto(card, await shownField(card, 'jobTitle'), 'Drukker');
      expect(await card.save()).to.equal(true);
      await waitUntil(() => syncBanner(card).includes('1 wijziging wacht'), 'the banner counts the waiting change');
      expect(syncBanner(card)).to.include('De server neemt je aanmelding niet meer aan').and.not.include('Geen verbinding');
      expect(states.at(-1)).to.include({ connection: 'offline', signInRefused: true, waiting: 1 });
      await expect(card).to.be.accessible();
      // "Connect now" while the sign-in is still refused: what to do is sign in again, not wait
      // for a network that is there.
      const heard = listen(card);
      await waitUntil(() => $(card, '[part~="sync"] button'), 'the "Connect now" button');
      $<HTMLButtonElement>(card, '[part~="sync"] button')!.click();
      await waitUntil(() => heard.length, 'the outcome said');
      expect(heard).to.deep.equal(['De server neemt je aanmelding nog altijd niet aan. Meld je opnieuw aan om te versturen wat wacht.']);
    } finally {
      space.tokens[ERIK.id] = token;
    }
    // The adapter tries again by itself now and then: on a busy machine that try may come first.
    await waitUntil(() => $(card, '[part~="sync"] button') || !$(card, '[part~="sync"]'), 'the "Connect now" button');
    $<HTMLButtonElement>(card, '[part~="sync"] button')?.click();
    await waitUntil(() => !$(card, '[part~="sync"]'), 'the banner goes once the change is sent');
    expect((await colleague.contacts.get(contact.id)).jobTitle).to.equal('Drukker');
    expect(states.at(-1)?.signInRefused).to.equal(undefined);
    // From the refusal straight to connected: never "no connection" on the way, which a host
    // (and the banner, for a moment) would take for the network gone.
    const refused = states.findIndex((state) => state.signInRefused);
    const back = states.findIndex((state, i) => i > refused && state.connection !== 'offline');
    expect(states.slice(refused, back).filter((state) => !state.signInRefused), 'offline without the refusal in between').to.deep.equal([]);
  });

  /** Erik's laptop saves a job title offline, a colleague saves another meanwhile, and back online the conflict dialog opens. */
  async function conflictBackOnline() {
    const laptop = device(space, ERIK);
    const adapter = await laptop.open();
    const card = await mount(adapter, contact.id);
    laptop.net.offline = true;
    await typeInto(card, await shownField(card, 'jobTitle'), 'Drukker');
    await card.save();
    await colleague.contacts.update(contact.id, contact.version, { jobTitle: 'Vormgever' });
    laptop.net.offline = false;
    await adapter.sync.retry();
    await waitUntil(() => $<HTMLDialogElement>(card, 'dialog.conflict')?.open, 'the conflict dialog opens');
    return { adapter, card };
  }

  it("opens the conflict dialog when a save kept on the device meets a colleague's change to the same field, and saves the user's choice", async () => {
    const { adapter, card } = await conflictBackOnline();
    const fieldsets = [...root(card).querySelectorAll('dialog.conflict fieldset')];
    expect(fieldsets.map((f) => f.getAttribute('data-field'))).to.deep.equal(['jobTitle']);
    expect(fieldsets[0]!.textContent).to.include('Zetter').and.include('Drukker').and.include('Vormgever');
    expect((await colleague.contacts.get(contact.id)).jobTitle, 'nothing written before a choice').to.equal('Vormgever');

    $<HTMLInputElement>(card, 'dialog.conflict input[value="mine"]')!.click();
    await card.updateComplete;
    const saved = oneEvent(card, 'lift-contact-saved');
    $<HTMLButtonElement>(card, 'dialog.conflict button[type="submit"]')!.click();
    await saved;
    expect((await colleague.contacts.get(contact.id)).jobTitle).to.equal('Drukker');
    await waitUntil(() => !failedBanner(card) && adapter.sync.state().failed.length === 0, 'the conflict is settled');
  });

  it('shows the colleague\'s value once the user discards a change in conflict, with one way to compare it before that, focus kept in the card', async () => {
    const { card } = await conflictBackOnline();

    // Closed without a choice: the banner offers the comparison again, once, and focus goes
    // there, since the dialog opened by itself and focus was nowhere before.
    [...root(card).querySelectorAll<HTMLButtonElement>('dialog.conflict button')].find((b) => text(b) === 'Cancel')!.click();
    await waitUntil(() => !$<HTMLDialogElement>(card, 'dialog.conflict')?.open, 'the dialog closes');
    const compare = [...root(card).querySelectorAll<HTMLButtonElement>('button')].filter((b) => text(b) === 'Compare');
    expect(compare).to.have.length(1);
    await waitUntil(() => root(card).activeElement === compare[0], 'focus on Compare');

    const discard = [...failedBanner(card)!.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === 'Discard')!;
    discard.focus();
    discard.click();
    await waitUntil(() => !failedBanner(card), 'the change is discarded');
    await waitUntil(() => field(card, 'jobTitle').value === 'Vormgever', 'the colleague\'s value in the form');
    expect(card.dirty).to.equal(false);
    expect(root(card).activeElement, 'focus on the field the change held, not the page').to.equal(field(card, 'jobTitle'));
  });

  it("lists a conflict of another contact than the one shown, in Dutch, and opens that contact to compare it there", async () => {
    const other = await colleague.contacts.create({ relationId: contact.relationId, firstName: 'Joost', lastName: 'Dam' });
    const laptop = device(space, ERIK);
    const adapter = await laptop.open();
    await adapter.contacts.get(contact.id);
    const card = await mount(adapter, other.id, 'nl');
    laptop.net.offline = true;
    await adapter.contacts.update(contact.id, contact.version, { jobTitle: 'Drukker' });
    await colleague.contacts.update(contact.id, contact.version, { jobTitle: 'Vormgever' });
    laptop.net.offline = false;
    await adapter.sync.retry();

    await waitUntil(() => failedBanner(card), 'the conflict is listed');
    const banner = failedBanner(card)!;
    expect(text(banner)).to.include('Een collega heeft dezelfde velden van een andere contactpersoon gewijzigd.');
    const buttons = [...banner.querySelectorAll('button')];
    expect(buttons.map(text), 'a way to the contact, not only Discard').to.deep.equal(['Die contactpersoon openen', 'Weggooien']);
    expect($<HTMLDialogElement>(card, 'dialog.conflict')?.open ?? false, 'no dialog for a contact not shown').to.equal(false);
    await expect(card).to.be.accessible();

    const opened = oneEvent(card, 'lift-contact-open');
    buttons[0]!.click();
    expect((await opened).detail).to.deep.equal({ contactId: contact.id, from: 'sync' });
    await waitUntil(() => $<HTMLDialogElement>(card, 'dialog.conflict')?.open, 'the conflict dialog opens on that contact');
    expect(card.contactId).to.equal(contact.id);
    expect([...root(card).querySelectorAll('dialog.conflict fieldset')].map((f) => f.getAttribute('data-field'))).to.deep.equal(['jobTitle']);
  });

  it('offers a checklist item a colleague changed meanwhile to be sent anyway, in Dutch, with what the user wrote', async () => {
    const item = await colleague.checklists!.saveDefinition({ cardType: 'contact', text: 'AVG-toestemming', category: 'Privacy', order: 1, mode: 'editable', modeByStatus: {} });
    const laptop = device(space, ERIK);
    const adapter = await laptop.open();
    await adapter.checklists!.states(contact.id);
    const card = await mount(adapter, contact.id, 'nl');
    laptop.net.offline = true;
    await adapter.checklists!.setState(contact.id, item.id, 0, { done: true, note: 'Toestemming per mail' });
    await colleague.checklists!.setState(contact.id, item.id, 0, { note: 'Van Anna' });
    laptop.net.offline = false;
    await adapter.sync.retry();

    await waitUntil(() => failedBanner(card), 'the conflict is listed');
    const banner = failedBanner(card)!;
    expect(text(banner)).to.include('Checklistpunt').and.include('Een collega heeft dit checklistpunt intussen ook gewijzigd.');
    expect(text(banner), 'not the sentence about fields to choose').not.to.include('Kies per veld');
    expect([...banner.querySelectorAll('details dt, details dd')].map(text)).to.deep.equal(['Afgevinkt', 'ja', 'Notitie', 'Toestemming per mail']);
    const buttons = [...banner.querySelectorAll('button')];
    expect(buttons.map(text)).to.deep.equal(['Toch versturen', 'Weggooien']);
    await expect(card).to.be.accessible();
    expect((await colleague.checklists!.states(contact.id))[0]!.note, 'nothing sent before the user chose').to.equal('Van Anna');

    buttons[0]!.click();
    await waitUntil(() => !failedBanner(card) && adapter.sync.state().waiting === 0, 'the change is sent');
    const [onServer] = await colleague.checklists!.states(contact.id);
    expect([onServer!.done, onServer!.note]).to.deep.equal([true, 'Toestemming per mail']);
  });

  it('shows the contact as the server holds it once a save kept on the device is refused: archived meanwhile, read-only, and why', async () => {
    const laptop = device(space, ERIK);
    const adapter = await laptop.open();
    const card = await mount(adapter, contact.id, 'nl');
    laptop.net.offline = true;
    await typeInto(card, await shownField(card, 'jobTitle'), 'Drukker');
    expect(await card.save()).to.equal(true);
    await colleague.contacts.setArchived(contact.id, contact.version, true);
    laptop.net.offline = false;
    await adapter.sync.retry();

    await waitUntil(() => failedBanner(card), 'the refused change is listed');
    expect(text(failedBanner(card))).to.include('Geweigerd: de contactpersoon is intussen gearchiveerd.').and.include('Drukker');
    await waitUntil(() => $(card, '[part~="badge"]'), 'the card shows the contact archived');
    expect(field(card, 'jobTitle').value, 'the server\'s value, not the refused one').to.equal('Zetter');
    expect(field(card, 'jobTitle').readOnly).to.equal(true);
    await expect(card).to.be.accessible();

    // The device's copy holds the server's contact too: a reload offline shows it, not the refused save.
    card.remove();
    closeDevices();
    laptop.net.offline = true;
    const reloaded = await mount(await laptop.open(), contact.id, 'nl');
    await waitUntil(() => $(reloaded, '[part~="badge"]'), 'archived after a reload offline');
    expect(field(reloaded, 'jobTitle').value).to.equal('Zetter');
  });

  it('lists a change the server refused with the reason and what the user wrote, in Dutch, until it is discarded', async () => {
    const laptop = device(space, ERIK);
    const adapter = await laptop.open();
    const card = await mount(adapter, contact.id, 'nl');
    laptop.net.offline = true;
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Offerte besproken', body: 'Drie varianten' });
    await colleague.contacts.setArchived(contact.id, contact.version, true);
    laptop.net.offline = false;
    await adapter.sync.retry();

    await waitUntil(() => failedBanner(card), 'the refused change is listed');
    const banner = failedBanner(card)!;
    expect(text(banner)).to.include('1 wijziging kon niet worden opgeslagen.').and.include('Notitie');
    // Why, in the reader's words for the rule the server named, not the server's English message.
    const [refused] = await adapter.sync.pending();
    expect(refused!.fields).to.deep.equal({ archived: 'archived' });
    expect(text(banner)).to.include('Geweigerd: de contactpersoon is intussen gearchiveerd.').and.not.include(refused!.message!);
    expect([...banner.querySelectorAll('details dt, details dd')].map(text)).to.deep.equal(['Onderwerp', 'Offerte besproken', 'Tekst', 'Drie varianten']);
    await expect(card).to.be.accessible();
    const discard = [...banner.querySelectorAll('button')].find((b) => text(b) === 'Weggooien')!;
    discard.click();
    await waitUntil(() => !failedBanner(card), 'the change is discarded');
    expect(await adapter.sync.pending()).to.deep.equal([]);
  });
  it('shows the summary a reload finds on the device while the server cannot be reached, reckoned from the moment shown', async () => {
    const day = 24 * 60 * 60 * 1000;
    const at = (days: number) => new Date(Date.now() + days * day).toISOString();
    await colleague.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Gebeld over de proef', body: '', occurredAt: at(-2) });
    await colleague.timeline.add({ contactId: contact.id, kind: 'meeting', subject: 'Drukproef bekijken', body: '', occurredAt: at(3) });
    const laptop = device(space, ERIK);
    const glance = (card: LiftContactCard) => $(card, '[part~="glance"]');
    const loaded = (card: LiftContactCard) => glance(card) && !glance(card)!.querySelector('[role="status"]');
    const online = await mount(await laptop.open(), contact.id);
    await waitUntil(() => loaded(online), 'the summary read from the server');
    expect(text($(online, '.last'))).to.include('Gebeld over de proef');
    online.remove();
    closeDevices();

    // A reload a moment later with the network gone: the summary asked for then is the one read before.
    laptop.net.offline = true;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const reopened = await laptop.open();
    const card = await mount(reopened, contact.id);
    // When the server last answered is still known, and said.
    const last = reopened.sync.state().lastOnline;
    expect(last, 'the time the server last answered, kept on the device').to.be.a('string');
    expect(Date.parse(last!)).to.be.within(Date.now() - 60_000, Date.now());
    await waitUntil(() => syncBanner(card).includes('Last connected at'), 'the banner says when');
    await waitUntil(() => loaded(card), 'the summary from the device');
    expect(glance(card)!.querySelector('[role="alert"]'), 'no "could not be loaded"').to.equal(null);
    expect(text($(card, '.last'))).to.include('Gebeld over de proef');
    expect(text($(card, '.next'))).to.include('Drukproef bekijken');

    // Refresh while the server cannot be reached says where the card's data came from.
    const heard = listen(card);
    const bar = $(card, 'lift-button-bar')!;
    bar.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="refresh"]')!.click();
    await waitUntil(() => heard.length, 'the refresh said');
    expect(heard).to.deep.equal(['The server cannot be reached: the card shows what this device kept.']);
    // So does "Connect now" when the server still does not answer, instead of nothing.
    $<HTMLButtonElement>(card, '[part~="sync"] button')!.click();
    await waitUntil(() => heard.length === 2, 'the try said');
    expect(heard[1]).to.equal('Still no connection to the server. This device keeps trying by itself.');
  });

  /**
   * The card on the overview, read once online; then `notes` written on the device: the first is
   * sent at once and its answer lost as the network drops (the server holds it; the device cannot
   * know), the rest wait untried behind it; and the last one's entry opened in the item detail with
   * its subject changed to `subject`, not saved.
   */
  async function editOffline(laptop: Device, adapter: Awaited<ReturnType<Device['open']>>, lang: string, notes: string[], subject: string) {
    const card = await mountCard(adapter, contact.id, { detailTabs: 'personal item', tab: 'overview', selection: '', lang });
    await waitUntil(() => $(card, 'lift-contact-timeline')?.shadowRoot, 'the overview');
    const timeline = $<HTMLElement & { loaded: Promise<void> }>(card, 'lift-contact-timeline')!;
    // Read once online: the device keeps the overview it has shown.
    await timeline.loaded;
    // Only a device that believes itself online sends a note at once. Cutting the network first
    // let one CI run's card fail a background read, so the note waited untried instead.
    await waitUntil(() => adapter.sync.state().connection === 'online', 'online again');
    Object.assign(laptop.net, { loseAnswers: 1, cutAfterLoss: true });
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: notes[0]!, body: 'Tekst' });
    expect(laptop.net.offline, 'the note was sent at once').to.equal(true);
    await waitUntil(() => adapter.sync.state().connection === 'offline', 'offline');
    for (const note of notes.slice(1)) await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: note, body: 'Tekst' });
    const entry = () => [...timeline.shadowRoot!.querySelectorAll<HTMLElement>('article')].find((a) => a.textContent!.includes(notes.at(-1)!));
    await waitUntil(entry, 'the note in the overview');
    entry()!.click();
    const detail = () => $(card, '[part~="detail-panel"]')!;
    await waitUntil(() => detail()?.querySelector('.entry-edit-button'), 'its Edit button');
    detail().querySelector<HTMLButtonElement>('.entry-edit-button')!.click();
    await card.updateComplete;
    detail().querySelector<HTMLInputElement>('form.entry-edit [name="subject"]')!.value = subject;
    return { card, detail };
  }

  it('says a correction of a note still waiting on the device is kept there, in Dutch too, not saved, until it is sent', async () => {
    const laptop = device(space, ERIK);
    const adapter = await laptop.open();
    for (const lang of ['en', 'nl']) {
      // The first note is tried at once (it may reach the server: it cannot be corrected until it
      // has arrived); the second waits untried, and so does its correction.
      const { card, detail } = await editOffline(laptop, adapter, lang, [`Onderweg ${lang}`, `Eerste versie ${lang}`], `Offline verbeterd ${lang}`);
      detail().querySelector<HTMLFormElement>('form.entry-edit')!.requestSubmit();
      await waitUntil(() => !detail().querySelector('form.entry-edit'), 'the form closes once it is kept');
      expect(text(detail().querySelector('.entry-actions + [role="status"]'))).to.equal(
        lang === 'en' ? 'Kept on this device; it is sent once connected.' : 'Op dit apparaat bewaard; wordt verstuurd zodra er verbinding is.',
      );
      expect(text(detail())).not.to.match(/Change saved|Wijziging opgeslagen/);
      laptop.net.offline = false;
      await adapter.sync.retry();
      await waitUntil(async () => (await colleague.timeline.all(contact.id)).some((e) => e.subject === `Offline verbeterd ${lang}`), 'sent once connected', { timeout: 5000 });
      card.remove();
    }
  });

  it('says a note on its way to the server can be corrected or removed once it has arrived, not that the data cannot be reached', async () => {
    const laptop = device(space, ERIK);
    const adapter = await laptop.open();
    for (const lang of ['en', 'nl']) {
      // Tried at once and unanswered: the server may hold it, so it waits to be changed until it has arrived.
      const { card, detail } = await editOffline(laptop, adapter, lang, [`Verstuurd ${lang}`], `Verbeterd ${lang}`);
      detail().querySelector<HTMLFormElement>('form.entry-edit')!.requestSubmit();
      const said = () => text(detail().querySelector('[part="error"]'));
      await waitUntil(said, 'what the correction met');
      const onItsWay =
        lang === 'en'
          ? 'This note is on its way to the server: it can be changed once it has arrived.'
          : 'Deze notitie is onderweg naar de server: ze kan worden gewijzigd zodra ze is aangekomen.';
      expect(said()).to.equal(onItsWay);
      expect(detail().querySelector<HTMLInputElement>('form.entry-edit [name="subject"]')!.value, 'the correction stays in the form').to.equal(`Verbeterd ${lang}`);
      // Its removal meets the same.
      const button = (within: Element, label: string) => [...within.querySelectorAll('button')].find((b) => text(b) === label);
      button(detail(), lang === 'en' ? 'Cancel' : 'Annuleren')!.click();
      await waitUntil(() => !detail().querySelector('form.entry-edit'), 'the form closed');
      button(detail(), lang === 'en' ? 'Delete' : 'Verwijderen')!.click();
      await waitUntil(() => $(card, 'dialog.ask[open]'), 'asked to confirm');
      button($(card, 'dialog.ask')!, lang === 'en' ? 'Delete' : 'Verwijderen')!.click();
      await waitUntil(() => said() && !$(card, 'dialog.ask[open]'), 'what the removal met');
      expect(said()).to.equal(onItsWay);
      card.remove();
      laptop.net.offline = false;
      await adapter.sync.retry();
      await waitUntil(async () => (await colleague.timeline.all(contact.id)).some((e) => e.subject === `Verstuurd ${lang}`), 'it arrives', { timeout: 5000 });
    }
  });
});
