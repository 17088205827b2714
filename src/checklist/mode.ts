import { storedCardMode, type ChecklistItemDefinition, type ChecklistMode } from '../data/contract/model.js';

/**
 * The mode that applies to `item` for a card in `status`. A card without a status (a contact)
 * gets the mode every adapter enforces for it: the item's `archived` mode when archived, else
 * the strictest of its modes.
 */
export function modeFor(item: ChecklistItemDefinition, status: string | null | undefined, archived = false): ChecklistMode {
  // No status: unset, empty, or the attribute removed (null).
  if (!status) return storedCardMode(item, archived);
  return item.modeByStatus[status] || item.mode;
}
