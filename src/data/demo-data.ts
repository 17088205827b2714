/**
 * A deterministic demo-data generator: Dutch contacts at relations of every kind, their leads,
 * requests and projects, a timeline of every kind, a contact checklist, document templates and
 * two users. The same options always give the same records (ids and timestamps included), so
 * tests, stories and benchmarks can rely on them; it never reads the real clock or Math.random.
 */
import {
  RELATION_KINDS,
  TIMELINE_KINDS,
  WORK_KINDS,
  type ChecklistItemDefinition,
  type ChecklistState,
  type Contact,
  type DocumentTemplate,
  type FieldChange,
  type Relation,
  type RelationKind,
  type TimelineEntry,
  type TimelineKind,
  type User,
  type WorkItem,
  type WorkKind,
} from './model.js';
import type { StoreAdapter } from './store-adapter.js';
import type { StoredRecord, StoreName } from './store.js';
import { fold } from './text.js';

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

/** The demo's two users, with different roles so the role-dependent features show. */
export const DEMO_USERS: readonly User[] = Object.freeze([
  Object.freeze({ id: 'u-sanne', name: 'Sanne de Boer', role: 'admin' }),
  Object.freeze({ id: 'u-pieter', name: 'Pieter Jansen', role: 'employee' }),
]);

const DEFAULT_NOW = '2026-11-01T09:00:00Z';
/** Records per importRecords call: big enough to be fast, small enough for one transaction. */
const CHUNK = 5000;
const MINUTE = 60_000;
const DAY = 86_400_000;
const YEAR = 365 * DAY;

// ------------------------------------------------------------------ randomness

/** Mixes the seed with a stream number, so each part of the data has its own sequence. */
function streamSeed(seed: number, stream: number): number {
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** mulberry32: tiny, fast and good enough for demo data. */
class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }

  digits(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += String(this.int(10));
    return out;
  }
}

/** Picks by weight; the cumulative table is built once so each pick is a short scan. */
function weighted<T>(entries: readonly (readonly [T, number])[]): (random: Random) => T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  const bounds: number[] = [];
  let running = 0;
  for (const [, w] of entries) bounds.push((running += w / total));
  return (random) => {
    const x = random.next();
    for (let i = 0; i < bounds.length; i++) if (x < bounds[i]!) return entries[i]![0];
    return entries[entries.length - 1]![0];
  };
}

// ------------------------------------------------------------------ vocabulary

