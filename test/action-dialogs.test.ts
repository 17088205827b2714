import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { LiftCardDocumentDialog } from '../src/contact-card/actions/new-document.js';
import { axisTicks } from '../src/contact-card/actions/activity-chart.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import { documentValues, letterSalutation } from '../src/data/contract/document-values.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import type { Contact } from '../src/data/contract/model.js';
import type { IndexedDbAdapter } from '../src/data/adapters/indexeddb-adapter.js';
import { fullName } from '../src/data/contract/text.js';
import '../src/lift-contact-card.js';
import { dropDatabases } from './db.js';
import { withFaults } from './faults.js';
import { mountCard } from './harness.js';
import { $, act, bar, copyDialogTo, deepActive, dialog, enter, inDialog, mount, options, search, world } from './dialog-helpers.js';

const LANGS = ['nl', 'en'] as const;

/** The card in `lang`, on `contact`. */
const cardIn = (adapter: IndexedDbAdapter, contact: Contact, lang: string, selection?: string) =>
  mountCard(adapter, contact.id, { lang, ...(selection ? { selection } : {}) });

/** The text of the overview rows the card shows now. */
async function overviewText(el: LiftContactCard): Promise<string> {
  const timeline = $(el, 'lift-contact-timeline') as (HTMLElement & { updateComplete: Promise<unknown> }) | null;
  await waitUntil(() => timeline?.shadowRoot?.querySelector('[part~="entry"]'), 'the overview rows');
  await timeline!.updateComplete;
  return [...timeline!.shadowRoot!.querySelectorAll('[part~="entry"]')].map((row) => row.textContent!.replace(/\s+/g, ' ')).join('\n');
}

/** Gives `contact` an entry of every kind a user adds, spread over 18 months: a wide report. */
async function busy(adapter: IndexedDbAdapter, contact: Contact): Promise<void> {
  const kinds = ['email', 'letter', 'document', 'invoice', 'note', 'call', 'meeting', 'task'] as const;
  for (let month = 0; month < 18; month++) {
    const kind = kinds[month % kinds.length]!;
    const occurredAt = new Date(Date.UTC(2025, month, 12)).toISOString();
    await adapter.timeline.add({ contactId: contact.id, kind, subject: `${kind} ${month}`, body: '', occurredAt });
  }
}

let narrowed: CSSStyleSheet | undefined;

/**
 * The window `width` px wide. WebKit's driver cannot resize the window: there the dialog gets the
 * width it has at that width (92vw, at most 40rem) through its exported part, as a host could.
 */
