import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { LiftContactOpenEvent } from '../src/events.js';
import '../src/lift-contact-card.js';
import { dropDatabases } from './db.js';
import { waitUntil } from './helpers.js';
import { $, act, dialog, enter, inDialog, mount, search, world } from './dialog-helpers.js';

const combobox = (el: LiftContactCard) => inDialog<HTMLInputElement>(el, '[role="combobox"]')!;
const results = (el: LiftContactCard) => [...dialog(el).querySelectorAll<HTMLElement>('[role="option"]')];
const nameOf = (option: HTMLElement) => option.querySelector('.result-name')!.textContent!.trim();

/** The result a reader hears as the active one, and the ones shown marked. */
function marked(el: LiftContactCard) {
  const activeId = combobox(el).getAttribute('aria-activedescendant');
  return {
    announced: activeId ? dialog(el).querySelector<HTMLElement>(`#${activeId}`)?.getAttribute('data-key') : null,
    selected: results(el)
      .filter((option) => option.getAttribute('aria-selected') === 'true')
      .map((option) => option.getAttribute('data-key')),
  };
}

/** Collects the contacts the card is asked to open. */
function opens(el: LiftContactCard): string[] {
  const opened: string[] = [];
  el.addEventListener('lift-contact-open', (event) => opened.push((event as LiftContactOpenEvent).detail.contactId));
  return opened;
}

/**
 * A key as an input method sends it into the search box: while composing (`isComposing`, as
 * Chromium and Firefox send the key that ends a composition), or just after the composition
 * ended with keyCode 229 (as WebKit sends it).
 */
function imeKey(el: LiftContactCard, key: string, how: 'composing' | 'keyCode 229'): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, isComposing: how === 'composing', bubbles: true, composed: true, cancelable: true });
  if (how === 'keyCode 229') Object.defineProperty(event, 'keyCode', { get: () => 229 });
  combobox(el).dispatchEvent(event);
  return event;
}

/** A real key after the IME's: it reaches the box once the IME's key has done whatever it does. */
async function realKeyAfter(el: LiftContactCard): Promise<void> {
  if (dialog(el)?.open) combobox(el).focus();
  await sendKeys({ press: 'ArrowDown' });
  await el.updateComplete;
}

describe('search list: a result clicked', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  it('copy: the relation clicked is the one marked and announced, and Enter keeps it', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact!.id);
    await act(el, { action: 'copy' });
    await search(el, '');
    const picked = results(el)[2]!;
    const name = nameOf(picked);
    const key = picked.getAttribute('data-key');
    expect(nameOf(results(el)[0]!), 'another relation is listed first').to.not.equal(name);
    picked.click();
    await el.updateComplete;
    expect(inDialog(el, '.chosen')!.textContent, 'the relation clicked is chosen').to.contain(name);
    expect(marked(el), 'the relation clicked is the one marked and announced').to.deep.equal({ announced: key, selected: [key] });
    combobox(el).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(inDialog(el, '.chosen')!.textContent, 'Enter in the box keeps the relation clicked').to.contain(name);
  });

  it('copy: a relation clicked while newer text is still to be searched stays the active one once that search would have answered', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact!.id);
    await act(el, { action: 'copy' });
    await search(el, '');
    // Each search of the dialog, answered or not.
    const searches: Promise<unknown>[] = [];
    const list = adapter.relations.list.bind(adapter.relations);
    adapter.relations.list = (query) => {
      const answer = list(query);
      searches.push(answer);
      return answer;
    };
    // Typed and taken back: the results shown wait for a search of the text now in the box.
    enter(combobox(el), 'a');
    enter(combobox(el), '');
    await el.updateComplete;
    const picked = results(el)[2]!;
    const [name, key] = [nameOf(picked), picked.getAttribute('data-key')];
    picked.click();
    await el.updateComplete;
    // Longer than the typing pause before a search (its timer, set first, fires first however slow
    // the machine): the click took the place of the search due, so none was made.
    await new Promise((resolve) => setTimeout(resolve, 600));
    await Promise.allSettled(searches);
    await el.updateComplete;
    expect(searches.length, 'no search of the text typed before the click').to.equal(0);
    expect(marked(el), 'the relation clicked is still the one marked and announced').to.deep.equal({ announced: key, selected: [key] });
    combobox(el).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(inDialog(el, '.chosen')!.textContent, 'Enter keeps the relation clicked').to.contain(name);
  });

  it('search: the contact clicked is the one marked when the user stays for unsaved edits, and Enter opens it', async () => {
    const { adapter, contact } = await world();
    const el = await mount(adapter, contact!.id);
    enter($<HTMLInputElement>(el, '#field-firstName')!, 'Gewijzigd');
    await el.updateComplete;
    await act(el, { action: 'search' });
    await search(el, '');
    const picked = results(el)[2]!;
    const key = picked.getAttribute('data-key');
    expect(results(el)[0]!.getAttribute('data-key'), 'another contact is listed first').to.not.equal(key);
    picked.click();
    // Asked about the unsaved edits; Cancel comes back to the results.
    await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.ask')?.open && $(el, 'dialog.ask form'), 'the question about unsaved edits');
    $<HTMLButtonElement>(el, 'dialog.ask button[value="cancel"]')!.click();
    await waitUntil(() => !$(el, 'dialog.ask form'), 'the question to close');
    await el.updateComplete;
    expect(dialog(el)?.open, 'the search stays open').to.equal(true);
    expect(marked(el), 'the contact clicked is the one marked and announced').to.deep.equal({ announced: key, selected: [key] });
    const opened = opens(el);
    combobox(el).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.ask')?.open && $(el, 'dialog.ask form'), 'the question again');
    $<HTMLButtonElement>(el, 'dialog.ask button[value="discard"]')!.click();
    await waitUntil(() => opened.length > 0, 'a contact opened', { timeout: 4000 });
    expect(opened, 'Enter opens the contact clicked').to.deep.equal([key]);
  });
});

describe('search list: keys that belong to an input method', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  for (const how of ['composing', 'keyCode 229'] as const) {
    it(`search: the Enter that ends a composition (${how}) opens no contact`, async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact!.id);
      await act(el, { action: 'search' });
      await search(el, 'a');
      const opened = opens(el);
      imeKey(el, 'Enter', how);
      await realKeyAfter(el);
      expect({ opened, open: Boolean(dialog(el)?.open), contactId: el.contactId }).to.deep.equal({ opened: [], open: true, contactId: contact!.id });
    });

    it(`copy: the Enter that ends a composition (${how}) picks no relation`, async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact!.id);
      await act(el, { action: 'copy' });
      await search(el, 'a');
      const before = inDialog(el, '.chosen')!.textContent;
      imeKey(el, 'Enter', how);
      await realKeyAfter(el);
      expect(inDialog(el, '.chosen')!.textContent, 'no relation chosen').to.equal(before);
    });

    for (const action of ['search', 'copy'] as const) {
      it(`${action}: the Escape of a composition (${how}) keeps the dialog and the text typed`, async () => {
        const { adapter, contact } = await world();
        const el = await mount(adapter, contact!.id);
        await act(el, { action });
        enter(combobox(el), 'Jan');
        await el.updateComplete;
        const event = imeKey(el, 'Escape', how);
        await el.updateComplete;
        expect(Boolean(dialog(el)?.open), 'the dialog stays open').to.equal(true);
        expect({ value: combobox(el).value, refused: event.defaultPrevented }, 'with the text; the key left to the input method').to.deep.equal({ value: 'Jan', refused: false });
      });
    }
  }
});
