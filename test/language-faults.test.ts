import { expect } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import '../src/lift-contact-card.js';
import { alertButton, refuse } from './chunk-faults-helpers.js';
import { dropDatabases } from './db.js';
import { mountCard } from './harness.js';
import { demoWorld } from './worlds.js';

// A language the card is switched to at run time whose strings cannot be fetched (offline, a
// deploy in between): the card and the elements inside it keep the language they show, the card
// says so in it with a retry, and the retry loads the language for all of them once it can be
// fetched. A browser that keeps a failed module import failed until the page reloads (Firefox
// here) fails the retry too; then the card says so and offers the reload. The English
// modules are refused before anything in this page imported them.

const ENGLISH = ['/src/button-bar/messages.en.ts', '/src/contact-card/messages.en.ts', '/src/contact-timeline/messages.en.ts', '/src/checklist/messages.en.ts'];
const words = (root: ShadowRoot | null | undefined) => root?.textContent?.replace(/\s+/g, ' ') ?? '';
const alerts = (root: ShadowRoot) => [...root.querySelectorAll('[role="alert"]')].map((alert) => alert.textContent!.replace(/\s+/g, ' ').trim()).join(' | ');

describe('a language whose strings do not arrive', () => {
  afterEach(async () => {
    for (const path of ENGLISH) refuse(path, false);
    await dropDatabases();
  });

  it('a card that shows no contact says so too, in the language it shows', async () => {
    for (const path of ENGLISH) refuse(path);
    const { adapter } = await demoWorld({ contacts: 1, entriesPerContact: 0 });
    const card: LiftContactCard = await mountCard(adapter, 'no-such-contact', { lang: 'nl' });
    const root = card.shadowRoot!;
    expect(alerts(root)).to.include('Deze contactpersoon bestaat niet (meer).');
    card.setAttribute('lang', 'en');
    await waitUntil(() => alerts(root).includes('Dit deel van de kaart kon niet worden geladen'), 'the failure, said in Dutch');
    expect(alerts(root), 'what the card shows stays in Dutch').to.include('Deze contactpersoon bestaat niet (meer).');
    expect(alertButton(root, 'Opnieuw proberen'), 'a retry').to.exist;
  });

  it('the card keeps Dutch, says so in Dutch with a retry, and the retry switches it and the elements inside it', async () => {
    for (const path of ENGLISH) refuse(path);
    const { adapter, seeded } = await demoWorld({ contacts: 2, entriesPerContact: 3 });
    const card: LiftContactCard = await mountCard(adapter, seeded.contactIds[0]!, { lang: 'nl' });
    const root = card.shadowRoot!;
    await waitUntil(() => root.querySelector('lift-contact-timeline')?.shadowRoot, 'the overview');
    const save = () => root.querySelector('lift-button-bar')!.shadowRoot!.querySelector('[data-action="save"]')?.textContent!.trim();
    expect([words(root).includes('Overzicht'), save()]).to.deep.equal([true, 'Opslaan']);
    card.setAttribute('lang', 'en');
    await waitUntil(() => alerts(root).includes('Dit deel van de kaart kon niet worden geladen'), 'the failure, said in Dutch');
    expect([words(root).includes('Overzicht'), save()], 'the language before stays, no keys').to.deep.equal([true, 'Opslaan']);
    // One notice: the elements inside the card leave it to the card's banner.
    expect([...root.querySelectorAll('[role="alert"]')].length, 'one notice in the card').to.equal(1);
    for (const tag of ['lift-button-bar', 'lift-contact-timeline']) expect(alerts(root.querySelector(tag)!.shadowRoot!), `no notice of its own in <${tag}>`).to.equal('');

    for (const path of ENGLISH) refuse(path, false);
    alertButton(root, 'Opnieuw proberen')!.click();
    // Whether the browser fetches a failed module again is its own choice, and which files failed
    // at all depends on which requests left before the refusal was lifted (the bar's table may
    // arrive while the card's failed): a retry that did nothing would show neither outcome. When
    // the card's own table arrived and another's did not, its notice is in English.
    const stillFails = () => alerts(root).includes('Het laadt nog steeds niet') || alerts(root).includes('It still does not load');
    await waitUntil(() => (words(root).includes('Overview') && !alerts(root)) || stillFails(), 'English, or the failure this browser keeps', { timeout: 15000 });
    if (alerts(root)) {
      const dutch = alerts(root).includes('Het laadt nog steeds niet');
      expect(alertButton(root, dutch ? 'Pagina herladen' : 'Reload the page'), 'a reload is offered, in the words the card shows').to.exist;
      expect(words(root), 'the card in the language of its notice').to.contain(dutch ? 'Overzicht' : 'Overview');
      expect(['Opslaan', 'Save'], 'the bar in either language, never a key').to.include(save());
    } else {
      await waitUntil(() => save() === 'Save', 'the bar inside the card in English');
    }
  });
});
