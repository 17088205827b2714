// The demo shell: plain DOM, no framework, the way a host app embeds the bundle. The first
// start seeds the embedded IndexedDB database with demo data; later starts keep the edits.
// With `?team=<server>` (what `npm run start:team` opens) the cards work on the team server
// through HttpAdapter instead, as the user named by `&user=` (two windows, two colleagues).
// The demo users' tokens come in the address's fragment (`#u-sanne=…&u-pieter=…`), which the
// browser sends to no server: the start script prints them with the server it started.
import { IndexedDbAdapter, fullName } from '/dist/lift-elements.bundle.js';
import { DEMO_USERS, seedDemoData } from '/dist/data/demo/demo-data.js';
import { HttpAdapter } from '/dist/data/adapters/http-adapter.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const team = params.get('team');
// The team server's demo users' tokens, new at each start of the server (a local demo only: real
// hosts get tokens from their login).
const TEAM_TOKENS = Object.fromEntries(new URLSearchParams(location.hash.slice(1)));

async function teamAdapter(user) {
  return HttpAdapter.connect({ baseUrl: team, user, headers: (who) => ({ authorization: `Bearer ${TEAM_TOKENS[who.id] ?? ''}` }) });
}

const teamUser = DEMO_USERS.find((u) => u.id === params.get('user')) ?? DEMO_USERS[0];
const adapter = team ? await teamAdapter(teamUser) : new IndexedDbAdapter({ databaseName: 'lift' });
// The second card has an adapter of its own on the same database, as another tab would: its
// changes reach the first card through the change feed, and saving both shows the conflict dialog.
const secondAdapter = team ? await teamAdapter(teamUser) : new IndexedDbAdapter({ databaseName: 'lift' });
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
});
$('theme').addEventListener('change', (event) => {
  document.documentElement.dataset.liftTheme = event.target.value;
});

$('reset').addEventListener('click', async () => {
  adapter.close();
  secondAdapter.close();
  await IndexedDbAdapter.deleteDatabase('lift');
  location.reload();
});

let current;
const selected = new Set();

// The card moves through the selection and opens search results itself: keep the list's marker with it.
new MutationObserver(() => markCurrent($('card').contactId)).observe($('card'), { attributes: true, attributeFilter: ['contact-id'] });

// Saves reorder the list (newest modified first) and archiving removes a contact from it.
let relist;
adapter.subscribe((change) => {
  if (!('resource' in change) || (change.resource !== 'contact' && change.resource !== 'relation')) return;
  clearTimeout(relist);
  relist = setTimeout(listContacts, 200);
});

let typing;
$('search').addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(listContacts, 150);
});
$('relation').addEventListener('change', listContacts);
$('archived').addEventListener('change', listContacts);
$('filters').addEventListener('submit', (event) => event.preventDefault());

$('use-selection').addEventListener('click', () => {
  const ids = [...$('contacts').querySelectorAll('input[type="checkbox"]:checked')].map((box) => box.value);
  if (!ids.length) return;
  $('card').selection = ids;
  showContact(ids[0]);
});
$('clear-selection').addEventListener('click', () => {
  selected.clear();
  for (const box of $('contacts').querySelectorAll('input[type="checkbox"]')) box.checked = false;
  $('card').selection = undefined;
  updateSelectionButtons();
});

$('compare').addEventListener('click', () => {
  const on = $('compare').getAttribute('aria-pressed') !== 'true';
  $('compare').setAttribute('aria-pressed', String(on));
  $('second').hidden = !on;
  if (on) $('second').contactId = current;
});

function updateSelectionButtons() {
  $('use-selection').textContent = `Werk met selectie (${selected.size})`;
  $('use-selection').disabled = selected.size === 0;
  $('clear-selection').disabled = selected.size === 0;
}

async function start() {
  const first = await adapter.contacts.list({ limit: 1, includeArchived: true });
  if (!first.items.length && !team) {
    $('demo-status').textContent = 'Demodata aanmaken…';
    await seedDemoData(adapter, { contacts: 40, entriesPerContact: 40, now: new Date() });
  }
  const relations = await adapter.relations.list({ limit: 200 });
  for (const relation of relations.items) $('relation').append(new Option(relation.name, relation.id));
  await listContacts();
}

async function listContacts() {
  const page = await adapter.contacts.list({
    limit: 100,
    text: $('search').value,
    relationId: $('relation').value || undefined,
    includeArchived: $('archived').checked,
  });
  const list = $('contacts');
  list.replaceChildren();
  for (const contact of page.items) {
    const item = document.createElement('li');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = contact.id;
    box.checked = selected.has(contact.id);
    box.setAttribute('aria-label', `${fullName(contact)} selecteren`);
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
    small.textContent = [contact.jobTitle, contact.archived ? 'gearchiveerd' : ''].filter(Boolean).join(' · ');
    button.append(small);
    button.addEventListener('click', () => showContact(contact.id));
    item.append(box, button);
    list.append(item);
  }
  $('demo-status').textContent = `${page.items.length}${page.next ? '+' : ''} contactpersonen, nieuwst gewijzigd eerst`;
  if (!$('card').selection?.length || !selected.size) $('card').selection = page.items.map((contact) => contact.id);
  markCurrent(current);
  if (!current && page.items[0]) showContact(page.items[0].id);
}

function markCurrent(id) {
  current = id;
  for (const button of $('contacts').querySelectorAll('button')) button.setAttribute('aria-current', String(button.dataset.id === id));
  if (!$('second').hidden && id) $('second').contactId = id;
}

function showContact(id) {
  if (!id) return;
  markCurrent(id);
  $('card').hidden = false;
  $('card').contactId = id;
}

start().catch((error) => {
  $('demo-status').textContent = `De demo kon niet starten: ${error.message}`;
});
