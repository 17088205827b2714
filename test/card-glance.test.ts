import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import type { IndexedDbAdapter } from '../src/data/adapters/indexeddb-adapter.js';
import type { TimelineEntry, WorkItem } from '../src/data/contract/model.js';
import { openWork } from '../src/contact-card/parts/glance-data.js';
import type { StoredRecord } from '../src/data/engine/store.js';
import { registerStrings } from '../src/i18n/localize.js';
import '../src/lift-contact-card.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { withFaults } from './faults.js';
import { mountCard } from './harness.js';
import { typeInto, waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

// The card's "at a glance" part beside the header (last contact, next activity, open work) and
// the records one step away: the relation (an event a host handles) and its other contacts.

const DAY = 86_400_000;

async function world(adapter: IndexedDbAdapter = freshIndexedDbAdapter()) {
  const relation = await adapter.relations.create({ kind: 'client', name: 'Studio Noord' });
  const colleague = await adapter.contacts.create({ relationId: relation.id, firstName: 'Kees', lastName: 'Bakker', jobTitle: 'Inkoper' });
  const contact = await adapter.contacts.create({ relationId: relation.id, firstName: 'Julia', lastName: 'Visser', jobTitle: 'Directeur' });
  const elsewhere = await adapter.relations.create({ kind: 'supplier', name: 'Papier BV' });
  await adapter.contacts.create({ relationId: elsewhere.id, firstName: 'Piet', lastName: 'Anders' });
  const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();
  const entry = (id: string, kind: TimelineEntry['kind'], subject: string, days: number): TimelineEntry => ({
    id, contactId: contact.id, kind, subject, body: '', author: 'Sanne de Boer', occurredAt: at(days),
  });
  // The newest contact is the call two days ago (the note since is no contact); the nearest
  // planned activity the meeting in three days, not the task in twenty.
  await adapter.importRecords({
    timeline: [
      entry('t1', 'email', 'Offerte verstuurd', -10),
      entry('t2', 'call', 'Gebeld over de offerte', -2),
      entry('t3', 'note', 'Interne notitie', -1),
      entry('t4', 'task', 'Offerte nabellen', 20),
      entry('t5', 'meeting', 'Kennismaking', 3),
    ] as unknown as StoredRecord[],
  });
  const project = await adapter.work!.create({ kind: 'project', contactId: contact.id, title: 'Huisstijl 2027' });
  return { adapter, relation, contact, colleague, project };
}

const $ = <T extends Element = HTMLElement>(card: LiftContactCard, selector: string) => card.shadowRoot!.querySelector<T & Element>(selector);
const text = (el: Element | null) => el?.textContent!.replace(/\s+/g, ' ').trim() ?? '';
const glance = (card: LiftContactCard) => $(card, '[part~="glance"]');

/** The summary's code and words arrive after the card's first paint, in two chunks: on a busy machine that can take a while. */
async function glanceReady(card: LiftContactCard) {
  await waitUntil(() => glance(card) && !glance(card)!.querySelector('[role="status"]'), 'the summary to load');
}

/**
 * The first call of `group[method]` that `which` picks reads at once and answers only on
 * `release()`, as over a slow link: a change made meanwhile is not in its answer.
 */
function answerLate<G extends object>(group: G, method: keyof G & string, which: (...args: unknown[]) => boolean = () => true) {
  const methods = group as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const read = methods[method]!.bind(group);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const late = { asked: false, release: () => release() };
  methods[method] = (...args) => {
    if (late.asked || !which(...args)) return read(...args);
    late.asked = true;
    return read(...args).then(async (answer) => (await gate, answer));
  };
  return late;
}

// Each test works on a database of its own, removed afterwards.
afterEach(() => dropDatabases());

describe('the card at a glance', () => {
  it('shows the last contact, the next planned activity and the open work beside the header, in English and Dutch', async () => {
    const { adapter, contact } = await world();
    const card = await mountCard(adapter, contact.id);
    await glanceReady(card);
    expect(glance(card)!.getAttribute('aria-label')).to.equal(`At a glance: ${contact.firstName} ${contact.lastName}`);
    expect(text($(card, '.last'))).to.include('Call').and.include('Gebeld over de offerte');
    expect(text($(card, '.next'))).to.include('Meeting').and.include('Kennismaking');
    expect(text($(card, '.work'))).to.equal('1 lead, request or project');
    // Beside the header on a wide card: the same row, to its right.
    const header = $(card, 'header')!.getBoundingClientRect();
    const aside = glance(card)!.getBoundingClientRect();
    expect(aside.left).to.be.greaterThan(header.left + header.width / 2);
    expect(Math.abs(aside.top - header.top)).to.be.lessThan(2);
    await expect(card).to.be.accessible();

    card.lang = 'nl';
    await waitUntil(() => glance(card)?.getAttribute('aria-label')?.startsWith('In één oogopslag: '), 'Dutch');
    expect(text($(card, '.last'))).to.include('Telefoongesprek');
    expect(text($(card, '.next'))).to.include('Afspraak');
  });

  it('names its regions with the contact: two cards side by side have regions a screen reader tells apart', async () => {
    const { adapter, contact, colleague } = await world();
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <lift-contact-card lang="en" contact-id=${contact.id} detail-tabs="personal" .adapter=${adapter}></lift-contact-card>
      <lift-contact-card lang="en" contact-id=${colleague.id} detail-tabs="personal" .adapter=${adapter}></lift-contact-card>
    </div>`);
    const cards = [...wrapper.querySelectorAll<LiftContactCard>('lift-contact-card')];
    for (const card of cards) {
      await card.loaded;
      await glanceReady(card);
    }
    const labels = cards.flatMap((card) => [...card.shadowRoot!.querySelectorAll('section[aria-label]')].map((s) => s.getAttribute('aria-label')));
    expect(labels).to.have.members(['At a glance: Julia Visser', 'Details: Julia Visser', 'At a glance: Kees Bakker', 'Details: Kees Bakker']);
  });

  it('counts work that ends today as open until the reader\'s own day is over', () => {
    const item = (id: string, endDate: string | undefined, archived = false) => ({ id, endDate, archived }) as WorkItem;
    const items = [item('ends-today', '2026-03-01'), item('ended', '2026-02-28'), item('no-end', undefined), item('archived', '2026-03-05', true)];
    // Just after midnight and late in the evening: east or west of Greenwich, one of them is
    // another day in UTC.
    for (const now of [new Date(2026, 2, 1, 0, 30), new Date(2026, 2, 1, 23, 30)]) {
      const work = openWork(items, now)!;
      expect(work.count, now.toString()).to.equal(2);
      expect(work.due?.id, now.toString()).to.equal('ends-today');
    }
  });

  it('counts the open work in the form the number takes, in English and Dutch', async () => {
    const { adapter, contact } = await world();
    const one = await mountCard(adapter, contact.id);
    await glanceReady(one);
    expect(text($(one, '.work'))).to.equal('1 lead, request or project');
    one.lang = 'nl';
    await waitUntil(() => text($(one, '.work')) === '1 lead, aanvraag of project', 'one, in Dutch');
    await adapter.work!.create({ kind: 'lead', contactId: contact.id, title: 'Website' });
    await adapter.work!.create({ kind: 'request', contactId: contact.id, title: 'Drukwerk' });
    const three = await mountCard(adapter, contact.id, { lang: 'nl' });
    await glanceReady(three);
    await waitUntil(() => text($(three, '.work')) === '3 leads, aanvragen of projecten', 'three, in Dutch');
    three.lang = 'en';
    await waitUntil(() => text($(three, '.work')) === '3 leads, requests or projects', 'three, in English');
  });

  it('says when nothing was recorded or planned, and follows a call recorded meanwhile', async () => {
    const adapter = freshIndexedDbAdapter();
    const { contact } = await oneContact(adapter, 'Leeg BV', { lastName: 'Nieuw' });
    const card = await mountCard(adapter, contact.id);
    await glanceReady(card);
    expect(text($(card, '.last'))).to.equal('No contact recorded yet');
    expect(text($(card, '.next'))).to.equal('Nothing planned');
    expect(text($(card, '.work'))).to.equal('No open work');
    await adapter.timeline.add({ contactId: contact.id, kind: 'meeting', subject: 'Lunch', body: '', occurredAt: new Date(Date.now() + 2 * DAY).toISOString() });
    await waitUntil(() => text($(card, '.next')).includes('Lunch'), 'the planned meeting to show');
  });

  for (const [width, where] of [[400, 'under'], [900, 'beside']] as const) {
    it(`keeps its place ${where} the header of a ${width} px card from the first paint, so its arrival moves nothing`, async () => {
      const adapter = freshIndexedDbAdapter();
      const { contact } = await oneContact(adapter, 'Leeg BV', { lastName: 'Nieuw' });
      const box = await fixture<HTMLElement>(html`<div style=${`width: ${width}px`}>
        <lift-contact-card lang="en" contact-id=${contact.id} .adapter=${adapter}></lift-contact-card>
      </div>`);
      const card = box.querySelector<LiftContactCard>('lift-contact-card')!;
      await card.loaded;
      await card.updateComplete;
      const tabsAt = () => $(card, '[part~="tabs"]')!.getBoundingClientRect().top - card.getBoundingClientRect().top;
      const first = tabsAt();
      await glanceReady(card);
      expect(text($(card, '.last'))).to.equal('No contact recorded yet');
      const header = $(card, 'header')!.getBoundingClientRect();
      const aside = glance(card)!.getBoundingClientRect();
      if (where === 'under') expect(aside.top, 'under the header').to.be.greaterThan(header.bottom - 1);
      else expect(aside.left, 'beside the header').to.be.greaterThan(header.right - 1);
      expect(tabsAt(), 'the tabs stayed where the first paint put them').to.be.closeTo(first, 1);
    });
  }

  it('keeps the summary shown while it reads it again after a save or a new entry, instead of flashing "loading"', async () => {
    const { adapter, contact } = await world();
    const card = await mountCard(adapter, contact.id);
    await glanceReady(card);
    const seen: string[] = [];
    const watcher = new MutationObserver(() => seen.push(text(glance(card))));
    watcher.observe(glance(card)!, { subtree: true, childList: true, characterData: true });
    $(card, '[part~="name"]')!.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true }));
    await typeInto(card, $<HTMLInputElement>(card, '#field-jobTitle')!, 'Eigenaar');
    $<HTMLButtonElement>(card, '[part~="form-actions"] button[type="submit"]')!.click();
    await waitUntil(() => text($(card, '[part~="save-state"]')).includes('Saved at'), 'the save');
    // The change is a new overview entry, which the summary reads again.
    await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Teruggebeld', body: '' });
    // The summary reads again after the card's own reads of the change: in WebKitGTK beside two
    // other browsers on two cores that took over the default 5 s once.
    await waitUntil(() => text($(card, '.last')).includes('Teruggebeld'), 'the summary read again', { timeout: 15_000 });
    watcher.disconnect();
    expect(seen.filter((shown) => shown.includes('Loading')), 'the summary never gave way to "loading"').to.deep.equal([]);
  });

  it('moves a planned activity to the last contact once its time has passed, even on a store whose clock runs ahead', async () => {
    // A store a second and a half ahead of this browser, as a team server's clock may be: a call
    // logged there just now is still in this browser's future when the summary reads it.
    const { adapter, contact } = await world(freshIndexedDbAdapter({ now: () => new Date(Date.now() + 1_500) }));
    const card = await mountCard(adapter, contact.id);
    await glanceReady(card);
    await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Teruggebeld', body: '' });
    await waitUntil(() => text($(card, '.last')).includes('Teruggebeld'), 'the call as the last contact once its time has come', { timeout: 10_000 });
    expect(text($(card, '.next'))).to.include('Kennismaking');
  });

  it('makes an e-mail or a letter logged on a store whose clock runs ahead the last contact once its time has come, with nothing planned', async () => {
    // A store a second and a half ahead of this browser: an e-mail or letter logged there just now
    // is in this browser's future when the summary reads it, neither the last contact nor planned.
    const adapter = freshIndexedDbAdapter({ now: () => new Date(Date.now() + 1_500) });
    const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
    await adapter.timeline.add({ contactId: contact.id, kind: 'email', subject: 'Oud', body: '', occurredAt: new Date(Date.now() - DAY).toISOString() });
    const card = await mountCard(adapter, contact.id);
    await glanceReady(card);
    const last = () => text($(card, '.last'));
    await waitUntil(() => last().includes('Oud'), 'the old e-mail');
    await adapter.timeline.add({ contactId: contact.id, kind: 'email', subject: 'Offerte verstuurd', body: '' });
    await waitUntil(() => last().includes('Offerte verstuurd'), 'the e-mail as the last contact once its time has come', { timeout: 10_000 });
    await adapter.timeline.add({ contactId: contact.id, kind: 'letter', subject: 'Contract per post', body: '' });
    await waitUntil(() => last().includes('Contract per post'), 'the letter as the last contact once its time has come', { timeout: 10_000 });
  });

  it('speaks the words a host registered for the card, and English where the host says nothing', async () => {
    // A tag of its own (German, privately marked), so no other test meets these words.
    const language = `de-x-${Math.random().toString(36).slice(2, 8)}`;
    registerStrings(language, { 'lift-contact-card': { 'glance.label': 'Auf einen Blick', 'glance.last': 'Letzter Kontakt' } });
    const { adapter, contact } = await world();
    const card = await mountCard(adapter, contact.id, { lang: language });
    await glanceReady(card);
    expect(glance(card)!.getAttribute('aria-label')).to.equal('Auf einen Blick: Julia Visser');
    const terms = () => [...glance(card)!.querySelectorAll('dt')].map(text);
    expect(terms()[0]).to.equal('Letzter Kontakt');
    await waitUntil(() => terms()[1] === 'Next activity', 'a word the host left out, in English');
  });

  it('says it could not load, and loads on Try again, with keyboard focus kept in the card; so does the projects tab', async () => {
    const { adapter, contact } = await world();
    const faults = withFaults(adapter);
    faults.fail('timeline.query', new LiftDataError('unavailable', 'Offline.'));
    faults.fail('work.listForContact', new LiftDataError('unavailable', 'Offline.'));
    const card = await mountCard(faults.adapter as LiftAdapter, contact.id, { tab: 'projects' });
    await waitUntil(() => glance(card)?.querySelector('[role="alert"]'), 'the error');
    expect(text(glance(card)!.querySelector('[role="alert"]'))).to.include('The summary could not be loaded');
    const retry = (scope: Element) => [...scope.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === 'Try again');
    retry(glance(card)!)!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text($(card, '.last')).includes('Gebeld'), 'the summary after the retry');
    // The button went with the failure: focus is on the contact's name, not the page.
    await waitUntil(() => card.shadowRoot!.activeElement?.matches('[part~="name"]'), `focus in the card after the summary's retry (on ${document.activeElement?.localName})`);
    const panel = $(card, '[part~="panel"]')!;
    await waitUntil(() => retry(panel), "the projects' failure");
    retry(panel)!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(card, 'table.projects, [part~="panel"] .empty'), 'the projects after the retry');
    await waitUntil(() => card.shadowRoot!.activeElement?.matches('[part~="name"]'), `focus in the card after the projects' retry (on ${document.activeElement?.localName})`);
  });
});

