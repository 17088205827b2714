import { expect } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import { alertButton, refetchesFailedModules, refuse } from './chunk-faults-helpers.js';
import { dropDatabases } from './db.js';
import { mountCard } from './harness.js';
import { demoWorld } from './worlds.js';

// The summary beside the header, whose code the card fetches by itself once it has painted (its
// own page: once that code arrived in a page, it cannot fail there). Nobody asked for it, so
// nowhere else would say it is missing: the card's banner does, with a retry.

const root = (el: LiftContactCard) => el.shadowRoot!;
const banner = (el: LiftContactCard) => root(el).querySelector('[part~="banner"][role="alert"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const button = (el: LiftContactCard, text: string) => alertButton(root(el), text);

describe('the summary beside the header does not arrive', () => {
  let refetches: boolean;
  before(async () => {
    refetches = await refetchesFailedModules();
  });
  after(async () => {
    refuse('/src/contact-card/parts/glance.ts', false);
    await dropDatabases();
  });

  // Before the test that lets the code arrive: in a page where it arrived it cannot fail again.
  it('the card goes on saying so on the next contact, which has no summary either', async () => {
    refuse('/src/contact-card/parts/glance.ts');
    const { adapter, seeded } = await demoWorld({ contacts: 2, entriesPerContact: 3 });
    const el = await mountCard(adapter, seeded.contactIds[0]!, { lang: 'en' });
    await waitUntil(() => banner(el).includes('This part of the card could not be loaded.'), 'the banner');
    const first = root(el).querySelector('[part~="name"]')!.textContent;
    el.contactId = seeded.contactIds[1]!;
    await el.loaded;
    await waitUntil(() => root(el).querySelector('[part~="name"]')?.textContent !== first, 'the next contact');
    expect(root(el).querySelector('[part~="glance"]'), 'no summary').to.equal(null);
    // The summary's code is still missing: the banner and its retry stay.
    expect(banner(el)).to.include('This part of the card could not be loaded.');
    expect(button(el, 'Try again'), 'its retry').to.exist;
  });

  it('the card says so in its banner with a retry, in the reader\'s language, and the rest of the card works', async () => {
    refuse('/src/contact-card/parts/glance.ts');
    const { adapter, seeded } = await demoWorld({ contacts: 2, entriesPerContact: 3 });
    const el = await mountCard(adapter, seeded.contactIds[0]!, { lang: 'nl' });
    await waitUntil(() => banner(el).includes('Dit deel van de kaart kon niet worden geladen.'), 'the banner');
    expect(root(el).querySelector('[part~="glance"]'), 'no summary').to.equal(null);
    expect(root(el).querySelector('[part~="name"]')!.textContent).to.match(/\w/);

    refuse('/src/contact-card/parts/glance.ts', false);
    button(el, 'Opnieuw proberen')!.click();
    if (refetches) {
      await waitUntil(() => root(el).querySelector('[part~="glance"]'), 'the summary once its code arrives');
      expect(banner(el)).to.equal('');
    } else {
      await waitUntil(() => banner(el).includes('Het laadt nog steeds niet.'), 'the failure this browser keeps');
      expect(button(el, 'Pagina herladen'), 'a reload is offered').to.exist;
    }
  });
});
