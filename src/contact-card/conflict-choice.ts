import type { Contact, ContactField } from '../data/contract/model.js';
import { ContactDraft, type Conflict, type FieldConflict, type MergeResult } from './contact-draft.js';

/** What the user's choices in a conflict make of `draft`: their record, with my merged edits and the conflicting fields where I kept mine. */
export function chosenDraft({ theirs, merged, conflicts, choices }: Conflict, draft: ContactDraft): ContactDraft {
  const edits: Partial<Record<ContactField, string>> = {};
  for (const field of merged) edits[field] = draft.value(field);
  for (const item of conflicts) if (choices[item.field] === 'mine') edits[item.field] = item.mine;
  return ContactDraft.of(theirs).rebase(theirs, edits);
}

/**
 * The choices made in a conflict dialog closed without applying them (Escape, Cancel), for the
 * next one on the same contact: each stays where the same two values still meet, so a dialog
 * closed by mistake does not ask again what was answered. A value changed since is asked anew.
 */
function keptChoices(closed: Conflict | undefined, theirs: Contact, conflicts: readonly FieldConflict[]): Conflict['choices'] {
  const choices: Conflict['choices'] = {};
  if (closed?.theirs.id !== theirs.id) return choices;
  for (const item of conflicts) {
    const before = closed.conflicts.find((c) => c.field === item.field);
    const choice = closed.choices[item.field];
    if (choice && before?.mine === item.mine && before.theirs === item.theirs) choices[item.field] = choice;
  }
  return choices;
}

/** The conflict to ask the user about: my edits met `theirs`; `merged` went on top by itself, `conflicts` need a choice (those of `closed` kept where they hold). */
export function askAbout(theirs: Contact, { merged, conflicts }: MergeResult, mode: Conflict['mode'], closed: Conflict | undefined): Conflict {
  return { theirs, conflicts, merged: Object.keys(merged) as ContactField[], choices: keptChoices(closed, theirs, conflicts), mode };
}
