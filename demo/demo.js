// The demo shell: plain DOM, no framework, the way a host app embeds the bundle. The first
// start seeds the embedded IndexedDB database with demo data; later starts keep the edits.
// With `?team=<server>` (what `npm run start:team` opens) the cards work on the team server
// through SyncAdapter (HttpAdapter with a copy on the browser) instead, as the user named by `&user=` (two windows, two colleagues).
// The demo users' tokens come in the address's fragment (`#u-sanne=…&u-pieter=…`), which the
// browser sends to no server: the start script prints them with the server it started.
// The page's <script> loads the bundle, which defines each element as it appears; the classes
// and adapters come from the bundle's library entry, which shares its chunks.
import { IndexedDbAdapter, LiftDataError, clearDrafts, countDrafts, fullName } from '/dist/lift-elements.library.js';
import { DEMO_USERS, seedDemoData } from '/dist/data/demo/demo-data.js';
import { SyncAdapter } from '/dist/lift-elements.team.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);

// The shell's own words, in the language chosen at the top (the elements follow `lang` themselves).
const WORDS = {
  nl: {
    skip: 'Naar de kaart',
    contacts: 'Contactpersonen',
    search: 'Zoeken',
    searchPlaceholder: 'Naam, e-mail of relatie',
    relation: 'Relatie',
    allRelations: 'Alle relaties',
    showArchived: 'Gearchiveerde tonen',
    contactList: 'Contactpersonen, laatst gewijzigde eerst',
    clearSelection: 'Selectie wissen',
    compare: 'Tweede kaart ernaast (ander tabblad nabootsen)',
    close: 'Sluiten',
    loading: 'Demodata laden…',
    seeding: 'Demodata aanmaken…',
    listed: (count, more) => `${count}${more ? '+' : ''} ${count === 1 && !more ? 'contactpersoon' : 'contactpersonen'}, laatst gewijzigde eerst`,
    useSelection: (count) => `Werk met selectie (${count})`,
    select: (name) => `${name} selecteren`,
    archived: 'gearchiveerd',
    failed: (message) => `De demo kon niet starten: ${message}`,
    unsaved: 'Deze kaart heeft wijzigingen die nog niet zijn opgeslagen. Toch naar een andere contactpersoon gaan? (De wijzigingen blijven bewaard als concept.)',
    resetUnsaved: 'Er is werk dat nog niet is opgeslagen: wijzigingen op een kaart, of een notitie of activiteit die nog wordt geschreven. De demodata opnieuw aanmaken gooit het weg. Toch doorgaan?',
    listFailed: (reason) => `De lijst met contactpersonen kon niet worden bijgewerkt: ${reason}`,
    reasons: {
      'version-change': 'de demodata zijn in een ander tabblad opnieuw aangemaakt of verwijderd. Laad de pagina opnieuw.',
      searchTooLong: 'de zoektekst is langer dan 200 tekens.',
      unavailable: 'de gegevens zijn niet bereikbaar (geen verbinding met de server?).',
      unexpected: 'er ging onverwacht iets mis.',
    },
    project: { number: 'Nummer', kind: 'Soort', status: 'Status', start: 'Start', end: 'Einde', archived: 'Gearchiveerd', yes: 'ja', none: '—' },
    kinds: { lead: 'Lead', request: 'Aanvraag', project: 'Project' },
  },
  en: {
    skip: 'Skip to the card',
    contacts: 'Contacts',
    search: 'Search',
    searchPlaceholder: 'Name, e-mail or relation',
    relation: 'Relation',
    allRelations: 'All relations',
    showArchived: 'Show archived',
    contactList: 'Contacts, newest modified first',
    clearSelection: 'Clear selection',
    compare: 'Second card beside it (as another tab would be)',
    close: 'Close',
    loading: 'Loading demo data…',
    seeding: 'Creating demo data…',
    listed: (count, more) => `${count}${more ? '+' : ''} ${count === 1 && !more ? 'contact' : 'contacts'}, newest modified first`,
    useSelection: (count) => `Work with selection (${count})`,
    select: (name) => `Select ${name}`,
    archived: 'archived',
    failed: (message) => `The demo could not start: ${message}`,
    unsaved: 'This card has changes that are not saved yet. Go to another contact anyway? (The changes are kept as a draft.)',
    resetUnsaved: 'There is work that is not saved yet: changes on a card, or a note or activity still being written. Creating the demo data again discards it. Go on anyway?',
    listFailed: (reason) => `The contact list could not be updated: ${reason}`,
    reasons: {
      'version-change': 'the demo data was created again or removed in another tab. Reload the page.',
      searchTooLong: 'the search text is longer than 200 characters.',
      unavailable: 'the data cannot be reached (no connection to the server?).',
      unexpected: 'something went wrong unexpectedly.',
    },
    project: { number: 'Number', kind: 'Kind', status: 'Status', start: 'Start', end: 'End', archived: 'Archived', yes: 'yes', none: '—' },
    kinds: { lead: 'Lead', request: 'Request', project: 'Project' },
  },
};
const words = () => WORDS[document.documentElement.lang] ?? WORDS.nl;
let lastListed = { count: 0, more: false };

