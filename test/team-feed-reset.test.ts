import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import '../src/lift-contact-card.js';
import { heldFeed, startTeamServerFirst, teamSpace, TEAM_USERS, type TeamSpace } from './team.js';
import { oneContact } from './worlds.js';

// When the server cannot resume the change feed where an adapter left off (the changes since
// were pruned, or the database was restored), it sends `event: reset`; the card and its
// overview then read again what they show, and so show what they missed.

startTeamServerFirst();

const [ANNA, ERIK] = TEAM_USERS as [(typeof TEAM_USERS)[0], (typeof TEAM_USERS)[0]];

/** The job title the card's header shows. */
const shownJobTitle = (card: LiftContactCard) => card.shadowRoot!.querySelector('.function button')?.textContent?.trim();

/** Text of an element and every shadow root below it. */
function deepText(node: Node): string {
  let text = node.nodeType === Node.TEXT_NODE ? (node.textContent ?? '') : '';
  if (node instanceof Element && node.shadowRoot) text += deepText(node.shadowRoot);
  for (const child of node.childNodes) text += deepText(child);
  return text;
}

describe('a reset of the change feed', () => {
  let space: TeamSpace;
  afterEach(() => space?.drop());

  it('makes an open card show the edits and notes it missed', async () => {
    space = await teamSpace();
    const erik = await space.connect(ERIK);
    const { contact } = await oneContact(erik, 'Drukkerij Van Dam', { firstName: 'Eva', lastName: 'Dam', jobTitle: 'Zetter' });

    // Anna's feed is one the test controls: it opens, then says nothing of Erik's changes.
    const { adapter: anna, subscribed, reset } = await heldFeed(space, ANNA);
    const card = await fixture<LiftContactCard>(html`<lift-contact-card lang="en" contact-id=${contact.id} .adapter=${anna}></lift-contact-card>`);
    await card.loaded;
    await waitUntil(subscribed, 'the card subscribed');
    await waitUntil(() => shownJobTitle(card) === 'Zetter', 'the card shows the contact');
    // The overview's composer shows before its first page is read: wait for that read too, or
    // it may happen after Erik's writes below and show them without any reset.
    await waitUntil(() => card.shadowRoot!.querySelector('lift-contact-timeline'), 'the overview');
    await card.shadowRoot!.querySelector<LiftContactTimeline>('lift-contact-timeline')!.loaded;
    await waitUntil(() => deepText(card).includes('Record activity'), 'the overview has loaded');

    await erik.contacts.update(contact.id, contact.version, { jobTitle: 'Ontwerper' });
    await erik.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Teruggebeld over de offerte', body: 'Volgende week' });
    await anna.contacts.get(contact.id); // a round trip after Erik's writes: nothing told the card of them
    expect(shownJobTitle(card)).to.equal('Zetter');
    expect(deepText(card)).to.not.include('Teruggebeld over de offerte');

    reset();
    await waitUntil(() => shownJobTitle(card) === 'Ontwerper', 'the card reads the contact again');
    await waitUntil(() => deepText(card).includes('Teruggebeld over de offerte'), 'the overview reads its entries again');
    expect(anna.lastEventId).to.equal('9');
  });
});
