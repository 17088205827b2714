import { LiftContactOpenEvent } from '../events.js';
import type { EditSession } from './edit-session.js';

// Moving the card to another contact: the previous or next one of its `selection`, or one the
// user chose in a part of it. Unsaved edits are settled first (saved, discarded or the move
// cancelled), and focus that was in the card lands on the new contact's name.

/** What moving between contacts needs of the card. */
export interface NavigatingCard extends HTMLElement {
  contactId: string | undefined;
  selection: string[] | undefined;
  readonly loaded: Promise<void>;
  readonly updateComplete: Promise<boolean>;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

type Session = Pick<EditSession, 'settle'>;

/** Shows another contact, with nothing asked. */
export async function switchTo(card: NavigatingCard, id: string): Promise<void> {
  const hadFocus = card.matches(':focus-within');
  card.contactId = id;
  await card.loaded;
  await card.updateComplete;
  if (hadFocus && card.contactId === id && !card.matches(':focus-within')) card.renderRoot.querySelector<HTMLElement>('[part~="name"]')?.focus();
}

/** The previous (-1) or next (1) contact of the selection, if there is one. */
export async function step(card: NavigatingCard, session: Session, by: -1 | 1): Promise<void> {
  const ids = card.selection ?? [];
  const index = card.contactId ? ids.indexOf(card.contactId) : -1;
  const target = index < 0 ? undefined : ids[index + by];
  if (target && (await session.settle('unsavedLeave'))) await switchTo(card, target);
}

/** Another contact the user chose in a part of the card: the host is told first and may navigate instead. */
export async function openOther(card: NavigatingCard, session: Session, id: string, from: LiftContactOpenEvent['detail']['from']): Promise<void> {
  if (!(await session.settle('unsavedLeave'))) return;
  if (card.dispatchEvent(new LiftContactOpenEvent(id, from))) await switchTo(card, id);
}
