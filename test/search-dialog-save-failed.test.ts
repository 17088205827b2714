import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import { waitUntil } from './helpers.js';
import { dropDatabases } from './db.js';
import { withFaults } from './faults.js';
import { listen, mountCard } from './harness.js';
import { $, bar, deepActive, dialog, enter, inDialog, options, search, world } from './dialog-helpers.js';

afterEach(dropDatabases);

// Unsaved edits on the card; Search opened from the bar with the keyboard; a result chosen, and
// the question about the edits answered with the keyboard.
// Few buttons, so Search stays in the row however wide the page (not in "More actions").
const mountCardOn = (adapter: Parameters<typeof mountCard>[0], id: string) => mountCard(adapter, id, { buttons: 'save search' });
const searchButton = (el: LiftContactCard) => bar(el).shadowRoot!.querySelector<HTMLButtonElement>('[data-action="search"]')!;

async function chooseOverSearch(el: LiftContactCard, answer: 'Save' | 'Cancel') {
  // The bar may be rendering anew (WebKit, under load): its buttons come a moment later.
  await waitUntil(() => searchButton(el), 'the Search button');
  searchButton(el).focus();
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => dialog(el)?.open, 'the search dialog');
  await el.updateComplete;
  await search(el, 'a');
  inDialog<HTMLInputElement>(el, '[role="combobox"]')!.focus();
  await sendKeys({ press: 'ArrowDown' });
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.ask')?.open && $(el, 'dialog.ask form'), 'the question about unsaved edits');
  [...$(el, 'dialog.ask')!.querySelectorAll('button')].find((button) => button.textContent!.trim() === answer)!.focus();
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => !$(el, 'dialog.ask form'), 'the question to close');
  await el.updateComplete;
}

/** The card's error banner, its words and whether it is out of reach behind an open modal dialog. */
const banner = (el: LiftContactCard) => {
  const shown = $(el, '[part~="banner"][part~="error"][role="alert"]');
  return { words: shown?.textContent?.replace(/\s+/g, ' ').trim() ?? '', behindModal: Boolean(el.shadowRoot!.querySelector('dialog[open].action, dialog[open].ask')) };
};

describe('a Save chosen over the search results that fails', () => {
  it('an invalid field: the search closes, the card says why and focus is in the field to correct', async () => {
    const { adapter, contact } = await world();
    const el = await mountCardOn(adapter, contact.id);
    enter($<HTMLInputElement>(el, '#field-email')!, 'not an address');
    await el.updateComplete;
    const heard = listen(el);
    await chooseOverSearch(el, 'Save');
    await waitUntil(() => !dialog(el), 'the search dialog to close');
    await waitUntil(() => deepActive(el)?.id === 'field-email', `focus in the e-mail field (on ${deepActive(el)?.id || deepActive(el)?.localName})`);
    await el.updateComplete;
    const field = deepActive(el) as HTMLInputElement;
    expect({ value: field.value, invalid: field.getAttribute('aria-invalid') }).to.deep.equal({ value: 'not an address', invalid: 'true' });
    expect(banner(el)).to.deep.equal({ words: 'Correct 1 field first.', behindModal: false });
    await waitUntil(() => heard.includes('Correct 1 field first.'), `the reason said (heard: ${JSON.stringify(heard)})`);
    expect([el.contactId, el.dirty], 'the contact and its edits stay').to.deep.equal([contact.id, true]);

    // Corrected from there, the same way on opens the chosen contact.
    enter(field, 'someone@example.org');
    await el.updateComplete;
    await chooseOverSearch(el, 'Save');
    await waitUntil(() => el.contactId !== contact.id && !dialog(el), 'the chosen contact to open');
    expect((await adapter.contacts.get(contact.id)).email).to.equal('someone@example.org');
  });

  it('refused by the adapter: the search closes, the card says why, focus is back on Search', async () => {
    const { adapter, contact } = await world();
    const faults = withFaults(adapter);
    const el = await mountCardOn(faults.adapter, contact.id);
    enter($<HTMLInputElement>(el, '#field-firstName')!, 'Gewijzigd');
    await el.updateComplete;
    faults.fail('contacts.update', new LiftDataError('unavailable', 'down'));
    const heard = listen(el);
    await chooseOverSearch(el, 'Save');
    await waitUntil(() => !dialog(el), 'the search dialog to close');
    await waitUntil(() => bar(el).shadowRoot!.activeElement === searchButton(el), `focus back on Search (on ${deepActive(el)?.outerHTML.slice(0, 60)})`);
    const { words, behindModal } = banner(el);
    expect(behindModal, 'no modal dialog keeps the reason out of reach').to.equal(false);
    expect(words).to.match(/^Saving failed: .+ Your changes are still here; try again\. Try again$/);
    await waitUntil(() => heard.some((said) => said.startsWith('Saving failed: ')), `the reason said (heard: ${JSON.stringify(heard)})`);
    expect([el.contactId, el.dirty, $<HTMLInputElement>(el, '#field-firstName')!.value]).to.deep.equal([contact.id, true, 'Gewijzigd']);

    // The adapter answers again: Search, the same choice and Save open it.
    await chooseOverSearch(el, 'Save');
    await waitUntil(() => el.contactId !== contact.id && !dialog(el), 'the chosen contact to open');
    expect((await adapter.contacts.get(contact.id)).firstName).to.equal('Gewijzigd');
  });

  it('Cancel in the question still comes back to the results, nothing said of a failure', async () => {
    const { adapter, contact } = await world();
    const el = await mountCardOn(adapter, contact.id);
    enter($<HTMLInputElement>(el, '#field-email')!, 'not an address');
    await el.updateComplete;
    const heard = listen(el);
    await chooseOverSearch(el, 'Cancel');
    await waitUntil(() => inDialog(el, '[role="combobox"]') === deepActive(el), 'focus back in the search box');
    expect(dialog(el)?.open, 'the search stays open').to.equal(true);
    expect(options(el).length, 'with its results').to.be.above(0);
    expect([el.contactId, el.dirty, banner(el).words, heard.filter((said) => /Correct|Saving failed/.test(said))]).to.deep.equal([contact.id, true, '', []]);
  });
});
