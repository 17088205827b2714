import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import type { ContactField } from '../src/data/contract/model.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import { validateContactField } from '../src/data/contract/validation.js';
import { dropDatabases, freshIndexedDbAdapter, uniqueDatabaseName } from './db.js';

// Model-based tests: random sequences of contact and timeline operations run against an adapter
// and against a plain Map model; after every step the two must agree.

interface ModelContact {
  fields: Partial<Record<ContactField, string>>;
  version: number;
  archived: boolean;
  /** Order of last modification; higher is newer. */
  touched: number;
  entries: number;
}
interface Model {
  contacts: Map<string, ModelContact>;
  ids: string[];
  clock: number;
}
interface Real {
  adapter: LiftAdapter;
  relationId: string;
  reopen?: () => LiftAdapter;
}

type Command = fc.AsyncCommand<Model, Real>;

const pick = (model: Model, index: number) => model.ids[index % model.ids.length]!;

async function outcome<T>(run: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; code: string }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (!LiftDataError.is(error)) throw error;
    return { ok: false, code: error.code };
  }
}

class CreateContact implements Command {
  constructor(readonly lastName: string) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const result = await outcome(() => real.adapter.contacts.create({ relationId: real.relationId, lastName: this.lastName }));
    if (validateContactField('lastName', this.lastName)) {
      expect(result).to.deep.equal({ ok: false, code: 'validation' });
      return;
    }
    if (!result.ok) throw new Error(`create failed with ${result.code}`);
    expect(result.value.version).to.equal(1);
    model.contacts.set(result.value.id, { fields: { lastName: this.lastName }, version: 1, archived: false, touched: ++model.clock, entries: 0 });
    model.ids.push(result.value.id);
  }
  toString = () => `create(${JSON.stringify(this.lastName)})`;
}

class UpdateField implements Command {
  constructor(readonly index: number, readonly field: ContactField, readonly value: string, readonly stale: boolean) {}
  check = (model: Readonly<Model>) => model.ids.length > 0;
  async run(model: Model, real: Real) {
    const id = pick(model, this.index);
    const m = model.contacts.get(id)!;
    const expected = this.stale ? m.version - 1 : m.version;
    const result = await outcome(() => real.adapter.contacts.update(id, expected, { [this.field]: this.value }));
    const invalid = validateContactField(this.field, this.value);
    const unchanged = (m.fields[this.field] ?? '') === this.value;
    if (invalid) return void expect(result).to.deep.equal({ ok: false, code: 'validation' });
    if (expected !== m.version) return void expect(result).to.deep.equal({ ok: false, code: 'conflict' });
    if (m.archived && !unchanged) return void expect(result).to.deep.equal({ ok: false, code: 'validation' });
    if (m.archived) return void expect(result.ok ? 'ok' : result.code).to.be.oneOf(['ok', 'validation']);
    if (!result.ok) throw new Error(`update failed with ${result.code}`);
    if (!unchanged) {
      m.fields[this.field] = this.value;
      m.version++;
      m.touched = ++model.clock;
      m.entries++;
    }
    expect(result.value.version).to.equal(m.version);
    expect(result.value[this.field]).to.equal(this.value);
  }
  toString = () => `update(#${this.index}, ${this.field}=${JSON.stringify(this.value)}${this.stale ? ', stale' : ''})`;
}

class SetArchived implements Command {
  constructor(readonly index: number, readonly archived: boolean) {}
  check = (model: Readonly<Model>) => model.ids.length > 0;
  async run(model: Model, real: Real) {
    const id = pick(model, this.index);
    const m = model.contacts.get(id)!;
    const saved = await real.adapter.contacts.setArchived(id, m.version, this.archived);
    if (m.archived !== this.archived) {
      m.archived = this.archived;
      m.version++;
      m.touched = ++model.clock;
      m.entries++;
    }
    expect([saved.archived, saved.version]).to.deep.equal([m.archived, m.version]);
  }
  toString = () => `archive(#${this.index}, ${this.archived})`;
}

class AddNote implements Command {
  constructor(readonly index: number, readonly text: string) {}
  check = (model: Readonly<Model>) => model.ids.length > 0;
  async run(model: Model, real: Real) {
    const id = pick(model, this.index);
    const m = model.contacts.get(id)!;
    const result = await real.adapter.timeline.add({ contactId: id, kind: 'note', subject: 'Notitie', body: this.text }).then(
      () => ({ ok: true as const }),
      (error: LiftDataError) => ({ ok: false as const, code: error.code }),
    );
    // An archived contact is read-only: its overview takes no note either.
    if (m.archived) return void expect(result).to.deep.equal({ ok: false, code: 'validation' });
    expect(result).to.deep.equal({ ok: true });
    m.entries++;
  }
  toString = () => `note(#${this.index})`;
}