function applyLanguage() {
  const w = words();
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = w[el.dataset.i18n];
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = w[el.dataset.i18nPlaceholder];
  for (const el of document.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', w[el.dataset.i18nLabel]);
  $('demo-status').textContent = statusWords(w);
  updateSelectionButtons();
  // The list's own words (the "archived" marks, the checkboxes' names) are written when listed.
  if (statusShown === 'listed' || statusShown === 'list-failed') relistContacts({ keepWay: true });
}
// What the status says: 'loading', 'seeding', 'listed', 'list-failed' (with the reason's key as
// detail) or 'failed' (with the error's message); said again in the words of a language chosen later.
let statusShown = 'loading';
let statusDetail;
function statusWords(w) {
  if (statusShown === 'listed') return w.listed(lastListed.count, lastListed.more);
  if (statusShown === 'list-failed') return w.listFailed(w.reasons[statusDetail] ?? w.reasons.unexpected);
  if (statusShown === 'failed') return w.failed(statusDetail);
  return w[statusShown];
}
function say(state, detail) {
  statusShown = state;
  statusDetail = detail;
  $('demo-status').textContent = statusWords(words());
}
const team = params.get('team');
// The team server's demo users' tokens, new at each start of the server (a local demo only: real
// hosts get tokens from their login).
const TEAM_TOKENS = Object.fromEntries(new URLSearchParams(location.hash.slice(1)));

// The team adapter keeps a copy on this browser: the demo goes on working while the server is
// stopped, and sends what was changed meanwhile when it is back.
async function teamAdapter(user) {
  return SyncAdapter.connect({ baseUrl: team, user, headers: (who) => ({ authorization: `Bearer ${TEAM_TOKENS[who.id] ?? ''}` }) });
}

const teamUser = DEMO_USERS.find((u) => u.id === params.get('user')) ?? DEMO_USERS[0];
// The second card has an adapter of its own on the same database, as another tab would: its
// changes reach the first card through the change feed, and saving both shows the conflict dialog.
const opened = async () => (team ? [await teamAdapter(teamUser), await teamAdapter(teamUser)] : [new IndexedDbAdapter({ databaseName: 'lift' }), new IndexedDbAdapter({ databaseName: 'lift' })]);
const [adapter, secondAdapter] = await opened().catch((error) => {
  // A team server not reached, with nothing kept on this browser yet: said, and the demo stops
  // here (all that follows needs an adapter).
  say('failed', error.message);
  return new Promise(() => undefined);
});
const provider = $('provider');
provider.adapter = adapter;
$('second').adapter = secondAdapter;
if (team) {
  $('team').hidden = false;
  $('team').textContent = `Team: ${new URL(team).host} · ${teamUser.name}. De andere collega / The other colleague: `;
  const other = DEMO_USERS.find((u) => u.id !== teamUser.id);
  const link = document.createElement('a');
  link.href = `?team=${encodeURIComponent(team)}&user=${other.id}${location.hash}`;
  link.target = '_blank';
  link.textContent = other.name;
  $('team').append(link);
  $('reset').hidden = true;
}

const users = team ? [teamUser] : [...DEMO_USERS, { id: 'u-viewer', name: 'Kim Kijker', role: 'viewer' }];
for (const user of users) $('user').append(new Option(`${user.name} (${user.role})`, user.id));
function setUser(user) {
  provider.user = user;
  secondAdapter.session.setUser(user);
}
$('user').addEventListener('change', (event) => setUser(users.find((u) => u.id === event.target.value)));
setUser(users[0]);

$('language').addEventListener('change', (event) => {
  document.documentElement.lang = event.target.value;
  applyLanguage();
  keepInAddress();
});
// The language, the open contact and its tab live in the address: a reload or a shared link
// lands on the same card.
if (WORDS[params.get('lang')]) {
  document.documentElement.lang = params.get('lang');
  $('language').value = params.get('lang');
}
if (params.get('tab')) $('card').setAttribute('tab', params.get('tab'));

function keepInAddress() {
  const url = new URL(location.href);
  const card = $('card');
  if (card.contactId) url.searchParams.set('contact', card.contactId);
  if (card.getAttribute('tab')) url.searchParams.set('tab', card.getAttribute('tab'));
  url.searchParams.set('lang', document.documentElement.lang);
  if (url.href !== location.href) history.replaceState(null, '', url);
}
$('theme').addEventListener('change', (event) => {
  document.documentElement.dataset.liftTheme = event.target.value;
});

$('reset').addEventListener('click', async () => {
  // The overview's half-written activity and the second card's edits do not make the first card
  // dirty; the drafts the browser keeps (what clearDrafts below removes) count them all.
  const unsaved = $('card').dirty || $('second').dirty || countDrafts(adapter.scope) > 0;
  if (unsaved && !confirm(words().resetUnsaved)) return;
  adapter.close();
  secondAdapter.close();
  await IndexedDbAdapter.deleteDatabase('lift');
  // The fresh data has the same ids: drafts, half-written notes and checklist notes of the old would come back on it.
  clearDrafts(adapter.scope);
  location.reload();
});

let current;
const selected = new Set();

// The card moves through the selection and opens search results itself: keep the list's marker with it.
new MutationObserver(() => {
  const id = $('card').contactId;
  if (id !== current) secondFollows(id);
  markCurrent(id);
  keepInAddress();
}).observe($('card'), { attributes: true, attributeFilter: ['contact-id', 'tab'] });

// The card asks the host to open a project (Enter or double-click on one): the demo shows it.
$('card').addEventListener('lift-open-project', (event) => showProject(event.detail.workItem));
$('second').addEventListener('lift-open-project', (event) => showProject(event.detail.workItem));

// The card asks the host to open the relation (its name in the header): the demo's relation
// page is its contact list filtered to that relation, with focus on the list.
for (const card of [$('card'), $('second')]) card.addEventListener('lift-open-relation', (event) => {
  event.preventDefault();
  showRelation(event.detail.relation);
});

async function showRelation(relation) {
  const select = $('relation');
  if (![...select.options].some((option) => option.value === relation.id)) select.append(new Option(relation.name, relation.id));
  select.value = relation.id;
  $('search').value = '';
  await relistContacts();
  ($('contacts').querySelector('button[aria-current="true"]') ?? select).focus();
}

function showProject(item) {
  const w = words();
  // A project's dates are plain days (YYYY-MM-DD), which Date reads as midnight UTC: shown in UTC, they stay that day everywhere.
  const date = (iso) => (iso ? new Date(iso).toLocaleDateString(document.documentElement.lang, { dateStyle: 'medium', timeZone: 'UTC' }) : w.project.none);
  $('project-title').textContent = `${item.number} · ${item.title}`;
  const rows = [
    [w.project.number, item.number],
    [w.project.kind, w.kinds[item.kind] ?? item.kind],
    [w.project.status, item.status || w.project.none],
    [w.project.start, date(item.startDate)],
    [w.project.end, date(item.endDate)],
  ];
  if (item.archived) rows.push([w.project.archived, w.project.yes]);
  $('project-details').replaceChildren(
    ...rows.map(([term, value]) => {
      const row = document.createElement('div');
      const dt = document.createElement('dt');
      const dd = document.createElement('dd');
      dt.textContent = term;
      dd.textContent = value;
      row.append(dt, dd);
      return row;
    }),
  );
  $('project-description').textContent = item.description;
  $('project').showModal();
}

// Saves reorder the list (newest modified first) and archiving removes a contact from it. The
// card's way through the contacts stays as it was: Next after a save is the contact that came
// next, and an archived contact still has its neighbours.
let relist;
// Each list asked for counts up: only the newest writes the list and the status.
let listing = 0;
let wayAsked = false;
adapter.subscribe((change) => {
  if (change.type === 'version-change') {
    // Another tab reset or removed the database: every read of this page fails from now on.
    // Said at once, and no list still under way says otherwise.
    clearTimeout(relist);
    listing++;
    say('list-failed', 'version-change');
    return;
  }
  if (!('resource' in change) || (change.resource !== 'contact' && change.resource !== 'relation')) return;
  clearTimeout(relist);
  relist = setTimeout(() => relistContacts({ keepWay: true }), 200);
});

let typing;
$('search').addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(() => relistContacts(), 150);
});
$('relation').addEventListener('change', () => relistContacts());
$('archived').addEventListener('change', () => relistContacts());
$('filters').addEventListener('submit', (event) => event.preventDefault());

