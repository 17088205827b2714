import { expect, fixture, html } from '@open-wc/testing';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import { codeWords } from '../src/i18n/error-words.js';
import { registerStrings } from '../src/i18n/localize.js';
import { autoload } from '../src/internal/autoloader.js';
import '../src/lift-button-bar.js';
import '../src/lift-contact-card.js';
import '../src/lift-contact-timeline.js';
import '../src/lift-data-provider.js';
import { alertButton, refetchesFailedModules, refuse } from './chunk-faults-helpers.js';
import { dropDatabases } from './db.js';
import { mountCard } from './harness.js';
import { captureWarnings, waitUntil } from './helpers.js';
import { demoWorld } from './worlds.js';

// Which language the elements show, and what they say when its strings do not arrive: a host's
// words for a base language on a regional page, a page tag written with an underscore, the
// notice of an element whose code did not load, a timeline that shows no contact, and the
// card's count of failures once one has been recovered from. The English modules are refused
// before anything in this page imported them, so the tests run in this order: the bars first
// need only the bar's English, the timeline's is refused before any card shows one.

const ENGLISH = ['/src/button-bar/messages.en.ts', '/src/contact-card/messages.en.ts', '/src/contact-timeline/messages.en.ts', '/src/checklist/messages.en.ts'];
const MENUS = '/src/button-bar/messages-menus.en.ts';

/**
 * Strings a host registers are page-wide (on `globalThis`, as `registerStrings` keeps them): each
 * test gets the registry back as it was before it.
 */
const registry = (globalThis as Record<symbol, unknown>)[Symbol.for('lift-elements.strings')] as Map<string, Map<string, Record<string, string>>>;
let saved: [string, Map<string, Record<string, string>>][] = [];

const alerts = (root: ShadowRoot) => [...root.querySelectorAll('[role="alert"]')].map((alert) => alert.textContent!.replace(/\s+/g, ' ').trim()).join(' | ');
const words = (root: ShadowRoot | null | undefined) => root?.textContent?.replace(/\s+/g, ' ') ?? '';

/** A bar in a wrapper of `lang`, rendered once its strings have arrived. */
async function barIn(lang: string) {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}><lift-button-bar buttons="save archive refresh"></lift-button-bar></div>`);
  const bar = wrapper.querySelector('lift-button-bar')!;
  const label = (action: string) => bar.shadowRoot?.querySelector(`[data-action="${action}"]`)?.textContent?.trim();
  await waitUntil(() => label('save') && label('refresh'), `the bar in ${lang}`);
  await bar.updateComplete;
  return { wrapper, bar, label };
}

beforeEach(() => {
  saved = [...registry].map(([language, tables]) => [language, new Map(tables)]);
});

afterEach(async () => {
  registry.clear();
  for (const [language, tables] of saved) registry.set(language, tables);
  for (const path of [...ENGLISH, MENUS]) refuse(path, false);
  await dropDatabases();
});

describe("a host's words for a base language on a regional page", () => {
  it('stay when the regional language gets words of its own: the bar', async () => {
    registerStrings('nl', { 'lift-button-bar': { 'action.archive': 'Inactief maken' } });
    const { label } = await barIn('nl-BE');
    expect(label('archive'), 'the Dutch override, before nl-BE has any').to.equal('Inactief maken');
    registerStrings('nl-BE', { 'lift-button-bar': { 'action.save': 'Bewaren' } });
    await waitUntil(() => label('save') === 'Bewaren', 'the nl-BE word');
    expect([label('save'), label('archive'), label('refresh')], "nl-BE's own, then the host's Dutch, then the built-in Dutch").to.deep.equal(['Bewaren', 'Inactief maken', 'Vernieuwen']);
  });

  it('stay when the regional language gets words of its own: error sentences', () => {
    registerStrings('nl', { 'lift-errors': { conflict: 'een collega was je voor.' } });
    registerStrings('nl-BE', { 'lift-errors': { quota: 'het geheugen is vol.' } });
    expect([codeWords('quota', 'nl-be'), codeWords('conflict', 'nl-be'), codeWords('permission', 'nl-be')]).to.deep.equal([
      'het geheugen is vol.',
      'een collega was je voor.',
      'je hebt hier geen recht toe.',
    ]);
  });
});

describe('a page language written with an underscore', () => {
  it('en_US shows English, de_DE the words a host registered for de', async () => {
    const english = await barIn('en_US');
    await waitUntil(() => english.label('save') === 'Save', `English (shows ${english.label('save')})`);
    registerStrings('de', { 'lift-button-bar': { 'action.save': 'Speichern' } });
    const german = await barIn('de_DE');
    await waitUntil(() => german.label('save') === 'Speichern', `the host's German (shows ${german.label('save')})`);
    expect(german.label('refresh'), 'what it leaves out: English').to.equal('Refresh');
  });
});

