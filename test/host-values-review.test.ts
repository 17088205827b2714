import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftButtonBar } from '../src/button-bar/button-bar.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import '../src/lift-contact-card.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { act, deepActive, inDialog, search } from './dialog-helpers.js';
import { mountCard } from './harness.js';
import { captureWarnings, waitUntil } from './helpers.js';
import { demoWorld } from './worlds.js';

// Values a host sets that the card must read as the host meant them: a selection given as the
// attribute's text (as a framework binding sets the property), and a click on a project that the
// card must not act on for a contact it no longer shows.

async function world() {
  const adapter = freshIndexedDbAdapter();
  const relation = await adapter.relations.create({ kind: 'client', name: 'Reclamebureau Oost' });
  const [first, second, third] = await Promise.all(
    ['Ans', 'Bram', 'Cor'].map((firstName) => adapter.contacts.create({ relationId: relation.id, firstName, lastName: 'Jansen' })),
  );
  const project = await adapter.work!.create({ kind: 'project', contactId: first!.id, title: 'Jaarverslag 2027' });
  return { adapter, first: first!, second: second!, third: third!, project };
}

const root = (card: LiftContactCard) => card.shadowRoot!;
const bar = (card: LiftContactCard) => root(card).querySelector<LiftButtonBar>('lift-button-bar');
const position = (card: LiftContactCard) => bar(card)?.shadowRoot!.querySelector('[part~="toolbar"] [part="selection-position"]')?.textContent?.trim();
const name = (card: LiftContactCard) => root(card).querySelector('[part~="name"]')?.textContent?.trim();
const activeDetail = (card: LiftContactCard) => root(card).querySelector('[part~="detail-tabs"] [aria-selected="true"]')?.textContent!.replace('•', '').trim();

afterEach(dropDatabases);

describe('a selection set as text', () => {
  it('is read as its ids: the position counts contacts and Next goes to the next one', async () => {
    const { adapter, first, second, third } = await world();
    const card = await mountCard(adapter, second.id);
    // As Vue or a template engine sets a property from a string binding, duplicates included.
    (card as unknown as { selection: string }).selection = ` ${first.id} ${second.id}  ${second.id} ${third.id} `;
    await waitUntil(() => position(card) === '2 / 3', `the position among three contacts (shows ${position(card)})`);
    bar(card)!.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="next"]')!.click();
    await waitUntil(() => card.contactId === third.id && name(card) === 'Cor Jansen', `the next contact (on ${card.contactId})`);
    expect(position(card)).to.equal('3 / 3');
  });

  it('keeps the copy in its original’s place when the copy opens', async () => {
    const { adapter, seeded } = await demoWorld();
    const [before, original, after] = seeded.contactIds.slice(1, 4) as [string, string, string];
    const contact = await adapter.contacts.get(original);
    const target = (await adapter.relations.list({ limit: 50 })).items.find((r) => r.id !== contact.relationId)!;
    const card = await mountCard(adapter, original);
    (card as unknown as { selection: string }).selection = `${before} ${original} ${after}`;
    await waitUntil(() => position(card) === '2 / 3', 'the position');
    await act(card, { action: 'copy' });
    await search(card, target.name);
    await sendKeys({ press: 'Enter' });
    await card.updateComplete;
    const copied = oneEvent(card, 'lift-contact-copied');
    inDialog<HTMLButtonElement>(card, 'button.primary')!.click();
    const { detail } = await copied;
    await waitUntil(() => deepActive(card)?.classList.contains('open-copy'), 'focus on “open the copy”');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => card.contactId === detail.copyId, 'the copy open');
    expect(card.selection, 'the copy in the original’s place').to.deep.equal([before, detail.copyId, after]);
    await waitUntil(() => position(card) === '2 / 3', `the copy's position (shows ${position(card)})`);
  });

  it('is warned of and ignored when it is neither a list nor text', async () => {
    const { adapter, first, second } = await world();
    const card = await mountCard(adapter, first.id);
    const warnings = await captureWarnings(async () => {
      (card as unknown as { selection: number }).selection = 42;
      await card.updateComplete;
      await bar(card)!.updateComplete;
    });
    expect(name(card), 'the card still shows its contact').to.equal('Ans Jansen');
    expect(bar(card)!.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="next"]')!.getAttribute('aria-disabled')).to.equal('true');
    expect(warnings.join('\n')).to.include('selection').and.include('a number');
    card.selection = [first.id, second.id];
    await waitUntil(() => position(card) === '1 / 2', 'a list set afterwards');
  });
});

describe('a project clicked just before the card moves on', () => {
  it('opens nothing on the contact the card moved to', async () => {
    const { adapter, first, second, project } = await world();
    const card = await mountCard(adapter, first.id, { tab: 'projects' });
    await waitUntil(() => root(card).querySelector(`tr[data-work-id="${project.id}"] button`), 'the project');
    expect(activeDetail(card)).to.equal('Personal details');
    root(card).querySelector<HTMLButtonElement>(`tr[data-work-id="${project.id}"] button`)!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, detail: 1 }));
    // The host moves the card on within the double-click time.
    card.contactId = second.id;
    await waitUntil(() => name(card) === 'Bram Jansen', 'the other contact');
    await new Promise((resolve) => setTimeout(resolve, 800));
    await card.updateComplete;
    expect(activeDetail(card), 'the detail the user had').to.equal('Personal details');
    // On the contact it was clicked on, a click still opens its project after the wait.
    card.contactId = first.id;
    await waitUntil(() => name(card) === 'Ans Jansen' && root(card).querySelector(`tr[data-work-id="${project.id}"] button`), 'back on the first');
    root(card).querySelector<HTMLButtonElement>(`tr[data-work-id="${project.id}"] button`)!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, detail: 1 }));
    await waitUntil(() => activeDetail(card) === 'Project', 'the project opened after one click');
  });
});
