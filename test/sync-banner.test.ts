import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { renderSyncBanner, type SyncBannerActions } from '../src/contact-card/parts/sync-banner.js';
import type { PendingChange } from '../src/data/contract/sync.js';
import { ControllerHost, keyVoice } from './controller-host.js';

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
});
