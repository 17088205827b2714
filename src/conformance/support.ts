// What the conformance kit stands on: the fixtures a partner's factory sets up, a few
// assertions that need no test library, and the test data built through the contract.
import type { Capability, ChangeListener, LiftAdapter } from '../data/contract/adapter.js';
import { LiftDataError, type LiftErrorCode } from '../data/contract/errors.js';
import type { Contact, DocumentTemplate, Relation, Role, User } from '../data/contract/model.js';
import type { OfflineFactory } from './offline.js';

/** What the kit asks the factory to set up before a test. */
export interface ConformanceFixtures {
  /** Act for this user. Default: a user of role `admin`. */
  user: User;
  /**
   * Roles the adapter must honour: `admin` holds every right; `writer` reads (archived records
   * too), keeps preferences, can `edit`, `create-work` and use `documents` but not archive, copy
   * or manage; `viewer` reads active records and runs `reports`; `outsider` has no right at all.
   */
  roles: Role[];
  /** Document templates the adapter must offer (they cannot be created through the contract). */
  templates: DocumentTemplate[];
}

export type TestFn = () => Promise<void> | void;
/** Declares one test (the runner's `it`, or a skip for a capability the adapter lacks). */
export type Test = (name: string, body: TestFn) => void;
/** Wraps a test body: a fresh adapter acting for `user` (the admin by default), cleaned up after. */
export type WithAdapter = (body: (adapter: LiftAdapter, world: World) => Promise<void>, user?: User) => TestFn;
/** A describe block of the kit; a group of a capability the adapter lacks is not run. */
export type Group = (name: string, capability: Capability | undefined, body: () => void) => void;

export interface ConformanceOptions {
  describe: (name: string, body: () => void) => void;
  it: ((name: string, body: TestFn) => void) & { skip?: (name: string, body: TestFn) => void };
  /** A fresh, empty adapter per call, set up with the fixtures. */
  factory: (fixtures: ConformanceFixtures) => LiftAdapter | Promise<LiftAdapter>;
  /** Called after each test with the adapter the factory made (delete its database, …); the kit closes the adapter after it. */
  cleanup?: (adapter: LiftAdapter) => void | Promise<void>;
  /** A prefix for the suite names. */
  name?: string;
  /** The optional groups to test; the rest are skipped. Default: all of them. */
  capabilities?: readonly Capability[];
  /**
   * For an adapter that keeps a copy on the device (`adapter.sync`): a device the kit can take
   * offline and reopen, which adds the offline cases (see {@link OfflineFactory}).
   */
  offline?: OfflineFactory;
}

/** The kit's roles; the clerk reads and writes but may not see archived records, the scribe may write without the right to read (a write must not show what a read would refuse). */
export const CONFORMANCE_ROLES: Role[] = [
  { id: 'admin', name: 'Admin', rights: ['read', 'see-archived', 'preferences', 'edit', 'archive', 'copy', 'create-work', 'documents', 'reports', 'checklist-edit', 'checklist-manage'] },
  { id: 'writer', name: 'Writer', rights: ['read', 'see-archived', 'preferences', 'edit', 'create-work', 'documents', 'reports', 'checklist-edit'] },
  { id: 'viewer', name: 'Viewer', rights: ['read', 'reports'] },
  { id: 'outsider', name: 'Outsider', rights: [] },
  { id: 'clerk', name: 'Clerk', rights: ['read', 'edit', 'archive', 'copy', 'create-work', 'documents', 'reports', 'checklist-edit'] },
  { id: 'scribe', name: 'Scribe', rights: ['edit', 'archive', 'copy', 'create-work', 'documents', 'checklist-edit'] },
];

export const CONFORMANCE_TEMPLATES: DocumentTemplate[] = [
  {
    id: 'tpl-welcome',
    name: 'Welcome letter',
    kind: 'letter',
    subject: 'Welkom {{contact.firstName}}',
    body: 'Beste {{contact.fullName}},\nvan {{relation.name}}. {{contact.unknownField}} blijft staan.\n{{user.name}}',
    roles: [],
  },
  { id: 'tpl-admin', name: 'Admin only', kind: 'document', subject: 'Intern', body: 'Voor {{contact.lastName}}', roles: ['admin'] },
  { id: 'tpl-mail', name: 'Appointment e-mail', kind: 'email', subject: 'Afspraak met {{contact.firstName}}', body: 'Tot dan.', roles: [] },
];

