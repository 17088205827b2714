import { expect } from '@open-wc/testing';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { PendingChange, SyncState } from '../src/data/contract/sync.js';
import '../src/lift-contact-card.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { listen, mountCard } from './harness.js';
import { typeInto, waitUntil } from './helpers.js';
import { standInSync } from './sync-stand-in.js';
import { oneContact } from './worlds.js';

// What a screen reader hears from the card: its own announcements (`listen`) and its banners'
// live regions. A status or alert region is read whole whenever anything in it changes.

const LIVE = '[role="status"], [role="alert"], [role="log"], [aria-live]:not([aria-live="off"])';
const text = (node: Node | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const root = (el: LiftContactCard) => el.shadowRoot!;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the banners' live regions say from now on: each region changed (or inserted) is read whole, once per change. */
function bannersSay(el: LiftContactCard): string[] {
  const said: string[] = [];
  new MutationObserver((records) => {
    const regions = new Set<Element>();
    for (const record of records) {
      const target = record.target instanceof Element ? record.target : record.target.parentElement;
      const around = target?.closest(LIVE);
      if (around) regions.add(around);
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.matches(LIVE)) regions.add(node);
        for (const inner of node.querySelectorAll(LIVE)) regions.add(inner);
      }
    }
    for (const region of regions) if (region.isConnected && region.closest('[part~="banner"]') && text(region)) said.push(text(region));
  }).observe(root(el), { childList: true, characterData: true, subtree: true });
  return said;
}

/** The live regions inside `container`. */
const regionsIn = (container: Element | null) => [...(container?.querySelectorAll(LIVE) ?? [])].concat(container?.matches(LIVE) ? [container] : []);

const WORDS = {
  en: {
    archived: 'Archived elsewhere: this contact is read-only now.',
    withEdits: 'This contact was archived elsewhere while you were editing it, and is read-only now. Your changes are not saved; they are still here, to save once it is unarchived.',
    updated: 'Updated with a change made elsewhere.',
    buttons: 'Compare Refresh',
    offline: 'No connection to the server. You see what this device kept; what you change stays here until the connection is back.',
    waiting: '3 changes wait to be sent.',
    failed: (n: number) => (n === 1 ? '1 change could not be saved.' : `${n} changes could not be saved.`),
  },
  nl: {
    archived: 'Elders gearchiveerd: deze contactpersoon is nu alleen te bekijken.',
    withEdits: 'Deze contactpersoon is elders gearchiveerd terwijl jij aan het wijzigen was, en is nu alleen te bekijken. Je wijzigingen zijn niet opgeslagen; ze staan er nog, om op te slaan zodra hij uit het archief is gehaald.',
    updated: 'Bijgewerkt met een wijziging van elders.',
    buttons: 'Vergelijken Vernieuwen',
    offline: 'Geen verbinding met de server. Je ziet wat dit apparaat heeft bewaard; wat je wijzigt blijft hier tot de verbinding terug is.',
    waiting: '3 wijzigingen wachten op verzending.',
    failed: (n: number) => (n === 1 ? '1 wijziging kon niet worden opgeslagen.' : `${n} wijzigingen konden niet worden opgeslagen.`),
  },
} as const;

/** A contact on a database of its own, a colleague's adapter on the same database (another tab), and a card on the contact in `lang`. */
async function archiveWorld(lang: 'en' | 'nl') {
  const adapter = freshIndexedDbAdapter();
  const colleague = freshIndexedDbAdapter({ databaseName: adapter.databaseName });
  const { contact } = await oneContact(adapter, 'Drukkerij Noord', { firstName: 'Anna', lastName: 'Bos', jobTitle: 'Inkoper' });
  const el = await mountCard(adapter, contact.id, { detailTabs: 'personal function', selection: '', lang });
  const field = () => root(el).querySelector<HTMLInputElement>('#field-firstName')!;
  return { colleague, contact, el, field };
}