describe("the bundle's notice of an element whose code did not load", () => {
  const ENGLISH_NOTICE = 'This part could not load. Try again or reload the page. Try again';
  const DUTCH_NOTICE = 'Dit onderdeel kon niet worden geladen. Probeer het opnieuw of herlaad de pagina. Opnieuw proberen';

  it('passes over a language our own element does not know, as the elements beside it do', async () => {
    let page!: HTMLDivElement;
    const save = () => page.querySelector('lift-button-bar')!.shadowRoot?.querySelector('[data-action="save"]')?.textContent?.trim();
    // The provider's lang is warned of, and passed over.
    const warnings = await captureWarnings(async () => {
      page = await fixture<HTMLDivElement>(html`<div lang="en"><lift-data-provider lang="fr"><lift-button-bar buttons="save"></lift-button-bar></lift-data-provider></div>`);
      await waitUntil(() => save() === 'Save', `the bar beside it in English (shows ${save()})`);
    });
    expect(warnings.join('\n')).to.contain('unsupported lang "fr"');
    expect(await noticeUnder(page, page.querySelector('lift-data-provider')!)).to.equal(ENGLISH_NOTICE);
  });

  it('takes a page language it does not know as Dutch, as the elements do, and one written with an underscore', async () => {
    const page = await fixture<HTMLDivElement>(html`<div lang="en"><section lang="fr"></section><section lang="en_US"></section></div>`);
    const [unknown, underscore] = page.querySelectorAll('section');
    expect(await noticeUnder(page, unknown!)).to.equal(DUTCH_NOTICE);
    expect(await noticeUnder(page, underscore!)).to.equal(ENGLISH_NOTICE);
  });
});

describe('a timeline standing alone without a contact, whose English does not arrive', () => {
  it('says so, with a retry, beside the sentence that asks for a contact', async () => {
    refuse('/src/contact-timeline/messages.en.ts');
    const page = await fixture<HTMLDivElement>(html`<div lang="nl"><lift-contact-timeline .adapter=${new MemoryAdapter()}></lift-contact-timeline></div>`);
    const timeline = page.querySelector<LiftContactTimeline>('lift-contact-timeline')!;
    await timeline.updateComplete;
    const root = timeline.shadowRoot!;
    expect(words(root)).to.contain('Kies een contactpersoon om het overzicht te zien.');
    await captureWarnings(async () => {
      page.setAttribute('lang', 'en');
      await waitUntil(() => alerts(root), 'a notice');
    });
    expect(alerts(root)).to.equal('De teksten in de gekozen taal konden niet worden geladen. Controleer de verbinding en probeer het opnieuw. Opnieuw proberen');
    expect(words(root), 'the sentence stays, in Dutch').to.contain('Kies een contactpersoon om het overzicht te zien.');

    refuse('/src/contact-timeline/messages.en.ts', false);
    await captureWarnings(async () => {
      alertButton(root, 'Opnieuw proberen')!.click();
      // A browser that keeps a failed import failed (Firefox) says a reload is needed.
      await waitUntil(() => (words(root).includes('Choose a contact to see the overview.') && !alerts(root)) || alerts(root).startsWith('Het laadt nog steeds niet'), 'English, or the failure this browser keeps', { timeout: 15000 });
    });
  });
});

