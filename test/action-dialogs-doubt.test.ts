import { expect } from '@open-wc/testing';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { Contact } from '../src/data/contract/model.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import type { IndexedDbAdapter } from '../src/data/adapters/indexeddb-adapter.js';
import '../src/lift-contact-card.js';
import { dropDatabases } from './db.js';
import { mountCard } from './harness.js';
import { waitUntil } from './helpers.js';
import { act, deepActive, dialog, enter, inDialog, world } from './dialog-helpers.js';

// The card's action dialogs when a create is in doubt (it landed, its answer was lost) and when
// the long text of a work item or document is more than the adapter takes.

/**
 * Gives `adapter` a `withRequestId` as an adapter over a network has: each request id is written
 * once and answered with that result after; the first answer is lost after its write landed.
 */
function losesFirstAnswer(adapter: IndexedDbAdapter) {
  const sent = new Map<string, Promise<unknown>>();
  let lose = true;
  (adapter as { withRequestId?: unknown }).withRequestId = async <T>(id: string, write: () => Promise<T>): Promise<T> => {
    const known = sent.get(id) as Promise<T> | undefined;
    if (known) return known;
    const made = write();
    sent.set(id, made);
    const value = await made;
    if (lose) {
      lose = false;
      throw new LiftDataError('unavailable', 'The answer was lost.');
    }
    return value;
  };
}

const workTitled = async (adapter: IndexedDbAdapter, contact: Contact, title: string) =>
  (await adapter.work!.listForContact(contact.id, { includeArchived: true, limit: 100 })).items.filter((w) => w.title === title);

const alertText = async (el: LiftContactCard) => {
  await waitUntil(() => inDialog(el, '[role="alert"]')?.textContent?.trim(), 'the dialog says what happened');
  return inDialog(el, '[role="alert"]')!.textContent!.trim();
};

describe('action dialogs: a create whose answer was lost', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  const said = {
    en: 'Not confirmed: the data cannot be reached. Try again unchanged: it is not made twice.',
    nl: 'Niet bevestigd: de gegevens zijn niet bereikbaar. Probeer het ongewijzigd opnieuw: het wordt niet dubbel gemaakt.',
  };
  for (const lang of ['en', 'nl'] as const) {
    it(`says the new lead is not confirmed, and trying again makes no second one (${lang})`, async () => {
      const { adapter, contact } = await world();
      losesFirstAnswer(adapter);
      const el = await mountCard(adapter, contact!.id, { lang });
      await act(el, { action: 'create', kind: 'lead' });
      enter(inDialog<HTMLInputElement>(el, '.title-input')!, 'Lost answer');
      inDialog<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
      const words = await alertText(el);
      const made = (await workTitled(adapter, contact!, 'Lost answer')).length;
      inDialog<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
      await waitUntil(() => !dialog(el)?.open, 'the dialog to close');
      expect({ words, made, after: (await workTitled(adapter, contact!, 'Lost answer')).length }).to.deep.equal({ words: said[lang], made: 1, after: 1 });
    });
  }

  it('says a new document is not confirmed, and trying again makes no second one', async () => {
    const { adapter, contact } = await world();
    losesFirstAnswer(adapter);
    const el = await mountCard(adapter, contact!.id);
    await act(el, { action: 'document', id: 'tpl-kennismaking' });
    const documents = async () => (await adapter.timeline.all(contact!.id)).filter((e) => e.templateId === 'tpl-kennismaking').length;
    const before = await documents();
    inDialog<HTMLButtonElement>(el, 'button.primary')!.click();
    const words = await alertText(el);
    inDialog<HTMLButtonElement>(el, 'button.primary')!.click();
    await waitUntil(() => !dialog(el)?.open, 'the dialog to close');
    expect({ words, made: (await documents()) - before }).to.deep.equal({ words: said.en, made: 1 });
  });
});

