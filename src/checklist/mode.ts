import type { ChecklistItemDefinition, ChecklistMode } from '../data/model.js';

/** The mode that applies to `item` for a card in `status`. */
export function modeFor(item: ChecklistItemDefinition, status: string | undefined): ChecklistMode {
  return (status !== undefined && item.modeByStatus[status]) || item.mode;
}
