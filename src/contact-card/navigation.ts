import { LiftContactOpenEvent } from '../events.js';
import type { EditSession } from './edit-session.js';
import { selectionIds } from './tabs.js';

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

/** Each card's moves so far: a move waits for its question and a save, and a newer one may be made meanwhile. */
const moves = new WeakMap<NavigatingCard, number>();

/**
 * Begins a move; the function answers whether it still applies: no newer move began meanwhile
 * and the card still shows the contact it began on (a host may have set another).
 */
function begin(card: NavigatingCard): () => boolean {
  const move = (moves.get(card) ?? 0) + 1;
  moves.set(card, move);
  const from = card.contactId;
  return () => moves.get(card) === move && card.contactId === from;
}

/** Shows another contact, with nothing asked. */
export async function switchTo(card: NavigatingCard, id: string): Promise<void> {
  // A move waiting for its question or save (which may land after this) no longer applies.
  begin(card);
  const hadFocus = card.matches(':focus-within');
  card.contactId = id;
  await card.loaded;
  await card.updateComplete;
  if (hadFocus && card.contactId === id && !card.matches(':focus-within')) card.renderRoot.querySelector<HTMLElement>('[part~="name"]')?.focus();
}

/** The previous (-1) or next (1) contact of the selection, if there is one. */
export async function step(card: NavigatingCard, session: Session, by: -1 | 1): Promise<void> {
  const target = () => {
    const ids = selectionIds(card.selection) ?? [];
    const index = card.contactId ? ids.indexOf(card.contactId) : -1;
    return index < 0 ? undefined : ids[index + by];
  };
  if (!target()) return;
  // Only the newest move applies: a save answered for this one may land after the user moved on.
  const current = begin(card);
  if (!(await session.settle('unsavedLeave')) || !current()) return;
  // The one beside it in the selection as it is now (a host may have changed it meanwhile).
  const id = target();
  if (id) await switchTo(card, id);
}

/** Another contact the user chose in a part of the card: the host is told first and may navigate instead. */
export async function openOther(card: NavigatingCard, session: Session, id: string, from: LiftContactOpenEvent['detail']['from']): Promise<void> {
  const current = begin(card);
  if (!(await session.settle('unsavedLeave')) || !current()) return;
  if (card.dispatchEvent(new LiftContactOpenEvent(id, from))) await switchTo(card, id);
}
