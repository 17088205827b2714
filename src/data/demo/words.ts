// The words the demo data is made of: Dutch names, places, jobs, subjects and sentences, and the
// fixed records every seed shares (the contact checklist, the document templates).
import type { ChecklistItemDefinition, DocumentTemplate, RelationKind, TimelineKind, User, WorkKind } from '../contract/model.js';
import { weighted } from './random.js';

export const MALE_NAMES = [
  'Jan', 'Pieter', 'Kees', 'Henk', 'Willem', 'Bram', 'Daan', 'Sem', 'Lucas', 'Thijs', 'Ruben', 'Joost', 'Maarten', 'Sander',
  'Bas', 'Erik', 'Frank', 'Gerrit', 'Hans', 'Jeroen', 'Koen', 'Martijn', 'Niels', 'Rob', 'Stefan', 'Tim', 'Wouter',
  'Youssef', 'Mehmet', 'Noël', 'René', 'Arjen',
];
export const FEMALE_NAMES = [
  'Anna', 'Sanne', 'Lotte', 'Emma', 'Julia', 'Sophie', 'Fleur', 'Iris', 'Anouk', 'Eva', 'Femke', 'Ingrid', 'Karin', 'Linda',
  'Marieke', 'Monique', 'Nicole', 'Petra', 'Renske', 'Saskia', 'Yvonne', 'Fatima', 'Zoë', 'Chloë', 'Esmée', 'Inès',
];
/** [infix, last name]; most Dutch surnames have no infix. */
export const SURNAMES: readonly (readonly [string, string])[] = [
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
export const CITIES: readonly (readonly [string, string])[] = [
  ['Amsterdam', '20'], ['Rotterdam', '10'], ['Den Haag', '70'], ['Utrecht', '30'], ['Eindhoven', '40'], ['Groningen', '50'],
  ['Nijmegen', '24'], ['Zwolle', '38'], ['Breda', '76'], ['Tilburg', '13'], ['Arnhem', '26'], ['Haarlem', '23'],
  ['Leiden', '71'], ['Maastricht', '43'], ['Enschede', '53'], ['Amersfoort', '33'], ['Apeldoorn', '55'], ['Leeuwarden', '58'],
  ['Delft', '15'], ['Dordrecht', '78'], ['Alkmaar', '72'], ['Den Bosch', '73'],
];
export const WORDS = [
  'De Eendracht', 'Het Anker', 'De Molen', 'Noorderlicht', 'Zonnewijzer', 'De Linde', 'Horizon', 'Vooruit', 'De Vlijt',
  'Polderzicht', 'Kroonenburg', 'Duinzicht', 'De Kroon', 'Het Baken', 'De Zwaluw', 'Lindenhof', 'Waterland', 'De Ster',
];
/** Relation-name patterns per kind; `s` is a surname, `c` a city, `w` a word. */
export type NamePattern = (s: string, c: string, w: string) => string;
export const RELATION_NAMES: Record<RelationKind, readonly NamePattern[]> = {
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
export const RELATION_KIND_PICK = weighted<RelationKind>([['client', 50], ['prospect', 25], ['supplier', 15], ['other', 10]]);

/** [job title, department]; a title belongs with a department. */
export const JOBS: readonly (readonly [string, string])[] = [
  ['Directeur', 'Directie'], ['Eigenaar', 'Directie'], ['Commercieel directeur', 'Directie'], ['Officemanager', 'Administratie'],
  ['Administratief medewerker', 'Administratie'], ['Inkoper', 'Inkoop'], ['Hoofd inkoop', 'Inkoop'], ['Accountmanager', 'Verkoop'],
  ['Verkoopadviseur', 'Verkoop'], ['Projectleider', 'Projecten'], ['Werkvoorbereider', 'Projecten'],
  ['Financieel medewerker', 'Financiën'], ['Controller', 'Financiën'], ['HR-adviseur', 'Personeelszaken'],
  ['Marketingmedewerker', 'Marketing'], ['Bedrijfsleider', 'Productie'], ['Teamleider planning', 'Planning'],
  ['ICT-beheerder', 'ICT'], ['Medewerker klantenservice', 'Klantenservice'], ['Juridisch adviseur', 'Juridische zaken'],
  ['Logistiek coördinator', 'Logistiek'],
];
export const NOTES = [
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

export const WORK_TITLES: Record<WorkKind, readonly string[]> = {
  lead: ['Interesse in onderhoudscontract', 'Uitbreiding kantoorruimte', 'Nieuwe huisstijl', 'Vervanging wagenpark', 'Gesprek op de beurs'],
  request: ['Offerteaanvraag drukwerk', 'Aanvraag service-uitbreiding', 'Prijsopgave verhuizing', 'Aanvraag extra licenties', 'Offerte schoonmaak'],
  project: ['Implementatie nieuw CRM', 'Renovatie showroom', 'Website vernieuwen', 'Jaarverslag', 'Verbouwing kantine', 'Migratie naar de cloud'],
};
export const WORK_DESCRIPTIONS = [
  'Zie de notities van het laatste gesprek.',
  'Budget en planning nog af te stemmen met de klant.',
  'Contactpersoon wil graag voor het einde van het kwartaal starten.',
  'Loopt via de inkoopafdeling; offerte in drievoud.',
  '',
];
/** [status, finished]: finished work may be archived and has an end date. */
export const WORK_STATUSES: Record<WorkKind, readonly (readonly [string, boolean])[]> = {
  lead: [['nieuw', false], ['gekwalificeerd', false], ['gewonnen', true], ['verloren', true]],
  request: [['open', false], ['in behandeling', false], ['offerte verstuurd', false], ['geaccepteerd', true], ['afgewezen', true]],
  project: [['gepland', false], ['lopend', false], ['afgerond', true], ['geannuleerd', true]],
};
export const WORK_PREFIX: Record<WorkKind, string> = { lead: 'L', request: 'A', project: 'P' };

export const KIND_PICK = weighted<TimelineKind>([
  ['email', 25], ['call', 15], ['note', 12], ['meeting', 8], ['task', 8], ['document', 8], ['invoice', 8],
  ['letter', 5], ['change', 7], ['checklist', 4],
]);
export const DIRECTED = new Set<TimelineKind>(['email', 'letter', 'document', 'invoice']);

export const SENTENCES_OUT = [
  'Zoals besproken stuur ik je hierbij de gevraagde informatie.',
  'Hierbij bevestig ik onze afspraak van volgende week.',
  'In de bijlage vind je het aangepaste voorstel.',
  'Wil je laten weten of deze planning voor jullie haalbaar is?',
  'Bedankt voor het prettige gesprek van vanochtend.',
  'We kunnen de levering naar verwachting over twee weken uitvoeren.',
];
export const SENTENCES_IN = [
  'Kunnen jullie de factuur nog eens controleren? Het bedrag klopt volgens ons niet.',
  'Wij gaan akkoord met het voorstel.',
  'Graag ontvang ik een nieuwe offerte met de aangepaste aantallen.',
  'Ons nieuwe adres gaat per de eerste van de maand in.',
  'Kan iemand mij terugbellen over de planning?',
];
export const SUBJECTS: Record<Exclude<TimelineKind, 'change' | 'checklist'>, { out: readonly string[]; in?: readonly string[] }> = {
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
export const NOTE_BODIES: Record<string, string> = {
  Contactvoorkeur: 'Wil liever gebeld worden dan gemaild, het liefst in de ochtend.',
  'Budget volgend jaar': 'Budget voor volgend jaar wordt in september vastgesteld; dan opnieuw contact opnemen.',
  Verhuizing: 'Het bedrijf verhuist in het voorjaar naar een nieuw pand. Adres volgt.',
  'Interesse in uitbreiding': 'Overweegt uitbreiding van het contract met een tweede vestiging.',
  'Nieuwe beslisser op inkoop': 'Inkoopbeslissingen lopen voortaan via de nieuwe financieel directeur.',
};
/** Letters are formal (u), e-mails informal (je). */
export const SENTENCES_LETTER = [
  'Hierbij ontvangt u de gevraagde informatie.',
  'Graag bevestigen wij de afspraken uit ons gesprek.',
  'In de bijlage treft u het aangepaste voorstel aan.',
  'Wij verzoeken u vriendelijk de bijgevoegde overeenkomst ondertekend te retourneren.',
];
export const CHANGE_FIELDS = ['jobTitle', 'department', 'phone', 'mobile', 'email'] as const;

/** The contact checklist: three categories, one hidden item, modes that differ per status. */
export const CHECKLIST: readonly ChecklistItemDefinition[] = (
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

// `{{contact.fullName}}` already starts with the salutation, so templates do not repeat it;
// `{{salutation}}` opens a letter ("Geachte mevrouw Visser").
export const TEMPLATES: readonly DocumentTemplate[] = [
  {
    id: 'tpl-kennismaking',
    name: 'Kennismakingsbrief',
    kind: 'letter',
    subject: 'Kennismaking met {{user.name}}',
    body:
      '{{relation.name}}\nT.a.v. {{contact.fullName}}\n\n{{today}}\n\n{{salutation}},\n\n' +
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
      '{{relation.name}}\nT.a.v. {{contact.fullName}}\n\n{{today}}\n\n{{salutation}},\n\n' +
      'Hierbij bevestigen wij de beëindiging van onze overeenkomst.\n\nMet vriendelijke groet,\n{{user.name}}',
    roles: ['admin'],
  },
];

/** The demo's two users, with different roles so the role-dependent features show. */
export const DEMO_USERS: readonly User[] = Object.freeze([
  Object.freeze({ id: 'u-sanne', name: 'Sanne de Boer', role: 'admin' }),
  Object.freeze({ id: 'u-pieter', name: 'Pieter Jansen', role: 'employee' }),
]);
