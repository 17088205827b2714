import { expect } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import { sendKeys } from '@web/test-runner-commands';
import type { ContactQuery } from '../src/data/contract/adapter.js';
import type { WorkItem } from '../src/data/contract/model.js';
import { IndexedDbAdapter } from '../src/data/adapters/indexeddb-adapter.js';
import { fullName } from '../src/data/contract/text.js';
import { closeDemo, DEMO_DATABASE, demoFrame, listButtons, openDemo, seedDemo, type Demo } from './demo-page.js';

// The demo page as a host of the card (see test/demo-page.ts for how it is opened and seeded,
// on the library's source in every engine, and cleaned up after each test).

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const inCard = <T extends Element = HTMLElement>(demo: Demo, selector: string) => demo.card.shadowRoot?.querySelector<T & Element>(selector) ?? null;
/** The element `selector` finds in the card's shadow root, once there (5 s at most). */
async function found<T extends Element = HTMLElement>(demo: Demo, selector: string, what: string): Promise<T> {
  await waitUntil(() => inCard(demo, selector), what);
  return inCard<T>(demo, selector)!;
}

describe('the demo as a host of the card', function () {
  // Each test loads the whole demo page, the library's modules included.
  this.timeout(60_000);

  afterEach(async () => {
    await closeDemo(5000);
  });

  it('opens the contact and tab its address names, not the newest contact', async () => {
    const seeded = await seedDemo();
    const asked = seeded.withProject;
    const demo = await openDemo(`contact=${encodeURIComponent(asked.id)}&tab=projects&lang=en`, seeded);
    expect(demo.card.contactId).to.equal(asked.id);
    expect(text(inCard(demo, '[part~="name"]'))).to.include(fullName(asked));
    expect(demo.card.getAttribute('tab')).to.equal('projects');
    await waitUntil(() => inCard(demo, '#tab-projects')?.getAttribute('aria-selected') === 'true', 'the Projects tab shown');
    // The list marks the same contact as the open one.
    const current = listButtons(demo.doc).filter((button) => button.getAttribute('aria-current') === 'true');
    expect(current.map((button) => button.dataset['id'])).to.deep.equal([asked.id]);
    // And the address keeps naming it.
    const address = new URL(demo.win.location.href).searchParams;
    expect([address.get('contact'), address.get('tab')]).to.deep.equal([asked.id, 'projects']);
  });

  it('has a skip link as the first stop that moves focus past the contact list to the card', async () => {
    const seeded = await seedDemo();
    const demo = await openDemo('lang=en', seeded);
    const skip = demo.doc.querySelector<HTMLAnchorElement>('a.skip-link')!;
    const focusable = demo.doc.querySelector('a[href], button:not([disabled]), input, select, textarea, [tabindex]:not([tabindex="-1"])');
    expect(focusable, 'the first thing to focus on the page').to.equal(skip);
    expect(text(skip)).to.equal('Skip to the card');
    // Keys go to the frame that has the page's focus: without it, WebKit can leave the skip link
    // the frame's active element while Enter lands on the test page.
    demo.frame.focus();
    skip.focus();
    await waitUntil(() => document.activeElement === demo.frame && demo.doc.activeElement === skip, 'focus on the skip link, in the focused frame');
    await sendKeys({ press: 'Enter' });
    // Under load WebKit has once sent the key to a frame it took for focused, not this one: a key
    // that never reached the link (the link not followed, focus still on it) is pressed again.
    // A link that does nothing on Enter fails either way.
    await waitUntil(() => demo.win.location.hash === '#cards', 'the skip link followed', { timeout: 2000 }).catch(async () => {
      if (demo.doc.activeElement !== skip) return;
      demo.frame.focus();
      skip.focus();
      await sendKeys({ press: 'Enter' });
    });
    const cards = demo.doc.getElementById('cards')!;
    await waitUntil(() => demo.doc.activeElement === cards, 'focus on the card column after Enter on the skip link').catch((error: Error) => {
      // Where Enter left focus, and the address: what a failure here needs to be understood.
      throw new Error(`${error.message} (focus on ${demo.doc.activeElement?.outerHTML.slice(0, 60)}, the test page's on ${document.activeElement?.tagName}, address ${demo.win.location.search}${demo.win.location.hash})`);
    });
    // The card column comes after the contact list, so the next stop is past the list too.
    const list = demo.doc.getElementById('contacts')!;
    expect(list.compareDocumentPosition(cards) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    await sendKeys({ press: 'Tab' });
    await waitUntil(() => demo.doc.activeElement && demo.doc.activeElement !== cards, 'the next stop after the skip');
    expect(cards.contains(demo.doc.activeElement), `the next stop is ${demo.doc.activeElement?.outerHTML.slice(0, 80)}`).to.equal(true);
  });

  it('turns its own sidebar English when English is chosen', async () => {
    const seeded = await seedDemo();
    const demo = await openDemo('', seeded);
    expect(text(demo.doc.getElementById('contacts-heading'))).to.equal('Contactpersonen');
    const language = demo.doc.querySelector<HTMLSelectElement>('#language')!;
    language.value = 'en';
    language.dispatchEvent(new Event('change', { bubbles: true }));
    const nav = demo.doc.querySelector('nav')!;
    expect(text(demo.doc.getElementById('contacts-heading'))).to.equal('Contacts');
    expect(text(nav.querySelector('label'))).to.equal('Search');
    expect(demo.doc.querySelector<HTMLInputElement>('#search')!.placeholder).to.equal('Name, e-mail or relation');
    expect(text(demo.doc.querySelector('#relation option[value=""]'))).to.equal('All relations');
    expect(text(nav.querySelector('label.check'))).to.equal('Show archived');
    expect(demo.doc.getElementById('contacts')!.getAttribute('aria-label')).to.equal('Contacts, newest modified first');
    expect(text(demo.doc.getElementById('demo-status'))).to.equal(`${seeded.listed.length} contacts, newest modified first`);
    expect(text(demo.doc.getElementById('use-selection'))).to.equal('Work with selection (0)');
    expect(text(demo.doc.getElementById('clear-selection'))).to.equal('Clear selection');
    // The list is written again in English: its checkboxes' names follow.
    const first = fullName(seeded.listed[0]!);
    await waitUntil(() => demo.doc.querySelector('#contacts input[type="checkbox"]')?.getAttribute('aria-label') === `Select ${first}`, 'the list in English');
    // The address keeps the language for a reload or a shared link.
    expect(new URL(demo.win.location.href).searchParams.get('lang')).to.equal('en');
  });

  for (const how of ['a double-click', 'Enter'] as const) {
    it(`shows its project panel with the project's details on ${how} on a project`, async () => {
      const seeded = await seedDemo();
      const demo = await openDemo(`contact=${encodeURIComponent(seeded.withProject.id)}&tab=projects&lang=en`, seeded);
      const project = await found<HTMLButtonElement>(demo, 'table.projects button.link', 'the projects table');
      let opened: WorkItem | undefined;
      demo.card.addEventListener('lift-open-project', (event) => (opened = event.detail.workItem));
      if (how === 'Enter') {
        demo.frame.focus();
        project.focus();
        await waitUntil(() => document.activeElement === demo.frame && demo.card.shadowRoot!.activeElement === project, 'focus on the project, in the focused frame');
        await sendKeys({ press: 'Enter' });
      } else {
        project.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true }));
      }
      const panel = demo.doc.querySelector<HTMLDialogElement>('dialog#project')!;
      await waitUntil(() => panel.open, "the demo's project panel");
      expect(opened, 'the item the card asked the host to open').to.not.equal(undefined);
      const item = opened!;
      expect(text(project)).to.equal(item.title);
      expect(text(panel.querySelector('#project-title'))).to.equal(`${item.number} · ${item.title}`);
      const details = Object.fromEntries([...panel.querySelectorAll('#project-details > div')].map((row) => [text(row.querySelector('dt')), text(row.querySelector('dd'))]));
      expect(details['Number']).to.equal(item.number);
      expect(details['Kind']).to.equal({ lead: 'Lead', request: 'Request', project: 'Project' }[item.kind]);
      expect(details['Status']).to.equal(item.status || '—');
      expect(text(panel.querySelector('#project-description'))).to.equal(item.description);
      panel.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await waitUntil(() => !panel.open, 'the project panel to close');
    });
  }

  it('asks before leaving unsaved edits for another contact, and stays on "Cancel"', async () => {
    const seeded = await seedDemo();
    const demo = await openDemo('lang=en', seeded);
    const [first, other] = seeded.listed;
    expect(demo.card.contactId).to.equal(first!.id);
    const field = await found<HTMLInputElement>(demo, '#field-jobTitle', 'the function field');
    field.value = 'Nog niet opgeslagen';
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    field.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => demo.card.dirty, 'the card to have unsaved edits');
    // The demo asks with the page's confirm(): answered here instead of by a person.
    const questions: string[] = [];
    let answer = false;
    demo.win.confirm = (message?: string) => {
      questions.push(String(message));
      return answer;
    };
    const otherButton = () => listButtons(demo.doc).find((button) => button.dataset['id'] === other!.id)!;
    otherButton().click();
    expect(questions).to.have.length(1);
    expect(questions[0]).to.include('not saved');
    await demo.card.updateComplete;
    expect(demo.card.contactId).to.equal(first!.id);
    expect(inCard<HTMLInputElement>(demo, '#field-jobTitle')!.value).to.equal('Nog niet opgeslagen');
    expect(otherButton().getAttribute('aria-current')).to.equal('false');
    // "OK": the other contact opens.
    answer = true;
    otherButton().click();
    expect(questions).to.have.length(2);
    await waitUntil(() => text(inCard(demo, '[part~="name"]')).includes(fullName(other!)), 'the other contact in the card');
    expect(otherButton().getAttribute('aria-current')).to.equal('true');
  });

  it('opens the first contact of a newer list that replaced its own first one under way (a search typed meanwhile)', async () => {
    const seeded = await seedDemo();
    // The test's own connection holds the contacts with a readwrite transaction: the demo's
    // reads of them wait until it lets go.
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(DEMO_DATABASE);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    let held = false;
    let done: Promise<unknown> | undefined;
    const holdContacts = () => {
      held = true;
      const tx = db.transaction('contacts', 'readwrite');
      const busy = () => {
        if (held) tx.objectStore('contacts').get('none').onsuccess = busy;
      };
      busy();
      done = new Promise((resolve) => (tx.oncomplete = resolve));
    };
    try {
      // The demo reads one contact (is there data?), then the relations for its filter, then the
      // list. Its frame's transactions are counted (set up before its modules can run): the
      // contacts are held when it turns to the relations, so its list waits.
      const frame = demoFrame('lang=en');
      await waitUntil(() => frame.contentWindow?.location.pathname.endsWith('/demo/index.html'), "the demo's page in its frame", { interval: 0, timeout: 20_000 });
      const proto = (frame.contentWindow as unknown as { IDBDatabase: typeof IDBDatabase }).IDBDatabase.prototype;
      const transaction = proto.transaction;
      let listsWaiting = 0;
      proto.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
        const stores = [args[0]].flat();
        if (stores.includes('relations') && !done) holdContacts();
        else if (held && stores.includes('contacts')) listsWaiting++;
        return transaction.apply(this, args);
      } as IDBDatabase['transaction'];
      // The whole page and the library's modules load first (as in openDemo).
      await waitUntil(() => listsWaiting === 1, "the demo's first list, waiting", { timeout: 20_000 });
      // The user searches for the second contact before anything is shown: a newer list, asked
      // for while the first still waits.
      const wanted = seeded.listed[1]!;
      const search = frame.contentDocument!.querySelector<HTMLInputElement>('#search')!;
      search.value = wanted.lastName;
      search.dispatchEvent(new Event('input', { bubbles: true }));
      await waitUntil(() => listsWaiting === 2, 'the list the search asks for');
      held = false;
      await done;
      const matching = seeded.listed.filter((contact) => fullName(contact).includes(wanted.lastName));
      await waitUntil(() => listButtons(frame.contentDocument!).length === matching.length, 'the list of what the search finds');
      const card = () => frame.contentDocument?.getElementById('card') as Demo['card'] | null;
      await waitUntil(() => text(card()?.shadowRoot?.querySelector('[part~="name"]')) === fullName(matching[0]!), 'the first contact found, in the card', { timeout: 20_000 });
      expect(listButtons(frame.contentDocument!)[0]!.getAttribute('aria-current')).to.equal('true');
    } finally {
      held = false;
      db.close();
    }
  });

  /**
   * Holds the demo's reads of its contact list (the lists of up to 100) until `release`; `lists`
   * are the queries of those asked for so far.
   */
  function holdLists(demo: Demo) {
    const { adapter } = demo.doc.getElementById('provider') as unknown as { adapter: { contacts: { list: (query?: ContactQuery) => Promise<unknown> } } };
    const list = adapter.contacts.list.bind(adapter.contacts);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const lists: (ContactQuery | undefined)[] = [];
    adapter.contacts.list = async (query?: ContactQuery) => {
      if (query?.limit === 100) {
        lists.push(query);
        await gate;
      }
      return list(query);
    };
    return { lists, release };
  }

  for (const meanwhile of ['English is chosen', 'another tab saves a contact'] as const) {
    it(`has the card go through what a search lists when ${meanwhile} while the search is read`, async () => {
      const seeded = await seedDemo();
      const demo = await openDemo('', seeded);
      const wanted = seeded.listed[1]!;
      const matching = seeded.listed.filter((contact) => fullName(contact).includes(wanted.lastName));
      expect(matching.length, 'the search narrows the list').to.be.below(seeded.listed.length);
      const { lists, release } = holdLists(demo);
      const search = demo.doc.querySelector<HTMLInputElement>('#search')!;
      search.value = wanted.lastName;
      search.dispatchEvent(new Event('input', { bubbles: true }));
      await waitUntil(() => lists.length === 1, "the search's list asked for");
      // A list that keeps the card's way (the list's words in the new language, or the change
      // heard) is asked for while the search's list is still read, and replaces it.
      if (meanwhile === 'English is chosen') {
        const language = demo.doc.querySelector<HTMLSelectElement>('#language')!;
        language.value = 'en';
        language.dispatchEvent(new Event('change', { bubbles: true }));
      } else {
        const other = new IndexedDbAdapter({ databaseName: DEMO_DATABASE });
        try {
          const contact = seeded.listed[3]!;
          await other.contacts.update(contact.id, (await other.contacts.get(contact.id)).version, { jobTitle: 'Elders gewijzigd' });
        } finally {
          other.close();
        }
      }
      await waitUntil(() => lists.length === 2, 'a second list asked for');
      release();
      await waitUntil(() => listButtons(demo.doc).length === matching.length, 'the list of what the search finds');
      await demo.card.updateComplete;
      expect(demo.card.selection, "the card's way through the contacts").to.deep.equal(listButtons(demo.doc).map((button) => button.dataset['id']));
    });
  }
});
