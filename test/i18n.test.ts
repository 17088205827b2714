import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import { buttonBarMessages } from '../src/button-bar/messages.js';
import { barMenuMessages } from '../src/button-bar/messages-menus.js';
import { checklistMessages } from '../src/checklist/messages.js';
import { manageMessages } from '../src/checklist/messages-manage.js';
import { contactCardMessages } from '../src/contact-card/messages.js';
import { cardPartMessages } from '../src/contact-card/messages-parts.js';
import { syncMessages } from '../src/contact-card/messages-sync.js';
import { timelineMessages } from '../src/contact-timeline/messages.js';
import { composerMessages } from '../src/contact-timeline/messages-composer.js';
import { format, formatNumber, LANGUAGES, LocalizeController, registerStrings, retryStrings, toLanguage, type Language, type MessageTables } from '../src/i18n/localize.js';
import { formatDate } from '../src/i18n/dates.js';
import { LiftElement } from '../src/internal/lift-element.js';
import '../src/lift-button-bar.js';
import { captureWarnings, waitUntil } from './helpers.js';

/** One language's table, loading it when it loads on demand. */
const strings = async (tables: MessageTables<string>, language: Language) => {
  const table = tables[language];
  return typeof table === 'function' ? table() : table;
};

/** Every element's string tables; a new element adds its own here. */
const catalog: Record<string, MessageTables<string>> = {
  'lift-button-bar': buttonBarMessages,
  'lift-button-bar (its menus, loaded with them)': barMenuMessages,
  'lift-checklist': checklistMessages,
  'lift-checklist (its management, loaded with it)': manageMessages,
  'lift-contact-timeline': timelineMessages,
  'lift-contact-timeline (Record activity, loaded with it)': composerMessages,
  'lift-contact-card': contactCardMessages,
  'lift-contact-card (its parts loaded on first use)': cardPartMessages,
  'lift-contact-card (working offline)': syncMessages,
};

