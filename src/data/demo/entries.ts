// One overview entry of a demo contact, of any kind, with a subject and body that fit it.
import type { Contact, FieldChange, TimelineEntry, TimelineKind, WorkItem } from '../contract/model.js';
import type { Random } from './random.js';
import { CHANGE_FIELDS, CHECKLIST, CITIES, DEMO_USERS, DIRECTED, JOBS, NOTE_BODIES, SENTENCES_IN, SENTENCES_LETTER, SENTENCES_OUT, SUBJECTS, WORDS } from './words.js';
import { DAY, day, emailPart, euros, iso, surname } from './format.js';

export interface EntryContext {
  contact: Contact;
  /** Full name without salutation: how a contact signs. */
  name: string;
  relationName: string;
  city: string;
  work: readonly WorkItem[];
  from: number;
  to: number;
}

export function author(r: Random): { author: string; authorId: string } {
  const user = r.pick(DEMO_USERS);
  return { author: user.name, authorId: user.id };
}

export function makeEntry(r: Random, ctx: EntryContext, kind: TimelineKind, id: string): TimelineEntry {
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
