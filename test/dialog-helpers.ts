import { expect } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftButtonBar } from '../src/button-bar/button-bar.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { Contact } from '../src/data/contract/model.js';
import type { IndexedDbAdapter } from '../src/data/adapters/indexeddb-adapter.js';
import { LiftActionEvent } from '../src/events.js';
import '../src/lift-contact-card.js';
import { mountCard } from './harness.js';
import { demoWorld } from './worlds.js';

// What the tests of the card's action dialogs share: a world, the card, its dialog, typing.

/** A small seeded demo world; `role` acts as that kind of user. */
export async function world(role?: 'employee' | 'viewer') {
  const { adapter, seeded } = await demoWorld();
  if (role) adapter.session.setUser({ id: `u-${role}`, name: role, role });
  const contact = await adapter.contacts.get(seeded.contactIds[0]!);
  return { adapter, seeded, contact };
}

export const mount = (adapter: IndexedDbAdapter, contactId: string) => mountCard(adapter, contactId);

export const $ = <T extends HTMLElement = HTMLElement>(el: LiftContactCard, selector: string) => el.shadowRoot!.querySelector<T>(selector);
export const bar = (el: LiftContactCard) => $<LiftButtonBar>(el, 'lift-button-bar')!;
// The open action dialog; none once it closed (the card removes it).
export const dialog = (el: LiftContactCard) => $<HTMLDialogElement>(el, 'dialog.action')!;
export const inDialog = <T extends HTMLElement = HTMLElement>(el: LiftContactCard, selector: string) => dialog(el).querySelector<T>(selector);
export const deepActive = (el: LiftContactCard) => {
  let active = el.shadowRoot!.activeElement as HTMLElement | null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as HTMLElement;
  return active;
};


/** Sends an action from the card's bar, as a press or a menu choice would, and waits for its dialog. */
export async function act(el: LiftContactCard, detail: ConstructorParameters<typeof LiftActionEvent>[0]) {
  bar(el).dispatchEvent(new LiftActionEvent(detail));
  // The dialog's code loads on first use: on a busy machine that can take more than a second.
  await waitUntil(() => dialog(el)?.open, `the ${detail.action} dialog`);
  await el.updateComplete;
}

/**
 * Enters text in a field as typing does (value, then an input event). WebKit's WebDriver drops
 * repeated letters when typing, so text goes in this way; keys that move and choose are real.
 */
export function enter(input: HTMLInputElement, text: string) {
  input.focus();
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** Types into the dialog's search field and waits for the answer. */
export async function search(el: LiftContactCard, text: string) {
  const input = inDialog<HTMLInputElement>(el, '[role="combobox"]')!;
  enter(input, text);
  // The list is busy from the keystroke (the pause before the query) until this text's answer.
  await el.updateComplete;
  expect(inDialog(el, '[role="listbox"]')?.getAttribute('aria-busy'), 'busy as soon as the text changes').to.equal('true');
  await waitUntil(() => inDialog(el, '[role="listbox"]')?.getAttribute('aria-busy') === 'false' && input.value === text, 'results', { timeout: 4000 });
  await el.updateComplete;
}

export const options = (el: LiftContactCard) => [...dialog(el).querySelectorAll('[role="option"]')].map((o) => o.querySelector('.result-name')!.textContent!.trim());

/** Opens the copy dialog and picks another relation by typing its name and pressing Enter. */
export async function copyDialogTo(adapter: IndexedDbAdapter, contact: Contact) {
  const target = (await adapter.relations.list({ limit: 50 })).items.find((r) => r.id !== contact.relationId)!;
  const el = await mount(adapter, contact.id);
  await act(el, { action: 'copy' });
  await search(el, target.name);
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
  expect(dialog(el).textContent).to.include(`The copy goes to ${target.name}.`);
  return { el, target };
}
