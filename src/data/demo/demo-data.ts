/**
 * A deterministic demo-data generator: Dutch contacts at relations of every kind, their leads,
 * requests and projects, a timeline of every kind, a contact checklist, document templates and
 * two users. The same options always give the same records (ids and timestamps included), so
 * tests, stories and benchmarks can rely on them; it never reads the real clock or Math.random.
 */
import { RELATION_KINDS, TIMELINE_KINDS, WORK_KINDS, type ChecklistState, type Contact, type Relation, type TimelineEntry, type WorkItem } from '../contract/model.js';
import type { StoreAdapter } from '../engine/store-adapter.js';
import type { StoredRecord, StoreName } from '../engine/store.js';
import { Random, streamSeed } from './random.js';
import {
  CHECKLIST,
  CITIES,
  DEMO_USERS,
  FEMALE_NAMES,
  JOBS,
  KIND_PICK,
  MALE_NAMES,
  NOTES,
  RELATION_KIND_PICK,
  RELATION_NAMES,
  SURNAMES,
  TEMPLATES,
  WORDS,
  WORK_DESCRIPTIONS,
  WORK_PREFIX,
  WORK_STATUSES,
  WORK_TITLES,
} from './words.js';
import { DAY, MINUTE, YEAR, day, displayName, emailPart, iso, surname } from './format.js';
import { author, makeEntry, type EntryContext } from './entries.js';

export interface DemoDataOptions {
  /** How many contacts (default 24). */
  contacts?: number;
  /** How many relations (default a quarter of the contacts, at least 4 so every kind appears). */
  relations?: number;
  /** Timeline entries per contact, on average (default 30). */
  entriesPerContact?: number;
  /**
   * When above 0, the first contact of the result (also the newest-modified one) gets exactly
   * this many timeline entries instead: the "one contact with a long history" case.
   */
  bigContactEntries?: number;
  /** Seed of the generator (default 1); the same seed gives the same data. */
  seed?: number;
  /** The moment the data is "now": every timestamp lies at or before it (default 2026-11-01 09:00 UTC). */
  now?: Date;
}

export interface DemoDataResult {
  /** Newest-modified first, the order `contacts.list()` returns them in. */
  contactIds: string[];
  relationIds: string[];
  userIds: string[];
  templateIds: string[];
  checklistItemIds: string[];
  /** Timeline entries written, over all contacts. */
  entryCount: number;
}

export { DEMO_USERS } from './words.js';

const DEFAULT_NOW = '2026-11-01T09:00:00Z';
/** Records per importRecords call: big enough to be fast, small enough for one transaction. */
const CHUNK = 5000;


function count(value: number | undefined, fallback: number, name: string): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`seedDemoData: ${name} must be a whole number of at least 0.`);
  return n;
}

/** Writes in chunks, one importRecords call (one transaction) per chunk. */
async function importChunked(adapter: StoreAdapter, store: StoreName, records: readonly object[]): Promise<void> {
  for (let i = 0; i < records.length; i += CHUNK) {
    await adapter.importRecords({ [store]: records.slice(i, i + CHUNK) as StoredRecord[] });
  }
}

interface RelationInfo {
  relation: Relation;
  domain: string;
  areaCode: string;
  city: string;
}

// ------------------------------------------------------------------ the generator

/**
 * Fills `adapter` with demo data and resolves to what it created. Meant for an empty store:
 * the ids are fixed, so seeding twice with the same options overwrites the same records.
 */
