import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { registerStrings } from '../src/i18n/localize.js';
import '../src/lift-contact-card.js';
import '../src/lift-contact-timeline.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import { LIMITS } from '../src/data/contract/validation.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { withFaults } from './faults.js';
import { mountCard, timelineOn } from './harness.js';
import { oneContact } from './worlds.js';

// Recording a call, a meeting or an e-mail from the overview (not only a note), and the author
// correcting or deleting what they recorded, within the rights.

const SANNE = { id: 'u-sanne', name: 'Sanne de Boer', role: 'admin' };
const KIM = { id: 'u-kim', name: 'Kim Jansen', role: 'admin' };

async function world() {
  const adapter = freshIndexedDbAdapter();
  adapter.session.setUser(SANNE);
  const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
  return { adapter, contact };
}

const root = (el: Element) => el.shadowRoot!;
const subjects = (el: LiftContactTimeline) => [...root(el).querySelectorAll('article .subject')].map((s) => s.textContent!.trim());
const button = (scope: ParentNode, label: string) => [...scope.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === label);

// Each test works on a database of its own, removed afterwards.
afterEach(() => {
  localStorage.clear();
  return dropDatabases();
});

describe('recording activity from the overview', () => {
  it('records a call with its kind and the time it happened, with the keyboard', async () => {
    const { adapter, contact } = await world();
    const el = await timelineOn(adapter, contact.id);
    button(root(el), 'Record activity')!.click();
    await el.updateComplete;
    const form = root(el).querySelector<HTMLFormElement>('[part~="note-form"]')!;
    const kind = form.querySelector<HTMLSelectElement>('select[name="kind"]')!;
    expect([...kind.options].map((o) => o.textContent)).to.deep.equal(['Note', 'Call', 'Meeting', 'E-mail', 'Task']);
    expect(kind.labels![0]!.textContent).to.include('Kind');
    kind.focus();
    // Arrow Down in a closed select picks the next option in every engine but WebKit on macOS;
    // the value is set as a user's choice would set it.
    kind.value = 'call';
    kind.dispatchEvent(new Event('change', { bubbles: true }));
    const when = form.querySelector<HTMLInputElement>('[name="when"]')!;
    when.value = '2026-11-20T14:30';
    when.dispatchEvent(new Event('input', { bubbles: true }));
    // Typed text is set as a value, with the input event typing sends: WebKitGTK's synthetic
    // typing drops spaces and repeated letters.
    const subject = form.querySelector<HTMLInputElement>('[name="subject"]')!;
    subject.value = 'Gebeld over de offerte';
    subject.dispatchEvent(new Event('input', { bubbles: true }));
    subject.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => subjects(el).includes('Gebeld over de offerte'), 'the call in the overview');
    const [call] = await adapter.timeline.all(contact.id);
    expect([call!.kind, call!.occurredAt, call!.author]).to.deep.equal(['call', new Date(2026, 10, 20, 14, 30).toISOString(), 'Sanne de Boer']);
    expect(root(el).querySelector('article')!.textContent).to.include('Call');
    await expect(el).to.be.accessible();
  });

  it('gives focus to "Record activity" after Try again and Discard of a note whose save failed, not to the page', async () => {
    const { adapter, contact } = await world();
    const faults = withFaults(adapter);
    const el = await timelineOn(faults.adapter, contact.id);
    faults.fail('timeline.add', new LiftDataError('unavailable', 'The server is away.'), { times: 2 });
    button(root(el), 'Record activity')!.click();
    await waitUntil(() => root(el).querySelector('[part~="note-form"] textarea'), 'the form');
    root(el).querySelector('textarea')!.value = 'Voor Julia';
    root(el).querySelector<HTMLFormElement>('[part~="note-form"]')!.requestSubmit();
    const failed = () => root(el).querySelector('[part~="pending"][data-state="failed"]');
    const press = async (label: string) => {
      await waitUntil(failed, 'the failure with its buttons');
      button(failed()!, label)!.focus();
      await sendKeys({ press: 'Enter' });
    };
    const onRecord = (after: string) => waitUntil(() => root(el).activeElement === button(root(el), 'Record activity'), `focus on "Record activity" after ${after}`);
    await press('Try again');
    await onRecord('Try again');
    await press('Discard');
    await waitUntil(() => !root(el).querySelector('[part~="pending"]'), 'the note discarded');
    await onRecord('Discard');
  });

  it('shows an activity whose save failed in the correspondence only when it is correspondence, and keeps focus in the view after Try again and Discard there or read-only', async () => {
    const { adapter, contact } = await world();
    const faults = withFaults(adapter);
    const overview = await timelineOn(faults.adapter, contact.id);
    const record = async (kind: string, text: string) => {
      faults.fail('timeline.add', new LiftDataError('unavailable', 'The server is away.'));
      button(root(overview), 'Record activity')!.click();
      await waitUntil(() => root(overview).querySelector('[part~="note-form"] textarea'), 'the form');
      const form = root(overview).querySelector<HTMLFormElement>('[part~="note-form"]')!;
      form.querySelector<HTMLSelectElement>('select[name="kind"]')!.value = kind;
      form.querySelector('textarea')!.value = text;
      form.querySelector('textarea')!.dispatchEvent(new Event('input', { bubbles: true }));
      form.requestSubmit();
      await waitUntil(() => [...root(overview).querySelectorAll('[part~="pending"][data-state="failed"]')].some((p) => p.textContent!.includes(text)), `the failed ${kind}`);
    };
    await record('note', 'Nagebeld');
    await record('email', 'Offerte gemaild');
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en">
      <lift-contact-timeline scope="correspondence" contact-id=${contact.id} .adapter=${faults.adapter}></lift-contact-timeline>
      <lift-contact-timeline read-only contact-id=${contact.id} .adapter=${faults.adapter}></lift-contact-timeline>
    </div>`);
    const [correspondence, readOnly] = [...wrapper.querySelectorAll<LiftContactTimeline>('lift-contact-timeline')] as [LiftContactTimeline, LiftContactTimeline];
    await Promise.all([correspondence.loaded, readOnly.loaded]);
    const pending = (el: LiftContactTimeline) => [...root(el).querySelectorAll('[part~="pending"]')].map((p) => p.querySelector('.pre')!.textContent!.trim());
    await waitUntil(() => pending(correspondence).length && pending(readOnly).length === 2, 'the failed activities');
    expect(pending(correspondence), 'only the e-mail is correspondence').to.deep.equal(['Offerte gemaild']);
    for (const [el, label] of [[correspondence, 'Try again'], [readOnly, 'Discard']] as const) {
      faults.fail('timeline.add', new LiftDataError('unavailable', 'The server is away.'));
      const failed = () => [...root(el).querySelectorAll('[part~="pending"][data-state="failed"]')].find((p) => p.textContent!.includes('Offerte gemaild'));
      await waitUntil(failed, 'the failure with its buttons');
      button(failed()!, label)!.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      await waitUntil(() => root(el).activeElement, `focus in the ${el.scope === 'correspondence' ? 'correspondence' : 'read-only overview'} after ${label} (on ${document.activeElement?.localName})`);
    }
  });

  it('keeps the form open with what it says when a date is out of range, and says so by the field', async () => {
    const { adapter, contact } = await world();
    const el = await timelineOn(adapter, contact.id);
    button(root(el), 'Record activity')!.click();
    await el.updateComplete;
    const form = root(el).querySelector<HTMLFormElement>('[part~="note-form"]')!;
    const type = (name: string, value: string) => {
      const field = form.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    };
    type('when', '2999-01-01T10:00');
    type('subject', 'Afspraak ver weg');
    form.requestSubmit();
    await el.updateComplete;
    const shown = root(el).querySelector<HTMLFormElement>('[part~="note-form"]')!;
    expect(shown.querySelector('[role="alert"]')!.textContent).to.equal('Choose a date between 1900 and a year from today.');
    expect(shown.querySelector('[name="when"]')!.getAttribute('aria-invalid')).to.equal('true');
    expect(shown.querySelector<HTMLInputElement>('[name="subject"]')!.value, 'what was typed stays').to.equal('Afspraak ver weg');
    expect(root(el).querySelector('[part~="pending"]'), 'nothing sent').to.equal(null);
    expect(await adapter.timeline.count(contact.id)).to.equal(0);
  });

  it('gives focus back to "Record activity" after Save, Cancel and Escape', async () => {
    const { adapter, contact } = await world();
    const el = await timelineOn(adapter, contact.id);
    const open = async () => {
      button(root(el), 'Record activity')!.click();
      await el.updateComplete;
      return root(el).querySelector<HTMLFormElement>('[part~="note-form"]')!;
    };
    const onRecord = () => waitUntil(() => root(el).activeElement === button(root(el), 'Record activity'), 'focus on "Record activity"');
    let form = await open();
    form.querySelector('textarea')!.value = 'Kort gebeld';
    form.requestSubmit();
    await onRecord();
    form = await open();
    button(form, 'Cancel')!.click();
    await onRecord();
    form = await open();
    form.querySelector('textarea')!.focus();
    await sendKeys({ press: 'Escape' });
    await onRecord();
    expect(root(el).querySelector('[part~="note-form"]'), 'Escape closed the form').to.equal(null);
    await waitUntil(async () => (await adapter.timeline.count(contact.id)) === 1, 'the one note saved');
  });

  it('closes with Escape and keeps what was typed: "Record activity" opens it again with it; Cancel drops it', async () => {
    const { adapter, contact } = await world();
    const el = await timelineOn(adapter, contact.id);
    const record = () => button(root(el), 'Record activity')!;
    const form = () => root(el).querySelector<HTMLFormElement>('[part~="note-form"]');
    record().click();
    await el.updateComplete;
    const typed = { subject: 'Levering', body: 'Klant belde: levering uitstellen tot week 12' };
    for (const [name, value] of Object.entries(typed)) {
      const field = form()!.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    }
    form()!.querySelector('textarea')!.focus();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => root(el).activeElement === record(), 'focus on "Record activity"');
    expect(form(), 'Escape closed the form').to.equal(null);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(form()!.querySelector<HTMLInputElement>('[name="subject"]')!.value).to.equal(typed.subject);
    expect(form()!.querySelector('textarea')!.value, 'what was typed is there again').to.equal(typed.body);
    button(form()!, 'Cancel')!.click();
    await el.updateComplete;
    record().click();
    await el.updateComplete;
    expect(form()!.querySelector('textarea')!.value, 'Cancel dropped it').to.equal('');
    expect(await adapter.timeline.count(contact.id), 'nothing saved').to.equal(0);
  });

  it('keeps a half-written activity through a reload, for its user: "Record activity" opens it again; Cancel forgets it', async () => {
    const { adapter, contact } = await world();
    const databaseName = adapter.databaseName;
    const form = (el: LiftContactTimeline) => root(el).querySelector<HTMLFormElement>('[part~="note-form"]');
    const open = async (el: LiftContactTimeline) => {
      button(root(el), 'Record activity')!.click();
      await waitUntil(() => form(el)?.querySelector('textarea'), 'the form');
      return form(el)!;
    };
    let el = await timelineOn(adapter, contact.id);
    const typed = await open(el);
    for (const [name, value] of Object.entries({ subject: 'Levering', body: 'Klant belde: levering uitstellen tot week 12' })) {
      const field = typed.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    }
    // A reload: a new page has a new adapter on the same database, and nothing in memory.
    el.remove();
    const reloaded = freshIndexedDbAdapter({ databaseName });
    reloaded.session.setUser(SANNE);
    el = await timelineOn(reloaded, contact.id);
    const again = await open(el);
    expect(again.querySelector<HTMLInputElement>('[name="subject"]')!.value).to.equal('Levering');
    expect(again.querySelector('textarea')!.value, 'kept through the reload').to.equal('Klant belde: levering uitstellen tot week 12');
    el.remove();
    reloaded.session.setUser(KIM);
    el = await timelineOn(reloaded, contact.id);
    expect((await open(el)).querySelector('textarea')!.value, 'not for another user').to.equal('');
    button(form(el)!, 'Cancel')!.click();
    el.remove();
    reloaded.session.setUser(SANNE);
    el = await timelineOn(reloaded, contact.id);
    // Her form is open still, as she left it on this page.
    await waitUntil(() => form(el)?.querySelector('textarea')?.value === 'Klant belde: levering uitstellen tot week 12', 'her form, open');
    button(form(el)!, 'Cancel')!.click();
    el.remove();
    const third = freshIndexedDbAdapter({ databaseName });
    third.session.setUser(SANNE);
    el = await timelineOn(third, contact.id);
    expect((await open(el)).querySelector('textarea')!.value, 'Cancel forgot it').to.equal('');
  });

  /** Helpers for the tests that reload: a new adapter on the same database, as a new page has. */
  function reloading(databaseName: string, contactId: string) {
    const form = (el: LiftContactTimeline) => root(el).querySelector<HTMLFormElement>('[part~="note-form"]');
    const open = async (el: LiftContactTimeline) => {
      button(root(el), 'Record activity')!.click();
      await waitUntil(() => form(el)?.querySelector('textarea'), 'the form');
      return form(el)!;
    };
    const write = async (el: LiftContactTimeline, text: string) => {
      const typed = await open(el);
      typed.querySelector('textarea')!.value = text;
      typed.dispatchEvent(new Event('input', { bubbles: true }));
      return typed;
    };
    const reload = async (user = SANNE) => {
      const next = freshIndexedDbAdapter({ databaseName });
      next.session.setUser(user);
      return timelineOn(next, contactId);
    };
    const pending = (el: LiftContactTimeline) => [...root(el).querySelectorAll('[part~="pending"]')].map((note) => note.textContent!.replace(/\s+/g, ' ').trim());
    /** `text` saved on a page whose saves fail: it shows there as failed. */
    const failed = async (adapter: LiftAdapter, text: string) => {
      const faults = withFaults(adapter);
      const el = await timelineOn(faults.adapter, contactId);
      faults.fail('timeline.add', new LiftDataError('unavailable', 'The server is down.'), { times: Infinity });
      (await write(el, text)).requestSubmit();
      await waitUntil(() => root(el).querySelector('[part~="pending"][data-state="failed"]'), 'the failed save');
      return el;
    };
    return { form, open, write, reload, pending, failed };
  }

  it('keeps an activity whose save failed through a reload, with a retry, and forgets it once it is saved', async () => {
    const { adapter, contact } = await world();
    const { open, reload, pending, failed } = reloading(adapter.databaseName, contact.id);
    let el = await failed(adapter, 'Offerte besproken');
    el.remove();
    el = await reload();
    await waitUntil(() => pending(el).length === 1, 'the note back after the reload');
    expect(pending(el)[0]).to.include('Offerte besproken').and.include('Perhaps not saved before the page closed.');
    expect((await open(el)).querySelector('textarea')!.value, 'the form is free for another').to.equal('');
    button(root(el).querySelector('[part~="pending"]')!, 'Try again')!.click();
    await waitUntil(() => subjects(el).length === 1 && !pending(el).length, 'saved');
    el.remove();
    el = await reload();
    expect(pending(el), 'forgotten once saved').to.deep.equal([]);
    expect(await adapter.timeline.count(contact.id)).to.equal(1);
  });

  it('keeps a note whose save failed through a reload when another one was begun and cancelled meanwhile', async () => {
    const { adapter, contact } = await world();
    const { write, reload, pending, form, failed } = reloading(adapter.databaseName, contact.id);
    let el = await failed(adapter, 'Offerte besproken');
    // Another note begun, then cancelled: the failed one does not go with it.
    await write(el, 'Nog iets');
    button(form(el)!, 'Cancel')!.click();
    el.remove();
    el = await reload();
    await waitUntil(() => pending(el).length === 1, 'the failed note after the reload');
    expect(pending(el)[0]).to.include('Offerte besproken');
    // Discard forgets it, through the next reload too.
    button(root(el).querySelector('[part~="pending"]')!, 'Discard')!.click();
    await waitUntil(() => !pending(el).length, 'discarded');
    el.remove();
    el = await reload();
    expect(pending(el)).to.deep.equal([]);
    expect(await adapter.timeline.count(contact.id)).to.equal(0);
  });

  it('forgets a saved note as soon as it is saved, for the user who wrote it, whoever uses the page by then', async () => {
    const { adapter, contact } = await world();
    const { open, write, reload, pending } = reloading(adapter.databaseName, contact.id);
    const faults = withFaults(adapter);
    let el = await timelineOn(faults.adapter, contact.id);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const add = faults.adapter.timeline.add.bind(faults.adapter.timeline);
    faults.adapter.timeline.add = (entry) => gate.then(() => add(entry));
    (await write(el, 'Offerte besproken')).requestSubmit();
    await waitUntil(() => pending(el).length === 1, 'saving');
    // Kim takes over the page while it is on its way, and the list is slow to read it back.
    faults.adapter.session.setUser(KIM);
    faults.hang('timeline.query');
    release();
    await waitUntil(async () => (await adapter.timeline.count(contact.id)) === 1, 'saved');
    el.remove();
    el = await reload();
    await el.updateComplete;
    expect(pending(el), 'not offered again to her after a reload').to.deep.equal([]);
    expect((await open(el)).querySelector('textarea')!.value, 'nor in her form').to.equal('');
  });

  it('offers the kinds in Dutch, and records "now" when no time is given', async () => {
    const { adapter, contact } = await world();
    const el = await timelineOn(adapter, contact.id, 'nl');
    button(root(el), 'Activiteit vastleggen')!.click();
    await el.updateComplete;
    const form = root(el).querySelector<HTMLFormElement>('[part~="note-form"]')!;
    expect([...form.querySelectorAll('option')].map((o) => o.textContent)).to.deep.equal(['Notitie', 'Telefoongesprek', 'Afspraak', 'E-mail', 'Taak']);
    expect(form.textContent).to.include('Wanneer (leeg: nu)');
    form.querySelector<HTMLSelectElement>('select')!.value = 'meeting';
    form.querySelector<HTMLTextAreaElement>('textarea')!.value = 'Kennismaking op kantoor';
    const before = Date.now();
    form.requestSubmit();
    await waitUntil(async () => (await adapter.timeline.count(contact.id)) === 1, 'the meeting stored');
    const [meeting] = await adapter.timeline.all(contact.id);
    expect(meeting!.kind).to.equal('meeting');
    expect(Date.parse(meeting!.occurredAt)).to.be.at.least(before - 1000);
  });

  it('shows a correction or a deletion made elsewhere in place', async () => {
    const { adapter, contact } = await world();
    const note = await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eerste versie', body: '' });
    await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Blijft staan', body: '' });
    const el = await timelineOn(adapter, contact.id);
    expect(subjects(el)).to.deep.equal(['Blijft staan', 'Eerste versie']);
    await adapter.timeline.update(note.id, { subject: 'Verbeterde versie' });
    await waitUntil(() => subjects(el).includes('Verbeterde versie'), 'the correction');
    expect(subjects(el)).to.deep.equal(['Blijft staan', 'Verbeterde versie']);
    await adapter.timeline.remove(note.id);
    await waitUntil(() => subjects(el).length === 1, 'the deletion');
    expect(el.resultCount).to.equal(1);
  });
});

describe('what is written in the overview and not saved yet, on the card', () => {
  const timelineIn = async (card: LiftContactCard) => {
    await customElements.whenDefined('lift-contact-timeline');
    await waitUntil(() => card.shadowRoot!.querySelector('lift-contact-timeline'), 'the overview');
    const timeline = card.shadowRoot!.querySelector<LiftContactTimeline>('lift-contact-timeline')!;
    await timeline.loaded;
    return timeline;
  };
  const tab = async (card: LiftContactCard, name: string) => {
    card.shadowRoot!.querySelector<HTMLElement>(`#tab-${name}`)!.click();
    await card.updateComplete;
  };

  it('keeps a half-written activity, and one whose save failed, while the card shows another tab or contact', async () => {
    const { adapter, contact } = await world();
    const other = await adapter.contacts.create({ relationId: contact.relationId, firstName: 'Mila', lastName: 'Smit' });
    const card = await mountCard(adapter, contact.id, { tab: 'overview', selection: `${contact.id} ${other.id}` });
    let timeline = await timelineIn(card);
    button(root(timeline), 'Record activity')!.click();
    await waitUntil(() => root(timeline).querySelector('[part~="note-form"] textarea'), 'the form');
    const textarea = root(timeline).querySelector('textarea')!;
    textarea.value = 'Belde terug over de offerte, wil maandag een voorstel';
    textarea.dispatchEvent(new Event('input', { bubbles: true }));

    await tab(card, 'projects');
    await tab(card, 'overview');
    timeline = await timelineIn(card);
    await waitUntil(() => root(timeline).querySelector('[part~="note-form"] textarea'), 'the form again');
    expect(root(timeline).querySelector('textarea')!.value).to.equal('Belde terug over de offerte, wil maandag een voorstel');

    card.contactId = other.id;
    await card.loaded;
    timeline = await timelineIn(card);
    expect(root(timeline).querySelector('[part~="note-form"]'), "another contact's overview has no form open").to.equal(null);
    card.contactId = contact.id;
    await card.loaded;
    timeline = await timelineIn(card);
    await waitUntil(() => root(timeline).querySelector('[part~="note-form"] textarea'), 'the form of the first contact');
    expect(root(timeline).querySelector('textarea')!.value).to.equal('Belde terug over de offerte, wil maandag een voorstel');

    // A note whose save fails stays through a change of tab too, with its retry.
    const add = adapter.timeline.add;
    adapter.timeline.add = () => Promise.reject(new Error('disk'));
    try {
      root(timeline).querySelector<HTMLFormElement>('[part~="note-form"]')!.requestSubmit();
      await waitUntil(() => root(timeline).querySelector('[part~="pending"][data-state="failed"]'), 'the failure');
    } finally {
      adapter.timeline.add = add;
    }
    await tab(card, 'projects');
    await tab(card, 'overview');
    timeline = await timelineIn(card);
    await waitUntil(() => root(timeline).querySelector('[part~="pending"][data-state="failed"]'), 'the failed note again');
    button(root(timeline).querySelector('[part~="pending"]')!, 'Try again')!.click();
    await waitUntil(() => subjects(timeline).length === 1 && !root(timeline).querySelector('[part~="pending"]'), 'saved on the retry');
    expect((await adapter.timeline.all(contact.id))[0]!.body).to.equal('Belde terug over de offerte, wil maandag een voorstel');
  });

  it('records each contact’s half-written activity with the kind chosen for it, after going back and forth between them', async () => {
    const { adapter, contact } = await world();
    const other = await adapter.contacts.create({ relationId: contact.relationId, firstName: 'Mila', lastName: 'Smit' });
    const el = await timelineOn(adapter, contact.id);
    const kind = () => root(el).querySelector<HTMLSelectElement>('[part~="note-form"] select[name="kind"]')!;
    const open = async (chosen: string) => {
      button(root(el), 'Record activity')!.click();
      await waitUntil(() => root(el).querySelector('[part~="note-form"]'), 'the form');
      kind().value = chosen;
      kind().dispatchEvent(new Event('change', { bubbles: true }));
    };
    const show = async (id: string) => {
      el.contactId = id;
      await el.loaded;
      await el.updateComplete;
    };
    await open('call');
    await show(other.id);
    await open('meeting');
    await show(contact.id);
    expect(kind().value, "the first contact's choice").to.equal('call');
    await show(other.id);
    expect(kind().value, "the other contact's choice").to.equal('meeting');
    root(el).querySelector('textarea')!.value = 'Overleg op kantoor';
    root(el).querySelector<HTMLFormElement>('[part~="note-form"]')!.requestSubmit();
    await waitUntil(async () => (await adapter.timeline.all(other.id)).length === 1, 'saved');
    expect((await adapter.timeline.all(other.id))[0]!.kind).to.equal('meeting');
  });
});

