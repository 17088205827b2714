import { expect, fixture, html } from '@open-wc/testing';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { HttpAdapter } from '../src/data/adapters/http-adapter.js';
import '../src/lift-checklist.js';
import '../src/lift-contact-card.js';
import { mountCard } from './harness.js';
import { waitUntil } from './helpers.js';
import { eventually, heldFeed, startTeamServerFirst, teamSpace, TEAM_USERS, type TeamSpace } from './team.js';
import { oneContact } from './worlds.js';

// Two things the change feed of the team server tells that a list must not miss: the feed's copy
// of a tick whose answer was lost on the way back (the tick was stored), and a reset of the feed
// (changes were missed), after which the card's other contacts at the relation are read again.

startTeamServerFirst();

const [ANNA, ERIK] = TEAM_USERS as [(typeof TEAM_USERS)[0], (typeof TEAM_USERS)[0]];

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('what the team feed tells a list', () => {
  let space: TeamSpace;
  afterEach(() => space?.drop());

  it('shows a tick as stored, with no error, when the server stored it but its answer was lost and the feed told of it', async () => {
    space = await teamSpace();
    const setup = await space.connect(ANNA);
    const { contact } = await oneContact(setup, 'Drukkerij Van Dam', { firstName: 'Eva', lastName: 'Dam' });
    await setup.checklists!.saveDefinition({ cardType: 'contact', text: 'AVG', category: '', order: 1, mode: 'editable', modeByStatus: {} });

    // The tick reaches the server; its answer is lost once the feed has brought the change
    // (the connection drops on the way back), as a "Failed to fetch".
    let before: string | undefined;
    let lost = false;
    const anna: HttpAdapter = await space.connect(ANNA, {
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (init?.method !== 'PUT' || !String(input).includes('/checklist/')) return response;
        await response.text();
        await eventually(() => anna.lastEventId !== before, 'the feed to bring the tick');
        lost = true;
        throw new TypeError('Failed to fetch');
      },
    });
    const checklist = await fixture<LiftChecklist>(html`<lift-checklist lang="en" contact-id=${contact.id} .adapter=${anna}></lift-checklist>`);
    await checklist.loaded;
    await waitUntil(() => anna.feedState === 'open', 'the feed open');
    const root = checklist.shadowRoot!;
    const box = () => root.querySelector<HTMLInputElement>('[part~="item"] input[type="checkbox"]')!;
    expect(text(root.querySelector('[part~="progress"]'))).to.equal('0 of 1 done');

    before = anna.lastEventId;
    box().click();
    await waitUntil(() => lost, 'the tick sent, and its answer lost');
    await waitUntil(() => !root.querySelector('[aria-busy="true"]'), 'the tick answered');
    await checklist.loaded;

    const [stored] = await setup.checklists!.states(contact.id);
    expect(stored?.done, 'the server holds the tick').to.equal(true);
    expect(text(root.querySelector('[part~="progress"]'))).to.equal('1 of 1 done');
    expect(box().checked).to.equal(true);
    expect(root.querySelector('[part~="error"]'), text(root.querySelector('[part~="error"]'))).to.equal(null);
  });

  it('lists a colleague added at the relation, unheard, once the feed resets', async () => {
    space = await teamSpace();
    const erik = await space.connect(ERIK);
    const { contact, relation } = await oneContact(erik, 'Drukkerij Van Dam', { firstName: 'Eva', lastName: 'Dam' });

    // Anna's feed is one the test controls: it opens, then says nothing of Erik's changes.
    const { adapter: anna, subscribed, reset } = await heldFeed(space, ANNA);
    const card: LiftContactCard = await mountCard(anna, contact.id);
    const $ = (s: string) => card.shadowRoot!.querySelector(s);
    await waitUntil(subscribed, 'the card subscribed');
    await waitUntil(() => text($('.colleagues p')) === 'No other contacts at this relation.', `the other contacts read (shows "${text($('.colleagues'))}")`);

    await erik.contacts.create({ relationId: relation.id, firstName: 'Pieter', lastName: 'Bakker' });
    await anna.contacts.list({ relationId: relation.id }); // a round trip after Erik's write: nothing told the card of it
    expect(text($('.colleagues p'))).to.equal('No other contacts at this relation.');

    reset();
    await waitUntil(() => $('.colleagues li'), `the other contacts read again (shows "${text($('.colleagues'))}")`);
    expect([...card.shadowRoot!.querySelectorAll('.colleagues li')].map(text)).to.deep.equal(['Pieter Bakker']);
  });
});