// The card goes through the ticked contacts (also those a filter hides now) until the selection
// is cleared; then through the list again.
let inSelection = false;
$('use-selection').addEventListener('click', () => {
  const ids = [...selected];
  // Answered "Cancel" (the card has unsaved edits), the card keeps its contact and its way.
  if (!ids.length || !showContact(ids[0])) return;
  inSelection = true;
  $('card').selection = ids;
});
$('clear-selection').addEventListener('click', () => {
  // Both selection buttons are disabled below, and focus on a disabled button falls to the page:
  // it goes to the open contact in the list (or the first box) first.
  if ([$('clear-selection'), $('use-selection')].includes(document.activeElement)) {
    const list = $('contacts');
    (list.querySelector('button[aria-current="true"]') ?? list.querySelector('input[type="checkbox"]') ?? $('search')).focus();
  }
  selected.clear();
  for (const box of $('contacts').querySelectorAll('input[type="checkbox"]')) box.checked = false;
  inSelection = false;
  $('card').selection = [...$('contacts').querySelectorAll('button[data-id]')].map((button) => button.dataset.id);
  updateSelectionButtons();
});

$('compare').addEventListener('click', () => {
  const on = $('compare').getAttribute('aria-pressed') !== 'true';
  $('compare').setAttribute('aria-pressed', String(on));
  $('second').hidden = !on;
  if (on) secondFollows(current);
});

