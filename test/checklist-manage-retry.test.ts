import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import '../src/lift-checklist.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { withFaults } from './faults.js';
import { waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

/**
 * A refused change of the lookup list stays in its field, marked: the user sends it again as it
 * is, with Enter in the field or the Try again button, without typing or picking it anew (a value
 * left as it was fires no change).
 */

/** A contact with the editable items Alpha and Bravo, on a database of its own; its saves fail when told to. */
async function world({ mute = false } = {}) {
  const adapter = freshIndexedDbAdapter();
  const { contact } = await oneContact(adapter, 'Reclamebureau Zon', { firstName: 'Lotte', lastName: 'Bos' });
  for (const [order, text] of ['Alpha', 'Bravo'].entries()) {
    await adapter.checklists!.saveDefinition({ cardType: 'contact', text, category: 'Groep', order: order + 1, mode: 'editable', modeByStatus: {} });
  }
  const faults = withFaults(adapter);
  // Changes made elsewhere unheard: the view's next write is truly stale.
  if (mute) faults.muteFeed();
  const el = await fixture<LiftChecklist>(html`<lift-checklist lang="en" manage statuses="actief" contact-id=${contact.id} .adapter=${faults.adapter}></lift-checklist>`);
  await el.loaded;
  await el.updateComplete;
  return { adapter, faults, el };
}

// Text typed here has no letter twice in a row: WebKit's WebDriver drops the second.
const root = (el: LiftChecklist) => el.shadowRoot!;
const manage = (el: LiftChecklist) => root(el).querySelector<HTMLElement>('[part~="manage"]')!;
const error = (el: LiftChecklist) => manage(el).querySelector('[part~="error"]')?.textContent ?? '';
const row = (el: LiftChecklist, n: number) => manage(el).querySelector<HTMLTableRowElement>(`tbody tr:nth-child(${n})`)!;
const nameField = (el: LiftChecklist, n: number) => row(el, n).querySelectorAll<HTMLInputElement>('input')[0]!;
const categoryField = (el: LiftChecklist, n: number) => row(el, n).querySelectorAll<HTMLInputElement>('input')[1]!;
const modeSelect = (el: LiftChecklist, n: number) => row(el, n).querySelectorAll<HTMLSelectElement>('select')[0]!;
const statusSelect = (el: LiftChecklist, n: number) => row(el, n).querySelectorAll<HTMLSelectElement>('select')[1]!;
const tryAgain = (el: LiftChecklist) => [...manage(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => /^(Try again|Opnieuw proberen)$/.test(b.textContent!.trim()));
const focused = (el: LiftChecklist) => root(el).activeElement;
const stored = async (adapter: LiftAdapter) => await adapter.checklists!.definitions('contact');
const saves = (faults: ReturnType<typeof withFaults>) => faults.calls.filter((call) => call === 'checklists.saveDefinition').length;
const unavailable = () => new LiftDataError('unavailable', 'the server is away');
/** Picks `value` in a select, as a user does with the mouse (the keys that open one differ per browser). */
const pick = (select: HTMLSelectElement, value: string) => {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
};
/** Types `text` over a field's value with the keyboard and leaves it with Tab (which sends the change). */
async function retype(field: HTMLInputElement, text: string) {
  field.focus();
  field.select();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Tab' });
}

describe('<lift-checklist manage>: a refused change sent again as it is', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  it('a refused rename is saved by Enter in its field, unchanged; focus stays there, and it is sent once', async () => {
    const { adapter, faults, el } = await world();
    faults.fail('checklists.saveDefinition', unavailable());
    await retype(nameField(el, 1), 'Alpha two');
    await waitUntil(() => error(el).startsWith('For “Alpha”: Saving failed'), `refused (${error(el)})`);
    await el.updateComplete;
    expect(nameField(el, 1).value, 'the typed name kept').to.equal('Alpha two');
    expect(nameField(el, 1).getAttribute('aria-invalid')).to.equal('true');

    // The server is back: the user goes back into the field and presses Enter, twice in a hurry.
    nameField(el, 1).focus();
    const before = saves(faults);
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(async () => (await stored(adapter))[0]!.text === 'Alpha two', `the name stored (message: ${error(el)})`);
    await waitUntil(() => error(el) === '', `the words gone (${error(el)})`);
    await el.updateComplete;
    expect(nameField(el, 1).getAttribute('aria-invalid')).to.equal('false');
    expect(tryAgain(el), 'no Try again left').to.equal(undefined);
    expect(focused(el), 'focus still in the field').to.equal(nameField(el, 1));
    expect(saves(faults) - before, 'sent once').to.equal(1);
  });

  it('Enter in a field that was not refused sends nothing', async () => {
    const { faults, el } = await world();
    categoryField(el, 2).focus();
    const before = saves(faults);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(saves(faults) - before).to.equal(0);
  });

  it('after a conflict, Enter sends the rename again over the colleague’s change, which stays', async () => {
    const { adapter, el } = await world({ mute: true });
    // A colleague changes Alpha's category after this view read the list; the view is not told.
    const alpha = (await stored(adapter))[0]!;
    await adapter.checklists!.saveDefinition({ ...alpha, category: 'Kantoor' });
    await retype(nameField(el, 1), 'Alpha two');
    await waitUntil(() => error(el).includes('Someone else just changed this item'), `the conflict said (${error(el)})`);
    await waitUntil(() => categoryField(el, 1).value === 'Kantoor', 'the latest state shown');
    expect(nameField(el, 1).value, 'the typed name kept').to.equal('Alpha two');

    nameField(el, 1).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(async () => (await stored(adapter))[0]!.text === 'Alpha two', `the name stored (message: ${error(el)})`);
    expect((await stored(adapter))[0]!.category, 'the colleague’s category kept').to.equal('Kantoor');
    await waitUntil(() => error(el) === '', `the words gone (${error(el)})`);
  });

  it('Try again, pressed with the keyboard, saves a refused category, mode and mode per status; focus goes to the first of them', async () => {
    const { adapter, faults, el } = await world();
    faults.fail('checklists.saveDefinition', unavailable(), { times: 3 });
    await retype(categoryField(el, 1), 'Archief');
    await waitUntil(() => error(el).includes('Saving failed'), `the category refused (${error(el)})`);
    pick(modeSelect(el, 2), 'read-only');
    pick(statusSelect(el, 2), 'hidden');
    await waitUntil(() => (error(el).match(/Saving failed/g) ?? []).length === 3, `all three refused (${error(el)})`);
    await el.updateComplete;
    expect([modeSelect(el, 2).value, statusSelect(el, 2).value], 'the modes picked still shown').to.deep.equal(['read-only', 'hidden']);
    expect((await stored(adapter))[1]!.mode, 'not stored').to.equal('editable');

    const button = tryAgain(el)!;
    expect(button, 'a Try again button').to.be.instanceOf(HTMLButtonElement);
    expect(button.getAttribute('aria-describedby'), 'which reads the refusal').to.equal(manage(el).querySelector('[part~="error"]')!.id);
    el.lang = 'nl';
    await waitUntil(() => tryAgain(el)?.textContent?.trim() === 'Opnieuw proberen', 'said in Dutch');
    el.lang = 'en';
    await waitUntil(() => tryAgain(el)?.textContent?.trim() === 'Try again', 'said in English');

    // The server is back.
    tryAgain(el)!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(async () => {
      const [one, two] = await stored(adapter);
      return one!.category === 'Archief' && two!.mode === 'read-only' && two!.modeByStatus['actief'] === 'hidden';
    }, `all three stored (message: ${error(el)})`);
    await waitUntil(() => error(el) === '' && !tryAgain(el), `the words and the button gone (${error(el)})`);
    await waitUntil(() => focused(el) === categoryField(el, 1), `focus on the first refused field, not the page (${focused(el)?.localName ?? document.activeElement?.localName})`);
    expect([...manage(el).querySelectorAll('tbody [aria-invalid="true"]')], 'nothing marked').to.deep.equal([]);
  });

  it('Try again refused once more keeps the words, the button and focus on it; the next press (space bar) saves', async () => {
    const { adapter, faults, el } = await world();
    faults.fail('checklists.saveDefinition', unavailable(), { times: 2 });
    pick(modeSelect(el, 1), 'hidden');
    await waitUntil(() => tryAgain(el), `refused (${error(el)})`);
    tryAgain(el)!.focus();
    const before = saves(faults);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => saves(faults) > before, 'sent again');
    await el.loaded;
    await el.updateComplete;
    expect(error(el)).to.include('Saving failed');
    expect(focused(el), 'focus stays on Try again').to.equal(tryAgain(el));
    expect(modeSelect(el, 1).value).to.equal('hidden');

    await sendKeys({ press: ' ' });
    await waitUntil(async () => (await stored(adapter))[0]!.mode === 'hidden', `stored (message: ${error(el)})`);
    await waitUntil(() => error(el) === '' && !tryAgain(el), 'the words and the button gone');
    await waitUntil(() => focused(el) === modeSelect(el, 1), 'focus on the mode select');
  });

  it('Try again clicked sends a field changed meanwhile once, as it now is', async () => {
    const { adapter, faults, el } = await world();
    faults.fail('checklists.saveDefinition', unavailable());
    await retype(nameField(el, 2), 'Bravo two');
    await waitUntil(() => tryAgain(el), `refused (${error(el)})`);
    // Typed over again; the click that leaves the field sends it, and Try again adds no second write.
    nameField(el, 2).focus();
    nameField(el, 2).select();
    await sendKeys({ type: 'Bravo six' });
    const before = saves(faults);
    nameField(el, 2).blur();
    tryAgain(el)!.click();
    await waitUntil(async () => (await stored(adapter))[1]!.text === 'Bravo six', `stored (message: ${error(el)})`);
    await waitUntil(() => error(el) === '', 'the words gone');
    expect(saves(faults) - before, 'one write').to.equal(1);
  });
});
