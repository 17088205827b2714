import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { renderSyncBanner, type SyncBannerActions } from '../src/contact-card/parts/sync-banner.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import type { PendingChange, SyncApi, SyncState } from '../src/data/contract/sync.js';
import { codeWords } from '../src/i18n/error-words.js';
import { ControllerHost, keyVoice } from './controller-host.js';
import { handOver, listen, mountCardFor } from './harness.js';
import { waitUntil } from './helpers.js';
import { standInSync } from './sync-stand-in.js';
import { oneContact } from './worlds.js';

// The banner of an adapter with a copy on the device, rendered alone with a voice that speaks in
// keys: which words each refused change gets, whatever the language.

const actions: SyncBannerActions = { contactId: 'c-1', retry() {}, discard() {}, sendAnyway() {}, compare() {}, open() {} };
const refused = (change: Partial<PendingChange>): PendingChange => ({
  id: 'o-1', kind: 'contact', contactId: 'c-1', at: '2026-12-03T10:00:00.000Z', state: 'refused', input: {}, ...change,
});

function shown(...failed: PendingChange[]): string[] {
  const box = document.createElement('div');
  render(renderSyncBanner(keyVoice(new ControllerHost()), { connection: 'online', waiting: 0, failed }, actions), box);
  return [...box.querySelectorAll('li > p, dt, dd')].map((el) => el.textContent!.trim());
}

/** A memory adapter with a stand-in for the copy on the device, in `state` (changed by `set`), whose actions are `actions`. */
async function withStandIn(first: SyncState, actions: Pick<SyncApi, 'retry' | 'discard' | 'sendAnyway'>) {
  const base = new MemoryAdapter();
  const { contact } = await oneContact(base, 'Drukkerij Noord', { firstName: 'Lotte', lastName: 'Bos' });
  return { contact, ...standInSync(base, first, actions) };
}

