import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { warnOnce } from '../internal/token-list.js';

/** The languages every element ships with. */
export type Language = 'nl' | 'en';
export const LANGUAGES: readonly Language[] = ['nl', 'en'];
const DEFAULT_LANGUAGE: Language = 'nl';

/** One language's strings of one element. */
export type Strings<Key extends string> = Record<Key, string>;

/**
 * One element's strings in every language, each table with the same keys (typed, and tested). A
 * table is either the strings or a function that loads them; Dutch, the default and the last
 * resort, is always at hand. The library keeps Dutch with each element and loads English when
 * it is first shown, so a page pays only for the language it shows.
 */
export type MessageTables<Key extends string> = { nl: Strings<Key> } & Record<Exclude<Language, 'nl'>, Strings<Key> | (() => Promise<Strings<Key>>)>;

/** Each lazily loaded table, by the element's tables and the language: its strings, or its load. */
const cache = new WeakMap<object, Map<string, Strings<string> | Load>>();

/** The strings of `language` in `tables` when they are at hand. */
function tableOf<Key extends string>(tables: MessageTables<Key>, language: string): Strings<Key> | undefined {
  const table = (tables as Record<string, Strings<Key> | (() => Promise<Strings<Key>>) | undefined>)[language];
  if (typeof table !== 'function') return table;
  const cached = cache.get(tables)?.get(language);
  return cached instanceof Promise ? undefined : (cached as Strings<Key> | undefined);
}

/** A load on its way, with the value of `retries` when it was sent. */
type Load = Promise<void> & { sent?: number };

/**
 * Loads `language`'s strings once (again after a failure, when next asked). A load sent before
 * the last `retryStrings` is sent once more if it fails: the retry was asked for after it left.
 */
function loadTable<Key extends string>(tables: MessageTables<Key>, language: string): Promise<void> {
  const entries = cache.get(tables) ?? new Map<string, Strings<string> | Load>();
  cache.set(tables, entries);
  const cached = entries.get(language);
  if (cached instanceof Promise) return cached.sent === retries ? cached : cached.catch(() => loadTable(tables, language));
  const load: Load = ((tables as Record<string, () => Promise<Strings<Key>>>)[language]!)().then(
    (strings) => void entries.set(language, strings),
    (error: unknown) => {
      entries.delete(language);
      throw error;
    },
  );
  load.sent = retries;
  entries.set(language, load);
  return load;
}

/** Strings an element waits for before its first render, by element. */
const firstStrings = new WeakMap<HTMLElement, Promise<unknown>>();

/** What `element` waits for before it first renders: its language's strings, when they load. */
export const stringsPending = (element: HTMLElement): Promise<unknown> | undefined => firstStrings.get(element);

/**
 * Strings a host registered, by language, then element tag, then key. Kept on `globalThis`
 * under a `Symbol.for` key so two copies of the library on one page read the same ones.
 */
const registry = ((globalThis as Record<symbol, unknown>)[Symbol.for('lift-elements.strings')] ??= new Map()) as Map<
  string,
  Map<string, Record<string, string>>
>;

/**
 * Adds a language, or replaces some strings of one, without forking: `strings` maps element
 * tags to their keys (`{ 'lift-button-bar': { 'action.save': 'Speichern' } }`). A registered
 * language becomes one `lang` may name; what it leaves out is shown in its base language when
 * that is built in (`nl-BE`: Dutch), else in English. Elements on the page render again. Kept as
 * `de-at` however written (`de_AT`), as a page's `lang` is read.
 */
export function registerStrings(language: string, strings: Record<string, Record<string, string>>): void {
  const tag = tagKey(language);
  // Intl throws on such a tag (`x-lift`), so its numbers and dates are written as in its table language.
  if (!intlTag(tag, '')) warnOnce(`registerStrings|${tag}`, () => console.warn(`registerStrings("${language}"): Intl rejects this tag; its numbers and dates are written as in "${tableLanguage(tag)}".`));
  const tables = registry.get(tag) ?? new Map<string, Record<string, string>>();
  for (const [element, table] of Object.entries(strings)) tables.set(element, { ...tables.get(element), ...table });
  registry.set(tag, tables);
  for (const controller of controllers) controller.update(true);
}

