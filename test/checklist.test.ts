import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { ChecklistItemDefinition, Contact } from '../src/data/contract/model.js';
import '../src/lift-checklist.js';
import { clearDrafts } from '../src/contact-card/contact-draft.js';
import { dropDatabases, freshIndexedDbAdapter, uniqueDatabaseName } from './db.js';
import { withFaults } from './faults.js';
import { captureWarnings, waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

type Def = Omit<ChecklistItemDefinition, 'id' | 'version' | 'deleted'>;
const item = (text: string, category: string, order: number, extra: Partial<Def> = {}): Def => ({
  cardType: 'contact', text, category, order, mode: 'editable', modeByStatus: {}, ...extra,
});

/** An adapter with a relation, a contact and a small lookup list. */
async function world(adapter: LiftAdapter = new MemoryAdapter()) {
  const { relation, contact } = await oneContact(adapter, 'Reclamebureau Zon', { firstName: 'Lotte', lastName: 'Bos' });
  const defs: ChecklistItemDefinition[] = [];
  for (const d of [
    item('AVG-toestemming', 'Privacy', 1),
    item('Nieuwsbrief gevraagd', 'Privacy', 2, { mode: 'read-only' }),
    item('KvK gecontroleerd', 'Administratie', 3),
    item('Intern punt', 'Administratie', 4, { mode: 'hidden' }),
    item('Alleen bij actief', 'Relatie', 5, { mode: 'hidden', modeByStatus: { actief: 'editable' } }),
    item('Projectpunt', 'Project', 1, { cardType: 'project' }),
  ]) defs.push(await adapter.checklists!.saveDefinition(d));
  return { adapter, relation, contact, defs };
}

async function mount(adapter: LiftAdapter, contact: Contact, attrs: { lang?: string; status?: string; cardType?: string; manage?: boolean } = {}) {
  const el = await fixture<LiftChecklist>(html`<lift-checklist
    lang=${attrs.lang ?? 'en'}
    contact-id=${contact.id}
    card-type=${attrs.cardType ?? 'contact'}
    status=${attrs.status ?? ''}
    ?manage=${attrs.manage}
    .adapter=${adapter}
  ></lift-checklist>`);
  await el.loaded;
  await el.updateComplete;
  return el;
}

const root = (el: LiftChecklist) => el.shadowRoot!;
const itemsShown = (el: LiftChecklist) => [...root(el).querySelectorAll('[part~="item"]')].map((li) => li.querySelector('label span')!.textContent!.trim());
const checkbox = (el: LiftChecklist, text: string) =>
  [...root(el).querySelectorAll<HTMLLIElement>('[part~="item"]')].find((li) => li.textContent!.includes(text))!.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
const row = (el: LiftChecklist, text: string) => [...root(el).querySelectorAll<HTMLLIElement>('[part~="item"]')].find((li) => li.textContent!.includes(text))!;
/** Makes the adapter's checklist saves wait, as a slow server's do, until `release` (then `hold` again for the next ones). */
function holdSaves(adapter: LiftAdapter) {
  let release!: () => void;
  let held!: Promise<void>;
  const hold = () => void (held = new Promise<void>((resolve) => (release = resolve)));
  hold();
  const setState = adapter.checklists!.setState.bind(adapter.checklists);
  adapter.checklists!.setState = async (...args) => (await held, setState(...args));
  return { release: () => release(), hold };
}
/** The tick a save made meanwhile shows, counted; a next change names the version it made: no conflict. */
async function savedTickShows(el: LiftChecklist, text = 'AVG', progress = '1 of 3 done') {
  expect(checkbox(el, text).checked, 'the saved tick').to.equal(true);
  expect(root(el).querySelector('[part~="progress"]')!.textContent!.trim()).to.equal(progress);
  checkbox(el, text).click();
  await settle(el);
  expect(root(el).querySelector('[part~="error"]'), 'no error').to.equal(null);
  expect(checkbox(el, text).checked).to.equal(false);
}
/** Opens the note editor of the item `text` and types `note` into it. */
async function typeNote(el: LiftChecklist, text: string, note: string) {
  row(el, text).querySelector<HTMLButtonElement>('button')!.click();
  await el.updateComplete;
  const textarea = row(el, text).querySelector('textarea')!;
  textarea.value = note;
  textarea.dispatchEvent(new Event('input'));
  await el.updateComplete;
}
/** The note editor's Save of the item `text`. */
const noteSave = (el: LiftChecklist, text: string) =>
  [...row(el, text).querySelectorAll<HTMLButtonElement>('.note-editor button')].find((b) => b.textContent!.trim() === 'Save')!;
const settle = async (el: LiftChecklist) => {
  await el.updateComplete;
  await waitUntil(() => !root(el).querySelector('[aria-busy="true"]'), 'saving to finish', { timeout: 4000 });
  await el.updateComplete;
};

describe('<lift-checklist>', () => {
  afterEach(() => {
    localStorage.clear();
    return dropDatabases();
  });

  it('shows the items for the card type, grouped by category in lookup order, hiding hidden ones', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact);
    expect([...root(el).querySelectorAll('legend')].map((l) => l.textContent!.trim())).to.deep.equal(['Privacy', 'Administratie']);
    expect(itemsShown(el)).to.deep.equal(['AVG-toestemming', 'Nieuwsbrief gevraagd', 'KvK gecontroleerd']);
    expect(checkbox(el, 'Nieuwsbrief').disabled).to.equal(true);
    expect(checkbox(el, 'AVG').disabled).to.equal(false);
    expect(root(el).querySelector('[part~="progress"]')!.textContent!.trim()).to.equal('0 of 3 done');
  });

  it('applies the mode for the card status, and another card type has its own list', async () => {
    const { adapter, contact } = await world();
    const active = await mount(adapter, contact, { status: 'actief' });
    expect(itemsShown(active)).to.include('Alleen bij actief');
    expect(checkbox(active, 'Alleen bij actief').disabled).to.equal(false);
    const project = await mount(adapter, contact, { cardType: 'project' });
    expect(itemsShown(project)).to.deep.equal(['Projectpunt']);
  });

  it('says when no item applies, and tells the card so', async () => {
    const { adapter, contact } = await world();
    const heard = oneEvent(document.body, 'lift-checklist-availability');
    const el = await fixture<LiftChecklist>(html`<lift-checklist lang="nl" card-type="medewerker" contact-id=${contact.id} .adapter=${adapter}></lift-checklist>`);
    expect((await heard).detail).to.deep.equal({ available: false });
    await el.updateComplete;
    expect(el.available).to.equal(false);
    expect(root(el).textContent).to.contain('Er zijn geen checklistpunten voor dit kaarttype.');
    await expect(el).to.be.accessible();
  });

  it('ticks an item: saved with who and when, recorded in the overview, shown only once saved', async () => {
    const { adapter, contact, defs } = await world();
    const el = await mount(adapter, contact);
    checkbox(el, 'AVG').click();
    await settle(el);
    expect(checkbox(el, 'AVG').checked).to.equal(true);
    const [state] = await adapter.checklists!.states(contact.id);
    expect([state!.itemId, state!.done]).to.deep.equal([defs[0]!.id, true]);
    expect(row(el, 'AVG').querySelector('[part~="meta"]')!.textContent).to.contain(`Done by ${adapter.session.currentUser().name}`);
    expect(root(el).querySelector('[part~="progress"]')!.textContent!.trim()).to.equal('1 of 3 done');
    const entries = (await adapter.timeline.all(contact.id)).filter((e) => e.kind === 'checklist');
    expect(entries.map((e) => [e.subject, e.change?.field, e.change?.new])).to.deep.equal([['AVG-toestemming', 'done', 'true']]);
    checkbox(el, 'AVG').click();
    await settle(el);
    expect(checkbox(el, 'AVG').checked).to.equal(false);
    expect((await adapter.checklists!.states(contact.id))[0]!.done).to.equal(false);
  });

  it('shows a tick saved while the list was being read again, and takes it off without a conflict', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact);
    // A change to the contact makes the list read again: that read has its answer at once and
    // then waits, as over a slow link, until the tick below is stored.
    const states = adapter.checklists!.states.bind(adapter.checklists);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held: ReturnType<typeof states> | undefined;
    adapter.checklists!.states = (contactId, options) => {
      if (held) return states(contactId, options);
      return (held = states(contactId, options).then(async (read) => (await gate, read)));
    };
    await adapter.contacts.update(contact.id, contact.version, { jobTitle: 'Art director' });
    await waitUntil(() => held !== undefined, 'the list read again');
    checkbox(el, 'AVG').click();
    await waitUntil(async () => (await states(contact.id)).some((state) => state.done), 'the tick stored');
    release();
    await held;
    await el.loaded;
    await settle(el);
    await savedTickShows(el);
  });

  it("on a contact, shows each item in the mode every adapter enforces: the strictest of its modes, the archived one once archived", async () => {
    const adapter = new MemoryAdapter();
    const { contact } = await oneContact(adapter, 'Studio West', { lastName: 'Vos' });
    await adapter.checklists!.saveDefinition(item('Strenger bij actief', 'Privacy', 1, { modeByStatus: { actief: 'read-only' } }));
    await adapter.checklists!.saveDefinition(item('Open tot archief', 'Privacy', 2, { modeByStatus: { archived: 'read-only' } }));
    const el = await mount(adapter, contact);
    expect(checkbox(el, 'Strenger').disabled, 'read-only under one of its statuses: not offered').to.equal(true);
    expect(checkbox(el, 'Open tot').disabled).to.equal(false);
    const refused = await adapter.checklists!.setState(contact.id, (await adapter.checklists!.definitions('contact'))[0]!.id, 0, { done: true }).catch((e: unknown) => e);
    expect(LiftDataError.is(refused, 'permission'), 'and the adapter refuses it too').to.equal(true);
  });

  it('a failed save keeps the saved state on screen and says why; retrying works', async () => {
    const { adapter, contact } = await world();
    const faults = withFaults(adapter);
    faults.fail('checklists.setState', new LiftDataError('unavailable', 'the disk is gone'));
    const el = await mount(faults.adapter, contact);
    checkbox(el, 'AVG').click();
    await settle(el);
    expect(checkbox(el, 'AVG').checked).to.equal(false);
    const alert = row(el, 'AVG').querySelector('[role="alert"]')!;
    // In the reader's words, not the adapter's.
    expect(alert.textContent).to.contain('Saving failed: the data cannot be reached. Your change was not kept.');
    expect(await adapter.checklists!.states(contact.id)).to.deep.equal([]);
    checkbox(el, 'AVG').click();
    await settle(el);
    expect(checkbox(el, 'AVG').checked).to.equal(true);
    expect(row(el, 'AVG').querySelector('[role="alert"]')).to.equal(null);
  });

  for (const slow of [false, true]) {
    const title = slow
      ? 'gives focus back to Save when a slow note save fails, so the keyboard can try again'
      : 'a note whose save failed keeps its text, and focus stays on Save to try again from the keyboard';
    it(title, async () => {
      const { adapter, contact } = await world();
      const faults = withFaults(adapter);
      let answer = () => {};
      // Slow: Save is disabled while it waits for the answer, which takes focus from it.
      const after = slow ? new Promise<void>((resolve) => (answer = resolve)) : undefined;
      faults.fail('checklists.setState', new LiftDataError('unavailable', 'the disk is gone'), after ? { after } : {});
      const el = await mount(faults.adapter, contact);
      await typeNote(el, 'AVG', 'Toestemming per mail');
      const save = () => noteSave(el, 'AVG');
      save().focus();
      await sendKeys({ press: 'Enter' });
      if (slow) await waitUntil(() => save().disabled, 'Save disabled while saving');
      answer();
      await waitUntil(() => row(el, 'AVG').querySelector('[role="alert"]'), 'the failure said');
      await settle(el);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(row(el, 'AVG').querySelector('textarea')!.value, 'the text kept').to.equal('Toestemming per mail');
      expect(root(el).activeElement, `focus on Save, not fallen to the page (${document.activeElement?.localName ?? 'none'})`).to.equal(save());
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => !row(el, 'AVG').querySelector('textarea'), 'saved the second time');
      expect((await adapter.checklists!.states(contact.id))[0]!.note).to.equal('Toestemming per mail');
    });
  }

  it('on a conflict shows the latest state and says someone else changed it', async () => {
    const { adapter, contact, defs } = await world();
    const faults = withFaults(adapter);
    faults.muteFeed();
    const el = await mount(faults.adapter, contact);
    // A colleague ticks and annotates the item after this view loaded; the view is not told.
    await adapter.checklists!.setState(contact.id, defs[0]!.id, 0, { done: true });
    await adapter.checklists!.setState(contact.id, defs[0]!.id, 1, { note: 'gedaan door collega' });
    expect(checkbox(el, 'AVG').checked).to.equal(false);
    checkbox(el, 'AVG').click(); // meant as "tick", at the stale version 0
    await settle(el);
    await waitUntil(() => row(el, 'AVG').querySelector('[part~="note"]'), 'the reload');
    expect(row(el, 'AVG').querySelector('[role="alert"]')!.textContent).to.contain('Someone else just changed this item');
    expect(checkbox(el, 'AVG').checked).to.equal(true);
    expect(row(el, 'AVG').querySelector('[part~="note"]')!.textContent).to.contain('gedaan door collega');
    expect((await adapter.checklists!.states(contact.id))[0]!.version).to.equal(2);
  });

  it('shows what another checklist on the page changed while a save of its own was on the way, and changes it next without a conflict', async () => {
    const { adapter, contact } = await world();
    const one = await mount(adapter, contact);
    const two = await mount(adapter, contact);
    // The first save (the first checklist's) waits, as over a slow link; the next ones do not.
    const setState = adapter.checklists!.setState.bind(adapter.checklists);
    let answer!: () => void;
    const slow = new Promise<void>((resolve) => (answer = resolve));
    let calls = 0;
    adapter.checklists!.setState = async (...args) => {
      if (!calls++) await slow;
      return setState(...args);
    };
    checkbox(one, 'AVG').click();
    await waitUntil(() => calls === 1, 'the first save on its way');
    checkbox(two, 'KvK').click();
    await settle(two);
    expect(checkbox(two, 'KvK').checked).to.equal(true);
    answer();
    await settle(one);
    await one.loaded;
    await one.updateComplete;
    expect(checkbox(one, 'AVG').checked, 'its own tick').to.equal(true);
    // The other checklist's tick, counted, and changed next without a conflict.
    await savedTickShows(one, 'KvK', '2 of 3 done');
    expect((await adapter.checklists!.states(contact.id)).map((s) => s.done)).to.have.members([true, false]);
  });

  it('a save refused for a change made elsewhere unheard (the contact archived) reads the list again: it says why, and keeps the note typed', async () => {
    const { adapter, contact } = await world();
    const faults = withFaults(adapter);
    faults.muteFeed();
    const el = await mount(faults.adapter, contact);
    await typeNote(el, 'AVG', 'Toestemming per mail');
    // Archived elsewhere after the list was read; this view is not told.
    await adapter.contacts.setArchived(contact.id, contact.version, true);
    noteSave(el, 'AVG').click();
    await settle(el);
    await waitUntil(() => root(el).textContent!.includes('This contact is archived'), 'the archived contact read again');
    expect(checkbox(el, 'KvK').disabled, 'nothing offered to tick').to.equal(true);
    expect(row(el, 'AVG').querySelector('textarea')!.value, 'the note typed kept').to.equal('Toestemming per mail');
    expect(row(el, 'AVG').querySelector('[role="alert"]')!.textContent).to.contain('This cannot be saved');
  });

  it('shows a contact archived elsewhere on the page while a save of its own was on the way', async () => {
    const { adapter, contact } = await world();
    const { release } = holdSaves(adapter);
    const el = await mount(adapter, contact);
    checkbox(el, 'AVG').click();
    await el.updateComplete;
    await adapter.contacts.setArchived(contact.id, contact.version, true);
    release();
    await settle(el);
    await el.loaded;
    await el.updateComplete;
    expect(root(el).textContent).to.contain('This contact is archived');
    expect(checkbox(el, 'KvK').disabled, 'nothing offered to tick').to.equal(true);
    expect(checkbox(el, 'AVG').checked).to.equal(false);
  });

  /** The AVG item noted "Eerste versie", its note editor open with "Mijn aanvulling" typed in. */
  async function addingToNote() {
    const { adapter, contact, defs } = await world();
    const first = await adapter.checklists!.setState(contact.id, defs[0]!.id, 0, { note: 'Eerste versie' });
    const el = await mount(adapter, contact);
    row(el, 'AVG').querySelector<HTMLButtonElement>('button')!.click();
    await el.updateComplete;
    const textarea = row(el, 'AVG').querySelector('textarea')!;
    textarea.value = 'Mijn aanvulling';
    textarea.dispatchEvent(new Event('input'));
    return { adapter, contact, defs, first, el };
  }

  it("never saves a note over a colleague's note written while the editor was open: it shows theirs first, and a second save replaces it knowingly", async () => {
    const { adapter, contact, defs, first, el } = await addingToNote();
    // A colleague rewrites the note meanwhile; the list hears of it and reads it again.
    await adapter.checklists!.setState(contact.id, defs[0]!.id, first.version, { note: 'Per mail toegestemd, zie dossier' });
    await el.loaded;
    const save = () => [...row(el, 'AVG').querySelectorAll<HTMLButtonElement>('.note-editor button')][0]!.click();
    save();
    await settle(el);
    expect((await adapter.checklists!.states(contact.id))[0]!.note, "the colleague's note stays").to.equal('Per mail toegestemd, zie dossier');
    expect(row(el, 'AVG').querySelector('[role="alert"]')!.textContent).to.contain('Per mail toegestemd, zie dossier');
    expect(row(el, 'AVG').querySelector('textarea')!.value, 'the own text is kept').to.equal('Mijn aanvulling');

    save();
    await settle(el);
    expect((await adapter.checklists!.states(contact.id))[0]!.note, 'saved again: replaced, knowingly').to.equal('Mijn aanvulling');
    expect(row(el, 'AVG').querySelector('textarea')).to.equal(null);
  });

  it("says a note a colleague removed while the editor was open was removed, not changed to nothing", async () => {
    const { adapter, contact, defs, first, el } = await addingToNote();
    await adapter.checklists!.setState(contact.id, defs[0]!.id, first.version, { note: '' });
    await el.loaded;
    [...row(el, 'AVG').querySelectorAll<HTMLButtonElement>('.note-editor button')][0]!.click();
    await settle(el);
    expect(row(el, 'AVG').querySelector('[role="alert"]')!.textContent!.trim()).to.equal('Someone else removed the note meanwhile. Save again to put yours in its place.');
    expect(row(el, 'AVG').querySelector('textarea')!.value, 'the own text is kept').to.equal('Mijn aanvulling');
  });

  it('saves a note when only the tick changed while it was written', async () => {
    const { adapter, contact, defs } = await world();
    const el = await mount(adapter, contact);
    row(el, 'AVG').querySelector<HTMLButtonElement>('button')!.click();
    await el.updateComplete;
    const textarea = row(el, 'AVG').querySelector('textarea')!;
    textarea.value = 'Toestemming per mail';
    textarea.dispatchEvent(new Event('input'));
    await adapter.checklists!.setState(contact.id, defs[0]!.id, 0, { done: true });
    await waitUntil(() => checkbox(el, 'AVG').checked, 'the colleague’s tick shown');
    [...row(el, 'AVG').querySelectorAll<HTMLButtonElement>('.note-editor button')][0]!.click();
    await settle(el);
    const [state] = await adapter.checklists!.states(contact.id);
    expect([state!.done, state!.note]).to.deep.equal([true, 'Toestemming per mail']);
  });

  it('is read-only without the right, and for an archived contact, and says so', async () => {
    const { adapter, contact } = await world();
    adapter.session.setUser({ id: 'v', name: 'Viewer', role: 'viewer' });
    const el = await mount(adapter, contact);
    const inputs = [...root(el).querySelectorAll<HTMLInputElement>('[part~="item"] input')];
    expect(inputs.length, 'the items are shown').to.be.above(0);
    expect(inputs.filter((i) => !i.disabled), 'every input disabled').to.deep.equal([]);
    expect(root(el).querySelector('[part~="notice"]')!.textContent).to.contain('You do not have the right');
    adapter.session.setUser({ id: 'a', name: 'Admin', role: 'admin' });
    await adapter.contacts.setArchived(contact.id, contact.version, true);
    const archived = await mount(adapter, contact);
    const archivedInputs = [...root(archived).querySelectorAll<HTMLInputElement>('[part~="item"] input')];
    expect(archivedInputs.length, 'the items are shown').to.be.above(0);
    expect(archivedInputs.filter((i) => !i.disabled), 'every input disabled').to.deep.equal([]);
    expect(root(archived).textContent).to.contain('This contact is archived');
    await expect(archived).to.be.accessible();
  });

  it('takes a note with a length limit and a clear message, saves it, and cancels without saving', async () => {
    const { adapter, contact, defs } = await world();
    const el = await mount(adapter, contact, { lang: 'nl' });
    row(el, 'KvK').querySelector<HTMLButtonElement>('button')!.click();
    await el.updateComplete;
    const textarea = row(el, 'KvK').querySelector('textarea')!;
    expect(root(el).activeElement).to.equal(textarea);
    textarea.value = 'x'.repeat(2005);
    textarea.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(row(el, 'KvK').textContent).to.contain('De notitie is 5 tekens te lang (maximaal 2.000).');
    // Read with the field, not at every keystroke: only going over the limit is said, once.
    const status = row(el, 'KvK').querySelector('.note-editor [role="status"]')!;
    expect(row(el, 'KvK').querySelectorAll('.note-editor [aria-live]'), 'no counter spoken at each keystroke').to.have.length(0);
    expect(status.textContent!.trim()).to.equal('De notitie is langer dan 2.000 tekens.');
    textarea.value = 'x'.repeat(2010);
    textarea.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(status.textContent!.trim(), 'the same words while it stays over').to.equal('De notitie is langer dan 2.000 tekens.');
    textarea.value = 'x'.repeat(2001);
    textarea.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(row(el, 'KvK').textContent, 'one, not "1 tekens"').to.contain('De notitie is 1 teken te lang (maximaal 2.000).');
    const [save] = [...row(el, 'KvK').querySelectorAll<HTMLButtonElement>('.note-editor button')];
    expect(save!.disabled).to.equal(true);
    textarea.value = 'Uittreksel\nontvangen';
    textarea.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(status.textContent!.trim(), 'nothing to say within the limit').to.equal('');
    save!.click();
    await settle(el);
    expect(row(el, 'KvK').querySelector('[part~="note"]')!.textContent).to.contain('Uittreksel\nontvangen');
    expect((await adapter.checklists!.states(contact.id)).find((s) => s.itemId === defs[2]!.id)!.note).to.equal('Uittreksel\nontvangen');
    const noteEntry = (await adapter.timeline.all(contact.id)).find((e) => e.kind === 'checklist' && e.change?.field === 'note')!;
    expect([noteEntry.subject, noteEntry.body]).to.deep.equal(['KvK gecontroleerd', 'Uittreksel\nontvangen']);
    row(el, 'KvK').querySelector<HTMLButtonElement>('button')!.click();
    await el.updateComplete;
    const again = row(el, 'KvK').querySelector('textarea')!;
    again.value = 'weggooien';
    again.dispatchEvent(new Event('input'));
    [...row(el, 'KvK').querySelectorAll<HTMLButtonElement>('.note-editor button')][1]!.click();
    await el.updateComplete;
    expect(row(el, 'KvK').querySelector('textarea')).to.equal(null);
    expect((await adapter.checklists!.states(contact.id)).find((s) => s.itemId === defs[2]!.id)!.note).to.equal('Uittreksel\nontvangen');
  });

  it('closes a note editor with Escape and keeps what was typed: it opens again with it; Cancel drops it', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact, { lang: 'nl' });
    const open = () => row(el, 'KvK').querySelector<HTMLButtonElement>('.line button')!;
    open().click();
    await el.updateComplete;
    const textarea = row(el, 'KvK').querySelector('textarea')!;
    textarea.value = 'Uittreksel opgevraagd';
    textarea.dispatchEvent(new Event('input'));
    textarea.focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(row(el, 'KvK').querySelector('textarea'), 'Escape closed the editor').to.equal(null);
    await waitUntil(() => root(el).activeElement === open(), 'focus back on the button that opened it');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(row(el, 'KvK').querySelector('textarea')!.value, 'what was typed is there again').to.equal('Uittreksel opgevraagd');
    [...row(el, 'KvK').querySelectorAll<HTMLButtonElement>('.note-editor button')][1]!.click();
    await el.updateComplete;
    open().click();
    await el.updateComplete;
    expect(row(el, 'KvK').querySelector('textarea')!.value, 'Cancel dropped it').to.equal('');
    expect((await adapter.checklists!.states(contact.id)).some((s) => s.note), 'nothing saved').to.equal(false);
  });

  it('goes back to its defaults when a host removes status or card-type: the modes every adapter enforces, the contact list', async () => {
    const { adapter, contact } = await world();
    // Editable, but read-only for leads: the strictest of its modes applies without a status.
    await adapter.checklists!.saveDefinition(item('Offerte', 'Relatie', 6, { modeByStatus: { lead: 'read-only' } }));
    const el = await mount(adapter, contact, { status: 'actief', cardType: 'project' });
    expect(itemsShown(el), 'the project list').to.deep.equal(['Projectpunt']);
    el.removeAttribute('card-type');
    await el.updateComplete;
    await el.loaded;
    await el.updateComplete;
    expect(itemsShown(el), 'the contact list, in the active status').to.include('Alleen bij actief');
    el.removeAttribute('status');
    await el.updateComplete;
    expect(itemsShown(el), 'without a status, as without the attribute').to.deep.equal(['AVG-toestemming', 'Nieuwsbrief gevraagd', 'KvK gecontroleerd', 'Offerte']);
    expect(checkbox(el, 'Offerte').disabled, 'read-only, as the adapter holds it').to.equal(true);
  });

  it('says a save that fails after the contact changed when that contact shows again, to its user only, and nothing on the next contact, whose same item can be ticked meanwhile', async () => {
    const { adapter, contact, relation } = await world();
    const next = await adapter.contacts.create({ relationId: relation.id, firstName: 'Bram', lastName: 'Smit' });
    let fail!: () => void;
    const gate = new Promise<void>((resolve) => (fail = resolve));
    const setState = adapter.checklists!.setState.bind(adapter.checklists);
    adapter.checklists!.setState = (contactId, ...rest) =>
      contactId === contact.id ? gate.then(() => Promise.reject(new LiftDataError('unavailable', 'The server is down.'))) : setState(contactId, ...rest);
    const el = await mount(adapter, contact);
    checkbox(el, 'AVG').click();
    await el.updateComplete;
    el.contactId = next.id;
    await el.loaded;
    await el.updateComplete;
    expect(checkbox(el, 'AVG').disabled, "Bram's item is not waiting for Lotte's save").to.equal(false);
    fail();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await el.updateComplete;
    expect(root(el).querySelector('[part~="error"]'), "Lotte's failure is not said on Bram").to.equal(null);
    checkbox(el, 'AVG').click();
    await settle(el);
    expect((await adapter.checklists!.states(next.id))[0]?.done, "Bram's tick saved").to.equal(true);
    // Back on Lotte: her tick is not shown, and why is said on the item, as it was not on Bram.
    el.contactId = contact.id;
    await el.loaded;
    await el.updateComplete;
    expect(checkbox(el, 'AVG').checked, "Lotte's unsaved tick").to.equal(false);
    expect(row(el, 'AVG').querySelector('[part~="error"]')?.textContent, 'said on coming back').to.equal(
      'Saving failed: the data cannot be reached. Your change was not kept.',
    );
    expect(checkbox(el, 'AVG').getAttribute('aria-describedby'), 'and read with the box').to.equal(row(el, 'AVG').querySelector('[part~="error"]')!.id);
    // Another user on the same list is not told of it (an element given its adapter is told of a
    // new user by an update; a provider's elements by the provider).
    adapter.session.setUser({ id: 'u-kim', name: 'Kim Jansen', role: 'admin' });
    el.requestUpdate();
    await el.loaded;
    await el.updateComplete;
    expect(root(el).querySelector('[part~="error"]'), "not said to Kim").to.equal(null);
  });

  it("forgets a note saved as the user changes under the user who saved it, and leaves the next user's own note alone", async () => {
    const sanne = { id: 'u-sanne', name: 'Sanne de Boer', role: 'admin' };
    const kim = { id: 'u-kim', name: 'Kim Jansen', role: 'admin' };
    const adapter = freshIndexedDbAdapter();
    const { contact } = await world(adapter);
    const editor = (el: LiftChecklist) => row(el, 'KvK').querySelector('textarea');
    const write = async (el: LiftChecklist, text: string) => {
      row(el, 'KvK').querySelector<HTMLButtonElement>('.line button')!.click();
      await el.updateComplete;
      editor(el)!.value = text;
      editor(el)!.dispatchEvent(new Event('input'));
      await el.updateComplete;
    };
    // Kim's note, set aside with Escape.
    adapter.session.setUser(kim);
    let el = await mount(adapter, contact);
    await write(el, 'Kim: nog bellen');
    editor(el)!.focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    el.remove();
    // Sanne saves hers; Kim takes over before the answer.
    adapter.session.setUser(sanne);
    el = await mount(adapter, contact);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const setState = adapter.checklists!.setState.bind(adapter.checklists);
    adapter.checklists!.setState = (...args) => gate.then(() => setState(...args));
    await write(el, 'Uittreksel opgevraagd');
    noteSave(el, 'KvK').click();
    await el.updateComplete;
    adapter.session.setUser(kim);
    release();
    await waitUntil(async () => (await adapter.checklists!.states(contact.id)).some((state) => state.note === 'Uittreksel opgevraagd'), 'her note saved');
    await new Promise((resolve) => setTimeout(resolve, 50));
    el.remove();
    el = await mount(adapter, contact);
    row(el, 'KvK').querySelector<HTMLButtonElement>('.line button')!.click();
    await el.updateComplete;
    expect(editor(el)?.value, "Kim's own note kept").to.equal('Kim: nog bellen');
    el.remove();
    // Sanne back on a new page: her saved note is not offered as unsaved.
    const next = freshIndexedDbAdapter({ databaseName: adapter.databaseName });
    next.session.setUser(sanne);
    el = await mount(next, contact);
    expect(editor(el), 'no editor with her saved note').to.equal(null);
  });

  it('keeps a note being written through a reload, for its user; Cancel, a save and clearDrafts forget it', async () => {
    const sanne = { id: 'u-sanne', name: 'Sanne de Boer', role: 'admin' };
    const adapter = freshIndexedDbAdapter();
    const { contact } = await world(adapter);
    adapter.session.setUser(sanne);
    const databaseName = adapter.databaseName;
    // A reload: a new page has a new adapter on the same database, and nothing in memory.
    let el = await mount(adapter, contact);
    const reload = async (user = sanne) => {
      el.remove();
      const next = freshIndexedDbAdapter({ databaseName });
      next.session.setUser(user);
      el = await mount(next, contact);
    };
    const editor = () => row(el, 'KvK').querySelector('textarea');
    const type = async (text: string) => {
      if (!editor()) row(el, 'KvK').querySelector<HTMLButtonElement>('.line button')!.click();
      await el.updateComplete;
      editor()!.value = text;
      editor()!.dispatchEvent(new Event('input'));
      await el.updateComplete;
    };
    const noteButton = (label: string) => [...row(el, 'KvK').querySelectorAll<HTMLButtonElement>('.note-editor button')].find((b) => b.textContent!.trim() === label)!;

    await type('Uittreksel opgevraagd');
    await reload();
    expect(editor()?.value, 'the editor open again with the text').to.equal('Uittreksel opgevraagd');
    editor()!.focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    await reload();
    expect(editor(), 'set aside with Escape, it stays closed').to.equal(null);
    row(el, 'KvK').querySelector<HTMLButtonElement>('.line button')!.click();
    await el.updateComplete;
    expect(editor()!.value, 'and opens with the text').to.equal('Uittreksel opgevraagd');

    await reload({ id: 'u-kim', name: 'Kim Jansen', role: 'admin' });
    expect(editor(), 'not for another user').to.equal(null);

    await reload();
    noteButton('Cancel').click();
    await reload();
    expect(editor(), 'Cancel forgot it').to.equal(null);

    await type('Uittreksel ontvangen');
    noteButton('Save').click();
    await settle(el);
    await waitUntil(() => !editor(), 'the note saved');
    await reload();
    expect(editor(), 'a saved note is not kept').to.equal(null);
    expect(row(el, 'KvK').querySelector('[part~="note"]')!.textContent).to.include('Uittreksel ontvangen');

    await type('Nog een regel');
    expect(clearDrafts(), 'one draft removed').to.equal(1);
    await reload();
    expect(editor(), 'clearDrafts forgot it').to.equal(null);
  });

  it('works from the keyboard: Tab to an item, Space ticks it', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact);
    const filter = root(el).querySelector<HTMLInputElement>('header input')!;
    filter.focus();
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement).to.equal(checkbox(el, 'AVG'));
    await sendKeys({ type: ' ' });
    await settle(el);
    expect(checkbox(el, 'AVG').checked).to.equal(true);
    expect((await adapter.checklists!.states(contact.id))[0]!.done).to.equal(true);
  });

  it('keeps an open note editor with its contact: never shown on another, there again on coming back or when made anew', async () => {
    const { adapter, contact } = await world();
    const other = await adapter.contacts.create({ relationId: contact.relationId, lastName: 'Ander' });
    const el = await mount(adapter, contact);
    row(el, 'KvK').querySelector<HTMLButtonElement>('button')!.click();
    await el.updateComplete;
    const textarea = row(el, 'KvK').querySelector('textarea')!;
    textarea.value = 'Voor Lotte';
    textarea.dispatchEvent(new Event('input'));
    el.contactId = other.id;
    await el.updateComplete;
    await el.loaded;
    await el.updateComplete;
    expect(row(el, 'KvK').querySelector('textarea')).to.equal(null);
    expect(await adapter.checklists!.states(other.id)).to.deep.equal([]);

    el.contactId = contact.id;
    await el.loaded;
    await el.updateComplete;
    expect(row(el, 'KvK').querySelector('textarea')?.value, 'back on the first contact').to.equal('Voor Lotte');
    // A card makes its checklist anew each time the tab shows.
    el.remove();
    const again = await mount(adapter, contact);
    expect(row(again, 'KvK').querySelector('textarea')?.value, 'in a checklist made anew').to.equal('Voor Lotte');
    [...row(again, 'KvK').querySelectorAll<HTMLButtonElement>('.note-editor button')][0]!.click();
    await settle(again);
    expect((await adapter.checklists!.states(contact.id)).map((state) => state.note)).to.deep.equal(['Voor Lotte']);
    again.remove();
    expect(row(await mount(adapter, contact), 'KvK').querySelector('textarea'), 'saved: nothing kept').to.equal(null);
  });

  it('a note saved while the card moves to another contact is not kept for coming back, and leaves the other contact’s editor alone', async () => {
    const { adapter, contact } = await world();
    const other = await adapter.contacts.create({ relationId: contact.relationId, lastName: 'Ander' });
    const el = await mount(adapter, other);
    row(el, 'KvK').querySelector<HTMLButtonElement>('button')!.click();
    await el.updateComplete;
    const write = (text: string) => {
      const textarea = row(el, 'KvK').querySelector('textarea')!;
      textarea.value = text;
      textarea.dispatchEvent(new Event('input'));
    };
    write('Voor de ander');
    el.contactId = contact.id;
    await el.loaded;
    await el.updateComplete;
    row(el, 'KvK').querySelector<HTMLButtonElement>('button')!.click();
    await el.updateComplete;
    write('Voor Lotte');
    [...row(el, 'KvK').querySelectorAll<HTMLButtonElement>('.note-editor button')][0]!.click();
    // On to the other contact before the save has answered.
    el.contactId = other.id;
    await waitUntil(async () => (await adapter.checklists!.states(contact.id)).some((state) => state.note === 'Voor Lotte'), 'the save');
    await el.loaded;
    await el.updateComplete;
    expect(row(el, 'KvK').querySelector('textarea')?.value, "the other contact's editor").to.equal('Voor de ander');
    el.contactId = contact.id;
    await el.loaded;
    await el.updateComplete;
    expect(row(el, 'KvK').querySelector('textarea'), 'saved: no editor kept').to.equal(null);
  });

  it("keeps a note being written for its user: another user on the same adapter does not see it", async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact);
    row(el, 'KvK').querySelector<HTMLButtonElement>('button')!.click();
    await el.updateComplete;
    const textarea = row(el, 'KvK').querySelector('textarea')!;
    textarea.value = 'Van de eerste gebruiker';
    textarea.dispatchEvent(new Event('input'));
    el.remove();
    const first = adapter.session.currentUser();
    adapter.session.setUser({ id: 'u-ander', name: 'Andere Gebruiker', role: 'admin' });
    const theirs = await mount(adapter, contact);
    expect(row(theirs, 'KvK').querySelector('textarea'), 'not for another user').to.equal(null);
    theirs.remove();
    adapter.session.setUser(first);
    expect(row(await mount(adapter, contact), 'KvK').querySelector('textarea')?.value).to.equal('Van de eerste gebruiker');
  });

  it("drops a late answer for the contact shown before: the list stays the newest contact's", async () => {
    const { adapter, contact, defs } = await world();
    const other = await adapter.contacts.create({ relationId: contact.relationId, lastName: 'Ander' });
    await adapter.checklists!.setState(other.id, defs[0]!.id, 0, { done: true });
    // The first contact's states arrive only when the test lets them, after the switch.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstAnswered: Promise<unknown> | undefined;
    const states = adapter.checklists!.states.bind(adapter.checklists);
    adapter.checklists!.states = (contactId, options) => {
      const answer = states(contactId, options).then(async (found) => (contactId === contact.id ? (await held, found) : found));
      if (contactId === contact.id) firstAnswered = answer.catch(() => undefined);
      return answer;
    };
    const el = await fixture<LiftChecklist>(html`<lift-checklist lang="en" contact-id=${contact.id} .adapter=${adapter}></lift-checklist>`);
    await waitUntil(() => firstAnswered !== undefined, "the first contact's read");
    el.contactId = other.id;
    await el.loaded;
    await el.updateComplete;
    expect(checkbox(el, 'AVG').checked, "the second contact's tick").to.equal(true);
    release();
    await firstAnswered;
    // The element's own continuation of that read runs a few microtasks later: after a task.
    await new Promise((resolve) => setTimeout(resolve));
    await el.updateComplete;
    expect(root(el).querySelector('[part~="progress"]')!.textContent!.trim(), 'after the late answer').to.equal('1 of 3 done');
    expect(checkbox(el, 'AVG').checked, "the second contact's tick, after the late answer").to.equal(true);
  });

  it("never shows the contact before's ticks for another contact: not while it loads, nor while a retry of its failed load runs", async () => {
    const { adapter, contact, defs } = await world();
    const other = await adapter.contacts.create({ relationId: contact.relationId, lastName: 'Ander' });
    await adapter.checklists!.setState(contact.id, defs[0]!.id, 0, { done: true });
    const el = await mount(adapter, contact);
    expect(checkbox(el, 'AVG').checked, "the first contact's tick").to.equal(true);
    // The other contact's states fail once, then arrive only when the test lets them.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const states = adapter.checklists!.states.bind(adapter.checklists);
    adapter.checklists!.states = async (contactId, options) => {
      if (contactId !== other.id) return states(contactId, options);
      if (calls++ === 0) throw new LiftDataError('unavailable', 'offline');
      await held;
      return states(contactId, options);
    };
    el.contactId = other.id;
    await el.updateComplete;
    expect(itemsShown(el), "items while the other contact's list loads").to.deep.equal([]);
    await waitUntil(() => root(el).querySelector('[role="alert"]'), 'the failure');
    root(el).querySelector<HTMLButtonElement>('[role="alert"] + button')!.click();
    await el.updateComplete;
    expect(itemsShown(el), 'items while the retry runs').to.deep.equal([]);
    expect(root(el).querySelector('[role="status"]')!.textContent!.trim()).to.equal('Loading the checklist…');
    release();
    await el.loaded;
    await el.updateComplete;
    expect(checkbox(el, 'AVG').checked, "the other contact's own state").to.equal(false);
  });

  it('filters to open items only', async () => {
    const { adapter, contact, defs } = await world();
    await adapter.checklists!.setState(contact.id, defs[0]!.id, 0, { done: true });
    const el = await mount(adapter, contact);
    const filter = [...root(el).querySelectorAll<HTMLInputElement>('header input[type="checkbox"]')][0]!;
    filter.click();
    await el.updateComplete;
    expect(itemsShown(el)).to.deep.equal(['Nieuwsbrief gevraagd', 'KvK gecontroleerd']);
  });

  it('with only open items shown, a tick from the keyboard moves focus to the item in its place, then to the filter', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact);
    root(el).querySelector<HTMLInputElement>('header input[type="checkbox"]')!.click();
    await el.updateComplete;
    checkbox(el, 'AVG').focus();
    await sendKeys({ type: ' ' });
    await waitUntil(() => !itemsShown(el).includes('AVG-toestemming'), 'the ticked item leaves the list');
    // "Nieuwsbrief gevraagd" is read-only: the next one that can be ticked takes focus.
    await waitUntil(() => root(el).activeElement === checkbox(el, 'KvK'), 'focus on the next item');
    await sendKeys({ type: ' ' });
    await waitUntil(() => root(el).activeElement === root(el).querySelector('header input[type="checkbox"]'), 'focus on the filter');
    expect(itemsShown(el)).to.deep.equal(['Nieuwsbrief gevraagd']);
  });

  it('ignores manage without the manage right, with a notice and a warning', async () => {
    const { adapter, contact } = await world();
    adapter.session.setUser({ id: 'e', name: 'Employee', role: 'employee' });
    let el!: LiftChecklist;
    const warnings = await captureWarnings(async () => {
      el = await mount(adapter, contact, { manage: true });
      el.manage = false;
      await el.updateComplete;
      el.manage = true;
      await el.updateComplete;
    });
    expect(root(el).querySelector('[part~="manage"]')).to.equal(null);
    expect(root(el).textContent).to.contain('Managing is not available');
    expect(warnings.some((w) => w.includes('checklist-manage'))).to.equal(true);
  });

  it('names each field of the lookup list apart, so a screen reader says which item it belongs to', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact, { manage: true, status: 'actief' });
    const controls = [...root(el).querySelectorAll<HTMLElement>('[part~="manage"] tbody :is(input, select, button)')];
    const names = controls.map((control) => control.getAttribute('aria-label') ?? '');
    expect(controls.length).to.be.above(10);
    expect(names.filter((name, i) => !name || names.indexOf(name) !== i), 'unnamed or named twice').to.deep.equal([]);
  });

  it('says the lookup list\'s messages in the language the reader switches to, and clears where a moved item went', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact, { manage: true });
    const manage = () => root(el).querySelector<HTMLElement>('[part~="manage"]')!;
    const error = () => manage().querySelector('[part~="error"]')?.textContent ?? '';
    const add = manage().querySelector<HTMLFormElement>('form')!;
    add.querySelector<HTMLInputElement>('[name="text"]')!.value = '   ';
    add.requestSubmit();
    await waitUntil(() => error() === 'Enter a text.', 'the missing text said');
    el.lang = 'nl';
    await waitUntil(() => error() === 'Vul een tekst in.', `the missing text said in Dutch (${error()})`);

    manage().querySelector<HTMLButtonElement>('tbody tr button[aria-label$="omlaag"]')!.click();
    const said = () => manage().querySelector('[role="status"]')?.textContent ?? '';
    await waitUntil(() => said().includes('staat nu op plaats 2'), 'the move said');
    // Said once; then the hidden words go, so no stale sentence stays to be found (nor in another language).
    await waitUntil(() => said() === '', 'the words cleared after a moment', { timeout: 10_000 });
  });

  it('takes no longer name or category for an item than is stored, so no refused name stays in the table', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact, { manage: true });
    const manage = root(el).querySelector<HTMLElement>('[part~="manage"]')!;
    const [name, category] = manage.querySelectorAll<HTMLInputElement>('tbody tr:first-child input');
    const [newName, newCategory] = manage.querySelectorAll<HTMLInputElement>('form input');
    // The browser stops typing at an input's maxLength (WebKit's typing by the test runner is unreliable here).
    const limits = [name, category, newName, newCategory].map((input) => input!.maxLength);
    expect(limits, 'name, category; the new item\'s name and category').to.deep.equal([200, 100, 200, 100]);
  });

  it('keeps a refused rename said and marked until it is saved, whatever is changed in other rows meanwhile', async () => {
    const { adapter, contact } = await world();
    const faults = withFaults(adapter);
    const el = await mount(faults.adapter, contact, { manage: true });
    const manage = () => root(el).querySelector<HTMLElement>('[part~="manage"]')!;
    const error = () => manage().querySelector('[part~="error"]')?.textContent ?? '';
    const inputs = (row: number) => manage().querySelectorAll<HTMLInputElement>(`tbody tr:nth-child(${row}) input`);
    const change = (input: HTMLInputElement, value: string) => {
      input.value = value;
      input.dispatchEvent(new Event('change'));
    };
    faults.fail('checklists.saveDefinition', new LiftDataError('unavailable', 'the server is away'));
    change(inputs(1)[0]!, 'AVG-toestemming getekend');
    await waitUntil(() => error().startsWith('For “AVG-toestemming”: Saving failed'), `the refused name said (${error()})`);
    expect(inputs(1)[0]!.getAttribute('aria-invalid')).to.equal('true');
    expect(manage().querySelector(`#${inputs(1)[0]!.getAttribute('aria-describedby')}`)?.textContent, 'the field points at its words').to.equal(error());
    // Another row's category saves: the first row's name is still not stored, and still said so.
    change(inputs(3)[1]!, 'Kantoor');
    await waitUntil(async () => (await adapter.checklists!.definitions('contact')).some((d) => d.category === 'Kantoor'), 'the other change stored');
    await el.updateComplete;
    expect(inputs(1)[0]!.value, 'the typed name kept').to.equal('AVG-toestemming getekend');
    expect(inputs(1)[0]!.getAttribute('aria-invalid')).to.equal('true');
    expect(error()).to.include('For “AVG-toestemming”: Saving failed');
    // Saved on a second try, the mark and the words go.
    change(inputs(1)[0]!, 'AVG-toestemming getekend');
    await waitUntil(async () => (await adapter.checklists!.definitions('contact')).some((d) => d.text === 'AVG-toestemming getekend'), 'the name stored');
    await waitUntil(() => error() === '', `the words gone once the list is read again (${error()})`);
    expect(inputs(1)[0]!.getAttribute('aria-invalid')).to.equal('false');
    // A name left empty is refused here, before any write: said and marked the same way.
    change(inputs(2)[0]!, '  ');
    await waitUntil(() => error() === 'For “Nieuwsbrief gevraagd”: Enter a text.', `the empty name said (${error()})`);
    change(inputs(3)[1]!, 'Archief');
    await waitUntil(async () => (await adapter.checklists!.definitions('contact')).some((d) => d.category === 'Archief'), 'another change stored');
    await el.updateComplete;
    expect(error(), 'still said after another row saved').to.equal('For “Nieuwsbrief gevraagd”: Enter a text.');
    expect(inputs(2)[0]!.getAttribute('aria-invalid')).to.equal('true');
  });

  it('keeps a failed add said and its field marked until an add is tried again, whatever is changed in the rows meanwhile', async () => {
    const { adapter, contact } = await world();
    const faults = withFaults(adapter);
    const el = await mount(faults.adapter, contact, { manage: true });
    const manage = () => root(el).querySelector<HTMLElement>('[part~="manage"]')!;
    const error = () => manage().querySelector('[part~="error"]')?.textContent ?? '';
    const form = () => manage().querySelector('form')!;
    const text = () => form().querySelector<HTMLInputElement>('[name="text"]')!;
    faults.fail('checklists.saveDefinition', new LiftDataError('unavailable', 'the server is away'));
    text().value = 'Kerstkaart sturen';
    form().requestSubmit();
    await waitUntil(() => error().includes('Saving failed'), `the failed add said (${error()})`);
    expect(text().getAttribute('aria-invalid')).to.equal('true');
    expect(manage().querySelector(`#${text().getAttribute('aria-describedby')}`)?.textContent, 'the field points at its words').to.equal(error());
    // A row's category saves meanwhile: the item typed is still not added, and still said so.
    const category = manage().querySelectorAll<HTMLInputElement>('tbody tr:nth-child(2) input')[1]!;
    category.value = 'Kantoor';
    category.dispatchEvent(new Event('change'));
    await waitUntil(async () => (await adapter.checklists!.definitions('contact')).some((d) => d.category === 'Kantoor'), 'the other change stored');
    await el.updateComplete;
    expect(text().value, 'the typed item kept').to.equal('Kerstkaart sturen');
    expect(error()).to.include('Saving failed');
    expect(text().getAttribute('aria-invalid')).to.equal('true');
    // Added on a second try: the words and the mark go.
    form().requestSubmit();
    await waitUntil(() => itemsShown(el).includes('Kerstkaart sturen'), 'the item added');
    await waitUntil(() => error() === '', `the words gone (${error()})`);
    expect(text().getAttribute('aria-invalid')).to.equal('false');
  });

  it("keeps both of two statuses' modes changed one after the other before the first is stored", async () => {
    const { adapter, contact, defs } = await world();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const saveDefinition = adapter.checklists!.saveDefinition.bind(adapter.checklists);
    adapter.checklists!.saveDefinition = async (...args) => (await held, saveDefinition(...args));
    const el = await mount(adapter, contact, { manage: true });
    el.statuses = ['actief', 'gesloten'];
    await el.updateComplete;
    const selects = () => root(el).querySelectorAll<HTMLSelectElement>('[part~="manage"] tbody tr:first-child select');
    const choose = (select: HTMLSelectElement, value: string) => {
      select.value = value;
      select.dispatchEvent(new Event('change'));
    };
    // The item's own mode, then one per status.
    choose(selects()[1]!, 'hidden');
    choose(selects()[2]!, 'read-only');
    release();
    await waitUntil(async () => (await adapter.checklists!.definitions('contact')).find((d) => d.id === defs[0]!.id)!.modeByStatus.gesloten === 'read-only', 'the second stored');
    await el.loaded;
    await el.updateComplete;
    const stored = (await adapter.checklists!.definitions('contact')).find((d) => d.id === defs[0]!.id)!;
    expect(stored.modeByStatus).to.deep.equal({ actief: 'hidden', gesloten: 'read-only' });
    expect([...selects()].slice(1).map((s) => s.value), 'the table shows both').to.deep.equal(['hidden', 'read-only']);
  });

  it('manages the lookup list, and the changes persist when the element is made anew (IndexedDB)', async () => {
    const databaseName = uniqueDatabaseName('checklist-manage');
    const { contact } = await world(freshIndexedDbAdapter({ databaseName }));
    const el = await mount(freshIndexedDbAdapter({ databaseName }), contact, { manage: true, status: 'actief' });
    const manage = () => root(el).querySelector<HTMLElement>('[part~="manage"]')!;
    const rows = () => [...manage().querySelectorAll<HTMLTableRowElement>('tbody tr')];
    const texts = () => rows().map((r) => r.querySelector<HTMLInputElement>('input')!.value);
    expect(texts()).to.deep.equal(['AVG-toestemming', 'Nieuwsbrief gevraagd', 'KvK gecontroleerd', 'Intern punt', 'Alleen bij actief']);

    // Add.
    const form = manage().querySelector('form')!;
    form.querySelector<HTMLInputElement>('[name="text"]')!.value = 'Kerstkaart sturen';
    form.querySelector<HTMLInputElement>('[name="category"]')!.value = 'Relatie';
    form.requestSubmit();
    await waitUntil(() => texts().includes('Kerstkaart sturen'), 'the new item');

    // Rename and re-categorise.
    const renamed = rows()[0]!.querySelectorAll<HTMLInputElement>('input');
    renamed[0]!.value = 'AVG-toestemming vastgelegd';
    renamed[0]!.dispatchEvent(new Event('change'));
    await waitUntil(() => texts()[0] === 'AVG-toestemming vastgelegd', 'the rename');
    const category = rows()[0]!.querySelectorAll<HTMLInputElement>('input')[1]!;
    category.value = 'Compliance';
    category.dispatchEvent(new Event('change'));
    await waitUntil(() => rows()[0]!.querySelectorAll<HTMLInputElement>('input')[1]!.value === 'Compliance', 'the category');

    // Reorder with the keyboard: focus "down" on the first row and press Enter.
    await el.loaded;
    await el.updateComplete;
    rows()[0]!.querySelector<HTMLButtonElement>('button[aria-label^="Move"][aria-label$="down"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => texts()[1] === 'AVG-toestemming vastgelegd', 'the move');
    // Focus stays on the row's button, so a screen reader hears where the item went.
    const said = () => manage().querySelector('[role="status"]')?.textContent;
    await waitUntil(() => said() === '“AVG-toestemming vastgelegd” is now in place 2 of 6.', 'the move said');

    // Mode for the status: make "Intern punt" editable while actief.
    const internRow = rows().find((r) => r.querySelector<HTMLInputElement>('input')!.value === 'Intern punt')!;
    const statusSelect = internRow.querySelectorAll('select')[1]!;
    statusSelect.value = 'editable';
    statusSelect.dispatchEvent(new Event('change'));
    await waitUntil(() => itemsShown(el).includes('Intern punt'), 'the status mode');

    // Delete, after confirming in a dialog.
    const kvkRow = rows().find((r) => r.querySelector<HTMLInputElement>('input')!.value === 'KvK gecontroleerd')!;
    kvkRow.querySelector<HTMLButtonElement>('button[aria-label^="Delete"]')!.click();
    await el.updateComplete;
    const dialog = manage().querySelector('dialog')!;
    await waitUntil(() => dialog.open, 'the confirmation');
    expect(dialog.textContent).to.contain('Delete the item “KvK gecontroleerd”?');
    dialog.querySelector<HTMLButtonElement>('button[value="confirm"]')!.click();
    await waitUntil(() => !texts().includes('KvK gecontroleerd'), 'the deletion');
    await expect(el).to.be.accessible();

    // A new element on a new connection sees all of it.
    el.remove();
    const again = await mount(freshIndexedDbAdapter({ databaseName }), contact, { manage: true, status: 'actief' });
    const againTexts = [...root(again).querySelectorAll<HTMLTableRowElement>('[part~="manage"] tbody tr')].map((r) => r.querySelector<HTMLInputElement>('input')!.value);
    expect(againTexts).to.deep.equal(['Nieuwsbrief gevraagd', 'AVG-toestemming vastgelegd', 'Intern punt', 'Alleen bij actief', 'Kerstkaart sturen']);
    expect([...root(again).querySelectorAll('legend')].map((l) => l.textContent!.trim())).to.include('Compliance');
    expect(itemsShown(again)).to.include('Intern punt');
    const deleted = (await freshIndexedDbAdapter({ databaseName }).checklists!.definitions('contact', { includeDeleted: true })).find((d) => d.text === 'KvK gecontroleerd');
    expect(deleted?.deleted).to.equal(true);
  });

  /** The lookup list's management, on an adapter whose saves of an item wait until `release()`, as over a slow link. */
  async function slowAdds() {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact, { manage: true, status: 'actief' });
    const manage = () => root(el).querySelector<HTMLElement>('[part~="manage"]')!;
    const texts = () => [...manage().querySelectorAll<HTMLTableRowElement>('tbody tr')].map((r) => r.querySelector<HTMLInputElement>('input')!.value);
    const saveDefinition = adapter.checklists!.saveDefinition.bind(adapter.checklists);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    adapter.checklists!.saveDefinition = async (definition) => (await gate, saveDefinition(definition));
    const form = manage().querySelector('form')!;
    return { adapter, el, form, text: form.querySelector<HTMLInputElement>('[name="text"]')!, texts, release };
  }

  it('adds an item once when Add is pressed twice on a slow link, and the next one typed meanwhile after it', async () => {
    const { adapter, el, form, text, texts, release } = await slowAdds();
    text.value = 'Kerstkaart sturen';
    form.requestSubmit();
    form.requestSubmit();
    text.value = 'Bedankje sturen';
    form.requestSubmit();
    release();
    await waitUntil(() => texts().includes('Kerstkaart sturen') && texts().includes('Bedankje sturen'), 'both added');
    await el.updateComplete;
    expect(texts().filter((t) => t === 'Kerstkaart sturen'), 'added once').to.have.length(1);
    expect(texts().slice(-2), 'in the order sent').to.deep.equal(['Kerstkaart sturen', 'Bedankje sturen']);
    const orders = (await adapter.checklists!.definitions('contact')).map((d) => d.order);
    expect(new Set(orders).size, 'each its own place').to.equal(orders.length);
  });

  it('keeps the next item typed while one is added', async () => {
    const { el, form, text, texts, release } = await slowAdds();
    text.value = 'Kerstkaart sturen';
    form.requestSubmit();
    text.value = 'Tweede';
    release();
    await waitUntil(() => texts().includes('Kerstkaart sturen'), 'added');
    await el.updateComplete;
    expect(text.value, 'what was typed meanwhile').to.equal('Tweede');
  });

  it('adds one item after another as editable unless the user picks another mode: the form starts each anew', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact, { manage: true });
    const form = () => root(el).querySelector<HTMLElement>('[part~="manage"]')!.querySelector('form')!;
    const mode = () => form().querySelector<HTMLSelectElement>('[name="mode"]')!;
    for (const text of ['Kerstkaart sturen', 'Nieuwjaarswens']) {
      expect(mode().value, `the mode offered for "${text}"`).to.equal('editable');
      form().querySelector<HTMLInputElement>('[name="text"]')!.value = text;
      form().requestSubmit();
      await waitUntil(() => itemsShown(el).includes(text), `"${text}" in the checklist`);
    }
    const stored = await adapter.checklists!.definitions('contact');
    expect(stored.filter((item) => ['Kerstkaart sturen', 'Nieuwjaarswens'].includes(item.text)).map((item) => item.mode)).to.deep.equal(['editable', 'editable']);
  });

  it('asks again when the management comes back after it went with the question open, and every Delete still asks', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact, { manage: true });
    const dialog = () => root(el).querySelector<HTMLDialogElement>('[part~="manage"] dialog');
    const deleteButton = (text: string) => root(el).querySelector<HTMLButtonElement>(`[part~="manage"] button[aria-label="Delete “${text}”"]`)!;
    deleteButton('KvK gecontroleerd').click();
    await waitUntil(() => dialog()?.open, 'the confirmation');
    // The management goes while the question is open (the host turns it off), and comes back.
    el.manage = false;
    await el.updateComplete;
    expect(dialog(), 'gone with the management').to.equal(null);
    el.manage = true;
    await el.loaded;
    await waitUntil(() => dialog()?.open, 'the unanswered question asked again');
    expect(dialog()!.textContent).to.contain('Delete the item “KvK gecontroleerd”?');
    const closed = oneEvent(dialog()!, 'close');
    dialog()!.querySelector<HTMLButtonElement>('button[value="cancel"]')!.click();
    await closed;
    deleteButton('Intern punt').click();
    await waitUntil(() => dialog()?.open, 'another Delete asks');
    expect(dialog()!.textContent).to.contain('Delete the item “Intern punt”?');
    expect((await adapter.checklists!.definitions('contact')).length, "nothing deleted: the contact's five items").to.equal(5);
  });

  it('asks before deleting in a modal dialog: Escape keeps the item and gives focus back to its button; deleting moves focus to the row below, the last row to the new-item field', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact, { manage: true });
    const manage = () => root(el).querySelector<HTMLElement>('[part~="manage"]')!;
    const dialog = () => manage().querySelector('dialog')!;
    const deleteButton = (text: string) => manage().querySelector<HTMLButtonElement>(`button[aria-label="Delete “${text}”"]`)!;
    const focused = () => root(el).activeElement;
    const ask = async (text: string) => {
      deleteButton(text).focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => dialog().open, 'the confirmation');
      expect(dialog().textContent).to.contain(`Delete the item “${text}”?`);
      expect(focused()?.getAttribute('value'), 'the least harmful choice has focus').to.equal('cancel');
    };

    await ask('KvK gecontroleerd');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog().open, 'the dialog to close');
    await waitUntil(() => focused() === deleteButton('KvK gecontroleerd'), 'focus back on the delete button');

    await ask('KvK gecontroleerd');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !deleteButton('KvK gecontroleerd'), 'the deletion');
    await waitUntil(() => focused() === deleteButton('Intern punt'), 'focus on the row that took its place');

    await ask('Alleen bij actief');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !deleteButton('Alleen bij actief'), 'the deletion of the last row');
    await waitUntil(() => focused() === manage().querySelector('input[name="text"]'), 'focus on the new-item field');
  });

  it('deletes an item whose name was changed just before ✕ was pressed, without calling it a change made by someone else', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact, { manage: true });
    const manage = () => root(el).querySelector<HTMLElement>('[part~="manage"]')!;
    const name = manage().querySelector<HTMLInputElement>('tbody tr:nth-child(3) input')!;
    // The field's change is sent as focus leaves it for the delete button.
    name.value = 'KvK nagekeken';
    name.dispatchEvent(new Event('change'));
    manage().querySelector<HTMLButtonElement>('tbody tr:nth-child(3) button[data-remove]')!.click();
    await waitUntil(() => manage().querySelector('dialog')!.open, 'the confirmation');
    manage().querySelector<HTMLButtonElement>('dialog button[value="confirm"]')!.click();
    await waitUntil(async () => !(await adapter.checklists!.definitions('contact')).some((d) => d.text.startsWith('KvK')), 'the item deleted');
    await settle(el);
    expect(manage().querySelector('[part~="error"]')?.textContent ?? '', 'nothing said about anyone else').to.equal('');
    expect(itemsShown(el)).to.deep.equal(['AVG-toestemming', 'Nieuwsbrief gevraagd']);
  });

  it("shows each mode as stored after colleagues' changes, also one the user chose in that row before", async () => {
    const { adapter, contact, defs } = await world();
    const el = await mount(adapter, contact, { manage: true });
    const mode = () => root(el).querySelector<HTMLSelectElement>('[part~="manage"] tbody tr:first-child select')!;
    mode().value = 'read-only';
    mode().dispatchEvent(new Event('change'));
    const stored = async () => (await adapter.checklists!.definitions('contact')).find((d) => d.id === defs[0]!.id)!;
    await waitUntil(async () => (await stored()).mode === 'read-only', 'the choice stored');
    // A colleague sets it back, then to read-only again; each change is heard and the list read again.
    await adapter.checklists!.saveDefinition({ ...(await stored()), mode: 'editable' });
    await waitUntil(() => mode().value === 'editable', "the colleague's mode shown");
    await adapter.checklists!.saveDefinition({ ...(await stored()), mode: 'read-only' });
    await waitUntil(() => mode().value === 'read-only', `the stored mode shown (${mode().value})`);
  });

  it('shows a loading error with a retry', async () => {
    const { adapter, contact } = await world();
    const faults = withFaults(adapter);
    faults.fail('checklists.definitions', new LiftDataError('unavailable', 'offline'));
    const el = await fixture<LiftChecklist>(html`<lift-checklist lang="en" contact-id=${contact.id} .adapter=${faults.adapter}></lift-checklist>`);
    await el.loaded;
    await el.updateComplete;
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('The checklist could not be loaded: the data cannot be reached.');
    el.setAttribute('lang', 'nl');
    // The language follows the attribute through a mutation observer: after a task.
    await new Promise((resolve) => setTimeout(resolve));
    await el.updateComplete;
    const dutch = root(el).querySelector('[role="alert"]')!.textContent!;
    expect(dutch, 'no English from the adapter in a Dutch card').to.contain('De checklist kon niet worden geladen: de gegevens zijn niet bereikbaar.');
    expect(dutch).not.to.contain('offline');
    el.setAttribute('lang', 'en');
    await new Promise((resolve) => setTimeout(resolve));
    await el.updateComplete;
    await expect(el).to.be.accessible();
    // From the keyboard: the button goes with the failure, and focus to the list's heading.
    root(el).querySelector<HTMLButtonElement>('button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => itemsShown(el).length === 3, 'the retry');
    await waitUntil(() => root(el).activeElement?.id === 'heading', `focus on the heading, not the page (${root(el).activeElement?.localName ?? 'none'})`);
    expect(root(el).activeElement!.textContent!.trim()).to.equal('Checklist');
  });

  it('taken out of the page and put back, reads again what changed meanwhile, showing the list it had until then', async () => {
    const { adapter, contact, defs } = await world();
    const el = await mount(adapter, contact);
    const parent = el.parentElement!;
    el.remove();
    // An update while out of the page (a host setting a property) is no return to it.
    el.requestUpdate();
    await el.updateComplete;
    // Ticked elsewhere while the element was out of the page, where it hears no change feed.
    await adapter.checklists!.setState(contact.id, defs[0]!.id, 0, { done: true });
    parent.append(el);
    await el.updateComplete;
    expect(itemsShown(el), 'the list it had, while it reads again').to.deep.equal(['AVG-toestemming', 'Nieuwsbrief gevraagd', 'KvK gecontroleerd']);
    expect(checkbox(el, 'AVG').checked, 'not yet read').to.equal(false);
    expect(root(el).querySelector('section')!.getAttribute('aria-busy'), 'busy while it reads').to.equal('true');
    await el.loaded;
    await el.updateComplete;
    expect(checkbox(el, 'AVG').checked, 'the tick made meanwhile').to.equal(true);
    expect(root(el).querySelector('[part~="progress"]')!.textContent!.trim()).to.equal('1 of 3 done');
  });

  it('put back while its own save is on the way, reads again only after it answered, so the saved tick stays shown', async () => {
    const { adapter, contact } = await world();
    const { release } = holdSaves(adapter);
    const el = await mount(adapter, contact);
    checkbox(el, 'AVG').click();
    await el.updateComplete;
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await el.updateComplete;
    release();
    await settle(el);
    await el.loaded;
    await el.updateComplete;
    await savedTickShows(el);
  });

  it('shows a tick saved after the list was read again meanwhile (another contact and back) as done', async () => {
    const { adapter, relation, contact } = await world();
    const other = await adapter.contacts.create({ relationId: relation.id, firstName: 'Sem', lastName: 'Smit' });
    const { release } = holdSaves(adapter);
    const el = await mount(adapter, contact);
    checkbox(el, 'AVG').click();
    await el.updateComplete;
    el.contactId = other.id;
    await el.loaded;
    el.contactId = contact.id;
    await el.loaded;
    release();
    await settle(el);
    await el.loaded;
    await el.updateComplete;
    await savedTickShows(el);
  });

  it('leaves focus where the user went while a tick was saved, and gives it back only when it fell to the page', async () => {
    const { adapter, contact } = await world();
    const { release, hold } = holdSaves(adapter);
    const el = await mount(adapter, contact);
    checkbox(el, 'AVG').focus();
    await sendKeys({ type: ' ' });
    await el.updateComplete;
    // While it saves, the user opens another item's note and writes in it.
    row(el, 'KvK').querySelector<HTMLButtonElement>('button')!.click();
    await el.updateComplete;
    const textarea = row(el, 'KvK').querySelector('textarea')!;
    textarea.focus();
    release();
    await settle(el);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(checkbox(el, 'AVG').checked, 'the tick saved').to.equal(true);
    expect(root(el).activeElement, 'focus stays in the note being written').to.equal(textarea);

    // With nothing else chosen meanwhile, the box ticked from the keyboard has focus again.
    hold();
    checkbox(el, 'KvK').focus();
    await sendKeys({ type: ' ' });
    await el.updateComplete;
    release();
    await settle(el);
    await waitUntil(() => root(el).activeElement === checkbox(el, 'KvK'), 'focus back on the box');
  });

  it('passes axe with items, a note editor open and in Dutch', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact, { lang: 'nl' });
    expect(root(el).querySelector('[part~="progress"]')!.textContent!.trim()).to.equal('0 van 3 afgerond');
    await expect(el).to.be.accessible();
    row(el, 'KvK').querySelector<HTMLButtonElement>('button')!.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
