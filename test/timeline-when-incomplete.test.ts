import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import '../src/lift-contact-timeline.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { timelineOn } from './harness.js';
import { waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

afterEach(() => {
  localStorage.clear();
  return dropDatabases();
});

const form = (el: LiftContactTimeline) => el.shadowRoot!.querySelector<HTMLFormElement>('[part~="note-form"]');

describe('"Record activity" with a date typed in part', () => {
  it('says in the reader\'s language what is missing and saves nothing, until the date is whole', async () => {
    const adapter = freshIndexedDbAdapter();
    const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
    const el = await timelineOn(adapter, contact.id);
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Record activity')!.click();
    await waitUntil(() => form(el)?.querySelector('textarea'), 'the form');
    const typed = form(el)!;
    typed.querySelector('textarea')!.value = 'Called about the quote';
    typed.dispatchEvent(new Event('input', { bubbles: true }));
    const when = typed.querySelector<HTMLInputElement>('input[name="when"]')!;
    when.focus();
    // The first part of the date only: the field holds no value, as if left empty for "now".
    await sendKeys({ type: '03' });
    expect(when.validity.badInput, 'the engine holds a date typed in part').to.equal(true);
    typed.requestSubmit();
    const alert = () => form(el)?.querySelector('[role="alert"]')?.textContent?.trim();
    await waitUntil(() => alert(), 'the form says what is missing');
    expect(alert()).to.equal('Complete the date and time, or clear the field to record it as now.');
    expect(when.getAttribute('aria-invalid')).to.equal('true');
    expect(form(el)!.querySelector('textarea')!.value, 'the note stays in the form').to.equal('Called about the quote');
    expect(await adapter.timeline.count(contact.id), 'nothing saved as "now"').to.equal(0);
    // Whole again: the message goes, and the note is saved at the date given.
    when.value = '2026-03-04T10:30';
    when.dispatchEvent(new Event('input', { bubbles: true }));
    await el.updateComplete;
    expect(alert(), 'said no longer').to.equal(undefined);
    form(el)!.requestSubmit();
    await waitUntil(async () => (await adapter.timeline.count(contact.id)) === 1, 'saved');
    const [note] = await adapter.timeline.all(contact.id);
    expect(note!.occurredAt).to.equal(new Date('2026-03-04T10:30').toISOString());
  });
});
