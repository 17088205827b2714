import { expect, waitUntil } from '@open-wc/testing';
import { EditSession } from '../src/contact-card/edit-session.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import type { Contact } from '../src/data/contract/model.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { LiftContactSavedEvent, LiftConflictEvent } from '../src/events.js';
import { ControllerHost, keyVoice } from './controller-host.js';
import { withFaults } from './faults.js';
import { oneContact } from './worlds.js';

async function session(adapter: LiftAdapter = new MemoryAdapter()) {
  const { contact } = await oneContact(adapter, 'Drukkerij Noord', { firstName: 'Lotte', lastName: 'Bos', jobTitle: 'Inkoper' });
  return { adapter, contact, ...sessionOn(adapter, contact) };
}

/** `adapter` with some of its contact calls replaced by `contacts` (and any `more` of the adapter). */
function withContacts(adapter: LiftAdapter, contacts: Partial<LiftAdapter['contacts']>, more: object = {}): LiftAdapter {
  return Object.assign(Object.create(adapter) as LiftAdapter, { contacts: Object.assign(Object.create(adapter.contacts), contacts), ...more });
}

/** A session, as one card has it, on `contact` (several may edit one contact, as two tabs do). */
function sessionOn(adapter: LiftAdapter, contact: Contact, shown = () => contact.id) {
  const host = new ControllerHost();
  const voice = keyVoice(host);
  const edits = new EditSession(host, {
    adapter: () => adapter,
    contactId: shown,
    voice,
    ask: async (title) => {
      host.asked.push(title());
      return host.answer;
    },
    showField: async () => undefined,
    keepFocus: () => undefined,
  });
  edits.open(contact, true);
  return { host, edits };
}

