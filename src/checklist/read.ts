import type { SharedReadsSource } from '../context/shared-reads.js';
import type { LiftAdapter } from '../data/contract/adapter.js';
import type { ChecklistState } from '../data/contract/model.js';
import type { ChecklistData } from './manage.js';
import { modeFor } from './mode.js';

/** Whose list to read, and how. */
export interface ChecklistRead {
  contactId: string | undefined;
  cardType: string;
  /** What a card around the list shares of the contact it shows, if it is inside one. */
  shared: ReturnType<SharedReadsSource>;
  /** Past what a card shares (after a change, or a refresh): asked of the adapter again. */
  fresh: boolean;
}

/**
 * A checklist's data: the definitions of its card type (in their order), the contact's states
 * and the contact. Inside a card on the same contact and adapter, through the card's reads.
 */
export async function readChecklist(adapter: LiftAdapter, { contactId, cardType, shared, fresh }: ChecklistRead, signal: AbortSignal): Promise<ChecklistData> {
  const checklists = adapter.checklists;
  if (!checklists) return { adapter, contact: undefined, definitions: [], states: new Map() };
  const reads = shared?.adapter === adapter && shared.contactId === contactId ? shared.reads : undefined;
  // A shared read serves others too: it is not cancelled with this load.
  const read = <T>(key: string, load: (options: { signal?: AbortSignal }) => Promise<T>) =>
    reads ? reads.get(key, () => load({}), fresh) : load({ signal });
  const [definitions, states, contact] = await Promise.all([
    read(`definitions:${cardType}`, (options) => checklists.definitions(cardType, options)),
    contactId ? read(`states:${contactId}`, (options) => checklists.states(contactId, options)) : Promise.resolve([]),
    contactId ? read(`contact:${contactId}`, (options) => adapter.contacts.get(contactId, options)) : Promise.resolve(undefined),
  ]);
  signal.throwIfAborted();
  return { adapter, contact, definitions: [...definitions].sort((a, b) => a.order - b.order), states: new Map(states.map((s) => [s.itemId, s])) };
}

/** Whether any item of `data` applies to a card in `status`; `undefined` until loaded. */
export const anyApplies = (data: ChecklistData | undefined, status: string | undefined): boolean | undefined =>
  data && data.definitions.some((d) => modeFor(d, status, Boolean(data.contact?.archived)) !== 'hidden');

/** Whether the user of `data` may manage the lookup list. */
export const mayManage = (data: ChecklistData | undefined): boolean => Boolean(data?.adapter.session.can('checklist-manage'));

/** Whether a stored state holds `change`: the tick and the note asked for. */
export const holds = (state: ChecklistState | undefined, change: { done?: boolean; note?: string }): boolean =>
  (change.done === undefined || Boolean(state?.done) === change.done) && (change.note === undefined || (state?.note ?? '') === change.note);