/**
 * A string a host registered for `tag` in `language`, if any: for the language itself, else
 * for its base (`de` for `de-AT`), else for the built-in language that fills it in
 * (`tableLanguage`), so a host's words for `nl` stay on an `nl-BE` page that has words of its own.
 */
export function registered(language: string, tag: string, key: string): string | undefined {
  return registeredIn(language, tag, key)?.[0];
}

/** That string, with the language it was registered under. */
function registeredIn(language: string, tag: string, key: string): [text: string, from: string] | undefined {
  language = tagKey(language);
  for (const from of new Set([language, language.split(/[-_]/)[0]!, tableLanguage(language)])) {
    const text = registry.get(from)?.get(tag)?.[key];
    if (text !== undefined) return [text, from];
  }
  return undefined;
}

/** A language tag as the registry keys it: lower case, `_` written `-` (`de_AT` is `de-at`). */
const tagKey = (tag: string): string => tag.trim().toLowerCase().replace(/_/g, '-');

/** The built-in language whose tables fill in `language`'s gaps: its base when built in (`nl` for `nl-BE`), else English. */
export const tableLanguage = (language: string): Language => LANGUAGES.find((l) => l === language.split(/[-_]/)[0]) ?? 'en';

/**
 * The tag Intl writes numbers, dates and plurals with for a page's `tag`: the tag itself when
 * Intl takes it (`en-GB`; `de_DE` as `de-DE`), else `fallback`, as Intl throws on one it rejects.
 */
function intlTag(tag: string, fallback: string): string {
  // A built-in language as it is: most pages ask Intl nothing before their first paint.
  if ((LANGUAGES as readonly string[]).includes(tag)) return tag;
  try {
    return Intl.getCanonicalLocales(tag.replace(/_/g, '-'))[0] ?? fallback;
  } catch {
    return fallback;
  }
}

/** Maps any BCP 47 tag (`en-GB`, `NL`, also `en_US`) to a supported or registered language, or undefined. */
export function toLanguage(tag: string | null | undefined): string | undefined {
  const full = tag?.trim().toLowerCase();
  if (!full) return undefined;
  const whole = tagKey(full);
  if (registry.has(whole)) return whole;
  const base = full.split(/[-_]/)[0]!;
  return LANGUAGES.find((l) => l === base) ?? (registry.has(base) ? base : undefined);
}

/**
 * A number as `language` writes it (`1.234` in Dutch, `1,234` in English). A whole number from
 * 0 to 999 is plain digits in the built-in languages and is written without Intl there: a
 * page's first number through Intl sets up the browser's number data, 30–90 ms on one task in
 * Chromium, which a page with only the bar would pay for its "3 / 12" before it first paints.
 */
export const formatNumber = (language: string, value: number): string =>
  // `1 / value > 0`: 0 and up, but not -0, which Intl writes "-0"; `% 1`: whole.
  (LANGUAGES as readonly string[]).includes(language) && 1 / value > 0 && value < 1000 && !(value % 1) ? String(value) : value.toLocaleString(language);

/**
 * Fills `{name}` parameters, a number as the language writes it (`10.000` in Dutch); a missing
 * parameter stays visible rather than vanishing. A plural choice
 * `{count, plural, one {# veld} other {# velden}}` picks its form by the language's rules
 * (`=0 {…}` for an exact number), with `#` standing for the number written the same way.
 */
