import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { warnOnce } from '../internal/token-list.js';

export type Language = 'nl' | 'en';
export const LANGUAGES: readonly Language[] = ['nl', 'en'];
export const DEFAULT_LANGUAGE: Language = 'nl';

/** One element's strings in every language, each table with the same keys (typed, and tested). */
export type MessageTables<Key extends string> = Record<Language, Record<Key, string>>;

/** Maps any BCP 47 tag (`en-GB`, `NL`) to a supported language, or undefined. */
export function toLanguage(tag: string | null | undefined): Language | undefined {
  const base = tag?.trim().toLowerCase().split('-')[0];
  return LANGUAGES.find((l) => l === base);
}

/** Fills `{name}` parameters; a missing parameter stays visible rather than vanishing. */
export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * The nearest `lang` attribute at or above `node`, crossing shadow-root boundaries, so an
 * element inside another element's shadow DOM follows the page language.
 */
export function closestLang(node: Node): string | undefined {
  let current: Node | null = node;
  while (current) {
    if (current instanceof Element && current.hasAttribute('lang')) return current.getAttribute('lang') ?? undefined;
    current = current.parentNode ?? (current instanceof ShadowRoot ? current.host : null);
  }
  return undefined;
}

const controllers = new Set<LocalizeController<string>>();
let observer: MutationObserver | undefined;

/** One observer for the whole page: a change of any `lang` attribute re-renders every element. */
function watchLangAttributes(): void {
  if (observer) return;
  observer = new MutationObserver(() => {
    for (const controller of controllers) controller.update();
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

/**
 * Gives an element its language and translated strings: its own `lang` attribute, else the
 * nearest `lang` above it in the document, else Dutch. Re-renders the host when that changes.
 */
export class LocalizeController<Key extends string> implements ReactiveController {
  #lang: Language = DEFAULT_LANGUAGE;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly tables: MessageTables<Key>,
  ) {
    host.addController(this);
  }

  get lang(): Language {
    return this.#lang;
  }

  hostConnected(): void {
    controllers.add(this);
    watchLangAttributes();
    this.#lang = this.#resolve();
  }

  hostDisconnected(): void {
    controllers.delete(this);
  }

  hostUpdate(): void {
    this.#lang = this.#resolve();
  }

  /** Re-reads the language and asks the host to render when it changed. */
  update(): void {
    const next = this.#resolve();
    if (next !== this.#lang) {
      this.#lang = next;
      this.host.requestUpdate();
    }
  }

  /** The translation of `key` in the current language. */
  t(key: Key, params?: Record<string, string | number>): string {
    return format(this.tables[this.#lang][key], params);
  }

  /** Numbers go through Intl in the current language. */
  number(value: number): string {
    return value.toLocaleString(this.#lang);
  }

  /**
   * A stored timestamp as a date (and time) in the current language and the reader's time
   * zone; text that is no date comes back as it is, and nothing as nothing.
   */
  date(iso: string | undefined, withTime = false): string {
    if (!iso) return '';
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return date.toLocaleString(this.#lang, withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' });
  }

  #resolve(): Language {
    const own = this.host.getAttribute('lang');
    if (own) {
      const language = toLanguage(own);
      if (language) return language;
      warnOnce(`${this.host.localName}|lang|${own}`, () =>
        console.warn(`<${this.host.localName}>: unsupported lang "${own}" ignored; use ${LANGUAGES.join(' or ')}.`),
      );
    }
    const parent = this.host.parentNode;
    return (parent && toLanguage(closestLang(parent))) || DEFAULT_LANGUAGE;
  }
}