const MALE_NAMES = [
  'Jan', 'Pieter', 'Kees', 'Henk', 'Willem', 'Bram', 'Daan', 'Sem', 'Lucas', 'Thijs', 'Ruben', 'Joost', 'Maarten', 'Sander',
  'Bas', 'Erik', 'Frank', 'Gerrit', 'Hans', 'Jeroen', 'Koen', 'Martijn', 'Niels', 'Rob', 'Stefan', 'Tim', 'Wouter',
  'Youssef', 'Mehmet', 'Noël', 'René', 'Arjen',
];
const FEMALE_NAMES = [
  'Anna', 'Sanne', 'Lotte', 'Emma', 'Julia', 'Sophie', 'Fleur', 'Iris', 'Anouk', 'Eva', 'Femke', 'Ingrid', 'Karin', 'Linda',
  'Marieke', 'Monique', 'Nicole', 'Petra', 'Renske', 'Saskia', 'Yvonne', 'Fatima', 'Zoë', 'Chloë', 'Esmée', 'Inès',
];
/** [infix, last name]; most Dutch surnames have no infix. */
const SURNAMES: readonly (readonly [string, string])[] = [
  ['de', 'Vries'], ['', 'Jansen'], ['de', 'Jong'], ['van den', 'Berg'], ['van', 'Dijk'], ['', 'Bakker'], ['', 'Visser'],
  ['', 'Smit'], ['', 'Meijer'], ['de', 'Boer'], ['', 'Mulder'], ['de', 'Groot'], ['', 'Bos'], ['', 'Vos'], ['', 'Peters'],
  ['', 'Hendriks'], ['van', 'Leeuwen'], ['', 'Dekker'], ['', 'Brouwer'], ['de', 'Wit'], ['', 'Dijkstra'], ['', 'Smits'],
  ['de', 'Graaf'], ['van der', 'Meer'], ['van der', 'Linden'], ['', 'Kok'], ['', 'Jacobs'], ['de', 'Haan'], ['', 'Vermeulen'],
  ['van den', 'Heuvel'], ['van der', 'Veen'], ['van den', 'Broek'], ['de', 'Bruijn'], ['van der', 'Heijden'], ['', 'Schouten'],
  ['van', 'Beek'], ['', 'Willems'], ['van', 'Vliet'], ['', 'Hoekstra'], ['', 'Maas'], ['', 'Verhoeven'], ['', 'Koster'],
  ['van', 'Dam'], ['van der', 'Wal'], ['', 'Prins'], ['', 'Blom'], ['', 'Huisman'], ['', 'Kuipers'], ['van', 'Wijk'],
  ['', 'Postma'], ['', 'Kramer'], ['', 'Yılmaz'], ['', 'Çelik'], ['', 'El Amrani'], ['', 'Öztürk'], ['', 'Şahin'],
  ['van', 'Rijn'], ['', 'Timmermans'], ['ten', 'Have'], ['', 'Groen'], ["in 't", 'Veld'], ['', 'Bouwman'], ['', 'Hermans'],
];
/** [city, area code]: phone numbers follow the relation's city. */
const CITIES: readonly (readonly [string, string])[] = [
  ['Amsterdam', '20'], ['Rotterdam', '10'], ['Den Haag', '70'], ['Utrecht', '30'], ['Eindhoven', '40'], ['Groningen', '50'],
  ['Nijmegen', '24'], ['Zwolle', '38'], ['Breda', '76'], ['Tilburg', '13'], ['Arnhem', '26'], ['Haarlem', '23'],
  ['Leiden', '71'], ['Maastricht', '43'], ['Enschede', '53'], ['Amersfoort', '33'], ['Apeldoorn', '55'], ['Leeuwarden', '58'],
  ['Delft', '15'], ['Dordrecht', '78'], ['Alkmaar', '72'], ['Den Bosch', '73'],
];
const WORDS = [
  'De Eendracht', 'Het Anker', 'De Molen', 'Noorderlicht', 'Zonnewijzer', 'De Linde', 'Horizon', 'Vooruit', 'De Vlijt',
  'Polderzicht', 'Kroonenburg', 'Duinzicht', 'De Kroon', 'Het Baken', 'De Zwaluw', 'Lindenhof', 'Waterland', 'De Ster',
];
/** Relation-name patterns per kind; `s` is a surname, `c` a city, `w` a word. */
type NamePattern = (s: string, c: string, w: string) => string;
const RELATION_NAMES: Record<RelationKind, readonly NamePattern[]> = {
  client: [
    (s) => `Bakkerij ${s}`, (s) => `${s} Bouw BV`, (s) => `${s} & Zn.`, (s) => `Installatiebedrijf ${s}`, (_, c) => `${c} Techniek BV`,
    (_, __, w) => `Hotel ${w}`, (s) => `${s} Accountants`, (s) => `Autobedrijf ${s}`, (_, __, w) => `${w} Media BV`,
    (s) => `Schildersbedrijf ${s}`, (_, c) => `Tandartspraktijk ${c}-Centrum`,
  ],
  prospect: [
    (s) => `${s} Advies`, (_, c) => `${c} Logistiek BV`, (s) => `Architectenbureau ${s}`, (_, __, w) => `Restaurant ${w}`,
    (s) => `${s} Makelaardij`, (_, c) => `Fietsenwinkel ${c}`, (s) => `Kinderopvang ${s}`, (_, __, w) => `${w} Software BV`,
  ],
  supplier: [
    (s) => `Drukkerij ${s}`, (_, __, w) => `Groothandel ${w}`, (s) => `Transportbedrijf ${s}`, (s) => `${s} Kantoorartikelen BV`,
    (_, c) => `${c} Papier BV`, (_, __, w) => `Koffiebranderij ${w}`, (s) => `${s} Schoonmaak BV`,
  ],
  other: [
    (_, __, w) => `Stichting ${w}`, (_, c) => `Gemeente ${c}`, (_, __, w) => `Sportvereniging ${w}`, (_, c) => `Hogeschool ${c}`,
    (_, c) => `Ondernemersvereniging ${c}`,
  ],
};
const RELATION_KIND_PICK = weighted<RelationKind>([['client', 50], ['prospect', 25], ['supplier', 15], ['other', 10]]);

