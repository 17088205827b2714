import { expect, nextFrame, oneEvent } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import { fullName } from '../src/data/contract/text.js';
import { LiftActionEvent } from '../src/events.js';
import '../src/lift-contact-card.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { $, act, bar, copyDialogTo, deepActive, dialog, enter, inDialog, mount, options, search, world } from './dialog-helpers.js';
import { withFaults } from './faults.js';
import { oneContact } from './worlds.js';

/**
 * After the user answered a question about unsaved edits: asks another one (refresh, with the
 * edits still there) and cancels it. By the time the second question shows, the card has
 * finished with the first answer, so a test can then check that answer changed nothing.
 */
async function askedAgain(el: LiftContactCard) {
  // The question is gone once its dialog's close event has been handled, not when it shuts.
  await waitUntil(() => !$(el, 'dialog.ask form'), 'the question to close');
  bar(el).dispatchEvent(new LiftActionEvent({ action: 'refresh' }));
  await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.ask')?.open && $(el, 'dialog.ask form'), 'a second question');
  $<HTMLButtonElement>(el, 'dialog.ask button[value="cancel"]')!.click();
  await waitUntil(() => !$(el, 'dialog.ask form'), 'the second question to close');
}

describe('card actions', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  describe('search', function () {
    // A seeded database, axe, and a dozen keys sent one by one through WebKit's driver: alone
    // about 2 s, but in a clean-clone run (three engines on two cores) one took over the default 10 s.
    this.timeout(30_000);
    it('finds a contact by name with the keyboard and opens it', async () => {
      const { adapter, contact } = await world();
      const target = (await adapter.contacts.list({ limit: 50 })).items.at(-1)!;
      const el = await mount(adapter, contact.id);
      await act(el, { action: 'search' });
      expect(deepActive(el)?.getAttribute('role')).to.equal('combobox');
      // With no text: every contact but the archived ones, newest modified first.
      const listed = (await adapter.contacts.list({ limit: 50 })).items.map((c) => fullName(c));
      await waitUntil(() => options(el).length === listed.length, 'all contacts listed');
      expect(options(el)).to.deep.equal(listed);
      await expect(el).to.be.accessible();
      await search(el, target.lastName);
      expect(options(el)).to.include(fullName(target));
      const input = inDialog<HTMLInputElement>(el, '[role="combobox"]')!;
      const index = options(el).indexOf(fullName(target));
      for (let i = 0; i < index; i++) await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(input.getAttribute('aria-activedescendant')).to.equal(dialog(el).querySelectorAll('[role="option"]')[index]!.id);
      const opened = oneEvent(el, 'lift-contact-open');
      await sendKeys({ press: 'Enter' });
      expect((await opened).detail).to.deep.equal({ contactId: target.id, from: 'search' });
      await waitUntil(() => el.contactId === target.id, 'the card to open the result');
      await el.loaded;
      await el.updateComplete;
      expect($(el, '[part~="name"]')!.textContent!.trim()).to.equal(fullName(target));
      expect(Boolean(dialog(el)?.open), 'the dialog is closed').to.equal(false);
    });

    it('says when more contacts match than it lists, and stops saying so once the text narrows them down', async () => {
      const adapter = freshIndexedDbAdapter();
      const { contact, relation } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
      for (let i = 1; i <= 24; i++) await adapter.contacts.create({ relationId: relation.id, firstName: `Anna${i}`, lastName: 'Jansen' });
      const el = await mount(adapter, contact.id);
      await act(el, { action: 'search' });
      // What the dialog's own live region says.
      const said = () => dialog(el).querySelector(':scope > .said')?.textContent ?? '';
      await search(el, 'jansen');
      expect(options(el)).to.have.length(20);
      const more = 'The first 20 are shown: type more to narrow the search.';
      expect(inDialog(el, '.more')?.textContent!.trim()).to.equal(more);
      await waitUntil(() => said() === `20 results. ${more}`, 'said with the count');
      await search(el, 'anna1');
      expect(options(el)).to.have.length(11);
      expect(inDialog(el, '.more'), 'all of them listed').to.equal(null);
      await waitUntil(() => said() === '11 results', 'said without it');
    });

    it('in the copy dialog too: says when more relations match than it lists, leaving out the contact\'s own', async () => {
      const adapter = freshIndexedDbAdapter();
      const { contact } = await oneContact(adapter, 'Drukkerij Eigen', { firstName: 'Julia', lastName: 'Visser' });
      for (let i = 1; i <= 20; i++) await adapter.relations.create({ kind: 'client', name: `Drukkerij ${i}` });
      const el = await mount(adapter, contact.id);
      await act(el, { action: 'copy' });
      await search(el, 'drukkerij');
      expect(options(el), 'twenty others: all of them').to.have.length(20);
      expect(options(el)).not.to.include('Drukkerij Eigen');
      expect(inDialog(el, '.more'), 'nothing more to find').to.equal(null);
      await adapter.relations.create({ kind: 'client', name: 'Drukkerij 21' });
      await search(el, 'drukkeri');
      expect(options(el)).to.have.length(20);
      expect(inDialog(el, '.more')?.textContent!.trim()).to.equal('The first 20 are shown: type more to narrow the search.');
    });

    it('neither shows nor says the answer to text the user has typed past', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      await act(el, { action: 'search' });
      await waitUntil(() => options(el).length > 1, 'all contacts listed');
      // What the dialog's own live region says (the card's outside it is not heard while it is open).
      const heard: string[] = [];
      const said = () => dialog(el).querySelector(':scope > .said')?.textContent ?? '';
      await waitUntil(() => said() === `${options(el).length} results`, 'the first answer said');
      new MutationObserver(() => said() && said() !== heard.at(-1) && heard.push(said())).observe(dialog(el), { childList: true, characterData: true, subtree: true });
      // The answer for the first two letters waits until the third has been typed.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const list = adapter.contacts.list.bind(adapter.contacts);
      const short = contact.lastName.slice(0, 2);
      let asked = false;
      (adapter.contacts as { list: unknown }).list = async (query: Parameters<typeof list>[0]) => {
        if (query?.text !== short) return list(query);
        asked = true;
        const answer = await list(query);
        await held;
        return answer;
      };
      const input = inDialog<HTMLInputElement>(el, '[role="combobox"]')!;
      enter(input, short);
      await waitUntil(() => asked, 'the first search asked');
      enter(input, contact.lastName);
      release();
      // Before the search for the whole text starts (150 ms after the keystroke).
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(input.hasAttribute('aria-activedescendant'), 'no option active for the text typed past').to.equal(false);
      expect(heard, 'nothing said for the text typed past').to.deep.equal([]);
      await search(el, contact.lastName);
      await new Promise((resolve) => setTimeout(resolve, 150));
      const count = options(el).length;
      expect(heard, 'only the answer to the text as typed is said').to.deep.equal([count === 1 ? '1 result' : `${count} results`]);
      expect(inDialog(el, '[role="listbox"]')?.getAttribute('aria-busy')).to.equal('false');
    });

    it('shows archived contacts only when asked, and a host that cancels keeps the card', async () => {
      const { adapter, seeded, contact } = await world();
      const other = await adapter.contacts.get(seeded.contactIds[1]!);
      await adapter.contacts.setArchived(other.id, other.version, true);
      const el = await mount(adapter, contact.id);
      await act(el, { action: 'search' });
      await search(el, other.email);
      expect(options(el)).to.deep.equal([]);
      expect(dialog(el).textContent).to.include('Nothing found.');
      inDialog<HTMLInputElement>(el, '.toggle input')!.click();
      await waitUntil(() => options(el).length === 1, 'the archived contact');
      expect(dialog(el).querySelector('[role="option"]')!.textContent).to.include('Archived');
      el.addEventListener('lift-contact-open', (event) => event.preventDefault(), { once: true });
      (dialog(el).querySelector('[role="option"]') as HTMLElement).click();
      await waitUntil(() => !dialog(el)?.open, 'the dialog to close');
      expect(el.contactId).to.equal(contact.id);
    });

    it('asks about unsaved edits before opening another contact', async () => {
      const { adapter, seeded, contact } = await world();
      const el = await mount(adapter, contact.id);
      const input = $<HTMLInputElement>(el, '#field-notes')!;
      input.value = 'Nog bellen';
      input.dispatchEvent(new Event('input'));
      await el.updateComplete;
      await act(el, { action: 'search' });
      await waitUntil(() => options(el).length > 1, 'results');
      (dialog(el).querySelectorAll('[role="option"]')[1] as HTMLElement).click();
      await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.ask')?.open, 'the question');
      $<HTMLButtonElement>(el, 'dialog.ask button[value="cancel"]')!.click();
      await askedAgain(el);
      expect(el.contactId).to.equal(contact.id);
      expect(el.dirty).to.equal(true);
      expect(seeded.contactIds).to.include(el.contactId);
    });

    it('lists the results while a relation name is slow to come, and reads again a name that could not be read', async () => {
      const { adapter, contact } = await world();
      const relation = await adapter.relations.get(contact.relationId);
      const faults = withFaults(adapter);
      const el = await mount(faults.adapter as typeof adapter, contact.id);
      const meta = () => [...dialog(el).querySelectorAll('[role="option"] .result-meta')].map((m) => m.textContent!);
      // The network drops while the dialog reads the relations' names: the results come without them.
      faults.fail('relations.get', new LiftDataError('unavailable', 'Netwerk weg'), { times: 10_000 });
      await act(el, { action: 'search' });
      await waitUntil(() => options(el).length > 0, 'results without relation names');
      expect(meta().some((m) => m.includes(relation.name))).to.equal(false);
      // Back: the next search shows the names.
      faults.fail('relations.get', new LiftDataError('unavailable', 'Netwerk weg'), { times: 0 });
      await search(el, contact.lastName);
      await waitUntil(() => meta().some((m) => m.includes(relation.name)), 'the relation name, read again');
      // A read that never answers (a stalled connection) keeps no result from showing either.
      faults.hang('relations.get');
      const other = await adapter.relations.create({ kind: 'client', name: 'Traag Verbonden BV' });
      await adapter.contacts.create({ relationId: other.id, firstName: 'Otto', lastName: 'Traagman' });
      await search(el, 'Traagman');
      await waitUntil(() => options(el).includes('Otto Traagman'), 'the result, without waiting for its relation');
      expect(inDialog(el, '[role="listbox"]')!.getAttribute('aria-busy')).not.to.equal('true');
    });

    it('closes with Escape and gives focus back to the search button', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      const button = bar(el).shadowRoot!.querySelector<HTMLButtonElement>('[data-action="search"]')!;
      button.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => dialog(el)?.open, 'the dialog');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !dialog(el)?.open, 'the dialog to close');
      await waitUntil(() => deepActive(el) === button, 'focus back on the button');
    });
  });

  describe('leads, requests and projects', () => {
    it('creates one from the bar menu with the keyboard only; it shows in Projects at once', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      const created = oneEvent(el, 'lift-work-created');
      bar(el).shadowRoot!.querySelector<HTMLButtonElement>('[data-action="create"]')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => bar(el).shadowRoot!.activeElement?.getAttribute('role') === 'menuitem', 'the menu');
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => dialog(el)?.open, 'the create dialog');
      await waitUntil(() => deepActive(el)?.classList.contains('title-input'), 'focus in the title');
      expect(inDialog<HTMLSelectElement>(el, 'select')!.value).to.equal('project');
      await expect(el).to.be.accessible();
      // Submitting without a title says what is missing and writes nothing.
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(dialog(el).textContent).to.include('Enter a title.');
      enter(deepActive(el) as HTMLInputElement, 'Nieuwe huisstijl');
      await sendKeys({ press: 'Enter' });
      const { detail } = await created;
      expect([detail.workItem.kind, detail.workItem.title, detail.workItem.contactId, detail.workItem.relationId]).to.deep.equal([
        'project',
        'Nieuwe huisstijl',
        contact.id,
        contact.relationId,
      ]);
      await waitUntil(() => el.tab === 'projects' && $(el, `tr[data-work-id="${detail.workItem.id}"]`), 'the new project listed');
      // The detail view's code may still be arriving: the card's update settles once it has.
      await el.updateComplete;
      expect($(el, '[part~="detail-panel"]')!.textContent).to.include('Nieuwe huisstijl');
      const stored = await adapter.work!.listForContact(contact.id);
      expect(stored.items.map((w) => w.id)).to.include(detail.workItem.id);
    });

    it('a host that cancels lift-action uses its own form; one that cancels lift-work-created keeps the view', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      el.addEventListener('lift-action', (event) => event.preventDefault(), { once: true });
      bar(el).dispatchEvent(new LiftActionEvent({ action: 'create', kind: 'lead' }));
      // Had the card acted, it would have loaded this dialog's code and, in the promise jobs
      // after that, opened it: those have all run by the next frame.
      await import('../src/contact-card/actions/action-dialog.js');
      await import('../src/contact-card/actions/create-work.js');
      await nextFrame();
      expect(Boolean(dialog(el)?.open), 'a dialog opened').to.equal(false);
      await act(el, { action: 'create', kind: 'lead' });
      el.addEventListener('lift-work-created', (event) => event.preventDefault(), { once: true });
      inDialog<HTMLInputElement>(el, '.title-input')!.value = 'Lead van de beurs';
      inDialog<HTMLInputElement>(el, '.title-input')!.dispatchEvent(new Event('input'));
      inDialog<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
      await waitUntil(() => !dialog(el)?.open, 'the dialog to close');
      expect(el.tab).to.equal('overview');
      expect((await adapter.work!.listForContact(contact.id)).items.some((w) => w.title === 'Lead van de beurs')).to.equal(true);
    });

    it('creates an item whose title fits once the spaces around it are left off, as it is sent', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      await act(el, { action: 'create', kind: 'lead' });
      el.addEventListener('lift-work-created', (event) => event.preventDefault(), { once: true });
      const title = `${'Beurs '.repeat(33)}xy`;
      expect(title.length).to.equal(200);
      // Pasted with a space after it: 201 characters in the field.
      inDialog<HTMLInputElement>(el, '.title-input')!.value = `${title} `;
      inDialog<HTMLInputElement>(el, '.title-input')!.dispatchEvent(new Event('input'));
      inDialog<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
      await waitUntil(() => !dialog(el)?.open || inDialog(el, '[aria-invalid="true"]'), 'the dialog to close or refuse');
      expect(Boolean(dialog(el)?.open), 'the dialog closed').to.equal(false);
      expect((await adapter.work!.listForContact(contact.id)).items.map((w) => w.title)).to.include(title);
    });

    it('keeps the form when the create fails', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      await act(el, { action: 'create', kind: 'request' });
      const original = adapter.work!.create;
      (adapter.work as { create: unknown }).create = () => Promise.reject(new LiftDataError('unavailable', 'down'));
      try {
        inDialog<HTMLInputElement>(el, '.title-input')!.value = 'Aanvraag folder';
        inDialog<HTMLInputElement>(el, '.title-input')!.dispatchEvent(new Event('input'));
        inDialog<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
        await waitUntil(() => inDialog(el, '[role="alert"]'), 'the error');
        expect(inDialog(el, '[role="alert"]')!.textContent).to.include('cannot be reached');
        expect(dialog(el).open).to.equal(true);
        expect(inDialog<HTMLInputElement>(el, '.title-input')!.value).to.equal('Aanvraag folder');
      } finally {
        (adapter.work as { create: unknown }).create = original;
      }
    });
  });

  describe('copy', () => {
    it('copies to another relation, archives the original, records both, and opens the copy', async () => {
      const { adapter, seeded, contact } = await world();
      const { el, target } = await copyDialogTo(adapter, contact);
      await expect(el).to.be.accessible();
      inDialog<HTMLInputElement>(el, '.toggle input')!.click();
      const copied = oneEvent(el, 'lift-contact-copied');
      [...dialog(el).querySelectorAll<HTMLButtonElement>('button.primary')].find((b) => b.textContent!.trim() === 'Copy')!.click();
      const { detail } = await copied;
      expect(detail.originalId).to.equal(contact.id);
      const copy = await adapter.contacts.get(detail.copyId);
      expect([copy.relationId, fullName(copy), copy.email]).to.deep.equal([target.id, fullName(contact), contact.email]);
      expect((await adapter.contacts.get(contact.id)).archived).to.equal(true);
      expect((await adapter.timeline.all(copy.id)).map((e) => e.change?.field)).to.deep.equal(['copiedFrom']);
      expect((await adapter.timeline.all(contact.id)).some((e) => e.change?.field === 'copiedTo')).to.equal(true);
      await waitUntil(() => inDialog(el, '.open-copy'), 'the offer to open it');
      const opened = oneEvent(el, 'lift-contact-open');
      inDialog<HTMLButtonElement>(el, '.open-copy')!.click();
      expect((await opened).detail.contactId).to.equal(copy.id);
      await waitUntil(() => el.contactId === copy.id, 'the copy open');
      expect(seeded.relationIds).to.include(target.id);
    });
  });

  describe('new document', () => {
    it('offers the templates, previews the merge fields and records the document', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      const templates = await adapter.templates!.list();
      expect(bar(el).documents.map((d) => d.label)).to.deep.equal(templates.map((t) => t.name));
      const letter = templates.find((t) => t.kind === 'letter')!;
      await act(el, { action: 'document', id: letter.id });
      const preview = inDialog<HTMLTextAreaElement>(el, 'textarea.document-body')!.value;
      expect(preview).to.include(fullName(contact)).and.not.include('{{contact.fullName}}');
      await expect(el).to.be.accessible();
      inDialog<HTMLButtonElement>(el, 'button.primary')!.click();
      await waitUntil(() => !dialog(el)?.open, 'the dialog to close');
      const entries = await adapter.timeline.all(contact.id);
      const made = entries.find((e) => e.kind === 'letter' && e.body.includes(fullName(contact)) && !e.body.includes('{{'))!;
      expect(made).not.to.equal(undefined);
      await el.updateComplete;
      expect($(el, '[part~="detail-panel"]')!.textContent).to.include(made.subject);
    });
  });

  describe('reports', () => {
    it('draws activity as an SVG chart with the same numbers as a table', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      expect(bar(el).reports.map((r) => r.id)).to.deep.equal(['activity', 'summary']);
      await act(el, { action: 'reports', id: 'activity' });
      await waitUntil(() => inDialog(el, '.chart [role="group"]'), 'the chart');
      const report = await adapter.reports!.run('activity', contact.id);
      const total = Object.values(report.counts).flat().reduce((a, b) => a + b, 0);
      expect(inDialog(el, '.chart .hint')!.textContent).to.include(`${total} items`);
      const cells = [...dialog(el).querySelectorAll('tbody tr td:last-child')].map((td) => Number(td.textContent));
      expect(cells.reduce((a, b) => a + b, 0)).to.equal(total);
      expect(dialog(el).querySelectorAll('tbody tr')).to.have.length(report.months.length);
      await expect(el).to.be.accessible();
    });

    it('opens a chart wider than the dialog at its newest month, the one its readout names', async () => {
      const adapter = freshIndexedDbAdapter();
      const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
      for (let month = 0; month < 30; month++) {
        await adapter.timeline.add({ contactId: contact.id, kind: 'email', subject: `Maand ${month}`, body: '', occurredAt: new Date(Date.UTC(2024, month, 12)).toISOString() });
      }
      const el = await mount(adapter, contact.id);
      await act(el, { action: 'reports', id: 'activity' });
      await waitUntil(() => inDialog(el, '.chart .column'), 'the chart');
      await el.updateComplete;
      const scroller = inDialog(el, '.columns-scroll')!;
      expect(scroller.scrollWidth, 'wider than its dialog').to.be.greaterThan(scroller.clientWidth);
      const active = inDialog(el, '.column[aria-current="true"]')!;
      expect(active, 'the newest month is the active one').to.equal([...dialog(el).querySelectorAll('.column')].at(-1));
      const [shown, view] = [active.getBoundingClientRect(), scroller.getBoundingClientRect()];
      expect([shown.left >= view.left - 1, shown.right <= view.right + 1], 'in view').to.deep.equal([true, true]);
      // The user's own scrolling is theirs: a later render does not pull the chart back.
      scroller.scrollLeft = 0;
      inDialog(el, '.column')!.dispatchEvent(new MouseEvent('mouseenter'));
      await el.updateComplete;
      expect(scroller.scrollLeft).to.equal(0);
    });

    it('shows a printable summary', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      await act(el, { action: 'reports', id: 'summary' });
      await waitUntil(() => inDialog(el, '.summary'), 'the summary');
      expect(inDialog(el, '.summary h3')!.textContent).to.equal(fullName(contact));
      expect([...dialog(el).querySelectorAll('button')].map((b) => b.textContent!.trim())).to.include('Print');
      await expect(el).to.be.accessible();
    });

    it('keeps focus in the dialog when a failed report is tried again', async () => {
      const { adapter, contact } = await world();
      const run = adapter.reports!.run.bind(adapter.reports);
      let fail = true;
      (adapter.reports as { run: unknown }).run = (...args: Parameters<typeof run>) =>
        fail ? ((fail = false), Promise.reject(new LiftDataError('unavailable', 'the server is away'))) : run(...args);
      const el = await mount(adapter, contact.id);
      await act(el, { action: 'reports', id: 'summary' });
      const retry = () => [...dialog(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Try again');
      await waitUntil(retry, 'the failure with a retry');
      retry()!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => inDialog(el, '.summary'), 'the summary');
      expect(dialog(el).contains(deepActive(el)), `focus in the dialog (${deepActive(el)?.localName ?? 'none'})`).to.equal(true);
      expect(deepActive(el)?.id, 'on its title').to.equal('action-title');
    });
  });

  describe('rights', () => {
    it('a viewer sees no write actions, and the adapter refuses them too', async () => {
      const { adapter, seeded, contact } = await world('viewer');
      const el = await mount(adapter, contact.id);
      expect(bar(el).actions).to.deep.equal(['refresh', 'previous', 'next', 'search', 'reports', 'detail-tabs', 'configure']);
      const refusals = await Promise.all([
        adapter.work!.create({ kind: 'lead', contactId: contact.id, title: 'x' }).catch((e: unknown) => e),
        adapter.contacts.copy(contact.id, { relationId: seeded.relationIds[1]! }).catch((e: unknown) => e),
        adapter.templates!.createDocument(contact.id, seeded.templateIds[0]!).catch((e: unknown) => e),
      ]);
      expect(refusals.map((e) => LiftDataError.is(e, 'permission'))).to.deep.equal([true, true, true]);
    });

    it('an employee may create and make documents but not copy or archive', async () => {
      const { adapter, contact } = await world('employee');
      const el = await mount(adapter, contact.id);
      expect(bar(el).actions).to.include.members(['create', 'document', 'reports']);
      expect(bar(el).actions).not.to.include.members(['copy']);
      expect(bar(el).actions).not.to.include('archive');
    });
  });

  describe('keyboard-only use of the other dialogs', () => {
    it('copy: type, arrow to a relation, Enter, Tab to the option and the button, Enter', async () => {
      const { adapter, contact } = await world();
      const { el, target } = await copyDialogTo(adapter, contact);
      await sendKeys({ press: 'Tab' });
      expect(deepActive(el)?.getAttribute('inputmode'), 'the copy\'s e-mail').to.equal('email');
      await sendKeys({ press: 'Tab' });
      expect(deepActive(el)?.getAttribute('type'), 'the copy\'s phone').to.equal('tel');
      await sendKeys({ press: 'Tab' });
      expect(deepActive(el)?.getAttribute('type')).to.equal('checkbox');
      await sendKeys({ press: 'Tab' });
      expect(deepActive(el)?.textContent?.trim()).to.equal('Copy');
      const copied = oneEvent(el, 'lift-contact-copied');
      await sendKeys({ press: 'Enter' });
      const { detail } = await copied;
      expect((await adapter.contacts.get(detail.copyId)).relationId).to.equal(target.id);
      await waitUntil(() => deepActive(el)?.classList.contains('open-copy'), 'focus on "open the copy"');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !dialog(el)?.open, 'the dialog to close');
      expect(el.contactId, 'Escape keeps the original open').to.equal(contact.id);
    });

    it('new document: it opens on the subject, Tab reaches Create past the text, Enter records it; a report opens on its title, and Tab reaches Close after its table toggle', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      const [template] = await adapter.templates!.list();
      const button = bar(el).shadowRoot!.querySelector<HTMLButtonElement>('[data-action="document"]')!;
      button.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => bar(el).shadowRoot!.activeElement?.getAttribute('role') === 'menuitem', 'the templates menu');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => dialog(el)?.open && deepActive(el)?.classList.contains('document-subject'), 'the preview with focus on its subject');
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(deepActive(el)?.classList.contains('primary'), 'Create after the text').to.equal(true);
      const before = (await adapter.timeline.all(contact.id)).length;
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => !dialog(el)?.open, 'the dialog to close');
      expect((await adapter.timeline.all(contact.id)).length).to.equal(before + 1);
      expect(template).not.to.equal(undefined);
      await act(el, { action: 'reports', id: 'activity' });
      // Read from the top: focus on the title, then Tab goes through the report to Close.
      await waitUntil(() => deepActive(el)?.id === 'action-title', 'focus on the title');
      await waitUntil(() => inDialog(el, 'summary') !== null, 'the report');
      const stops: string[] = [];
      for (let i = 0; i < 4 && !deepActive(el)?.classList.contains('report-close'); i++) {
        await sendKeys({ press: 'Tab' });
        stops.push(deepActive(el)!.localName);
      }
      expect(stops, 'the table toggle before Close').to.include('summary');
      expect(deepActive(el)?.classList.contains('report-close'), `Close reached (${stops.join(', ')})`).to.equal(true);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => !dialog(el)?.open, 'the report to close');
    });

    it('new document: an empty subject is said at the field, with focus there, and nothing is recorded', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      const [template] = await adapter.templates!.list();
      await act(el, { action: 'document', id: template!.id });
      const subject = inDialog<HTMLInputElement>(el, '.document-subject')!;
      expect(subject.maxLength, 'no longer than a subject may be').to.equal(500);
      subject.value = '   ';
      subject.dispatchEvent(new Event('input'));
      const before = (await adapter.timeline.all(contact.id)).length;
      inDialog<HTMLButtonElement>(el, 'button.primary')!.click();
      await waitUntil(() => subject.getAttribute('aria-invalid') === 'true', 'the subject marked');
      expect(inDialog(el, `#${subject.getAttribute('aria-describedby')}`)!.textContent!.trim()).to.equal('Enter a subject.');
      expect(deepActive(el), 'focus on the subject').to.equal(subject);
      expect(inDialog(el, '[role="alert"]'), 'no failure from the adapter').to.equal(null);
      expect((await adapter.timeline.all(contact.id)).length).to.equal(before);
      // Filled in, it is made.
      subject.value = 'Kennismaking';
      subject.dispatchEvent(new Event('input'));
      inDialog<HTMLButtonElement>(el, 'button.primary')!.click();
      await waitUntil(() => !dialog(el)?.open, 'the dialog to close');
      expect((await adapter.timeline.all(contact.id)).map((entry) => entry.subject)).to.include('Kennismaking');
    });

    it('the document button is hidden when no template is open to the role', async () => {
      const adapter = freshIndexedDbAdapter();
      const { contact } = await oneContact(adapter, 'Zonder sjablonen', { lastName: 'Leeg' });
      const el = await mount(adapter, contact.id);
      expect(await adapter.templates!.list()).to.deep.equal([]);
      expect(bar(el).actions).not.to.include('document');
      expect(bar(el).actions).to.include('create');
    });
  });

  describe('review fixes', () => {
    it('Enter right after typing chooses from the results of what was typed', async () => {
      const { adapter, contact } = await world();
      const target = (await adapter.contacts.list({ limit: 50 })).items.at(-1)!;
      const el = await mount(adapter, contact.id);
      await act(el, { action: 'search' });
      await waitUntil(() => options(el).length > 1, 'the first page');
      const input = inDialog<HTMLInputElement>(el, '[role="combobox"]')!;
      input.focus();
      input.value = target.email;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      const opened = oneEvent(el, 'lift-contact-open');
      await sendKeys({ press: 'Enter' });
      expect((await opened).detail.contactId).to.equal(target.id);
    });

    it('with unsaved edits, the question comes before lift-contact-open, and cancelling sends nothing', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      const notes = $<HTMLInputElement>(el, '#field-notes')!;
      notes.value = 'Nog niet opgeslagen';
      notes.dispatchEvent(new Event('input'));
      await el.updateComplete;
      const events: string[] = [];
      el.addEventListener('lift-contact-open', () => events.push('open'));
      await act(el, { action: 'search' });
      await waitUntil(() => options(el).length > 1, 'results');
      (dialog(el).querySelectorAll('[role="option"]')[1] as HTMLElement).click();
      await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.ask')?.open, 'the question');
      expect(events).to.deep.equal([]);
      $<HTMLButtonElement>(el, 'dialog.ask button[value="cancel"]')!.click();
      await askedAgain(el);
      expect(events).to.deep.equal([]);
      expect(el.contactId).to.equal(contact.id);
    });

    it('a dialog stays open while its write is on its way', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      const [template] = await adapter.templates!.list();
      const original = adapter.templates!.createDocument;
      (adapter.templates as { createDocument: unknown }).createDocument = () => new Promise(() => undefined);
      try {
        await act(el, { action: 'document', id: template!.id });
        inDialog<HTMLButtonElement>(el, 'button.primary')!.focus();
        inDialog<HTMLButtonElement>(el, 'button.primary')!.click();
        await el.updateComplete;
        // The button pressed is disabled while the write is on its way: focus leaves it, for the page.
        deepActive(el)?.blur();
        expect(document.activeElement, 'focus on the page').to.equal(document.body);
        // Chromium and Firefox let a second Escape with nothing done between close a dialog
        // whose cancel event was refused: each press is refused before it asks to close.
        for (const press of [1, 2, 3]) {
          await sendKeys({ press: 'Escape' });
          await el.updateComplete;
          expect(dialog(el).open, `open after Escape ${press}`).to.equal(true);
        }
      } finally {
        (adapter.templates as { createDocument: unknown }).createDocument = original;
      }
    });

    it('offers no Cancel while a write is on its way, in each dialog that writes', async () => {
      const { adapter, contact } = await world();
      const hang = () => new Promise<never>(() => undefined);
      const cancelWaits = async (el: LiftContactCard, start: () => void) => {
        start();
        await el.updateComplete;
        const cancel = [...dialog(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Cancel')!;
        expect(cancel.disabled, 'Cancel waits for the answer').to.equal(true);
        cancel.click();
        await el.updateComplete;
        expect(dialog(el).open, 'still open').to.equal(true);
      };
      (adapter.templates as { createDocument: unknown }).createDocument = hang;
      (adapter.work as { create: unknown }).create = hang;
      const [template] = await adapter.templates!.list();
      let el = await mount(adapter, contact.id);
      await act(el, { action: 'document', id: template!.id });
      await cancelWaits(el, () => inDialog<HTMLButtonElement>(el, 'button.primary')!.click());
      el.remove();

      el = await mount(adapter, contact.id);
      await act(el, { action: 'create', kind: 'request' });
      inDialog<HTMLInputElement>(el, '.title-input')!.value = 'Aanvraag folder';
      inDialog<HTMLInputElement>(el, '.title-input')!.dispatchEvent(new Event('input'));
      await cancelWaits(el, () => inDialog<HTMLButtonElement>(el, 'button[type="submit"]')!.click());
      el.remove();

      (adapter.contacts as { copy: unknown }).copy = hang;
      ({ el } = await copyDialogTo(adapter, contact));
      await cancelWaits(el, () => [...dialog(el).querySelectorAll<HTMLButtonElement>('button.primary')].find((b) => b.textContent!.trim() === 'Copy')!.click());
    });

    it('copy: what is chosen while the copy is on its way changes neither what it says nor how it closes', async () => {
      const { adapter, contact } = await world();
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const copy = adapter.contacts.copy.bind(adapter.contacts);
      (adapter.contacts as { copy: unknown }).copy = async (...args: Parameters<typeof copy>) => (await held, copy(...args));
      const { el, target } = await copyDialogTo(adapter, contact);
      const copied = oneEvent(el, 'lift-contact-copied');
      [...dialog(el).querySelectorAll<HTMLButtonElement>('button.primary')].find((b) => b.textContent!.trim() === 'Copy')!.click();
      await el.updateComplete;
      // Escape in the search box, another relation chosen, the original's archiving ticked.
      inDialog<HTMLInputElement>(el, '[role="combobox"]')!.focus();
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(dialog(el)?.open, 'Escape in the search waits for the copy').to.equal(true);
      const other = (await adapter.relations.list({ limit: 50 })).items.find((r) => r.id !== contact.relationId && r.id !== target.id)!;
      await search(el, other.name);
      await sendKeys({ press: 'Enter' });
      expect(inDialog<HTMLInputElement>(el, '.toggle input')!.disabled, 'archiving waits for the copy too').to.equal(true);
      inDialog<HTMLInputElement>(el, '.toggle input')!.click();
      await el.updateComplete;
      release();
      const { detail } = await copied;
      expect(detail.archivedOriginal, 'the original was not archived').to.equal(false);
      expect((await adapter.contacts.get(contact.id)).archived ?? false).to.equal(false);
      await waitUntil(() => inDialog(el, '.open-copy'), 'the offer to open it');
      expect(dialog(el).textContent, 'the relation it went to').to.include(target.name);
      expect(dialog(el).textContent).not.to.include(other.name);
    });
  });
});