export async function seedDemoData(adapter: StoreAdapter, options: DemoDataOptions = {}): Promise<DemoDataResult> {
  const seed = Number.isFinite(options.seed) ? Math.trunc(options.seed!) : 1;
  const nowDate = options.now ?? new Date(DEFAULT_NOW);
  const now = nowDate.getTime();
  if (!Number.isFinite(now)) throw new RangeError('seedDemoData: now is not a valid date.');
  const bigEntries = count(options.bigContactEntries, 0, 'bigContactEntries');
  // A big history needs a contact to hold it.
  const contactCount = Math.max(count(options.contacts, 24, 'contacts'), bigEntries > 0 ? 1 : 0);
  // Contacts need at least one relation to belong to.
  const relationCount = Math.max(count(options.relations, Math.max(4, Math.round(contactCount / 4)), 'relations'), contactCount > 0 ? 1 : 0);
  const perContact = count(options.entriesPerContact, 30, 'entriesPerContact');

  // Separate streams, so e.g. another entriesPerContact leaves relations and contacts as they were.
  const rRelations = new Random(streamSeed(seed, 1));
  const rContacts = new Random(streamSeed(seed, 2));
  const rWork = new Random(streamSeed(seed, 3));
  const rChecklist = new Random(streamSeed(seed, 4));

  // Users, templates and the checklist lookup list: fixed, but written through the same path.
  const users = DEMO_USERS.map((u) => ({ ...u }));
  const templates = TEMPLATES.map((t) => ({ ...t, roles: [...t.roles] }));
  const checklistItems = CHECKLIST.map((c) => ({ ...c, modeByStatus: { ...c.modeByStatus } }));

  // ---- relations
  const relations: RelationInfo[] = [];
  const usedNames = new Set<string>();
  for (let i = 0; i < relationCount; i++) {
    // The first four cycle through the kinds so every kind appears in any data set of 4 or more.
    const kind = i < RELATION_KINDS.length ? RELATION_KINDS[i]! : RELATION_KIND_PICK(rRelations);
    const [infix, last] = rRelations.pick(SURNAMES);
    const [city, areaCode] = rRelations.pick(CITIES);
    let name = rRelations.pick(RELATION_NAMES[kind])(surname(infix, last), city, rRelations.pick(WORDS));
    if (usedNames.has(name)) name = `${name} ${city}`;
    if (usedNames.has(name)) name = `${name} ${i + 1}`;
    usedNames.add(name);
    const createdMs = now - 3 * YEAR - rRelations.int(5 * 365) * DAY - rRelations.int(1440) * MINUTE;
    const updatedMs = createdMs + Math.floor(rRelations.next() * (now - createdMs));
    const domain = `${emailPart(name.replace(/\s+(BV|& Zn\.)$/, '')).slice(0, 30)}.nl`;
    relations.push({
      relation: { id: `r-${String(i + 1).padStart(4, '0')}`, kind, name, archived: false, createdAt: iso(createdMs), updatedAt: iso(updatedMs), version: 1 },
      domain,
      areaCode,
      city,
    });
  }

  // ---- contacts
  const contacts: Contact[] = [];
  const contactCreated: number[] = [];
  const contactUpdated: number[] = [];
  const relationOf: RelationInfo[] = [];
  for (let i = 0; i < contactCount; i++) {
    const r = rContacts;
    // The first contacts go round the relations so none is left without a contact.
    const rel = i < relationCount ? relations[i]! : relations[r.int(relationCount)]!;
    const female = r.chance(0.5);
    const firstName = r.pick(female ? FEMALE_NAMES : MALE_NAMES);
    const [infix, lastName] = r.pick(SURNAMES);
    const salutation = r.chance(0.15) ? '' : female ? 'Mevr.' : 'Dhr.';
    const [jobTitle, department] = r.pick(JOBS);
    const big = i === 0 && bigEntries > 0;
    const archived = !big && r.chance(1 / 12);
    // Ages in minutes. The i % 60000 milliseconds make every updatedAt unique (below 60 000
    // contacts), so "newest-modified first" is one well-defined order.
    const createdAgeMin = big ? Math.floor((3 * YEAR) / MINUTE) : r.between(30 * 1440, 3 * 365 * 1440);
    const createdMs = now - createdAgeMin * MINUTE;
    const updatedMs = big ? now : now - r.between(1, createdAgeMin - 1) * MINUTE - (i % 60_000);
    contacts.push({
      id: `c-${String(i + 1).padStart(6, '0')}`,
      relationId: rel.relation.id,
      salutation,
      firstName,
      infix,
      lastName,
      jobTitle,
      department: r.chance(0.2) ? '' : department,
      email: r.chance(0.1) ? '' : `${emailPart(firstName)}.${emailPart(infix + lastName)}@${rel.domain}`,
      phone: r.chance(0.15) ? '' : `+31 ${rel.areaCode} ${r.digits(3)} ${r.digits(4)}`,
      mobile: r.chance(0.3) ? '' : `06 ${r.between(1, 6)}${r.digits(7)}`,
      notes: r.chance(0.3) ? r.pick(NOTES) : '',
      archived,
      createdAt: iso(createdMs),
      updatedAt: iso(updatedMs),
      version: 1,
    });
    contactCreated.push(createdMs);
    contactUpdated.push(updatedMs);
    relationOf.push(rel);
  }
  // Guarantee the "archived" case in any set big enough to spare one contact.
  if (contactCount > 2 && !contacts.some((c) => c.archived)) contacts[contactCount - 1]!.archived = true;

  // ---- work items: numbered per kind and year in date order, as the adapter would have.
  const work: WorkItem[] = [];
  const workOf: WorkItem[][] = contacts.map(() => []);
  for (let i = 0; i < contactCount; i++) {
    const contact = contacts[i]!;
    const n = i === 0 && bigEntries > 0 ? 4 : rWork.int(5);
    for (let k = 0; k < n; k++) {
      const kind = rWork.pick(WORK_KINDS);
      const [status, finished] = rWork.pick(WORK_STATUSES[kind]);
      const end = contact.archived ? contactUpdated[i]! : now;
      const createdMs = contactCreated[i]! + Math.floor(rWork.next() * (end - contactCreated[i]!));
      const updatedMs = createdMs + Math.floor(rWork.next() * (end - createdMs));
      const endMs = finished ? updatedMs : createdMs + rWork.between(30, 365) * DAY;
      const title = rWork.pick(WORK_TITLES[kind]);
      const item: WorkItem = {
        id: `w-${String(work.length + 1).padStart(6, '0')}`,
        kind,
        contactId: contact.id,
        relationId: contact.relationId,
        number: '',
        title: title === 'Jaarverslag' || title === 'Offerteaanvraag drukwerk' ? `${title} ${iso(createdMs).slice(0, 4)}` : title,
        description: rWork.pick(WORK_DESCRIPTIONS),
        status,
        archived: (finished && rWork.chance(0.6)) || contact.archived,
        startDate: day(createdMs),
        ...(finished || kind === 'project' ? { endDate: day(endMs) } : {}),
        createdAt: iso(createdMs),
        updatedAt: iso(updatedMs),
        version: 1,
      };
      work.push(item);
      workOf[i]!.push(item);
    }
  }
  if (work.length > 1 && !work.some((w) => w.archived)) work[0]!.archived = true;
  const numbered = [...work].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  const counters = new Map<string, number>();
  for (const item of numbered) {
    const year = item.createdAt.slice(0, 4);
    const key = `work-number:${item.kind}:${year}`;
    const next = (counters.get(key) ?? 0) + 1;
    counters.set(key, next);
    item.number = `${WORK_PREFIX[item.kind]}-${year}-${String(next).padStart(4, '0')}`;
  }
  // The adapter's own counters continue after the seeded numbers instead of repeating them.
  const meta = [...counters].map(([key, value]) => ({ key, value }));

  // ---- checklist states for about half the contacts
  const visibleItems = checklistItems.filter((c) => c.mode !== 'hidden');
  const states: ChecklistState[] = [];
  for (let i = 0; i < contactCount; i++) {
    if (!rChecklist.chance(0.5)) continue;
    const contact = contacts[i]!;
    for (const item of visibleItems) {
      if (!rChecklist.chance(0.5)) continue;
      const done = rChecklist.chance(0.75);
      const note = rChecklist.chance(0.25) ? rChecklist.pick(['Telefonisch bevestigd.', 'Zie e-mail van de klant.', 'Navragen bij de directie.']) : '';
      const atMs = contactCreated[i]! + Math.floor(rChecklist.next() * (contactUpdated[i]! - contactCreated[i]!));
      states.push({
        contactId: contact.id,
        itemId: item.id,
        done,
        ...(done ? { doneAt: iso(atMs), doneBy: rChecklist.pick(DEMO_USERS).name } : {}),
        note,
        version: 1,
      });
    }
  }

  // ---- write everything but the timeline; relations go before the contacts that name them.
  await adapter.importRecords({
    users: users as unknown as StoredRecord[],
    templates: templates as unknown as StoredRecord[],
    checklistItems: checklistItems as unknown as StoredRecord[],
    relations: relations.map((r) => r.relation) as unknown as StoredRecord[],
    meta,
  });
  await importChunked(adapter, 'contacts', contacts);
  await importChunked(adapter, 'work', work);
  await importChunked(adapter, 'checklistStates', states);

  // ---- timeline: generated contact by contact and flushed per chunk, so 100 000 entries
  // never sit in memory at once.
  let buffer: TimelineEntry[] = [];
  let entryCount = 0;
  let generated = 0;
  const flush = async () => {
    if (!buffer.length) return;
    const batch = buffer;
    buffer = [];
    await adapter.importRecords({ timeline: batch as unknown as StoredRecord[] });
  };
  for (let i = 0; i < contactCount; i++) {
    // One stream per contact: its history does not depend on how many contacts came before.
    const r = new Random(streamSeed(seed, 1000 + i));
    const contact = contacts[i]!;
    const n = i === 0 && bigEntries > 0 ? bigEntries : Math.floor(perContact * (0.25 + 1.5 * r.next()));
    const ctx: EntryContext = {
      contact,
      name: displayName(contact.firstName, contact.infix, contact.lastName),
      relationName: relationOf[i]!.relation.name,
      city: relationOf[i]!.city,
      work: workOf[i]!,
      from: contactCreated[i]!,
      // An archived contact's history stops when it was archived.
      to: contact.archived ? contactUpdated[i]! : now,
    };
    const idPrefix = `t-${String(i + 1).padStart(6, '0')}-`;
    for (let k = 0; k < n; k++) {
      const id = `${idPrefix}${String(k + 1).padStart(6, '0')}`;
      if (k === 0 && contact.archived) {
        // The save that archived the contact, as the adapter would have recorded it.
        buffer.push({
          id,
          contactId: contact.id,
          kind: 'change',
          subject: 'archived',
          body: 'false → true',
          occurredAt: contact.updatedAt,
          ...author(r),
          change: { field: 'archived', old: 'false', new: 'true' },
        });
      } else {
        // The first entries generated cycle through every kind, so even a small set has them all.
        const kind = generated < TIMELINE_KINDS.length ? TIMELINE_KINDS[generated]! : KIND_PICK(r);
        generated++;
        buffer.push(makeEntry(r, ctx, kind, id));
      }
      entryCount++;
      // Small contacts share a transaction; a big one spreads over several.
      if (buffer.length >= CHUNK) await flush();
    }
  }
  await flush();

  const order = contacts.map((c) => ({ id: c.id, updatedAt: c.updatedAt }));
  // The same order as the contacts' byUpdated index walked backwards: updatedAt, then id.
  order.sort((a, b) => (a.updatedAt !== b.updatedAt ? (a.updatedAt < b.updatedAt ? 1 : -1) : a.id < b.id ? 1 : -1));

  return {
    contactIds: order.map((c) => c.id),
    relationIds: relations.map((r) => r.relation.id),
    userIds: users.map((u) => u.id),
    templateIds: templates.map((t) => t.id),
    checklistItemIds: checklistItems.map((c) => c.id),
    entryCount,
  };
}
