import { expect } from '@open-wc/testing';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { User } from '../src/data/contract/model.js';
import { SyncAdapter } from '../src/data/sync/sync-adapter.js';
import '../src/lift-contact-card.js';
import { listen, mountCard } from './harness.js';
import { typeInto, waitUntil } from './helpers.js';
import { ModelServer, type Network } from './model-server.js';
import { oneContact } from './worlds.js';

// The card on a copy on the device, over the team server in memory (which can refuse every
// write without changing the contact): what the form says once a save kept there is refused.

const ANNA: User = { id: 'u-anna', name: 'Anna Admin', role: 'admin' };
const ERIK: User = { id: 'u-erik', name: 'Erik Employee', role: 'employee' };
let count = 0;

const root = (el: LiftContactCard) => el.shadowRoot!;
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const jobTitle = (el: LiftContactCard) => root(el).querySelector<HTMLInputElement>('#field-jobTitle')!;
const saveState = (el: LiftContactCard) => text(root(el).querySelector('[part~="save-state"]'));
const failed = (el: LiftContactCard) => root(el).querySelector('.sync-failed');

/** Erik's browser, with a copy on the device, on a contact Anna made; the test cuts and restores its network. */
async function world() {
  const server = new ModelServer();
  const colleague = server.as(ANNA);
  const { contact } = await oneContact(colleague, 'Drukkerij Van Dam', { lastName: 'Dam', jobTitle: 'Zetter' });
  const net: Network = { offline: false, loseAnswers: 0 };
  const name = `lift-sync-card-${Date.now().toString(36)}-${++count}`;
  const adapter = await SyncAdapter.over(server.remote(ERIK, net), { name, probeMs: 600_000 });
  after(async () => {
    adapter.close();
    await new Promise((resolve) => (indexedDB.deleteDatabase(`${name}:model:${ERIK.id}`).onsuccess = resolve));
  });
  const mount = () => mountCard(adapter, contact.id, { detailTabs: 'personal function', selection: '', lang: 'en' });
  return { colleague, contact, net, adapter, mount };
}

describe('the card on a copy on the device', () => {
  it('shows the contact as the server holds it once a save kept there is refused, and never says it was saved', async () => {
    const { colleague, contact, net, adapter, mount } = await world();
    const card = await mount();
    const heard = listen(card);

    net.offline = true;
    await typeInto(card, jobTitle(card), 'Drukker');
    expect(await card.save()).to.equal(true);
    await card.updateComplete;
    expect(saveState(card)).to.match(/^Kept on this device at .+; sent once connected$/);

    // The user's right to change contacts was taken away meanwhile: the server refuses the save.
    net.offline = false;
    net.refuse = true;
    await adapter.sync.retry();
    await waitUntil(() => failed(card), 'the refused change is listed');
    expect((await colleague.contacts.get(contact.id)).jobTitle).to.equal('Zetter');
    await waitUntil(() => jobTitle(card).value === 'Zetter', "the form shows the server's value, not the refused one");
    expect(saveState(card), 'neither kept nor saved').to.equal('');
    expect(card.dirty).to.equal(false);
    expect(text(failed(card)), 'what the user wrote is still there to copy').to.include('Drukker');

    const discard = [...failed(card)!.querySelectorAll('button')].find((button) => text(button) === 'Discard')!;
    discard.click();
    await waitUntil(() => !failed(card), 'the refused change is discarded');
    await card.updateComplete;
    expect([jobTitle(card).value, saveState(card)]).to.deep.equal(['Zetter', '']);
    expect(heard.some((said) => /^Saved/.test(said)), 'never said to be saved').to.equal(false);
    expect(heard, 'the user\'s own refused change is no news from elsewhere').not.to.include('Updated with a change made elsewhere.');
    await expect(card).to.be.accessible();
  });

  it('opened while a save waits there, shows the contact as the server holds it once that save is refused', async () => {
    const { net, adapter, mount } = await world();
    const before = await mount();
    net.offline = true;
    await typeInto(before, jobTitle(before), 'Drukker');
    expect(await before.save()).to.equal(true);
    before.remove();
    // The page opened again: the card shows the save as the device keeps it.
    const card = await mount();
    expect(jobTitle(card).value).to.equal('Drukker');
    net.offline = false;
    net.refuse = true;
    await adapter.sync.retry();
    await waitUntil(() => failed(card), 'the refused change is listed');
    await waitUntil(() => jobTitle(card).value === 'Zetter', "the form shows the server's value, not the refused one");
    expect([saveState(card), card.dirty]).to.deep.equal(['', false]);
  });
});
