import { expect } from '@open-wc/testing';
import type { LiftButtonBar } from '../src/button-bar/button-bar.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { User } from '../src/data/contract/model.js';
import { SyncAdapter } from '../src/data/sync/sync-adapter.js';
import '../src/lift-contact-card.js';
import { listen, mountCard } from './harness.js';
import { waitUntil } from './helpers.js';
import { ModelServer, type Network } from './model-server.js';
import { oneContact } from './worlds.js';

// A change the server refused stays refused, listed with what the user wrote, until the user
// presses its own "Send again" (or discards it). Refresh, "Connect now" and the browser getting
// its network back only reconnect and send what waits; "Send again" sends that change alone.
// The card runs on a copy on the device over the team server in memory; the adapter's own probe
// is set far off (10 minutes): only what the card and the test do reaches the server.

const ANNA: User = { id: 'u-anna', name: 'Anna Admin', role: 'admin' };
const ERIK: User = { id: 'u-erik', name: 'Erik Employee', role: 'employee' };
let count = 0;

const root = (el: LiftContactCard) => el.shadowRoot!;
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const banner = (el: LiftContactCard) => text(root(el).querySelector('[part~="sync"]'));
/** The refused changes listed in the card: what each says, and the buttons it offers. */
const listed = (el: LiftContactCard) => [...root(el).querySelectorAll('.sync-failed li')];
const buttonIn = (scope: ParentNode | null | undefined, label: string) =>
  [...(scope?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find((button) => text(button) === label);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Erik's browser, with a copy on the device (its own database), on a contact Anna made; the test cuts and restores its network. */
async function world() {
  const server = new ModelServer();
  const colleague = server.as(ANNA);
  const { contact } = await oneContact(colleague, 'Drukkerij Van Dam', { lastName: 'Dam', jobTitle: 'Zetter' });
  const net: Network = { offline: false, loseAnswers: 0 };
  const name = `lift-sync-refused-${Date.now().toString(36)}-${++count}`;
  const adapter = await SyncAdapter.over(server.remote(ERIK, net), { name, probeMs: 600_000 });
  cleanups.push(async () => {
    adapter.close();
    await new Promise((resolve) => (indexedDB.deleteDatabase(`${name}:model:${ERIK.id}`).onsuccess = resolve));
  });
  const mount = () => mountCard(adapter, contact.id, { detailTabs: 'personal function', selection: '', lang: 'en' });
  /** The network goes down, and the device finds out (a read that fails), as it does on its next call. */
  const goOffline = async () => {
    net.offline = true;
    await adapter.relations.list().catch(() => {});
    expect(adapter.sync.state().connection, 'the device knows it is offline').to.equal('offline');
  };
  /** The notes on the server, as the colleague reads them. */
  const onServer = async () => (await colleague.timeline.query(contact.id, { limit: 20 })).items.map((entry) => entry.subject);
  /** The device is online again with nothing waiting: whatever it was going to send has been sent. */
  const settled = () => waitUntil(() => adapter.sync.state().connection === 'online' && adapter.sync.state().waiting === 0, 'online, nothing waits');
  return { colleague, contact, net, adapter, mount, goOffline, onServer, settled };
}

type World = Awaited<ReturnType<typeof world>>;

/** A note added offline, refused once the server answers (the right to write was taken away meanwhile); then the right comes back. */
async function refusedNote(w: World, subject = 'Niet toegestaan') {
  await w.goOffline();
  await w.adapter.timeline.add({ contactId: w.contact.id, kind: 'note', subject, body: '' });
  w.net.offline = false;
  w.net.refuse = true;
  await w.adapter.sync.retry();
  expect(w.adapter.sync.state().failed.map((change) => change.state), 'refused').to.deep.equal(['refused']);
  delete w.net.refuse;
}

/** Presses Refresh in the card's button bar and waits until the card has said what came of it. */
async function refresh(card: LiftContactCard) {
  const heard = listen(card);
  const bar = root(card).querySelector('lift-button-bar') as LiftButtonBar;
  bar.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="refresh"]')!.click();
  await waitUntil(() => heard.length, 'the refresh is said');
  await card.updateComplete;
}

describe('a change the server refused is sent again only when the user asks, and only that one', () => {
  it('Refresh while offline keeps a refused note listed as refused, not as waiting, and does not send it later', async () => {
    const w = await world();
    const card = await w.mount();
    await refusedNote(w);
    await waitUntil(() => listed(card).length === 1, 'the refused note is listed');
    await w.goOffline();
    await refresh(card);
    expect(banner(card), 'nothing waits to be sent').not.to.include('waits to be sent');
    expect(listed(card).length, 'the refused note is still listed').to.equal(1);
    expect(buttonIn(listed(card)[0], 'Send again'), 'with its Send again').to.exist;

    // The network comes back and the user connects: the note, still refused, is not sent.
    w.net.offline = false;
    buttonIn(root(card).querySelector('[part~="sync"]'), 'Connect now')!.click();
    await w.settled();
    await card.updateComplete;
    expect(await w.onServer(), 'the refused note on the server').not.to.include('Niet toegestaan');
    expect(listed(card).length, 'still listed as refused').to.equal(1);
  });

  it('"Connect now" sends what waits, but not a refused note', async () => {
    const w = await world();
    const card = await w.mount();
    await refusedNote(w);
    await w.goOffline();
    await w.adapter.timeline.add({ contactId: w.contact.id, kind: 'note', subject: 'Teruggebeld', body: '' });
    await waitUntil(() => banner(card).includes('1 change waits to be sent.'), 'the second note waits');
    w.net.offline = false;
    buttonIn(root(card).querySelector('[part~="sync"]'), 'Connect now')!.click();
    await w.settled();
    await card.updateComplete;
    expect(await w.onServer(), 'the notes on the server').to.deep.equal(['Teruggebeld']);
    expect(listed(card).length, 'the refused note is still listed').to.equal(1);
  });

  it('the browser getting its network back does not send a refused note by itself', async () => {
    const w = await world();
    await refusedNote(w);
    await w.goOffline();
    w.net.offline = false;
    globalThis.dispatchEvent(new Event('online'));
    await w.settled();
    expect(await w.onServer(), 'the refused note on the server').not.to.include('Niet toegestaan');
    expect(w.adapter.sync.state().failed.map((change) => change.state), 'still refused').to.deep.equal(['refused']);
  });

  it('"Send again" on one refused note sends that note alone, and the other stays refused', async () => {
    const w = await world();
    await w.goOffline();
    await w.adapter.timeline.add({ contactId: w.contact.id, kind: 'note', subject: 'Eerste', body: '' });
    await w.adapter.timeline.add({ contactId: w.contact.id, kind: 'note', subject: 'Tweede', body: '' });
    w.net.offline = false;
    w.net.refuse = true;
    await w.adapter.sync.retry();
    expect(w.adapter.sync.state().failed.length, 'both refused').to.equal(2);
    delete w.net.refuse;
    const card = await w.mount();
    await waitUntil(() => listed(card).length === 2, 'both listed');
    const [first, second] = listed(card).map((item) => text(item.querySelector('details')));
    buttonIn(listed(card)[0], 'Send again')!.click();
    await waitUntil(() => listed(card).length < 2, 'sent');
    await w.settled();
    const sent = (await w.onServer()).map((subject) => first!.includes(subject));
    expect(sent, `the notes on the server (Send again pressed on "${first}")`).to.deep.equal([true]);
    expect(text(listed(card)[0]!.querySelector('details')), 'the other is still listed').to.equal(second);
  });

  it('Refresh offline after a save refused for the archive still shows the contact archived, with the saved details', async () => {
    const w = await world();
    const card = await w.mount();
    await w.goOffline();
    await w.adapter.contacts.update(w.contact.id, w.contact.version, { jobTitle: 'Drukker' });
    await w.colleague.contacts.setArchived(w.contact.id, w.contact.version, true);
    w.net.offline = false;
    await w.adapter.sync.retry();
    await waitUntil(() => listed(card).length === 1, 'the refused save is listed');
    await waitUntil(() => root(card).querySelector('[part~="badge"]'), 'the contact shows archived');
    await w.goOffline();
    await refresh(card);
    const jobTitle = root(card).querySelector<HTMLInputElement>('#field-jobTitle')!;
    expect([jobTitle.value, !!root(card).querySelector('[part~="badge"]')], 'after Refresh offline: [job title, archived]').to.deep.equal(['Zetter', true]);
    expect(listed(card).length, 'the refused save is still listed').to.equal(1);
  });
});
