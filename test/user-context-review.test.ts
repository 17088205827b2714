import { expect } from '@open-wc/testing';
import type { LiftButtonBar } from '../src/button-bar/button-bar.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import type { Preferences, User } from '../src/data/contract/model.js';
import { LiftButtonsChangeEvent, LiftDetailTabsChangeEvent } from '../src/bar-choice-events.js';
import { LiftActionEvent } from '../src/events.js';
import { BUTTON_TOKENS } from '../src/vocabulary.js';
import '../src/lift-contact-card.js';
import { dropDatabases } from './db.js';
import { handOver, mountCard, mountCardFor, switchUser } from './harness.js';
import { waitUntil } from './helpers.js';
import { withFaults } from './faults.js';
import { demoWorld } from './worlds.js';

// The card's side of the button bar and of the user's layout choices: a failure said until a
// retry stores the choice, the next user's bar free of the previous one's choices, a reset on a
// small card that leaves the rest alone, and no dialog for an action the user may not take.

const SANNE: User = { id: 'u-sanne', name: 'Sanne de Boer', role: 'admin' };
const KIM: User = { id: 'u-kim', name: 'Kim Jansen', role: 'viewer' };
const VERA: User = { id: 'u-viewer', name: 'Vera', role: 'viewer' };

const bar = (card: LiftContactCard) => card.shadowRoot!.querySelector<LiftButtonBar>('lift-button-bar')!;
const alerts = (card: LiftContactCard) => [...card.shadowRoot!.querySelectorAll('[role="alert"]')].map((a) => a.textContent!.replace(/\s+/g, ' ').trim()).join(' | ');
const detailTabIds = (card: LiftContactCard) => [...card.shadowRoot!.querySelectorAll('[part~="detail-tabs"] [role="tab"]')].map((tab) => tab.id.replace('detail-tab-', ''));
/** A small seeded demo world (templates, reports, roles) and its first contact. */
async function world() {
  const { adapter, seeded } = await demoWorld({ contacts: 2, entriesPerContact: 2 });
  return { adapter, contact: await adapter.contacts.get(seeded.contactIds[0]!) };
}
const stored = async (adapter: { preferences?: { get(cardType: 'contact'): Promise<Preferences> } }) => adapter.preferences!.get('contact');

/** Makes `adapter.preferences.get` wait from now on until the returned function is called: a slow backend. */
function holdPreferenceReads(adapter: { preferences?: { get: (...args: never[]) => Promise<Preferences> } }): () => void {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const group = adapter.preferences!;
  const get = group.get.bind(group) as (...args: unknown[]) => Promise<Preferences>;
  (group as { get: unknown }).get = async (...args: unknown[]) => (await held, get(...args));
  return release;
}

describe('<lift-contact-card> layout choices: a failed store said, then stored', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  const WORDS = { en: 'That did not work', nl: 'Dat is niet gelukt' } as const;
  (['en', 'nl'] as const).forEach((lang) => {
    it(`says the failure no more once the choice is made again and stored (${lang})`, async () => {
      const { adapter, seeded } = await demoWorld({ contacts: 2, entriesPerContact: 2 });
      const faults = withFaults(adapter);
      const card = await mountCard(faults.adapter, seeded.contactIds[0]!, { lang });
      faults.fail('preferences.set', new LiftDataError('unavailable', 'down'));
      bar(card).dispatchEvent(new LiftDetailTabsChangeEvent(['personal']));
      await waitUntil(() => alerts(card).includes(WORDS[lang]), 'the failure said');
      bar(card).dispatchEvent(new LiftDetailTabsChangeEvent(['personal', 'function']));
      await waitUntil(async () => (await stored(adapter)).detailTabs?.includes('function'), 'the choice stored');
      await card.updateComplete;
      expect(detailTabIds(card), 'the choice shows').to.deep.equal(['personal', 'function']);
      expect(alerts(card), 'no failure said for a choice that was stored').not.to.include(WORDS[lang]);
    });
  });
});

describe('<lift-contact-card> the next user’s bar while his own choices load', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  it('shows the defaults, not the previous user’s buttons, detail tabs, templates or reports, then his own', async () => {
    const { adapter, contact } = await world();
    adapter.session.setUser(SANNE);
    await adapter.preferences!.set('contact', { buttons: ['save', 'undo', 'refresh'], detailTabs: ['function', 'personal'] });
    adapter.session.setUser(KIM);
    await adapter.preferences!.set('contact', { buttons: ['refresh', 'search'] });
    const kimsReports = (await adapter.reports!.list()).map((report) => report.id);
    const { provider, card } = await mountCardFor(adapter, SANNE, contact.id);
    await bar(card).updateComplete;
    const sannes = { visible: bar(card).visibleButtons, tabs: detailTabIds(card), documents: bar(card).documents.length > 0 };
    expect(sannes, 'Sanne’s own choices and her role’s templates').to.deep.equal({ visible: ['save', 'undo', 'refresh'], tabs: ['personal', 'function'], documents: true });

    // Kim's choices are on their way (a slow backend) as the screen changes hands.
    const release = holdPreferenceReads(adapter);
    await handOver(provider, card, KIM);
    await bar(card).updateComplete;
    expect({ visible: bar(card).visibleButtons, tabs: detailTabIds(card), documents: bar(card).documents, reports: bar(card).reports }, 'nothing of Sanne’s while Kim’s load').to.deep.equal({
      visible: undefined,
      tabs: ['personal', 'function', 'project', 'item'],
      documents: [],
      reports: [],
    });

    release();
    await card.loaded;
    await bar(card).updateComplete;
    expect({ visible: bar(card).visibleButtons, documents: bar(card).documents, reports: bar(card).reports.map((r) => r.id) }, 'Kim’s own, once read').to.deep.equal({
      visible: ['refresh', 'search'],
      documents: [],
      reports: kimsReports,
    });
  });
});

