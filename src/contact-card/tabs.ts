import { listProperty, tokenListProperty } from '../internal/token-list.js';
import { DETAIL_TABS, MAIN_TABS, type DetailTab, type MainTab } from '../vocabulary.js';

/** Ids in a `selection` attribute: whitespace-separated, duplicates dropped, order kept. */
export function parseIds(value: string | null): string[] | undefined {
  if (value === null) return undefined;
  return [...new Set(value.split(/\s+/).filter(Boolean))];
}

/** The host's `selection` property as the card reads it (see `listProperty`): text as the attribute's ids. */
export const selectionIds = (value: unknown): readonly string[] | undefined => listProperty(value, parseIds, '<lift-contact-card> selection');

/** The main tabs a card shows: the checklist only when any item applies, projects only when the adapter keeps work. */
export const mainTabsFor = (checklistAvailable: boolean, workAvailable = true): MainTab[] =>
  MAIN_TABS.filter((tab) => (tab !== 'checklist' || checklistAvailable) && (tab !== 'projects' || workAvailable));

/** The host's `detailTabs` property as the card reads it (text as the attribute's tokens). */
export const offeredDetailTabs = (value: unknown): readonly DetailTab[] | undefined => tokenListProperty(value, DETAIL_TABS, '<lift-contact-card> detail-tabs');

/**
 * The detail tabs a card shows: those the host offers (`detail-tabs`, read by `offeredDetailTabs`),
 * narrowed to the user's choice, the checklist item only when any item applies, the project only
 * when the adapter keeps work.
 */
export const detailTabsFor = (offered: readonly DetailTab[] | undefined, chosen: readonly string[] | undefined, checklistAvailable: boolean, workAvailable = true): DetailTab[] =>
  (offeredDetailTabs(offered) ?? DETAIL_TABS).filter((tab) => (!chosen || chosen.includes(tab)) && (tab !== 'checklist-item' || checklistAvailable) && (tab !== 'project' || workAvailable));

/** The tab that shows: the asked-for one when it exists here, else the first. */
export const shownTab = <T extends string>(asked: T | undefined, tabs: readonly T[]): T | undefined => (asked && tabs.includes(asked) ? asked : tabs[0]);