describe('action dialogs: text longer than the adapter takes', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  it('create: says at the description that it is too long, and makes nothing', async () => {
    const { adapter, contact } = await world();
    const el = await mountCard(adapter, contact!.id);
    await act(el, { action: 'create', kind: 'lead' });
    enter(inDialog<HTMLInputElement>(el, '.title-input')!, 'Long one');
    const description = inDialog<HTMLTextAreaElement>(el, 'textarea')!;
    enter(description as unknown as HTMLInputElement, 'x'.repeat(200_001));
    inDialog<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await el.updateComplete;
    const message = dialog(el).querySelector(`#${description.getAttribute('aria-describedby')}`)?.textContent?.trim();
    expect({
      invalid: description.getAttribute('aria-invalid'),
      title: inDialog(el, '.title-input')!.getAttribute('aria-invalid'),
      message,
      focused: deepActive(el) === description,
      alert: Boolean(inDialog(el, '[role="alert"]')),
      made: (await workTitled(adapter, contact!, 'Long one')).length,
    }).to.deep.equal({ invalid: 'true', title: 'false', message: 'At most 200,000 characters (200,001 now).', focused: true, alert: false, made: 0 });
  });

  it('document: says at the text that it is too long, and makes nothing', async () => {
    const { adapter, contact } = await world();
    const el = await mountCard(adapter, contact!.id, { lang: 'nl' });
    await act(el, { action: 'document', id: 'tpl-kennismaking' });
    const before = (await adapter.timeline.all(contact!.id)).length;
    const body = inDialog<HTMLTextAreaElement>(el, 'textarea.document-body')!;
    enter(body as unknown as HTMLInputElement, 'x'.repeat(200_001));
    inDialog<HTMLInputElement>(el, '.document-subject')!.focus();
    inDialog<HTMLButtonElement>(el, 'button.primary')!.click();
    await el.updateComplete;
    const message = dialog(el).querySelector(`#${body.getAttribute('aria-describedby')}`)?.textContent?.trim();
    expect({
      invalid: body.getAttribute('aria-invalid'),
      subject: inDialog(el, '.document-subject')!.getAttribute('aria-invalid'),
      message,
      focused: deepActive(el) === body,
      alert: Boolean(inDialog(el, '[role="alert"]')),
      made: (await adapter.timeline.all(contact!.id)).length - before,
    }).to.deep.equal({ invalid: 'true', subject: 'false', message: 'Maximaal 200.000 tekens (200.001 nu).', focused: true, alert: false, made: 0 });
  });
});

describe('action dialogs: a field refused is marked before focus reaches it', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  /** What a screen reader hears of `field` the moment it takes focus: whether it is wrong, and its words. */
  function saidAtFocus(el: LiftContactCard, field: HTMLElement) {
    let said: [string | null, string] | undefined;
    field.addEventListener('focus', () => (said = [field.getAttribute('aria-invalid'), dialog(el).querySelector(`#${field.getAttribute('aria-describedby')}`)?.textContent?.trim() ?? '']), { once: true });
    return () => said;
  }

  it('create: an empty title is wrong, with its words, when focus lands on it', async () => {
    const { adapter, contact } = await world();
    const el = await mountCard(adapter, contact!.id);
    await act(el, { action: 'create', kind: 'lead' });
    const title = inDialog<HTMLInputElement>(el, '.title-input')!;
    const said = saidAtFocus(el, title);
    inDialog<HTMLButtonElement>(el, 'button[type="submit"]')!.focus();
    inDialog<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await waitUntil(said, 'focus on the title');
    expect(said()).to.deep.equal(['true', 'Enter a title.']);
  });

  it('document: an emptied subject is wrong, with its words, when focus lands on it (nl)', async () => {
    const { adapter, contact } = await world();
    const el = await mountCard(adapter, contact!.id, { lang: 'nl' });
    await act(el, { action: 'document', id: 'tpl-kennismaking' });
    const subject = inDialog<HTMLInputElement>(el, '.document-subject')!;
    enter(subject, '');
    const said = saidAtFocus(el, subject);
    inDialog<HTMLButtonElement>(el, 'button.primary')!.focus();
    inDialog<HTMLButtonElement>(el, 'button.primary')!.click();
    await waitUntil(said, 'focus on the subject');
    expect(said()).to.deep.equal(['true', 'Vul een onderwerp in.']);
  });
});