function updateSelectionButtons() {
  $('use-selection').textContent = words().useSelection(selected.size);
  $('use-selection').disabled = selected.size === 0;
  $('clear-selection').disabled = selected.size === 0;
}

async function start() {
  const first = await adapter.contacts.list({ limit: 1, includeArchived: true });
  if (!first.items.length && !team) {
    say('seeding');
    await seedDemoData(adapter, { contacts: 40, entriesPerContact: 40, now: new Date() });
  }
  const relations = await adapter.relations.list({ limit: 200 });
  for (const relation of relations.items) $('relation').append(new Option(relation.name, relation.id));
  await relistContacts();
  const asked = params.get('contact');
  if (asked && !current) showContact(asked);
  // A change heard meanwhile (the seeding's own, another tab's) can start a newer list that
  // replaces this one unseen: the card opens on whichever list is made first.
  else if (!current) {
    const listed = await firstListed;
    if (!current) showContact(listed);
  }
}
let listedFirst;
const firstListed = new Promise((resolve) => (listedFirst = resolve));

/**
 * Lists the contacts the filters ask for (listContacts). A list that could not be made (another
 * tab removed the database, a search too long, the team server not reached) is said in the
 * status until a list is made. Answers whether this list was made.
 */
async function relistContacts({ keepWay = false } = {}) {
  const mine = ++listing;
  // A list asked to take the card along (a new filter) can be replaced by a newer one that keeps
  // the card's way (a change heard, another language) before it is made: the newer one takes
  // the card along then.
  if (!keepWay) wayAsked = true;
  try {
    return await listContacts(() => mine === listing);
  } catch (error) {
    if (mine === listing) say('list-failed', LiftDataError.is(error, 'validation') && error.fields?.text === 'too-long' ? 'searchTooLong' : LiftDataError.is(error) ? error.code : 'unexpected');
    return false;
  }
}