describe("the card's language failures, after a retry brought the language", () => {
  it('a later failure of other words is a first failure again: a retry, no reload', async () => {
    // The retry must bring the language: where the browser keeps a failed import failed until
    // the page reloads (Firefox), nothing that failed ever arrives, and each failure after the
    // first rightly offers the reload (a language chosen away from and asked for again too:
    // language-faults-back.test.ts).
    const refetches = await refetchesFailedModules();
    for (const path of ENGLISH) refuse(path);
    const { adapter, seeded } = await demoWorld({ contacts: 1, entriesPerContact: 1 });
    const card: LiftContactCard = await mountCard(adapter, seeded.contactIds[0]!, { lang: 'nl' });
    const root = card.shadowRoot!;
    await waitUntil(() => root.querySelector('lift-contact-timeline')?.shadowRoot, 'the overview');
    await summaryArrived(root);
    card.setAttribute('lang', 'en');
    await waitUntil(() => alerts(root).includes('Dit deel van de kaart kon niet worden geladen'), 'the failure, said in Dutch');
    for (const path of ENGLISH) refuse(path, false);
    alertButton(root, 'Opnieuw proberen')!.click();
    if (!refetches) {
      await keptFailureSaid(root);
      expect(alertButton(root, 'Pagina herladen'), 'a reload, since no retry can bring it').to.exist;
      return;
    }
    await waitUntil(() => words(root).includes('Overview') && !alerts(root), 'English, the notice gone', { timeout: 15000 });

    await menusFailFirst(root, 'no reload: no retry failed');
  });
});

/** The notice a tag that cannot load shows when appended to `parent` (under `root`). */
async function noticeUnder(root: Element, parent: Element): Promise<string> {
  const tag = `test-review-${Math.random().toString(36).slice(2, 10)}`;
  const loader = autoload({ [tag]: { load: () => Promise.reject(new Error('offline')) } }, { root, log: { error: () => undefined } });
  try {
    const element = parent.appendChild(document.createElement(tag));
    const notice = () => element.shadowRoot?.querySelector('[role="alert"]')?.textContent?.replace(/\s+/g, ' ').trim();
    await waitUntil(notice, 'the notice');
    return notice()!;
  } finally {
    loader.disconnect();
  }
}

const GERMAN_NOTICE = { unloaded: 'Dieser Teil konnte nicht geladen werden.', retry: 'Erneut versuchen', retrying: 'Lädt…' };

describe('a regional language written with an underscore on one side only', () => {
  it('registered as de-AT applies on a de_AT page: the bar and the notice', async () => {
    registerStrings('de-AT', { 'lift-button-bar': { 'action.save': 'Sichern' }, 'lift-elements': GERMAN_NOTICE });
    const { wrapper, label } = await barIn('de_AT');
    await waitUntil(() => label('save') === 'Sichern', `the host's word (shows ${label('save')})`);
    expect(label('refresh'), 'what it leaves out: English').to.equal('Refresh');
    expect(await noticeUnder(wrapper, wrapper)).to.equal('Dieser Teil konnte nicht geladen werden. Erneut versuchen');
  });

  it('registered as de_AT applies on a de-AT page', async () => {
    registerStrings('de_AT', { 'lift-button-bar': { 'action.save': 'Sichern' } });
    const { label } = await barIn('de-AT');
    await waitUntil(() => label('save') === 'Sichern', `the host's word (shows ${label('save')})`);
    expect(label('refresh'), 'what it leaves out: English').to.equal('Refresh');
  });
});

