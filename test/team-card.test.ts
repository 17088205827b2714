import { expect, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { HttpAdapter } from '../src/data/adapters/http-adapter.js';
import type { ContactDetails } from '../src/data/contract/model.js';
import '../src/lift-contact-card.js';
import { mountCard } from './harness.js';
import { typeInto, waitUntil } from './helpers.js';
import { startTeamServerFirst, teamSpace, TEAM_USERS, type TeamSpace } from './team.js';

// The card on the team backend: HttpAdapter → reference server → PostgreSQL. Colleagues on
// other machines are other adapters with their own tokens; their saves reach the card through
// the server's change feed.

const [ANNA, ERIK] = TEAM_USERS as [(typeof TEAM_USERS)[0], (typeof TEAM_USERS)[0]];

async function seed(adapter: HttpAdapter) {
  const relation = await adapter.relations.create({ kind: 'client', name: 'Drukkerij Van Dam' });
  return adapter.contacts.create({ relationId: relation.id, firstName: 'Eva', lastName: 'Dam', email: 'eva@vandam.nl', jobTitle: 'Drukker' });
}

const mount = (adapter: HttpAdapter, contactId: string) => mountCard(adapter, contactId, { tab: 'overview' });

const root = (el: LiftContactCard) => el.shadowRoot!;
const field = (el: LiftContactCard, name: keyof ContactDetails) => root(el).querySelector<HTMLInputElement>(`#field-${name}`)!;
const banners = (el: LiftContactCard) => [...root(el).querySelectorAll('[part~="banner"]')].map((b) => b.textContent!.replace(/\s+/g, ' ').trim());
const header = (el: LiftContactCard) => root(el).querySelector('[part~="header"]')!.textContent!;

const type = (el: LiftContactCard, name: keyof ContactDetails, value: string) => typeInto(el, field(el, name), value);

async function save(el: LiftContactCard) {
  root(el).querySelector('lift-button-bar')!.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="save"]')!.click();
  await new Promise((resolve) => setTimeout(resolve));
  await el.updateComplete;
}

startTeamServerFirst();

describe('<lift-contact-card> on the team server', () => {
  let space: TeamSpace;
  beforeEach(async () => {
    space = await teamSpace();
  });
  afterEach(async () => {
    localStorage.clear();
    await space.drop();
  });

  it("follows a colleague's save when clean, and says so when dirty", async () => {
    const mine = await space.connect(ANNA);
    const theirs = await space.connect(ERIK);
    const contact = await seed(mine);
    const el = await mount(mine, contact.id);
    await waitUntil(() => mine.feedState === 'open', 'the feed to connect');
    await theirs.contacts.update(contact.id, 1, { jobTitle: 'Eigenaar' });
    await waitUntil(() => header(el).includes('Eigenaar'), 'the header to follow');
    expect(field(el, 'jobTitle').value).to.equal('Eigenaar');
    await type(el, 'firstName', 'Evelien');
    await theirs.contacts.update(contact.id, 2, { firstName: 'Eefje' });
    await waitUntil(() => banners(el).some((b) => b.includes('changed elsewhere')), 'the notice');
    expect(field(el, 'firstName').value, 'the edit stays').to.equal('Evelien');
  });

  it('keeps the edits when the server dies mid-session, says why, and saves them once it is back', async function () {
    // It starts a server process twice (spawn, then restart after the kill); on a loaded
    // machine each start can take seconds, more than the default 10 s for the whole test.
    this.timeout(30_000);
    const spawned = (await executeServerCommand('lift-team', { action: 'spawn' })) as { id: string; url: string };
    const own = await teamSpace({ server: spawned.url });
    try {
      const adapter = await own.connect(ANNA, { retries: 1, retryDelayMs: 20 });
      const contact = await seed(adapter);
      const el = await mount(adapter, contact.id);
      await type(el, 'jobTitle', 'Hoofd drukwerk');
      await executeServerCommand('lift-team', { action: 'kill', id: spawned.id });
      await save(el);
      await waitUntil(() => banners(el).some((b) => b.includes('Saving failed')), 'the failure', { timeout: 8000 });
      expect(banners(el).join(' ')).to.include('cannot be reached');
      expect(el.dirty).to.equal(true);
      expect(field(el, 'jobTitle').value).to.equal('Hoofd drukwerk');
      await executeServerCommand('lift-team', { action: 'start', id: spawned.id });
      const retry = [...root(el).querySelectorAll<HTMLButtonElement>('[part~="banner"] button')].find((b) => b.textContent!.trim() === 'Try again')!;
      const saved = oneEvent(el, 'lift-contact-saved');
      retry.click();
      await saved;
      expect(el.dirty).to.equal(false);
      const fresh = await own.connect(ERIK);
      const stored = await fresh.contacts.get(contact.id);
      expect(stored.jobTitle).to.equal('Hoofd drukwerk');
      expect(stored.version).to.equal(2);
    } finally {
      await own.drop();
    }
  });

  it("refuses an employee's archive on the server even when the card is told to try", async () => {
    const admin = await space.connect(ANNA);
    const contact = await seed(admin);
    const employee = await space.connect(ERIK);
    const el = await mount(employee, contact.id);
    // Rights come from the server's answer to /session: the bar offers no Archive.
    const bar = root(el).querySelector('lift-button-bar')!;
    await (bar as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(bar.shadowRoot!.querySelector('[data-action="archive"]')).to.equal(null);
    // And a forged call gets the server's refusal.
    const error = await employee.contacts.setArchived(contact.id, 1, true).catch((e: unknown) => e);
    expect((error as { code?: string }).code).to.equal('permission');
    expect((await admin.contacts.get(contact.id)).archived).to.equal(false);
  });
});
