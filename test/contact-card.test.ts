import { expect, fixture, html, nextFrame, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftButtonBar } from '../src/button-bar/button-bar.js';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import type { IndexedDbAdapter } from '../src/data/adapters/indexeddb-adapter.js';
import type { ContactDetails, WorkItem } from '../src/data/contract/model.js';
import type { StoredRecord } from '../src/data/engine/store.js';
import { LiftActionEvent } from '../src/events.js';
import { LiftButtonsChangeEvent, LiftDetailTabsChangeEvent } from '../src/bar-choice-events.js';
import '../src/lift-contact-card.js';
import { answerQuestion, mountCard, pressBar, type CardAttributes } from './harness.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { withFaults } from './faults.js';
import { captureWarnings, typeInto, waitUntil } from './helpers.js';

/** A relation, a contact with a few entries and projects (one archived) on a database of its own. */
async function world(options: { checklist?: boolean; databaseName?: string } = {}) {
  const adapter = freshIndexedDbAdapter(options.databaseName ? { databaseName: options.databaseName } : {});
  const relation = await adapter.relations.create({ kind: 'prospect', name: 'Drukkerij De Vries' });
  const contact = await adapter.contacts.create({
    relationId: relation.id,
    salutation: 'Mevr.',
    firstName: 'Anna',
    infix: 'van der',
    lastName: 'Berg',
    jobTitle: 'Marketingmanager',
    department: 'Marketing',
    email: 'anna@devries.nl',
    phone: '+31 20 123 4567',
  });
  await adapter.timeline.add({ contactId: contact.id, kind: 'email', subject: 'Offerte drukwerk', body: 'Hierbij de offerte.' });
  await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Belafspraak', body: 'Teruggebeld over de planning.' });
  const older = await adapter.work!.create({ kind: 'request', contactId: contact.id, title: 'Folder voorjaar' });
  const newer = await adapter.work!.create({ kind: 'project', contactId: contact.id, title: 'Huisstijl 2027', description: 'Nieuwe huisstijl.' });
  const archivedWork: WorkItem = { ...older, id: 'work-archived', number: 'P-2020-0001', title: 'Oude catalogus', archived: true, createdAt: '2020-01-01T00:00:00.000Z' };
  await adapter.importRecords({ work: [archivedWork as unknown as StoredRecord] });
  if (options.checklist) {
    await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'AVG-toestemming', category: 'Privacy', order: 1, mode: 'editable', modeByStatus: {} });
  }
  return { adapter, relation, contact: await adapter.contacts.get(contact.id), older, newer };
}

/** Makes `adapter`'s contact saves wait until the returned function is called, so the card can move on meanwhile. */
function holdSaves(adapter: LiftAdapter): () => void {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const update = adapter.contacts.update;
  (adapter.contacts as { update: typeof update }).update = (id, version, changes) => gate.then(() => update(id, version, changes));
  return release;
}

/** Makes `adapter`'s contact saves wait, then fail as a server that went away, when the returned function is called. */
function failSaves(adapter: LiftAdapter): () => void {
  let fail!: () => void;
  const gate = new Promise<void>((resolve) => (fail = resolve));
  (adapter.contacts as { update: unknown }).update = () => gate.then(() => Promise.reject(new LiftDataError('unavailable', 'the server went away')));
  return fail;
}

/** The card with every detail tab and the overview open, as most tests here want it. */
const mount = (adapter: LiftAdapter, contactId: string, attrs: CardAttributes = {}) =>
  mountCard(adapter, contactId, { detailTabs: 'personal function project item checklist-item', tab: 'overview', selection: '', ...attrs });

const root = (el: LiftContactCard) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: LiftContactCard, selector: string) => root(el).querySelector<T & Element>(selector) as T | null;
const tabs = (el: LiftContactCard, list: 'tabs' | 'detail-tabs') =>
  [...root(el).querySelectorAll(`[part~="${list}"] [role="tab"]`)].map((tab) => tab.textContent!.replace('•', '').trim());
const activeDetail = (el: LiftContactCard) => $(el, '[part~="detail-tabs"] [aria-selected="true"]')?.textContent!.replace('•', '').trim();
const field = (el: LiftContactCard, name: keyof ContactDetails) => $<HTMLInputElement>(el, `#field-${name}`)!;
const bar = (el: LiftContactCard) => $<LiftButtonBar>(el, 'lift-button-bar')!;
const barButton = (el: LiftContactCard, action: string) => bar(el).shadowRoot!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
const banners = (el: LiftContactCard) => [...root(el).querySelectorAll('[part~="banner"]')].map((b) => b.textContent!.replace(/\s+/g, ' ').trim());

/** Types into a field as a user would: the value, then the input and change events. */
const type = (el: LiftContactCard, name: keyof ContactDetails, value: string) => typeInto(el, field(el, name), value);

/**
 * A shortcut with modifiers, sent to the focused element as the browser would. WebDriver's key
 * command (WebKit here) cannot hold modifiers, so the event is dispatched the same way everywhere.
 */
function shortcut(el: LiftContactCard, key: string, modifiers: { ctrlKey?: boolean; altKey?: boolean }) {
  const target = (root(el).activeElement as HTMLElement | null) ?? el;
  target.dispatchEvent(new KeyboardEvent('keydown', { key, ...modifiers, bubbles: true, composed: true, cancelable: true }));
}

const settled = (el: LiftContactCard) => waitUntil(() => !el.shadowRoot!.querySelector('[aria-busy="true"]'), 'the card to settle');