describe('records one step away', () => {
  it('opens the relation through lift-open-relation; a host that cancels it handles it', async () => {
    const { adapter, contact, relation } = await world();
    const card = await mountCard(adapter, contact.id, { detailTabs: 'personal function' });
    const button = $(card, '[part~="relation"]')!;
    expect(button.textContent).to.equal('Studio Noord');
    card.addEventListener('lift-open-relation', (event) => event.preventDefault(), { once: true });
    button.focus();
    const cancelled = oneEvent(card, 'lift-open-relation');
    await sendKeys({ press: 'Enter' });
    const event = await cancelled;
    expect(event.detail.relation.id).to.equal(relation.id);
    expect([event.bubbles, event.composed, event.cancelable]).to.deep.equal([true, true, true]);
    await card.updateComplete;
    expect(text($(card, '[part~="detail-tabs"] [aria-selected="true"]'))).to.equal('Personal details');
    const opened = oneEvent(card, 'lift-open-relation');
    button.click();
    await opened;
    await card.updateComplete;
    expect(text($(card, '[part~="detail-tabs"] [aria-selected="true"]'))).to.equal('Function and relation');
  });

  it('lists the other contacts at the relation and opens one with the keyboard through lift-contact-open', async () => {
    const { adapter, contact, colleague } = await world();
    const card = await mountCard(adapter, contact.id);
    await waitUntil(() => glance(card)?.querySelector('button[data-contact-id]'), 'the colleagues');
    const details = glance(card)!.querySelector('details')!;
    expect(text(details.querySelector('summary'))).to.equal('Other contacts at Studio Noord');
    const listed = [...details.querySelectorAll<HTMLButtonElement>('button[data-contact-id]')];
    expect(listed.map((b) => text(b))).to.deep.equal(['Kees Bakker']);
    expect(text(listed[0]!.closest('li'))).to.include('Inkoper');
    details.querySelector('summary')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(details.open).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(card.shadowRoot!.activeElement).to.equal(listed[0]);
    const open = oneEvent(card, 'lift-contact-open');
    await sendKeys({ press: 'Enter' });
    expect((await open).detail).to.deep.equal({ contactId: colleague.id, from: 'relation' });
    await waitUntil(() => card.contactId === colleague.id, 'the colleague to open');
    await card.loaded;
    await waitUntil(() => text($(card, 'button[part~="name"]')) === 'Kees Bakker', 'the colleague shown');
    await waitUntil(() => glance(card)?.querySelector('button[data-contact-id]'), 'the colleague’s colleagues');
    expect([...glance(card)!.querySelectorAll('button[data-contact-id]')].map((b) => text(b))).to.deep.equal(['Julia Visser']);
    await expect(card).to.be.accessible();
  });

  for (const when of ['meanwhile', 'while the list was on its way'] as const) {
    it(`lists the contact it leaves for a colleague under the name given to it ${when}`, async () => {
      const { adapter, contact, colleague } = await world();
      const late = when === 'meanwhile' ? undefined : answerLate(adapter.contacts, 'list', (options) => !!(options as { relationId?: string } | undefined)?.relationId);
      const card = await mountCard(adapter, contact.id);
      if (late) await waitUntil(() => late.asked, 'the colleagues asked for');
      else await waitUntil(() => glance(card)?.querySelector('button[data-contact-id]'), 'the colleagues');
      await adapter.contacts.update(contact.id, contact.version, { lastName: 'Visser-de Wit' });
      await waitUntil(() => text($(card, 'button[part~="name"]')) === 'Julia Visser-de Wit', 'the card follows the new name');
      late?.release();
      await waitUntil(() => glance(card)?.querySelector(`button[data-contact-id="${colleague.id}"]`), 'the colleagues');
      glance(card)!.querySelector<HTMLButtonElement>(`button[data-contact-id="${colleague.id}"]`)!.click();
      await waitUntil(() => text($(card, 'button[part~="name"]')) === 'Kees Bakker', 'the colleague shown');
      const listed = () => [...(glance(card)?.querySelectorAll('button[data-contact-id]') ?? [])].map((b) => text(b));
      await waitUntil(() => listed().length && !listed().includes('Kees Bakker'), 'the colleague’s colleagues');
      expect(listed()).to.deep.equal(['Julia Visser-de Wit']);
    });
  }

  it('names a relation renamed by an import while the card was reading it', async () => {
    const { adapter, relation, contact } = await world();
    const late = answerLate(adapter.relations, 'get');
    const card = await fixture<LiftContactCard>(html`<lift-contact-card lang="en" contact-id=${contact.id} .adapter=${adapter}></lift-contact-card>`);
    await waitUntil(() => late.asked, 'the relation asked for');
    await adapter.importRecords({ relations: [{ ...relation, name: 'Studio Zuid' }] as unknown as StoredRecord[] });
    late.release();
    await card.loaded;
    await waitUntil(() => text($(card, '[part="header"]')).includes('Studio Zuid'), 'the new name');
  });

  it('names a relation renamed by an import, whether one of its contacts showed then or not', async () => {
    const { adapter, relation, contact, colleague } = await world();
    const card = await mountCard(adapter, contact.id);
    const summary = () => text(glance(card)?.querySelector('details summary') ?? null);
    const rename = (name: string) => adapter.importRecords({ relations: [{ ...relation, name }] as unknown as StoredRecord[] });
    await waitUntil(() => summary() === 'Other contacts at Studio Noord', 'the colleagues');
    await rename('Studio Noord en Zuid');
    await waitUntil(() => summary() === 'Other contacts at Studio Noord en Zuid', 'the rename while its contact shows');
    expect(text($(card, '[part="header"]'))).to.include('Studio Noord en Zuid');
    card.contactId = '';
    await card.loaded;
    await rename('Studio Zuid');
    card.contactId = colleague.id;
    await waitUntil(() => summary() === 'Other contacts at Studio Zuid', 'the rename heard while no contact showed');
    expect(text($(card, '[part="header"]'))).to.include('Studio Zuid');
  });

  it('asks before leaving unsaved edits for another contact of the relation', async () => {
    const { adapter, contact, colleague } = await world();
    const card = await mountCard(adapter, contact.id, { detailTabs: 'personal' });
    await typeInto(card, $<HTMLInputElement>(card, '#field-jobTitle')!, 'Eigenaar');
    await waitUntil(() => glance(card)?.querySelector('button[data-contact-id]'), 'the colleagues');
    glance(card)!.querySelector<HTMLButtonElement>(`button[data-contact-id="${colleague.id}"]`)!.click();
    await waitUntil(() => $(card, 'dialog.ask[open]'), 'the question');
    [...$(card, 'dialog.ask')!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Cancel')!.click();
    await card.updateComplete;
    expect(card.contactId).to.equal(contact.id);
    expect(card.dirty).to.equal(true);
  });

  it('lists the relation’s contacts in Dutch, with a "show more" past the first page', async () => {
    const { adapter, contact } = await world();
    for (let i = 0; i < 11; i++) await adapter.contacts.create({ relationId: contact.relationId, lastName: `Collega ${i}` });
    const card = await mountCard(adapter, contact.id, { lang: 'nl' });
    // One page of the list (the contact itself left out of it), then the rest on request.
    await waitUntil(() => (glance(card)?.querySelectorAll('button[data-contact-id]').length ?? 0) >= 10, 'the first page');
    expect(glance(card)!.querySelectorAll('button[data-contact-id]').length).to.be.lessThan(12);
    expect(text(glance(card)!.querySelector('summary'))).to.equal('Andere contactpersonen bij Studio Noord');
    const more = [...glance(card)!.querySelectorAll('button')].find((b) => b.textContent === 'Meer tonen')!;
    const shown = glance(card)!.querySelectorAll('button[data-contact-id]').length;
    glance(card)!.querySelector('details')!.open = true;
    more.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => glance(card)!.querySelectorAll('button[data-contact-id]').length === 12, 'all twelve others');
    expect([...glance(card)!.querySelectorAll('button')].some((b) => b.textContent === 'Meer tonen')).to.equal(false);
    // The button went with the last page: focus is on the first contact it brought, not on the page.
    await waitUntil(() => card.shadowRoot!.activeElement === glance(card)!.querySelectorAll('button[data-contact-id]')[shown], 'focus on the first new contact');
    // A colleague joins the relation elsewhere: the list read again keeps every contact it showed,
    // with the newcomer among them, and focus stays on its contact.
    const focused = card.shadowRoot!.activeElement as HTMLElement;
    const id = focused.dataset.contactId;
    await adapter.contacts.create({ relationId: contact.relationId, lastName: 'Nieuwkomer' });
    await waitUntil(() => glance(card)!.textContent!.includes('Nieuwkomer'), 'the newcomer listed');
    expect(glance(card)!.querySelectorAll('button[data-contact-id]').length, 'not folded back to one page').to.equal(13);
    expect([...glance(card)!.querySelectorAll('button')].some((b) => b.textContent === 'Meer tonen'), 'nothing more to show').to.equal(false);
    expect((card.shadowRoot!.activeElement as HTMLElement | null)?.dataset.contactId, 'focus on the same contact').to.equal(id);
  });

  it('lists a contact who joins a relation that had no others', async () => {
    const adapter = freshIndexedDbAdapter();
    const relation = await adapter.relations.create({ kind: 'client', name: 'Eenmanszaak Ida' });
    const alone = await adapter.contacts.create({ relationId: relation.id, firstName: 'Ida', lastName: 'Alleen' });
    const card = await mountCard(adapter, alone.id);
    await waitUntil(() => glance(card)?.textContent!.includes('No other contacts at this relation.'), 'none at first');
    await adapter.contacts.create({ relationId: relation.id, firstName: 'Tom', lastName: 'Nieuw' });
    await waitUntil(() => glance(card)!.querySelectorAll('button[data-contact-id]').length === 1, 'the newcomer listed');
    expect(glance(card)!.textContent).to.include('Tom Nieuw').and.not.include('No other contacts');
  });

  /** A Dutch card of a contact with 25 others at the relation, their first page shown; `names` of those listed, `more` the "show more" button. */
  async function crowdedRelation() {
    const { adapter, contact } = await world();
    for (let i = 0; i < 24; i++) await adapter.contacts.create({ relationId: contact.relationId, lastName: `Collega ${i}` });
    const card = await mountCard(adapter, contact.id, { lang: 'nl' });
    const names = () => [...(glance(card)?.querySelectorAll('button[data-contact-id]') ?? [])].map((b) => b.textContent!.trim());
    const more = () => [...(glance(card)?.querySelectorAll('button') ?? [])].find((b) => b.textContent === 'Meer tonen');
    await waitUntil(() => names().length >= 10, 'the first page');
    return { adapter, contact, names, more };
  }

  /** Presses "show more" until it has gone: each of the 24, the newcomer and the contact there before then shows once. */
  async function showAll(names: () => string[], more: () => HTMLButtonElement | undefined) {
    for (let clicks = 0; more() && clicks < 5; clicks++) {
      const count = names().length;
      more()!.click();
      await waitUntil(() => names().length > count, `more after ${count}`);
    }
    expect(more(), 'all shown').to.equal(undefined);
    expect(new Set(names()).size, 'each once').to.equal(names().length);
    expect(names().length, 'the 24, the newcomer and the contact there before').to.equal(26);
  }

  it('keeps the relation’s contacts as listed when one joins elsewhere, and "show more" goes on to each of the others once', async () => {
    const { adapter, contact, names, more } = await crowdedRelation();
    const first = names();
    await adapter.contacts.create({ relationId: contact.relationId, lastName: 'Nieuwkomer' });
    await waitUntil(() => names().includes('Nieuwkomer'), 'the newcomer listed');
    expect(names().filter((name) => name !== 'Nieuwkomer'), 'the list as it was, in its order').to.deep.equal(first);
    await showAll(names, more);
  });

  /** Holds the next read of the relation's contacts that `which` picks until `release()`; `asked` settles when it has begun. */
  function holdList(adapter: IndexedDbAdapter, which: (options: { cursor?: string }) => boolean) {
    const list = adapter.contacts.list.bind(adapter.contacts);
    let begun!: () => void;
    let release!: () => void;
    const asked = new Promise<void>((resolve) => (begun = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held: ReturnType<typeof list> | undefined;
    adapter.contacts.list = (options) => {
      if (held || !options?.relationId || !which(options)) return list(options);
      begun();
      return (held = gate.then(() => list(options)));
    };
    return { asked, release: async () => (release(), await held!.catch(() => undefined)) };
  }

  it('keeps the contacts "show more" brought while the list was being read again', async () => {
    const { adapter, contact, names, more } = await crowdedRelation();
    // Read again after a newcomer, the list holds a page past what shows for "show more".
    await adapter.contacts.create({ relationId: contact.relationId, lastName: 'Nieuwkomer' });
    await waitUntil(() => names().includes('Nieuwkomer') && more(), 'the newcomer listed');
    // Another joins, and the list's read again waits, as over a slow link, while "show more" is pressed.
    const read = holdList(adapter, () => true);
    await adapter.contacts.create({ relationId: contact.relationId, lastName: 'Tweede nieuwkomer' });
    await read.asked;
    const count = names().length;
    more()!.click();
    await waitUntil(() => names().length > count, 'more shown');
    const opened = names();
    await read.release();
    await waitUntil(() => names().includes('Tweede nieuwkomer'), 'the second newcomer listed');
    expect(opened.filter((name) => !names().includes(name)), 'none folded back behind "show more"').to.deep.equal([]);
  });

  it('shows both the newcomer and the next page when "show more" is pressed while the list is read again', async () => {
    const { adapter, contact, names, more } = await crowdedRelation();
    // A newcomer who sorts first joins, and the list's read again waits, as over a slow link.
    const read = holdList(adapter, (options) => !options.cursor);
    await adapter.contacts.create({ relationId: contact.relationId, lastName: 'Aanloop' });
    await read.asked;
    const count = names().length;
    more()!.click();
    await read.release();
    await waitUntil(() => names().length > count + 1, 'more shown');
    await waitUntil(() => names().includes('Aanloop'), 'the newcomer listed');
    await showAll(names, more);
  });

  it('shows the next page "show more" asked for when the list is read again before it came', async () => {
    const { adapter, contact, names, more } = await crowdedRelation();
    // "Show more" reads the next page over a slow link; meanwhile a newcomer joins.
    const read = holdList(adapter, (options) => !!options.cursor);
    const count = names().length;
    more()!.click();
    await read.asked;
    // The card's list hears of the newcomer before this test does: it subscribed first.
    const heard = new Promise<void>((resolve) => {
      const off = adapter.subscribe((change) => 'resource' in change && change.resource === 'contact' && (off(), resolve()));
    });
    await adapter.contacts.create({ relationId: contact.relationId, lastName: 'Aanloop' });
    await heard;
    await read.release();
    await waitUntil(() => names().length > count + 1, 'the next page shown');
    await waitUntil(() => names().includes('Aanloop'), 'the newcomer listed');
    await showAll(names, more);
  });
});
