import { expect } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import { IndexedDbAdapter } from '../src/data/adapters/indexeddb-adapter.js';
import { seedDemoData } from '../src/data/demo/demo-data.js';
import { closeDemo, demoFrame, DEMO_DATABASE, listButtons, openDemo, seedDemo, within, type Demo } from './demo-page.js';

// The demo page (demo/index.html with demo/demo.js) as a host of the card, in a same-origin
// iframe, as in test/demo-host.test.ts: what the shell itself does around the cards. Reset demo
// data asks before throwing away any unsaved work, the second card keeps its own contact and
// edits, "Work with selection" answered Cancel changes nothing, "Clear selection" keeps focus
// on the page, a list that could not be made is said, and the status follows the language.
// test/demo-page.ts opens and seeds it, and cleans up after each test.

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const listBoxes = (doc: Document) => [...doc.querySelectorAll<HTMLInputElement>('#contacts li input[type="checkbox"]')];
const status = (demo: Demo) => text(demo.doc.getElementById('demo-status'));
const keyNames = () => Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i) ?? '');

/** Types `value` in `card`'s field `name`, as a user would, until the card has unsaved edits. */
async function edit(card: LiftContactCard, name: string, value: string): Promise<void> {
  await waitUntil(() => card.shadowRoot?.querySelector(`#field-${name}`), `the ${name} field`);
  const field = card.shadowRoot!.querySelector<HTMLInputElement>(`#field-${name}`)!;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
  await waitUntil(() => card.dirty, 'the card to have unsaved edits');
}

/** Answers the demo's confirm() with `answer` (a function, so a test can change it), recording each question. */
function answering(demo: Demo, answer: () => boolean): string[] {
  const questions: string[] = [];
  demo.win.confirm = (message?: string) => {
    questions.push(String(message));
    return answer();
  };
  return questions;
}

const buttonFor = (demo: Demo, id: string) => listButtons(demo.doc).find((button) => button.dataset['id'] === id)!;
const boxFor = (demo: Demo, id: string) => listBoxes(demo.doc).find((box) => box.value === id)!;