describe('the sync banner', () => {
  it('says when the server last answered with its day, unless that was today', () => {
    const said = (lastOnline: string) => {
      const box = document.createElement('div');
      render(renderSyncBanner(keyVoice(new ControllerHost()), { connection: 'offline', waiting: 0, failed: [], lastOnline }, actions), box);
      return box.querySelector('p')!.textContent!;
    };
    const today = new Date();
    today.setHours(0, 1, 0, 0);
    expect(said(today.toISOString())).to.include(`syncLastOnline {"time":"${today.toISOString()}"}`);
    // A device opened offline two days after the server last answered it.
    const before = new Date(today.getTime() - 2 * 86_400_000).toISOString();
    expect(said(before)).to.include(`syncLastOnlineOn {"date":"${before}","time":"${before}"}`);
  });

  it('says a change was refused because the contact was archived when the server names that rule, else the reason for its code', () => {
    expect(shown(refused({ code: 'validation', fields: { archived: 'archived' } }))[0]).to.equal('syncRefusedArchived');
    expect(shown(refused({ code: 'permission' }))[0]).to.equal('syncRefused {"reason":"permission"}');
    expect(shown(refused({ code: 'validation', fields: { jobTitle: 'too-long' } }))[0]).to.equal('syncRefused {"reason":"validation"}');
  });

  it('shows no data for a refused layout choice: there is nothing the user wrote to copy', () => {
    expect(shown(refused({ kind: 'preferences', code: 'permission', contactId: undefined, input: { preferences: '{"buttons":["save"]}' } }))).to.deep.equal(['syncRefused {"reason":"permission"}']);
  });

  it('labels what the user wrote in a refused note by its parts, not by the names the data gives them', () => {
    expect(shown(refused({ kind: 'note', input: { subject: 'Offerte besproken', body: '' } })).slice(1)).to.deep.equal([
      'syncNoteSubject', 'Offerte besproken', 'syncNoteBody', 'noValue',
    ]);
  });

  it("never lets a Discard pressed twice throw away the next change: its button goes with its change, and a double-click's second click does nothing", () => {
    const discarded: string[] = [];
    const box = document.createElement('div');
    document.body.append(box);
    const show = (...failed: PendingChange[]) =>
      render(renderSyncBanner(keyVoice(new ControllerHost()), { connection: 'online', waiting: 0, failed }, { ...actions, discard: (id) => discarded.push(id) }), box);
    const discardOf = (index: number) => [...box.querySelectorAll('li')][index]!.querySelector<HTMLButtonElement>('button:last-of-type')!;
    try {
      const first = refused({ id: 'o-1' });
      const second = refused({ id: 'o-2', at: '2026-12-03T10:05:00.000Z' });
      show(first, second);
      const pressed = discardOf(0);
      pressed.click();
      // The first change is gone; the button the user pressed (and may press again) is not the second's.
      show(second);
      expect(pressed.isConnected, 'the pressed button left with its change').to.equal(false);
      expect(discardOf(0)).not.to.equal(pressed);
      // A double-click's second click, landing on the next change's Discard, is not a second discard.
      discardOf(0).dispatchEvent(new MouseEvent('click', { bubbles: true, detail: 2 }));
      expect(discarded).to.deep.equal(['o-1']);
    } finally {
      box.remove();
    }
  });

  it('says a Connect now, Send again, Discard or Send anyway that failed, with its reason, and keeps focus on the button pressed', async () => {
    // A memory adapter with a stand-in for the copy on the device, whose every action fails.
    const failing = (code: 'permission' | 'quota') => () => Promise.reject(new LiftDataError(code, 'no'));
    const { adapter, contact, listeners, set } = await withStandIn({ connection: 'offline', waiting: 1, failed: [] }, { retry: failing('permission'), discard: failing('quota'), sendAnyway: failing('permission') });
    const unhandled: unknown[] = [];
    const onRejection = (event: PromiseRejectionEvent) => {
      unhandled.push(event.reason);
      event.preventDefault();
    };
    window.addEventListener('unhandledrejection', onRejection);
    try {
      // Inside a provider, as a host that signs users in on the device shows it.
      const { provider, card } = await mountCardFor(adapter, { id: 'u-anna', name: 'Anna Admin', role: 'admin' }, contact.id);
      const heard = listen(card);
      const root = card.shadowRoot!;
      const show = async (next: SyncState) => {
        set(next);
        for (const listener of listeners) listener(next);
        await card.updateComplete;
      };
      const press = async (label: string, code: 'permission' | 'quota') => {
        const button = [...root.querySelectorAll<HTMLButtonElement>('[part~="sync"] button, .sync-failed button')].find((b) => b.textContent!.trim() === label)!;
        expect(button, label).to.exist;
        button.focus();
        heard.length = 0;
        button.click();
        const said = `That did not work: ${codeWords(code, 'en')}`;
        await waitUntil(() => heard.includes(said), `${label}: the failure is said`);
        await card.updateComplete;
        expect(root.activeElement, `${label}: focus stays on the button`).to.equal(button);
        // Seen as well as heard: the words stay in the banner, not only in the live region.
        const seen = root.querySelector<HTMLElement>('.sync-action-failed');
        expect(seen?.textContent?.trim(), `${label}: the failure shows in the banner`).to.equal(said);
        expect(seen!.getClientRects().length, `${label}: visible`).to.be.greaterThan(0);
      };
      await waitUntil(() => root.querySelector('[part~="sync"] button'), 'the banner shows');
      await press('Connect now', 'permission');

      const refused: PendingChange = { id: 'o-1', kind: 'contact', contactId: contact.id, at: new Date().toISOString(), state: 'refused', code: 'permission', input: { jobTitle: 'Drukker' } };
      const conflict: PendingChange = { id: 'o-2', kind: 'checklist', contactId: contact.id, at: new Date().toISOString(), state: 'conflict', input: { done: 'true' } };
      await show({ connection: 'online', waiting: 0, failed: [refused, conflict] });
      await press('Send again', 'permission');
      await press('Send anyway', 'permission');
      await press('Discard', 'quota');
      expect(root.querySelectorAll('.sync-failed li').length, 'both changes still listed').to.equal(2);
      expect(unhandled.map(String), 'no rejection left unhandled').to.deep.equal([]);
      // Once nothing is left to act on, the failure's words go.
      await show({ connection: 'online', waiting: 0, failed: [] });
      expect(root.querySelector('.sync-action-failed'), 'gone with the banner').to.equal(null);
      // Another user signs in on the device: a failed action of the previous user is not hers to read.
      await show({ connection: 'online', waiting: 0, failed: [refused] });
      await press('Discard', 'quota');
      await handOver(provider, card, { id: 'u-erik', name: 'Erik Employee', role: 'employee' });
      await waitUntil(() => !root.querySelector('.sync-action-failed'), "the previous user's failure gone");
      expect(root.querySelectorAll('.sync-failed li').length, 'the banner itself still there').to.equal(1);
    } finally {
      window.removeEventListener('unhandledrejection', onRejection);
    }
  });

  it("neither shows nor says a failed action to the next user who signed in while it was on its way", async () => {
    let refuse!: () => void;
    const discard = () => new Promise<void>((_, reject) => (refuse = () => reject(new LiftDataError('quota', 'no'))));
    const change: PendingChange = { id: 'o-1', kind: 'contact', contactId: '', at: new Date().toISOString(), state: 'refused', code: 'permission', input: { jobTitle: 'Drukker' } };
    const { adapter, contact } = await withStandIn({ connection: 'online', waiting: 0, failed: [change] }, { retry: async () => {}, discard, sendAnyway: async () => {} });
    change.contactId = contact.id;
    const { provider, card } = await mountCardFor(adapter, { id: 'u-anna', name: 'Anna Admin', role: 'admin' }, contact.id);
    const heard = listen(card);
    const root = card.shadowRoot!;
    await waitUntil(() => root.querySelector('.sync-failed button'), 'the banner shows');
    [...root.querySelectorAll<HTMLButtonElement>('.sync-failed button')].find((b) => b.textContent!.trim() === 'Discard')!.click();
    await waitUntil(() => refuse, 'the discard on its way');
    await handOver(provider, card, { id: 'u-erik', name: 'Erik Employee', role: 'employee' });
    heard.length = 0;
    refuse();
    // The refusal has been handled once a later render is done.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await card.updateComplete;
    expect({ heard: heard.filter((words) => words.includes('did not work')), shown: root.querySelector('.sync-action-failed') }).to.deep.equal({ heard: [], shown: null });
  });
});
