import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftButtonBar } from '../src/button-bar/button-bar.js';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import '../src/lift-checklist.js';
import '../src/lift-contact-card.js';
import '../src/lift-contact-timeline.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { withFaults } from './faults.js';
import { listen, mountCard } from './harness.js';
import { waitUntil } from './helpers.js';
import { demoWorld, oneContact } from './worlds.js';

// The card's Refresh reads the open tab's list again too, and so do the timeline's and the
// checklist's own refresh(): news the change feed did not bring (a dropped stream, another
// backend) shows. The feed is muted and the news written through the adapter underneath, so
// only a refresh can bring it.

const text = (el: Element | null | undefined) => el?.textContent!.replace(/\s+/g, ' ').trim() ?? '';
const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();
const timelineOf = (card: LiftContactCard) => card.shadowRoot!.querySelector<LiftContactTimeline>('lift-contact-timeline')!;
const checklistOf = (card: LiftContactCard) => card.shadowRoot!.querySelector<LiftChecklist>('lift-checklist')!;
/** The overview's rows as the reader sees them, top first. */
const subjects = (el: LiftContactTimeline) => [...el.shadowRoot!.querySelectorAll('article')].map((a) => text(a.querySelector('.subject')));
const progress = (el: LiftChecklist) => text(el.shadowRoot!.querySelector('[part~="progress"]'));
const itemRow = (el: LiftChecklist, itemText: string) => [...el.shadowRoot!.querySelectorAll('[part~="item"]')].find((li) => text(li.querySelector('label span')) === itemText);

/** Presses the bar's Refresh, as a user does, and waits until the card says it refreshed. */
async function refresh(card: LiftContactCard): Promise<void> {
  const heard = listen(card);
  const bar = card.shadowRoot!.querySelector<LiftButtonBar>('lift-button-bar')!;
  bar.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="refresh"]')!.click();
  await waitUntil(() => heard.includes('Card refreshed.'), 'the card said it refreshed');
  await card.updateComplete;
}

/** A contact with three notes of the user's own, an hour apart, the oldest first. */
async function withNotes(adapter: LiftAdapter) {
  const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
  const notes = [];
  for (const [i, subject] of ['Eerste notitie', 'Tweede notitie', 'Derde notitie'].entries()) {
    notes.push(await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject, body: '', occurredAt: minutes((i - 3) * 60) }));
  }
  return { contact, notes };
}

afterEach(dropDatabases);

