import { expect } from '@open-wc/testing';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import '../src/lift-contact-card.js';
import { refuse } from './chunk-faults-helpers.js';
import { dropDatabases } from './db.js';
import { mountCard } from './harness.js';
import { waitUntil } from './helpers.js';
import { demoWorld } from './worlds.js';

// A language whose strings did not arrive, and a reader who then chooses the one the card
// shows after all: nothing is missing any more, so the card's banner about it goes. Its own
// page: the English modules are refused before anything here imported them.

const ENGLISH = ['/src/button-bar/messages.en.ts', '/src/contact-card/messages.en.ts', '/src/contact-timeline/messages.en.ts', '/src/checklist/messages.en.ts'];
const alerts = (root: ShadowRoot) => [...root.querySelectorAll('[role="alert"]')].map((alert) => alert.textContent!.replace(/\s+/g, ' ').trim()).join(' | ');

describe('a language that did not arrive, chosen away from', () => {
  after(async () => {
    for (const path of ENGLISH) refuse(path, false);
    await dropDatabases();
  });

  it('drops the banner once the reader switches back to the language shown, and says it again when English is asked for again', async () => {
    for (const path of ENGLISH) refuse(path);
    const { adapter, seeded } = await demoWorld({ contacts: 2, entriesPerContact: 2 });
    const card: LiftContactCard = await mountCard(adapter, seeded.contactIds[0]!, { lang: 'nl' });
    const root = card.shadowRoot!;
    card.setAttribute('lang', 'en');
    await waitUntil(() => alerts(root).includes('Dit deel van de kaart kon niet worden geladen'), 'the failure');
    card.setAttribute('lang', 'nl');
    await waitUntil(() => !alerts(root), 'the banner gone');
    expect(root.querySelector('[part~="tabs"]')!.textContent, 'the card in Dutch').to.include('Overzicht');
    // Asked for again, it fails again: said as a second failure, with the reload beside the retry.
    card.setAttribute('lang', 'en');
    await waitUntil(() => alerts(root).includes('Het laadt nog steeds niet.'), 'the failure, said again');
  });
});