/** Compares everything observable: the contact list (order included), each record, each count. */
class CheckAll implements Command {
  check = () => true;
  async run(model: Model, real: Real) {
    const listed = (await real.adapter.contacts.list({ limit: 500 })).items.map((c) => c.id);
    const expected = [...model.contacts].filter(([, m]) => !m.archived).sort(([, a], [, b]) => b.touched - a.touched).map(([id]) => id);
    expect(listed).to.deep.equal(expected);
    for (const [id, m] of model.contacts) {
      const contact = await real.adapter.contacts.get(id);
      expect([contact.version, contact.archived]).to.deep.equal([m.version, m.archived]);
      for (const [field, value] of Object.entries(m.fields)) expect(contact[field as ContactField]).to.equal(value);
      expect(await real.adapter.timeline.count(id)).to.equal(m.entries);
    }
  }
  toString = () => 'checkAll';
}

/** Closes the IndexedDB adapter and opens a new one on the same database. */
class Reopen implements Command {
  check = () => true;
  async run(_model: Model, real: Real) {
    real.adapter.close?.();
    real.adapter = real.reopen!();
  }
  toString = () => 'reopen';
}

const fieldValue = fc.oneof(
  fc.constantFrom('', 'Jansen', 'de Vries', 'Ümit Öztürk', 'a@b.nl', 'geen-adres', '+31 20 123 4567', '06-1234'),
  fc.string({ minLength: 1, maxLength: 12 }),
);
const field = fc.constantFrom<ContactField>('lastName', 'firstName', 'email', 'phone', 'jobTitle');

/** fc.commands has no weights: an arbitrary listed n times is picked n times as often. */
const weighted = (arbitrary: fc.Arbitrary<Command>, weight: number) => Array<fc.Arbitrary<Command>>(weight).fill(arbitrary);

function commands(withReopen: boolean, maxCommands: number) {
  return fc.commands(
    [
      ...weighted(fc.constantFrom('Bakker', 'Visser', 'Smit', 'Jansen', '', '  ').map((n) => new CreateContact(n)), 3),
      ...weighted(fc.tuple(fc.nat(), field, fieldValue, fc.boolean()).map(([i, f, v, s]) => new UpdateField(i, f, v, s)), 4),
      fc.tuple(fc.nat(), fc.boolean()).map(([i, a]) => new SetArchived(i, a)),
      fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 20 })).map(([i, t]) => new AddNote(i, t)),
      ...weighted(fc.constant(new CheckAll()), 2),
      ...(withReopen ? [fc.constant(new Reopen())] : []),
    ],
    { maxCommands },
  );
}

const emptyModel = (): Model => ({ contacts: new Map(), ids: [], clock: 0 });

describe('adapters against a model (fast-check)', () => {
  afterEach(() => dropDatabases());

  it('MemoryAdapter agrees with the model', async () => {
    await fc.assert(
      fc.asyncProperty(commands(false, 40), async (cmds) => {
        const adapter = new MemoryAdapter();
        const relation = await adapter.relations.create({ kind: 'client', name: 'Model BV' });
        await fc.asyncModelRun(() => ({ model: emptyModel(), real: { adapter, relationId: relation.id } }), [...cmds, new CheckAll()]);
      }),
      { numRuns: 60 },
    );
  });

  it('IndexedDbAdapter agrees with the model, across close and reopen', async () => {
    await fc.assert(
      fc.asyncProperty(commands(true, 30), async (cmds) => {
        const databaseName = uniqueDatabaseName('model');
        const adapter = freshIndexedDbAdapter({ databaseName });
        const relation = await adapter.relations.create({ kind: 'client', name: 'Model BV' });
        const real: Real = { adapter, relationId: relation.id, reopen: () => freshIndexedDbAdapter({ databaseName }) };
        try {
          await fc.asyncModelRun(() => ({ model: emptyModel(), real }), [...cmds, new CheckAll()]);
        } finally {
          await dropDatabases();
        }
      }),
      { numRuns: 15 },
    );
  });
});
