import { warnOnce } from '../internal/token-list.js';

/** The card's main tabs, in order (seed "Overview", "Projects", "Correspondence", "Checklist"). */
export const MAIN_TABS = ['overview', 'projects', 'correspondence', 'checklist'] as const;
export type MainTab = (typeof MAIN_TABS)[number];

/**
 * The detail tabs at the bottom of the card (tokens of `detail-tabs`): `personal` (the name),
 * `function` (function and relation), `project` (a project from the Projects tab), `item` (an
 * entry from the overview or correspondence), `checklist-item` (the checklist items in detail).
 */
export const DETAIL_TABS = ['personal', 'function', 'project', 'item', 'checklist-item'] as const;
export type DetailTab = (typeof DETAIL_TABS)[number];

/** Attribute converter for one token of `allowed`; anything else warns once and reads as absent. */
export function oneOf<T extends string>(allowed: readonly T[], context: string) {
  return {
    fromAttribute(value: string | null): T | undefined {
      if (value === null || value === '') return undefined;
      if ((allowed as readonly string[]).includes(value)) return value as T;
      warnOnce(`${context}|${value}`, () =>
        console.warn(`${context}: ignoring unknown value ${JSON.stringify(value.slice(0, 40))}; allowed: ${allowed.join(' ')}.`),
      );
      return undefined;
    },
    toAttribute: (value: T | undefined) => value ?? null,
  };
}

/** Ids in a `selection` attribute: whitespace-separated, duplicates dropped, order kept. */
export function parseIds(value: string | null): string[] | undefined {
  if (value === null) return undefined;
  return [...new Set(value.split(/\s+/).filter(Boolean))];
}

/**
 * Keys of a WAI-ARIA tablist: Arrow Left / Right wrap, Home / End jump. Returns the tab to move
 * to (the caller activates and focuses it: automatic activation, as the APG recommends when a
 * panel shows at once), or `undefined` for any other key.
 */
export function tabKeyTarget<T extends string>(event: KeyboardEvent, tabs: readonly T[], current: T): T | undefined {
  const index = Math.max(0, tabs.indexOf(current));
  const target =
    event.key === 'ArrowRight' ? tabs[(index + 1) % tabs.length]
    : event.key === 'ArrowLeft' ? tabs[(index - 1 + tabs.length) % tabs.length]
    : event.key === 'Home' ? tabs[0]
    : event.key === 'End' ? tabs[tabs.length - 1]
    : undefined;
  if (target !== undefined) event.preventDefault();
  return target;
}
