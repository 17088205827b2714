import { expect } from '@open-wc/testing';
import type { LiftButtonBar } from '../src/button-bar/button-bar.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import '../src/lift-contact-card.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { withFaults } from './faults.js';
import { listen, mountCard } from './harness.js';
import { waitUntil } from './helpers.js';
import { demoWorld, oneContact } from './worlds.js';

// What the bar's refresh brings back beyond the record (the glance, the checklist detail), and
// the function detail while a failed relation read is tried again. The feed is muted where it
// would otherwise bring the news itself: only the refresh may.

const $ = (c: LiftContactCard, s: string) => c.shadowRoot!.querySelector<HTMLElement>(s);
const text = (el: Element | null) => el?.textContent!.replace(/\s+/g, ' ').trim() ?? '';
const days = (n: number) => new Date(Date.now() + n * 864e5).toISOString();

/** Presses the bar's Refresh, as a user does, and waits until the card says it refreshed. */
async function refresh(card: LiftContactCard): Promise<void> {
  const heard = listen(card);
  const bar = $(card, 'lift-button-bar') as LiftButtonBar;
  bar.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="refresh"]')!.click();
  await waitUntil(() => heard.includes('Card refreshed.'), 'the card said it refreshed');
  await card.updateComplete;
}

/** Holds every relation read on `adapter` from now on until the returned release, as a slow backend does; then they answer. */
function holdRelations(adapter: LiftAdapter): () => void {
  const read = adapter.relations.get.bind(adapter.relations);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  adapter.relations.get = async (...args) => {
    await released;
    return read(...args);
  };
  return release;
}

afterEach(dropDatabases);

