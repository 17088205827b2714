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
  it('says a change was refused because the contact was archived when the server names that rule, else the reason for its code', () => {
    expect(shown(refused({ code: 'validation', fields: { archived: 'archived' } }))[0]).to.equal('syncRefusedArchived');
    expect(shown(refused({ code: 'permission' }))[0]).to.equal('syncRefused {"reason":"permission"}');
    expect(shown(refused({ code: 'validation', fields: { jobTitle: 'too-long' } }))[0]).to.equal('syncRefused {"reason":"validation"}');
  });

  it('labels what the user wrote in a refused note by its parts, not by the names the data gives them', () => {
    expect(shown(refused({ kind: 'note', input: { subject: 'Offerte besproken', body: '' } })).slice(1)).to.deep.equal([
      'syncNoteSubject', 'Offerte besproken', 'syncNoteBody', 'noValue',
    ]);
  });
});