/** [job title, department]; a title belongs with a department. */
const JOBS: readonly (readonly [string, string])[] = [
  ['Directeur', 'Directie'], ['Eigenaar', 'Directie'], ['Commercieel directeur', 'Directie'], ['Officemanager', 'Administratie'],
  ['Administratief medewerker', 'Administratie'], ['Inkoper', 'Inkoop'], ['Hoofd inkoop', 'Inkoop'], ['Accountmanager', 'Verkoop'],
  ['Verkoopadviseur', 'Verkoop'], ['Projectleider', 'Projecten'], ['Werkvoorbereider', 'Projecten'],
  ['Financieel medewerker', 'Financiën'], ['Controller', 'Financiën'], ['HR-adviseur', 'Personeelszaken'],
  ['Marketingmedewerker', 'Marketing'], ['Bedrijfsleider', 'Productie'], ['Teamleider planning', 'Planning'],
  ['ICT-beheerder', 'ICT'], ['Medewerker klantenservice', 'Klantenservice'], ['Juridisch adviseur', 'Juridische zaken'],
  ['Logistiek coördinator', 'Logistiek'],
];
const NOTES = [
  'Liever bellen dan mailen.',
  'Werkt op maandag en woensdag niet.',
  'Beslist over inkoop boven € 5.000.',
  'Spreekt ook Duits en Engels.',
  'Facturen graag per post sturen.',
  'Is in juli met vakantie.',
  'Ontvangt de nieuwsbrief niet meer.',
  'Oud-collega van Sanne; tutoyeren.',
  'Heeft voorkeur voor afspraken op locatie.',
  'Vraagt altijd om een schriftelijke bevestiging.',
];

const WORK_TITLES: Record<WorkKind, readonly string[]> = {
  lead: ['Interesse in onderhoudscontract', 'Uitbreiding kantoorruimte', 'Nieuwe huisstijl', 'Vervanging wagenpark', 'Gesprek op de beurs'],
  request: ['Offerteaanvraag drukwerk', 'Aanvraag service-uitbreiding', 'Prijsopgave verhuizing', 'Aanvraag extra licenties', 'Offerte schoonmaak'],
  project: ['Implementatie nieuw CRM', 'Renovatie showroom', 'Website vernieuwen', 'Jaarverslag', 'Verbouwing kantine', 'Migratie naar de cloud'],
};
const WORK_DESCRIPTIONS = [
  'Zie de notities van het laatste gesprek.',
  'Budget en planning nog af te stemmen met de klant.',
  'Contactpersoon wil graag voor het einde van het kwartaal starten.',
  'Loopt via de inkoopafdeling; offerte in drievoud.',
  '',
];
/** [status, finished]: finished work may be archived and has an end date. */
const WORK_STATUSES: Record<WorkKind, readonly (readonly [string, boolean])[]> = {
  lead: [['nieuw', false], ['gekwalificeerd', false], ['gewonnen', true], ['verloren', true]],
  request: [['open', false], ['in behandeling', false], ['offerte verstuurd', false], ['geaccepteerd', true], ['afgewezen', true]],
  project: [['gepland', false], ['lopend', false], ['afgerond', true], ['geannuleerd', true]],
};
const WORK_PREFIX: Record<WorkKind, string> = { lead: 'L', request: 'A', project: 'P' };

const KIND_PICK = weighted<TimelineKind>([
  ['email', 25], ['call', 15], ['note', 12], ['meeting', 8], ['task', 8], ['document', 8], ['invoice', 8],
  ['letter', 5], ['change', 7], ['checklist', 4],
]);
const DIRECTED = new Set<TimelineKind>(['email', 'letter', 'document', 'invoice']);