describe('<lift-contact-card> refresh', () => {
  it('reads the glance again: last contact, next activity, open work and the other contacts', async () => {
    const { adapter, contact, relation } = await oneContact(freshIndexedDbAdapter(), 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
    await adapter.timeline.add({ contactId: contact.id, kind: 'email', subject: 'Oude mail', body: '', occurredAt: days(-5) });
    const faults = withFaults(adapter);
    faults.muteFeed();
    const card = await mountCard(faults.adapter, contact.id);
    const glance = () => $(card, '[part~="glance"]');
    await waitUntil(() => glance()?.querySelector('dl') && !glance()!.querySelector('[role="status"]'), 'the glance read');
    expect(text($(card, '.last'))).to.match(/^E-mail · .+ · Oude mail$/);
    expect(text($(card, '.next'))).to.equal('Nothing planned');
    expect(text($(card, '.work'))).to.equal('No open work');
    expect(text($(card, '.colleagues p'))).to.equal('No other contacts at this relation.');

    // Elsewhere (the feed is muted): a project, a call just now, a meeting tomorrow, a colleague.
    await adapter.work!.create({ kind: 'project', contactId: contact.id, title: 'Huisstijl' });
    await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Nieuw gesprek', body: '', occurredAt: new Date(Date.now() - 60_000).toISOString() });
    await adapter.timeline.add({ contactId: contact.id, kind: 'meeting', subject: 'Offerte bespreken', body: '', occurredAt: days(1) });
    await adapter.contacts.create({ firstName: 'Pieter', lastName: 'Bakker', relationId: relation.id });
    await refresh(card);

    await waitUntil(() => text($(card, '.last')).includes('Nieuw gesprek'), `the last contact read again (shows "${text($(card, '.last'))}")`);
    expect(text($(card, '.last'))).to.match(/^Call · .+ · Nieuw gesprek$/);
    expect(text($(card, '.next'))).to.match(/^Meeting · .+ · Offerte bespreken$/);
    expect(text($(card, '.work'))).to.equal('1 lead, request or project');
    await waitUntil(() => $(card, '.colleagues li'), `the other contacts read again (shows "${text($(card, '.colleagues'))}")`);
    expect([...card.shadowRoot!.querySelectorAll('.colleagues li')].map(text)).to.deep.equal(['Pieter Bakker']);
    expect(glance()!.querySelector('[role="alert"]')).to.equal(null);
  });

  it('reads the open checklist detail again', async () => {
    const { adapter, seeded } = await demoWorld();
    const id = seeded.contactIds[0]!;
    const faults = withFaults(adapter);
    faults.muteFeed();
    const card = await mountCard(faults.adapter, id);
    $(card, '#detail-tab-checklist-item')!.click();
    await waitUntil(() => $(card, 'ul.checklist'), 'the checklist detail');
    const progress = () => text($(card, '[part~="detail-panel"] p'));
    expect(progress()).to.equal('0 of 6 done');

    // Ticked elsewhere (on another device; the feed is muted here).
    const definitions = await adapter.checklists!.definitions('contact');
    const states = await adapter.checklists!.states(id);
    const item = definitions.find((d) => d.mode === 'editable' && !states.some((s) => s.itemId === d.id && s.done))!;
    await adapter.checklists!.setState(id, item.id, states.find((s) => s.itemId === item.id)?.version ?? 0, { done: true });
    await refresh(card);

    await waitUntil(() => progress() !== '0 of 6 done', `the checklist detail read again (shows "${progress()}")`);
    expect(progress()).to.equal('1 of 6 done');
    const line = [...card.shadowRoot!.querySelectorAll('ul.checklist li')].find((li) => text(li.querySelector('strong')) === item.text)!;
    expect(text(line.querySelector('span'))).to.match(/^ticked by .+, .+$/);
  });
});

describe('<lift-contact-card> trying an unreadable relation again', () => {
  it('says it is loading while it reads, never "Relation —", then shows the relation', async () => {
    const { adapter, contact } = await oneContact(freshIndexedDbAdapter(), 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
    const faults = withFaults(adapter);
    faults.fail('relations.get', new LiftDataError('unavailable', 'down'));
    const card = await mountCard(faults.adapter, contact.id, { detailTabs: 'function' });
    const panel = () => $(card, '[part~="detail-panel"]')!;
    const header = () => $(card, '[part~="header"]')!;
    const rows = () => [...panel().querySelectorAll('dl > div')].map((row) => `${text(row.querySelector('dt'))}: ${text(row.querySelector('dd'))}`);
    await waitUntil(() => panel().querySelector('[role="alert"]'), 'the failure');
    expect(text(panel())).to.not.match(/Relation\s*—/);

    const release = holdRelations(adapter);
    [...panel().querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Try again')!.click();
    await card.updateComplete;
    await waitUntil(() => panel().querySelector('[role="status"]'), `a loading status (the panel shows "${text(panel())}")`);
    expect(text(panel().querySelector('[role="status"]'))).to.equal('Loading…');
    expect(rows()).to.deep.equal(['Job title: —', 'Department: —']);
    expect(panel().querySelector('[role="alert"]')).to.equal(null);
    // Nor do the header or the glance say there is none.
    expect(text(header())).to.not.include('Relation');
    expect($(card, '.colleagues')).to.equal(null);
    // In Dutch, the card's own word for it.
    card.lang = 'nl';
    await waitUntil(() => text(panel().querySelector('[role="status"]')) === 'Laden…', `the status in Dutch (shows "${text(panel())}")`);
    card.lang = 'en';
    await waitUntil(() => text(panel().querySelector('[role="status"]')) === 'Loading…', 'the status in English again');

    release();
    await waitUntil(() => !panel().querySelector('[role="status"]'), `the relation read (the panel shows "${text(panel())}")`);
    expect(rows()).to.deep.equal(['Job title: —', 'Department: —', 'Relation: Studio Noord', 'Kind: client']);
    expect(text($(card, '[part~="relation"]'))).to.equal('Studio Noord');
    expect(panel().querySelector('[role="alert"]')).to.equal(null);
  });
});

describe('<lift-contact-card> a refresh that fails', () => {
  after(dropDatabases);

  it('keeps the card as it showed, says why with the old data still there, and a later refresh clears the notice', async () => {
    const { adapter, seeded } = await demoWorld({ contacts: 1, entriesPerContact: 2 });
    const faults = withFaults(adapter);
    const card = await mountCard(faults.adapter, seeded.contactIds[0]!, { lang: 'en' });
    const name = text($(card, '[part~="name"]'));
    const heard = listen(card);
    faults.fail('contacts.get', new LiftDataError('unavailable', 'down'), { times: 1 });
    ($(card, 'lift-button-bar') as LiftButtonBar).shadowRoot!.querySelector<HTMLButtonElement>('[data-action="refresh"]')!.click();
    await waitUntil(() => text($(card, '[part~="banner"][role="alert"]')).startsWith('Refreshing failed'), 'the failure, said in the card');
    expect(text($(card, '[part~="name"]')), 'the contact still shows').to.equal(name);
    expect($(card, '[part~="tabs"]'), 'with its tabs').to.exist;
    expect(heard, 'never said refreshed').not.to.include('Card refreshed.');

    // Failing again, it is said again: a new alert, not the old text left in place.
    const added: Node[] = [];
    const watch = new MutationObserver((records) => added.push(...records.flatMap((r) => [...r.addedNodes])));
    watch.observe(card.shadowRoot!, { childList: true, subtree: true });
    faults.fail('contacts.get', new LiftDataError('unavailable', 'down'), { times: 1 });
    ($(card, 'lift-button-bar') as LiftButtonBar).shadowRoot!.querySelector<HTMLButtonElement>('[data-action="refresh"]')!.click();
    await waitUntil(() => added.some((node) => node instanceof Element && node.matches('[role="alert"]') && text(node).startsWith('Refreshing failed')), 'the second failure, said as a new alert');
    watch.disconnect();

    await refresh(card);
    expect($(card, '[part~="banner"][role="alert"]'), 'the notice goes with a refresh that worked').to.equal(null);

    // A newer record shown (a colleague's change, heard on the feed) is no longer "what was read before".
    faults.fail('contacts.get', new LiftDataError('unavailable', 'down'), { times: 1 });
    ($(card, 'lift-button-bar') as LiftButtonBar).shadowRoot!.querySelector<HTMLButtonElement>('[data-action="refresh"]')!.click();
    await waitUntil(() => text($(card, '[part~="banner"][role="alert"]')).startsWith('Refreshing failed'), 'the third failure');
    const current = await adapter.contacts.get(seeded.contactIds[0]!);
    await adapter.contacts.update(current.id, current.version, { jobTitle: 'Hoofd inkoop en planning' });
    await waitUntil(() => card.shadowRoot!.querySelector<HTMLInputElement>('#field-jobTitle')?.value === 'Hoofd inkoop en planning', "the colleague's change shows in the form");
    await card.updateComplete;
    expect($(card, '[part~="banner"][role="alert"]'), 'the notice goes once newer data shows').to.equal(null);
  });
});
