import { warnOnce } from '../internal/token-list.js';
import { DETAIL_TABS, MAIN_TABS, type DetailTab, type MainTab } from '../vocabulary.js';

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

/** The main tabs a card shows: the checklist only when any item applies. */
export const mainTabsFor = (checklistAvailable: boolean): MainTab[] => MAIN_TABS.filter((tab) => tab !== 'checklist' || checklistAvailable);

/**
 * The detail tabs a card shows: those the host offers (`detail-tabs`), narrowed to the user's
 * choice, the checklist item only when any item applies.
 */
export const detailTabsFor = (offered: readonly DetailTab[] | undefined, chosen: readonly string[] | undefined, checklistAvailable: boolean): DetailTab[] =>
  (offered ?? DETAIL_TABS).filter((tab) => (!chosen || chosen.includes(tab)) && (tab !== 'checklist-item' || checklistAvailable));

/** The tab that shows: the asked-for one when it exists here, else the first. */
export const shownTab = <T extends string>(asked: T | undefined, tabs: readonly T[]): T | undefined => (asked && tabs.includes(asked) ? asked : tabs[0]);