async function atWidth(width: number): Promise<void> {
  if (await setViewport({ width, height: 800 }).then(() => true, () => false)) return;
  narrowed = new CSSStyleSheet();
  narrowed.replaceSync(`lift-contact-card::part(dialog) { width: ${Math.min(640, width * 0.92)}px; max-width: none; }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, narrowed];
}

describe('action dialogs in real hosts', () => {
  afterEach(async () => {
    LiftCardDocumentDialog.now = () => new Date();
    await setViewport({ width: 800, height: 600 }).catch(() => undefined);
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== narrowed);
    localStorage.clear();
    await dropDatabases();
  });

  describe('the search list', () => {
    it('says what it found, the relation chosen and the copy made through the card’s one live region, each once, heard from inside the dialog', async () => {
      const { adapter, contact } = await world();
      const target = (await adapter.relations.list({ limit: 50 })).items.find((r) => r.id !== contact.relationId)!;
      const el = await mount(adapter, contact.id);
      const regions = () => [...el.shadowRoot!.querySelectorAll('[role="status"], [role="alert"], [aria-live]')];
      const saying = (words: string) => regions().filter((region) => region.textContent!.includes(words));
      // What is outside a modal dialog is inert, and a live region there is not heard: the card's
      // one voice speaks from inside the open dialog.
      const announcer = () => el.shadowRoot!.querySelector('dialog:modal > p.visually-hidden[role="status"]');
      const saidOnce = async (words: string, what: string) => {
        await waitUntil(() => announcer()?.textContent?.includes(words), what);
        expect(saying(words), `${what}: only the card's live region in the open dialog says it`).to.deep.equal([announcer()]);
      };

      await act(el, { action: 'copy' });
      await search(el, target.name);
      const found = options(el).length;
      await saidOnce(found === 1 ? '1 result' : `${found} results`, 'the number of results');
      await sendKeys({ press: 'Enter' });
      await saidOnce(`The copy goes to ${target.name}.`, 'the relation chosen');
      expect(inDialog(el, '.chosen')!.textContent, 'the choice stays shown').to.contain(target.name);
      const copied = oneEvent(el, 'lift-contact-copied');
      inDialog<HTMLButtonElement>(el, 'button.primary')!.click();
      await copied;
      await saidOnce(`The copy was created at ${target.name}.`, 'the copy made');
      expect(inDialog(el, '.panel-body')!.textContent, 'and shown in the dialog').to.contain(`The copy was created at ${target.name}.`);
    });

    it('is no Tab stop of its own: the arrows of the search box move through it', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      await act(el, { action: 'search' });
      await search(el, 'a');
      expect(options(el).length, 'results that scroll').to.be.above(3);
      inDialog<HTMLInputElement>(el, '[role="combobox"]')!.focus();
      await sendKeys({ press: 'Tab' });
      const active = deepActive(el);
      expect(active?.closest('[role="listbox"]'), `Tab went to ${active?.localName}`).to.equal(null);
      expect(active, 'on to the next control of the dialog').to.not.equal(inDialog(el, '[role="combobox"]'));
    });

    it('keeps focus in the search box when a relation is picked with the mouse: the arrows still move through the results', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      await act(el, { action: 'copy' });
      await search(el, 'a');
      const picked = dialog(el).querySelectorAll<HTMLElement>('[role="option"]')[1]!;
      const name = picked.querySelector('.result-name')!.textContent!.trim();
      picked.scrollIntoView({ block: 'nearest' });
      const box = picked.getBoundingClientRect();
      try {
        await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
      } finally {
        await resetMouse();
      }
      await el.updateComplete;
      expect(inDialog(el, '.chosen')!.textContent, 'the relation clicked is chosen').to.contain(name);
      const input = inDialog<HTMLInputElement>(el, '[role="combobox"]')!;
      expect(deepActive(el), `focus on ${deepActive(el)?.localName}`).to.equal(input);
      const before = input.getAttribute('aria-activedescendant');
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(input.getAttribute('aria-activedescendant'), 'ArrowDown moves to the next result').to.not.equal(before);
    });

    it('puts keyboard focus on the name of the contact it opens, not on the page', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      bar(el).shadowRoot!.querySelector<HTMLButtonElement>('[data-action="search"]')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => dialog(el)?.open, 'the search dialog');
      await search(el, 'a');
      inDialog<HTMLInputElement>(el, '[role="combobox"]')!.focus();
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => !dialog(el)?.open, 'the dialog to close');
      await el.loaded;
      await waitUntil(() => deepActive(el)?.matches('[part~="name"]'), `focus on the name (on ${deepActive(el)?.localName ?? document.activeElement?.localName})`);
      expect(deepActive(el)!.textContent!.trim()).to.equal(fullName(await adapter.contacts.get(el.contactId!)));
    });

    it('asks about unsaved edits over the results when one is chosen, and Cancel comes back to them', async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      enter($<HTMLInputElement>(el, '#field-firstName')!, 'Gewijzigd');
      await el.updateComplete;
      await act(el, { action: 'search' });
      await search(el, 'a');
      inDialog<HTMLInputElement>(el, '[role="combobox"]')!.focus();
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.ask')?.open && $(el, 'dialog.ask form'), 'the question about unsaved edits');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !$(el, 'dialog.ask form'), 'the question to close');
      await el.updateComplete;
      expect(dialog(el)?.open, 'the search stays open').to.equal(true);
      expect(inDialog<HTMLInputElement>(el, '[role="combobox"]')!.value, 'with its words').to.equal('a');
      expect(options(el).length, 'and its results').to.be.above(0);
      expect([el.contactId, el.dirty]).to.deep.equal([contact.id, true]);
    });

    // Its styles arrive with the dialogs that show it, not with the card's first paint.
    for (const action of ['search', 'copy'] as const) {
      it(`fits a 320 px screen, nothing in it wider than the dialog (${action})`, async () => {
        await atWidth(320);
        const { adapter, contact } = await world();
        const el = await mount(adapter, contact.id);
        await act(el, { action });
        await search(el, '');
        const box = dialog(el)!;
        const { left, right } = box.getBoundingClientRect();
        expect([Math.round(left) >= 0, Math.round(right) <= document.documentElement.clientWidth], `the dialog from ${left} to ${right} px`).to.deep.equal([true, true]);
        // Also where the window keeps its size (WebKitGTK's driver cannot resize it, and the
        // dialog is given the width 92vw would be): padding and border are within that width.
        expect(right - left, 'the whole dialog 92% of the screen').to.be.at.most(320 * 0.92 + 0.5);
        expect(box.scrollWidth, 'no sideways scrolling inside').to.be.at.most(box.clientWidth);
      });

      it(`shows its results in a box that scrolls, the active one marked by more than colour (${action})`, async () => {
        const { adapter, contact } = await world();
        const el = await mount(adapter, contact.id);
        await act(el, { action });
        await search(el, '');
        const results = inDialog(el, '[role="listbox"]')!;
        expect(getComputedStyle(results).overflowY).to.equal('auto');
        expect(parseFloat(getComputedStyle(results).maxHeight)).to.be.greaterThan(100);
        const input = inDialog<HTMLInputElement>(el, '[role="combobox"]')!;
        input.focus();
        await sendKeys({ press: 'ArrowDown' });
        await el.updateComplete;
        const active = inDialog(el, '[role="option"][aria-selected="true"]');
        expect(active, 'an option chosen with the arrow key').to.exist;
        expect(getComputedStyle(active!).boxShadow).not.to.equal('none');
        expect(getComputedStyle(active!.querySelector('.result-name')!).fontWeight).to.equal('600');
      });
    }
  });

  it('gives the card the dialogs\' styles once, however often the dialogs open', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact.id);
    // The summary beside the header adds its own styles once its code arrives after the first
    // paint: counted before the dialogs, or its arrival in between counts as theirs.
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="glance"]'), 'the summary beside the header');
    const sheets = () => el.shadowRoot!.adoptedStyleSheets.length;
    await act(el, { action: 'search' });
    const afterFirst = sheets();
    for (const action of ['search', 'copy', 'search'] as const) {
      inDialog<HTMLInputElement>(el, '[role="combobox"]')!.focus();
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !dialog(el)?.open, 'the dialog closes');
      await act(el, { action });
    }
    // The copy dialog brings its own rules once; the list's and the dialogs' shared ones are not added again.
    expect(sheets()).to.equal(afterFirst + 1);
  });

  describe('copy to another relation', () => {
    it('does not offer the contact’s own relation as the place to copy to', async () => {
      const { adapter, contact } = await world();
      const own = await adapter.relations.get(contact.relationId);
      const { el } = await copyDialogTo(adapter, contact);
      await search(el, own.name);
      expect(options(el)).not.to.include(own.name);
      await search(el, '');
      expect(options(el)).not.to.include(own.name);
      expect(options(el).length).to.be.greaterThan(0);
    });

    it('no longer shows the failure of a copy once another relation is chosen', async () => {
      const { adapter, contact } = await world();
      const [first, second] = (await adapter.relations.list({ limit: 50 })).items.filter((r) => r.id !== contact.relationId);
      const faults = withFaults(adapter);
      const el = await mountCard(faults.adapter, contact.id);
      await act(el, { action: 'copy' });
      await search(el, first!.name);
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      faults.fail('contacts.copy', new LiftDataError('unavailable', 'down'));
      inDialog<HTMLButtonElement>(el, 'button.primary')!.click();
      const failure = () => [...dialog(el).querySelectorAll('[role="alert"]')].find((alert) => alert.textContent!.includes('That did not work'));
      await waitUntil(() => failure(), 'the failed copy is said');
      await search(el, second!.name);
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(inDialog(el, '.chosen')!.textContent).to.contain(second!.name);
      expect(failure()?.textContent, 'the failure of the copy to the other relation is gone').to.equal(undefined);
    });

    it('reads the contact again when a copy meets a change made elsewhere, as it says, so that Copy works the second time', async () => {
      const { adapter, contact } = await world();
      const target = (await adapter.relations.list({ limit: 50 })).items.find((r) => r.id !== contact.relationId)!;
      const faults = withFaults(adapter);
      // The change feed is late: the card has not heard of the colleague's change.
      faults.muteFeed();
      const el = await mountCard(faults.adapter, contact.id);
      await act(el, { action: 'copy' });
      await search(el, target.name);
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      const stored = await adapter.contacts.get(contact.id);
      await adapter.contacts.update(contact.id, stored.version, { jobTitle: 'Elders gewijzigd' });
      const copyButton = () => inDialog<HTMLButtonElement>(el, 'button.primary')!;
      copyButton().click();
      await waitUntil(() => inDialog(el, '[role="alert"]')?.textContent?.includes('the latest version is loaded'), 'the conflict said');
      await waitUntil(() => $<HTMLInputElement>(el, '#field-jobTitle')?.value === 'Elders gewijzigd', 'the latest version loaded, as said');
      const copied = oneEvent(el, 'lift-contact-copied');
      copyButton().click();
      const { detail } = await copied;
      expect((await adapter.contacts.get(detail.copyId)).relationId).to.equal(target.id);
      await waitUntil(() => inDialog(el, '.open-copy'), 'the copy offered to open');
    });

    for (const lang of LANGS) {
      it(`takes a new e-mail and phone, checked as a save checks them (${lang})`, async () => {
        const { adapter, contact } = await world();
        const target = (await adapter.relations.list({ limit: 50 })).items.find((r) => r.id !== contact.relationId)!;
        const el = await cardIn(adapter, contact, lang);
        await act(el, { action: 'copy' });
        await search(el, target.name);
        await sendKeys({ press: 'Enter' });
        await el.updateComplete;
        const email = inDialog<HTMLInputElement>(el, 'input[inputmode="email"]')!;
        const phone = inDialog<HTMLInputElement>(el, 'input[type="tel"]')!;
        expect([email.value, phone.value], 'the original’s, to start with').to.deep.equal([contact.email, contact.phone]);
        enter(email, 'geen adres');
        enter(phone, '+31 20 555 0101');
        const copyButton = inDialog<HTMLButtonElement>(el, 'button.primary')!;
        copyButton.click();
        await el.updateComplete;
        expect(email.getAttribute('aria-invalid')).to.equal('true');
        const error = inDialog(el, `#${email.getAttribute('aria-describedby')}`)!.textContent!.trim();
        expect(error).to.equal(lang === 'nl' ? 'Dit is geen geldig e-mailadres, bijvoorbeeld naam@bedrijf.nl.' : 'This is not a valid e-mail address, for example name@company.com.');
        expect(deepActive(el), 'focus on the field to correct').to.equal(email);
        expect((await adapter.contacts.list({ relationId: target.id })).items.some((c) => c.lastName === contact.lastName && c.email === 'geen adres')).to.equal(false);
        await expect(el).to.be.accessible();
        enter(email, 'julia@nieuwewerkgever.nl');
        const copied = oneEvent(el, 'lift-contact-copied');
        copyButton.click();
        const { detail } = await copied;
        const copy = await adapter.contacts.get(detail.copyId);
        expect([copy.email, copy.phone, copy.relationId]).to.deep.equal(['julia@nieuwewerkgever.nl', '+31 20 555 0101', target.id]);
        expect((await adapter.contacts.get(contact.id)).email, 'the original keeps its e-mail').to.equal(contact.email);
      });
    }

    for (const lang of LANGS) {
      it(`names the other contact in both overviews and keeps the selection when the copy opens (${lang})`, async () => {
        const { adapter, seeded } = await world();
        // The contact in the middle of the selection, with a neighbour on either side.
        const middle = seeded.contactIds.slice(1, 4);
        const original = await adapter.contacts.get(middle[1]!);
        const own = await adapter.relations.get(original.relationId);
        const target = (await adapter.relations.list({ limit: 50 })).items.find((r) => r.id !== original.relationId)!;
        const el = await cardIn(adapter, original, lang, middle.join(' '));
        await act(el, { action: 'copy' });
        await search(el, target.name);
        await sendKeys({ press: 'Enter' });
        await el.updateComplete;
        const copied = oneEvent(el, 'lift-contact-copied');
        inDialog<HTMLButtonElement>(el, 'button.primary')!.click();
        const { detail } = await copied;
        await waitUntil(() => deepActive(el)?.classList.contains('open-copy'), 'focus on “open the copy”');
        await sendKeys({ press: 'Enter' });
        await waitUntil(() => el.contactId === detail.copyId && el.shadowRoot!.querySelector('[part~="name"]'), 'the copy open');
        expect(el.selection, 'the copy in the original’s place').to.deep.equal([middle[0], detail.copyId, middle[2]]);
        expect([bar(el).selectionPosition, bar(el).selectionSize]).to.deep.equal([2, 3]);
        const rows = await overviewText(el);
        expect(rows).to.include(lang === 'nl' ? 'Gekopieerd van' : 'Copied from');
        expect(rows).to.include(`${fullName(original)} (${own.name})`);
        expect(rows).not.to.include(original.id);
        await expect(el).to.be.accessible();
        const back = await cardIn(adapter, original, lang);
        const originalRows = await overviewText(back);
        expect(originalRows).to.include(`${fullName(original)} (${target.name})`);
        expect(originalRows).not.to.include(detail.copyId);
      });
    }
  });

  describe('documents', () => {
    it('opens a letter the Dutch and the English way', () => {
      const visser = { salutation: 'Mevr.', firstName: 'Julia', lastName: 'Visser' };
      expect(letterSalutation(visser, 'nl')).to.equal('Geachte mevrouw Visser');
      expect(letterSalutation(visser, 'en')).to.equal('Dear Ms Visser');
      const berg = { salutation: 'Dhr.', firstName: 'Jan', infix: 'van der', lastName: 'Berg' };
      expect(letterSalutation(berg, 'nl')).to.equal('Geachte heer Van der Berg');
      expect(letterSalutation(berg, 'en')).to.equal('Dear Mr Van der Berg');
      expect(letterSalutation({ salutation: 'de heer', lastName: 'Wit' }, 'nl')).to.equal('Geachte heer Wit');
      expect(letterSalutation({ salutation: '', firstName: 'Sam', infix: 'de', lastName: 'Wit' }, 'nl')).to.equal('Geachte Sam de Wit');
      expect(letterSalutation({ lastName: 'Wit' }, 'en')).to.equal('Dear Mr/Ms Wit');
    });

    it('dates a document in the reader’s time zone: just after midnight in Amsterdam it is already the next day', () => {
      const lateInUtc = new Date('2026-03-09T23:30:00Z');
      const values = (lang: string, timeZone: string) => documentValues({ contact: { lastName: 'Visser' }, relation: undefined, user: {}, now: lateInUtc, lang, timeZone }).today;
      expect(values('nl', 'Europe/Amsterdam')).to.equal('10 maart 2026');
      expect(values('en', 'Europe/Amsterdam')).to.equal('March 10, 2026');
      expect(values('nl', 'UTC')).to.equal('9 maart 2026');
    });

    for (const lang of LANGS) {
      it(`fills the letter for the reader and records the text as edited, keyboard only (${lang})`, async () => {
        const { adapter } = await world();
        const relation = (await adapter.relations.list({ limit: 1 })).items[0]!;
        const julia = await adapter.contacts.create({ relationId: relation.id, salutation: 'Mevr.', firstName: 'Julia', lastName: 'Visser' });
        const now = new Date('2026-03-09T23:30:00Z');
        LiftCardDocumentDialog.now = () => now;
        const el = await cardIn(adapter, julia, lang);
        await act(el, { action: 'document', id: 'tpl-kennismaking' });
        const body = inDialog<HTMLTextAreaElement>(el, 'textarea.document-body')!;
        const today = now.toLocaleDateString(lang, { dateStyle: 'long' });
        expect(body.value).to.include(`\n${today}\n`).and.not.include('2026-03-');
        expect(body.value).to.include(lang === 'nl' ? 'Geachte mevrouw Visser,' : 'Dear Ms Visser,').and.not.include('Mevr. Julia Visser,');
        await expect(el).to.be.accessible();
        // On the subject, not on Create: an Enter at once would make a document nobody read.
        expect(deepActive(el)?.classList.contains('document-subject'), 'focus on the subject').to.equal(true);
        await sendKeys({ press: 'Enter' });
        expect(dialog(el)?.open, 'Enter in the subject makes nothing').to.equal(true);
        await sendKeys({ press: 'Tab' });
        expect(deepActive(el), 'Tab reaches the text').to.equal(body);
        enter(body as unknown as HTMLInputElement, `${body.value}\n\nPS Tot volgende week.`);
        await sendKeys({ press: 'Tab' });
        expect(deepActive(el)?.classList.contains('primary'), 'Tab back to create').to.equal(true);
        await sendKeys({ press: 'Enter' });
        await waitUntil(() => !dialog(el)?.open, 'the dialog to close');
        const made = (await adapter.timeline.all(julia.id)).find((e) => e.kind === 'letter')!;
        expect(made.body).to.include('PS Tot volgende week.').and.include(today);
      });
    }

    it('keeps the text of a document closed with Escape for the next time it opens; Cancel drops it', async () => {
      const { adapter } = await world();
      const relation = (await adapter.relations.list({ limit: 1 })).items[0]!;
      const julia = await adapter.contacts.create({ relationId: relation.id, firstName: 'Julia', lastName: 'Visser' });
      const el = await cardIn(adapter, julia, 'nl');
      const body = () => inDialog<HTMLTextAreaElement>(el, 'textarea.document-body')!;
      await act(el, { action: 'document', id: 'tpl-kennismaking' });
      const filled = body().value;
      enter(body() as unknown as HTMLInputElement, `${filled}\n\nPS Tot volgende week.`);
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !dialog(el)?.open, 'the dialog to close');
      await act(el, { action: 'document', id: 'tpl-kennismaking' });
      expect(body().value, 'the text as it was left').to.equal(`${filled}\n\nPS Tot volgende week.`);
      inDialog<HTMLButtonElement>(el, '.actions button:not(.primary)')!.click();
      await waitUntil(() => !dialog(el)?.open, 'the dialog to close');
      await act(el, { action: 'document', id: 'tpl-kennismaking' });
      expect(body().value, 'Cancel dropped it').to.equal(filled);
      expect((await adapter.timeline.all(julia.id)).some((e) => e.kind === 'letter'), 'nothing made').to.equal(false);
    });
  });

  describe('the activity report', () => {
    for (const width of [390, 768, 1280]) {
      it(`fits ${width} px: the table scrolls inside, Close stays in reach`, async function () {
        // Eighteen months of entries are written first: slow engines need more than the default.
        this.timeout(30_000);
        await atWidth(width);
        const { adapter, contact } = await world();
        await busy(adapter, contact);
        const el = await cardIn(adapter, contact, 'nl');
        await act(el, { action: 'reports', id: 'activity' });
        await waitUntil(() => inDialog(el, '.chart'), 'the chart');
        inDialog<HTMLElement>(el, 'details.as-table summary')!.click();
        await el.updateComplete;
        const box = dialog(el);
        expect(box.scrollWidth, 'nothing wider than the dialog').to.be.at.most(box.clientWidth);
        const inner = box.getBoundingClientRect();
        for (const part of ['.chart', '.legend', '.table-scroll', '.actions']) {
          expect(inDialog(el, part)!.getBoundingClientRect().right, `${part} inside the dialog`).to.be.at.most(inner.right);
        }
        const table = inDialog(el, '.table-scroll')!;
        if (width === 390) expect(table.scrollWidth, 'the table scrolls in itself').to.be.greaterThan(table.clientWidth);
        const close = inDialog(el, '.report-close')!.getBoundingClientRect();
        expect(close.right).to.be.at.most(window.innerWidth);
        expect(close.bottom, 'Close in view').to.be.at.most(window.innerHeight);
        expect(close.left).to.be.at.least(0);
        await expect(el).to.be.accessible();
      });
    }

    it('moves between months with the arrows the other way round in a right-to-left page, stopping at the ends', async () => {
      const { adapter, contact } = await world();
      const el = await cardIn(adapter, contact, 'en');
      el.setAttribute('dir', 'rtl');
      await act(el, { action: 'reports', id: 'activity' });
      await waitUntil(() => inDialog(el, '.chart'), 'the chart');
      const columns = [...dialog(el).querySelectorAll<HTMLElement>('.columns [role="img"]')];
      expect(columns.length, 'months to move between').to.be.at.least(3);
      columns[0]!.focus();
      // Right to left the months run from the right: Arrow Left goes on to the next one.
      await sendKeys({ press: 'ArrowLeft' });
      await el.updateComplete;
      expect(deepActive(el)).to.equal(columns[1]);
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(deepActive(el), 'the first month is an end').to.equal(columns[0]);
      await sendKeys({ press: 'End' });
      await sendKeys({ press: 'ArrowLeft' });
      await el.updateComplete;
      expect(deepActive(el), 'the last month is an end').to.equal(columns.at(-1));
      expect(columns.filter((c) => c.tabIndex === 0), 'one tab stop').to.deep.equal([columns.at(-1)]);
    });

    it('has round steps on its axis', () => {
      expect(axisTicks(7)).to.deep.equal([0, 2, 4, 6, 8]);
      expect(axisTicks(1)).to.deep.equal([0, 1]);
      expect(axisTicks(0)).to.deep.equal([0, 1]);
      expect(axisTicks(230)).to.deep.equal([0, 100, 200, 300]);
    });

    for (const lang of LANGS) {
      it(`shows an axis, the numbers of the month with focus or pointer, words of the reader and kinds apart without colour (${lang})`, async () => {
        const { adapter, contact } = await world();
        const report = await adapter.reports!.run('activity', contact.id);
        const el = await cardIn(adapter, contact, lang);
        await act(el, { action: 'reports', id: 'activity' });
        await waitUntil(() => inDialog(el, '.chart'), 'the chart');
        const ticks = [...dialog(el).querySelectorAll('.axis .tick')].map((tick) => Number(tick.textContent!.replace(/\D/g, '')));
        const totals = report.months.map((_, i) => Object.values(report.counts).reduce((sum, counts) => sum + counts[i]!, 0));
        expect(ticks.length).to.be.at.least(2);
        expect(ticks.at(-1)).to.be.at.least(Math.max(...totals));
        const columns = [...dialog(el).querySelectorAll<HTMLElement>('.columns [role="img"]')];
        expect(columns).to.have.length(report.months.length);
        const monthName = (i: number) => {
          const [year, month] = report.months[i]!.split('-').map(Number) as [number, number];
          return new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' });
        };
        // Keyboard: the chart is one tab stop; arrows move between months and show their numbers.
        columns.at(-1)!.focus();
        await sendKeys({ press: 'Home' });
        await el.updateComplete;
        expect(deepActive(el)).to.equal(columns[0]);
        const readout = () => inDialog(el, '.readout')!.textContent!;
        expect(readout()).to.include(`${monthName(0)}: ${totals[0]}`);
        expect(columns[0]!.getAttribute('aria-label')).to.equal(readout());
        expect(columns.filter((c) => c.tabIndex === 0)).to.have.length(1);
        if (columns.length > 1) {
          await sendKeys({ press: 'ArrowRight' });
          await el.updateComplete;
          expect(deepActive(el)).to.equal(columns[1]);
          expect(readout()).to.include(`${monthName(1)}: ${totals[1]}`);
          // The pointer shows a month's numbers too.
          columns[0]!.dispatchEvent(new MouseEvent('mouseenter'));
          await el.updateComplete;
          expect(readout()).to.include(`${monthName(0)}: ${totals[0]}`);
        }
        const kindWord = lang === 'nl' ? /Brief|Notitie|Telefoongesprek|Afspraak|Wijziging|Factuur/ : /Letter|Note|Phone call|Meeting|Change|Invoice/;
        expect(inDialog(el, '.legend')!.textContent).to.match(kindWord);
        // Every kind its own pattern or colour, and all but one carry a pattern.
        const looks = [...dialog(el).querySelectorAll('.legend .swatch')].map((swatch) => getComputedStyle(swatch).backgroundImage + getComputedStyle(swatch).backgroundColor);
        expect(new Set(looks).size).to.equal(looks.length);
        expect(looks.filter((look) => look.startsWith('none')).length).to.be.at.most(1);
        await expect(el).to.be.accessible();
      });
    }
  });

  describe('the card’s shortcuts while a dialog is open', () => {
    it('leave the card where it is and what was typed in the dialog, and save nothing behind it', async () => {
      const { adapter, seeded, contact } = await world();
      const el = await cardIn(adapter, contact, 'en', seeded.contactIds.slice(0, 3).join(' '));
      await act(el, { action: 'create', kind: 'project' });
      const title = inDialog<HTMLInputElement>(el, '.title-input')!;
      enter(title, 'Belangrijk project');
      const press = (key: string, modifiers: { altKey?: boolean; ctrlKey?: boolean }) => {
        const pressed = new KeyboardEvent('keydown', { key, ...modifiers, bubbles: true, composed: true, cancelable: true });
        title.dispatchEvent(pressed);
        expect(pressed.defaultPrevented, `${key}: the browser's own use of it is kept from the page too`).to.equal(true);
      };
      const settle = async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        await el.updateComplete;
      };
      press('PageDown', { altKey: true });
      press('PageUp', { altKey: true });
      await settle();
      expect(el.contactId, 'the card stays on its contact').to.equal(contact.id);
      expect(dialog(el)?.open, 'the dialog stays open').to.equal(true);
      expect(inDialog<HTMLInputElement>(el, '.title-input')!.value).to.equal('Belangrijk project');
      // An edit behind the dialog (made before it opened, as a host could) is not saved by Ctrl+S in it.
      enter($<HTMLInputElement>(el, '#field-firstName')!, 'Gewijzigd');
      await el.updateComplete;
      press('s', { ctrlKey: true });
      await settle();
      expect([el.dirty, (await adapter.contacts.get(contact.id)).firstName], 'the edit behind it is not saved').to.deep.equal([true, contact.firstName]);
    });
  });

  describe('the card’s shortcuts in a host’s dialog', () => {
    it('work for a card that a host shows in a dialog of its own', async () => {
      const { adapter, seeded, contact } = await world();
      const box = document.createElement('dialog');
      document.body.append(box);
      box.show();
      try {
        const el = document.createElement('lift-contact-card') as LiftContactCard;
        el.setAttribute('lang', 'en');
        el.setAttribute('contact-id', contact.id);
        el.setAttribute('selection', seeded.contactIds.slice(0, 3).join(' '));
        el.adapter = adapter;
        box.append(el);
        await el.loaded;
        await el.updateComplete;
        const name = $<HTMLElement>(el, '[part~="name"]')!;
        name.focus();
        name.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageDown', altKey: true, bubbles: true, composed: true, cancelable: true }));
        await waitUntil(() => el.contactId !== contact.id, 'the next contact');
      } finally {
        box.remove();
      }
    });
  });

  describe('create', () => {
    it('says the title is required with a space between the words', async () => {
      const { adapter, contact } = await world();
      const el = await cardIn(adapter, contact, 'nl');
      await act(el, { action: 'create', kind: 'lead' });
      const label = inDialog(el, `label[for="${inDialog(el, '.title-input')!.id}"]`)!;
      expect(label.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Titel (verplicht)');
    });
  });
});
