import { expect } from '@open-wc/testing';
import type { LiftButtonBar } from '../src/button-bar/button-bar.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { User } from '../src/data/contract/model.js';
import { SyncAdapter } from '../src/data/sync/sync-adapter.js';
import { Announcer } from '../src/internal/announcer.js';
import '../src/lift-contact-card.js';
import { listen, mountCard, mountCardFor } from './harness.js';
import { typeInto, waitUntil } from './helpers.js';
import { ModelServer, type Network } from './model-server.js';
import { standInSync } from './sync-stand-in.js';
import { oneContact } from './worlds.js';

// The card on a copy on the device, over the team server in memory: what it says and does as the
// connection comes back. The adapter's own probe is set far off (10 minutes): only what the card
// and the test do reaches the server.

const ANNA: User = { id: 'u-anna', name: 'Anna Admin', role: 'admin' };
const ERIK: User = { id: 'u-erik', name: 'Erik Employee', role: 'employee' };
const SENT = 'Every change has been sent.';
let count = 0;

const root = (el: LiftContactCard) => el.shadowRoot!;
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const field = (el: LiftContactCard, name: string) => root(el).querySelector<HTMLInputElement>(`#field-${name}`);
const banner = (el: LiftContactCard) => text(root(el).querySelector('[part~="sync"]'));
const failed = (el: LiftContactCard) => root(el).querySelector('.sync-failed');
const buttonIn = (scope: ParentNode | null | undefined, label: string) =>
  [...(scope?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find((button) => text(button) === label);

/**
 * Each thing the card says from now on, when it says it. The live region shows words only after a
 * short gap, and words said within it replace them: a "sent" said just before a next message
 * would be heard alone in use, but not by `listen` in a test that goes on at once.
 */
function spoken(): string[] {
  const said: string[] = [];
  const say = Object.getOwnPropertyDescriptor(Announcer.prototype, 'say')!;
  Announcer.prototype.say = function (this: Announcer, words: string) {
    said.push(words);
    (say.value as Announcer['say']).call(this, words);
  };
  unspy = () => Object.defineProperty(Announcer.prototype, 'say', say);
  return said;
}
let unspy: (() => void) | undefined;
afterEach(() => {
  unspy?.();
  unspy = undefined;
});

/** Erik's browser, with a copy on the device, on a contact Anna made; the test cuts and restores its network. */
async function world() {
  const server = new ModelServer();
  const colleague = server.as(ANNA);
  const { contact, relation } = await oneContact(colleague, 'Drukkerij Van Dam', { lastName: 'Dam', jobTitle: 'Zetter' });
  const net: Network = { offline: false, loseAnswers: 0 };
  const name = `lift-sync-review-${Date.now().toString(36)}-${++count}`;
  const adapter = await SyncAdapter.over(server.remote(ERIK, net), { name, probeMs: 600_000 });
  after(async () => {
    adapter.close();
    await new Promise((resolve) => (indexedDB.deleteDatabase(`${name}:model:${ERIK.id}`).onsuccess = resolve));
  });
  const mount = (id = contact.id) => mountCard(adapter, id, { detailTabs: 'personal function', selection: '', lang: 'en' });
  /** The network goes down, and the device finds out (a read that fails), as it does on its next call. */
  const goOffline = async () => {
    net.offline = true;
    await adapter.relations.list().catch(() => {});
    expect(adapter.sync.state().connection, 'the device knows it is offline').to.equal('offline');
  };
  return { colleague, contact, relation, net, adapter, mount, goOffline };
}


describe('the card on a copy on the device, as the connection comes back', () => {
  it("loads a contact it could not read offline once Try again finds the server back, before the device's own probe does", async () => {
    const { colleague, relation, net, mount, goOffline } = await world();
    const other = await colleague.contacts.create({ relationId: relation.id, firstName: 'Eva', lastName: 'Visser' });
    await goOffline();
    const card = await mount(other.id);
    await waitUntil(() => root(card).querySelector('[part~="error"]'), 'the card says it could not load the contact');
    expect(text(root(card).querySelector('[part~="error"]'))).to.equal('The contact could not be loaded: the data cannot be reached.');

    net.offline = false;
    buttonIn(root(card), 'Try again')!.click();
    await card.loaded;
    await card.updateComplete;
    expect(field(card, 'lastName')?.value, 'the contact shows').to.equal('Visser');
  });

  it('loads a contact it could not read offline by itself once the device hears the server again', async () => {
    const { colleague, relation, net, adapter, mount, goOffline } = await world();
    const other = await colleague.contacts.create({ relationId: relation.id, firstName: 'Eva', lastName: 'Visser' });
    await goOffline();
    const card = await mount(other.id);
    await waitUntil(() => root(card).querySelector('[part~="error"]'), 'the card says it could not load the contact');

    // Something else on the page (another element, the browser's online event) reaches the server.
    net.offline = false;
    await adapter.sync.retry();
    await waitUntil(() => field(card, 'lastName')?.value === 'Visser', 'the contact shows without a press on Try again');
  });

  it("says 'Card refreshed.' on a Refresh the device took for offline, and shows what a colleague changed meanwhile", async () => {
    const { colleague, contact, net, mount, goOffline } = await world();
    const card = await mount();
    await goOffline();
    await colleague.contacts.update(contact.id, contact.version, { jobTitle: 'Drukker' });
    net.offline = false;

    const heard = listen(card);
    const bar = root(card).querySelector('lift-button-bar') as LiftButtonBar;
    bar.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="refresh"]')!.click();
    await waitUntil(() => heard.some((said) => /refreshed|server cannot be reached/.test(said)), 'the refresh is said');
    await card.updateComplete;
    expect(heard).to.include('Card refreshed.');
    expect(heard).not.to.include('The server cannot be reached: the card shows what this device kept.');
    expect(field(card, 'jobTitle')!.value, "the colleague's change shows").to.equal('Drukker');
  });

  it('shows the entry in the item detail as a colleague corrected it on a Refresh the device took for offline', async () => {
    const { colleague, contact, adapter, net, goOffline } = await world();
    const note = await colleague.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eerste versie', body: 'Tekst' });
    const card = await mountCard(adapter, contact.id, { detailTabs: 'personal item', tab: 'overview', selection: '', lang: 'en' });
    await customElements.whenDefined('lift-contact-timeline');
    await waitUntil(() => root(card).querySelector<LiftContactTimeline>('lift-contact-timeline')?.shadowRoot?.querySelector('article'), 'the overview');
    const timeline = root(card).querySelector<LiftContactTimeline>('lift-contact-timeline')!;
    await timeline.loaded;
    timeline.shadowRoot!.querySelector<HTMLElement>('article')!.click();
    const detail = () => root(card).querySelector('[part~="detail-panel"]');
    await waitUntil(() => text(detail()?.querySelector('h3')) === 'Eerste versie', 'the entry in the detail');
    await goOffline();
    await colleague.timeline.update(note.id, { subject: 'Elders verbeterd' });
    net.offline = false;

    const heard = listen(card);
    (root(card).querySelector('lift-button-bar') as LiftButtonBar).shadowRoot!.querySelector<HTMLButtonElement>('[data-action="refresh"]')!.click();
    await waitUntil(() => heard.includes('Card refreshed.'), 'the refresh is said');
    await card.updateComplete;
    expect(text(detail()?.querySelector('h3')), "the colleague's correction shows").to.equal('Elders verbeterd');
  });

  it('never says every change was sent when the only one waiting was removed offline', async () => {
    const { contact, net, adapter, mount, goOffline } = await world();
    const card = await mount();
    const heard = spoken();
    await goOffline();
    const note = await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gebeld', body: '' });
    await waitUntil(() => banner(card).includes('1 change waits to be sent.'), 'the note waits');
    await adapter.timeline.remove(note.id);
    await waitUntil(() => !banner(card).includes('waits to be sent'), 'nothing waits');

    net.offline = false;
    await adapter.sync.retry();
    await waitUntil(() => !root(card).querySelector('[part~="sync"]'), 'the card is back online');
    // A note that is sent: its "all sent" is said, and it is the only one.
    await goOffline();
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Teruggebeld', body: '' });
    await waitUntil(() => banner(card).includes('1 change waits to be sent.'), 'the second note waits');
    net.offline = false;
    await adapter.sync.retry();
    await waitUntil(() => heard.includes(SENT), 'the second note is said to be sent');
    expect(heard.filter((said) => said === SENT)).to.have.length(1);
  });

  it("never says every change was sent when the host swaps in another copy's adapter for the same user", async () => {
    const base = new MemoryAdapter();
    const { contact } = await oneContact(base, 'Drukkerij Noord', { firstName: 'Lotte', lastName: 'Bos' });
    const a = standInSync(base, { connection: 'offline', waiting: 1, failed: [] });
    const b = standInSync(base, { connection: 'online', waiting: 0, failed: [] });
    const { provider, card } = await mountCardFor(a.adapter, ANNA, contact.id);
    await waitUntil(() => banner(card).includes('1 change waits to be sent.'), "the first adapter's waiting change shows");
    const heard = spoken();

    provider.adapter = b.adapter;
    await provider.updateComplete;
    await card.loaded;
    await waitUntil(() => !root(card).querySelector('[part~="sync"]'), "the second adapter's state shows");
    // A change of the second adapter that waits, and is sent: that is said, once.
    b.show({ connection: 'syncing', waiting: 1, failed: [] });
    b.show({ connection: 'online', waiting: 0, failed: [] });
    await waitUntil(() => heard.includes(SENT), "the second adapter's change is said to be sent");
    expect(heard.filter((said) => said === SENT)).to.have.length(1);
  });

  it('keeps focus in the list of refused changes when Send again is refused again', async () => {
    const { net, adapter, mount, goOffline } = await world();
    const card = await mount();
    await goOffline();
    await typeInto(card, field(card, 'jobTitle')!, 'Drukker');
    expect(await card.save()).to.equal(true);

    // The user's right to change contacts was taken away meanwhile: each write is refused, and counted.
    let refusals = 0;
    Object.defineProperty(net, 'refuse', { get: () => (refusals++, true), configurable: true });
    net.offline = false;
    await adapter.sync.retry();
    await waitUntil(() => failed(card), 'the refused change is listed');
    expect(refusals).to.equal(1);

    const again = buttonIn(failed(card), 'Send again')!;
    again.focus();
    again.click();
    const settled = () => {
      const { connection, waiting, failed: changes } = adapter.sync.state();
      return refusals === 2 && connection === 'online' && !waiting && changes.length === 1 && failed(card);
    };
    await waitUntil(settled, 'the change is refused again');
    await card.updateComplete;
    const focused = root(card).activeElement;
    expect(focused?.closest('.sync-failed'), `focus is in the list, not on ${focused?.outerHTML.slice(0, 60)}`).to.exist;
  });
});
