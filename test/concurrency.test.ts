import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { ContactDraft } from '../src/contact-card/contact-draft.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import type { IndexedDbAdapter } from '../src/data/adapters/indexeddb-adapter.js';
import type { Contact, ContactField } from '../src/data/contract/model.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';

// Concurrent editors on one contact: three adapter instances on one IndexedDB database (as three
// tabs would have), each editing and saving the way the card does — changed fields only, with the
// version it loaded; on a conflict, what does not overlap merges by itself and each overlapping
// field is settled by a choice (mine / theirs) — with fast-check's scheduler choosing the order in
// which their reads and writes complete.

const FIELDS: ContactField[] = ['firstName', 'jobTitle', 'department', 'notes'];
const EDITORS = 3;

type Command = { editor: number; kind: 'edit'; field: ContactField; value: string } | { editor: number; kind: 'save'; keepMine: boolean };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ editor: fc.nat(EDITORS - 1), kind: fc.constant('edit' as const), field: fc.constantFrom(...FIELDS), value: fc.constantFrom('a', 'b', 'c', '') }),
  fc.record({ editor: fc.nat(EDITORS - 1), kind: fc.constant('save' as const), keepMine: fc.boolean() }),
);

interface Landed {
  version: number;
  changes: Partial<Record<ContactField, string>>;
}

describe('concurrent editors (fast-check scheduler)', function () {
  this.timeout(120_000);
  afterEach(() => dropDatabases());

  it('every save lands or is settled by a choice; the final record is every landed change, in order', async () => {
    let interleavings = 0;
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(command, { minLength: 2, maxLength: 14 }), async (s, commands) => {
        interleavings++;
        const first = freshIndexedDbAdapter();
        const relation = await first.relations.create({ kind: 'client', name: 'Gedeeld' });
        const start = await first.contacts.create({ relationId: relation.id, lastName: 'Gedeeld' });
        const adapters: IndexedDbAdapter[] = [first, ...Array.from({ length: EDITORS - 1 }, () => freshIndexedDbAdapter({ databaseName: first.databaseName }))];
        const landed: Landed[] = [];

        /** An editor: its own draft, its own adapter; each call's completion order is the scheduler's. */
        const editor = async (index: number, script: Command[]) => {
          const adapter = adapters[index]!;
          const get = s.scheduleFunction(async (id: string) => adapter.contacts.get(id));
          // Outcomes travel as values through the scheduler, so a conflict is never an unhandled rejection there.
          const scheduledUpdate = s.scheduleFunction(async (id: string, version: number, changes: Partial<Contact>) =>
            adapter.contacts.update(id, version, changes).then(
              (saved) => ({ saved }),
              (error: unknown) => ({ error }),
            ),
          );
          const update = async (id: string, version: number, changes: Partial<Contact>) => {
            const outcome = await scheduledUpdate(id, version, changes);
            if ('error' in outcome) throw outcome.error;
            return outcome.saved;
          };
          let draft = ContactDraft.of(await get(start.id));
          for (const step of script) {
            if (step.kind === 'edit') {
              draft = draft.with(step.field, step.value);
              continue;
            }
            // Save as the card does, merging and choosing until it lands (or there is nothing left).
            for (let attempt = 0; draft.dirty; attempt++) {
              if (attempt > 20) throw new Error('a save never landed');
              try {
                const saved = await update(start.id, draft.base.version, draft.changes);
                landed.push({ version: saved.version, changes: draft.changes });
                draft = ContactDraft.of(saved);
              } catch (error) {
                if (!LiftDataError.is(error, 'conflict')) throw error;
                const theirs = (error.current as Contact | undefined) ?? (await get(start.id));
                const { merged, conflicts } = draft.merge(theirs);
                const edits: Partial<Record<ContactField, string>> = { ...merged };
                // The user's choice per overlapping field: keep mine, or take theirs (drop the edit).
                for (const conflict of conflicts) if (step.keepMine) edits[conflict.field] = conflict.mine;
                draft = ContactDraft.of(theirs).rebase(theirs, edits);
              }
            }
          }
          return draft;
        };

        // Each editor ends with a save (keeping its own values), as a user finishing up would.
        const scripts = adapters.map((_, i): Command[] => [...commands.filter((c) => c.editor === i), { editor: i, kind: 'save', keepMine: true }]);
        const running = Promise.all(adapters.map((_, i) => editor(i, scripts[i]!)));
        await s.waitFor(running);
        const drafts = await running;
        const final = await first.contacts.get(start.id);

        // Versions are consecutive: no save ever replaced another it had not seen.
        const versions = landed.map((l) => l.version).sort((a, b) => a - b);
        expect(versions).to.deep.equal(versions.map((_, i) => start.version + 1 + i));
        expect(final.version).to.equal(start.version + landed.length);
        // Replaying the landed changes in version order gives exactly the stored record.
        const replay: Record<string, string> = Object.fromEntries(FIELDS.map((f) => [f, start[f]]));
        let changedFields = 0;
        for (const l of [...landed].sort((a, b) => a.version - b.version)) {
          for (const [field, value] of Object.entries(l.changes)) if (replay[field] !== value) changedFields++;
          Object.assign(replay, l.changes);
        }
        expect(Object.fromEntries(FIELDS.map((f) => [f, final[f]]))).to.deep.equal(replay);
        // Nothing left unsaved: every edit landed, or its editor chose theirs for that field.
        for (const draft of drafts) expect(draft.dirty).to.equal(false);
        // The overview recorded one change entry per field each landed save changed.
        const entries = (await first.timeline.all(start.id)).filter((e) => e.kind === 'change');
        expect(entries.length).to.equal(changedFields);
        for (const adapter of adapters) adapter.close();
      }),
      { numRuns: 25 },
    );
    expect(interleavings).to.be.at.least(25);
  });
});
