import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { User } from '../src/data/contract/model.js';
import { seedDemoData } from '../src/data/demo/demo-data.js';
import '../src/lift-contact-card.js';
import { dropDatabases, PRESENT, presentOnly } from './db.js';
import { mountCard, mountCardFor, switchUser } from './harness.js';
import { waitUntil } from './helpers.js';
import { act, copyDialogTo, dialog, enter, inDialog, mount, options, world } from './dialog-helpers.js';

const SANNE: User = { id: 'u-sanne', name: 'Sanne de Boer', role: 'admin' };
const KIM: User = { id: 'u-kim', name: 'Kim Jansen', role: 'admin' };

/** Holds `method` of `group` until the returned release is called: a write on its way. */
function hold<G extends object>(group: G, method: keyof G & string): () => void {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const original = (group[method] as (...args: unknown[]) => Promise<unknown>).bind(group);
  (group as Record<string, unknown>)[method] = async (...args: unknown[]) => (await held, original(...args));
  return release;
}

/** Real keys typed into `field` while its write is on its way: none of them lands. */
async function typeWhileSaving(el: LiftContactCard, field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement) {
  const before = field.value;
  field.focus();
  await sendKeys({ type: 'zq' });
  await el.updateComplete;
  return { before, after: field.value, fixed: field instanceof HTMLSelectElement ? field.disabled : field.readOnly };
}

describe('action dialogs when the user changes', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  it('closes a document signed by the previous user, with her text, when another user signs in', async () => {
    const { adapter, contact } = await world();
    const { provider, card } = await mountCardFor(adapter, SANNE, contact!.id);
    await act(card, { action: 'document', id: 'tpl-kennismaking' });
    const body = inDialog<HTMLTextAreaElement>(card, 'textarea.document-body')!;
    expect(body.value).to.include('Sanne de Boer');
    enter(body as unknown as HTMLInputElement, `${body.value}\nPS Sanne's private note`);
    await switchUser(provider, card, KIM);
    await card.updateComplete;
    expect(Boolean(dialog(card)?.open), 'Kim sees no dialog with Sanne’s text').to.equal(false);
    // Kim's own document is signed by Kim, without Sanne's note.
    await act(card, { action: 'document', id: 'tpl-kennismaking' });
    const own = inDialog<HTMLTextAreaElement>(card, 'textarea.document-body')!.value;
    expect({ kim: own.includes('Kim Jansen'), sanne: own.includes('Sanne de Boer'), note: own.includes('private note') }).to.deep.equal({ kim: true, sanne: false, note: false });
  });

  it('closes a create dialog with the previous user’s title for a viewer who signs in', async () => {
    const { adapter, contact } = await world();
    const { provider, card } = await mountCardFor(adapter, SANNE, contact!.id);
    await act(card, { action: 'create', kind: 'lead' });
    enter(inDialog<HTMLInputElement>(card, '.title-input')!, 'Sanne’s lead');
    await switchUser(provider, card, { id: 'u-viewer', name: 'Vera', role: 'viewer' });
    await card.updateComplete;
    expect(Boolean(dialog(card)?.open), 'the viewer has no create dialog open').to.equal(false);
  });
});