describe('<lift-contact-card> refresh on its tabs', () => {
  it('shows a note added and one corrected elsewhere on the Overview, focus staying on its entry', async () => {
    const adapter = freshIndexedDbAdapter();
    const { contact, notes } = await withNotes(adapter);
    const faults = withFaults(adapter);
    faults.muteFeed();
    const card = await mountCard(faults.adapter, contact.id, { tab: 'overview' });
    await waitUntil(() => timelineOf(card)?.shadowRoot?.querySelector('article'), 'the overview');
    const timeline = timelineOf(card);
    await timeline.loaded;
    expect(subjects(timeline)).to.deep.equal(['Derde notitie', 'Tweede notitie', 'Eerste notitie']);
    const focused = () => timeline.shadowRoot!.activeElement as HTMLElement | null;
    // The reader went down the list by keyboard to the second entry.
    timeline.shadowRoot!.querySelector<HTMLElement>('article[tabindex="0"]')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => focused()?.dataset.position === '2', 'focus on the second entry');
    expect(text(focused()?.querySelector('.subject'))).to.equal('Tweede notitie');

    // Elsewhere (another device; the feed is muted here): a new note, and the first corrected.
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Nieuwe notitie', body: '', occurredAt: minutes(-1) });
    await adapter.timeline.update(notes[0]!.id, { subject: 'Eerste notitie, verbeterd' });
    await refresh(card);

    expect(subjects(timeline)).to.deep.equal(['Nieuwe notitie', 'Derde notitie', 'Tweede notitie', 'Eerste notitie, verbeterd']);
    expect(card.shadowRoot!.activeElement, 'focus stays in the overview').to.equal(timeline);
    expect(text(focused()?.querySelector('.subject')), 'focus on the entry that had it').to.equal('Tweede notitie');
    expect(focused()!.dataset.position).to.equal('3');
    const stops = timeline.shadowRoot!.querySelectorAll('article[tabindex="0"]');
    expect(stops.length, 'one tab stop').to.equal(1);
    expect(stops[0]).to.equal(focused());
  });

  it('shows the entry open in the item detail as corrected elsewhere, and says so when it was deleted elsewhere', async () => {
    const adapter = freshIndexedDbAdapter();
    const { contact, notes } = await withNotes(adapter);
    const faults = withFaults(adapter);
    faults.muteFeed();
    const card = await mountCard(faults.adapter, contact.id, { tab: 'overview', detailTabs: 'personal item' });
    await waitUntil(() => timelineOf(card)?.shadowRoot?.querySelector('article'), 'the overview');
    const timeline = timelineOf(card);
    await timeline.loaded;
    const detail = () => card.shadowRoot!.querySelector('[part~="detail-panel"]')!;
    [...timeline.shadowRoot!.querySelectorAll<HTMLElement>('article')].find((a) => text(a.querySelector('.subject')) === 'Tweede notitie')!.click();
    await waitUntil(() => text(detail().querySelector('h3')) === 'Tweede notitie', 'the entry in the item detail');

    await adapter.timeline.update(notes[1]!.id, { subject: 'Tweede notitie, verbeterd', body: 'Aangevuld' });
    await refresh(card);
    expect([text(detail().querySelector('h3')), text(detail().querySelector('p.body'))], 'the detail as the entry is now, once the card says it refreshed').to.deep.equal([
      'Tweede notitie, verbeterd',
      'Aangevuld',
    ]);

    await adapter.timeline.remove(notes[1]!.id);
    await refresh(card);
    expect(text(detail())).to.equal('This entry was deleted.');
    // The Edit and Delete buttons went with it.
    expect(detail().querySelector('button.entry-edit-button')).to.equal(null);
  });

  it('shows an e-mail sent elsewhere on the Correspondence tab, and not a note', async () => {
    const adapter = freshIndexedDbAdapter();
    const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
    await adapter.timeline.add({ contactId: contact.id, kind: 'email', subject: 'Offerte verstuurd', body: '', occurredAt: minutes(-120) });
    const faults = withFaults(adapter);
    faults.muteFeed();
    const card = await mountCard(faults.adapter, contact.id, { tab: 'correspondence' });
    await waitUntil(() => timelineOf(card)?.shadowRoot?.querySelector('article'), 'the correspondence');
    const timeline = timelineOf(card);
    expect(subjects(timeline)).to.deep.equal(['Offerte verstuurd']);

    await adapter.timeline.add({ contactId: contact.id, kind: 'email', subject: 'Re: Offerte', body: '', occurredAt: minutes(-2) });
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Alleen in het overzicht', body: '', occurredAt: minutes(-1) });
    await refresh(card);

    expect(subjects(timeline)).to.deep.equal(['Re: Offerte', 'Offerte verstuurd']);
    expect(text(timeline.shadowRoot!.querySelector('[part~="status"]'))).to.equal('2 items');
  });

  it('shows an item ticked elsewhere on the Checklist tab', async () => {
    const { adapter, seeded } = await demoWorld();
    const id = seeded.contactIds[0]!;
    const faults = withFaults(adapter);
    faults.muteFeed();
    const card = await mountCard(faults.adapter, id, { tab: 'checklist' });
    await waitUntil(() => checklistOf(card) && progress(checklistOf(card)), 'the checklist');
    const checklist = checklistOf(card);
    expect(progress(checklist)).to.equal('0 of 6 done');

    // Ticked elsewhere (another device; the feed is muted here).
    const definitions = await adapter.checklists!.definitions('contact');
    const states = await adapter.checklists!.states(id);
    const item = definitions.find((d) => d.mode === 'editable' && !states.some((s) => s.itemId === d.id && s.done))!;
    await adapter.checklists!.setState(id, item.id, states.find((s) => s.itemId === item.id)?.version ?? 0, { done: true });
    await refresh(card);

    expect(progress(checklist)).to.equal('1 of 6 done');
    const row = itemRow(checklist, item.text)!;
    expect(row.querySelector<HTMLInputElement>('input[type="checkbox"]')!.checked, 'its box ticked').to.equal(true);
    expect(text(row.querySelector('[part~="meta"]'))).to.match(/^Done by .+ on .+$/);
  });
});

describe('refresh() of the elements on their own', () => {
  it('<lift-contact-timeline> shows what was added and corrected elsewhere, keeping its search', async () => {
    const adapter = freshIndexedDbAdapter();
    const { contact, notes } = await withNotes(adapter);
    const faults = withFaults(adapter);
    faults.muteFeed();
    const el = await fixture<LiftContactTimeline>(html`<lift-contact-timeline lang="en" contact-id=${contact.id} query="notitie" .adapter=${faults.adapter}></lift-contact-timeline>`);
    await el.loaded;
    await el.updateComplete;
    expect(subjects(el)).to.deep.equal(['Derde notitie', 'Tweede notitie', 'Eerste notitie']);

    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Vierde notitie', body: '', occurredAt: minutes(-1) });
    await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Gebeld', body: '', occurredAt: minutes(-1) });
    await adapter.timeline.update(notes[1]!.id, { subject: 'Tweede notitie, verbeterd' });
    await el.refresh();

    expect(subjects(el)).to.deep.equal(['Vierde notitie', 'Derde notitie', 'Tweede notitie, verbeterd', 'Eerste notitie']);
    expect(el.query).to.equal('notitie');
  });

  it('<lift-checklist> shows an item ticked elsewhere', async () => {
    const { adapter, seeded } = await demoWorld();
    const id = seeded.contactIds[0]!;
    const faults = withFaults(adapter);
    faults.muteFeed();
    const el = await fixture<LiftChecklist>(html`<lift-checklist lang="en" contact-id=${id} .adapter=${faults.adapter}></lift-checklist>`);
    await el.loaded;
    await el.updateComplete;
    expect(progress(el)).to.equal('0 of 6 done');

    const item = (await adapter.checklists!.definitions('contact')).find((d) => d.mode === 'editable')!;
    const version = (await adapter.checklists!.states(id)).find((s) => s.itemId === item.id)?.version ?? 0;
    await adapter.checklists!.setState(id, item.id, version, { done: true });
    await el.refresh();

    expect(progress(el)).to.equal('1 of 6 done');
    expect(itemRow(el, item.text)!.querySelector<HTMLInputElement>('input[type="checkbox"]')!.checked).to.equal(true);
  });
});