describe('<lift-contact-card> "Reset to default" on a card that offers some of the buttons', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  it('resets the buttons that card offers and keeps Copy hidden on a card with every button', async () => {
    const { adapter, contact } = await world();
    const full = await mountCard(adapter, contact.id);
    const withoutCopy = BUTTON_TOKENS.filter((token) => token !== 'copy');
    bar(full).dispatchEvent(new LiftButtonsChangeEvent([...withoutCopy]));
    await waitUntil(async () => (await stored(adapter)).buttons?.length === withoutCopy.length, 'Copy hidden, stored');
    full.remove();

    const small = await mountCard(adapter, contact.id, { buttons: 'save undo refresh configure' });
    bar(small).dispatchEvent(new LiftButtonsChangeEvent(['save', 'configure']));
    await waitUntil(async () => !(await stored(adapter)).buttons?.includes('undo'), 'Undo and Refresh hidden, stored');
    bar(small).dispatchEvent(new LiftButtonsChangeEvent(undefined));
    await waitUntil(async () => {
      const buttons = (await stored(adapter)).buttons;
      return !buttons || buttons.includes('undo');
    }, 'the reset stored');
    expect([...((await stored(adapter)).buttons ?? [])].sort(), 'the choice about Copy stays').to.deep.equal([...withoutCopy].sort());
    await small.updateComplete;
    await bar(small).updateComplete;
    expect(bar(small).actions, 'the small card shows its buttons again').to.deep.equal(['save', 'undo', 'refresh', 'configure']);
    small.remove();

    const again = await mountCard(adapter, contact.id);
    await bar(again).updateComplete;
    expect(bar(again).actions, 'Copy stays hidden on the full card').not.to.include('copy');
    expect(bar(again).actions).to.include.members(['save', 'undo', 'refresh']);
  });

  it('resets the detail tabs that card offers and keeps the others as chosen', async () => {
    const { adapter, contact } = await world();
    const full = await mountCard(adapter, contact.id, { detailTabs: 'personal function project item' });
    bar(full).dispatchEvent(new LiftDetailTabsChangeEvent(['personal', 'function']));
    await waitUntil(async () => (await stored(adapter)).detailTabs?.includes('function'), 'Project and Item hidden, stored');
    full.remove();

    const small = await mountCard(adapter, contact.id, { detailTabs: 'personal function' });
    bar(small).dispatchEvent(new LiftDetailTabsChangeEvent(['function']));
    await waitUntil(async () => !(await stored(adapter)).detailTabs?.includes('personal'), 'Personal hidden, stored');
    bar(small).dispatchEvent(new LiftDetailTabsChangeEvent(undefined));
    await waitUntil(async () => {
      const tabs = (await stored(adapter)).detailTabs;
      return !tabs || tabs.includes('personal');
    }, 'the reset stored');
    await small.updateComplete;
    expect(detailTabIds(small), 'the small card shows both again').to.deep.equal(['personal', 'function']);
    small.remove();

    const again = await mountCard(adapter, contact.id, { detailTabs: 'personal function project item' });
    expect(detailTabIds(again), 'Project and Item stay hidden on the other card').to.deep.equal(['personal', 'function']);
  });
});

describe('<lift-contact-card> an action the user who took over may not take', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  const ACTIONS = [
    { detail: { action: 'create', kind: 'lead' }, tag: 'lift-card-create-dialog', load: () => import('../src/contact-card/actions/create-work.js') },
    { detail: { action: 'copy' }, tag: 'lift-card-copy-dialog', load: () => import('../src/contact-card/actions/copy-contact.js') },
  ] as const;
  ACTIONS.forEach(({ detail, tag, load }) => {
    it(`opens no ${detail.action} dialog for a viewer, from a menu or press the admin left open`, async () => {
      const { adapter, seeded } = await demoWorld({ contacts: 2, entriesPerContact: 2 });
      // The dialogs' code has arrived (the admin used them before): nothing waits on the network.
      await Promise.all([import('../src/contact-card/actions/action-dialogs.js'), import('../src/contact-card/actions/contact-search.js'), load()]);
      const { provider, card } = await mountCardFor(adapter, SANNE, seeded.contactIds[0]!);
      const create = bar(card).shadowRoot!.querySelector<HTMLButtonElement>('[part~="toolbar"] [data-action="create"]')!;
      create.click();
      await waitUntil(() => bar(card).shadowRoot!.querySelector('[role="menu"]'), 'the create menu');
      await switchUser(provider, card, VERA);

      const made: string[] = [];
      const createElement = document.createElement.bind(document);
      document.createElement = ((name: string, options?: ElementCreationOptions) => (made.push(name.toLowerCase()), createElement(name, options))) as typeof document.createElement;
      try {
        // What the admin's bar would send, then an action the viewer may take: its dialog shows
        // once the card has dealt with both, in the order sent.
        bar(card).dispatchEvent(new LiftActionEvent({ ...detail }));
        bar(card).dispatchEvent(new LiftActionEvent({ action: 'search' }));
        await waitUntil(() => card.shadowRoot!.querySelector('lift-card-search-dialog'), 'the search dialog');
        await card.updateComplete;
      } finally {
        document.createElement = createElement as typeof document.createElement;
      }
      expect({ made: made.includes(tag), shown: Boolean(card.shadowRoot!.querySelector(tag)) }, `no ${detail.action} dialog`).to.deep.equal({ made: false, shown: false });
    });
  });
});