describe("the bundle's notice on a regional page whose words a host registered for its base", () => {
  it("says the base language's words when the regional language has words of its own for other elements", async () => {
    registerStrings('de', { 'lift-elements': GERMAN_NOTICE });
    registerStrings('de-AT', { 'lift-button-bar': { 'action.save': 'Sichern' } });
    const page = await fixture<HTMLDivElement>(html`<div lang="de-AT"></div>`);
    expect(await noticeUnder(page, page)).to.equal('Dieser Teil konnte nicht geladen werden. Erneut versuchen');
  });
});

describe("the card's language failures, after the language that failed arrived once chosen again", () => {
  it('a later failure of other words is a first failure again: a retry, no reload', async () => {
    // The checklist's English is the one no earlier test here fetched: the card's own, the
    // bar's and the timeline's arrived before (where the browser fetches a failed module again).
    const refetches = await refetchesFailedModules();
    for (const path of ENGLISH) refuse(path);
    const { adapter, seeded } = await demoWorld({ contacts: 1, entriesPerContact: 1 });
    const card: LiftContactCard = await mountCard(adapter, seeded.contactIds[0]!, { lang: 'nl', tab: 'checklist' });
    const root = card.shadowRoot!;
    const checklist = () => words(root.querySelector('lift-checklist')?.shadowRoot);
    await waitUntil(() => checklist().includes('van 6 afgerond'), 'the checklist, in Dutch');
    await summaryArrived(root);
    const failure = /Dit deel van de kaart kon niet worden geladen|This part of the card could not be loaded/;
    card.setAttribute('lang', 'en');
    await waitUntil(() => failure.test(alerts(root)), 'the failure');
    card.setAttribute('lang', 'nl');
    await waitUntil(() => !alerts(root), 'the banner gone');
    for (const path of ENGLISH) refuse(path, false);
    card.setAttribute('lang', 'en');
    if (!refetches) {
      // Where the browser keeps a failed import failed (Firefox), asking again fails again.
      await keptFailureSaid(root);
      expect(alertButton(root, 'Pagina herladen'), 'a reload, since no retry can bring it').to.exist;
      return;
    }
    await waitUntil(() => checklist().includes('of 6 done') && !alerts(root), 'English, without a notice', { timeout: 15000 });

    await menusFailFirst(root, 'no reload: the language that failed arrived');
  });
});

/**
 * Waits for the card's summary, whose code (with the card's words for its parts) it fetches
 * when the browser is idle: on a busy machine that came in the middle of a test's language
 * changes, and its own first failure could stand in the banner over the language's second.
 */
async function summaryArrived(root: ShadowRoot): Promise<void> {
  await waitUntil(() => root.querySelector('[part~="glance"]'), 'the summary, fetched in idle time');
}

/** Waits for the card to say the failure Firefox keeps (a second one: a reload needed); a timeout says what it said instead. */
async function keptFailureSaid(root: ShadowRoot): Promise<void> {
  try {
    await waitUntil(() => alerts(root).startsWith('Het laadt nog steeds niet'), 'the failure this browser keeps, said as such', { timeout: 15000 });
  } catch (error) {
    throw new Error(`${(error as Error).message} (the card says: ${alerts(root) || 'nothing'})`);
  }
}

/** Refuses the bar menus' words and presses Create: the card says so as a first failure, with a retry and no reload (`why`). */
async function menusFailFirst(root: ShadowRoot, why: string): Promise<void> {
  refuse(MENUS);
  const bar = root.querySelector('lift-button-bar')!;
  await captureWarnings(async () => {
    bar.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="create"]')!.click();
    await waitUntil(() => alerts(root), 'the failure of the menus’ words');
  });
  expect(alerts(root)).to.include('This part of the card could not be loaded');
  expect(alertButton(root, 'Try again'), 'a retry').to.exist;
  expect(alertButton(root, 'Reload the page'), why).to.equal(undefined);
}
