// The demo shell: plain DOM, no framework, the way a host app embeds the bundle. The first
// start seeds the embedded IndexedDB database with demo data; later starts keep the edits.
import { IndexedDbAdapter, fullName } from '/dist/lift-elements.bundle.js';
import { DEMO_USERS, seedDemoData } from '/dist/data/demo-data.js';

const $ = (id) => document.getElementById(id);
const adapter = new IndexedDbAdapter({ databaseName: 'lift' });
const provider = $('provider');
provider.adapter = adapter;

for (const user of DEMO_USERS) $('user').append(new Option(`${user.name} (${user.role})`, user.id));
$('user').addEventListener('change', (event) => {
  provider.user = DEMO_USERS.find((u) => u.id === event.target.value);
  showContact(current);
});
provider.user = DEMO_USERS[0];

$('language').addEventListener('change', (event) => {
  document.documentElement.lang = event.target.value;
});

$('reset').addEventListener('click', async () => {
  adapter.close();
  await IndexedDbAdapter.deleteDatabase('lift');
  location.reload();
});

// The card moves through the selection itself (previous / next): keep the list's marker with it.
new MutationObserver(() => markCurrent($('card').contactId)).observe($('card'), { attributes: true, attributeFilter: ['contact-id'] });

// Saves reorder the list (newest modified first) and archiving removes a contact from it.
let relist;
adapter.subscribe((change) => {
  if (!('resource' in change) || change.resource !== 'contact') return;
  clearTimeout(relist);
  relist = setTimeout(listContacts, 200);
});

let current;

async function start() {
  const first = await adapter.contacts.list({ limit: 1 });
  if (!first.items.length) {
    $('demo-status').textContent = 'Demodata aanmaken…';
    await seedDemoData(adapter, { contacts: 40, entriesPerContact: 40, now: new Date() });
  }
  await listContacts();
}

async function listContacts() {
  const page = await adapter.contacts.list({ limit: 100 });
  const list = $('contacts');
  list.replaceChildren();
  for (const contact of page.items) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.id = contact.id;
    button.textContent = fullName(contact);
    const small = document.createElement('small');
    small.textContent = contact.jobTitle;
    button.append(small);
    button.addEventListener('click', () => showContact(contact.id));
    item.append(button);
    list.append(item);
  }
  $('demo-status').textContent = `${page.items.length} contactpersonen, nieuwst gewijzigd eerst`;
  $('card').selection = page.items.map((contact) => contact.id);
  markCurrent(current);
  if (!current && page.items[0]) showContact(page.items[0].id);
}

function markCurrent(id) {
  current = id;
  for (const button of $('contacts').querySelectorAll('button')) button.setAttribute('aria-current', String(button.dataset.id === id));
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
