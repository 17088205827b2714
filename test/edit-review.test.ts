import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { countDrafts } from '../src/contact-card/contact-draft.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { ContactDetails } from '../src/data/contract/model.js';
import type { LiftContactCopiedEvent, LiftContactSavedEvent } from '../src/events.js';
import '../src/lift-contact-card.js';
import { dropDatabases } from './db.js';
import { $, copyDialogTo, dialog, enter, inDialog, world } from './dialog-helpers.js';
import { withFaults } from './faults.js';
import { listen, mountCard } from './harness.js';
import { typeInto, waitUntil } from './helpers.js';

// The card's editing of personal details and the Copy dialog, as a review found them: an e-mail
// with a non-ASCII domain, a host's save() over the conflict dialog, a restored draft the record
// now holds, notes with Windows line breaks, and what the card says when their values all stay.

const field = (el: LiftContactCard, name: keyof ContactDetails) => $<HTMLInputElement>(el, `#field-${name}`)!;
const saveState = (el: LiftContactCard) => $(el, '[part="save-state"]')!.textContent!.trim();
const label = (el: LiftContactCard, name: keyof ContactDetails) => $(el, `label[for="field-${name}"]`)!.textContent!.replace(/\s+/g, ' ').trim();
const banners = (el: LiftContactCard) => [...el.shadowRoot!.querySelectorAll('[part~="banner"]')].map((b) => b.textContent!.replace(/\s+/g, ' ').trim()).join(' | ');
const saveButton = (el: LiftContactCard) => $<HTMLButtonElement>(el, '.form-actions button[type="submit"]')!;
const copyButton = (el: LiftContactCard) => [...dialog(el).querySelectorAll<HTMLButtonElement>('button.primary')].find((b) => b.textContent!.trim() === 'Copy')!;

/** Types `text` with real keys; WebKit's WebDriver drops a letter typed twice in a row, so such a pair goes in two commands. */
async function typeKeys(text: string): Promise<void> {
  const parts = [''];
  for (const char of text) {
    if (parts.at(-1)!.endsWith(char)) parts.push('');
    parts[parts.length - 1] += char;
  }
  for (const part of parts) await sendKeys({ type: part });
}

/** Saves the personal details with the form's Save and waits until they landed. */
async function saveForm(el: LiftContactCard): Promise<LiftContactSavedEvent> {
  const saved = oneEvent(el, 'lift-contact-saved') as Promise<LiftContactSavedEvent>;
  saveButton(el).click();
  const event = await saved;
  await el.updateComplete;
  return event;
}

/** A card whose feed is muted, with `jobTitle` typed while a colleague saved `theirs` there, after Save: the conflict dialog open. */
async function conflictOpen(lang = 'en') {
  const { adapter, contact } = await world();
  const faults = withFaults(adapter);
  faults.muteFeed();
  const el = await mountCard(faults.adapter, contact!.id, { lang });
  await typeInto(el, field(el, 'jobTitle'), 'Hoofd review');
  await adapter.contacts.update(contact!.id, contact!.version, { jobTitle: 'Teamleider review' });
  saveButton(el).click();
  await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.conflict')?.open && $(el, 'dialog.conflict fieldset'), 'the conflict dialog');
  await el.updateComplete;
  return { adapter, contact: contact!, faults, el };
}

