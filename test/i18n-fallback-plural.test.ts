import { expect, fixture, html } from '@open-wc/testing';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import { registerStrings } from '../src/i18n/localize.js';
import '../src/lift-contact-timeline.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

// A host's language with only some words: the English that fills its gaps takes English plural
// forms, while its own words take its own language's.

afterEach(dropDatabases);

/** The overview's count line of a contact with `entries` notes, on a page in `lang`. */
async function countLine(lang: string, entries: number): Promise<string> {
  const adapter = freshIndexedDbAdapter();
  const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
  for (let i = 0; i < entries; i++) await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: `Note ${i + 1}`, body: '' });
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}><lift-contact-timeline contact-id=${contact.id} .adapter=${adapter}></lift-contact-timeline></div>`);
  const el = wrapper.querySelector<LiftContactTimeline>('lift-contact-timeline')!;
  await el.loaded;
  const status = () => el.shadowRoot!.querySelector('[part~="status"]')!.textContent!.replace(/\s+/g, ' ').trim();
  await waitUntil(() => /\d/.test(status()), 'the count');
  return status();
}

describe('plural forms of a language a host registered in part', () => {
  it('English words filling a French page say "0 items" (French rules would say "0 item")', async () => {
    registerStrings('fr', { 'lift-contact-timeline': { label: 'Aperçu' } });
    expect(new Intl.PluralRules('fr').select(0), 'French takes 0 as one').to.equal('one');
    expect(await countLine('fr', 0)).to.equal('0 items');
  });

  it('English words filling a Japanese page say "1 item" (Japanese has one form only)', async () => {
    registerStrings('ja', { 'lift-contact-timeline': { label: '概要' } });
    expect(await countLine('ja', 1)).to.equal('1 item');
  });

  it("a host's own plural words follow its language's rules", async () => {
    registerStrings('fr', { 'lift-contact-timeline': { count: '{count, plural, one {# élément} other {# éléments}}' } });
    expect(await countLine('fr-CA', 0)).to.equal('0 élément');
    expect(await countLine('fr', 2)).to.equal('2 éléments');
  });
});