describe('<lift-contact-card>', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  describe('header', () => {
    it('composes the name the Dutch way and shows function, department, relation and links', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      const header = $(el, '[part~="header"]')!;
      expect($(el, '[part~="name"]')!.textContent!.trim()).to.equal('Mevr. Anna van der Berg');
      expect(header.textContent).to.include('Marketingmanager').and.include('Marketing').and.include('Drukkerij De Vries (prospect)');
      const links = [...header.querySelectorAll('a')].map((a) => a.getAttribute('href'));
      expect(links).to.deep.equal(['mailto:anna@devries.nl', 'tel:+31201234567']);
      expect($(el, '[part~="badge"]')).to.equal(null);
    });

    it('never links a value that is not a plain address or number', async () => {
      const { adapter, contact } = await world();
      // Written past validation, as a foreign backend might: it must render as inert text.
      const stored = { ...contact, email: 'javascript:alert(1)//@x.nl', phone: '<img src=x onerror=alert(1)>' };
      await adapter.importRecords({ contacts: [stored as unknown as StoredRecord] });
      const el = await mount(adapter, contact.id);
      const header = $(el, '[part~="header"]')!;
      expect(header.querySelectorAll('a')).to.have.length(0);
      expect(header.querySelector('img')).to.equal(null);
      expect(header.textContent).to.include('<img src=x onerror=alert(1)>');
    });

    it('follows the language: Dutch labels with lang="nl"', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id, { lang: 'nl' });
      expect(tabs(el, 'tabs')).to.deep.equal(['Overzicht', 'Projecten', 'Correspondentie']);
      expect($(el, '[part~="header"]')!.textContent).to.include('potentiële klant');
      el.lang = 'en';
      await waitUntil(() => tabs(el, 'tabs')[0] === 'Overview', 'English labels');
      expect(tabs(el, 'tabs')).to.deep.equal(['Overview', 'Projects', 'Correspondence']);
      // The personal form in words an English reader uses for a Dutch name and a job.
      const label = (name: keyof ContactDetails) => root(el).querySelector(`label[for="field-${name}"]`)!.textContent!.replace(/\s+/g, ' ').trim();
      await waitUntil(() => label('infix') === 'Name prefix', 'English field labels');
      expect([label('infix'), label('jobTitle')]).to.deep.equal(['Name prefix', 'Job title']);
      el.lang = 'nl';
      await waitUntil(() => label('infix') === 'Tussenvoegsel', 'Dutch field labels');
      expect(label('jobTitle')).to.equal('Functie');
    });
  });

  describe('main tabs', () => {
    it('follow the tabs pattern: arrows, Home and End move and activate, the attribute reflects the tab', async () => {
      const { adapter, contact } = await world({ checklist: true });
      const el = await mount(adapter, contact.id);
      expect(tabs(el, 'tabs')).to.deep.equal(['Overview', 'Projects', 'Correspondence', 'Checklist']);
      const overview = $(el, '#tab-overview')!;
      expect(overview.getAttribute('aria-selected')).to.equal('true');
      expect($(el, '[role="tabpanel"][part~="panel"]')!.getAttribute('aria-labelledby')).to.equal('tab-overview');
      overview.focus();
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(el.getAttribute('tab')).to.equal('projects');
      await waitUntil(() => root(el).activeElement?.id === 'tab-projects', 'focus to follow');
      await sendKeys({ press: 'End' });
      await el.updateComplete;
      expect(el.tab).to.equal('checklist');
      await waitUntil(() => root(el).querySelector('lift-checklist')?.shadowRoot?.textContent?.includes('AVG-toestemming'), 'the checklist to show');
      await sendKeys({ press: 'Home' });
      await el.updateComplete;
      expect(el.tab).to.equal('overview');
      await sendKeys({ press: 'ArrowLeft' });
      await el.updateComplete;
      expect(el.tab).to.equal('checklist');
      expect([...root(el).querySelectorAll('[part~="tabs"] [tabindex="0"]')]).to.have.length(1);
    });

    describe('the Checklist tab shown again', () => {
      /** The card on its Checklist tab; `checklist()` is the list shown now, `box` its item's checkbox. */
      async function onChecklist(adapter: LiftAdapter, contactId: string) {
        const el = await mount(adapter, contactId, { tab: 'checklist' });
        const checklist = async () => {
          await waitUntil(() => root(el).querySelector('lift-checklist')?.shadowRoot?.querySelector('[part~="item"] input[type="checkbox"]'), 'the checklist');
          const list = root(el).querySelector<LiftChecklist>('lift-checklist')!;
          await list.loaded;
          return list;
        };
        const away = async () => {
          el.tab = 'overview';
          await el.updateComplete;
          el.tab = 'checklist';
          await el.updateComplete;
          return checklist();
        };
        return { el, checklist, away };
      }
      const box = (list: LiftChecklist) => list.shadowRoot!.querySelector<HTMLInputElement>('[part~="item"] input[type="checkbox"]')!;
      const done = async (adapter: LiftAdapter, contactId: string) => Boolean((await adapter.checklists!.states(contactId))[0]?.done);

      it('shows the tick saved there before, and saves the next one', async () => {
        const { adapter, contact } = await world({ checklist: true });
        const { checklist, away } = await onChecklist(adapter, contact.id);
        box(await checklist()).click();
        await waitUntil(() => done(adapter, contact.id), 'the tick stored');
        let list = await away();
        expect(box(list).checked, 'still ticked').to.equal(true);
        box(list).click();
        await waitUntil(async () => !(await done(adapter, contact.id)), 'the untick stored');
        list = await checklist();
        expect(list.shadowRoot!.querySelector('[part~="error"]'), 'no conflict said').to.equal(null);
      });

      it('shows the contact as archived when it was archived while another tab showed, and open again once it is not', async () => {
        const { adapter, contact } = await world({ checklist: true });
        const { el, checklist } = await onChecklist(adapter, contact.id);
        expect(box(await checklist()).disabled, 'open at first').to.equal(false);
        /** Archived or unarchived while the Overview shows; then the Checklist tab again. */
        const whileAway = async (archive: boolean) => {
          el.tab = 'overview';
          await el.updateComplete;
          const { version } = await adapter.contacts.get(contact.id);
          await adapter.contacts.setArchived(contact.id, version, archive);
          await waitUntil(() => root(el).textContent!.includes('This contact is archived') === archive, 'the card follows');
          el.tab = 'checklist';
          await el.updateComplete;
          return checklist();
        };
        let list = await whileAway(true);
        expect(list.shadowRoot!.textContent).to.include('This contact is archived');
        expect(box(list).disabled).to.equal(true);
        list = await whileAway(false);
        expect(list.shadowRoot!.textContent).not.to.include('This contact is archived');
        expect(box(list).disabled, 'open again').to.equal(false);
      });

      it('after a conflict shows the item as stored, so the next try saves (the feed unheard)', async () => {
        const { adapter, contact } = await world({ checklist: true });
        const faults = withFaults(adapter);
        faults.muteFeed();
        const { checklist, away } = await onChecklist(faults.adapter, contact.id);
        box(await checklist()).click();
        await waitUntil(() => done(adapter, contact.id), 'the tick stored');
        // Nothing heard of the tick: the list shown again is the one first read, and ticking it meets a newer version.
        let list = await away();
        expect(box(list).checked, 'as first read').to.equal(false);
        box(list).click();
        await waitUntil(() => list.shadowRoot!.querySelector('[part~="error"]'), 'the conflict said');
        await waitUntil(() => box(list).checked, 'the item as stored');
        box(list).click();
        await waitUntil(async () => !(await done(adapter, contact.id)), 'the untick stored');
        list = await checklist();
        expect(box(list).checked).to.equal(false);
      });
    });

    it('has no Checklist tab when no items apply, and warns about an unknown tab', async () => {
      const { adapter, contact } = await world();
      let el!: LiftContactCard;
      const warnings = await captureWarnings(async () => {
        el = await mount(adapter, contact.id, { tab: 'kaart' });
      });
      expect(warnings.join(' ')).to.include('"kaart"');
      expect(tabs(el, 'tabs')).to.deep.equal(['Overview', 'Projects', 'Correspondence']);
      expect($(el, '#tab-overview')!.getAttribute('aria-selected')).to.equal('true');
    });

    it('has no Projects tab, nor a project detail tab, on an adapter that keeps no work', async () => {
      const { adapter, contact } = await world();
      // A partner's backend without the optional work group.
      const capabilities = new Set([...adapter.capabilities].filter((c) => c !== 'work'));
      const noWork = new Proxy(adapter, {
        get: (target, key) => {
          if (key === 'work') return undefined;
          if (key === 'capabilities') return capabilities;
          const value: unknown = Reflect.get(target, key, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const el = await mount(noWork, contact.id, { tab: 'projects' });
      expect(tabs(el, 'tabs')).to.deep.equal(['Overview', 'Correspondence']);
      expect($(el, '#tab-overview')!.getAttribute('aria-selected'), 'the overview shows instead').to.equal('true');
      expect(tabs(el, 'detail-tabs')).not.to.include('Project');
      expect(el.shadowRoot!.textContent).not.to.include('Loading');
    });

    it('shows the overview and, on Correspondence, only correspondence kinds', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      const entries = async () => {
        const timeline = await waitUntil(() => $(el, 'lift-contact-timeline'), 'the timeline').then(() => $(el, 'lift-contact-timeline') as HTMLElement & { loaded: Promise<void> });
        await customElements.whenDefined('lift-contact-timeline');
        await timeline.loaded;
        await waitUntil(() => timeline.shadowRoot?.querySelector('[part~="entry"]'), 'entries to show');
        return [...timeline.shadowRoot!.querySelectorAll('[part~="entry"]')].map((e) => e.textContent!);
      };
      const all = await entries();
      expect(all.join(' ')).to.include('Offerte drukwerk').and.include('Belafspraak');
      el.tab = 'correspondence';
      await el.updateComplete;
      await waitUntil(async () => !(await entries()).join(' ').includes('Belafspraak'), 'calls to leave');
      expect((await entries()).join(' ')).to.include('Offerte drukwerk');
    });

    it('lists projects newest first, archived ones only when asked', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id, { tab: 'projects' });
      await waitUntil(() => $(el, 'table.projects'), 'the projects');
      const titles = () => [...root(el).querySelectorAll('tbody tr td:nth-child(2) button')].map((b) => b.textContent!.trim());
      expect(titles()).to.deep.equal(['Huisstijl 2027', 'Folder voorjaar']);
      const toggle = $<HTMLInputElement>(el, '.toggle input')!;
      toggle.click();
      await el.updateComplete;
      expect(titles()).to.deep.equal(['Huisstijl 2027', 'Folder voorjaar', 'Oude catalogus']);
      expect($(el, 'tbody tr:last-child')!.textContent).to.include('P-2020-0001').and.include('Archived');
    });

    it('keeps keyboard focus on its project when a new one is listed above it', async () => {
      const { adapter, contact, newer } = await world();
      const el = await mount(adapter, contact.id, { tab: 'projects' });
      await waitUntil(() => $(el, 'table.projects'), 'the projects');
      $(el, `tr[data-work-id="${newer.id}"] button`)!.focus();
      // A colleague creates a lead: the list is read again, newest first.
      await adapter.work!.create({ kind: 'lead', contactId: contact.id, title: 'Nieuwe website' });
      await waitUntil(() => root(el).querySelectorAll('tbody tr').length === 3, 'the new one listed');
      expect(root(el).activeElement?.textContent?.trim(), 'the project the user was on').to.equal(newer.title);
    });

    it('opens a project on Enter with lift-open-project, and leaves it to a host that cancels', async () => {
      const { adapter, contact, newer } = await world();
      const el = await mount(adapter, contact.id, { tab: 'projects' });
      await waitUntil(() => $(el, 'table.projects'), 'the projects');
      const button = $(el, `tr[data-work-id="${newer.id}"] button`)!;
      const cancel = (event: Event) => event.preventDefault();
      el.addEventListener('lift-open-project', cancel, { once: true });
      button.focus();
      const cancelled = oneEvent(el, 'lift-open-project');
      await sendKeys({ press: 'Enter' });
      expect((await cancelled).detail.workItem.id).to.equal(newer.id);
      await el.updateComplete;
      expect(activeDetail(el)).to.equal('Personal details');
      // A double-click, as a browser fires it (click, click, dblclick), cancelled by the host:
      // its clicks' wait for a second click opens nothing afterwards either.
      el.addEventListener('lift-open-project', cancel, { once: true });
      for (const [type, detail] of [['click', 1], ['click', 2], ['dblclick', 2]] as const) button.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, detail }));
      await new Promise((resolve) => setTimeout(resolve, 800));
      await el.updateComplete;
      expect(activeDetail(el), 'after a double-click the host cancelled').to.equal('Personal details');
      const opened = oneEvent(el, 'lift-open-project');
      button.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
      await opened;
      await el.updateComplete;
      expect(activeDetail(el)).to.equal('Project');
      expect($(el, '[part~="detail-panel"]')!.textContent).to.include('Huisstijl 2027').and.include('Nieuwe huisstijl.');
    });
  });

  describe('detail tabs', () => {
    it('exist as the detail-tabs attribute says, in its order', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id, { detailTabs: 'item function' });
      expect(tabs(el, 'detail-tabs')).to.deep.equal(['Item', 'Function and relation']);
      expect(activeDetail(el)).to.equal('Item');
      $<HTMLButtonElement>(el, 'button.link')!.click();
      await el.updateComplete;
      expect(activeDetail(el)).to.equal('Function and relation');
      expect($(el, '[part~="detail-panel"]')!.textContent).to.include('Drukkerij De Vries').and.include('prospect');
      // The name opens personal details only where the card has that tab.
      $<HTMLButtonElement>(el, '[part~="name"]')!.click();
      await el.updateComplete;
      expect(activeDetail(el)).to.equal('Function and relation');
    });

    it('say a relation that could not be read, with Try again, not a contact without one', async () => {
      const { adapter, contact } = await world();
      const faults = withFaults(adapter);
      faults.fail('relations.get', new LiftDataError('unavailable', 'down'));
      const el = await mount(faults.adapter, contact.id, { detailTabs: 'function' });
      const panel = () => $(el, '[part~="detail-panel"]')!;
      await waitUntil(() => panel().querySelector('[role="alert"]'), `the failure said (${panel().textContent})`);
      expect(panel().querySelector('[role="alert"]')!.textContent).to.include('The relation could not be read');
      const retry = [...panel().querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Try again')!;
      retry.focus();
      retry.click();
      await waitUntil(() => panel().textContent!.includes('Drukkerij De Vries'), 'the relation after Try again');
      expect(panel().querySelector('[role="alert"]')).to.equal(null);
      expect($(el, '[part~="relation"]')!.textContent, 'in the header too').to.equal('Drukkerij De Vries');
      expect(el.shadowRoot!.activeElement?.id, 'focus in the card, on the detail tab').to.equal('detail-tab-function');
    });

    it('follow the user’s stored choice, store a new one through the bar, and reset it', async () => {
      const { adapter, contact } = await world();
      await adapter.preferences!.set('contact', { detailTabs: ['function', 'personal'] });
      const el = await mount(adapter, contact.id);
      // The attribute's order, limited to the user's choice.
      expect(tabs(el, 'detail-tabs')).to.deep.equal(['Personal details', 'Function and relation']);
      bar(el).dispatchEvent(new LiftDetailTabsChangeEvent(['project', 'item']));
      await waitUntil(async () => (await adapter.preferences!.get('contact')).detailTabs?.includes('project'), 'the choice to be stored');
      await el.updateComplete;
      expect(tabs(el, 'detail-tabs')).to.deep.equal(['Project', 'Item']);
      const again = await mount(adapter, contact.id);
      expect(tabs(again, 'detail-tabs')).to.deep.equal(['Project', 'Item']);
      bar(again).dispatchEvent(new LiftDetailTabsChangeEvent(undefined));
      await waitUntil(async () => !(await adapter.preferences!.get('contact')).detailTabs, 'the reset to be stored');
      await again.updateComplete;
      expect(tabs(again, 'detail-tabs')).to.have.length(4);
    });

    it('store the button choice per user, and a host that cancels the change keeps the old one', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      const stored: unknown[] = [];
      const set = adapter.preferences!.set;
      (adapter.preferences as { set: typeof set }).set = (cardType, preferences) => {
        stored.push(preferences.buttons);
        return set(cardType, preferences);
      };
      el.addEventListener('lift-buttons-change', (event) => event.preventDefault(), { once: true });
      bar(el).dispatchEvent(new LiftButtonsChangeEvent(['refresh']));
      bar(el).dispatchEvent(new LiftButtonsChangeEvent(['save', 'refresh']));
      await waitUntil(async () => (await adapter.preferences!.get('contact')).buttons?.length === 2, 'the choice to be stored');
      // The choices are stored in the order they were made: the cancelled one, had it been
      // stored, would have come first.
      expect(stored, 'only the choice the host let through was stored').to.deep.equal([['save', 'refresh']]);
      await el.updateComplete;
      await bar(el).updateComplete;
      expect(bar(el).actions).to.deep.equal(['save', 'refresh', 'configure']);
      adapter.session.setUser({ id: 'someone-else', name: 'Ander', role: 'admin' });
      expect((await adapter.preferences!.get('contact')).buttons).to.equal(undefined);
    });

    it('shows an overview entry in full when it is selected', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      await customElements.whenDefined('lift-contact-timeline');
      const timeline = $(el, 'lift-contact-timeline') as HTMLElement & { loaded: Promise<void> };
      await timeline.loaded;
      const row = await waitUntil(() => timeline.shadowRoot!.querySelector('[part~="entry"]'), 'an entry').then(
        () => [...timeline.shadowRoot!.querySelectorAll<HTMLElement>('[part~="entry"]')].find((e) => e.textContent!.includes('Belafspraak'))!,
      );
      row.click();
      await new Promise((resolve) => setTimeout(resolve));
      await el.updateComplete;
      expect(activeDetail(el)).to.equal('Item');
      expect($(el, '[part~="detail-panel"]')!.textContent).to.include('Teruggebeld over de planning.');
    });
  });

  describe('editing', () => {
    it('saves only the changed fields, records them in the overview and reports it', async () => {
      const { adapter, contact } = await world();
      const sent: unknown[][] = [];
      const update = adapter.contacts.update;
      (adapter.contacts as { update: typeof update }).update = (...args) => {
        sent.push(args);
        return update(...args);
      };
      const el = await mount(adapter, contact.id);
      const dirty = oneEvent(el, 'lift-dirty-change');
      await type(el, 'jobTitle', 'Directeur');
      expect((await dirty).detail).to.deep.equal({ dirty: true, fields: ['jobTitle'] });
      await type(el, 'department', 'Directie');
      expect(el.dirty).to.equal(true);
      expect(el.hasAttribute('dirty')).to.equal(true);
      expect(bar(el).dirty).to.equal(true);
      expect($(el, '.field.jobTitle .changed')).not.to.equal(null);
      const saved = oneEvent(el, 'lift-contact-saved');
      await pressBar(el, 'save');
      const { detail } = await saved;
      expect(detail.fields).to.deep.equal(['jobTitle', 'department']);
      expect(detail.contact.version).to.equal(contact.version + 1);
      expect(sent, 'only the changed fields, with the loaded version').to.deep.equal([[contact.id, contact.version, { jobTitle: 'Directeur', department: 'Directie' }]]);
      expect(localStorage.length, 'the draft is gone once saved').to.equal(0);
      const stored = await adapter.contacts.get(contact.id);
      expect([stored.jobTitle, stored.department, stored.firstName]).to.deep.equal(['Directeur', 'Directie', 'Anna']);
      await el.updateComplete;
      expect(el.dirty).to.equal(false);
      expect($(el, '[part~="header"]')!.textContent).to.include('Directeur');
      const changes = (await adapter.timeline.all(contact.id)).filter((e) => e.kind === 'change').map((e) => e.change!.field);
      expect(changes.sort()).to.deep.equal(['department', 'jobTitle']);
      // The overview on screen shows them too.
      const timeline = $(el, 'lift-contact-timeline') as HTMLElement;
      await waitUntil(() => timeline.shadowRoot?.textContent?.includes('Directeur'), 'the change entry in the overview');
      // Shown with the field's label in the reader's language, not the field's code.
      const subjects = [...timeline.shadowRoot!.querySelectorAll('[part~="entry"] .subject')].map((e) => e.textContent!.trim());
      expect(subjects).to.include('Job title').and.include('Department');
      expect(subjects).not.to.include('jobTitle');
    });

    it('names unsaved edits on the personal details tab for a screen reader too, in Dutch and English, until they are undone', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      const tab = () => $(el, '#detail-tab-personal')!;
      // The name a screen reader gives the tab: its label when it has one, else its text.
      const name = () => tab().getAttribute('aria-label') ?? tab().textContent!.trim();
      expect(name()).to.equal('Personal details');
      await type(el, 'firstName', 'Anne');
      expect(tab().textContent!.trim(), 'the mark on screen').to.equal('Personal details •');
      expect(name()).to.equal('Personal details, changes not saved');
      el.lang = 'nl';
      await waitUntil(() => name() === 'Persoonsgegevens, wijzigingen niet opgeslagen', 'in Dutch');
      await pressBar(el, 'undo');
      await el.updateComplete;
      expect(name()).to.equal('Persoonsgegevens');
    });

    it('undo restores the loaded values and forgets the draft', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      await type(el, 'firstName', 'Anne');
      expect(localStorage.length).to.equal(1);
      await pressBar(el, 'undo');
      expect(field(el, 'firstName').value).to.equal('Anna');
      expect(el.dirty).to.equal(false);
      expect(localStorage.length).to.equal(0);
      expect((await adapter.contacts.get(contact.id)).version).to.equal(contact.version);
    });

    it('validates beside the field and saves nothing invalid', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      await type(el, 'email', 'anna@');
      await type(el, 'lastName', '   ');
      await type(el, 'phone', '12');
      expect($(el, '#error-email')!.textContent).to.include('not a valid e-mail address');
      expect($(el, '#error-lastName')!.textContent).to.include('Enter a last name');
      expect($(el, '#error-phone')!.textContent).to.include('at least 6 digits');
      expect(field(el, 'email').getAttribute('aria-invalid')).to.equal('true');
      expect(field(el, 'email').getAttribute('aria-describedby')).to.equal('error-email');
      await pressBar(el, 'save');
      expect(banners(el).join(' ')).to.include('Correct 3 fields first.');
      expect(root(el).activeElement?.id).to.equal('field-lastName');
      expect((await adapter.contacts.get(contact.id)).email).to.equal('anna@devries.nl');
      await type(el, 'notes', 'x'.repeat(10_001));
      expect($(el, '#error-notes')!.textContent).to.include('At most 10,000 characters (10,001 now)');
    });

    /** A card with "Anne" typed as the first name, whose save the adapter is about to refuse with `refusal`; `errors` lists its `lift-error` events from the start. */
    async function typedThenRefused(refusal: LiftDataError) {
      const { adapter, contact } = await world();
      const faults = withFaults(adapter);
      const el = await mount(faults.adapter, contact.id);
      const errors: string[] = [];
      el.addEventListener('lift-error', (event) => errors.push(`${event.detail.operation}:${event.detail.code}`));
      await type(el, 'firstName', 'Anne');
      faults.fail('contacts.update', refusal);
      return { adapter, contact, el, errors };
    }

    it('says a contact gone from the backend when its save fails, and keeps the edits', async () => {
      const { el } = await typedThenRefused(new LiftDataError('not-found', 'No such contact.'));
      await pressBar(el, 'save');
      await settled(el);
      expect(banners(el).join(' ')).to.include('Saving failed: the contact no longer exists.');
      expect(field(el, 'firstName').value).to.equal('Anne');
    });

    it('keeps the edits when the adapter fails, says why, and a retry saves them', async () => {
      const { adapter, contact, el, errors } = await typedThenRefused(new LiftDataError('unavailable', 'Server down'));
      await pressBar(el, 'save');
      await settled(el);
      expect(banners(el).join(' ')).to.include('Saving failed: the data cannot be reached.');
      expect(errors).to.deep.equal(['save:unavailable']);
      expect(field(el, 'firstName').value).to.equal('Anne');
      expect(el.dirty).to.equal(true);
      expect((await adapter.contacts.get(contact.id)).firstName).to.equal('Anna');
      const retry = [...root(el).querySelectorAll<HTMLButtonElement>('[part~="banner"] button')].find((b) => b.textContent!.trim() === 'Try again')!;
      const saved = oneEvent(el, 'lift-contact-saved');
      retry.click();
      await saved;
      expect((await adapter.contacts.get(contact.id)).firstName).to.equal('Anne');
    });

    it('keeps what is typed while a conflict reads the stored record (a host adapter that does not send it along)', async () => {
      const { adapter, contact } = await world();
      const faults = withFaults(adapter);
      const el = await mount(faults.adapter, contact.id);
      await type(el, 'firstName', 'Anne');
      // Refused as a conflict without the stored record: the card asks for it, which takes a while.
      faults.fail('contacts.update', new LiftDataError('conflict', 'Someone else changed this contact.'));
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let asked = false;
      const get = adapter.contacts.get.bind(adapter.contacts);
      (adapter.contacts as { get: unknown }).get = async (...args: Parameters<typeof get>) => ((asked = true), await held, get(...args));
      const saving = el.save();
      await waitUntil(() => asked, 'the stored record asked for');
      await el.updateComplete;
      await type(el, 'department', 'Inkoop');
      release();
      expect(await saving).to.equal(true);
      await el.updateComplete;
      expect([field(el, 'firstName').value, field(el, 'department').value], 'nothing typed is lost').to.deep.equal(['Anne', 'Inkoop']);
      const stored = await get(contact.id);
      expect([stored.firstName, stored.department]).to.deep.equal(['Anne', 'Inkoop']);
    });

    it('saves with Ctrl+S', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      await type(el, 'mobile', '06 1234 5678');
      field(el, 'mobile').focus();
      const saved = oneEvent(el, 'lift-contact-saved');
      shortcut(el, 's', { ctrlKey: true });
      await saved;
      expect((await adapter.contacts.get(contact.id)).mobile).to.equal('06 1234 5678');
    });

    it('tells the host of Ctrl+S and Alt+Page Down as of the buttons they stand for, and does neither when it cancels them', async () => {
      const { adapter, contact } = await world();
      const next = await adapter.contacts.create({ relationId: contact.relationId, firstName: 'Bram', lastName: 'Smit' });
      const el = await mount(adapter, contact.id, { selection: `${contact.id} ${next.id}` });
      const told: string[] = [];
      let cancel = true;
      el.addEventListener('lift-action', (event) => (told.push(event.detail.action), cancel && event.preventDefault()));
      await type(el, 'mobile', '06 1234 5678');
      field(el, 'mobile').focus();
      shortcut(el, 's', { ctrlKey: true });
      shortcut(el, 'PageDown', { altKey: true });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await el.updateComplete;
      expect(told, 'told as the buttons are').to.deep.equal(['save', 'next']);
      expect([el.contactId, (await adapter.contacts.get(contact.id)).mobile], 'cancelled: not moved, not saved').to.deep.equal([contact.id, contact.mobile]);
      // Not cancelled, they act.
      cancel = false;
      const saved = oneEvent(el, 'lift-contact-saved');
      shortcut(el, 's', { ctrlKey: true });
      await saved;
      shortcut(el, 'PageDown', { altKey: true });
      await waitUntil(() => el.contactId === next.id, 'the next contact');
      expect(told).to.deep.equal(['save', 'next', 'save', 'next']);
    });

    it('saves with Ctrl+S the form of its own that has focus (recording an activity), and leaves the key to the browser when there is nothing to save', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      await waitUntil(() => root(el).querySelector('lift-contact-timeline'), 'the overview');
      const timeline = root(el).querySelector<LiftContactTimeline>('lift-contact-timeline')!;
      await timeline.loaded;
      [...timeline.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Record activity')!.click();
      await waitUntil(() => timeline.shadowRoot!.querySelector('[part~="note-form"] [name="subject"]'), 'the form');
      const subject = timeline.shadowRoot!.querySelector<HTMLInputElement>('[part~="note-form"] [name="subject"]')!;
      subject.value = 'Gebeld over de offerte';
      subject.dispatchEvent(new Event('input', { bubbles: true }));
      subject.focus();
      const keys = (init: KeyboardEventInit) => {
        const event = new KeyboardEvent('keydown', { key: 's', ...init, bubbles: true, composed: true, cancelable: true });
        subject.dispatchEvent(event);
        return event.defaultPrevented;
      };
      expect(keys({ ctrlKey: true }), 'taken from the browser').to.equal(true);
      await waitUntil(async () => (await adapter.timeline.all(contact.id)).some((entry) => entry.subject === 'Gebeld over de offerte'), 'the activity saved');
      // Nothing to save where focus is, nor in the card: the browser's own Ctrl+S.
      const name = root(el).querySelector<HTMLButtonElement>('[part~="name"]')!;
      name.focus();
      const event = new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, composed: true, cancelable: true });
      name.dispatchEvent(event);
      expect(event.defaultPrevented, 'left to the browser').to.equal(false);
    });

    it('restores a draft after the element is re-created, and a discarded draft is gone', async () => {
      const { adapter, contact } = await world();
      const first = await mount(adapter, contact.id);
      await type(first, 'department', 'Inkoop');
      first.remove();
      const second = await mount(adapter, contact.id);
      expect(field(second, 'department').value).to.equal('Inkoop');
      expect(second.dirty).to.equal(true);
      expect(banners(second).join(' ')).to.include('Unsaved changes from');
      const discard = [...root(second).querySelectorAll<HTMLButtonElement>('[part~="banner"] button')].find((b) => b.textContent!.trim() === 'Discard')!;
      discard.click();
      await second.updateComplete;
      expect(field(second, 'department').value).to.equal('Marketing');
      second.remove();
      const third = await mount(adapter, contact.id);
      expect(third.dirty).to.equal(false);
      expect(field(third, 'department').value).to.equal('Marketing');
    });

    it('keeps keyboard focus in the card when a banner goes with the button pressed in it', async () => {
      const { adapter, contact } = await world();
      const first = await mount(adapter, contact.id);
      await type(first, 'department', 'Inkoop');
      first.remove();
      const el = await mount(adapter, contact.id);
      const bannerButton = (label: string) => [...root(el).querySelectorAll<HTMLButtonElement>('[part~="banner"] button')].find((b) => b.textContent!.trim() === label);
      bannerButton('Keep')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => !bannerButton('Keep'), 'the notice gone');
      await el.updateComplete;
      expect(root(el).activeElement, 'focus on the contact’s name, not the page').to.equal($(el, 'button.name'));
      // A failed save's Try again that succeeds takes its banner with it too.
      const update = adapter.contacts.update;
      const fail = failSaves(adapter);
      await pressBar(el, 'save');
      fail();
      await waitUntil(() => bannerButton('Try again'), 'the failure');
      (adapter.contacts as { update: unknown }).update = update;
      bannerButton('Try again')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => !bannerButton('Try again') && !el.dirty, 'saved');
      await el.updateComplete;
      expect(root(el).activeElement, 'focus kept in the card').to.equal($(el, 'button.name'));
    });

    it('a draft older than the record merges through the conflict path instead of overwriting', async () => {
      const { adapter, contact } = await world();
      const first = await mount(adapter, contact.id);
      await type(first, 'firstName', 'Anne');
      first.remove();
      await adapter.contacts.update(contact.id, contact.version, { firstName: 'Annie', notes: 'Elders gewijzigd' });
      const second = await mount(adapter, contact.id);
      expect(field(second, 'firstName').value).to.equal('Anne');
      await pressBar(second, 'save');
      await waitUntil(() => $<HTMLDialogElement>(second, 'dialog.conflict')?.open, 'the conflict dialog');
      const fieldsets = [...root(second).querySelectorAll('dialog.conflict fieldset')];
      expect(fieldsets.map((f) => f.getAttribute('data-field'))).to.deep.equal(['firstName']);
      expect(fieldsets[0]!.textContent).to.include('Anna').and.include('Anne').and.include('Annie');
    });
  });

  describe('conflicts', () => {
    it("a card's save keeps another card's newer edit of the same field in the draft store", async () => {
      const { adapter, contact } = await world();
      const other = freshIndexedDbAdapter({ databaseName: (adapter as IndexedDbAdapter).databaseName });
      const first = await mount(adapter, contact.id);
      const second = await mount(other, contact.id);
      await type(first, 'jobTitle', 'Directeur');
      await type(first, 'department', 'Directie');
      // The second card types into the same field afterwards: its value is the newer draft.
      await type(second, 'jobTitle', 'Eigenaar');
      const saved = oneEvent(first, 'lift-contact-saved');
      await pressBar(first, 'save');
      await saved;
      expect((await adapter.contacts.get(contact.id)).jobTitle).to.equal('Directeur');
      const kept = JSON.parse(localStorage.getItem(localStorage.key(0)!)!) as { edits: Record<string, string> };
      expect(kept.edits, 'the first card forgot only what it saved and still stood in the store').to.deep.equal({ jobTitle: 'Eigenaar' });
      expect(field(second, 'jobTitle').value).to.equal('Eigenaar');
      // Closing the second card and opening the contact again brings its edit back.
      second.remove();
      first.remove();
      const reopened = await mount(adapter, contact.id);
      expect(field(reopened, 'jobTitle').value).to.equal('Eigenaar');
      expect(reopened.dirty).to.equal(true);
      expect(field(reopened, 'department').value).to.equal('Directie');
    });

    it('between two cards on two adapters: merges what does not overlap and asks per field', async () => {
      const { adapter, contact } = await world();
      const other = freshIndexedDbAdapter({ databaseName: (adapter as IndexedDbAdapter).databaseName });
      const mine = await mount(adapter, contact.id);
      const theirs = await mount(other, contact.id);
      await type(mine, 'firstName', 'Anne');
      await type(mine, 'jobTitle', 'Directeur');
      await type(mine, 'notes', 'Mijn notitie');
      await type(theirs, 'firstName', 'Annie');
      await type(theirs, 'department', 'Verkoop');
      await type(theirs, 'notes', 'Mijn notitie');
      const theirSave = oneEvent(theirs, 'lift-contact-saved');
      await pressBar(theirs, 'save');
      await theirSave;
      // Their save forgot what it saved, not my other edits: a reload now would still offer them.
      // (For a field both typed into, the store keeps the value typed last, here theirs.)
      const kept = JSON.parse(localStorage.getItem(localStorage.key(0)!)!) as { edits: Record<string, string> };
      expect(kept.edits).to.deep.equal({ jobTitle: 'Directeur' });
      const conflictEvent = oneEvent(mine, 'lift-conflict');
      await pressBar(mine, 'save');
      const { detail } = await conflictEvent;
      expect(detail.fields).to.deep.equal(['firstName']);
      expect(detail.merged).to.deep.equal(['jobTitle']);
      await waitUntil(() => $<HTMLDialogElement>(mine, 'dialog.conflict')?.open, 'the conflict dialog');
      // What went on top of the colleague's version by itself is named as such.
      expect($(mine, 'dialog.conflict')!.textContent).to.include('Combined with the newer version without a clash: Job title.');
      const submit = $<HTMLButtonElement>(mine, 'dialog.conflict button[type="submit"]')!;
      expect(submit.disabled, 'no choice made yet').to.equal(true);
      expect((await adapter.contacts.get(contact.id)).firstName, 'nothing written before a choice').to.equal('Annie');
      await expect(mine).to.be.accessible();
      $<HTMLInputElement>(mine, 'dialog.conflict input[value="mine"]')!.click();
      await mine.updateComplete;
      const saved = oneEvent(mine, 'lift-contact-saved');
      $<HTMLButtonElement>(mine, 'dialog.conflict button[type="submit"]')!.click();
      await saved;
      const final = await adapter.contacts.get(contact.id);
      expect([final.firstName, final.jobTitle, final.department, final.notes]).to.deep.equal(['Anne', 'Directeur', 'Verkoop', 'Mijn notitie']);
      expect(final.version).to.equal(contact.version + 2);
      expect(localStorage.length).to.equal(0);
      // The other card, clean since its save, follows by itself.
      await waitUntil(() => field(theirs, 'firstName').value === 'Anne', 'the other card to refresh');
    });

    it('choosing theirs keeps their value and saves only the rest', async () => {
      const { adapter, contact } = await world();
      const faults = withFaults(adapter);
      faults.muteFeed();
      const el = await mount(faults.adapter, contact.id);
      await type(el, 'firstName', 'Anne');
      await type(el, 'infix', 'von');
      await adapter.contacts.update(contact.id, contact.version, { firstName: 'Annie' });
      await pressBar(el, 'save');
      await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.conflict')?.open, 'the conflict dialog');
      $<HTMLInputElement>(el, 'dialog.conflict input[value="theirs"]')!.click();
      await el.updateComplete;
      const saved = oneEvent(el, 'lift-contact-saved');
      $<HTMLButtonElement>(el, 'dialog.conflict button[type="submit"]')!.click();
      expect((await saved).detail.fields).to.deep.equal(['infix']);
      const final = await adapter.contacts.get(contact.id);
      expect([final.firstName, final.infix]).to.deep.equal(['Annie', 'von']);
    });

    it('Escape on the conflict met by Ctrl+S gives focus back to the field the user saved from', async () => {
      const { adapter, contact } = await world();
      const faults = withFaults(adapter);
      faults.muteFeed();
      const el = await mount(faults.adapter, contact.id);
      await type(el, 'firstName', 'Anne');
      await adapter.contacts.update(contact.id, contact.version, { firstName: 'Annie' });
      field(el, 'firstName').focus();
      shortcut(el, 's', { ctrlKey: true });
      await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.conflict')?.open, 'the conflict dialog');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !$<HTMLDialogElement>(el, 'dialog.conflict')?.open, 'the dialog closed');
      await new Promise((resolve) => requestAnimationFrame(resolve));
      await waitUntil(() => root(el).activeElement === field(el, 'firstName'), 'focus back on the field, not the contact’s name');
      expect(field(el, 'firstName').value, 'the edit kept').to.equal('Anne');
      const compare = [...root(el).querySelectorAll<HTMLButtonElement>('[part~="banner"] button')].map((b) => b.textContent!.trim());
      expect(compare, 'the comparison one click away').to.include('Compare');
    });

    it('keeps the choices of a conflict closed by Escape for the comparison that follows, and asks again where the user typed since', async () => {
      const { adapter, contact } = await world();
      const faults = withFaults(adapter);
      faults.muteFeed();
      const el = await mount(faults.adapter, contact.id);
      await type(el, 'firstName', 'Anne');
      await type(el, 'department', 'Inkoop');
      await adapter.contacts.update(contact.id, contact.version, { firstName: 'Annie', department: 'Verkoop' });
      await pressBar(el, 'save');
      await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.conflict')?.open, 'the conflict dialog');
      const choice = (name: string, side: string) => $<HTMLInputElement>(el, `dialog.conflict fieldset[data-field="${name}"] input[value="${side}"]`)!;
      choice('firstName', 'mine').click();
      choice('department', 'theirs').click();
      await el.updateComplete;
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !$<HTMLDialogElement>(el, 'dialog.conflict')?.open, 'the dialog closed');
      const compare = () => [...root(el).querySelectorAll<HTMLButtonElement>('[part~="banner"] button')].find((b) => b.textContent!.trim() === 'Compare')!;
      await waitUntil(compare, 'the comparison one click away');
      compare().click();
      await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.conflict')?.open, 'the conflict dialog again');
      expect([choice('firstName', 'mine').checked, choice('department', 'theirs').checked], 'the choices made before').to.deep.equal([true, true]);
      expect($<HTMLButtonElement>(el, 'dialog.conflict button[type="submit"]')!.disabled, 'nothing left to choose').to.equal(false);
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !$<HTMLDialogElement>(el, 'dialog.conflict')?.open, 'the dialog closed again');
      // A value typed since is a new question; the other answer stands.
      await type(el, 'firstName', 'Anneke');
      await waitUntil(compare, 'the comparison still offered');
      compare().click();
      await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.conflict')?.open, 'the conflict dialog a third time');
      expect([choice('firstName', 'mine').checked, choice('firstName', 'theirs').checked, choice('department', 'theirs').checked]).to.deep.equal([false, false, true]);
      choice('firstName', 'mine').click();
      await el.updateComplete;
      $<HTMLButtonElement>(el, 'dialog.conflict button[type="submit"]')!.click();
      await waitUntil(() => !$<HTMLDialogElement>(el, 'dialog.conflict')?.open, 'the choices applied');
      expect([field(el, 'firstName').value, field(el, 'department').value]).to.deep.equal(['Anneke', 'Verkoop']);
    });

    it('saves by itself when the newer version changed other fields only', async () => {
      const { adapter, contact } = await world();
      const faults = withFaults(adapter);
      faults.muteFeed();
      const el = await mount(faults.adapter, contact.id);
      await type(el, 'firstName', 'Anne');
      await adapter.contacts.update(contact.id, contact.version, { department: 'Verkoop' });
      const saved = oneEvent(el, 'lift-contact-saved');
      await pressBar(el, 'save');
      await saved;
      const final = await adapter.contacts.get(contact.id);
      expect([final.firstName, final.department]).to.deep.equal(['Anne', 'Verkoop']);
      expect($<HTMLDialogElement>(el, 'dialog.conflict')?.open ?? false, 'the conflict dialog opened').to.equal(false);
    });
  });

  describe('refresh and the change feed', () => {
    it('a clean card follows a change made through another adapter', async () => {
      const { adapter, contact } = await world();
      const other = freshIndexedDbAdapter({ databaseName: (adapter as IndexedDbAdapter).databaseName });
      const el = await mount(adapter, contact.id);
      await other.contacts.update(contact.id, contact.version, { jobTitle: 'Eigenaar' });
      await waitUntil(() => $(el, '[part~="header"]')!.textContent!.includes('Eigenaar'), 'the header to follow');
      expect(field(el, 'jobTitle').value).to.equal('Eigenaar');
    });

    it('a dirty card says it changed elsewhere and offers compare and refresh', async () => {
      const { adapter, contact } = await world();
      const other = freshIndexedDbAdapter({ databaseName: (adapter as IndexedDbAdapter).databaseName });
      const el = await mount(adapter, contact.id);
      await type(el, 'firstName', 'Anne');
      await other.contacts.update(contact.id, contact.version, { firstName: 'Annie' });
      await waitUntil(() => banners(el).some((b) => b.includes('changed elsewhere')), 'the notice');
      expect(field(el, 'firstName').value, 'the edit stays').to.equal('Anne');
      [...root(el).querySelectorAll<HTMLButtonElement>('[part~="banner"] button')].find((b) => b.textContent!.trim() === 'Compare')!.click();
      await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.conflict')?.open, 'the comparison');
      expect($(el, 'dialog.conflict')!.textContent).to.include('Annie').and.include('Anne');
      $<HTMLInputElement>(el, 'dialog.conflict input[value="theirs"]')!.click();
      await el.updateComplete;
      $<HTMLButtonElement>(el, 'dialog.conflict button[type="submit"]')!.click();
      await el.updateComplete;
      expect(field(el, 'firstName').value).to.equal('Annie');
      expect(el.dirty).to.equal(false);
      expect(localStorage.length, 'nothing left to restore').to.equal(0);
    });

    /** A card where "Anne" was typed over the first name another adapter then saved as "Annie": its comparison open. */
    async function comparing() {
      const { adapter, contact } = await world();
      const other = freshIndexedDbAdapter({ databaseName: (adapter as IndexedDbAdapter).databaseName });
      const el = await mount(adapter, contact.id);
      await type(el, 'firstName', 'Anne');
      const theirs = await other.contacts.update(contact.id, contact.version, { firstName: 'Annie' });
      await waitUntil(() => banners(el).some((b) => b.includes('changed elsewhere')), 'the notice');
      [...root(el).querySelectorAll<HTMLButtonElement>('[part~="banner"] button')].find((b) => b.textContent!.trim() === 'Compare')!.click();
      await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.conflict')?.open, 'the comparison');
      return { adapter, contact, other, el, theirs };
    }

    it('keeps a conflict settled by keeping one\'s own value settled through a reload: Save then saves without asking again', async () => {
      const { adapter, contact, el: first } = await comparing();
      $<HTMLInputElement>(first, 'dialog.conflict input[value="mine"]')!.click();
      await first.updateComplete;
      $<HTMLButtonElement>(first, 'dialog.conflict button[type="submit"]')!.click();
      await first.updateComplete;
      expect(field(first, 'firstName').value).to.equal('Anne');
      // The page reloads before Save.
      first.remove();
      const second = await mount(adapter, contact.id);
      expect(field(second, 'firstName').value).to.equal('Anne');
      const saved = oneEvent(second, 'lift-contact-saved');
      expect(await second.save(), 'saved without a question').to.equal(true);
      await saved;
      expect($<HTMLDialogElement>(second, 'dialog.conflict')?.open ?? false, 'not asked again').to.equal(false);
      expect((await adapter.contacts.get(contact.id)).firstName).to.equal('Anne');
    });

    it('shows a change made elsewhere while the comparison was open once the choices are applied', async () => {
      const { contact, other, el, theirs } = await comparing();
      // Saved again elsewhere while the user compares.
      await other.contacts.update(contact.id, theirs.version, { jobTitle: 'Eigenaar' });
      await waitUntil(() => $(el, '[part~="header"]')!.textContent!.includes('Eigenaar'), 'the header follows');
      $<HTMLInputElement>(el, 'dialog.conflict input[value="theirs"]')!.click();
      await el.updateComplete;
      $<HTMLButtonElement>(el, 'dialog.conflict button[type="submit"]')!.click();
      await el.updateComplete;
      expect($(el, '[part~="header"]')!.textContent, 'not the record from before').to.include('Eigenaar');
      expect([field(el, 'firstName').value, field(el, 'jobTitle').value]).to.deep.equal(['Annie', 'Eigenaar']);
      expect(el.dirty).to.equal(false);
    });

    it('compares with the newest record after a comparison closed unchosen while the colleague saved again', async () => {
      const { contact, other, el, theirs } = await comparing();
      await other.contacts.update(contact.id, theirs.version, { firstName: 'Anja' });
      await waitUntil(() => $(el, '[part~="header"]')!.textContent!.includes('Anja'), 'the header follows');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !$<HTMLDialogElement>(el, 'dialog.conflict')?.open, 'the comparison to close');
      [...root(el).querySelectorAll<HTMLButtonElement>('[part~="banner"] button')].find((b) => b.textContent!.trim() === 'Compare')!.click();
      await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.conflict')?.open, 'the comparison again');
      expect($(el, 'dialog.conflict')!.textContent, 'their value as it is now').to.include('Anja').and.not.include('Annie');
      $<HTMLInputElement>(el, 'dialog.conflict input[value="theirs"]')!.click();
      await el.updateComplete;
      $<HTMLButtonElement>(el, 'dialog.conflict button[type="submit"]')!.click();
      await el.updateComplete;
      expect(field(el, 'firstName').value).to.equal('Anja');
      expect(el.dirty, 'nothing left to compare').to.equal(false);
      expect(banners(el).join(' ')).not.to.include('changed elsewhere');
    });

    it('shows the checklist detail as it is after a change that names no contact (an import, a feed reset)', async () => {
      const { adapter, contact } = await world({ checklist: true });
      const [item] = await adapter.checklists!.definitions('contact');
      const el = await mount(adapter, contact.id);
      root(el).querySelector<HTMLButtonElement>('#detail-tab-checklist-item')!.click();
      await waitUntil(() => root(el).querySelector('ul.checklist'), 'the checklist detail');
      expect(root(el).querySelector('ul.checklist')!.textContent, 'not ticked yet').to.include('open').and.not.include('Erik Employee');
      const ticked = { contactId: contact.id, itemId: item!.id, done: true, doneAt: '2026-11-02T09:00:00.000Z', doneBy: 'Erik Employee', note: 'Uit de import', version: 1 };
      await adapter.importRecords({ checklistStates: [ticked as unknown as StoredRecord] });
      await waitUntil(() => root(el).querySelector('ul.checklist')!.textContent!.includes('Uit de import'), 'the imported tick shows');
      expect(root(el).querySelector('ul.checklist')!.textContent).to.include('Erik Employee');
    });

    it('leaves out of the checklist detail an item hidden for archived contacts, as the checklist tab does, once the contact is archived', async () => {
      const { adapter, contact } = await world({ checklist: true });
      await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'Alleen zolang actief', category: 'Privacy', order: 9, mode: 'editable', modeByStatus: { archived: 'hidden' } });
      const el = await mount(adapter, contact.id);
      root(el).querySelector<HTMLButtonElement>('#detail-tab-checklist-item')!.click();
      const items = () => [...root(el).querySelectorAll('ul.checklist li strong')].map((item) => item.textContent!.trim());
      await waitUntil(() => items().includes('Alleen zolang actief'), 'the item, while the contact is active');
      await adapter.contacts.setArchived(contact.id, (await adapter.contacts.get(contact.id)).version, true);
      await waitUntil(() => root(el).querySelector('[part~="badge"]') && !items().includes('Alleen zolang actief'), `the item gone once archived (${items().join(', ')})`);
      expect(root(el).querySelector('[part~="detail-panel"] p')!.textContent).to.match(new RegExp(`of ${items().length} `));
    });

    /** A card whose checklist detail tab is open and says its read failed (the adapter offline); `plain` the adapter without the fault. */
    async function checklistDetailFailed() {
      const { adapter: plain, contact } = await world({ checklist: true });
      const faults = withFaults(plain);
      faults.fail('checklists.states', new LiftDataError('unavailable', 'offline'));
      const el = await mount(faults.adapter, contact.id);
      root(el).querySelector<HTMLButtonElement>('#detail-tab-checklist-item')!.click();
      const pane = () => root(el).querySelector<HTMLElement>('[part~="detail-panel"]')!;
      await waitUntil(() => pane().querySelector('[role="alert"]'), 'the failure said in the detail');
      return { plain, el, pane };
    }

    it('says in the checklist detail that it could not be read, and reads it again on Try again', async () => {
      const { el, pane } = await checklistDetailFailed();
      expect(pane().textContent).not.to.include('Loading checklist items');
      expect(pane().querySelector('[role="alert"]')!.textContent).to.include('The checklist items could not be loaded: ');
      await expect(el).to.be.accessible();
      const retry = [...pane().querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Try again')!;
      retry.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => pane().querySelector('ul.checklist'), 'the checklist read again');
      expect(pane().querySelector('[role="alert"]')).to.equal(null);
      expect(root(el).activeElement?.id, 'focus on the tab, not lost with the button').to.equal('detail-tab-checklist-item');
    });

    it('reads the checklist detail through the adapter a host swaps in, not the one it replaced', async () => {
      const { plain, el, pane } = await checklistDetailFailed();
      // The host swaps in another adapter, slow to answer: the old one's failure goes meanwhile.
      const slow = withFaults(plain);
      slow.hang('checklists.states');
      el.adapter = slow.adapter;
      await waitUntil(() => pane().textContent!.includes('Loading checklist items'), 'the detail read again');
      expect(pane().querySelector('[role="alert"]'), 'not the failure of the adapter it replaced').to.equal(null);
      // The host's link is back through another adapter: the detail reads through it, unasked.
      el.adapter = plain;
      await waitUntil(() => pane().querySelector('ul.checklist'), 'the checklist read through the new adapter');
      expect(pane().querySelector('[role="alert"]')).to.equal(null);
      expect(pane().querySelector('ul.checklist')!.textContent).to.include('AVG-toestemming');
    });

    it('refresh from the "changed elsewhere" notice asks, and discarding clears the draft', async () => {
      const { adapter, contact } = await world();
      const other = freshIndexedDbAdapter({ databaseName: (adapter as IndexedDbAdapter).databaseName });
      const el = await mount(adapter, contact.id);
      await type(el, 'department', 'Inkoop');
      await other.contacts.update(contact.id, contact.version, { jobTitle: 'Eigenaar' });
      await waitUntil(() => banners(el).some((b) => b.includes('changed elsewhere')), 'the notice');
      [...root(el).querySelectorAll<HTMLButtonElement>('[part~="banner"] button')].find((b) => b.textContent!.trim() === 'Refresh')!.click();
      await answerQuestion(el, 'discard');
      await el.loaded;
      await el.updateComplete;
      expect([field(el, 'department').value, field(el, 'jobTitle').value]).to.deep.equal(['Marketing', 'Eigenaar']);
      expect(localStorage.length).to.equal(0);
      expect(banners(el).join(' ')).not.to.include('changed elsewhere');
    });

    it('Escape on a question cancels, even after an earlier answer', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      await type(el, 'firstName', 'Anne');
      await pressBar(el, 'refresh');
      await answerQuestion(el, 'save');
      await waitUntil(() => !el.dirty, 'the save');
      await type(el, 'firstName', 'Anneke');
      await pressBar(el, 'refresh');
      await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.ask')?.open, 'the question');
      expect(root(el).activeElement?.textContent?.trim(), 'focus on the least destructive choice').to.equal('Cancel');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !$(el, 'dialog.ask form'), 'the question to close');
      // Asking again shows the card has finished with the first answer, which did nothing.
      await pressBar(el, 'refresh');
      await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.ask')?.open, 'the question again');
      await answerQuestion(el, 'cancel');
      await waitUntil(() => !$(el, 'dialog.ask form'), 'the question to close again');
      expect(field(el, 'firstName').value).to.equal('Anneke');
      expect(el.dirty).to.equal(true);
      expect((await adapter.contacts.get(contact.id)).firstName).to.equal('Anne');
    });

    it('refresh with unsaved edits asks: cancel keeps them, discard reloads', async () => {
      const { adapter, contact } = await world();
      const faults = withFaults(adapter);
      faults.muteFeed();
      const el = await mount(faults.adapter, contact.id);
      await type(el, 'firstName', 'Anne');
      await adapter.contacts.update(contact.id, contact.version, { jobTitle: 'Eigenaar' });
      await pressBar(el, 'refresh');
      await answerQuestion(el, 'cancel');
      expect(field(el, 'firstName').value).to.equal('Anne');
      expect(field(el, 'jobTitle').value).to.equal('Marketingmanager');
      await pressBar(el, 'refresh');
      await answerQuestion(el, 'discard');
      await el.loaded;
      await el.updateComplete;
      expect(field(el, 'firstName').value).to.equal('Anna');
      expect(field(el, 'jobTitle').value).to.equal('Eigenaar');
      expect(el.dirty).to.equal(false);
    });

    it('a host that cancels lift-action stops the card', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      await type(el, 'firstName', 'Anne');
      el.addEventListener('lift-action', (event: LiftActionEvent) => event.detail.action === 'undo' && event.preventDefault());
      await pressBar(el, 'undo');
      expect(field(el, 'firstName').value).to.equal('Anne');
    });
  });

  describe('archive and rights', () => {
    it('archives after confirmation: banner, read-only, badge; and unarchives', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      await pressBar(el, 'archive');
      await answerQuestion(el, 'cancel');
      expect((await adapter.contacts.get(contact.id)).archived).to.equal(false);
      await pressBar(el, 'archive');
      await answerQuestion(el, 'confirm');
      await waitUntil(() => $(el, '[part~="badge"]'), 'the badge');
      expect((await adapter.contacts.get(contact.id)).archived).to.equal(true);
      expect(banners(el).join(' ')).to.include('archived and read-only');
      expect(field(el, 'firstName').readOnly).to.equal(true);
      expect(bar(el).isDisabled('save')).to.equal(true);
      expect(bar(el).isDisabled('create')).to.equal(true);
      expect(bar(el).actions).to.include('unarchive');
      // The overview offers no new note either: the adapter would refuse it.
      const timeline = $(el, 'lift-contact-timeline') as HTMLElement & { updateComplete: Promise<unknown> };
      const noteButton = () => [...timeline.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Record activity');
      await timeline.updateComplete;
      expect(timeline.hasAttribute('read-only')).to.equal(true);
      expect(noteButton(), 'no "Record activity" on an archived contact').to.equal(undefined);
      const list = await adapter.contacts.list();
      expect(list.items.map((c) => c.id)).not.to.include(contact.id);
      await pressBar(el, 'unarchive');
      await answerQuestion(el, 'confirm');
      await waitUntil(() => !$(el, '[part~="badge"]'), 'the badge to go');
      expect(field(el, 'firstName').readOnly).to.equal(false);
      await timeline.updateComplete;
      expect(noteButton(), '"Record activity" is back').to.not.equal(undefined);
    });

    it('says an archive that fails after the card moved on for the contact it was for, not as a failure on the next', async () => {
      const { adapter, contact } = await world();
      const next = await adapter.contacts.create({ relationId: contact.relationId, firstName: 'Bram', lastName: 'Smit' });
      let fail!: () => void;
      const gate = new Promise<void>((resolve) => (fail = resolve));
      (adapter.contacts as { setArchived: unknown }).setArchived = () => gate.then(() => Promise.reject(new LiftDataError('unavailable', 'the server went away')));
      const el = await mount(adapter, contact.id, { selection: `${contact.id} ${next.id}` });
      await pressBar(el, 'archive');
      await answerQuestion(el, 'confirm');
      await pressBar(el, 'next');
      await waitUntil(() => field(el, 'firstName')?.value === 'Bram', 'the next contact');
      fail();
      const said = 'Mevr. Anna van der Berg was not archived: the data cannot be reached.';
      await waitUntil(() => banners(el).includes(said), 'the failure, with whose it was');
      expect(banners(el).some((banner) => banner.startsWith('That did not work')), 'not as a failure on Bram').to.equal(false);
    });

    it('offers no Save in the unsaved-changes question once the contact was archived elsewhere', async () => {
      const { adapter, contact } = await world();
      const next = await adapter.contacts.create({ relationId: contact.relationId, firstName: 'Bram', lastName: 'Smit' });
      const el = await mount(adapter, contact.id, { selection: `${contact.id} ${next.id}` });
      await type(el, 'jobTitle', 'Hoofd marketing');
      await adapter.contacts.setArchived(contact.id, contact.version, true);
      await waitUntil(() => banners(el).join(' ').includes('archived and read-only'), 'the archived banner');
      await pressBar(el, 'next');
      await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.ask')?.open, 'the question');
      const choices = [...root(el).querySelectorAll<HTMLButtonElement>('dialog.ask button')].map((b) => b.value);
      expect(choices, 'an archived contact takes no save').to.deep.equal(['discard', 'cancel']);
      await answerQuestion(el, 'cancel');
      expect(el.contactId, 'stays').to.equal(contact.id);
    });

    it('a role without the edit and archive rights sees everything read-only', async () => {
      const { adapter, contact } = await world();
      adapter.session.setUser({ id: 'viewer', name: 'Kijker', role: 'viewer' });
      const el = await mount(adapter, contact.id);
      expect(banners(el).join(' ')).to.include('no right to edit');
      expect(field(el, 'firstName').readOnly).to.equal(true);
      expect(bar(el).actions).to.deep.equal(['refresh', 'previous', 'next', 'search', 'reports', 'detail-tabs', 'configure']);
      const refused = await adapter.contacts.update(contact.id, contact.version, { firstName: 'X' }).catch((error: unknown) => error);
      expect(LiftDataError.is(refused, 'permission')).to.equal(true);
    });
  });

  describe('states', () => {
    it('shows a skeleton while loading, and says when the contact does not exist', async () => {
      const { adapter } = await world();
      const faults = withFaults(adapter);
      faults.hang('contacts.get');
      const loading = await fixture<LiftContactCard>(html`<lift-contact-card lang="en" contact-id="c-1" .adapter=${faults.adapter}></lift-contact-card>`);
      expect($(loading, '[part~="skeleton"]')).not.to.equal(null);
      expect($(loading, '[role="status"]')!.textContent).to.include('Loading contact');
      await expect(loading).to.be.accessible();
      const missing = await mount(adapter, 'nobody');
      expect(banners(missing).join(' ')).to.include('does not exist');
    });

    it('a contact that does not exist yet shows once it is stored, by another adapter on the database or in bulk', async () => {
      const { adapter, contact } = await world();
      const other = freshIndexedDbAdapter({ databaseName: (adapter as IndexedDbAdapter).databaseName });
      const el = await mount(adapter, 'c-later');
      expect(banners(el).join(' ')).to.include('does not exist');
      // As a host seeding an empty database does: a bulk import from another adapter instance.
      await other.importRecords({ contacts: [{ ...contact, id: 'c-later', firstName: 'Later', infix: '', lastName: 'Gekomen', version: 1 } as unknown as StoredRecord] });
      await waitUntil(() => $(el, '[part~="name"]')?.textContent?.includes('Later Gekomen'), 'the stored contact to show');
      expect(banners(el).join(' ')).to.not.include('does not exist');
    });

    it('says when the adapter is unavailable and retries', async () => {
      const { adapter, contact } = await world();
      const faults = withFaults(adapter);
      faults.fail('contacts.get', new LiftDataError('unavailable', 'Offline'));
      const errors: string[] = [];
      const el = await fixture<LiftContactCard>(html`<lift-contact-card
        lang="en"
        contact-id=${contact.id}
        .adapter=${faults.adapter}
        @lift-error=${(event: CustomEvent & { detail: { operation: string } }) => errors.push(event.detail.operation)}
      ></lift-contact-card>`);
      await el.loaded;
      await el.updateComplete;
      expect(banners(el).join(' ')).to.include('cannot be reached');
      expect(errors).to.deep.equal(['load']);
      $<HTMLButtonElement>(el, 'button')!.click();
      await el.loaded;
      await el.updateComplete;
      expect($(el, '[part~="name"]')!.textContent).to.include('Anna');
    });

    it('is accessible when loaded, with a question open, and archived', async () => {
      const { adapter, contact } = await world({ checklist: true });
      const el = await mount(adapter, contact.id);
      await expect(el).to.be.accessible();
      await pressBar(el, 'archive');
      await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.ask')?.open, 'the question');
      await expect(el).to.be.accessible();
      await answerQuestion(el, 'confirm');
      await waitUntil(() => $(el, '[part~="badge"]'), 'the badge');
      await expect(el).to.be.accessible();
    });
  });

  describe('switching contacts', () => {
    it('a slow load of the previous contact never shows once another contact is open', async () => {
      const { adapter, contact } = await world();
      const next = await adapter.contacts.create({ relationId: contact.relationId, firstName: 'Bram', lastName: 'Smit' });
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const get = adapter.contacts.get;
      let staleAnswer: Promise<unknown> | undefined;
      (adapter.contacts as { get: typeof get }).get = (id, options) => {
        if (id !== contact.id) return get(id, options);
        const answer = gate.then(() => get(id, options));
        staleAnswer = answer;
        return answer;
      };
      const el = await fixture<LiftContactCard>(html`<lift-contact-card lang="en" contact-id=${contact.id} .adapter=${adapter}></lift-contact-card>`);
      el.contactId = next.id;
      await el.updateComplete;
      await el.loaded;
      expect(staleAnswer, 'the first contact was asked for').to.not.equal(undefined);
      release();
      // The late answer has reached the card; what it does with it happens in the promise jobs
      // right after, all run by the next frame.
      await staleAnswer!.catch(() => undefined);
      await nextFrame();
      await el.updateComplete;
      expect($(el, '[part~="name"]')!.textContent!.trim()).to.equal('Bram Smit');
      expect(field(el, 'firstName').value).to.equal('Bram');
    });

    it('a save still on its way leaves the next contact free to edit, and lands for its own contact', async () => {
      const { adapter, contact } = await world();
      const next = await adapter.contacts.create({ relationId: contact.relationId, firstName: 'Bram', lastName: 'Smit' });
      const release = holdSaves(adapter);
      const el = await mount(adapter, contact.id);
      await type(el, 'notes', 'Terugbellen');
      await pressBar(el, 'save');
      await waitUntil(() => field(el, 'notes').readOnly, 'the form held while its save is on the way');
      el.contactId = next.id;
      await el.loaded;
      await el.updateComplete;
      // The other contact's save is none of this one's business: nothing here is held or busy.
      expect(field(el, 'firstName').readOnly, 'the next contact can be edited').to.equal(false);
      expect($(el, 'article[part~="card"]')!.getAttribute('aria-busy')).to.equal('false');
      expect($(el, '[part~="save-state"]')!.textContent!.trim()).to.not.equal('Saving…');
      expect(banners(el), "no 'Saving…' for the contact shown before").to.deep.equal([]);
      await type(el, 'firstName', 'Bram Jan');
      expect(barButton(el, 'save').disabled, 'Save for the next contact').to.equal(false);
      const saved = oneEvent(el, 'lift-contact-saved');
      release();
      const event = await saved;
      expect(event.detail.contact.id, 'the first save lands on its own contact').to.equal(contact.id);
      // Nothing on screen shows the first contact any more: the live region says whose changes landed.
      await waitUntil(() => $(el, '.said[role="status"]')?.textContent === 'The changes to Mevr. Anna van der Berg have been saved.', 'the save said, naming whose');
      expect((await adapter.contacts.get(contact.id)).notes).to.equal('Terugbellen');
      await el.updateComplete;
      expect(field(el, 'firstName').value, "the next contact's edit stays").to.equal('Bram Jan');
      expect(el.dirty).to.equal(true);
    });

    it("Save, then Next at once, goes on without asking about the changes already on their way, and says when they landed", async () => {
      const { adapter, contact } = await world();
      const next = await adapter.contacts.create({ relationId: contact.relationId, firstName: 'Bram', lastName: 'Smit' });
      const release = holdSaves(adapter);
      const el = await mount(adapter, contact.id, { selection: `${contact.id} ${next.id}` });
      await type(el, 'notes', 'Terugbellen');
      await pressBar(el, 'save');
      await waitUntil(() => field(el, 'notes').readOnly, 'the save on its way');
      await pressBar(el, 'next');
      // No "Unsaved changes" question: its Save could not start, and its Discard would throw away what is already sent.
      await waitUntil(() => el.contactId === next.id, 'the next contact, without a question');
      await el.loaded;
      expect(root(el).querySelector('dialog[open]'), 'nothing asked').to.equal(null);
      release();
      await waitUntil(() => $(el, '.said[role="status"]')?.textContent === 'The changes to Mevr. Anna van der Berg have been saved.', 'the save said');
      expect((await adapter.contacts.get(contact.id)).notes).to.equal('Terugbellen');
    });

    it('Save, then Copy at once: Copy and the documents wait for the save instead of asking a question whose Save cannot start', async () => {
      const { adapter, contact } = await world();
      const template = { id: 'tpl-welkom', name: 'Welkomstbrief', kind: 'letter', subject: 'Welkom', body: 'Beste {{contact.firstName}},', roles: [] };
      await adapter.importRecords({ templates: [template as unknown as StoredRecord] });
      const release = holdSaves(adapter);
      const el = await mount(adapter, contact.id);
      await type(el, 'notes', 'Terugbellen');
      await pressBar(el, 'save');
      await waitUntil(() => field(el, 'notes').readOnly, 'the save on its way');
      for (const action of ['copy', 'document']) {
        expect(barButton(el, action).getAttribute('aria-disabled'), `${action} while the save is on its way`).to.equal('true');
      }
      await pressBar(el, 'copy');
      expect(root(el).querySelector('dialog[open]'), 'nothing asked, nothing opened').to.equal(null);
      release();
      await waitUntil(() => barButton(el, 'copy').getAttribute('aria-disabled') === 'false', 'Copy once the save landed');
      expect(barButton(el, 'document').getAttribute('aria-disabled')).to.equal('false');
      await pressBar(el, 'copy');
      await waitUntil(() => root(el).querySelector('lift-card-copy-dialog'), 'the copy dialog, without a question');
      expect($<HTMLDialogElement>(el, 'dialog.ask')?.open ?? false, 'no "Unsaved changes" question').to.equal(false);
    });

    for (const [lang, failed] of [
      ['en', 'The changes to Mevr. Anna van der Berg were not saved: the data cannot be reached. They come back when you open Mevr. Anna van der Berg again.'],
      ['nl', 'De wijzigingen in Mevr. Anna van der Berg zijn niet opgeslagen: de gegevens zijn niet bereikbaar. Ze komen terug als je Mevr. Anna van der Berg weer opent.'],
    ] as const) {
      it(`says so when a save fails after the card moved on, and the edits come back with their contact (${lang})`, async () => {
        const { adapter, contact } = await world();
        const next = await adapter.contacts.create({ relationId: contact.relationId, firstName: 'Bram', lastName: 'Smit' });
        const fail = failSaves(adapter);
        const el = await mount(adapter, contact.id, { lang });
        await type(el, 'notes', 'Terugbellen');
        await pressBar(el, 'save');
        el.contactId = next.id;
        await el.loaded;
        fail();
        await waitUntil(() => banners(el).includes(failed), 'the failure, naming whose edits');
        const notice = [...root(el).querySelectorAll('[part~="banner"]')].find((banner) => banner.textContent!.trim() === failed);
        expect(notice?.getAttribute('role'), 'said at once to a screen reader').to.equal('alert');
        expect(field(el, 'firstName').value, 'the card stays on the next contact').to.equal('Bram');
        el.contactId = contact.id;
        await el.loaded;
        await el.updateComplete;
        expect(field(el, 'notes').value).to.equal('Terugbellen');
        expect(banners(el).includes(failed), 'the notice goes with the contact it was shown on').to.equal(false);
      });
    }

    it('says each save that failed after the card moved on, not only the last', async () => {
      const { adapter, contact } = await world();
      const second = await adapter.contacts.create({ relationId: contact.relationId, firstName: 'Bram', lastName: 'Smit' });
      const third = await adapter.contacts.create({ relationId: contact.relationId, firstName: 'Cor', lastName: 'Jansen' });
      // A server that hangs: both saves are on their way when the card reaches the third contact.
      const fail = failSaves(adapter);
      const el = await mount(adapter, contact.id, { selection: `${contact.id} ${second.id} ${third.id}` });
      await type(el, 'notes', 'Terugbellen');
      await pressBar(el, 'save');
      await pressBar(el, 'next');
      await waitUntil(() => el.contactId === second.id && field(el, 'firstName')?.value === 'Bram', 'the second contact');
      await type(el, 'notes', 'Offerte sturen');
      await pressBar(el, 'save');
      await pressBar(el, 'next');
      await waitUntil(() => el.contactId === third.id && field(el, 'firstName')?.value === 'Cor', 'the third contact');
      fail();
      const said = (name: string) => `The changes to ${name} were not saved: the data cannot be reached. They come back when you open ${name} again.`;
      await waitUntil(() => banners(el).includes(said('Bram Smit')), 'the second failure');
      await waitUntil(() => banners(el).includes(said('Mevr. Anna van der Berg')), 'the first failure, still said');
    });

    it('says a save failed after the card moved on when the next contact cannot be loaded either, and still when the retry loads it', async () => {
      const { adapter, contact } = await world();
      const next = await adapter.contacts.create({ relationId: contact.relationId, firstName: 'Bram', lastName: 'Smit' });
      // The server goes away with the save on its way: the save fails, and so does the next read.
      const fail = failSaves(adapter);
      const get = adapter.contacts.get.bind(adapter.contacts);
      let away = true;
      (adapter.contacts as { get: unknown }).get = (id: string, options?: Parameters<typeof get>[1]) =>
        id === next.id && away ? Promise.reject(new LiftDataError('unavailable', 'the server went away')) : get(id, options);
      const el = await mount(adapter, contact.id);
      await type(el, 'notes', 'Terugbellen');
      await pressBar(el, 'save');
      el.contactId = next.id;
      await waitUntil(() => banners(el).some((banner) => banner.startsWith('The contact could not be loaded')), 'the next contact not loaded');
      fail();
      const failed = 'The changes to Mevr. Anna van der Berg were not saved: the data cannot be reached. They come back when you open Mevr. Anna van der Berg again.';
      await waitUntil(() => banners(el).includes(failed), 'the failed save said beside the failed load');
      const notice = [...root(el).querySelectorAll('[part~="banner"]')].find((banner) => banner.textContent!.trim() === failed);
      expect(notice?.getAttribute('role'), 'said at once to a screen reader').to.equal('alert');
      await expect(el).to.be.accessible();
      // Back, the user tries again: the card stays on the same contact, so the notice stays too.
      away = false;
      [...root(el).querySelectorAll('button')].find((button) => button.textContent!.trim() === 'Try again')!.click();
      await waitUntil(() => field(el, 'firstName')?.value === 'Bram', 'the next contact loaded');
      expect(banners(el), 'still said').to.include(failed);
    });

    it('edits wait in the draft store while another contact shows, and come back with it', async () => {
      const { adapter, contact } = await world();
      const next = await adapter.contacts.create({ relationId: contact.relationId, firstName: 'Bram', lastName: 'Smit' });
      const el = await mount(adapter, contact.id);
      await type(el, 'notes', 'Terugbellen');
      el.contactId = next.id;
      await el.loaded;
      await el.updateComplete;
      expect(el.dirty).to.equal(false);
      el.contactId = contact.id;
      await el.loaded;
      await el.updateComplete;
      expect(field(el, 'notes').value).to.equal('Terugbellen');
      expect(el.dirty).to.equal(true);
    });
  });

  describe('keyboard', () => {
    it('walks the card with the keyboard only: name, edit, save, tabs, selection', async () => {
      const { adapter, contact } = await world();
      const next = await adapter.contacts.create({ relationId: contact.relationId, firstName: 'Bram', lastName: 'Smit' });
      const el = await mount(adapter, contact.id, { selection: `${contact.id} ${next.id}` });
      $<HTMLButtonElement>(el, '[part~="name"]')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => root(el).activeElement?.id === 'field-firstName', 'focus in the first field');
      await sendKeys({ press: 'End' });
      await sendKeys({ type: 'ke' });
      await el.updateComplete;
      expect(field(el, 'firstName').value).to.equal('Annake');
      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement?.id).to.equal('field-infix');
      // Enter in a field submits the form: save.
      const saved = oneEvent(el, 'lift-contact-saved');
      await sendKeys({ press: 'Enter' });
      await saved;
      expect((await adapter.contacts.get(contact.id)).firstName).to.equal('Annake');
      // Alt+Page Down goes to the next contact of the selection.
      shortcut(el, 'PageDown', { altKey: true });
      await waitUntil(() => el.contactId === next.id, 'the next contact');
      await el.loaded;
      await el.updateComplete;
      expect($(el, '[part~="name"]')!.textContent!.trim()).to.equal('Bram Smit');
      expect(bar(el).selectionPosition).to.equal(2);
      // Focus did not fall out of the card: it is on the new contact's name.
      await waitUntil(() => root(el).activeElement === $(el, '[part~="name"]'), 'focus on the name');
      // On through the function, the relation and the glance beside the header (once it has
      // come, after the first paint) to the bar, the main tabs, then along them.
      await waitUntil(() => $(el, '[part~="glance"] summary'), 'the glance');
      for (const stop of ['.function button:not([part])', '[part~="relation"]', '[part~="glance"] summary']) {
        await sendKeys({ press: 'Tab' });
        expect(root(el).activeElement?.matches(stop), stop).to.equal(true);
      }
      await sendKeys({ press: 'Tab' });
      expect(bar(el).shadowRoot!.activeElement, 'the bar has one tab stop').not.to.equal(null);
      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement?.id).to.equal('tab-overview');
      await sendKeys({ press: 'ArrowRight' });
      await waitUntil(() => root(el).activeElement?.id === 'tab-projects', 'the projects tab');
      expect(el.tab).to.equal('projects');
    });

    it('moving away with unsaved edits asks first', async () => {
      const { adapter, contact } = await world();
      const next = await adapter.contacts.create({ relationId: contact.relationId, firstName: 'Bram', lastName: 'Smit' });
      const el = await mount(adapter, contact.id, { selection: `${contact.id} ${next.id}` });
      await type(el, 'firstName', 'Anne');
      await pressBar(el, 'next');
      await answerQuestion(el, 'cancel');
      expect(el.contactId).to.equal(contact.id);
      await pressBar(el, 'next');
      await answerQuestion(el, 'save');
      await waitUntil(() => el.contactId === next.id, 'the next contact');
      expect((await adapter.contacts.get(contact.id)).firstName).to.equal('Anne');
    });
  });
});