describe('review: editing personal details and the Copy dialog', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  it('an e-mail address typed with a non-ASCII domain is shown and saved as typed', async () => {
    const { adapter, contact } = await world();
    const el = await mountCard(adapter, contact!.id);
    const email = field(el, 'email');
    email.focus();
    email.select();
    await typeKeys('anna@bücher.de');
    await el.updateComplete;
    await saveForm(el);
    expect({
      shown: field(el, 'email').value,
      stored: (await adapter.contacts.get(contact!.id)).email,
      keyboard: field(el, 'email').getAttribute('inputmode'),
    }).to.deep.equal({ shown: 'anna@bücher.de', stored: 'anna@bücher.de', keyboard: 'email' });
  });

  it('the Copy dialog copies an e-mail address with a non-ASCII domain as typed', async () => {
    const { adapter, contact } = await world();
    const { el } = await copyDialogTo(adapter, contact!);
    const email = inDialog<HTMLInputElement>(el, 'input[id$="-email"]')!;
    email.focus();
    email.select();
    await typeKeys('anna@bücher.de');
    await el.updateComplete;
    const copied = oneEvent(el, 'lift-contact-copied') as Promise<LiftContactCopiedEvent>;
    copyButton(el).click();
    const { detail } = await copied;
    expect({ keyboard: email.getAttribute('inputmode'), copy: (await adapter.contacts.get(detail.copyId)).email }).to.deep.equal({ keyboard: 'email', copy: 'anna@bücher.de' });
  });

  it("a host's save() while the conflict dialog is open sends nothing, keeps the dialog and the user's choice", async () => {
    const { adapter, contact, faults, el } = await conflictOpen();
    $<HTMLInputElement>(el, 'dialog.conflict input[value="mine"]')!.click();
    await el.updateComplete;
    const updates = () => faults.calls.filter((call) => call === 'contacts.update').length;
    const sent = updates();
    let conflicts = 0;
    el.addEventListener('lift-conflict', () => conflicts++);
    const answer = await el.save();
    await el.updateComplete;
    expect({
      answer,
      sent: updates() - sent,
      conflicts,
      open: $<HTMLDialogElement>(el, 'dialog.conflict')!.open,
      mine: $<HTMLInputElement>(el, 'dialog.conflict input[value="mine"]')!.checked,
      saveChoices: $<HTMLButtonElement>(el, 'dialog.conflict button[type="submit"]')!.disabled,
    }).to.deep.equal({ answer: false, sent: 0, conflicts: 0, open: true, mine: true, saveChoices: false });
    // The dialog's Save choices saves.
    const saved = oneEvent(el, 'lift-contact-saved');
    $<HTMLButtonElement>(el, 'dialog.conflict button[type="submit"]')!.click();
    await saved;
    expect((await adapter.contacts.get(contact.id)).jobTitle).to.equal('Hoofd review');
  });

  it('Copy with a wrong e-mail marks the field wrong, with its words, before focus goes to it', async () => {
    const { adapter, contact } = await world();
    const { el } = await copyDialogTo(adapter, contact!);
    const email = inDialog<HTMLInputElement>(el, 'input[id$="-email"]')!;
    enter(email, 'anna@');
    copyButton(el).focus();
    let atFocus: [string | null, string] | undefined;
    email.addEventListener('focus', () => (atFocus = [email.getAttribute('aria-invalid'), dialog(el).querySelector(`#${email.getAttribute('aria-describedby')}`)!.textContent!.trim()]), { once: true });
    copyButton(el).click();
    await waitUntil(() => atFocus, 'focus on the e-mail');
    expect(atFocus).to.deep.equal(['true', 'This is not a valid e-mail address, for example name@company.com.']);
  });

  it('a restored draft whose edit a colleague has saved since comes back without it, and the store forgets it', async () => {
    const { adapter, contact } = await world();
    const first = await mountCard(adapter, contact!.id);
    await typeInto(first, field(first, 'jobTitle'), 'Hoofd review');
    first.remove();
    await adapter.contacts.update(contact!.id, contact!.version, { jobTitle: 'Hoofd review' });
    const el = await mountCard(adapter, contact!.id);
    expect({ banners: banners(el), label: label(el, 'jobTitle'), value: field(el, 'jobTitle').value, dirty: el.dirty, state: saveState(el), kept: countDrafts() }).to.deep.equal({
      banners: '',
      label: 'Job title',
      value: 'Hoofd review',
      dirty: false,
      state: '',
      kept: 0,
    });
  });

  it('a restored draft keeps only the edits the record does not hold yet, and saves them without asking', async () => {
    const { adapter, contact } = await world();
    const first = await mountCard(adapter, contact!.id);
    await typeInto(first, field(first, 'jobTitle'), 'Hoofd review');
    await typeInto(first, field(first, 'department'), 'Afdeling review');
    first.remove();
    await adapter.contacts.update(contact!.id, contact!.version, { jobTitle: 'Hoofd review' });
    const el = await mountCard(adapter, contact!.id);
    const kept = JSON.parse(localStorage.getItem(localStorage.key(0)!)!) as { edits: Record<string, string> };
    expect({
      restored: banners(el).includes('were restored'),
      labels: [label(el, 'jobTitle'), label(el, 'department')],
      values: [field(el, 'jobTitle').value, field(el, 'department').value],
      state: saveState(el),
      kept: kept.edits,
    }).to.deep.equal({
      restored: true,
      labels: ['Job title', 'Department (changed)'],
      values: ['Hoofd review', 'Afdeling review'],
      state: '1 change not saved',
      kept: { department: 'Afdeling review' },
    });
    const { detail } = await saveForm(el);
    expect({ fields: detail.fields, conflict: Boolean($<HTMLDialogElement>(el, 'dialog.conflict')?.open), drafts: countDrafts() }).to.deep.equal({ fields: ['department'], conflict: false, drafts: 0 });
  });

  it('notes stored with Windows line breaks: a letter typed and deleted again leaves nothing to save, and the caret where it was', async () => {
    const { adapter, contact } = await world();
    await adapter.contacts.update(contact!.id, contact!.version, { notes: 'Eerste regel\r\nTweede regel' });
    const el = await mountCard(adapter, contact!.id);
    const notes = $<HTMLTextAreaElement>(el, '#field-notes')!;
    notes.focus();
    notes.setSelectionRange(6, 6);
    await sendKeys({ type: 'x' });
    await el.updateComplete;
    expect(saveState(el), 'a real change').to.equal('1 change not saved');
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect({ dirty: el.dirty, state: saveState(el), label: label(el, 'notes'), caret: notes.selectionStart }).to.deep.equal({ dirty: false, state: '', label: 'Notes', caret: 6 });
    // A real change still saves.
    await sendKeys({ type: 'y' });
    await el.updateComplete;
    await saveForm(el);
    expect((await adapter.contacts.get(contact!.id)).notes).to.equal('Eerstey regel\nTweede regel');
  });

  it('notes a colleague saved as typed here, only with Windows line breaks, are saved without asking', async () => {
    const { adapter, contact } = await world();
    const faults = withFaults(adapter);
    faults.muteFeed();
    const el = await mountCard(faults.adapter, contact!.id);
    await typeInto(el, $<HTMLTextAreaElement>(el, '#field-notes')!, 'Eerste regel\nTweede regel');
    await adapter.contacts.update(contact!.id, contact!.version, { notes: 'Eerste regel\r\nTweede regel' });
    saveButton(el).click();
    await waitUntil(() => !el.dirty || $<HTMLDialogElement>(el, 'dialog.conflict')?.open, 'saved, or asked');
    await el.updateComplete;
    expect({ asked: Boolean($<HTMLDialogElement>(el, 'dialog.conflict')?.open), dirty: el.dirty, state: saveState(el).startsWith('Saved at') }).to.deep.equal({ asked: false, dirty: false, state: true });
  });

  for (const [lang, words] of [
    ['en', 'Their values are kept; nothing is left to save.'],
    ['nl', 'Hun waarden blijven; er is niets meer op te slaan.'],
  ] as const) {
    it(`Save choices with their value for every field says theirs stay and nothing is left to save (${lang})`, async () => {
      const { adapter, contact, el } = await conflictOpen(lang);
      const heard = listen(el);
      $<HTMLInputElement>(el, 'dialog.conflict input[value="theirs"]')!.click();
      await el.updateComplete;
      $<HTMLButtonElement>(el, 'dialog.conflict button[type="submit"]')!.click();
      await waitUntil(() => !$<HTMLDialogElement>(el, 'dialog.conflict')?.open, 'the dialog closed');
      await waitUntil(() => heard.length, 'something said');
      await el.updateComplete;
      expect({ heard, state: saveState(el), value: field(el, 'jobTitle').value, dirty: el.dirty, stored: (await adapter.contacts.get(contact.id)).jobTitle }).to.deep.equal({
        heard: [words],
        state: words,
        value: 'Teamleider review',
        dirty: false,
        stored: 'Teamleider review',
      });
    });
  }
});