describe('what the card says of a contact archived elsewhere', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  for (const lang of ['en', 'nl'] as const) {
    const words = WORDS[lang];

    it(`says it was archived and is read-only now, once, not "updated" (${lang})`, async () => {
      const { colleague, contact, el, field } = await archiveWorld(lang);
      field().focus();
      const heard = listen(el);
      const banners = bannersSay(el);
      await colleague.contacts.setArchived(contact.id, contact.version, true);
      await waitUntil(() => field().readOnly, 'the field read-only');
      await waitUntil(() => heard.length, 'something said');
      await pause(300);
      expect(heard, 'said in words, instead of the generic update').to.deep.equal([words.archived]);
      expect(heard, 'not the generic update').not.to.include(words.updated);
      expect(banners, 'nothing else read about it').to.deep.equal([]);
      expect(root(el).activeElement, 'focus stays in the field').to.equal(field());
      await expect(el).to.be.accessible();
    });

    it(`with edits typed, says in one alert it was archived, and that the edits are kept, not saved; unarchived, they save (${lang})`, async () => {
      const { colleague, contact, el, field } = await archiveWorld(lang);
      field().focus();
      await typeInto(el, field(), 'Anne');
      const heard = listen(el);
      const banners = bannersSay(el);
      await colleague.contacts.setArchived(contact.id, contact.version, true);
      await waitUntil(() => field().readOnly, 'the field read-only');
      await waitUntil(() => banners.length, 'the alert');
      await pause(300);
      // The alert holds its Compare and Refresh buttons, as when the contact was only changed.
      expect(banners.length, `one alert: ${banners.join(' | ')}`).to.equal(1);
      expect(banners[0], 'saying both').to.equal(`${words.withEdits} ${words.buttons}`);
      expect(heard, 'not said a second time').to.deep.equal([]);
      const alert = [...root(el).querySelectorAll('[part~="banner"][role="alert"]')].find((banner) => text(banner).includes(words.withEdits));
      expect(alert, 'the alert shows too').to.exist;
      expect([field().value, el.dirty], 'her edit kept on screen, unsaved').to.deep.equal(['Anne', true]);
      await expect(el).to.be.accessible();
      // What the alert promises: once unarchived, her edit saves.
      const archived = await colleague.contacts.get(contact.id);
      await colleague.contacts.setArchived(contact.id, archived.version, false);
      await waitUntil(() => !field().readOnly, 'editable again');
      expect(await el.save(), 'saved').to.equal(true);
      expect((await colleague.contacts.get(contact.id)).firstName).to.equal('Anne');
    });
  }
});

/** A card in `lang` on a contact, over a stand-in copy on the device that says `first`; `show` changes what it says. */
async function syncWorld(lang: 'en' | 'nl', first: SyncState) {
  const base = new MemoryAdapter();
  const { contact } = await oneContact(base, 'Drukkerij Noord', { firstName: 'Lotte', lastName: 'Bos' });
  const { adapter, show } = standInSync(base, first);
  const el = await mountCard(adapter, contact.id, { detailTabs: 'personal function', selection: '', lang });
  const update = async (next: SyncState) => {
    show(next);
    await el.updateComplete;
    await pause(100);
  };
  return { contact, el, update };
}

const refused = (id: string, contactId: string): PendingChange => ({
  id, kind: 'contact', contactId, at: new Date().toISOString(), state: 'refused', code: 'permission', input: { jobTitle: `Drukker ${id}` },
});

describe("the sync banner's live regions", () => {
  for (const lang of ['en', 'nl'] as const) {
    const words = WORDS[lang];

    it(`offline, say the connection only: the count of what waits and "Connect now" show outside it, and a count changing says nothing (${lang})`, async () => {
      const { el, update } = await syncWorld(lang, { connection: 'offline', waiting: 1, failed: [] });
      const banner = () => root(el).querySelector('[part~="sync"]');
      await waitUntil(() => banner()?.querySelector('button'), 'the offline banner');
      const regions = regionsIn(banner());
      expect(regions.map(text), 'one live region, the connection state').to.deep.equal([words.offline]);
      expect(regions[0]!.querySelector('button'), 'no button in it').to.equal(null);
      const said = bannersSay(el);
      const heard = listen(el);
      await update({ connection: 'offline', waiting: 2, failed: [] });
      await update({ connection: 'offline', waiting: 3, failed: [] });
      expect({ said, heard }, 'nothing read again').to.deep.equal({ said: [], heard: [] });
      expect(text(banner()), 'the count still shows').to.include(words.waiting);
      expect(banner()!.querySelectorAll('button').length, 'Connect now still there').to.equal(1);
      expect(regionsIn(banner()).map(text), 'the region as it was').to.deep.equal([words.offline]);
      await expect(el).to.be.accessible();
    });

    it(`say only how many changes could not be saved: the list and its buttons are outside the alert (${lang})`, async () => {
      const base = { connection: 'online', waiting: 0 } as const;
      const { contact, el, update } = await syncWorld(lang, { ...base, failed: [] });
      const list = () => root(el).querySelector('.sync-failed');
      const said = bannersSay(el);
      await update({ ...base, failed: [refused('o-1', contact.id), refused('o-2', contact.id)] });
      await waitUntil(() => list()?.querySelector('li'), 'the list');
      expect(said, 'the summary, as the list comes').to.deep.equal([words.failed(2)]);
      expect(regionsIn(list()).map((region) => [region.getAttribute('role'), text(region)]), 'one alert, the summary').to.deep.equal([['alert', words.failed(2)]]);
      expect(list()!.querySelector('ul')!.closest(LIVE), 'the list is no live region').to.equal(null);
      await expect(el).to.be.accessible();
      said.length = 0;
      // One discarded, another refused, the language changed: each time the summary alone is read.
      await update({ ...base, failed: [refused('o-2', contact.id)] });
      await update({ ...base, failed: [refused('o-2', contact.id), refused('o-3', contact.id)] });
      el.setAttribute('lang', lang === 'en' ? 'nl' : 'en');
      await el.updateComplete;
      await waitUntil(() => said.length >= 3, 'the summary in the other language');
      await pause(300);
      const other = WORDS[lang === 'en' ? 'nl' : 'en'];
      expect(said).to.deep.equal([words.failed(1), words.failed(2), other.failed(2)]);
      expect(list()!.querySelectorAll('li').length, 'the list still shows').to.equal(2);
    });
  }
});
