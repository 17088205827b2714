import { expect, fixture, html } from '@open-wc/testing';
import { buttonBarMessages } from '../src/button-bar/messages.js';
import { checklistMessages } from '../src/checklist/messages.js';
import { contactCardMessages } from '../src/contact-card/messages.js';
import { timelineMessages } from '../src/timeline/messages.js';
import { format, LANGUAGES, registerStrings, toLanguage, type MessageTables } from '../src/i18n/localize.js';
import '../src/lift-button-bar.js';
import { captureWarnings } from './helpers.js';

/** Every element's string tables; a new element adds its own here. */
const catalog: Record<string, MessageTables<string>> = {
  'lift-button-bar': buttonBarMessages,
  'lift-checklist': checklistMessages,
  'lift-contact-timeline': timelineMessages,
  'lift-contact-card': contactCardMessages,
};

describe('translations', () => {
  for (const [element, tables] of Object.entries(catalog)) {
    it(`${element}: every language has exactly the keys of Dutch, none empty, same parameters`, () => {
      const reference = Object.keys(tables.nl).sort();
      for (const language of LANGUAGES) {
        const table = tables[language];
        expect(Object.keys(table).sort(), `keys of ${language}`).to.deep.equal(reference);
        for (const [key, value] of Object.entries(table)) {
          expect(value.trim(), `${language} ${key}`).not.to.equal('');
          // `{name}` and the name of a plural choice `{name, plural, …}`.
          const params = (text: string) => [...text.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]).sort();
          expect(params(value), `parameters of ${language} ${key}`).to.deep.equal(params(tables.nl[key]!));
        }
      }
    });
  }

  it('fills parameters and keeps unknown ones visible', () => {
    expect(format('{position} / {size}', { position: 3, size: 12 })).to.equal('3 / 12');
    expect(format('{position} / {size}', { position: 3 })).to.equal('3 / {size}');
  });

  it('picks plural forms by the language\'s rules, with exact numbers first', () => {
    const fields = '{count, plural, one {Verbeter eerst # veld.} other {Verbeter eerst # velden.}}';
    expect(format(fields, { count: 1 }, 'nl')).to.equal('Verbeter eerst 1 veld.');
    expect(format(fields, { count: 3 }, 'nl')).to.equal('Verbeter eerst 3 velden.');
    const results = contactCardMessages.en.resultCount;
    expect([0, 1, 2].map((count) => format(results, { count }, 'en'))).to.deep.equal(['no results', '1 result', '2 results']);
    expect(format(contactCardMessages.nl.resultCount, { count: 1 }, 'nl')).to.equal('1 resultaat');
    // Other languages have other categories: Polish says "few" for 2–4.
    expect(format('{n, plural, one {# plik} few {# pliki} other {# plików}}', { n: 3 }, 'pl')).to.equal('3 pliki');
    expect(format('{n, plural, one {# plik} other {# plików}} of {total}', { total: 9 }, 'pl'), 'a missing count stays visible').to.equal(
      '{n, plural, one {# plik} other {# plików}} of 9',
    );
  });

  it('maps language tags to supported languages', () => {
    expect(toLanguage('en-GB')).to.equal('en');
    expect(toLanguage('NL')).to.equal('nl');
    expect(toLanguage('fr')).to.equal(undefined);
  });
});

describe('language of an element', () => {
  const saveLabel = (el: Element) => el.shadowRoot!.querySelector('[data-action="save"]')!.textContent!.trim();

  it('defaults to Dutch when nothing sets a language', async () => {
    const wrapper = await fixture(html`<div><lift-button-bar></lift-button-bar></div>`);
    const bar = wrapper.querySelector('lift-button-bar')!;
    await bar.updateComplete;
    // The test page itself may carry a lang; this element is inside a wrapper without one.
    const pageLang = document.documentElement.getAttribute('lang');
    document.documentElement.removeAttribute('lang');
    try {
      bar.requestUpdate();
      await bar.updateComplete;
      expect(saveLabel(bar)).to.equal('Opslaan');
    } finally {
      if (pageLang) document.documentElement.setAttribute('lang', pageLang);
    }
  });

  it('follows the nearest lang in the document and its later changes', async () => {
    const wrapper = await fixture(html`<section lang="en"><div><lift-button-bar></lift-button-bar></div></section>`);
    const bar = wrapper.querySelector('lift-button-bar')!;
    await bar.updateComplete;
    expect(saveLabel(bar)).to.equal('Save');
    wrapper.setAttribute('lang', 'nl');
    await new Promise((resolve) => setTimeout(resolve));
    await bar.updateComplete;
    expect(saveLabel(bar)).to.equal('Opslaan');
  });

  it('prefers its own lang attribute', async () => {
    const wrapper = await fixture(html`<div lang="nl"><lift-button-bar lang="en"></lift-button-bar></div>`);
    const bar = wrapper.querySelector('lift-button-bar')!;
    await bar.updateComplete;
    expect(saveLabel(bar)).to.equal('Save');
  });

  it('warns about an unsupported lang and falls back to the document', async () => {
    let bar!: Element;
    const warnings = await captureWarnings(async () => {
      const wrapper = await fixture(html`<div lang="en"><lift-button-bar lang="xx-unsupported"></lift-button-bar></div>`);
      bar = wrapper.querySelector('lift-button-bar')!;
      await (bar as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    });
    expect(saveLabel(bar)).to.equal('Save');
    expect(warnings.join('\n')).to.contain('xx-unsupported');
  });
});

describe('strings a host registers', () => {
  const saveLabel = (el: Element) => el.shadowRoot!.querySelector('[data-action="save"]')!.textContent!.trim();

  it('adds a language without forking, English where it says nothing, and overrides one string', async () => {
    const language = `x-${Math.random().toString(36).slice(2, 8)}`;
    const wrapper = await fixture(html`<div lang=${language}><lift-button-bar></lift-button-bar></div>`);
    const bar = wrapper.querySelector('lift-button-bar')!;
    await bar.updateComplete;
    expect(saveLabel(bar), 'unknown until registered: the default').to.equal('Opslaan');
    registerStrings(language, { 'lift-button-bar': { 'action.save': 'Speichern' } });
    await bar.updateComplete;
    expect(saveLabel(bar), 'the registered string, at once').to.equal('Speichern');
    const undo = bar.shadowRoot!.querySelector('[data-action="undo"]')!.textContent!.trim();
    expect(undo, 'a string it leaves out').to.equal(buttonBarMessages.en['action.undo']);
    registerStrings('nl', { 'lift-button-bar': { 'action.save': 'Bewaren' } });
    wrapper.setAttribute('lang', 'nl');
    await new Promise((resolve) => setTimeout(resolve));
    await bar.updateComplete;
    expect(saveLabel(bar), 'an override of a shipped language').to.equal('Bewaren');
    registerStrings('nl', { 'lift-button-bar': { 'action.save': buttonBarMessages.nl['action.save'] } });
  });
});
