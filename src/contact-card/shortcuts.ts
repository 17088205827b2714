import type { LiftButtonBar } from '../button-bar/button-bar.js';

/**
 * Whether `event` is the key of `letter` (a to z): by the letter a Latin layout types (Dvorak's S
 * is where QWERTY has ;), else by the key's place (Ctrl+S on a Russian layout types "ы" on the
 * key where QWERTY has S, as browsers and other programs take it).
 */
export const isLetter = (event: KeyboardEvent, letter: string): boolean =>
  /^[a-z]$/i.test(event.key) ? event.key.toLowerCase() === letter : event.code === `Key${letter.toUpperCase()}`;

/**
 * The card's keys, each standing for a button of its bar: Ctrl+S (⌘S on a Mac) for Save, and
 * Alt+Page Up / Alt+Page Down for the previous and next contact of its selection.
 *
 * Ctrl+S in a form of the card's own parts (recording an activity, correcting an entry) saves
 * that form, with its own checks, rather than the personal details. A dialog of the card that
 * is open holds what the user typed in it: the keys wait (a host's dialog holding the card does
 * not count). With nothing to save, Ctrl+S is the browser's.
 *
 * Returns the bar's action the key stands for, to be told to the host and performed, if any.
 */
export function shortcutAction(card: HTMLElement, event: KeyboardEvent, canSave: boolean): 'save' | 'previous' | 'next' | undefined {
  const save = (event.ctrlKey || event.metaKey) && !event.altKey && isLetter(event, 's');
  const move = event.altKey && (event.key === 'PageUp' || event.key === 'PageDown');
  if (!save && !move) return undefined;
  const path = event.composedPath();
  const inside = path.slice(0, path.indexOf(card));
  const form = inside.find((node): node is HTMLFormElement => node instanceof HTMLFormElement);
  const own = form && !form.matches('form.personal');
  if (save && !own && !canSave) return undefined;
  event.preventDefault();
  if (inside.some((node) => node instanceof HTMLDialogElement && node.open)) return undefined;
  if (save && own) return void form.requestSubmit();
  const action = save ? 'save' : event.key === 'PageUp' ? 'previous' : 'next';
  // A key does what its button does: nothing while the card's bar shows that button disabled
  // (a save on its way, the first or last contact of the selection, no selection).
  return card.shadowRoot?.querySelector<LiftButtonBar>('lift-button-bar')?.isDisabled(action) ? undefined : action;
}