const SENTENCES_OUT = [
  'Zoals besproken stuur ik je hierbij de gevraagde informatie.',
  'Hierbij bevestig ik onze afspraak van volgende week.',
  'In de bijlage vind je het aangepaste voorstel.',
  'Wil je laten weten of deze planning voor jullie haalbaar is?',
  'Bedankt voor het prettige gesprek van vanochtend.',
  'We kunnen de levering naar verwachting over twee weken uitvoeren.',
];
const SENTENCES_IN = [
  'Kunnen jullie de factuur nog eens controleren? Het bedrag klopt volgens ons niet.',
  'Wij gaan akkoord met het voorstel.',
  'Graag ontvang ik een nieuwe offerte met de aangepaste aantallen.',
  'Ons nieuwe adres gaat per de eerste van de maand in.',
  'Kan iemand mij terugbellen over de planning?',
];
const SUBJECTS: Record<Exclude<TimelineKind, 'change' | 'checklist'>, { out: readonly string[]; in?: readonly string[] }> = {
  email: {
    out: ['Bevestiging afspraak', 'Informatie over onze diensten', 'Vervolg op ons gesprek', 'Planning volgende week', 'Uitnodiging relatiedag'],
    in: ['Re: offerte', 'Vraag over factuur', 'Wijziging contactgegevens', 'Verzoek om terugbellen', 'Aanmelding workshop'],
  },
  letter: {
    out: ['Contractverlenging', 'Bevestiging opdracht', 'Wijziging tarieven per 1 januari', 'Uitnodiging nieuwjaarsreceptie'],
    in: ['Ondertekend contract retour', 'Opzegging abonnement', 'Bezwaar tegen factuur'],
  },
  document: {
    out: ['Offerte', 'Plan van aanpak', 'Notulen overleg', 'Voorstel samenwerking'],
    in: ['Getekende opdrachtbevestiging', 'Bestektekeningen', 'Inkoopvoorwaarden'],
  },
  invoice: { out: ['Factuur'], in: ['Creditnota'] },
  note: { out: ['Contactvoorkeur', 'Budget volgend jaar', 'Verhuizing', 'Interesse in uitbreiding', 'Nieuwe beslisser op inkoop'] },
  call: { out: ['Gebeld over planning', 'Teruggebeld over offerte', 'Niet bereikt, voicemail ingesproken', 'Vraag over levering'] },
  meeting: { out: ['Kennismakingsgesprek', 'Voortgangsoverleg', 'Evaluatie', 'Lunchafspraak', 'Jaargesprek'] },
  task: { out: ['Offerte nasturen', 'Terugbellen', 'Contract laten tekenen', 'Kerstkaart sturen', 'Gegevens controleren'] },
};
/** Note texts per note subject above, so what a note says fits its subject. */
const NOTE_BODIES: Record<string, string> = {
  Contactvoorkeur: 'Wil liever gebeld worden dan gemaild, het liefst in de ochtend.',
  'Budget volgend jaar': 'Budget voor volgend jaar wordt in september vastgesteld; dan opnieuw contact opnemen.',
  Verhuizing: 'Het bedrijf verhuist in het voorjaar naar een nieuw pand. Adres volgt.',
  'Interesse in uitbreiding': 'Overweegt uitbreiding van het contract met een tweede vestiging.',
  'Nieuwe beslisser op inkoop': 'Inkoopbeslissingen lopen voortaan via de nieuwe financieel directeur.',
};
/** Letters are formal (u), e-mails informal (je). */
const SENTENCES_LETTER = [
  'Hierbij ontvangt u de gevraagde informatie.',
  'Graag bevestigen wij de afspraken uit ons gesprek.',
  'In de bijlage treft u het aangepaste voorstel aan.',
  'Wij verzoeken u vriendelijk de bijgevoegde overeenkomst ondertekend te retourneren.',
];
const CHANGE_FIELDS = ['jobTitle', 'department', 'phone', 'mobile', 'email'] as const;

// ------------------------------------------------------------------ fixed records

/** The contact checklist: three categories, one hidden item, modes that differ per status. */
const CHECKLIST: readonly ChecklistItemDefinition[] = (
  [
    ['Toestemming nieuwsbrief (AVG) vastgelegd', 'Privacy', 'editable', { archived: 'read-only' }],
    ['Persoonsgegevens gecontroleerd', 'Privacy', 'editable', { archived: 'read-only' }],
    ['Verzoek tot verwijdering afgehandeld', 'Privacy', 'read-only', { archived: 'editable' }],
    ['Contactgegevens in de boekhouding', 'Administratie', 'editable', {}],
    ['Factuuradres bevestigd', 'Administratie', 'editable', { archived: 'hidden' }],
    ['Kennismakingsgesprek gevoerd', 'Relatiebeheer', 'editable', { archived: 'read-only' }],
    ['Kerstpakket verstuurd', 'Relatiebeheer', 'hidden', {}],
  ] as const
).map(([text, category, mode, modeByStatus], i) => ({
  id: `cl-contact-${i + 1}`,
  cardType: 'contact',
  text,
  category,
  order: (i + 1) * 10,
  mode,
  modeByStatus: { ...modeByStatus },
  deleted: false,
  version: 1,
}));