describe('what is written in the overview, for its user', () => {
  it('shows a half-written activity to the user who wrote it, not to another on the same adapter', async () => {
    const { adapter, contact } = await world();
    let el = await timelineOn(adapter, contact.id);
    button(root(el), 'Record activity')!.click();
    await waitUntil(() => root(el).querySelector('[part~="note-form"] textarea'), 'the form');
    const textarea = root(el).querySelector('textarea')!;
    textarea.value = 'Van Sanne';
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
    el.remove();
    adapter.session.setUser(KIM);
    el = await timelineOn(adapter, contact.id);
    await el.updateComplete;
    expect(root(el).querySelector('[part~="note-form"]'), 'not for Kim').to.equal(null);
    el.remove();
    adapter.session.setUser(SANNE);
    el = await timelineOn(adapter, contact.id);
    await waitUntil(() => root(el).querySelector('[part~="note-form"] textarea'), "Sanne's form again");
    expect(root(el).querySelector('textarea')!.value).to.equal('Van Sanne');
  });
});

describe('correcting and deleting one’s own entries on the card', () => {
  const detail = (card: LiftContactCard) => card.shadowRoot!.querySelector<HTMLElement>('[part~="detail-panel"]')!;

  async function showEntry(card: LiftContactCard, subject: string) {
    await customElements.whenDefined('lift-contact-timeline');
    const timeline = card.shadowRoot!.querySelector<LiftContactTimeline>('lift-contact-timeline')!;
    await timeline.loaded;
    await waitUntil(() => subjects(timeline).includes(subject), `${subject} in the overview`);
    [...root(timeline).querySelectorAll<HTMLElement>('article')].find((a) => a.textContent!.includes(subject))!.click();
    await waitUntil(() => detail(card)?.textContent!.includes(subject), 'the entry in the detail');
    await card.updateComplete;
  }

  /** Edit, and (with `subject`) that subject sent: without, the form opens to be read first. */
  async function correct(card: LiftContactCard, subject?: string) {
    button(detail(card), 'Edit')!.click();
    await card.updateComplete;
    if (subject === undefined) return;
    detail(card).querySelector<HTMLInputElement>('form.entry-edit input[name="subject"]')!.value = subject;
    detail(card).querySelector<HTMLFormElement>('form.entry-edit')!.requestSubmit();
  }

  it('keeps keyboard focus on Save, and on Delete, when the correction or the deletion is refused', async () => {
    const { adapter, contact } = await world();
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eerste versie', body: 'Tekst' });
    const faults = withFaults(adapter);
    const card = await mountCard(faults.adapter, contact.id, { tab: 'overview', detailTabs: 'personal item' });
    await showEntry(card, 'Eerste versie');
    // The refusal comes once the button shows the write under way, as a backend's would.
    const busy = (label: string) => waitUntil(() => button(detail(card), label)?.disabled, `${label} under way`, { timeout: 8000 });
    const keptOn = (label: string) => waitUntil(() => card.shadowRoot!.activeElement === button(detail(card), label), `focus on ${label} after the refusal (on ${document.activeElement?.localName})`);
    await correct(card);
    faults.fail('timeline.update', new LiftDataError('unavailable', 'down'), { after: busy('Save') });
    button(detail(card), 'Save')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => detail(card).querySelector('[part~="error"]'), 'the refused correction');
    await keptOn('Save');
    button(detail(card), 'Cancel')!.click();
    await waitUntil(() => button(detail(card), 'Delete'), 'the entry again');
    faults.fail('timeline.remove', new LiftDataError('unavailable', 'down'), { after: busy('Delete') });
    button(detail(card), 'Delete')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => card.shadowRoot!.querySelector('dialog.ask[open]'), 'the question');
    card.shadowRoot!.querySelector<HTMLButtonElement>('dialog.ask button[value="remove"]')!.click();
    await waitUntil(() => detail(card).querySelector('[part~="error"]'), 'the refused deletion');
    await keptOn('Delete');
  });

  it('heads an entry without a subject with its kind, and asks about it by the start of its text, on one line', async () => {
    const { adapter, contact } = await world();
    const body = 'Gebeld met de drukker over de planning van de najaarsfolder\nen de levering van het papier.';
    await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: '', body });
    const card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item' });
    await customElements.whenDefined('lift-contact-timeline');
    const timeline = card.shadowRoot!.querySelector<LiftContactTimeline>('lift-contact-timeline')!;
    await timeline.loaded;
    await waitUntil(() => [...root(timeline).querySelectorAll('article')].some((a) => a.textContent!.includes('najaarsfolder')), 'the call in the overview');
    [...root(timeline).querySelectorAll<HTMLElement>('article')].find((a) => a.textContent!.includes('najaarsfolder'))!.click();
    await waitUntil(() => detail(card)?.textContent!.includes('najaarsfolder'), 'the call in the detail');
    expect(detail(card).querySelector('h3')!.textContent!.trim(), 'a heading with words').to.equal('Phone call');
    button(detail(card), 'Delete')!.click();
    await waitUntil(() => card.shadowRoot!.querySelector('dialog.ask[open]'), 'the question');
    expect(card.shadowRoot!.querySelector('dialog.ask')!.textContent).to.include('“Gebeld met de drukker over de planning van de…” leaves');
  });

  it('asks about an entry by the start of its text without cutting an emoji in half', async () => {
    const { adapter, contact } = await world();
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: '', body: `${'x'.repeat(49)}😀${'y'.repeat(20)}` });
    const card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item' });
    await customElements.whenDefined('lift-contact-timeline');
    const timeline = card.shadowRoot!.querySelector<LiftContactTimeline>('lift-contact-timeline')!;
    await timeline.loaded;
    await waitUntil(() => root(timeline).querySelector('article'), 'the note in the overview');
    root(timeline).querySelector<HTMLElement>('article')!.click();
    await waitUntil(() => button(detail(card), 'Delete'), 'the note in the detail');
    button(detail(card), 'Delete')!.click();
    await waitUntil(() => card.shadowRoot!.querySelector('dialog.ask[open]'), 'the question');
    // The 50th code unit is the emoji's first half: the cut goes before the emoji, not through it.
    expect(card.shadowRoot!.querySelector('dialog.ask')!.textContent).to.include(`“${'x'.repeat(49)}…” leaves`);
  });

  it('the author edits a note with the keyboard and deletes it after a question', async () => {
    const { adapter, contact } = await world();
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eerste versie', body: 'Tekst' });
    const card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item' });
    await showEntry(card, 'Eerste versie');
    button(detail(card), 'Edit')!.focus();
    await sendKeys({ press: 'Enter' });
    await card.updateComplete;
    const subject = detail(card).querySelector<HTMLInputElement>('form.entry-edit input[name="subject"]')!;
    expect(card.shadowRoot!.activeElement).to.equal(subject);
    subject.value = 'Verbeterde versie';
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => detail(card).querySelector('h3')?.textContent === 'Verbeterde versie', 'the corrected entry');
    expect(detail(card).textContent).to.include('Change saved.');
    expect(card.shadowRoot!.activeElement?.textContent).to.equal('Edit');
    expect((await adapter.timeline.all(contact.id))[0]!.subject).to.equal('Verbeterde versie');
    await expect(card).to.be.accessible();

    button(detail(card), 'Delete')!.click();
    await waitUntil(() => card.shadowRoot!.querySelector('dialog.ask[open]'), 'the question');
    expect(card.shadowRoot!.querySelector('dialog.ask')!.textContent).to.include('Delete this entry?').and.include('Verbeterde versie');
    button(card.shadowRoot!.querySelector('dialog.ask')!, 'Delete')!.click();
    await waitUntil(() => detail(card).textContent!.includes('This entry was deleted.'), 'the deletion');
    expect(await adapter.timeline.count(contact.id)).to.equal(0);
  });

  it('shows the entry as corrected since elsewhere when it is chosen again, and a correction starts from that', async () => {
    const { adapter, contact } = await world();
    const note = await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eerste versie', body: 'Tekst' });
    const card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item' });
    await showEntry(card, 'Eerste versie');
    await correct(card, 'Hier verbeterd');
    await waitUntil(() => detail(card).querySelector('h3')?.textContent === 'Hier verbeterd', 'the correction made here');
    // The detail reads a corrected entry again over the instant it occurred at; that read fails
    // from now on (the link drops for it), while the overview's reads go through.
    const query = adapter.timeline.query.bind(adapter.timeline);
    let rereads = 0;
    adapter.timeline.query = (contactId, options) =>
      options?.from === note.occurredAt ? (rereads++, Promise.reject(new LiftDataError('unavailable', 'The link dropped.'))) : query(contactId, options);
    // The same author corrects it again in another tab; this card's overview shows it, and the
    // detail, whose read failed, shows it when it is chosen again.
    await adapter.timeline.update(note.id, { subject: 'Elders verbeterd', body: 'Tekst' });
    await waitUntil(() => rereads > 0, 'the detail reads it again');
    await showEntry(card, 'Elders verbeterd');
    expect(detail(card).querySelector('h3')?.textContent).to.equal('Elders verbeterd');
    await correct(card);
    expect(detail(card).querySelector<HTMLInputElement>('form.entry-edit input[name="subject"]')!.value, 'the correction starts from the newest').to.equal('Elders verbeterd');
    detail(card).querySelector<HTMLFormElement>('form.entry-edit')!.requestSubmit();
    await waitUntil(() => detail(card).textContent!.includes('Change saved.'), 'saved');
    expect((await adapter.timeline.all(contact.id))[0]!.subject, 'nothing older written back').to.equal('Elders verbeterd');
    // Corrected here twice more without choosing it again: each shows.
    for (const subject of ['Nog eens', 'En nog eens']) {
      await correct(card, subject);
      await waitUntil(() => detail(card).querySelector('h3')?.textContent === subject, `${subject} shown`);
    }
  });

  it('follows a correction or a deletion made elsewhere while the entry is shown, and a correction being typed keeps what was typed', async () => {
    const { adapter, contact } = await world();
    const note = await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eerste versie', body: 'Tekst' });
    const card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item' });
    await showEntry(card, 'Eerste versie');
    // The same author corrects it in another tab while this card shows it.
    await adapter.timeline.update(note.id, { subject: 'Elders verbeterd' });
    await waitUntil(() => detail(card).querySelector('h3')?.textContent === 'Elders verbeterd', 'the correction made elsewhere in the detail');
    await correct(card);
    const field = (name: string) => detail(card).querySelector<HTMLInputElement>(`form.entry-edit [name="${name}"]`)!;
    expect(field('subject').value, 'a correction starts from it').to.equal('Elders verbeterd');
    field('subject').value = 'Hier verbeterd';
    field('subject').dispatchEvent(new Event('input', { bubbles: true }));
    // The text corrected elsewhere while the subject is typed here: the untouched field follows.
    await adapter.timeline.update(note.id, { body: 'Tekst van elders' });
    await waitUntil(() => field('body').value === 'Tekst van elders', 'the text corrected elsewhere in the form');
    expect(field('subject').value, 'what was typed stays').to.equal('Hier verbeterd');
    expect(detail(card).textContent, 'nothing to warn of yet').not.to.include('Changed elsewhere');
    // The subject corrected elsewhere too: what was typed stays, and the form says Save replaces that.
    await adapter.timeline.update(note.id, { subject: 'Weer elders' });
    await waitUntil(() => detail(card).textContent!.includes('Changed elsewhere meanwhile'), 'the warning');
    expect(field('subject').value).to.equal('Hier verbeterd');
    await expect(card).to.be.accessible();
    detail(card).querySelector<HTMLFormElement>('form.entry-edit')!.requestSubmit();
    await waitUntil(() => detail(card).textContent!.includes('Change saved.'), 'saved');
    const [stored] = await adapter.timeline.all(contact.id);
    expect([stored!.subject, stored!.body], 'the text from elsewhere not written back over').to.deep.equal(['Hier verbeterd', 'Tekst van elders']);
    expect(detail(card).textContent).not.to.include('Changed elsewhere');
    // Deleted elsewhere while focus is on Edit: the detail says so, and focus stays in it.
    button(detail(card), 'Edit')!.focus();
    await adapter.timeline.remove(note.id);
    await waitUntil(() => detail(card).textContent!.includes('This entry was deleted.'), 'the deletion made elsewhere');
    expect(button(detail(card), 'Edit'), 'no buttons for what is gone').to.equal(undefined);
    await waitUntil(() => card.shadowRoot!.activeElement?.getAttribute('aria-selected') === 'true', 'focus on the detail tab');
  });

  it('shows the newest of two corrections made elsewhere when the read after the first answers last', async () => {
    const { adapter, contact } = await world();
    const note = await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eerste versie', body: 'Tekst' });
    const card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item' });
    await showEntry(card, 'Eerste versie');
    // The detail reads the entry again over the instant it occurred at: the first such read gets
    // its answer and then waits, as over a slow link, until the second has been shown.
    const query = adapter.timeline.query.bind(adapter.timeline);
    let read!: () => void;
    let release!: () => void;
    const firstRead = new Promise<void>((resolve) => (read = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held: Promise<unknown> | undefined;
    adapter.timeline.query = (contactId, options) => {
      const answer = query(contactId, options);
      if (held || options?.from !== note.occurredAt) return answer;
      const late = answer.then(async (page) => (read(), await gate, page));
      held = late;
      return late;
    };
    await adapter.timeline.update(note.id, { subject: 'Eerste correctie' });
    await firstRead;
    await adapter.timeline.update(note.id, { subject: 'Tweede correctie' });
    await waitUntil(() => detail(card).querySelector('h3')?.textContent === 'Tweede correctie', 'the second correction in the detail');
    release();
    await held;
    await new Promise((resolve) => setTimeout(resolve, 0));
    await card.updateComplete;
    expect(detail(card).querySelector('h3')?.textContent, 'the older answer not shown over it').to.equal('Tweede correctie');
  });

  it('closes the correction with Escape and keeps what was typed for Edit; Cancel drops it', async () => {
    const { adapter, contact } = await world();
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eerste versie', body: 'Tekst' });
    const card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item' });
    await showEntry(card, 'Eerste versie');
    const subject = () => detail(card).querySelector<HTMLInputElement>('form.entry-edit input[name="subject"]');
    button(detail(card), 'Edit')!.click();
    await card.updateComplete;
    subject()!.value = 'Verbeterd';
    subject()!.dispatchEvent(new Event('input', { bubbles: true }));
    subject()!.focus();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => card.shadowRoot!.activeElement?.textContent === 'Edit', 'focus back on Edit');
    expect(subject(), 'Escape closed the form').to.equal(null);
    await sendKeys({ press: 'Enter' });
    await card.updateComplete;
    expect(subject()!.value, 'what was typed is there again').to.equal('Verbeterd');
    button(detail(card), 'Cancel')!.click();
    await card.updateComplete;
    button(detail(card), 'Edit')!.click();
    await card.updateComplete;
    expect(subject()!.value, 'Cancel dropped it').to.equal('Eerste versie');
    expect((await adapter.timeline.all(contact.id))[0]!.subject, 'nothing saved').to.equal('Eerste versie');
  });

  it('keeps what was typed for each entry: a Cancel on one leaves what Escape kept of another', async () => {
    const { adapter, contact } = await world();
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Notitie A', body: 'Tekst A' });
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Notitie B', body: 'Tekst B' });
    const card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item' });
    const subject = () => detail(card).querySelector<HTMLInputElement>('form.entry-edit input[name="subject"]');
    await showEntry(card, 'Notitie A');
    button(detail(card), 'Edit')!.click();
    await card.updateComplete;
    subject()!.value = 'A verbeterd';
    subject()!.dispatchEvent(new Event('input', { bubbles: true }));
    subject()!.focus();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !subject(), 'Escape closed the form');

    await showEntry(card, 'Notitie B');
    button(detail(card), 'Edit')!.click();
    await card.updateComplete;
    expect(subject()!.value, 'B starts from its own subject').to.equal('Notitie B');
    subject()!.value = 'B verbeterd';
    subject()!.dispatchEvent(new Event('input', { bubbles: true }));
    button(detail(card), 'Cancel')!.click();
    await card.updateComplete;

    await showEntry(card, 'Notitie A');
    button(detail(card), 'Edit')!.click();
    await card.updateComplete;
    expect(subject()!.value, 'what Escape kept of A').to.equal('A verbeterd');
    await showEntry(card, 'Notitie B');
    button(detail(card), 'Edit')!.click();
    await card.updateComplete;
    expect(subject()!.value, 'Cancel dropped what was typed for B').to.equal('Notitie B');
  });

  it('says a correction saved in the language the reader switches to', async () => {
    const { adapter, contact } = await world();
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eerste versie', body: 'Tekst' });
    const card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item' });
    await showEntry(card, 'Eerste versie');
    await correct(card, 'Tweede versie');
    await waitUntil(() => detail(card).textContent!.includes('Change saved.'), 'the save said');
    card.lang = 'nl';
    await waitUntil(() => detail(card).textContent!.includes('Wijziging opgeslagen.'), `the save said in Dutch (${detail(card).textContent})`);
    expect(detail(card).textContent).not.to.include('Change saved.');
  });

  /** The user's note "Eerste versie" in the detail, its correction sent as it is and refused with `refusal`; `error` reads what the detail says. */
  async function refusedCorrection(refusal: LiftDataError, lang: 'en' | 'nl') {
    const { adapter, contact } = await world();
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eerste versie', body: 'Tekst' });
    const faults = withFaults(adapter);
    const card = await mountCard(faults.adapter, contact.id, { tab: 'overview', detailTabs: 'personal item', lang });
    await showEntry(card, 'Eerste versie');
    button(detail(card), lang === 'nl' ? 'Bewerken' : 'Edit')!.click();
    await card.updateComplete;
    faults.fail('timeline.update', refusal);
    detail(card).querySelector<HTMLFormElement>('form.entry-edit')!.requestSubmit();
    return { card, error: () => detail(card).querySelector('[part~="error"]')?.textContent ?? '' };
  }

  it('says a failed correction in the language the reader switches to', async () => {
    const { card, error } = await refusedCorrection(new LiftDataError('unavailable', 'The server is down.'), 'en');
    await waitUntil(() => error().startsWith('Did not work: the data cannot be reached.'), 'the failure');
    card.lang = 'nl';
    await waitUntil(() => error().startsWith('Niet gelukt: de gegevens zijn niet bereikbaar.'), `the failure in Dutch (${error()})`);
  });

  it('says an entry that is gone as an entry, not as the contact', async () => {
    const { card, error } = await refusedCorrection(new LiftDataError('not-found', 'No such entry.'), 'nl');
    await waitUntil(() => error().startsWith('Niet gelukt: '), 'the failure');
    expect(error()).to.equal('Niet gelukt: het bestaat niet (meer).');
    expect(card.shadowRoot!.querySelector('[part~="header"]')?.textContent, 'the contact is still there').to.include('Julia');
  });

  it('says a change of archiving in words, and a change once, in the overview and the detail', async () => {
    const { adapter, contact } = await world();
    const saved = await adapter.contacts.update(contact.id, contact.version, { jobTitle: 'Directeur' });
    const archived = await adapter.contacts.setArchived(contact.id, saved.version, true);
    await adapter.contacts.setArchived(contact.id, archived.version, false);
    const card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item', lang: 'nl' });
    await showEntry(card, 'Gearchiveerd');
    const timeline = card.shadowRoot!.querySelector<LiftContactTimeline>('lift-contact-timeline')!;
    const bodies = [...root(timeline).querySelectorAll('article')].map((a) => `${a.querySelector('.subject')!.textContent!.trim()}: ${a.querySelector('.body')!.textContent!.trim()}`);
    expect(bodies).to.include.members(['Gearchiveerd: ja → nee', 'Gearchiveerd: nee → ja']);
    expect(detail(card).textContent).to.include('Gearchiveerd: “ja” → “nee”').and.not.include('true').and.not.include('false');

    await showEntry(card, 'Functie');
    const said = detail(card).textContent!;
    expect(said).to.include('Functie: “” → “Directeur”');
    expect(said.split('Directeur').length - 1, 'the change said once').to.equal(1);
  });

  it('says what changed of a checklist item in words: its tick and its note', async () => {
    const { adapter, contact } = await world();
    const item = await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'AVG-toestemming', category: 'Privacy', order: 1, mode: 'editable', modeByStatus: {} });
    const ticked = await adapter.checklists!.setState(contact.id, item.id, 0, { done: true });
    await adapter.checklists!.setState(contact.id, item.id, ticked.version, { note: 'Per mail' });
    const card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item', lang: 'nl' });
    const timeline = await (async () => {
      await customElements.whenDefined('lift-contact-timeline');
      await waitUntil(() => card.shadowRoot!.querySelector('lift-contact-timeline'), 'the overview');
      return card.shadowRoot!.querySelector<LiftContactTimeline>('lift-contact-timeline')!;
    })();
    await timeline.loaded;
    await waitUntil(() => root(timeline).querySelectorAll('article').length === 2, 'both checklist entries');
    const [noted, tick] = [...root(timeline).querySelectorAll<HTMLElement>('article')];
    tick!.click();
    await waitUntil(() => detail(card).textContent!.includes('Afgevinkt: “nee” → “ja”'), 'the tick in words');
    noted!.click();
    await waitUntil(() => detail(card).textContent!.includes('Notitie: “” → “Per mail”'), 'the note in words');
    expect(detail(card).textContent!.split('Per mail').length - 1, 'said once').to.equal(1);
  });

  it('keeps a correction being typed while the card shows another contact, and shows it again with its entry', async () => {
    const { adapter, contact } = await world();
    const other = await adapter.contacts.create({ relationId: contact.relationId, firstName: 'Mila', lastName: 'Smit' });
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eerste versie', body: 'Tekst' });
    const card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item', selection: `${contact.id} ${other.id}` });
    await showEntry(card, 'Eerste versie');
    button(detail(card), 'Edit')!.click();
    await card.updateComplete;
    const subject = detail(card).querySelector<HTMLInputElement>('form.entry-edit input[name="subject"]')!;
    subject.value = 'Verbeterd, nog niet bewaard';
    subject.dispatchEvent(new Event('input', { bubbles: true }));
    card.contactId = other.id;
    await card.loaded;
    await waitUntil(() => !detail(card).querySelector('form.entry-edit'), 'the detail of another contact');
    card.contactId = contact.id;
    await card.loaded;
    await showEntry(card, 'Eerste versie');
    expect(detail(card).querySelector<HTMLInputElement>('form.entry-edit input[name="subject"]')?.value).to.equal('Verbeterd, nog niet bewaard');
  });

  it('keeps a correction being typed through a reload, open, one closed with Escape stays closed, and Cancel forgets it', async () => {
    const { adapter, contact } = await world();
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Notitie A', body: 'Tekst A' });
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Notitie B', body: 'Tekst B' });
    const field = (card: LiftContactCard, name: string) => detail(card).querySelector<HTMLInputElement>(`form.entry-edit [name="${name}"]`);
    const type = (card: LiftContactCard, name: string, value: string) => {
      field(card, name)!.value = value;
      field(card, name)!.dispatchEvent(new Event('input', { bubbles: true }));
    };
    let card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item' });
    await showEntry(card, 'Notitie B');
    await correct(card);
    type(card, 'subject', 'B verbeterd');
    field(card, 'subject')!.focus();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !field(card, 'subject'), 'Escape closed the form');
    await showEntry(card, 'Notitie A');
    await correct(card);
    type(card, 'body', 'Tekst A, verbeterd maar nog niet bewaard');
    // A reload: a new page has a new adapter on the same database, and nothing in memory.
    card.remove();
    const reloaded = freshIndexedDbAdapter({ databaseName: adapter.databaseName });
    reloaded.session.setUser(SANNE);
    card = await mountCard(reloaded, contact.id, { tab: 'overview', detailTabs: 'personal item' });
    await showEntry(card, 'Notitie A');
    expect(field(card, 'body')?.value, 'the correction, open as it was left').to.equal('Tekst A, verbeterd maar nog niet bewaard');
    expect(field(card, 'subject')!.value).to.equal('Notitie A');
    await showEntry(card, 'Notitie B');
    expect(field(card, 'subject'), 'closed with Escape, it stays closed').to.equal(null);
    await correct(card);
    expect(field(card, 'subject')!.value, 'Edit shows what Escape kept').to.equal('B verbeterd');
    [...detail(card).querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Cancel')!.click();
    await card.updateComplete;
    card.remove();

    const again = freshIndexedDbAdapter({ databaseName: adapter.databaseName });
    again.session.setUser(SANNE);
    card = await mountCard(again, contact.id, { tab: 'overview', detailTabs: 'personal item' });
    await showEntry(card, 'Notitie B');
    await correct(card);
    expect(field(card, 'subject')!.value, 'Cancel forgot it').to.equal('Notitie B');
    expect((await again.timeline.all(contact.id)).map((e) => e.subject).sort(), 'nothing saved').to.deep.equal(['Notitie A', 'Notitie B']);
  });

  it('lets nothing be typed into a correction while it is saved, so nothing typed is lost when it lands', async () => {
    const { adapter, contact } = await world();
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eerste versie', body: 'Tekst' });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const update = adapter.timeline.update.bind(adapter.timeline);
    adapter.timeline.update = (id, changes) => gate.then(() => update(id, changes));
    const card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item' });
    await showEntry(card, 'Eerste versie');
    button(detail(card), 'Edit')!.click();
    await card.updateComplete;
    const subject = detail(card).querySelector<HTMLInputElement>('form.entry-edit input[name="subject"]')!;
    subject.value = 'Versie 2';
    subject.dispatchEvent(new Event('input', { bubbles: true }));
    detail(card).querySelector<HTMLFormElement>('form.entry-edit')!.requestSubmit();
    await card.updateComplete;
    // The user goes on typing, and presses Escape, while it is on its way.
    subject.focus();
    await sendKeys({ type: ' en 3' });
    await sendKeys({ press: 'Escape' });
    await card.updateComplete;
    expect(subject.value, 'the field waits while it is saved').to.equal('Versie 2');
    expect(subject.isConnected, 'the form stays until the answer').to.equal(true);
    expect(button(detail(card), 'Cancel')!.disabled, 'Cancel waits too').to.equal(true);
    release();
    await waitUntil(() => detail(card).textContent!.includes('Change saved.'), 'saved');
    expect((await adapter.timeline.all(contact.id))[0]!.subject).to.equal('Versie 2');
  });

  it('keeps a correction too long to save in its form, says how much fits, and sends nothing', async () => {
    const { adapter, contact } = await world();
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eerste versie', body: 'Tekst' });
    let sent = 0;
    const update = adapter.timeline.update.bind(adapter.timeline);
    adapter.timeline.update = (id, changes) => (sent++, update(id, changes));
    const card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item' });
    await showEntry(card, 'Eerste versie');
    await correct(card);
    const text = detail(card).querySelector<HTMLTextAreaElement>('form.entry-edit textarea[name="body"]')!;
    const long = 'x'.repeat(LIMITS.body + 1);
    text.value = long;
    text.dispatchEvent(new Event('input', { bubbles: true }));
    detail(card).querySelector<HTMLFormElement>('form.entry-edit')!.requestSubmit();
    await waitUntil(() => detail(card).querySelector('[part~="error"]'), 'the problem said');
    expect(detail(card).querySelector('[part~="error"]')!.textContent).to.equal('The text is too long: at most 200,000 characters fit.');
    expect(sent, 'nothing sent that could only fail').to.equal(0);
    const kept = detail(card).querySelector<HTMLTextAreaElement>('form.entry-edit textarea[name="body"]')!;
    expect(kept.value.length, 'the text kept to shorten').to.equal(long.length);
    expect(kept.getAttribute('aria-invalid')).to.equal('true');
    // Shortened, it saves, and the field is no longer marked.
    kept.value = 'Korter';
    kept.dispatchEvent(new Event('input', { bubbles: true }));
    detail(card).querySelector<HTMLFormElement>('form.entry-edit')!.requestSubmit();
    await waitUntil(() => detail(card).textContent!.includes('Change saved.'), 'saved once it fits');
    expect((await adapter.timeline.all(contact.id))[0]!.body).to.equal('Korter');
  });

  it('says a failed correction with its own entry, not under another entry the card shows by then', async () => {
    const { adapter, contact } = await world();
    const other = await adapter.contacts.create({ relationId: contact.relationId, firstName: 'Mila', lastName: 'Smit' });
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eerste versie', body: 'Tekst' });
    await adapter.timeline.add({ contactId: other.id, kind: 'note', subject: 'Notitie van Mila', body: 'Tekst' });
    let fail!: () => void;
    const gate = new Promise<void>((resolve) => (fail = resolve));
    adapter.timeline.update = () => gate.then(() => Promise.reject(new LiftDataError('unavailable', 'The server is down.')));
    const card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item', selection: `${contact.id} ${other.id}` });
    await showEntry(card, 'Eerste versie');
    button(detail(card), 'Edit')!.click();
    await card.updateComplete;
    detail(card).querySelector<HTMLInputElement>('form.entry-edit input[name="subject"]')!.value = 'Verbeterd';
    detail(card).querySelector<HTMLFormElement>('form.entry-edit')!.requestSubmit();
    card.contactId = other.id;
    await card.loaded;
    await showEntry(card, 'Notitie van Mila');
    fail();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await card.updateComplete;
    expect(detail(card).querySelector('[part~="error"]'), 'not said under Mila’s note').to.equal(null);
    expect(button(detail(card), 'Edit')!.disabled, 'her note can be edited').to.equal(false);
    card.contactId = contact.id;
    await card.loaded;
    await showEntry(card, 'Eerste versie');
    await waitUntil(() => detail(card).querySelector('[part~="error"]')?.textContent!.startsWith('Did not work'), 'said with its own entry');
    expect(detail(card).querySelector<HTMLInputElement>('form.entry-edit input[name="subject"]')?.value, 'what was typed, still there').to.equal('Verbeterd');
  });

  it('speaks the words a host registered for the card', async () => {
    // A tag of its own (German, privately marked), so no other test meets these words.
    const language = `de-x-${Math.random().toString(36).slice(2, 8)}`;
    registerStrings(language, { 'lift-contact-card': { 'entryEdit.edit': 'Bearbeiten' } });
    const { adapter, contact } = await world();
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Notiz', body: '' });
    const card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item', lang: language });
    await showEntry(card, 'Notiz');
    expect(button(detail(card), 'Bearbeiten'), 'the registered word').to.exist;
    await waitUntil(() => button(detail(card), 'Delete'), 'a word the host left out, in English');
  });

  it('offers nothing for another’s note, to a viewer, or on an archived contact; in Dutch for the author', async () => {
    const { adapter, contact } = await world();
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Van Sanne', body: '' });
    const card = await mountCard(adapter, contact.id, { tab: 'overview', detailTabs: 'personal item', lang: 'nl' });
    await showEntry(card, 'Van Sanne');
    expect([button(detail(card), 'Bewerken'), button(detail(card), 'Verwijderen')].every(Boolean)).to.equal(true);

    adapter.session.setUser(KIM);
    card.requestUpdate();
    await card.updateComplete;
    expect(button(detail(card), 'Bewerken')).to.equal(undefined);

    adapter.session.setUser({ id: 'u-vera', name: 'Vera', role: 'viewer' });
    card.requestUpdate();
    await card.updateComplete;
    expect(button(detail(card), 'Bewerken')).to.equal(undefined);

    adapter.session.setUser(SANNE);
    await adapter.contacts.setArchived(contact.id, contact.version, true);
    await waitUntil(() => card.shadowRoot!.querySelector('[part~="badge"]'), 'the card archived');
    await card.updateComplete;
    expect(button(detail(card), 'Bewerken')).to.equal(undefined);
  });
});