export function format(template: string, params?: Record<string, string | number>, language = 'en', plural = language): string {
  if (!params) return template;
  return template
    .replace(/\{(\w+), plural,((?:\s*[=\w]+ ?\{[^{}]*\})+)\s*\}/g, (whole, name: string, forms: string) => {
      if (!(name in params)) return whole;
      const value = Number(params[name]);
      const options = new Map([...forms.matchAll(/([=\w]+) ?\{([^{}]*)\}/g)].map((m) => [m[1], m[2]!]));
      const form = options.get(`=${value}`) ?? options.get(new Intl.PluralRules(plural).select(value)) ?? options.get('other') ?? '';
      return form.replace(/#/g, formatNumber(language, value));
    })
    .replace(/\{(\w+)\}/g, (whole, name: string) => {
      if (!(name in params)) return whole;
      const value = params[name];
      return typeof value === 'number' ? formatNumber(language, value) : String(value);
    });
}

/**
 * The first node at or above `node` for which `found` holds, crossing shadow-root boundaries: an
 * element inside another element's shadow DOM follows the page's language and its speaker.
 */
function closest(node: Node | null, found: (node: Node) => boolean): Node | null {
  while (node && !found(node)) node = node instanceof ShadowRoot ? node.host : node.parentNode;
  return node;
}

const controllers = new Set<LocalizeController<string>>();

/**
 * Elements that say for the elements inside them that a language did not load (the card, in
 * its banner), with the load they were last told of: told once per load, however many of the
 * elements inside waited for it. `failing` are the controllers still without their strings;
 * once none is (the strings arrived, or the reader chose a language that is at hand),
 * `recovered` is told, `arrived` in the first case. `lost` is the table language that did not
 * load, until its strings show after all (a retry brought them, or, chosen away from, it was
 * chosen again and this time loaded): `recovered` is told then too, `arrived`.
 */
interface Speaker {
  say(error: unknown): void;
  recovered?(arrived: boolean): void;
  heard?: string;
  failing: Set<object>;
  lost?: string;
}
const speakers = new WeakMap<Node, Speaker>();
/** How many times the strings that did not load were asked for again. */
let retries = 0;
let observer: MutationObserver | undefined;

/** Every element shows the language now asked for (loading it first where it must). */
function updateAll(): void {
  for (const controller of controllers) controller.update();
}

/**
 * Loads again the strings that did not load, for every element waiting for them (a browser that
 * keeps a failed import failed until the page reloads fails them again).
 */
export function retryStrings(): void {
  retries++;
  updateAll();
}

/**
 * One observer for the whole page: a change of any `lang` attribute re-renders every element.
 * It watches the document and each shadow root an element is inside, since a host's framework
 * may set `lang` in its own shadow DOM, which the document's observer does not see (observing
 * a node again only renews its options).
 */
function watchLangAttributes(host: Node): void {
  const options = { attributes: true, attributeFilter: ['lang'], subtree: true };
  observer ??= new MutationObserver(updateAll);
  for (let root = host.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) observer.observe(root, options);
  observer.observe(document.documentElement, options);
}

/**
 * Gives an element its language and translated strings: its own `lang` attribute, else the
 * nearest `lang` above it in the document, else Dutch. Re-renders the host when that changes.
 * A language whose strings are not loaded yet is loaded first: the element's first render waits
 * for it, and a later change keeps showing the language before until the new one has arrived.
 */
export class LocalizeController<Key extends string, Own extends Key = Key> implements ReactiveController {
  #lang: string = DEFAULT_LANGUAGE;
  /** What Intl writes the element's numbers, dates and plurals with (`locale`). */
  #locale: string = DEFAULT_LANGUAGE;
  /** The `lang` value the last `#resolve` answered with (Dutch when none did). */
  #tag: string = DEFAULT_LANGUAGE;
  #first = true;
  /** The language whose strings did not load while the element shows another, with the retries then ('' when none). */
  #failed = '';
  /** How many loads in a row failed while this element says so itself (0: none). */
  #failures = 0;
  /** The notice's retry was pressed with focus on it: once the notice goes, focus stays in the element. */
  #retried = false;
  /** Tables the element's lazily loaded parts brought, looked in after its own. */
  readonly #parts: MessageTables<string>[] = [];

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** The element's own words; the rest of `Key` comes with its parts (`extend`). */
    private readonly tables: MessageTables<Own>,
    /**
     * Told when the strings of the language asked for did not load, for this element and the
     * elements inside it (the card passes its banner, with `retryStrings`). Without it, an
     * element inside one that was given it tells that one; an element standing alone shows
     * `failure()`.
     */
    failed?: (error: unknown) => void,
    /**
     * Told once the language shown has all its strings again, in this element and those inside:
     * `arrived` when they are the strings that did not load (a retry brought them, or they
     * loaded when chosen again after another), not those of a language chosen instead, which
     * asking again for the one that failed may fail again.
     */
    recovered?: (arrived: boolean) => void,
  ) {
    host.addController(this);
    if (failed) speakers.set(host, { say: failed, recovered, failing: new Set() });
  }

  /**
   * The speaker this element told of a failure, until it shows the language that failed with all
   * its strings (kept while it shows one chosen instead, to tell when that one arrives).
   */
  #told: Speaker | undefined;
  /** The table language whose strings it told `#told` did not load. */
  #toldOf = '';

  /** The language shown: a built-in one or one a host registered. */
  get lang(): string {
    return this.#lang;
  }

  /**
   * The tag numbers, dates and plurals are written with: the page's whole tag when Intl takes
   * it (`en-GB` writes British dates in English words), else the language of the tables that
   * fill in (`en` for a host's `x-lift`).
   */
  get locale(): string {
    return this.#locale;
  }

  /** What the element shows, to see whether it changed. */
  #shown(): string {
    return `${this.#lang} ${this.#locale}`;
  }

  /** Shows `language`, written as the tag `#resolve` last answered with. */
  #set(language: string): void {
    this.#lang = language;
    this.#locale = intlTag(this.#tag, tableLanguage(language));
  }

  hostConnected(): void {
    controllers.add(this);
    watchLangAttributes(this.host);
    // Out of the page, it heard no change of language: put back, it renders if it missed one.
    const before = this.#shown();
    const pending = this.#show(this.#resolve());
    if (!this.#first && this.#shown() !== before) this.host.requestUpdate();
    if (pending && this.#first) {
      const waits = Promise.all([firstStrings.get(this.host), pending]);
      firstStrings.set(this.host, waits);
      void waits.finally(() => firstStrings.get(this.host) === waits && firstStrings.delete(this.host));
    }
    this.#first = false;
  }

  hostDisconnected(): void {
    controllers.delete(this);
  }

  hostUpdate(): void {
    void this.#show(this.#resolve());
  }

  /** Re-reads the language and asks the host to render when it changed (or `always`). */
  update(always = false): void {
    const before = this.#shown();
    void this.#show(this.#resolve());
    if (always || this.#shown() !== before) this.host.requestUpdate();
  }

  /**
   * Shows `language` now when its strings are at hand; else keeps the current one, loads them
   * and shows it (with a render) once they arrived, if it is still the one asked for. A host's
   * language shows its own strings at once, the rest in Dutch until the table that fills it in
   * (`tableLanguage`) has arrived. Returns the load, if one was needed; a failed load keeps the
   * current language and says so once (`failed`) until `retryStrings`.
   */
  #show(language: string): Promise<unknown> | undefined {
    const table = tableLanguage(language);
    const missing = [this.tables as MessageTables<string>, ...this.#parts].filter((tables) => !tableOf(tables, table));
    if (!missing.length || table !== language) this.#set(language);
    if (!missing.length) {
      this.#failed = '';
      this.#failures = 0;
      const told = this.#told;
      if (table === this.#toldOf) this.#told = undefined;
      const arrived = table === told?.lost;
      if ((told?.failing.delete(this) || arrived) && !told!.failing.size) {
        told!.heard = undefined;
        if (arrived) told!.lost = undefined;
        told!.recovered?.(arrived);
      }
      return undefined;
    }
    // A language that did not load is asked for again after `retryStrings`, or when it is chosen anew.
    const round = table + retries;
    if (this.#failed === round) return undefined;
    return Promise.all(missing.map((tables) => loadTable(tables, table))).then(
      () => {
        if (this.#resolve() !== language) return;
        this.#set(language);
        this.host.requestUpdate();
      },
      (error: unknown) => {
        // A retry since then waits for its own load (`loadTable` sends again one sent before it),
        // and says how that went; a language no longer asked for is no failure to tell; a failure
        // is said once, also where several renders waited for the same load.
        if (round !== table + retries || this.#resolve() !== language || this.#failed === round) return;
        this.#failed = round;
        const above = closest(this.host, (node) => speakers.has(node));
        const speaker = above && speakers.get(above);
        if (!speaker) {
          // For developers, the browser's reason; for the reader, the notice.
          console.warn(error);
          this.#failures++;
          this.#retried = false;
          return this.host.requestUpdate();
        }
        this.#told = speaker;
        this.#toldOf = table;
        speaker.lost = table;
        speaker.failing.add(this);
        if (speaker.heard === round) return;
        speaker.heard = round;
        speaker.say(error);
      },
    );
  }

  /**
   * The notice of an element standing alone whose language did not load, in the words of its
   * own tables (so English ones load with English): `failed`, with a retry; after a retry that
   * failed too, `again` (a browser that keeps a failed import failed until the page reloads,
   * as Firefox does, fails it again, and only a reload helps). Nothing otherwise.
   */
  failure(failed: Key, again: Key, retry: Key): TemplateResult | typeof nothing {
    return this.#failures
      ? html`<p part="error" role="alert">${this.t(this.#failures > 1 ? again : failed)} <button type="button" @click=${this.#retry}>${this.t(retry)}</button></p>`
      : nothing;
  }

  readonly #retry = (event: Event): void => {
    this.#retried = (event.currentTarget as Element).matches(':focus');
    retryStrings();
  };

  /**
   * The language loaded on a retry pressed from the keyboard took the notice, and its button,
   * away: focus goes to the first control the element shows.
   */
  hostUpdated(): void {
    const root = (this.host as Partial<Element>).shadowRoot;
    if (!this.#retried || this.#failures || !root) return;
    this.#retried = false;
    // Unless the user moved focus meanwhile.
    if (!root.activeElement && (document.activeElement ?? document.body) === document.body) root.querySelector<HTMLElement>('button, input, select, textarea')?.focus();
  }

  /**
   * The translation of `key` in the current language: a host's registered string first, then
   * the built-in table of `tableLanguage` (Dutch while it loads), its numbers as `locale` writes them.
   * A plural form is chosen by the rules of the language the text is written in: English words
   * filling a French page's gaps say "0 items", as English does, not "0 item", as French would.
   */
  t(key: Key, params?: Record<string, string | number>): string {
    const lang = this.#lang;
    const table = tableLanguage(lang);
    let [text, from] = registeredIn(lang, this.host.localName, key) ?? [];
    for (const tables of [this.tables as MessageTables<string>, ...this.#parts]) {
      if (text === undefined) [text, from] = [tableOf(tables, table)?.[key], table];
      if (text === undefined) [text, from] = [tables.nl[key], 'nl'];
    }
    // Written in the page's own language, or its base (`fr` words on an `fr-CA` page): its rules.
    const own = from === undefined || from === tagKey(lang) || from === tagKey(lang).split(/[-_]/)[0];
    return format(text ?? key, params, this.#locale, own ? this.#locale : from);
  }

  /**
   * Adds the words of a part that arrived later (their keys are part of `Key`); resolves once
   * those of the language shown are here (a failed load leaves them in Dutch and says so).
   */
  extend(tables: MessageTables<string>): Promise<unknown> {
    if (!this.#parts.includes(tables)) this.#parts.push(tables);
    return this.#show(this.#resolve()) ?? Promise.resolve();
  }

  /** Numbers as the current `locale` writes them (`formatNumber`). */
  number(value: number): string {
    return formatNumber(this.#locale, value);
  }

  #resolve(): string {
    const hasLang = (node: Node) => node instanceof Element && node.hasAttribute('lang');
    for (let node = closest(this.host, hasLang) as Element | null; node; node = closest(node.parentNode, hasLang) as Element | null) {
      const value = node.getAttribute('lang');
      const language = toLanguage(value);
      this.#tag = language ? value!.trim() : DEFAULT_LANGUAGE;
      // The page's language decides as it is (Dutch when no language answers it); on one of ours
      // (this element, a provider) such a value is a mistake, warned of and passed over.
      if (language || (node !== this.host && !node.localName.startsWith('lift-'))) return language || DEFAULT_LANGUAGE;
      const tag = node.localName;
      if (value) warnOnce(`${tag}|lang|${value}`, () => console.warn(`<${tag}>: unsupported lang "${value}" ignored; use ${LANGUAGES.join(' or ')}, or registerStrings().`));
    }
    this.#tag = DEFAULT_LANGUAGE;
    return DEFAULT_LANGUAGE;
  }
}
