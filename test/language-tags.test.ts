import { expect, fixture, html } from '@open-wc/testing';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import { codeWords } from '../src/i18n/error-words.js';
import { registerStrings } from '../src/i18n/localize.js';
import { autoload } from '../src/internal/autoloader.js';
import '../src/lift-button-bar.js';
import '../src/lift-contact-timeline.js';
import { captureWarnings, waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

// The language tag a page gives (`en-GB`, `nl-BE`, a host's own `x-…`) decides two things apart:
// the words come from the language the library or the host has tables for, and numbers, dates
// and plurals are written as Intl writes the whole tag, when Intl takes it. The tags registered
// here are used by no other test file (registered strings are page-wide).

/** A bar in a wrapper of `lang`, rendered once its strings have arrived. */
async function barIn(lang: string, attributes = '') {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}></div>`);
  wrapper.innerHTML = `<lift-button-bar buttons="save refresh selection" ${attributes}></lift-button-bar>`;
  const bar = wrapper.querySelector('lift-button-bar')!;
  const label = (action: string) => bar.shadowRoot?.querySelector(`[data-action="${action}"]`)?.textContent?.trim();
  const position = () => bar.shadowRoot?.querySelector('[part~="selection-position"]:not([data-measure])')?.textContent?.trim();
  await waitUntil(() => label('save') && label('refresh'), `the bar in ${lang}`);
  await bar.updateComplete;
  return { bar, label, position };
}

/** What the overview says of a note made on 1 March 2026 at 15:05 (local time), in a wrapper of `lang`. */
async function noteMetaIn(lang: string) {
  const adapter = new MemoryAdapter();
  const { contact } = await oneContact(adapter, 'Zon BV', { lastName: 'Bos' });
  const at = new Date(2026, 2, 1, 15, 5);
  await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gebeld', body: 'x', occurredAt: at.toISOString() });
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}></div>`);
  const el = document.createElement('lift-contact-timeline') as LiftContactTimeline;
  el.setAttribute('contact-id', contact.id);
  el.adapter = adapter;
  wrapper.append(el);
  await el.loaded;
  const meta = () => el.shadowRoot!.querySelector('[part~="entry"] .meta')?.textContent?.replace(/\s+/g, ' ').trim();
  await waitUntil(meta, `the note's row in ${lang}`);
  // The row says when before anything else (" · " then the author).
  return { at, when: meta()!.split(' · ')[0] };
}

/** The overview's row format: a medium date and a short time. */
const dayAndTime = (locale: string, at: Date) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);

describe('a language tag Intl does not take', () => {
  it('a host language registered under a private-use tag shows its words and writes numbers and dates as English, and says so once', async () => {
    const warnings = await captureWarnings(() => {
      registerStrings('x-lift-tags', { 'lift-button-bar': { 'action.save': 'Speichern' } });
      registerStrings('x-lift-tags', { 'lift-button-bar': { 'action.save': 'Speichern' } });
    });
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('"x-lift-tags"').and.to.contain('"en"');
    const { label, position } = await barIn('x-lift-tags', 'selection-position="3" selection-size="1200"');
    expect(label('save')).to.equal('Speichern');
    expect(label('refresh'), 'what it leaves out: English').to.equal('Refresh');
    expect(position()).to.equal('3 / 1,200');
    const { at, when } = await noteMetaIn('x-lift-tags');
    expect(when).to.equal(dayAndTime('en', at));
  });

  it('a tag written with an underscore (de_LI) is written as Intl writes de-LI, without a warning', async () => {
    const warnings = await captureWarnings(() => registerStrings('de_LI', { 'lift-button-bar': { 'action.save': 'Sichern' } }));
    expect(warnings).to.deep.equal([]);
    const { label, position } = await barIn('de_LI', 'selection-position="3" selection-size="123456"');
    expect(label('save')).to.equal('Sichern');
    // Liechtenstein groups thousands with an apostrophe, where English writes a comma.
    expect(position()).to.equal(`3 / ${(123456).toLocaleString('de-LI')}`);
    expect(position()).not.to.contain(',');
  });
});

describe('a regional tag of a built-in language', () => {
  it('lang="en-GB" writes dates as British English does: day first, a 24-hour clock', async () => {
    const { at, when } = await noteMetaIn('en-GB');
    expect(when).to.equal(dayAndTime('en-GB', at));
    expect(when).to.equal('1 Mar 2026, 15:05');
  });

  it('lang="en-IN" writes numbers as Indian English does, in English words, also when the page switches to it from "en"', async () => {
    const { label, position } = await barIn('en-IN', 'selection-position="3" selection-size="123456"');
    expect(label('refresh')).to.equal('Refresh');
    expect(position()).to.equal('3 / 1,23,456');
    // The same words, other numbers: the switch alone renders the bar again.
    const other = await barIn('en', 'selection-position="3" selection-size="123456"');
    expect(other.position()).to.equal('3 / 123,456');
    other.bar.parentElement!.setAttribute('lang', 'en-IN');
    await waitUntil(() => other.position() === '3 / 1,23,456', `the switch to en-IN (shows ${other.position()})`);
  });

  it('nl-BE overrides keep the rest Dutch: the bar, error sentences and the notice of an element that did not load', async () => {
    registerStrings('nl-BE', { 'lift-button-bar': { 'action.save': 'Bewaren' } });
    const { label, position } = await barIn('nl-BE', 'selection-position="3" selection-size="12345"');
    expect(label('save')).to.equal('Bewaren');
    expect(label('refresh')).to.equal('Vernieuwen');
    expect(position()).to.equal('3 / 12.345');
    expect(codeWords('conflict', 'nl-be')).to.equal('iemand anders heeft dit net gewijzigd; de nieuwste stand is geladen.');
    // A brand-new language still says what it leaves out in English.
    registerStrings('sv-x-lift-tags', { 'lift-errors': { quota: 'lagringen är full.' } });
    expect([codeWords('quota', 'sv-x-lift-tags'), codeWords('conflict', 'sv-x-lift-tags')]).to.deep.equal([
      'lagringen är full.',
      'someone else just changed this; the latest version is loaded.',
    ]);

    const tag = `test-tags-${Math.random().toString(36).slice(2, 10)}`;
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="nl-BE"></div>`);
    const loader = autoload({ [tag]: { load: () => Promise.reject(new Error('offline')) } }, { root: wrapper, log: { error: () => undefined } });
    try {
      const element = wrapper.appendChild(document.createElement(tag));
      const notice = () => element.shadowRoot?.querySelector('[role="alert"]')?.textContent?.replace(/\s+/g, ' ').trim();
      await waitUntil(notice, 'the notice');
      expect(notice()).to.equal('Dit onderdeel kon niet worden geladen. Probeer het opnieuw of herlaad de pagina. Opnieuw proberen');
    } finally {
      loader.disconnect();
    }
  });
});