/** Lists the contacts the filters ask for, if `newest()` still; the card goes through them when a list since the last one made asked for it (a new filter, not a change). */
async function listContacts(newest) {
  const page = await adapter.contacts.list({
    limit: 100,
    text: $('search').value,
    relationId: $('relation').value || undefined,
    includeArchived: $('archived').checked,
  });
  if (!newest()) return false;
  const list = $('contacts');
  // A reader in the list (a change elsewhere lists again) keeps focus on the same contact's box or button.
  const had = list.contains(document.activeElement) ? { id: document.activeElement.dataset.id ?? document.activeElement.value, box: document.activeElement.type === 'checkbox' } : undefined;
  list.replaceChildren();
  for (const contact of page.items) {
    const item = document.createElement('li');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = contact.id;
    box.checked = selected.has(contact.id);
    box.setAttribute('aria-label', words().select(fullName(contact)));
    box.addEventListener('change', () => {
      if (box.checked) selected.add(contact.id);
      else selected.delete(contact.id);
      updateSelectionButtons();
    });
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.id = contact.id;
    button.textContent = fullName(contact);
    const small = document.createElement('small');
    small.textContent = [contact.jobTitle, contact.archived ? words().archived : ''].filter(Boolean).join(' · ');
    button.append(small);
    button.addEventListener('click', () => showContact(contact.id));
    item.append(box, button);
    list.append(item);
  }
  if (had) list.querySelector(had.box ? `input[value="${CSS.escape(had.id)}"]` : `button[data-id="${CSS.escape(had.id)}"]`)?.focus();
  lastListed = { count: page.items.length, more: Boolean(page.next) };
  say('listed');
  const way = $('card').selection;
  const takeAlong = wayAsked;
  wayAsked = false;
  if (!way?.length || (!inSelection && takeAlong)) $('card').selection = page.items.map((contact) => contact.id);
  markCurrent(current);
  listedFirst(page.items[0]?.id);
  return true;
}

/** Marks `id` as the open contact in the list (listing again marks the same one again). */
function markCurrent(id) {
  current = id;
  for (const button of $('contacts').querySelectorAll('button')) button.setAttribute('aria-current', String(button.dataset.id === id));
}

/**
 * The second card, when shown, goes along when the first card moves to another contact; with
 * unsaved edits it stays where it is, so they stay on screen (as another tab would).
 */
function secondFollows(id) {
  const second = $('second');
  if (!second.hidden && id && !second.dirty) second.contactId = id;
}

/** Shows contact `id` in the card, unless the user keeps its unsaved edits; answers whether the card shows `id` now. */
function showContact(id) {
  if (!id) return false;
  if (id === $('card').contactId) return true;
  // The card says when it has unsaved edits: ask before showing another contact.
  if ($('card').dirty && !confirm(words().unsaved)) return false;
  markCurrent(id);
  secondFollows(id);
  $('card').hidden = false;
  $('card').contactId = id;
  return true;
}

applyLanguage();
start().catch((error) => say('failed', error.message));
