import type { ContactField } from '../data/contract/model.js';
import { ContactDraft, type Conflict } from './contact-draft.js';

/** What the user's choices in a conflict make of `draft`: their record, with my merged edits and the conflicting fields where I kept mine. */
export function chosenDraft({ theirs, merged, conflicts, choices }: Conflict, draft: ContactDraft): ContactDraft {
  const edits: Partial<Record<ContactField, string>> = {};
  for (const field of merged) edits[field] = draft.value(field);
  for (const item of conflicts) if (choices[item.field] === 'mine') edits[item.field] = item.mine;
  return ContactDraft.of(theirs).rebase(theirs, edits);
}