// `{{contact.fullName}}` already starts with the salutation, so templates do not repeat it.
const TEMPLATES: readonly DocumentTemplate[] = [
  {
    id: 'tpl-kennismaking',
    name: 'Kennismakingsbrief',
    kind: 'letter',
    subject: 'Kennismaking met {{user.name}}',
    body:
      '{{relation.name}}\nT.a.v. {{contact.fullName}}\n\n{{today}}\n\nGeachte {{contact.fullName}},\n\n' +
      'Graag stel ik mij aan u voor als uw nieuwe aanspreekpunt. Ik neem binnenkort contact met u op voor een kennismaking.\n\n' +
      'Met vriendelijke groet,\n{{user.name}}',
    roles: [],
  },
  {
    id: 'tpl-afspraak',
    name: 'Bevestiging afspraak (e-mail)',
    kind: 'email',
    subject: 'Bevestiging van onze afspraak',
    body: 'Beste {{contact.firstName}},\n\nHierbij bevestig ik onze afspraak. Tot dan!\n\nMet vriendelijke groet,\n{{user.name}}',
    roles: [],
  },
  {
    id: 'tpl-gegevens',
    name: 'Overzicht contactgegevens',
    kind: 'document',
    subject: 'Contactgegevens {{contact.fullName}}',
    body:
      'Naam: {{contact.fullName}}\nFunctie: {{contact.jobTitle}}\nAfdeling: {{contact.department}}\nOrganisatie: {{relation.name}}\n' +
      'E-mail: {{contact.email}}\nTelefoon: {{contact.phone}}\nMobiel: {{contact.mobile}}\n\nOpgesteld door {{user.name}} op {{today}}.',
    roles: ['admin', 'employee'],
  },
  {
    id: 'tpl-beeindiging',
    name: 'Beëindiging samenwerking',
    kind: 'letter',
    subject: 'Beëindiging van de samenwerking met {{relation.name}}',
    body:
      '{{relation.name}}\nT.a.v. {{contact.fullName}}\n\n{{today}}\n\nGeachte {{contact.fullName}},\n\n' +
      'Hierbij bevestigen wij de beëindiging van onze overeenkomst.\n\nMet vriendelijke groet,\n{{user.name}}',
    roles: ['admin'],
  },
];

// ------------------------------------------------------------------ helpers

const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => iso(ms).slice(0, 10);

/** An e-mail-safe word: folded, then only a–z and digits (fold keeps ı and the like). */
function emailPart(text: string): string {
  return fold(text).replace(/ı/g, 'i').replace(/ß/g, 'ss').replace(/[^a-z0-9]/g, '');
}

/** An infix starts with a capital when no first name precedes it ("Bakkerij Van Dijk"). */
function surname(infix: string, last: string): string {
  return infix ? `${infix[0]!.toUpperCase()}${infix.slice(1)} ${last}` : last;
}

const displayName = (first: string, infix: string, last: string) => (infix ? `${first} ${infix} ${last}` : `${first} ${last}`);

/** Dutch money: € 1.234,50. */
function euros(cents: number): string {
  const whole = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+$)/g, '.');
  return `€ ${whole},${String(cents % 100).padStart(2, '0')}`;
}

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

interface EntryContext {
  contact: Contact;
  /** Full name without salutation: how a contact signs. */
  name: string;
  relationName: string;
  city: string;
  work: readonly WorkItem[];
  from: number;
  to: number;
}

function author(r: Random): { author: string; authorId: string } {
  const user = r.pick(DEMO_USERS);
  return { author: user.name, authorId: user.id };
}

