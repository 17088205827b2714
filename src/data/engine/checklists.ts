import type { ChecklistsApi } from '../contract/adapter.js';
import { newId } from '../contract/ids.js';
import { CHECKLIST_MODES, type ChecklistItemDefinition, type ChecklistState, type FieldChange } from '../contract/model.js';
import { writableContact, type Engine } from './engine.js';
import { existing, expectActive, expectVersion, fail, LIMITS, requireString, storedCardMode, strip } from './rules.js';
import type { StoredRecord } from './store.js';

/**
 * Checklists: definitions per card type (managed by those with the right), and each contact's
 * states. An item's mode comes from the stored contact, so every adapter refuses the same changes.
 */
export function checklistsApi(engine: Engine): ChecklistsApi {
  return {
    // Hidden items are sent only to those who manage the list; their states to nobody.
    definitions: (cardType, options) =>
      engine.read(['checklistItems'], options, async (tx) => {
        engine.mayRead();
        return (await tx.getAll('checklistItems', [cardType], 'byCardType'))
          .filter((d) => options?.includeDeleted || !d.deleted)
          .filter((d) => engine.session.can('checklist-manage') || storedCardMode(d, {}) !== 'hidden')
          .map((d) => strip<ChecklistItemDefinition>(d));
      }),
    states: (contactId, options) =>
      engine.read(['checklistStates', 'checklistItems', 'contacts'], options, async (tx) => {
        const contact = (await engine.mayReadFor(tx, contactId)) ?? {};
        const states = await tx.getAll('checklistStates', [contactId]);
        const shown = await Promise.all(states.map(async (s) => {
          const item = await tx.get('checklistItems', s.itemId as string);
          return !item || storedCardMode(item, contact) !== 'hidden';
        }));
        return states.filter((_, i) => shown[i]).map((s) => strip<ChecklistState>(s));
      }),
    setState: async (contactId, itemId, expectedVersion, change) => {
      engine.require('checklist-edit', 'change checklists');
      if (typeof change !== 'object' || !change) fail('validation', 'A checklist change names done, a note or both.', { fields: { change: 'type' } });
      if (change.note !== undefined) requireString(change.note, 'note', LIMITS.note, false);
      if (change.done !== undefined && typeof change.done !== 'boolean') fail('validation', 'done must be true or false.', { fields: { done: 'type' } });
      return engine.write(['contacts', 'checklistItems', 'checklistStates', 'timeline'], async (tx, changes) => {
        const contact = await writableContact(engine, tx, contactId);
        expectActive(contact);
        const item = await tx.get('checklistItems', itemId);
        if (!item || item.deleted) fail('not-found', `There is no checklist item with id ${itemId}.`);
        if (storedCardMode(item!, contact) !== 'editable') fail('permission', 'This checklist item cannot be changed here.');
        const current = await tx.get('checklistStates', [contactId, itemId]);
        const currentVersion = (current?.version as number | undefined) ?? 0;
        expectVersion(current, expectedVersion, 'checklist item');
        const at = engine.timestamp();
        const before: ChecklistState = current ? strip<ChecklistState>(current) : { contactId, itemId, done: false, note: '', version: 0 };
        const next: ChecklistState = { ...before, version: currentVersion + 1 };
        const recorded: FieldChange[] = [];
        if (change.done !== undefined && change.done !== before.done) {
          next.done = change.done;
          if (change.done) Object.assign(next, { doneAt: at, doneBy: engine.user().name });
          else {
            delete next.doneAt;
            delete next.doneBy;
          }
          recorded.push({ field: 'done', old: String(before.done), new: String(change.done) });
        }
        if (change.note !== undefined && change.note !== before.note) {
          next.note = change.note;
          recorded.push({ field: 'note', old: before.note, new: change.note });
        }
        if (!recorded.length) return before;
        await tx.put('checklistStates', next as unknown as StoredRecord);
        engine.change(changes, current ? 'updated' : 'created', 'checklist', [itemId], contactId);
        for (const fieldChange of recorded) {
          const entry = engine.entry({
            contactId,
            kind: 'checklist',
            subject: item!.text as string,
            body: fieldChange.field === 'note' ? fieldChange.new : '',
            change: fieldChange,
            occurredAt: at,
          });
          await tx.put('timeline', entry as unknown as StoredRecord);
          engine.change(changes, 'created', 'timeline', [entry.id], contactId);
        }
        return next;
      });
    },
    saveDefinition: async (definition) => {
      engine.require('checklist-manage', 'manage checklists');
      // Changing a definition needs the right to read it too: else a stale version would answer
      // the conflict with the definition in it.
      if (definition?.id) engine.mayRead();
      const text = requireString(definition?.text, 'text', LIMITS.checklistText).trim();
      const category = requireString(definition.category ?? '', 'category', LIMITS.category, false).trim();
      const cardType = requireString(definition.cardType, 'cardType', 50);
      const modes = { mode: definition.mode, ...definition.modeByStatus };
      for (const [status, mode] of Object.entries(modes)) {
        if (!CHECKLIST_MODES.includes(mode)) fail('validation', `Unknown mode ${String(mode)} for ${status}.`, { fields: { mode: 'type' } });
      }
      if (!Number.isFinite(definition.order)) fail('validation', 'order must be a number.', { fields: { order: 'type' } });
      return engine.write(['checklistItems'], async (tx, changes) => {
        let version = 1;
        if (definition.id) {
          const current = await existing(tx, 'checklistItems', definition.id, 'checklist item');
          expectVersion(current, definition.version, 'checklist item');
          version = (current.version as number) + 1;
        }
        const saved: ChecklistItemDefinition = {
          id: definition.id ?? newId(),
          cardType,
          text,
          category,
          order: definition.order,
          mode: definition.mode,
          modeByStatus: { ...definition.modeByStatus },
          deleted: false,
          version,
        };
        await tx.put('checklistItems', saved as unknown as StoredRecord);
        engine.change(changes, definition.id ? 'updated' : 'created', 'checklist-definition', [saved.id]);
        return saved;
      });
    },
    deleteDefinition: async (id, expectedVersion) => {
      engine.require('checklist-manage', 'manage checklists');
      engine.mayRead();
      return engine.write(['checklistItems'], async (tx, changes) => {
        const current = await existing(tx, 'checklistItems', id, 'checklist item');
        expectVersion(current, expectedVersion, 'checklist item');
        const next = { ...current, deleted: true, version: expectedVersion + 1 };
        await tx.put('checklistItems', next);
        engine.change(changes, 'deleted', 'checklist-definition', [id]);
        return strip<ChecklistItemDefinition>(next);
      });
    },
  };
}