describe('search: arrow keys while the results answer older text', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  it('makes no old result active, and Enter opens the one shown active once the new ones arrive', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact!.id);
    await act(el, { action: 'search' });
    await waitUntil(() => options(el).length > 3, 'all contacts listed');
    const all = (await adapter.contacts.list({ limit: 50 })).items;
    const target = all[2]!;
    // The answer for typed text is held until the test lets it go, as a slow network would.
    const list = adapter.contacts.list.bind(adapter.contacts);
    let textAsked = false;
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    (adapter.contacts as { list: unknown }).list = async (query: Parameters<typeof list>[0]) => {
      const page = await list(query);
      if (query?.text) {
        textAsked = true;
        await answered;
      }
      return page;
    };
    const input = inDialog<HTMLInputElement>(el, '[role="combobox"]')!;
    enter(input, target.lastName);
    await el.updateComplete;
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    const staleActive = input.getAttribute('aria-activedescendant');
    // After the pause the query runs: its answer is still on its way.
    await waitUntil(() => textAsked, 'the query for the typed text asked');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    const loadingActive = input.getAttribute('aria-activedescendant');
    answer();
    await waitUntil(() => inDialog(el, '[role="listbox"]')?.getAttribute('aria-busy') === 'false', 'the new results', { timeout: 4000 });
    await el.updateComplete;
    const activeId = input.getAttribute('aria-activedescendant');
    const shown = activeId ? dialog(el).querySelector(`#${activeId}`)?.getAttribute('data-key') : null;
    const opened: string[] = [];
    el.addEventListener('lift-contact-open', (e) => opened.push((e as CustomEvent).detail.contactId));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => opened.length > 0, 'a contact opened', { timeout: 4000 });
    expect({ staleActive, loadingActive, opened: opened[0] }).to.deep.equal({ staleActive: null, loadingActive: null, opened: shown });
  });
});

describe('action dialogs: typing while the write is on its way', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  it('document: the subject and text take no keys while Create runs, and what shows is made', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact!.id);
    const release = hold(adapter.templates!, 'createDocument');
    await act(el, { action: 'document', id: 'tpl-kennismaking' });
    inDialog<HTMLButtonElement>(el, 'button.primary')!.click();
    await el.updateComplete;
    const subject = await typeWhileSaving(el, inDialog<HTMLInputElement>(el, '.document-subject')!);
    const body = await typeWhileSaving(el, inDialog<HTMLTextAreaElement>(el, '.document-body')!);
    release();
    await waitUntil(() => !dialog(el)?.open, 'the dialog to close');
    const made = (await adapter.timeline.all(contact!.id)).filter((e) => e.templateId === 'tpl-kennismaking');
    expect({ subject, body: body.fixed, same: body.after === body.before, made: made.map((e) => e.subject) }).to.deep.equal({
      subject: { before: subject.before, after: subject.before, fixed: true },
      body: true,
      same: true,
      made: [subject.before],
    });
  });

  it('create: the kind, title and description take no keys while Create runs', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact!.id);
    const release = hold(adapter.work!, 'create');
    await act(el, { action: 'create', kind: 'lead' });
    enter(inDialog<HTMLInputElement>(el, '.title-input')!, 'Leed folder');
    inDialog<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await el.updateComplete;
    const title = await typeWhileSaving(el, inDialog<HTMLInputElement>(el, '.title-input')!);
    const description = await typeWhileSaving(el, inDialog<HTMLTextAreaElement>(el, 'textarea')!);
    const kind = inDialog<HTMLSelectElement>(el, 'select')!.disabled;
    release();
    await waitUntil(() => !dialog(el)?.open, 'the dialog to close');
    const items = (await adapter.work!.listForContact(contact!.id, { includeArchived: true, limit: 100 })).items.filter((w) => w.title.endsWith('folder'));
    expect({ title, description: [description.fixed, description.after], kind, titles: items.map((w) => w.title) }).to.deep.equal({
      title: { before: 'Leed folder', after: 'Leed folder', fixed: true },
      description: [true, ''],
      kind: true,
      titles: ['Leed folder'],
    });
  });

  it('copy: the e-mail and phone take no keys while Copy runs', async () => {
    const { adapter, contact } = await world();
    const { el } = await copyDialogTo(adapter, contact!);
    const release = hold(adapter.contacts, 'copy');
    const copied = oneEvent(el, 'lift-contact-copied');
    [...dialog(el).querySelectorAll<HTMLButtonElement>('button.primary')].find((b) => b.textContent!.trim() === 'Copy')!.click();
    await el.updateComplete;
    const email = await typeWhileSaving(el, inDialog<HTMLInputElement>(el, 'input[inputmode="email"]')!);
    const phone = await typeWhileSaving(el, inDialog<HTMLInputElement>(el, 'input[type="tel"]')!);
    release();
    const { detail } = await copied;
    expect({ email, phone: phone.fixed, copyEmail: detail.copy.email ?? '' }).to.deep.equal({
      email: { before: email.before, after: email.before, fixed: true },
      phone: true,
      copyEmail: email.before,
    });
  });
});