describe('translations', () => {
  for (const [element, tables] of Object.entries(catalog)) {
    it(`${element}: every language has exactly the keys of Dutch, none empty, same parameters`, async () => {
      const reference = Object.keys(tables.nl).sort();
      for (const language of LANGUAGES) {
        const table = await strings(tables, language);
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
    // A number is written as the language writes it, also outside a plural.
    const tooLong = 'Maximaal {max} tekens ({count} nu).';
    expect([format(tooLong, { max: 10000, count: 10001 }, 'nl'), format(tooLong, { max: 10000, count: 10001 }, 'en')]).to.deep.equal([
      'Maximaal 10.000 tekens (10.001 nu).', 'Maximaal 10,000 tekens (10,001 nu).',
    ]);
    expect(format('{name}', { name: '10000' }, 'nl'), 'text stays as written').to.equal('10000');
  });

  it('picks plural forms by the language\'s rules, with exact numbers first', async () => {
    const fields = '{count, plural, one {Verbeter eerst # veld.} other {Verbeter eerst # velden.}}';
    expect(format(fields, { count: 1 }, 'nl')).to.equal('Verbeter eerst 1 veld.');
    expect(format(fields, { count: 3 }, 'nl')).to.equal('Verbeter eerst 3 velden.');
    const results = (await strings(cardPartMessages, 'en')).resultCount;
    expect([0, 1, 2].map((count) => format(results, { count }, 'en'))).to.deep.equal(['no results', '1 result', '2 results']);
    expect(format(cardPartMessages.nl.resultCount, { count: 1 }, 'nl')).to.equal('1 resultaat');
    // The number is written as the language writes it.
    const items = '{count, plural, one {# item} other {# items}}';
    expect([format(items, { count: 1 }, 'nl'), format(items, { count: 12345 }, 'nl'), format(items, { count: 12345 }, 'en')]).to.deep.equal(['1 item', '12.345 items', '12,345 items']);
    // Other languages have other categories: Polish says "few" for 2–4.
    expect(format('{n, plural, one {# plik} few {# pliki} other {# plików}}', { n: 3 }, 'pl')).to.equal('3 pliki');
    expect(format('{n, plural, one {# plik} other {# plików}} of {total}', { total: 9 }, 'pl'), 'a missing count stays visible').to.equal(
      '{n, plural, one {# plik} other {# plików}} of 9',
    );
  });

  it('puts dates and numbers into words in the language asked for, and keeps what is no date', () => {
    // Noon UTC on a mid-month day: the same day in every time zone a test machine may have.
    const iso = '2026-03-14T12:00:00Z';
    const [day, dayEn] = [formatDate('nl', iso), formatDate('en', iso)];
    expect(day).to.match(/14 mrt\.? 2026/);
    expect(dayEn).to.match(/Mar 14, 2026/);
    expect(formatDate('nl', iso, true), 'with its time').to.match(/^14 mrt\.? 2026.+\d{2}:\d{2}$/);
    expect(formatDate('en', iso, { month: 'long', year: 'numeric', timeZone: 'UTC' })).to.equal('March 2026');
    expect(formatDate('nl', new Date(Date.UTC(2026, 2, 1)), { month: 'long', year: 'numeric', timeZone: 'UTC' })).to.equal('maart 2026');
    // Formats are kept per language and options: asking again, or another language between, changes nothing.
    expect([formatDate('nl', iso), formatDate('en', iso), formatDate('nl', iso)]).to.deep.equal([day, dayEn, day]);
    // A stored day (a project's end) is that day wherever the reader is, also west of Greenwich.
    for (const timeZone of ['America/Los_Angeles', 'UTC', 'Pacific/Kiritimati']) {
      expect(formatDate('nl', '2026-03-01', { dateStyle: 'medium', timeZone }), timeZone).to.match(/^1 mrt\.? 2026$/);
    }
    expect(formatDate('en', '2026-03-01')).to.equal('Mar 1, 2026');
    expect(formatDate('nl', 'not a date'), 'text that is no date').to.equal('not a date');
    expect(formatDate('nl', new Date(Number.NaN))).to.equal('');
    expect(formatDate('nl', undefined)).to.equal('');
    expect([formatNumber('nl', 1234.5), formatNumber('en', 1234.5)]).to.deep.equal(['1.234,5', '1,234.5']);
  });

  it('writes every number as Intl does in the language, small whole ones included', () => {
    // Whole numbers below 1 000 skip Intl in the built-in languages (a language added to them
    // must write them as plain digits too): each must come out as Intl would write it, and every
    // other number, or a language with digits of its own, goes through Intl.
    const numbers = [0, -0, 1, 7, 42, 999, 1000, 1234, 12345.678, -1, -999, 0.5, 999.5, 1e21, Number.NaN, Number.POSITIVE_INFINITY];
    for (const language of [...LANGUAGES, 'nl-be', 'en-gb', 'en-u-nu-arab', 'de', 'ar-eg', 'fa', 'mr']) {
      for (const value of [...numbers, ...Array.from({ length: 1000 }, (_, i) => i)]) {
        expect(formatNumber(language, value), `${value} in ${language}`).to.equal(value.toLocaleString(language));
      }
    }
    expect([formatNumber('ar-eg', 42), formatNumber('fa', 7), formatNumber('en-u-nu-arab', 5)], 'digits of their own').to.deep.equal(['٤٢', '۷', '٥']);
  });

  it("writes an element's numbers in a registered language's own digits", async () => {
    registerStrings('fa', { 'lift-button-bar': { noSelection: 'بدون انتخاب' } });
    const bar = await fixture(html`<lift-button-bar lang="fa" selection-position="3" selection-size="12"></lift-button-bar>`);
    const position = () => bar.shadowRoot!.querySelector('[part~="selection-position"]:not([data-measure])')?.textContent?.trim();
    await waitUntil(() => position(), 'the position shows');
    expect(position()).to.equal('۳ / ۱۲');
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

  /** An element with both languages at hand, which renders only when asked (no layout of its own). */
  const plainElement = () => {
    const tag = `plain-strings-${Math.random().toString(36).slice(2, 8)}`;
    const tables: MessageTables<'hello'> = { nl: { hello: 'Hallo' }, en: { hello: 'Hello' } };
    customElements.define(tag, class extends LiftElement {
      readonly i18n = new LocalizeController(this, tables);
      protected override render() {
        return html`<p>${this.i18n.t('hello')}</p>`;
      }
    });
    return tag;
  };
  const said = (el: Element) => el.shadowRoot!.querySelector('p')!.textContent;

  it("follows a lang changed inside a host's shadow root, as frameworks that render in shadow DOM set it", async () => {
    const tag = plainElement();
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const shadow = host.attachShadow({ mode: 'open' });
    const wrapper = document.createElement('div');
    wrapper.setAttribute('lang', 'nl');
    const el = document.createElement(tag) as LiftElement;
    wrapper.append(el);
    shadow.append(wrapper);
    await el.updateComplete;
    expect(said(el)).to.equal('Hallo');
    wrapper.setAttribute('lang', 'en');
    await waitUntil(() => said(el) === 'Hello', `English after the wrapper's lang changed (shows ${said(el)})`);
  });

  it('shows the language of the moment when put back in the page after a change it did not hear', async () => {
    const tag = plainElement();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="nl"></div>`);
    const el = document.createElement(tag) as LiftElement;
    wrapper.append(el);
    await el.updateComplete;
    expect(said(el)).to.equal('Hallo');
    // A host keeps it aside (a route kept alive) while the reader switches to English.
    el.remove();
    wrapper.setAttribute('lang', 'en');
    await new Promise((resolve) => setTimeout(resolve));
    wrapper.append(el);
    await el.updateComplete;
    expect(said(el), 'put back').to.equal('Hello');
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
    // What it leaves out is English, once that has loaded.
    const english = (await strings(buttonBarMessages, 'en'))['action.undo'];
    await waitUntil(() => bar.shadowRoot!.querySelector('[data-action="undo"]')!.textContent!.trim() === english, 'a string it leaves out, in English');
    registerStrings('nl', { 'lift-button-bar': { 'action.save': 'Bewaren' } });
    wrapper.setAttribute('lang', 'nl');
    await new Promise((resolve) => setTimeout(resolve));
    await bar.updateComplete;
    expect(saveLabel(bar), 'an override of a shipped language').to.equal('Bewaren');
    registerStrings('nl', { 'lift-button-bar': { 'action.save': buttonBarMessages.nl['action.save'] } });
  });
});

describe('languages that load when first shown', () => {
  /** An element whose English loads when `release` is called (or fails with `fail`). */
  const lazyElement = () => {
    let release!: () => void;
    let fail!: (error: Error) => void;
    type Key = 'hello' | 'failed' | 'again' | 'retry';
    const arrived = new Promise<Record<Key, string>>((resolve, reject) => {
      release = () => resolve({ hello: 'Hello', failed: 'Not loaded', again: 'Still not', retry: 'Retry' });
      fail = reject;
    });
    const tables: MessageTables<Key> = { nl: { hello: 'Hallo', failed: 'Niet geladen', again: 'Nog steeds niet', retry: 'Opnieuw' }, en: () => arrived };
    const tag = `lazy-strings-${Math.random().toString(36).slice(2, 8)}`;
    class LazyStrings extends LiftElement {
      readonly i18n = new LocalizeController(this, tables);
      protected override render() {
        return html`<p>${this.i18n.t('hello')}</p>
          ${this.i18n.failure('failed', 'again', 'retry')}`;
      }
    }
    customElements.define(tag, LazyStrings);
    return { tag, release, fail };
  };
  const text = (el: Element) => el.shadowRoot?.querySelector('p')?.textContent ?? '';
  const notice = (el: Element) => el.shadowRoot?.querySelector('[role="alert"]')?.textContent?.trim() ?? '';

  it('renders first in the language asked for, once its strings have loaded: no other language, no keys', async () => {
    const { tag, release } = lazyElement();
    const el = document.createElement(tag) as LiftElement;
    el.setAttribute('lang', 'en');
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    wrapper.append(el);
    await nextFrame();
    expect(text(el), 'nothing shown while English loads').to.equal('');
    release();
    await el.updateComplete;
    expect(text(el)).to.equal('Hello');
  });

  /** The element, rendered in Dutch inside a wrapper whose `lang` a test then changes. */
  const inDutch = async (tag: string) => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="nl"></div>`);
    const el = document.createElement(tag) as LiftElement;
    wrapper.append(el);
    await el.updateComplete;
    return { wrapper, el };
  };

  it('keeps showing the language before until the new one has loaded', async () => {
    const { tag, release } = lazyElement();
    const { wrapper, el } = await inDutch(tag);
    expect(text(el)).to.equal('Hallo');
    wrapper.setAttribute('lang', 'en');
    await nextFrame();
    expect(text(el), 'still Dutch while English loads').to.equal('Hallo');
    release();
    await waitUntil(() => text(el) === 'Hello', 'English once loaded');
  });

  it('stays in the language it shows when another fails to load, and says so', async () => {
    const { tag, fail } = lazyElement();
    const { wrapper, el } = await inDutch(tag);
    const warnings = await captureWarnings(async () => {
      wrapper.setAttribute('lang', 'en');
      await nextFrame();
      fail(new Error('offline'));
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    expect(text(el)).to.equal('Hallo');
    await waitUntil(() => notice(el).startsWith('Niet geladen'), 'the notice, in the language shown');
    expect(warnings.join(' ')).to.include('offline');
  });

  it('gives focus to the element, not the page, when the retry pressed from the keyboard loads the language and its notice goes', async () => {
    type Key = 'hello' | 'failed' | 'again' | 'retry';
    let loads = 0;
    const english = { hello: 'Hello', failed: 'Not loaded', again: 'Still not', retry: 'Retry' };
    // The first load fails (offline), the next arrives.
    const tables: MessageTables<Key> = {
      nl: { hello: 'Hallo', failed: 'Niet geladen', again: 'Nog steeds niet', retry: 'Opnieuw' },
      en: () => (loads++ ? Promise.resolve(english) : Promise.reject(new Error('offline'))),
    };
    const tag = `retry-strings-${Math.random().toString(36).slice(2, 8)}`;
    customElements.define(
      tag,
      class extends LiftElement {
        readonly i18n = new LocalizeController(this, tables);
        protected override render() {
          return html`${this.i18n.failure('failed', 'again', 'retry')}<button type="button" class="hello">${this.i18n.t('hello')}</button>`;
        }
      },
    );
    const { wrapper, el } = await inDutch(tag);
    await captureWarnings(async () => {
      wrapper.setAttribute('lang', 'en');
      await waitUntil(() => notice(el).startsWith('Niet geladen'), 'the notice');
    });
    const retry = el.shadowRoot!.querySelector<HTMLButtonElement>('[role="alert"] button')!;
    retry.focus();
    retry.click();
    await waitUntil(() => el.shadowRoot!.querySelector('.hello')!.textContent === 'Hello' && !notice(el), 'English, and the notice gone');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.className, `focus on ${document.activeElement?.localName}`).to.equal('hello');
  });

  /**
   * An element with `tables` inside a stand-in for the card: an element that says, for those
   * inside it, that a language did not load (`told`), as the card does in its banner.
   */
  const insideSpeaker = async (tables: MessageTables<'hello'>) => {
    const suffix = Math.random().toString(36).slice(2, 8);
    customElements.define(
      `inner-strings-${suffix}`,
      class extends LiftElement {
        readonly i18n = new LocalizeController(this, tables);
        protected override render() {
          return html`<p>${this.i18n.t('hello')}</p>`;
        }
      },
    );
    const told: unknown[] = [];
    customElements.define(
      `speaking-${suffix}`,
      class extends LiftElement {
        readonly i18n = new LocalizeController(this, { nl: {}, en: {} }, (error) => told.push(error));
        protected override render() {
          return html`<slot></slot>`;
        }
      },
    );
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="nl"></div>`);
    const speaker = document.createElement(`speaking-${suffix}`);
    const el = document.createElement(`inner-strings-${suffix}`) as LiftElement;
    speaker.append(el);
    wrapper.append(speaker);
    await el.updateComplete;
    return { wrapper, el, told };
  };

  it('says nothing of a language that failed to load after the reader had switched back', async () => {
    let fail!: (error: Error) => void;
    const { wrapper, el, told } = await insideSpeaker({ nl: { hello: 'Hallo' }, en: () => new Promise((_, reject) => (fail = reject)) });
    wrapper.setAttribute('lang', 'en');
    await nextFrame();
    wrapper.setAttribute('lang', 'nl');
    await nextFrame();
    fail(new Error('offline'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(text(el)).to.equal('Hallo');
    expect(told, 'Dutch was asked for and shown: the card has no failure to tell').to.deep.equal([]);
  });

  it('sends a load again when it fails after a retry was asked for while it was on its way', async () => {
    // Inside a card, the card's own table can fail and be retried while an element's load, sent
    // before the retry, is still on its way: when that load fails, the retry never reached it,
    // and the card must not say that the retry failed.
    let fail!: (error: Error) => void;
    const loads: string[] = [];
    const { wrapper, el, told } = await insideSpeaker({
      nl: { hello: 'Hallo' },
      en: () => {
        loads.push('sent');
        return loads.length === 1 ? new Promise((_, reject) => (fail = reject)) : Promise.resolve({ hello: 'Hello' });
      },
    });
    wrapper.setAttribute('lang', 'en');
    await waitUntil(() => loads.length === 1, 'English asked for');
    retryStrings();
    await nextFrame();
    fail(new Error('offline'));
    await waitUntil(() => text(el) === 'Hello', 'English from the load sent again');
    expect(loads, 'one load before the retry, one after').to.deep.equal(['sent', 'sent']);
    expect(told, 'nothing said to fail: the load sent after the retry arrived').to.deep.equal([]);
  });
});