describe('the edit session, without a card', () => {
  afterEach(() => localStorage.clear());

  it('saves the edits with the version they started from and says so', async () => {
    const { adapter, contact, host, edits } = await session();
    edits.edit('jobTitle', 'Hoofd inkoop');
    expect(edits.dirty).to.equal(true);
    const saved = new Promise<LiftContactSavedEvent>((resolve) => host.addEventListener('lift-contact-saved', (e) => resolve(e as LiftContactSavedEvent)));
    expect(await edits.save()).to.equal(true);
    expect((await saved).detail.fields).to.deep.equal(['jobTitle']);
    expect(edits.dirty).to.equal(false);
    expect(edits.record?.version).to.equal(contact.version + 1);
    expect((await adapter.contacts.get(contact.id)).jobTitle).to.equal('Hoofd inkoop');
    expect(host.said).to.deep.equal(['saving', 'saved']);
    expect(host.renders, 'asks its card to render').to.be.greaterThan(0);
  });

  it('a save asked for while one is on its way waits for it, then saves what was typed meanwhile, and says true only once all landed', async () => {
    const { adapter, contact } = await session();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = withContacts(adapter, { update: (...args) => gate.then(() => adapter.contacts.update(...args)) });
    const { edits } = sessionOn(slow, contact);
    edits.edit('jobTitle', 'Hoofd inkoop');
    // The user's Save, then a host's save() before leaving the page, with a field typed between.
    const first = edits.save();
    edits.edit('email', 'lotte@drukkerij-noord.nl');
    const second = edits.save();
    release();
    expect([await first, await second], 'both landed').to.deep.equal([true, true]);
    const stored = await adapter.contacts.get(contact.id);
    expect([stored.jobTitle, stored.email, stored.version]).to.deep.equal(['Hoofd inkoop', 'lotte@drukkerij-noord.nl', contact.version + 2]);
    expect(edits.dirty).to.equal(false);
    // A save that failed is no reason to send again: the one waiting says false too.
    let sent = 0;
    const failing = withContacts(adapter, { update: () => (sent++, gate.then(() => Promise.reject(new LiftDataError('unavailable', 'down')))) });
    const other = sessionOn(failing, stored).edits;
    other.edit('jobTitle', 'Directeur');
    expect(await Promise.all([other.save(), other.save()])).to.deep.equal([false, false]);
    expect(sent, 'sent once').to.equal(1);
    expect((await adapter.contacts.get(contact.id)).jobTitle).to.equal('Hoofd inkoop');
  });

  it('takes a newer version that shows the same details without saying it changed elsewhere, and keeps the edits on it', async () => {
    // The user's own change kept on the device, now on the server: the same details, a newer version.
    const { adapter, contact } = await session();
    const newer = { ...contact, version: contact.version + 1 };
    const sameOnServer = withContacts(adapter, { get: async () => newer });
    const { host, edits } = sessionOn(sameOnServer, contact);
    await edits.follow();
    expect(edits.record?.version).to.equal(newer.version);
    expect(host.said, 'nothing changed elsewhere').to.deep.equal([]);
    // With edits on screen: no "changed elsewhere" notice, and the edits stay, now on the newer version.
    newer.version++;
    edits.edit('jobTitle', 'Hoofd inkoop');
    await edits.follow();
    expect(edits.elsewhere, 'no notice').to.equal(undefined);
    expect([edits.draft?.base.version, edits.draft?.edits.jobTitle]).to.deep.equal([newer.version, 'Hoofd inkoop']);
    // A colleague's change of a field is still told.
    newer.version++;
    newer.lastName = 'Bos-de Wit';
    edits.undo();
    await edits.follow();
    expect(host.said).to.include('updatedElsewhere');
  });

  it("still asks about a colleague's change of the field being edited after a newer version shows the same details", async () => {
    const { adapter, contact, host, edits } = await session();
    edits.edit('jobTitle', 'Hoofd inkoop');
    const theirs = await adapter.contacts.update(contact.id, contact.version, { jobTitle: 'Directeur' });
    await edits.follow();
    expect(edits.elsewhere?.version, 'told it changed elsewhere').to.equal(theirs.version);
    // Archived and back again, heard at once (as after a reconnect): nothing shown differs from the version told of.
    const archived = await adapter.contacts.setArchived(contact.id, theirs.version, true);
    const back = await adapter.contacts.setArchived(contact.id, archived.version, false);
    await edits.follow();
    expect(edits.elsewhere?.version, 'still told, at the newest version').to.equal(back.version);
    expect(await edits.save(), 'not saved: the user must choose').to.equal(false);
    expect(edits.conflict?.conflicts.map((c) => [c.field, c.mine, c.theirs])).to.deep.equal([['jobTitle', 'Hoofd inkoop', 'Directeur']]);
    expect((await adapter.contacts.get(contact.id)).jobTitle, "the colleague's value stays until the user chooses").to.equal('Directeur');
    expect(host.said).not.to.include('saved');
  });

  it('merges a colleague\'s change of another field by itself, and asks about the same field', async () => {
    const { adapter, contact, host, edits } = await session();
    await adapter.contacts.update(contact.id, contact.version, { lastName: 'Bos-de Wit' });
    edits.edit('jobTitle', 'Hoofd inkoop');
    expect(await edits.save(), 'merged and saved').to.equal(true);
    const merged = await adapter.contacts.get(contact.id);
    expect([merged.lastName, merged.jobTitle]).to.deep.equal(['Bos-de Wit', 'Hoofd inkoop']);

    await adapter.contacts.update(contact.id, merged.version, { jobTitle: 'Directeur' });
    edits.edit('jobTitle', 'Teamleider');
    const conflict = new Promise<LiftConflictEvent>((resolve) => host.addEventListener('lift-conflict', (e) => resolve(e as LiftConflictEvent)));
    expect(await edits.save(), 'not saved: the user must choose').to.equal(false);
    expect((await conflict).detail.fields).to.deep.equal(['jobTitle']);
    expect(edits.conflict?.conflicts.map((c) => [c.field, c.mine, c.theirs])).to.deep.equal([['jobTitle', 'Teamleider', 'Directeur']]);
    edits.choose('jobTitle', 'mine');
    await edits.applyChoices();
    expect((await adapter.contacts.get(contact.id)).jobTitle).to.equal('Teamleider');
    expect(edits.conflict).to.equal(undefined);
  });

  for (const [what, pending, said] of [
    ['landed', false, 'savedAway'],
    ['wait on this device', true, 'keptAway'],
  ] as const) {
    it(`says whose changes ${what} when the card has moved on before the save answered`, async () => {
      const memory = new MemoryAdapter();
      const { contact } = await oneContact(memory, 'Drukkerij Noord', { firstName: 'Lotte', lastName: 'Bos' });
      let answer!: () => void;
      const gate = new Promise<void>((resolve) => (answer = resolve));
      // Saves answer when the test says, and the adapter calls them kept on the device or not.
      const adapter = withContacts(memory, { update: (...args) => gate.then(() => memory.contacts.update(...args)) }, { sync: { isPending: () => pending } });
      let shown = contact.id;
      const { host, edits } = sessionOn(adapter, contact, () => shown);
      edits.edit('jobTitle', 'Hoofd inkoop');
      const saving = edits.save();
      shown = 'c-other';
      answer();
      expect(await saving).to.equal(true);
      expect(host.said).to.deep.equal(['saving', said]);
      expect(edits.awayErrors, 'no failure is shown').to.deep.equal([]);
    });
  }

  it("follows a colleague's change that came while its own save was on its way, also when another contact's save answered first", async () => {
    const memory = new MemoryAdapter();
    const { contact: first } = await oneContact(memory, 'Drukkerij Noord', { firstName: 'Lotte', lastName: 'Bos' });
    const second = await memory.contacts.create({ relationId: first.relationId, firstName: 'Bram', lastName: 'Smit' });
    // Saves that are stored at once and answered when the test says, per contact.
    const answers = new Map<string, () => void>();
    const adapter = withContacts(memory, {
      update: async (...args) => {
        const saved = await memory.contacts.update(...args);
        await new Promise<void>((resolve) => answers.set(args[0], resolve));
        return saved;
      },
    });
    let shown = first.id;
    const { host, edits } = sessionOn(adapter, first, () => shown);
    edits.edit('jobTitle', 'Hoofd inkoop');
    const savingFirst = edits.save();
    shown = second.id;
    edits.clear();
    edits.open(second, true);
    edits.edit('jobTitle', 'Drukker');
    const savingSecond = edits.save();
    await waitUntil(() => answers.size === 2, 'both saves stored');
    // A colleague changes the second contact after its save was stored; the feed says so while that save is unanswered.
    await memory.contacts.update(second.id, second.version + 1, { lastName: 'Smit-Bos' });
    await edits.follow();
    answers.get(first.id)!();
    await savingFirst;
    answers.get(second.id)!();
    expect(await savingSecond).to.equal(true);
    await waitUntil(() => edits.record?.lastName === 'Smit-Bos', "the colleague's change shows once the own save has landed");
    expect(host.said).to.include('updatedElsewhere');
  });

  it("a kept save discarded after the card moved on leaves the next contact's edits alone", async () => {
    const memory = new MemoryAdapter();
    const { contact: first } = await oneContact(memory, 'Drukkerij Noord', { firstName: 'Lotte', lastName: 'Bos' });
    const second = await memory.contacts.create({ relationId: first.relationId, firstName: 'Bram', lastName: 'Smit' });
    const { edits } = sessionOn(memory, second);
    edits.edit('jobTitle', 'Drukker');
    // The sync banner's Discard of the first contact's kept change of the same field answers now.
    edits.discardKept(first.id, ['jobTitle']);
    expect(edits.draft?.value('jobTitle'), "the second contact's edit").to.equal('Drukker');
    expect(edits.dirty).to.equal(true);
    // Of the contact shown, the field lets go.
    edits.discardKept(second.id, ['jobTitle']);
    expect(edits.dirty).to.equal(false);
  });

  it("a host's save asked for behind the user's never saves the contact the card moved on to, and says whether the first contact's later edits landed", async () => {
    const memory = new MemoryAdapter();
    const { contact: first } = await oneContact(memory, 'Drukkerij Noord', { firstName: 'Lotte', lastName: 'Bos' });
    const second = await memory.contacts.create({ relationId: first.relationId, firstName: 'Bram', lastName: 'Smit' });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = withContacts(memory, { update: (...args) => gate.then(() => memory.contacts.update(...args)) });
    let shown = first.id;
    const { edits } = sessionOn(slow, first, () => shown);
    edits.edit('jobTitle', 'Hoofd inkoop');
    const users = edits.save();
    // Typed while the user's save is on its way, then the host's save(), then the card moves on.
    edits.edit('email', 'lotte@drukkerij-noord.nl');
    const hosts = edits.save();
    shown = second.id;
    edits.open(second, true);
    edits.edit('jobTitle', 'Drukker');
    release();
    expect(await users, "the user's save landed").to.equal(true);
    expect(await hosts, "the first contact's e-mail waits as a draft: not saved").to.equal(false);
    expect((await memory.contacts.get(second.id)).jobTitle, 'the second contact is not saved unasked').not.to.equal('Drukker');
    expect(edits.dirty, "the second contact's edit is still there to save").to.equal(true);
    const stored = await memory.contacts.get(first.id);
    expect([stored.jobTitle, stored.email]).to.deep.equal(['Hoofd inkoop', '']);
  });

  it('keeps the edits when a save fails, in memory and in the browser, and restores them on the next open', async () => {
    const base = new MemoryAdapter();
    const faults = withFaults(base);
    const { contact, edits } = await session(faults.adapter);
    faults.fail('contacts.update', new LiftDataError('unavailable', 'down'));
    edits.edit('firstName', 'Charlotte');
    expect(await edits.save()).to.equal(false);
    expect(edits.saveError?.()).to.include('unavailable');
    expect(edits.draft?.value('firstName')).to.equal('Charlotte');
    const again = await session(faults.adapter);
    // Another session on the same adapter and user finds the draft for the same contact.
    again.edits.open(contact, true);
    expect(again.edits.draft?.value('firstName')).to.equal('Charlotte');
    expect(again.edits.restoredAt).to.be.a('string');
  });

  it("one card's undo, or its field typed back, keeps another card's later edit of that field for after a reload", async () => {
    const { adapter, contact, edits: first } = await session();
    const second = sessionOn(adapter, contact).edits;
    first.edit('notes', 'Belt liever na tienen');
    second.edit('notes', 'Belt liever na elven, mailt nooit');
    first.undo();
    expect(sessionOn(adapter, contact).edits.draft?.value('notes'), "after the first card's undo").to.equal('Belt liever na elven, mailt nooit');

    first.edit('notes', 'Belt liever na tienen');
    second.edit('notes', 'Belt liever na twaalven');
    first.edit('notes', contact.notes);
    expect(sessionOn(adapter, contact).edits.draft?.value('notes'), 'after the first card typed it back').to.equal('Belt liever na twaalven');

    // A card that typed last still forgets its own edit.
    second.undo();
    expect(sessionOn(adapter, contact).edits.draft?.dirty, "the second card's undo").to.equal(false);
  });

  it('undo drops the edits and the kept draft; settle asks before leaving unsaved edits', async () => {
    const { contact, host, edits } = await session();
    edits.edit('firstName', 'Charlotte');
    host.answer = 'cancel';
    expect(await edits.settle('unsavedLeave'), 'cancelled: stay').to.equal(false);
    expect(host.asked).to.deep.equal(['unsavedTitle']);
    host.answer = 'discard';
    expect(await edits.settle('unsavedLeave'), 'discarded: go on').to.equal(true);
    expect(edits.dirty).to.equal(false);
    edits.open(contact, true);
    expect(edits.draft?.dirty, 'nothing kept to restore').to.equal(false);
  });
});