describe('search without the see-archived right', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  it('offers no "Show archived" that could only fail', async () => {
    const adapter = presentOnly();
    await seedDemoData(adapter, { contacts: 3, entriesPerContact: 1 });
    const contact = (await adapter.contacts.list()).items[0]!;
    adapter.session.setUser(PRESENT);
    const el = await mountCard(adapter, contact.id);
    await act(el, { action: 'search' });
    await waitUntil(() => options(el).length > 0, 'the contacts listed');
    const offered = Boolean(inDialog(el, '.toggle input[type="checkbox"]'));
    // One who may see archived contacts is offered them.
    adapter.session.setUser({ id: 'u-admin', name: 'Admin', role: 'admin' });
    inDialog<HTMLButtonElement>(el, '.actions button')!.click();
    await act(el, { action: 'search' });
    expect({ offered, admin: Boolean(inDialog(el, '.toggle input[type="checkbox"]')) }).to.deep.equal({ offered: false, admin: true });
  });
});

describe('copy: a colleague changes the e-mail while the dialog is open', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  it('the untouched e-mail follows the change, and the copy gets the new one', async () => {
    const { adapter, contact } = await world();
    const { el } = await copyDialogTo(adapter, contact!);
    const emailField = dialog(el).querySelector<HTMLInputElement>('input[inputmode="email"]')!;
    const stored = await adapter.contacts.get(contact!.id);
    await adapter.contacts.update(contact!.id, stored.version, { email: 'nieuw.adres@voorbeeld.nl' });
    await waitUntil(() => el.shadowRoot!.textContent!.includes('nieuw.adres@voorbeeld.nl'), 'the card follows the change');
    await el.updateComplete;
    const shown = emailField.value;
    const copied = oneEvent(el, 'lift-contact-copied');
    [...dialog(el).querySelectorAll<HTMLButtonElement>('button.primary')].find((b) => b.textContent!.trim() === 'Copy')!.click();
    const { detail } = await copied;
    expect({ shown, copyEmail: detail.copy.email }).to.deep.equal({ shown: 'nieuw.adres@voorbeeld.nl', copyEmail: 'nieuw.adres@voorbeeld.nl' });
  });

  it('an e-mail the user typed is copied, whatever the colleague changed', async () => {
    const { adapter, contact } = await world();
    const { el } = await copyDialogTo(adapter, contact!);
    const emailField = dialog(el).querySelector<HTMLInputElement>('input[inputmode="email"]')!;
    enter(emailField, 'eigen.adres@voorbeeld.nl');
    const stored = await adapter.contacts.get(contact!.id);
    await adapter.contacts.update(contact!.id, stored.version, { email: 'nieuw.adres@voorbeeld.nl' });
    await waitUntil(() => el.shadowRoot!.textContent!.includes('nieuw.adres@voorbeeld.nl'), 'the card follows the change');
    await el.updateComplete;
    const shown = emailField.value;
    const copied = oneEvent(el, 'lift-contact-copied');
    [...dialog(el).querySelectorAll<HTMLButtonElement>('button.primary')].find((b) => b.textContent!.trim() === 'Copy')!.click();
    const { detail } = await copied;
    expect({ shown, copyEmail: detail.copy.email }).to.deep.equal({ shown: 'eigen.adres@voorbeeld.nl', copyEmail: 'eigen.adres@voorbeeld.nl' });
  });
});