export const ADMIN: User = { id: 'u-admin', name: 'Ada Admin', role: 'admin' };
export const WRITER: User = { id: 'u-writer', name: 'Wim Writer', role: 'writer' };
export const VIEWER: User = { id: 'u-viewer', name: 'Vera Viewer', role: 'viewer' };
export const OUTSIDER: User = { id: 'u-outsider', name: 'Otto Outsider', role: 'outsider' };
/** Reads and writes, but does not see archived records. */
export const CLERK: User = { id: 'u-clerk', name: 'Cas Clerk', role: 'clerk' };
/** Writes, but may not read. */
export const SCRIBE: User = { id: 'u-scribe', name: 'Sien Scribe', role: 'scribe' };

/**
 * The users the kit switches to with `session.setUser` (besides the fixtures' own user). A
 * backend that decides rights from a login needs a login for each of them.
 */
export const CONFORMANCE_USERS: readonly User[] = [ADMIN, WRITER, VIEWER, OUTSIDER, CLERK, SCRIBE];

// ------------------------------------------------------------------ tiny assertions

export class ConformanceFailure extends Error {
  override name = 'ConformanceFailure';
}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ConformanceFailure(message);
}

/**
 * `value` as JSON with every object's fields in one order (arrays keep theirs): a record that
 * names the same fields in another order is the same record.
 */
function canonical(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, field: unknown) =>
    field && typeof field === 'object' && !Array.isArray(field)
      ? Object.fromEntries(Object.entries(field).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : field,
  );
}

/** Where two values read back from canonical JSON first differ (`.counts.email`, `[2].id`); '' for the values themselves. */
function difference(actual: unknown, expected: unknown, path = ''): string {
  if (actual && expected && typeof actual === 'object' && typeof expected === 'object' && Array.isArray(actual) === Array.isArray(expected)) {
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    for (const key of new Set([...Object.keys(e), ...Object.keys(a)])) {
      if (canonical(a[key]) !== canonical(e[key])) return difference(a[key], e[key], Array.isArray(e) ? `${path}[${key}]` : `${path}.${key}`);
    }
  }
  return path;
}

/** Deep equality of what the values say as JSON: objects whatever the order of their fields, arrays in order. */
export function equal(actual: unknown, expected: unknown, what: string): void {
  const a = canonical(actual);
  const e = canonical(expected);
  if (a === e) return;
  const read = (json: string | undefined): unknown => (json === undefined ? undefined : JSON.parse(json));
  const at = difference(read(a), read(e));
  throw new ConformanceFailure(`${what}: expected ${e}, got ${a}${at ? ` (first difference at ${at})` : ''}`);
}

export async function rejectsWith(promise: Promise<unknown>, code: LiftErrorCode, what: string): Promise<LiftDataError> {
  try {
    await promise;
  } catch (error) {
    check(LiftDataError.is(error), `${what}: expected a LiftDataError (${code}), got ${String(error)}`);
    equal(error.code, code, `${what}: error code`);
    return error;
  }
  throw new ConformanceFailure(`${what}: expected it to fail with ${code}, but it succeeded`);
}

/**
 * Follows the adapter's change feed. The function it answers ends the subscription once, however
 * often it is called: a test ends it in a `finally`, so a failing check leaves no listener behind.
 */
export function follow(adapter: LiftAdapter, listener: ChangeListener): () => void {
  let stop: (() => void) | undefined = adapter.subscribe(listener);
  return () => {
    const ending = stop;
    stop = undefined;
    ending?.();
  };
}

export const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

export async function allPages<T>(read: (cursor?: string) => Promise<{ items: T[]; next?: string }>, between?: (page: number) => Promise<void>): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    pages.push(page.items);
    cursor = page.next;
    if (cursor && between) await between(pages.length);
    check(pages.length < 1000, 'paging did not end');
  } while (cursor);
  return pages;
}

/** Builds test data through the contract itself. */
export class World {
  #count = 0;
  #relation: Relation | undefined;
  constructor(private readonly adapter: LiftAdapter) {}

  relation(name: string): Promise<Relation> {
    return this.adapter.relations.create({ kind: 'client', name });
  }

  /** Creates `n` contacts one after another (each newer than the last). */
  async contacts(n: number, lastName = 'Contact'): Promise<Contact[]> {
    this.#relation ??= await this.relation('Conformance BV');
    const created: Contact[] = [];
    for (let i = 0; i < n; i++) {
      const number = ++this.#count;
      created.push(
        await this.adapter.contacts.create({
          relationId: this.#relation.id,
          firstName: `Voornaam${number}`,
          lastName: `${lastName}${number}`,
          email: `contact${number}@example.nl`,
        }),
      );
      await tick(2);
    }
    return created;
  }
}
