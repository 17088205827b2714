import { expect } from '@open-wc/testing';
import { Announcer } from '../src/internal/announcer.js';
import { waitUntil } from './helpers.js';

describe('Announcer', () => {
  it('is one polite status region whose words a screen reader sees change, even when they repeat', async () => {
    const announcer = new Announcer();
    const region = announcer.render();
    document.body.append(region);
    try {
      expect(region.getAttribute('role')).to.equal('status');
      expect(announcer.render(), 'the same node on every render').to.equal(region);
      const seen: string[] = [];
      const observer = new MutationObserver(() => seen.push(region.textContent ?? ''));
      observer.observe(region, { childList: true, characterData: true, subtree: true });

      announcer.say('Opgeslagen');
      await waitUntil(() => region.textContent === 'Opgeslagen', 'the words');
      announcer.say('Opgeslagen');
      await waitUntil(() => seen.filter((text) => text === 'Opgeslagen').length === 2, 'the same words again');
      await new Promise((resolve) => setTimeout(resolve, 0));
      observer.disconnect();
      expect(seen, 'emptied before each message, so the repeat is a change').to.deep.equal(['Opgeslagen', '', 'Opgeslagen']);

      // A newer message replaces one not yet said.
      announcer.say('Eerste');
      announcer.say('Tweede');
      await waitUntil(() => region.textContent === 'Tweede', 'the newer words');
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect(region.textContent).to.equal('Tweede');
    } finally {
      region.remove();
    }
  });

  it('empties its region a while after the words were said, so no stale message stays to be found', async () => {
    const announcer = new Announcer(150);
    const region = announcer.render();
    document.body.append(region);
    try {
      announcer.say('Kept on this device');
      await waitUntil(() => region.textContent === 'Kept on this device', 'the words');
      await waitUntil(() => region.textContent === '', 'the region emptied');
    } finally {
      region.remove();
    }
  });
});