describe('the demo shell around the cards', function () {
  // Each test loads the whole demo page, the library's modules included.
  this.timeout(60_000);

  afterEach(async () => {
    await closeDemo(10_000);
  });

  it('asks before "Reset demo data" throws away an activity being written in the overview, and keeps it on "Cancel"', async () => {
    const seeded = await seedDemo();
    const demo = await openDemo('lang=en&tab=overview', seeded);
    await waitUntil(() => demo.card.shadowRoot!.querySelector('lift-contact-timeline'), 'the overview');
    const timeline = demo.card.shadowRoot!.querySelector<LiftContactTimeline>('lift-contact-timeline')!;
    await waitUntil(() => [...timeline.shadowRoot!.querySelectorAll('button')].find((b) => text(b) === 'Record activity'), 'the "Record activity" button');
    [...timeline.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === 'Record activity')!.click();
    await waitUntil(() => timeline.shadowRoot!.querySelector('[part~="note-form"] textarea'), 'the activity form');
    const textarea = timeline.shadowRoot!.querySelector<HTMLTextAreaElement>('[part~="note-form"] textarea')!;
    textarea.value = 'Belde over de offerte, nog niet af';
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
    await waitUntil(() => keyNames().some((key) => key.includes(':note:')), 'the half-written activity kept in the browser');
    // The card's own fields are not edited: only the overview holds unsaved work.
    expect(demo.card.dirty).to.equal(false);
    const questions = answering(demo, () => false);
    demo.doc.getElementById('reset')!.click();
    expect(questions, 'the questions asked').to.have.length(1);
    expect(questions[0]).to.match(/not saved/);
    expect(questions[0]).to.match(/note/);
    // Cancel: nothing thrown away, the page stays.
    expect(keyNames().some((key) => key.includes(':note:'))).to.equal(true);
    expect(timeline.shadowRoot!.querySelector<HTMLTextAreaElement>('[part~="note-form"] textarea')?.value).to.equal('Belde over de offerte, nog niet af');
  });

  it('asks nothing on "Reset demo data" when nothing is unsaved, and creates the data anew', async () => {
    const seeded = await seedDemo();
    const demo = await openDemo('lang=en', seeded);
    const before = status(demo);
    const questions = answering(demo, () => false);
    const reloaded = new Promise((resolve) => demo.frame.addEventListener('load', resolve, { once: true }));
    demo.doc.getElementById('reset')!.click();
    await within(reloaded, 20_000, 'the demo to load again');
    expect(questions, 'the questions asked').to.deep.equal([]);
    // The demo's own data set, made anew, is listed.
    const said = () => text(demo.frame.contentDocument?.getElementById('demo-status'));
    await waitUntil(() => said().endsWith('contacts, newest modified first') && said() !== before, 'the new data listed', { timeout: 50_000 });
  });

  it('asks before "Reset demo data" throws away unsaved edits in the second card', async () => {
    const seeded = await seedDemo();
    const demo = await openDemo('lang=en', seeded);
    const second = demo.doc.getElementById('second') as LiftContactCard;
    demo.doc.getElementById('compare')!.click();
    await waitUntil(() => second.contactId === demo.card.contactId && text(second.shadowRoot?.querySelector('[part~="name"]')), 'the second card beside the first');
    await edit(second, 'jobTitle', 'Alleen in de tweede kaart');
    expect(demo.card.dirty).to.equal(false);
    const questions = answering(demo, () => false);
    demo.doc.getElementById('reset')!.click();
    expect(questions, 'the questions asked').to.have.length(1);
    expect(second.dirty).to.equal(true);
  });

  it('keeps the second card on its own contact when the list is listed again, and leaves it where it is while it has unsaved edits', async () => {
    const seeded = await seedDemo();
    const demo = await openDemo('lang=en', seeded);
    const [first, other, third] = seeded.listed;
    const second = demo.doc.getElementById('second') as LiftContactCard;
    demo.doc.getElementById('compare')!.click();
    await waitUntil(() => second.contactId === first!.id, 'the second card on the first card’s contact');
    second.contactId = other!.id;
    await second.loaded;
    await edit(second, 'jobTitle', 'Gewijzigd in de tweede kaart');
    expect(await second.save(), 'the save in the second card').to.equal(true);
    // The save lists the contacts again, newest modified first: the saved one on top.
    await waitUntil(() => listButtons(demo.doc)[0]?.dataset['id'] === other!.id, 'the list to follow the save');
    expect(second.contactId, 'the second card after the list was listed again').to.equal(other!.id);
    // A language switch lists again too.
    const language = demo.doc.querySelector<HTMLSelectElement>('#language')!;
    language.value = 'nl';
    language.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => listBoxes(demo.doc)[0]?.getAttribute('aria-label')?.endsWith('selecteren'), 'the list in Dutch');
    expect(second.contactId).to.equal(other!.id);
    // The first card moving takes a clean second card along...
    buttonFor(demo, third!.id).click();
    await waitUntil(() => second.contactId === third!.id, 'the second card to follow the first');
    // ...but not one with unsaved edits: they stay on screen.
    await edit(second, 'jobTitle', 'Nog niet opgeslagen in de tweede kaart');
    buttonFor(demo, first!.id).click();
    await waitUntil(() => demo.card.contactId === first!.id, 'the first card on another contact');
    await demo.card.updateComplete;
    expect(second.contactId).to.equal(third!.id);
    expect(second.dirty).to.equal(true);
    expect(second.shadowRoot!.querySelector<HTMLInputElement>('#field-jobTitle')!.value).to.equal('Nog niet opgeslagen in de tweede kaart');
  });

  it('leaves the selection as it was when "Work with selection" is answered "Cancel"', async () => {
    const seeded = await seedDemo();
    const demo = await openDemo('lang=en', seeded);
    const [first, other, third] = seeded.listed;
    boxFor(demo, other!.id).click();
    boxFor(demo, third!.id).click();
    const before = [...(demo.card.selection ?? [])];
    expect(before).to.deep.equal(seeded.listed.map((contact) => contact.id));
    await edit(demo.card, 'jobTitle', 'Nog niet opgeslagen');
    let answer = false;
    const questions = answering(demo, () => answer);
    demo.doc.getElementById('use-selection')!.click();
    expect(questions).to.have.length(1);
    await demo.card.updateComplete;
    expect(demo.card.contactId).to.equal(first!.id);
    expect(demo.card.selection, 'the card’s way after "Cancel"').to.deep.equal(before);
    // A later save lists again: the card keeps going through the list, not the ticked two.
    expect(await demo.card.save()).to.equal(true);
    await waitUntil(() => status(demo) === `${seeded.listed.length} contacts, newest modified first` && listButtons(demo.doc)[0]?.dataset['id'] === first!.id, 'the list after the save');
    expect(demo.card.selection).to.have.length(seeded.listed.length);
    // "OK" works with the selection.
    answer = true;
    await edit(demo.card, 'jobTitle', 'Weer niet opgeslagen');
    demo.doc.getElementById('use-selection')!.click();
    await waitUntil(() => demo.card.contactId === other!.id, 'the first ticked contact in the card');
    expect(demo.card.selection).to.deep.equal([other!.id, third!.id]);
  });

  it('keeps focus in the list when "Clear selection" is used with the keyboard', async () => {
    const seeded = await seedDemo();
    const demo = await openDemo('lang=en', seeded);
    const [first, other] = seeded.listed;
    boxFor(demo, other!.id).click();
    const clear = demo.doc.querySelector<HTMLButtonElement>('#clear-selection')!;
    expect(clear.disabled).to.equal(false);
    demo.frame.focus();
    clear.focus();
    expect(demo.doc.activeElement).to.equal(clear);
    clear.click();
    expect(clear.disabled).to.equal(true);
    expect(boxFor(demo, other!.id).checked).to.equal(false);
    // Focus goes to the open contact in the list, not to the page.
    await waitUntil(() => demo.doc.activeElement === buttonFor(demo, first!.id), 'focus on the open contact in the list');
  });

  it('says in the status when the list could not be made after another tab removed the database, in the language of now', async () => {
    const seeded = await seedDemo();
    const demo = await openDemo('lang=en', seeded);
    const stale = status(demo);
    expect(stale).to.equal(`${seeded.listed.length} contacts, newest modified first`);
    // Another tab resets the demo: its database goes, and the demo hears so at once.
    await within(IndexedDbAdapter.deleteDatabase(DEMO_DATABASE), 10_000, 'the database deleted under the demo');
    await waitUntil(() => status(demo) !== stale, 'the status to say the list cannot be made', { timeout: 5000 });
    expect(status(demo)).to.match(/^The contact list could not be updated: .*another tab.*Reload the page/);
    // The database comes back with new data; a search here still cannot list.
    const outside = new IndexedDbAdapter({ databaseName: DEMO_DATABASE });
    try {
      await seedDemoData(outside, { contacts: 3, entriesPerContact: 1 });
    } finally {
      outside.close();
    }
    const search = demo.doc.querySelector<HTMLInputElement>('#search')!;
    search.value = 'a';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    // Said again in Dutch, and kept said.
    const language = demo.doc.querySelector<HTMLSelectElement>('#language')!;
    language.value = 'nl';
    language.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => status(demo).startsWith('De lijst met contactpersonen kon niet worden bijgewerkt: '), 'the failure in Dutch');
    expect(status(demo)).to.include('ander tabblad');
  });

  it('says in the status when a search is too long to list, and lists again when it is shortened', async () => {
    const seeded = await seedDemo();
    const demo = await openDemo('lang=en', seeded);
    const search = demo.doc.querySelector<HTMLInputElement>('#search')!;
    search.value = 'x'.repeat(201);
    search.dispatchEvent(new Event('input', { bubbles: true }));
    await waitUntil(() => status(demo).startsWith('The contact list could not be updated: '), 'the failed search said', { timeout: 5000 });
    expect(status(demo)).to.include('200 characters');
    search.value = '';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    await waitUntil(() => status(demo) === `${seeded.listed.length} contacts, newest modified first`, 'the list again');
  });

  it('says "Creating demo data…" in English when the language is switched while the first start creates the data', async () => {
    await IndexedDbAdapter.deleteDatabase(DEMO_DATABASE);
    const frame = demoFrame('lang=nl');
    const said = () => text(frame.contentDocument?.getElementById('demo-status'));
    await waitUntil(() => said() === 'Demodata aanmaken…', 'the demo creating its data', { timeout: 20_000 });
    const language = frame.contentDocument!.querySelector<HTMLSelectElement>('#language')!;
    language.value = 'en';
    language.dispatchEvent(new Event('change', { bubbles: true }));
    expect(said()).to.equal('Creating demo data…');
    // The data made, the list is said in English too.
    await waitUntil(() => said().endsWith('contacts, newest modified first'), 'the demo data listed', { timeout: 50_000 });
  });
});
