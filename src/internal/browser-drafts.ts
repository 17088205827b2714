import type { LiftAdapter } from '../data/contract/adapter.js';

/**
 * What the elements keep in the browser so that a reload or a crash loses nothing the user
 * typed: the card's unsaved edits, the overview's half-written activity, a checklist note being
 * written. Every key begins with this, so `clearDrafts` (a host's sign-out) finds them all.
 */
export const DRAFT_PREFIX = 'lift-elements:draft:';

/** Drafts untouched this long are personal data kept for nothing: they are dropped when next read. */
export const DRAFT_DAYS = 30;

/** The storage key of what `adapter`'s current user keeps under `parts` (a kind and its record's ids). */
export const draftKey = (adapter: LiftAdapter, ...parts: string[]): string =>
  `${DRAFT_PREFIX}${adapter.scope ?? 'adapter'}:${adapter.session.currentUser().id}:${parts.join(':')}`;

/**
 * Keeps `record` under `key` with the time it was written, or removes the key (`record`
 * undefined). Without storage (a private mode, a full quota) it returns false: the draft is
 * then kept for the page only.
 */
export function keepDraft(key: string, record: object | undefined): boolean {
  try {
    if (record) localStorage.setItem(key, JSON.stringify({ ...record, savedAt: Date.now() }));
    else localStorage.removeItem(key);
    return true;
  } catch {
    return false;
  }
}

/** The record kept under `key`, if it is younger than {@link DRAFT_DAYS} days; an older one is removed. */
export function keptDraft(key: string): Record<string, unknown> | undefined {
  try {
    const record = JSON.parse(localStorage.getItem(key) ?? 'null') as Record<string, unknown> | null;
    if (!record || typeof record !== 'object') return undefined;
    // A time in milliseconds, or (as the card's drafts were first kept) an ISO date: Date reads both.
    if (Date.now() - new Date(record.savedAt as number | string).getTime() <= DRAFT_DAYS * 86_400_000) return record;
    keepDraft(key, undefined);
  } catch {
    // unreadable or no storage: nothing kept
  }
  return undefined;
}
