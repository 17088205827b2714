import { expect } from '@open-wc/testing';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { HttpAdapter } from '../src/data/adapters/http-adapter.js';
import type { ContactDetails } from '../src/data/contract/model.js';
import '../src/lift-contact-card.js';
import { listen, mountCard, pressBar } from './harness.js';
import { typeInto, waitUntil } from './helpers.js';
import { startTeamServerFirst, teamSpace, TEAM_USERS, type TeamSpace } from './team.js';

// A save on the team server whose answer is lost on the way back (the connection drops after
// the server stored it): the adapter cannot confirm it, and the change comes through the feed
// later. That change is the user's own save, not news from elsewhere.

const [ANNA, ERIK] = TEAM_USERS as [(typeof TEAM_USERS)[0], (typeof TEAM_USERS)[0]];

/**
 * A network for one user: while `lose` is set, the next PATCH reaches the server and its answer
 * is lost; while `holdFeed` is set, what the change feed brings waits until it is released.
 */
function network() {
  const net = { lose: false, holdFeed: false, release: () => {} };
  let held: Promise<void> = Promise.resolve();
  const hold = () => {
    held = new Promise((resolve) => (net.release = () => ((net.holdFeed = false), resolve())));
    net.holdFeed = true;
  };
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const response = await globalThis.fetch(input, init);
    if (net.lose && init?.method === 'PATCH') {
      net.lose = false;
      await response.text();
      throw new TypeError('Failed to fetch');
    }
    if (!String(input).endsWith('/events') || !response.body) return response;
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        async transform(chunk, out) {
          await held;
          out.enqueue(chunk);
        },
      }),
    );
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return { net, hold, fetch };
}

const root = (el: LiftContactCard) => el.shadowRoot!;
const field = (el: LiftContactCard, name: keyof ContactDetails) => root(el).querySelector<HTMLInputElement>(`#field-${name}`)!;
const type = (el: LiftContactCard, name: keyof ContactDetails, value: string) => typeInto(el, field(el, name), value);
const banners = (el: LiftContactCard) => [...root(el).querySelectorAll('[part~="banner"]')].map((b) => b.textContent!.replace(/\s+/g, ' ').trim()).join(' | ');
const saveState = (el: LiftContactCard) => root(el).querySelector('[part~="save-state"]')!.textContent!.trim();

/** Waits until `predicate` holds; when it does not, says what the card shows then. */
const until = (el: LiftContactCard, predicate: () => boolean, what: string) =>
  waitUntil(predicate, what).catch(() => {
    throw new Error(`Timeout: ${what} (save state "${saveState(el)}", banners "${banners(el)}")`);
  });

/** The edits this browser keeps of `contactId` for the user, by field. */
function keptEdits(contactId: string): Record<string, string> {
  const key = Object.keys(localStorage).find((k) => k.startsWith('lift-elements:draft:') && k.endsWith(`:${contactId}`));
  return key ? (JSON.parse(localStorage.getItem(key)!) as { edits: Record<string, string> }).edits : {};
}

startTeamServerFirst();

describe('<lift-contact-card> on the team server: a save whose answer was lost', () => {
  let space: TeamSpace;
  beforeEach(async () => {
    space = await teamSpace();
  });
  afterEach(async () => {
    localStorage.clear();
    await space.drop();
  });

  async function world() {
    const { net, hold, fetch } = network();
    const adapter: HttpAdapter = await space.connect(ANNA, { fetch });
    const relation = await adapter.relations.create({ kind: 'client', name: 'Drukkerij Van Dam' });
    const contact = await adapter.contacts.create({ relationId: relation.id, firstName: 'Eva', lastName: 'Dam', jobTitle: 'Drukker', phone: '010 123 4567' });
    const el = await mountCard(adapter, contact.id, { tab: 'overview' });
    await waitUntil(() => adapter.feedState === 'open', 'the feed to connect');
    const colleague = await space.connect(ERIK);
    return { net, hold, contact, el, stored: () => colleague.contacts.get(contact.id) };
  }

  it('shows the edit as saved once the feed brings it, with no failure and no "changed elsewhere"', async () => {
    const { net, contact, el, stored } = await world();
    const heard = listen(el);
    const told: unknown[] = [];
    el.addEventListener('lift-contact-saved', (event) => told.push([event.detail.contact.jobTitle, event.detail.fields]));
    await type(el, 'jobTitle', 'Hoofd drukwerk');
    net.lose = true;
    await pressBar(el, 'save');
    await until(el, () => saveState(el).startsWith('Saved at'), 'the save shown as done');
    await el.updateComplete;
    expect({
      banners: banners(el),
      dirty: el.dirty,
      shown: field(el, 'jobTitle').value,
      stored: (await stored()).jobTitle,
      kept: keptEdits(contact.id),
      told,
    }).to.deep.equal({ banners: '', dirty: false, shown: 'Hoofd drukwerk', stored: 'Hoofd drukwerk', kept: {}, told: [['Hoofd drukwerk', ['jobTitle']]] });
    await waitUntil(() => heard.includes('Saved.'), 'the save announced');
  });

  it('takes the lost save as saved, and keeps what was typed after it unsaved', async () => {
    const { net, hold, contact, el, stored } = await world();
    await type(el, 'jobTitle', 'Hoofd drukwerk');
    net.lose = true;
    // The feed is slow to bring the stored change: the user types on before it comes.
    hold();
    await pressBar(el, 'save');
    await until(el, () => banners(el).includes('Saving failed'), 'the failure said');
    await type(el, 'phone', '06 1234 5678');
    expect(saveState(el)).to.equal('2 changes not saved');
    net.release();
    await until(el, () => saveState(el) === '1 change not saved', 'the lost save taken as saved');
    await el.updateComplete;
    const now = await stored();
    expect({
      banners: banners(el),
      dirty: el.dirty,
      shown: [field(el, 'jobTitle').value, field(el, 'phone').value],
      stored: [now.jobTitle, now.phone],
      kept: keptEdits(contact.id),
    }).to.deep.equal({
      banners: '',
      dirty: true,
      shown: ['Hoofd drukwerk', '06 1234 5678'],
      stored: ['Hoofd drukwerk', '010 123 4567'],
      kept: { phone: '06 1234 5678' },
    });
    // What was typed after the lost save is saved by the next Save, as any edit.
    await pressBar(el, 'save');
    await until(el, () => saveState(el).startsWith('Saved at'), 'the second save');
    expect((await stored()).phone).to.equal('06 1234 5678');
  });
});