function makeEntry(r: Random, ctx: EntryContext, kind: TimelineKind, id: string): TimelineEntry {
  const { contact } = ctx;
  // About a third of the activity is about one of the contact's leads, requests or projects.
  const workItem = ctx.work.length && kind !== 'change' && kind !== 'checklist' && r.chance(0.35) ? r.pick(ctx.work) : undefined;
  const from = workItem ? Math.max(ctx.from, Date.parse(workItem.createdAt)) : ctx.from;
  const occurredMs = from + Math.floor(r.next() * Math.max(0, ctx.to - from));
  const base = { id, contactId: contact.id, kind, occurredAt: iso(occurredMs), ...(workItem ? { workItemId: workItem.id } : {}) };

  if (kind === 'change') {
    const field = r.pick(CHANGE_FIELDS);
    const change: FieldChange = { field, old: oldValue(r, field, ctx), new: contact[field] };
    return { ...base, ...author(r), subject: field, body: `${change.old} → ${change.new}`, change };
  }
  if (kind === 'checklist') {
    const item = r.pick(CHECKLIST);
    const note = r.chance(0.3);
    const change: FieldChange = note ? { field: 'note', old: '', new: 'Telefonisch bevestigd.' } : { field: 'done', old: 'false', new: 'true' };
    return { ...base, ...author(r), subject: item.text, body: note ? change.new : '', change };
  }

  const subjects = SUBJECTS[kind];
  const incoming = DIRECTED.has(kind) && subjects.in !== undefined && r.chance(0.4);
  // Incoming mail is written by the contact, not by one of our users.
  const who = incoming ? { author: ctx.name } : author(r);
  const writer = incoming ? ctx.name : who.author;
  let subject = r.pick(incoming ? subjects.in! : subjects.out);
  let body: string;
  const year = base.occurredAt.slice(0, 4);
  switch (kind) {
    case 'email':
      body = incoming
        ? `Goedemiddag,\n\n${r.pick(SENTENCES_IN)}\n\nMet vriendelijke groet,\n${writer}\n${ctx.relationName}`
        : `Beste ${contact.firstName},\n\n${r.pick(SENTENCES_OUT)}\n\nMet vriendelijke groet,\n${writer}`;
      if (workItem) subject = `${subject} (${workItem.number})`;
      break;
    case 'letter':
      if (subject === 'Contractverlenging') subject = `${subject} ${year}`;
      body = incoming
        ? `${r.pick(SENTENCES_IN)}\n\nHoogachtend,\n${writer}`
        : `Geachte ${contact.salutation ? `${contact.salutation} ${surname(contact.infix, contact.lastName)}` : ctx.name},\n\n${r.pick(SENTENCES_LETTER)}\n\nMet vriendelijke groet,\n${writer}`;
      break;
    case 'document':
      if (workItem) subject = `${subject} ${workItem.number}`;
      else if (subject === 'Inkoopvoorwaarden') subject = `${subject} ${ctx.relationName}`;
      body = workItem ? `Document bij ${workItem.title.toLowerCase()}.` : `Document voor ${ctx.relationName}.`;
      break;
    case 'invoice': {
      const cents = r.between(5_000, 2_500_000);
      subject = `${subject} ${incoming ? 'C' : 'F'}${year}-${r.digits(5)}`;
      body = `Bedrag: ${euros(cents)} excl. btw\nBetalingstermijn: 30 dagen.`;
      break;
    }
    case 'note':
      body = NOTE_BODIES[subject] ?? '';
      break;
    case 'call':
      body = `Duur: ${r.between(2, 40)} minuten. ${r.pick(incoming ? SENTENCES_IN : SENTENCES_OUT)}`;
      break;
    case 'meeting':
      body = `Locatie: ${r.chance(0.5) ? `bij ${ctx.relationName} in ${ctx.city}` : 'ons kantoor'}.\n${r.pick(SENTENCES_OUT)}`;
      break;
    default: // task
      body = `Afronden vóór ${day(Math.min(occurredMs + r.between(1, 21) * DAY, ctx.to))}.`;
  }
  return { ...base, ...(DIRECTED.has(kind) ? { direction: incoming ? ('in' as const) : ('out' as const) } : {}), ...who, subject, body };
}

/** A plausible earlier value for a change entry. */
function oldValue(r: Random, field: (typeof CHANGE_FIELDS)[number], ctx: EntryContext): string {
  switch (field) {
    case 'jobTitle':
      return r.pick(JOBS)[0];
    case 'department':
      return r.pick(JOBS)[1];
    case 'phone':
      return r.chance(0.3) ? '' : `+31 ${r.pick(CITIES)[1]} ${r.digits(3)} ${r.digits(4)}`;
    case 'mobile':
      return r.chance(0.3) ? '' : `06 ${r.between(1, 6)}${r.digits(7)}`;
    default:
      return `${emailPart(ctx.contact.firstName)}@${emailPart(r.pick(WORDS))}.nl`;
  }
}
